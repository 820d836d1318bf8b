// PWD-2 in the browser: the rules and their messages come from GET /api/v1/auth/password/policy, so
// what the page says before submitting is word for word what the server would answer. Rules the
// browser cannot check (the breached-password list, the strength estimate) stay the server's.
import { call } from './api.js';
import { fieldError } from './forms.js';

let policy = null;

async function loadPolicy() {
  if (!policy) {
    const result = await call('GET', '/api/v1/auth/password/policy');
    policy = result.ok ? result.data : { rules: [] };
  }
  return policy;
}

const codePoints = (s) => Array.from(s).length;

function hasRun(s, run) {
  let previous = null;
  let count = 0;
  for (const ch of s) {
    count = ch === previous ? count + 1 : 1;
    if (count >= run) {
      return true;
    }
    previous = ch;
  }
  return false;
}

function containsFragment(haystack, value, minLength) {
  if (!value) {
    return false;
  }
  const whole = value.normalize('NFKC').trim().toLowerCase();
  const parts = [whole, ...whole.split(/[^\p{L}\p{N}]+/u)];
  return parts.some((part) => codePoints(part) >= minLength && haystack.includes(part));
}

function broken(rule, password, context) {
  const p = rule.parameters || {};
  const length = codePoints(password);
  switch (rule.code) {
    case 'too_short': return length < p.min_length;
    case 'too_long': return length > p.max_length;
    case 'repeated_characters': return hasRun(password, p.max_consecutive + 1);
    case 'contains_personal_info': {
      const haystack = password.toLowerCase();
      return haystack.includes(p.product_name)
        || containsFragment(haystack, context.emailLocalPart, p.min_fragment_length)
        || containsFragment(haystack, context.displayName, p.min_fragment_length);
    }
    default: return false;
  }
}

/**
 * A check for bindForm: validates body[field] against the policy, and body[confirmField] (a
 * page-only field) against it; shows the server's messages next to the field.
 */
export function policyCheck(field, context = () => ({})) {
  loadPolicy();
  return async (body, form) => {
    const password = (body[field] || '').normalize('NFKC');
    const rules = (await loadPolicy()).rules || [];
    const messages = rules.filter((rule) => broken(rule, password, context(body))).map((rule) => rule.message);
    if (messages.length > 0) {
      fieldError(form, field, messages.join(' '));
      form.querySelector('[name="' + field + '"]').focus();
      return false;
    }
    const confirm = form.querySelector('[data-confirms="' + field + '"]');
    if (confirm && confirm.value !== body[field]) {
      fieldError(form, confirm.name, confirm.dataset.mismatch);
      confirm.focus();
      return false;
    }
    return true;
  };
}

/** Shows the policy's minimum length next to a password field as a hint. */
export async function showHint(element) {
  const rules = (await loadPolicy()).rules || [];
  const short = rules.find((rule) => rule.code === 'too_short');
  if (short && element) {
    element.textContent = short.message;
  }
}
