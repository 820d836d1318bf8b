// ACC-2: the mailed link opens this page; the address is confirmed only when the person presses the
// button (a mail scanner that fetches the link confirms nothing). The token leaves the address bar
// at once so it is not kept in history.
import { bindForm } from './forms.js';

history.replaceState(null, '', location.pathname);
const form = document.getElementById('verify-form');
if (form) {
  bindForm(form, () => {
    sessionStorage.removeItem('portcullis.pending-email');
    form.hidden = true;
    const done = document.getElementById('verified');
    done.hidden = false;
    done.querySelector('h2').focus();
  });
}
