// The account security page. Reads are rendered by the server; every change is one API call with the
// CSRF header, after which the page reloads or says what happened. This is the only kind of page
// on which api.js renews an expired access cookie (data-session="account").
import { bindAll, bindForm, status } from './forms.js';
import { policyCheck } from './password.js';
import { call } from './api.js';

const byId = (id) => document.getElementById(id);

function showCodes(codes) {
  const list = byId('recovery-codes-list');
  list.replaceChildren(...codes.map((code) => {
    const item = document.createElement('li');
    item.textContent = code;
    return item;
  }));
  const panel = byId('recovery-codes');
  panel.hidden = false;
  panel.querySelector('h3').focus();
}

const enrolForm = byId('mfa-enrol-form');
if (enrolForm) {
  bindForm(enrolForm, (data) => {
    byId('mfa-qr').src = data.qr_png_data_uri;
    byId('mfa-secret').textContent = data.secret;
    byId('mfa-uri').href = data.otpauth_uri;
    enrolForm.hidden = true;
    const setup = byId('mfa-setup');
    setup.hidden = false;
    setup.querySelector('h3').focus();
  });
  bindForm(byId('mfa-confirm-form'), (data) => {
    byId('mfa-setup').hidden = true;
    showCodes(data.recovery_codes);
  });
}

const regenerateForm = byId('recovery-form');
if (regenerateForm) {
  bindForm(regenerateForm, (data) => {
    regenerateForm.reset();
    showCodes(data.recovery_codes);
  });
}

const codesDone = byId('recovery-codes-done');
if (codesDone) {
  codesDone.addEventListener('click', () => location.reload());
}

const passwordForm = byId('password-form');
bindForm(passwordForm, undefined, {
  check: policyCheck('new_password', () => ({
    emailLocalPart: (document.body.dataset.email || '').split('@')[0],
    displayName: document.body.dataset.displayName,
  })),
});

const logoutForm = byId('logout-form');
logoutForm.querySelectorAll('button[data-enable]').forEach((b) => { b.disabled = false; });
logoutForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = await call('POST', '/api/v1/auth/logout');
  if (result.ok) {
    location.assign('/login');
  } else {
    status(logoutForm, result.problem.code);
  }
});

bindAll();
