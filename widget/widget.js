/*
 * Tendril form widget. Finds every <div data-tendril-form="SLUG">, loads the form's definition
 * from the server this script came from, renders it in a Shadow DOM, and posts JSON.
 * Plain JavaScript with no dependencies.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var base = script ? new URL(script.src, location.href).origin : location.origin;
  var ATTRIBUTION = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
    'gclid'];

  var STYLE = [
    ':host{all:initial;display:block;font:16px/1.5 var(--tendril-font,system-ui,sans-serif);',
    'color:var(--tendril-text,#1f2933)}',
    'form{display:block}',
    '.field{margin:0 0 16px}',
    'label{display:block;font-weight:600;margin:0 0 6px}',
    'input:not([type=checkbox]),textarea{box-sizing:border-box;width:100%;padding:10px 12px;',
    'font:inherit;color:inherit;border:1px solid var(--tendril-border,#9aa5b1);border-radius:6px;',
    'background:#fff}',
    '.check{display:flex;gap:10px;align-items:flex-start;font-weight:400}',
    '[aria-invalid=true]{border-color:#b91c1c}',
    '.error{color:#b91c1c;font-size:.875rem;margin:4px 0 0}',
    '.status{margin:0 0 12px}',
    'button{font:inherit;font-weight:600;color:#fff;background:var(--tendril-accent,#1d4ed8);',
    'border:0;border-radius:6px;padding:12px 20px;cursor:pointer}',
    'button[disabled]{opacity:.6;cursor:progress}',
    ':focus-visible{outline:3px solid #93c5fd;outline-offset:1px}'
  ].join('');

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var key in attrs) {
      if (attrs[key] !== undefined && attrs[key] !== null && attrs[key] !== false) {
        node.setAttribute(key, attrs[key] === true ? '' : attrs[key]);
      }
    }
    if (text) node.textContent = text;
    return node;
  }

  function attribution() {
    var params = new URLSearchParams(location.search);
    var data = {};
    ATTRIBUTION.forEach(function (name) {
      if (params.get(name)) data[name] = params.get(name);
    });
    if (document.referrer) data.referrer = document.referrer;
    data.page_url = location.href;
    try {
      data.time_zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) { /* Older browsers: the lead keeps the sequence's time zone. */ }
    return data;
  }

  function renderField(field, uid) {
    var id = uid + '-' + field.name;
    var wrap = el('div', { class: 'field' });
    var input;
    if (field.type === 'hidden') {
      return el('input', { type: 'hidden', name: field.name });
    }
    if (field.type === 'checkbox' || field.type === 'consent') {
      var label = el('label', { class: 'check', for: id });
      input = el('input', { id: id, name: field.name, type: 'checkbox',
        'aria-required': field.required ? 'true' : null });
      label.appendChild(input);
      label.appendChild(el('span', {}, field.label));
      wrap.appendChild(label);
    } else {
      wrap.appendChild(el('label', { for: id }, field.label + (field.required ? ' *' : '')));
      var types = { email: 'email', phone: 'tel', number: 'number', date: 'date' };
      input = el(field.type === 'textarea' ? 'textarea' : 'input', {
        id: id, name: field.name, type: field.type === 'textarea' ? null
          : (types[field.type] || 'text'),
        placeholder: field.placeholder, maxlength: field.max_length,
        'aria-required': field.required ? 'true' : null,
        autocomplete: field.type === 'email' ? 'email' : field.name === 'name' ? 'name' : null
      });
      wrap.appendChild(input);
    }
    wrap.appendChild(el('p', { class: 'error', id: id + '-error', hidden: true }));
    return wrap;
  }

  function values(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name) return;
      data[input.name] = input.type === 'checkbox' ? input.checked : input.value;
    });
    return data;
  }

  function showErrors(form, uid, errors) {
    var first = null;
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name) return;
      var message = errors[input.name];
      var note = form.querySelector('#' + CSS.escape(uid + '-' + input.name + '-error'));
      if (!note) return;
      note.hidden = !message;
      note.textContent = message || '';
      input.setAttribute('aria-invalid', message ? 'true' : 'false');
      if (message) {
        input.setAttribute('aria-describedby', note.id);
        if (!first) first = input;
      } else {
        input.removeAttribute('aria-describedby');
      }
    });
    if (first) first.focus();
  }

  function mount(host, index) {
    var slug = host.getAttribute('data-tendril-form');
    var uid = 'tendril-' + index;
    var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    root.appendChild(el('style', {}, STYLE));

    fetch(base + '/forms/' + encodeURIComponent(slug) + '.json', { credentials: 'omit' })
      .then(function (response) {
        if (!response.ok) throw new Error('form ' + slug + ': HTTP ' + response.status);
        return response.json();
      })
      .then(function (definition) {
        var form = el('form', { novalidate: true, 'aria-label': definition.name });
        var status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
        form.appendChild(status);
        definition.fields.forEach(function (field) {
          form.appendChild(renderField(field, uid));
        });
        var button = el('button', { type: 'submit' }, definition.submit_label || 'Submit');
        form.appendChild(button);
        root.appendChild(form);

        var sending = false;
        form.addEventListener('submit', function (event) {
          event.preventDefault();
          if (sending) return;
          sending = true;
          button.disabled = true;
          status.textContent = 'Sending…';
          var body = Object.assign(attribution(), values(form));
          fetch(base + '/f/' + encodeURIComponent(slug), {
            method: 'POST', credentials: 'omit',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body)
          }).then(function (response) {
            return response.json().catch(function () { return {}; }).then(function (json) {
              if (response.ok) {
                form.replaceChildren(el('p', { role: 'status' }, definition.thank_you_message));
                return;
              }
              if (response.status === 422 && json.errors) {
                status.textContent = 'Please correct the highlighted fields.';
                showErrors(form, uid, json.errors);
              } else {
                status.textContent = (json.error && json.error.message)
                  || 'Something went wrong. Please try again.';
              }
            });
          }).catch(function () {
            status.textContent = 'No connection. Check your network and try again.';
          }).finally(function () {
            sending = false;
            button.disabled = false;
          });
        });
      })
      .catch(function (error) {
        root.appendChild(el('p', { role: 'alert' }, 'This form could not be loaded.'));
        if (window.console) console.warn('Tendril widget:', error.message);
      });
  }

  function start() {
    var hosts = document.querySelectorAll('[data-tendril-form]');
    Array.prototype.forEach.call(hosts, function (host, index) {
      if (!host.shadowRoot && !host.hasAttribute('data-tendril-mounted')) {
        host.setAttribute('data-tendril-mounted', '');
        mount(host, index);
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
