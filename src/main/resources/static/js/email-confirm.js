// ACC-6: the link mailed to the new address, confirmed by its signed-in owner.
import { bindForm } from './forms.js';

history.replaceState(null, '', location.pathname);
const form = document.getElementById('email-confirm-form');
if (form) {
  bindForm(form, () => {
    form.hidden = true;
    const done = document.getElementById('email-confirmed');
    done.hidden = false;
    done.querySelector('h2').focus();
  });
}
