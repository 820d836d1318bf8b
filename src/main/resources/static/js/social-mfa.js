// MFA-3 after a provider sign-in (templates/social/mfa.html): the mfa_token lives in this page only.
(function () {
  var form = document.getElementById('social-mfa');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var code = form.elements.code.value.replace(/\s+/g, '');
    var body = { mfa_token: form.elements.mfa_token.value };
    body[/^\d{6}$/.test(code) ? 'code' : 'recovery_code'] = code;
    fetch('/api/v1/auth/mfa', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Token-Delivery': 'cookie',
        'X-CSRF-TOKEN': document.querySelector('meta[name="csrf-token"]').content },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (response.ok) {
        window.location.assign(form.dataset.redirectTo);
      } else {
        form.querySelector('[role="alert"]').hidden = false;
      }
    });
  });
})();
