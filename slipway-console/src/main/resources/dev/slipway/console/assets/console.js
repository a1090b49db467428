// Slipway console: a few behaviours, no framework. Every state change is a same-origin POST of JSON
// with the session's CSRF token in X-CSRF-Token; the server (and the API behind it) decides.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';

  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, 'Accept': 'application/json' },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.text().then(function (t) {
        var json = {};
        try { json = t ? JSON.parse(t) : {}; } catch (e) { json = { error: t }; }
        return { status: r.status, ok: r.ok, json: json };
      });
    });
  }

  function fields(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) { return; }
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) { return; }
      out[el.name] = el.value;
    });
    return out;
  }

  function say(form, text, ok) {
    var box = form.querySelector('[data-result]');
    if (box) { box.textContent = text; box.className = 'result ' + (ok ? 'ok' : 'bad'); }
  }

  // forms with data-action: POST their fields as JSON; data-then says what to do with a success
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (form.hasAttribute('data-signin')) { ev.preventDefault(); signIn(form); return; }
    var action = form.getAttribute('data-action');
    if (!action) { return; }
    ev.preventDefault();
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) { return; }
    var button = form.querySelector('button[type="submit"]');
    if (button) { button.disabled = true; }
    say(form, 'Working…', true);
    post(action, fields(form)).then(function (r) {
      if (button) { button.disabled = false; }
      if (!r.ok) { say(form, (r.json.error || ('failed: HTTP ' + r.status)), false); return; }
      var then = form.getAttribute('data-then');
      if (then === 'run' && r.json.id) { window.location.href = '/pipelines/runs/' + encodeURIComponent(r.json.id); return; }
      if (then === 'answer') {
        say(form, 'HTTP ' + r.json.status + ' in ' + r.json.millis + ' ms from ' + r.json.url, r.json.status < 400);
        var out = form.querySelector('[data-answer]');
        var text = r.json.answer;
        try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON: as is */ }
        if (out) { out.textContent = text; }
        return;
      }
      say(form, 'Done.', true);
      if (then === 'reload') { window.setTimeout(function () { window.location.reload(); }, 300); }
    }, function (e) {
      if (button) { button.disabled = false; }
      say(form, 'The console did not answer: ' + e, false);
    });
  });

  // try-it: switching the protocol puts that protocol's example body in the box
  document.addEventListener('change', function (ev) {
    var el = ev.target;
    if (el.name === 'protocol' && el.form) {
      var box = el.form.querySelector('textarea[name="body"]');
      if (box && box.getAttribute('data-' + el.value)) { box.value = box.getAttribute('data-' + el.value); }
    }
  });

  function signIn(form, body) {
    say(form, 'Signing in…', true);
    post('/signin', body || { token: form.querySelector('[name="token"]').value.trim() }).then(function (r) {
      if (!r.ok) { say(form, r.json.error || ('HTTP ' + r.status), false); return; }
      window.location.href = form.getAttribute('data-next') || '/';
    });
  }

  // a one-time link (slipway token create --web) carries its secret in the fragment, which no request sends; it
  // leaves the address bar and the history at once and is posted once (the server then forgets it)
  var signInForm = document.querySelector('[data-signin]');
  function signInByLink() {
    if (signInForm && window.location.hash.indexOf('#link=') === 0) {
      var secret = decodeURIComponent(window.location.hash.substring(6));
      history.replaceState(null, '', window.location.pathname + window.location.search);
      signIn(signInForm, { link: secret });
    }
  }
  signInByLink();
  // a link opened while this page is already shown changes only the fragment: no new page load
  window.addEventListener('hashchange', signInByLink);

  var out = document.querySelector('[data-signout]');
  if (out) {
    out.addEventListener('click', function () {
      post('/signout', {}).then(function () { window.location.href = '/signin'; });
    });
  }

  // a running run: stages, state and new log lines arrive as server-sent events
  var log = document.querySelector('[data-events]');
  if (log && window.EventSource) {
    var source = new EventSource(log.getAttribute('data-events'));
    var follow = true;
    log.addEventListener('scroll', function () {
      follow = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    });
    source.addEventListener('stages', function (e) {
      document.getElementById('stages').innerHTML = e.data;
    });
    source.addEventListener('state', function (e) {
      var badge = document.getElementById('run-state');
      if (badge) { badge.textContent = e.data; badge.setAttribute('data-state', e.data); }
      // an ended run has nothing to cancel: the button goes with the state, not at the reload after 'end'
      if (['Pending', 'Started', 'Running'].indexOf(e.data) < 0) {
        Array.prototype.forEach.call(document.querySelectorAll('form[data-action$="/cancel"]'), function (f) {
          f.parentNode.removeChild(f);
        });
      }
    });
    source.addEventListener('log', function (e) {
      log.appendChild(document.createTextNode(e.data + '\n'));
      if (follow) { log.scrollTop = log.scrollHeight; }
    });
    source.addEventListener('end', function () {
      source.close();
      window.setTimeout(function () { window.location.reload(); }, 800);
    });
    source.addEventListener('problem', function () { source.close(); });
  }
})();
