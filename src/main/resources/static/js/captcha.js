// LOG-5 on the pages: Cloudflare Turnstile, only when the server asks for it (GET /api/v1/auth/captcha).
// In "always" mode the widget is shown with the form; in "after_failures" mode when an answer says
// captcha_required. Its token goes in the X-Captcha-Token header and is spent by one request, so the
// widget is reset after every submission. The script is added by this nonce-loaded module, which the
// CSP's 'strict-dynamic' trusts; the widget's frame is allowed by the CSP only while the CAPTCHA is on.
const TURNSTILE = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';
let settings = null;
let script = null;
const widgets = new WeakMap();

async function captchaSettings() {
  if (!settings) {
    try {
      const response = await fetch('/api/v1/auth/captcha', { credentials: 'same-origin' });
      settings = response.ok ? await response.json() : { mode: 'off' };
    } catch (e) {
      settings = { mode: 'off' };
    }
  }
  return settings;
}

function turnstile() {
  if (!script) {
    script = new Promise((resolve, reject) => {
      const element = document.createElement('script');
      element.src = TURNSTILE;
      element.async = true;
      element.addEventListener('load', () => resolve(window.turnstile));
      element.addEventListener('error', reject);
      document.head.append(element);
    });
  }
  return script;
}

async function render(form) {
  const holder = form.querySelector('[data-captcha]');
  if (!holder || widgets.has(form)) {
    return;
  }
  const { site_key: siteKey } = await captchaSettings();
  const api = await turnstile();
  const state = { token: '', id: null };
  widgets.set(form, state);
  holder.hidden = false;
  state.id = api.render(holder, {
    sitekey: siteKey,
    callback: (token) => { state.token = token; },
    'expired-callback': () => { state.token = ''; },
    'error-callback': () => { state.token = ''; },
  });
}

/** Shows the widget at once when the server always wants it. */
export async function mountCaptcha(form) {
  if (form.querySelector('[data-captcha]') && (await captchaSettings()).mode === 'always') {
    await render(form);
  }
}

/** After a captcha_required answer: show the widget (after_failures mode) for the next try. */
export async function askForCaptcha(form) {
  if ((await captchaSettings()).mode !== 'off') {
    await render(form);
  }
}

export function captchaHeaders(form) {
  const state = widgets.get(form);
  return state && state.token ? { 'X-Captcha-Token': state.token } : {};
}

/** A token is good for one request: the next submission needs a fresh one. */
export function resetCaptcha(form) {
  const state = widgets.get(form);
  if (state && state.token && window.turnstile) {
    state.token = '';
    window.turnstile.reset(state.id);
  }
}
