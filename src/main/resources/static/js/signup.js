// Sign-up (ACC-1) with the server's password policy checked as the user submits (PWD-2).
import { bindForm } from './forms.js';
import { policyCheck, showHint } from './password.js';

const form = document.getElementById('signup-form');
showHint(document.getElementById('password-hint'));

bindForm(form, () => {
  // Only the address (never a token) is remembered for the resend form of the next page.
  sessionStorage.setItem('portcullis.pending-email', form.querySelector('[name=email]').value);
  location.assign('/verify-email/sent');
}, {
  check: policyCheck('password', (body) => ({
    emailLocalPart: (body.email || '').split('@')[0],
    displayName: body.display_name,
  })),
});
