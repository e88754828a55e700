// The guest landing page: the link's secret travels in the URL fragment, which browsers never send to a server
// (not in the request, not in a Referer). Read it, remove it from the address bar and history, and post it to the
// app, same-origin, which redeems it at Keycloak.
(function () {
  'use strict';
  var hash = window.location.hash || '';
  var secret = '';
  try {
    secret = decodeURIComponent(hash.replace(/^#/, ''));
  } catch (e) {
    secret = '';
  }
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  var status = document.getElementById('guest-status');
  if (!secret) {
    status.textContent = 'This link is incomplete: its key is missing. Check that you copied all of it.';
    status.setAttribute('data-test', 'link-invalid');
    status.id = 'link-invalid';
    return;
  }
  var form = document.createElement('form');
  form.method = 'post';
  form.action = '/guest/session';
  var input = document.createElement('input');
  input.type = 'hidden';
  input.name = 'secret';
  input.value = secret;
  form.appendChild(input);
  document.body.appendChild(form);
  form.submit();
})();
