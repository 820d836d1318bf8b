// ACC-3: resend the verification mail, with the server's cooldown shown as a countdown. The
// cooldown starts when the page opens (a mail was just sent) and after every resend; a 429 answer
// sets it from Retry-After.
import { bindForm, status } from './forms.js';
import { pageText } from './api.js';

const form = document.getElementById('resend-form');
const button = form.querySelector('button[type=submit]');
const countdown = document.getElementById('cooldown');
const email = form.querySelector('[name=email]');
const cooldown = Number(form.dataset.cooldown || '60');
let timer = null;

function startCooldown(seconds) {
  clearInterval(timer);
  let left = seconds;
  const tick = () => {
    if (left <= 0) {
      clearInterval(timer);
      button.disabled = false;
      countdown.textContent = pageText('ready');
      return;
    }
    button.disabled = true;
    countdown.textContent = pageText('wait').replace('{0}', left);
    left -= 1;
  };
  tick();
  timer = setInterval(tick, 1000);
}

const pending = sessionStorage.getItem('portcullis.pending-email');
if (pending && !email.value) {
  email.value = pending;
}

bindForm(form, () => {
  status(form, form.dataset.success, 'ok');
  startCooldown(cooldown);
}, {
  onProblem: (problem) => {
    if (problem.code === 'rate_limited' && problem.retryAfter) {
      startCooldown(Number(problem.retryAfter));
    }
  },
});

if (pending) {
  startCooldown(cooldown);
}
