// MFA-3 after a provider sign-in (docs/social-login.md): the mfa_token travels in this page's form
// only, never in a URL. A six-digit entry is a TOTP code, anything else a recovery code.
import { call } from './api.js';

const form = document.getElementById('social-mfa');
form.querySelectorAll('button[data-enable]').forEach((b) => { b.disabled = false; });
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const code = form.elements.code.value.replace(/\s+/g, '');
  const body = { mfa_token: form.elements.mfa_token.value };
  body[/^\d{6}$/.test(code) ? 'code' : 'recovery_code'] = code;
  const result = await call('POST', '/api/v1/auth/mfa', body);
  if (result.ok) {
    window.location.assign(form.dataset.redirectTo);
  } else {
    form.querySelector('[role="alert"]').hidden = false;
  }
});
