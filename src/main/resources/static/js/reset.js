// RST-2: a new password through the mailed link, checked against the server's policy first (PWD-2).
import { bindForm } from './forms.js';
import { policyCheck, showHint } from './password.js';

history.replaceState(null, '', location.pathname);
const form = document.getElementById('reset-form');
if (form) {
  showHint(document.getElementById('password-hint'));
  bindForm(form, () => {
    form.hidden = true;
    const done = document.getElementById('reset-done');
    done.hidden = false;
    done.querySelector('h2').focus();
  }, { check: policyCheck('new_password') });
}
