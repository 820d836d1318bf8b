// The admin pages (ADM-2). Lists and details are rendered by the server; each change is one call to
// the admin API, whose rules hold unchanged: admin role, MFA session, step-up (forms.js asks for the
// code when the API answers step_up_required), audit.
import { bindAll, bindForm, bindLogout } from './forms.js';

const rolesForm = document.getElementById('roles-form');
if (rolesForm) {
  bindForm(rolesForm, undefined, {
    body: () => ({
      roles: [...rolesForm.querySelectorAll('input[name="role"]:checked')].map((box) => box.value),
    }),
  });
}

bindLogout();
bindAll();
