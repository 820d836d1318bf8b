// The account security page. Reads are rendered by the server; every change is one API call with the
// CSRF header, after which the page reloads or says what happened. This is the only kind of page
// on which api.js renews an expired access cookie (data-session="account").
import { bindAll, bindForm, bindLogout, status } from './forms.js';
import { policyCheck } from './password.js';
import { call, problemText } from './api.js';

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

// KEY-1: the new key is in the 201 answer only; it is shown here once and never stored.
const keyForm = byId('api-key-form');
if (keyForm) {
  bindForm(keyForm, (data) => {
    keyForm.hidden = true;
    byId('api-key-value').textContent = data.key;
    const created = byId('api-key-created');
    created.hidden = false;
    created.querySelector('h3').focus();
  }, {
    body: (body) => {
      const scopes = [...keyForm.querySelectorAll('input[name="scope"]:checked')].map((box) => box.value);
      const adjusted = { name: body.name, scopes };
      if (body.expires_in_days) {
        adjusted.expires_in_days = Number(body.expires_in_days);
      }
      return adjusted;
    },
  });
  byId('api-key-done').addEventListener('click', () => {
    byId('api-key-value').textContent = '';
    location.reload();
  });
}

// OAU-4: linked identities come from the API; every text goes in through textContent.
const identitiesList = byId('identities-list');
if (identitiesList) {
  const texts = byId('identities-text').dataset;
  const rowTemplate = byId('identity-row');
  call('GET', '/api/v1/me/identities').then((result) => {
    const items = result.ok && Array.isArray(result.data) ? result.data : [];
    byId('identities-empty').hidden = items.length > 0;
    identitiesList.replaceChildren(...items.map((identity) => {
      const row = rowTemplate.content.firstElementChild.cloneNode(true);
      row.querySelector('[data-field="provider"]').textContent = identity.provider;
      row.querySelector('[data-field="email"]').textContent = identity.email || '';
      const form = row.querySelector('form');
      form.dataset.identityId = identity.id;
      const button = form.querySelector('button');
      button.setAttribute('aria-label', texts.unlinkNamed.replace('{0}', identity.provider));
      bindForm(form, () => location.reload(), {
        onProblem: (problem) => {
          // 409: the last way to sign in (no password, no other provider) is never removed.
          if (problem.code === 'conflict') {
            status(form, texts.last, 'error');
          }
        },
      });
      return row;
    }));
    if (!result.ok && result.status !== 404) {
      byId('identities-empty').hidden = false;
      byId('identities-empty').textContent = problemText(result.problem);
    }
  });
}

bindLogout();
bindAll();
