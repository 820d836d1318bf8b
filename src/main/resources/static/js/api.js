// The one way pages call the JSON API (docs/pages.md). Tokens travel only in HttpOnly cookies
// (TOK-6): this module never sees them and never stores anything. State-changing calls carry the
// CSRF token of <meta name="csrf-token"> as X-CSRF-TOKEN (WEB-2).

const JSON_TYPE = 'application/json';

export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : '';
}

// Silent refresh runs on account pages only: a public page never renews a session (WEB-2).
function refreshAllowed() {
  return document.body.dataset.session === 'account';
}

function send(method, url, body, extraHeaders) {
  const headers = { ...extraHeaders, Accept: JSON_TYPE, 'X-Token-Delivery': 'cookie' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['X-CSRF-TOKEN'] = csrfToken();
  }
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store', redirect: 'error' };
  if (body !== undefined) {
    headers['Content-Type'] = JSON_TYPE;
    init.body = JSON.stringify(body);
  }
  return fetch(url, init);
}

let refreshing = null;

// One refresh at a time, however many calls found the access cookie expired.
function refreshSession() {
  if (!refreshing) {
    refreshing = send('POST', '/api/v1/auth/refresh').then((r) => r.ok).catch(() => false)
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

async function parse(response) {
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (response.status !== 204 && (type.includes('json'))) {
    try {
      data = await response.json();
    } catch (ignored) {
      data = null;
    }
  }
  if (response.ok) {
    return { ok: true, status: response.status, data };
  }
  const problem = data && typeof data.code === 'string' ? data : { code: 'internal_error' };
  problem.retryAfter = response.headers.get('Retry-After');
  return { ok: false, status: response.status, problem };
}

/**
 * Calls the API; resolves to {ok, status, data} or {ok: false, status, problem}. Never rejects.
 * extraHeaders carries e.g. the step-up code (X-MFA-Code, MFA-5).
 */
export async function call(method, url, body, extraHeaders = {}) {
  try {
    let response = await send(method, url, body, extraHeaders);
    if (response.status === 401 && refreshAllowed() && !url.startsWith('/api/v1/auth/')) {
      if (await refreshSession()) {
        response = await send(method, url, body, extraHeaders);
      } else {
        location.assign('/login?next=' + encodeURIComponent(location.pathname));
      }
    }
    return await parse(response);
  } catch (networkError) {
    return { ok: false, status: 0, problem: { code: 'network' } };
  }
}

/** The page's own friendly text for a problem code (rendered by the server in the page's language). */
export function problemText(problem) {
  const list = document.getElementById('problem-messages');
  const find = (code) => list && list.querySelector('[data-code="' + CSS.escape(code) + '"]');
  const item = find(problem.code) || find('internal_error');
  let text = item ? item.textContent : problem.code;
  if (problem.code === 'rate_limited' && problem.retryAfter && item && item.dataset.withSeconds) {
    text = item.dataset.withSeconds.replace('{0}', problem.retryAfter);
  }
  return text;
}

/** A translated string the page carries in a data-* attribute of #page-text. */
export function pageText(key) {
  const holder = document.getElementById('page-text');
  return holder ? holder.dataset[key] || '' : '';
}
