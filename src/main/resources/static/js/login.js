// Sign-in (LOG-1) and its second step (MFA-3). The challenge token of the second step is kept in this
// module's memory only, never in storage or the address bar; the tokens themselves arrive as HttpOnly
// cookies (X-Token-Delivery: cookie) and are never visible here.
import { bindForm, clearErrors } from './forms.js';

const passwordStep = document.getElementById('password-step');
const mfaStep = document.getElementById('mfa-step');
const loginForm = document.getElementById('login-form');
const mfaForm = document.getElementById('mfa-form');
const unverified = document.getElementById('unverified-banner');
const next = loginForm.dataset.next || '/account/security';
let mfaToken = null;

function showStep(mfa) {
  passwordStep.hidden = mfa;
  mfaStep.hidden = !mfa;
  const heading = (mfa ? mfaStep : passwordStep).querySelector('h1');
  document.title = heading.textContent + ' · Portcullis';
  heading.focus();
}

bindForm(loginForm, (data) => {
  if (data && data.mfa_required) {
    mfaToken = data.mfa_token;
    clearErrors(mfaForm);
    showStep(true);
    history.pushState({ step: 'mfa' }, '', '/mfa');
    mfaForm.querySelector('input:not([disabled]):not([type=hidden])').focus();
  } else {
    location.assign(next);
  }
}, {
  onProblem: (problem) => {
    unverified.hidden = problem.code !== 'email_not_verified';
  },
});

bindForm(mfaForm, () => location.assign(next), {
  body: (body) => ({ ...body, mfa_token: mfaToken }),
  onProblem: (problem) => {
    // An expired or spent challenge cannot be answered again: back to the password.
    if (problem.code === 'invalid_token') {
      mfaToken = null;
      showStep(false);
      history.replaceState(null, '', '/login');
    }
  },
});

// The second step answers with a TOTP code or with a recovery code: one field is active at a time.
const codeField = document.getElementById('code-field');
const recoveryField = document.getElementById('recovery-field');
const toggle = document.getElementById('use-recovery');
toggle.addEventListener('click', () => {
  const useRecovery = recoveryField.hidden;
  recoveryField.hidden = !useRecovery;
  codeField.hidden = useRecovery;
  recoveryField.querySelector('input').disabled = !useRecovery;
  codeField.querySelector('input').disabled = useRecovery;
  toggle.textContent = useRecovery ? toggle.dataset.codeLabel : toggle.dataset.recoveryLabel;
  (useRecovery ? recoveryField : codeField).querySelector('input').focus();
});

window.addEventListener('popstate', () => {
  mfaToken = null;
  showStep(false);
});
