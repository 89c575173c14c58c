/*
 * Tendril form widget. Finds every <div data-tendril-form="SLUG">, loads the form's definition
 * from the server this script came from, renders it in an open Shadow DOM, and posts JSON.
 * When the server returns 404 for the definition, it shows that the form is not available. When
 * the definition cannot be loaded for another reason, it links to the hosted form at /f/SLUG.
 * It also sizes <iframe> embeds of /f/SLUG?embed=1 from their postMessage reports.
 * Plain JavaScript with no dependencies; its gzipped size is capped by WidgetSizeTest.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var base = script ? new URL(script.src, location.href).origin : location.origin;
  var ATTRIBUTION = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
    'gclid'];
  var RETRY_DELAYS = [1000, 2000, 4000];

  // The .t wrapper resets every property, so nothing inherited from the host page leaks in.
  // Custom properties still inherit: they are the theming interface.
  var STYLE = [
    ':host{display:block}',
    '.t{all:initial;display:block;font:var(--tendril-font-size,16px)/1.5 ',
    'var(--tendril-font,system-ui,sans-serif);color:var(--tendril-text,#1f2933);',
    'background:var(--tendril-background,transparent)}',
    '.t *{box-sizing:border-box}',
    '.f{margin:0 0 16px}',
    'label,legend{display:block;font-weight:600;margin:0 0 6px;padding:0}',
    'fieldset{border:0;margin:0;padding:0;min-width:0}',
    'input:not([type=checkbox]),textarea,select{display:block;width:100%;padding:10px 12px;',
    'font:inherit;color:inherit;background:var(--tendril-field,#fff);',
    'border:1px solid var(--tendril-border,#7b8794);border-radius:var(--tendril-radius,6px)}',
    'textarea{min-height:6em;resize:vertical}',
    '::placeholder{color:#616e7c;opacity:1}',
    '.c{display:flex;gap:10px;align-items:flex-start;font-weight:400}',
    '.c input{margin:4px 0 0;width:18px;height:18px;flex:none}',
    '.t [aria-invalid=true]{border-color:var(--tendril-error,#b91c1c);border-width:2px}',
    '.h{font-size:.875rem;color:#52606d;margin:4px 0 0}',
    '.e{color:var(--tendril-error,#b91c1c);font-size:.875rem;margin:4px 0 0}',
    '.e:empty,.s:empty{display:none}',
    '.s{margin:0 0 12px;padding:10px 12px;border-radius:var(--tendril-radius,6px);',
    'background:var(--tendril-notice,#eff6ff)}',
    '.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}',
    'button{font:inherit;font-weight:600;color:var(--tendril-accent-text,#fff);',
    'background:var(--tendril-accent,#1d4ed8);border:0;border-radius:var(--tendril-radius,6px);',
    'padding:12px 20px;cursor:pointer}',
    'button[disabled]{cursor:progress;opacity:.75}',
    'a{color:var(--tendril-accent,#1d4ed8)}',
    ':focus-visible{outline:3px solid var(--tendril-focus,#1d4ed8);outline-offset:2px}'
  ].join('');

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var key in attrs) {
      var value = attrs[key];
      if (value !== undefined && value !== null && value !== false) {
        node.setAttribute(key, value === true ? '' : value);
      }
    }
    if (text) node.textContent = text;
    return node;
  }

  function params() {
    return new URLSearchParams(location.search);
  }

  function attribution() {
    var query = params();
    var data = {};
    ATTRIBUTION.forEach(function (name) {
      if (query.get(name)) data[name] = query.get(name);
    });
    if (document.referrer) data.referrer = document.referrer;
    data.page_url = location.href;
    try {
      data.time_zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) { /* No Intl: the lead keeps no time zone. */ }
    return data;
  }

  function option(value) {
    return typeof value === 'object' ? value : { value: value, label: value };
  }

  function control(field, id, described) {
    var types = { email: 'email', phone: 'tel', number: 'number', date: 'date' };
    var auto = { email: 'email', name: 'name', phone: 'tel', company: 'organization' };
    var common = { id: id, name: field.name, required: field.required,
      'aria-describedby': described };
    if (field.type === 'select') {
      var select = el('select', common);
      select.appendChild(el('option', { value: '' }, field.placeholder || 'Choose…'));
      (field.options || []).forEach(function (value) {
        var choice = option(value);
        select.appendChild(el('option', { value: choice.value }, choice.label));
      });
      return select;
    }
    common.placeholder = field.placeholder;
    common.maxlength = field.max_length;
    if (field.type === 'textarea') return el('textarea', common);
    common.type = types[field.type] || 'text';
    common.pattern = field.pattern;
    common.autocomplete = auto[field.type] || auto[field.name];
    return el('input', common);
  }

  function renderField(field, id, dom) {
    var wrap = el('div', { class: 'f' });
    var help = field.help ? el('p', { class: 'h', id: id + '-h' }, field.help) : null;
    var error = el('p', { class: 'e', id: id + '-e' });
    var input;
    if (field.type === 'checkbox' || field.type === 'consent') {
      input = el('input', { id: id, name: field.name, type: 'checkbox',
        required: field.required, 'aria-required': field.required && 'true',
        'aria-describedby': help && help.id });
      var label = el('label', { class: 'c', for: id });
      label.appendChild(input);
      label.appendChild(el('span', {}, field.label + (field.required ? ' *' : '')));
      wrap.appendChild(label);
    } else if (field.type === 'multi-select') {
      input = el('fieldset', { id: id, 'aria-describedby': help && help.id });
      input.appendChild(el('legend', {}, field.label + (field.required ? ' *' : '')));
      (field.options || []).forEach(function (value, i) {
        var choice = option(value);
        var label = el('label', { class: 'c' });
        label.appendChild(el('input', { type: 'checkbox', name: field.name, value: choice.value,
          id: id + '-' + i }));
        label.appendChild(el('span', {}, choice.label));
        input.appendChild(label);
      });
      wrap.appendChild(input);
    } else {
      wrap.appendChild(el('label', { for: id }, field.label + (field.required ? ' *' : '')));
      input = control(field, id, help && help.id);
      wrap.appendChild(input);
    }
    if (help) wrap.appendChild(help);
    wrap.appendChild(error);
    dom[field.name] = { input: input, error: error, help: help && help.id, field: field };
    return wrap;
  }

  function hidden(field) {
    var value = field.param ? params().get(field.param) : null;
    return el('input', { type: 'hidden', name: field.name,
      value: value !== null ? value : (field.default || '') });
  }

  function valueOf(form, name, type) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    if (type === 'multi-select') {
      return Array.prototype.filter.call(inputs, function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    }
    var input = inputs[0];
    return input.type === 'checkbox' ? input.checked : input.value;
  }

  function showErrors(dom, errors) {
    var first = null;
    var other = [];
    Object.keys(dom).forEach(function (name) {
      var item = dom[name];
      var message = errors[name] || '';
      var group = item.input.tagName === 'FIELDSET';
      var inputs = group ? item.input.querySelectorAll('input') : [item.input];
      var described = [item.help, message ? item.error.id : null].filter(Boolean).join(' ');
      item.error.textContent = message;
      if (described) item.input.setAttribute('aria-describedby', described);
      else item.input.removeAttribute('aria-describedby');
      Array.prototype.forEach.call(inputs, function (input) {
        if (message) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      });
      if (message && !first) first = inputs[0];
    });
    Object.keys(errors).forEach(function (name) {
      if (!dom[name]) other.push(errors[name]);
    });
    return { first: first, other: other };
  }

  // Finds a nonce such that SHA-256(challenge + nonce) starts with `bits` zero bits.
  function proofOfWork(pow) {
    var encoder = new TextEncoder();
    function zeroBits(bytes) {
      var count = 0;
      for (var i = 0; i < bytes.length; i++) {
        if (bytes[i] === 0) { count += 8; continue; }
        return count + Math.clz32(bytes[i]) - 24;
      }
      return count;
    }
    function attempt(nonce) {
      return crypto.subtle.digest('SHA-256', encoder.encode(pow.challenge + nonce))
        .then(function (hash) {
          return zeroBits(new Uint8Array(hash)) >= pow.bits ? String(nonce) : attempt(nonce + 1);
        });
    }
    return attempt(0);
  }

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  // Posts the body, retrying network failures and 502-504 answers with backoff. It calls
  // notice(seconds) before each retry so the visitor sees what is happening.
  function post(url, body, notice, attempt) {
    attempt = attempt || 0;
    return fetch(url, { method: 'POST', credentials: 'omit',
      headers: { 'Content-Type': 'application/json' }, body: body })
      .then(function (response) {
        if (response.status < 502 || response.status > 504) return response;
        throw new Error('HTTP ' + response.status);
      })
      .catch(function (error) {
        if (attempt >= RETRY_DELAYS.length) throw error;
        notice(RETRY_DELAYS[attempt] / 1000);
        return wait(RETRY_DELAYS[attempt]).then(function () {
          return post(url, body, notice, attempt + 1);
        });
      });
  }

  function build(root, slug, definition) {
    var form = el('form', { novalidate: true, 'aria-label': definition.name });
    var status = el('p', { class: 's', role: 'status', 'aria-live': 'polite' });
    var dom = {};
    var uid = 'tendril-' + slug;
    form.appendChild(status);
    definition.fields.forEach(function (field) {
      form.appendChild(field.type === 'hidden' ? hidden(field)
        : renderField(field, uid + '-' + field.name, dom));
    });
    if (definition.honeypot) {
      var trap = el('div', { class: 'hp', 'aria-hidden': 'true' });
      trap.appendChild(el('input', { type: 'text', name: definition.honeypot, tabindex: '-1',
        autocomplete: 'off' }));
      form.appendChild(trap);
    }
    var button = el('button', { type: 'submit' }, definition.submit_label || 'Submit');
    form.appendChild(button);
    root.appendChild(form);

    var work = definition.pow && window.crypto && crypto.subtle
      ? proofOfWork(definition.pow) : Promise.resolve(null);
    var sending = false;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (sending) return;
      sending = true;
      button.disabled = true;
      status.textContent = 'Sending…';
      var body = attribution();
      definition.fields.forEach(function (field) {
        body[field.name] = valueOf(form, field.name, field.type);
      });
      if (definition.honeypot) body[definition.honeypot] = valueOf(form, definition.honeypot);
      if (definition.render_token) body._render = definition.render_token;
      work.then(function (nonce) {
        if (nonce !== null) body._pow = nonce;
        return post(base + '/f/' + encodeURIComponent(slug), JSON.stringify(body),
          function (seconds) {
            status.textContent = 'Connection lost. Trying again in ' + seconds + ' s…';
          });
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) {
          answer(response, json);
        });
      }).catch(function () {
        status.textContent = 'Could not reach the server. Your answers are kept: '
          + 'check your connection and press ' + button.textContent + ' again.';
      }).finally(function () {
        sending = false;
        button.disabled = false;
      });
    });

    function answer(response, json) {
      if (response.ok) {
        if (definition.thank_you_url && !json.confirm) {
          location.href = definition.thank_you_url;
          return;
        }
        var done = el('p', { class: 's', role: 'status', tabindex: '-1' }, json.confirm
          ? 'Almost done: open the email we just sent and confirm your address.'
          : definition.thank_you_message || 'Thank you.');
        form.replaceWith(done);
        done.focus();
        return;
      }
      if (response.status === 422 && json.errors) {
        var marked = showErrors(dom, json.errors);
        var count = Object.keys(json.errors).length;
        status.textContent = (count === 1 ? 'Please correct 1 field.'
          : 'Please correct ' + count + ' fields.') + ' ' + marked.other.join(' ');
        if (marked.first) marked.first.focus();
        return;
      }
      var retry = response.headers.get('Retry-After');
      status.textContent = response.status === 429
        ? 'Too many attempts. Please try again in ' + (retry || 'a few') + ' seconds.'
        : (json.error && json.error.message) || 'Something went wrong. Please try again.';
    }
  }

  // Fetches the definition, retrying network failures and 5xx responses after 1, 2 and 4 s. It
  // calls failed() at the first failure, so the visitor gets the fallback at once while the
  // retries go on. A 404 (no active form has the slug) is final, and its error has missing set.
  function load(url, failed, attempt) {
    attempt = attempt || 0;
    function retry(reason) {
      if (attempt >= RETRY_DELAYS.length) {
        throw new Error(reason + ' after ' + (attempt + 1) + ' attempts');
      }
      failed();
      return wait(RETRY_DELAYS[attempt]).then(function () {
        return load(url, failed, attempt + 1);
      });
    }
    return fetch(url, { credentials: 'omit' }).then(function (response) {
      if (response.ok) return response.json();
      if (response.status >= 500) return retry('HTTP ' + response.status + ' from ' + url);
      var error = new Error('HTTP ' + response.status + ' from ' + url);
      error.missing = response.status === 404;
      throw error;
    }, function () {
      // Browsers reject a CORS block and a network error the same way, so the message claims
      // neither.
      return retry('could not reach ' + url + ' (blocked or network error; the browser\'s'
        + ' own console message tells which)');
    });
  }

  function mount(host) {
    var slug = host.getAttribute('data-tendril-form');
    var shadow = host.attachShadow({ mode: 'open' });
    var root = el('div', { class: 't' });
    var fallback;
    shadow.appendChild(el('style', {}, STYLE));
    shadow.appendChild(root);

    // Links to the hosted form. It is on Tendril's own origin, which allowed_origins does not
    // restrict.
    function showFallback() {
      if (fallback) return;
      fallback = el('p', { class: 's', role: 'alert' }, 'This form could not be loaded here. ');
      fallback.appendChild(el('a', { href: base + '/f/' + encodeURIComponent(slug) },
        'Open the form on its own page'));
      root.appendChild(fallback);
    }

    load(base + '/forms/' + encodeURIComponent(slug) + '.json', showFallback)
      .then(function (definition) {
        build(root, slug, definition);
        if (fallback) fallback.remove();
      })
      .catch(function (error) {
        // The hosted page of a missing form is a 404 too, so it gets no link.
        if (error.missing) {
          if (fallback) fallback.remove();
          root.appendChild(el('p', { class: 's', role: 'status' },
            'This form is not available.'));
        } else {
          showFallback();
        }
        if (window.console) {
          console.error('Tendril widget: form "' + slug + '" failed to load: ' + error.message);
        }
      });
  }

  function start() {
    var hosts = document.querySelectorAll('[data-tendril-form]');
    Array.prototype.forEach.call(hosts, function (host) {
      if (!host.shadowRoot && host.attachShadow) mount(host);
    });
    // Frames that loaded before this script reported their height to no one: ask again.
    Array.prototype.forEach.call(document.querySelectorAll('iframe'), function (frame) {
      if (frame.src.indexOf(base + '/f/') === 0) {
        frame.contentWindow.postMessage({ tendril: 'measure' }, '*');
      }
    });
  }

  // Iframe embeds of /f/SLUG?embed=1 report their height; size the frame that sent it.
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== base || !data || data.tendril !== 'resize') return;
    Array.prototype.forEach.call(document.querySelectorAll('iframe'), function (frame) {
      if (frame.contentWindow === event.source) frame.style.height = data.height + 'px';
    });
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
