// Passkeys: a form marked data-passkey="create" (add one) or "get" (sign in with one) is shown only where the browser has
// passkeys. Its button asks the site for the options (posting the form, so the anti-forgery token goes too), hands them to
// the browser's authenticator, and posts the authenticator's answer in the form's "credential" field. A cancelled or failed
// ceremony posts an empty answer, so the site says what went wrong in the page's language.
(function () {
  'use strict';
  var supported = window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON && PublicKeyCredential.parseRequestOptionsFromJSON;
  if (!supported) return;
  document.querySelectorAll('[data-passkey-unsupported]').forEach(function (note) { note.hidden = true; });
  document.querySelectorAll('form[data-passkey]').forEach(function (form) {
    form.hidden = false;
    var answer = form.querySelector('input[name=credential]');
    var button = form.querySelector('#passkey');
    // The button is not a submit button (the form's only way to be posted is with the authenticator's answer), but Enter in the
    // passkey's name field still submits the form: both start the ceremony.
    button.addEventListener('click', ceremony);
    form.addEventListener('submit', function (event) { event.preventDefault(); ceremony(); });
    function ceremony() {
      if (button.disabled) return;
      button.disabled = true;
      var creating = form.dataset.passkey === 'create';
      fetch(form.dataset.options, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error('The site did not give the passkey options: ' + response.status);
          return response.json();
        })
        .then(function (options) {
          return creating
            ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
            : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        })
        .then(function (credential) { answer.value = JSON.stringify(credential); })
        .catch(function () { answer.value = ''; })
        .then(function () { form.submit(); });
    }
  });
})();
