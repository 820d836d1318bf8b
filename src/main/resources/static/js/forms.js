// Forms that talk to the API. A form declares its call in data-api / data-method and what follows
// success in data-then ("reload", "go:/path", "status"); page modules pass their own onSuccess.
// Errors are announced in the form's role=alert status and next to the fields (WEB-1, accessible).
import { call, problemText } from './api.js';
import { askForCaptcha, captchaHeaders, mountCaptcha, resetCaptcha } from './captcha.js';

export function values(form) {
  const body = {};
  for (const input of form.querySelectorAll('input[name], select[name], textarea[name]')) {
    if (input.name === '_csrf' || input.disabled || input.dataset.local !== undefined) {
      continue;
    }
    if (input.type === 'checkbox') {
      body[input.name] = input.checked;
    } else if (input.value !== '' || input.dataset.sendEmpty !== undefined) {
      body[input.name] = input.value;
    }
  }
  return body;
}

export function status(form, text, kind) {
  const region = form.querySelector('[data-status]');
  if (!region) {
    return;
  }
  region.textContent = text;
  region.className = 'form-status' + (kind ? ' ' + kind : '');
  region.hidden = !text;
}

export function clearErrors(form) {
  status(form, '');
  for (const error of form.querySelectorAll('[data-error-for]')) {
    error.textContent = '';
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
  }
}

export function fieldError(form, field, message) {
  const slot = form.querySelector('[data-error-for="' + CSS.escape(field) + '"]');
  const input = form.querySelector('[name="' + CSS.escape(field) + '"]');
  if (!slot || !input) {
    return false;
  }
  slot.textContent = message;
  input.setAttribute('aria-invalid', 'true');
  return true;
}

export function showProblem(form, problem) {
  status(form, problemText(problem), 'error');
  let first = null;
  for (const error of problem.errors || []) {
    if (fieldError(form, error.field, error.message) && !first) {
      first = form.querySelector('[name="' + CSS.escape(error.field) + '"]');
    }
  }
  const region = form.querySelector('[data-status]');
  (first || region || form).focus();
}

function expand(template, form) {
  return template.replace(/\{(\w+)\}/g, (all, key) => encodeURIComponent(form.dataset[key] || ''));
}

function defaultSuccess(data, form) {
  const then = form.dataset.then || 'status';
  if (then === 'reload') {
    location.reload();
  } else if (then.startsWith('go:')) {
    location.assign(then.substring(3));
  } else {
    status(form, form.dataset.success || '', 'ok');
    form.querySelector('[data-status]')?.focus();
    for (const input of form.querySelectorAll('input[type=password]')) {
      input.value = '';
    }
  }
}

// MFA-5: a sensitive change answered with step_up_required is sent again with a code from the
// authenticator in X-MFA-Code; the form carries the field (fields.html stepUp), hidden until asked for.
function stepUpField(form) {
  const holder = form.querySelector('[data-step-up]');
  return holder ? { holder, input: holder.querySelector('input') } : null;
}

function stepUpHeaders(form) {
  const field = stepUpField(form);
  const code = field && !field.holder.hidden ? field.input.value.replace(/\s/g, '') : '';
  return code ? { 'X-MFA-Code': code } : {};
}

function askForStepUp(form) {
  const field = stepUpField(form);
  if (!field) {
    return;
  }
  field.holder.hidden = false;
  field.input.required = true;
  field.input.value = '';
  field.input.focus();
}

function hideStepUp(form) {
  const field = stepUpField(form);
  if (field) {
    field.holder.hidden = true;
    field.input.required = false;
    field.input.value = '';
  }
}

/**
 * Submits `form` through the API. options.body(values) may adjust the JSON; options.check(values)
 * returns false to stop (after showing its own errors); options.onProblem(problem, form) runs after the
 * error is shown; onSuccess(data, form) replaces data-then.
 */
export function bindForm(form, onSuccess, options = {}) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    let body = values(form);
    if (options.check && !(await options.check(body, form))) {
      return;
    }
    if (options.body) {
      body = options.body(body);
    }
    const method = (form.dataset.method || 'POST').toUpperCase();
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    form.setAttribute('aria-busy', 'true');
    const result = await call(method, expand(form.dataset.api, form),
      method === 'GET' || method === 'DELETE' && Object.keys(body).length === 0 ? undefined : body,
      { ...stepUpHeaders(form), ...captchaHeaders(form) });
    resetCaptcha(form);
    form.removeAttribute('aria-busy');
    buttons.forEach((b) => { b.disabled = false; });
    if (result.ok) {
      hideStepUp(form);
      await (onSuccess || defaultSuccess)(result.data, form);
    } else {
      showProblem(form, result.problem);
      if (result.problem.code === 'step_up_required') {
        askForStepUp(form);
      }
      if (result.problem.code === 'captcha_required') {
        await askForCaptcha(form);
      }
      if (options.onProblem) {
        options.onProblem(result.problem, form);
      }
    }
  });
  // Submit buttons start disabled so that without this module no form can post a password anywhere.
  form.querySelectorAll('button[data-enable]').forEach((b) => { b.disabled = false; });
  mountCaptcha(form);
}

/** The sign-out button of every signed-in page's header. */
export function bindLogout() {
  const logoutForm = document.getElementById('logout-form');
  if (!logoutForm) {
    return;
  }
  logoutForm.querySelectorAll('button[data-enable]').forEach((b) => { b.disabled = false; });
  logoutForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await call('POST', '/api/v1/auth/logout');
    if (result.ok) {
      location.assign('/login');
    } else {
      status(logoutForm, problemText(result.problem), 'error');
    }
  });
}

/** Binds every form[data-api] not bound by the page's module. */
export function bindAll(root = document) {
  for (const form of root.querySelectorAll('form[data-api]:not([data-custom])')) {
    bindForm(form);
  }
}
