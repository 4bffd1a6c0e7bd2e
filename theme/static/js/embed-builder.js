/*
 * Civic Hub: the embed builder (/embed/). A council officer picks what to show;
 * the page previews it with the real widget (or frame) and writes the code to
 * copy, the script with the Subresource Integrity hash of the versioned file.
 * Writes text with textContent and values only; no inline code.
 */
(function () {
  'use strict';

  var form = document.getElementById('embed-form');
  if (!form || !window.customElements) {
    return;
  }
  var ORIGIN = location.origin; // the directory the officer is looking at
  var FILTERS = ['category', 'area', 'organisation'];
  var FOLDERS = { service: 'services', organisation: 'organisations', consultation: 'consultations' };
  var preview = document.getElementById('embed-preview');
  var code = document.getElementById('embed-code');
  var copied = document.getElementById('embed-copied');
  var shown = '';

  document.getElementById('embed-builder').hidden = false;
  document.getElementById('embed-nojs').hidden = true;

  function escapeAttribute(text) {
    return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  }

  // The choices, as the widget's attributes, in a fixed order ([name, value]; "" for a flag).
  function choices() {
    var kind = form.elements.kind.value;
    var chosen = [];
    if (kind !== 'service') {
      chosen.push(['kind', kind]);
    }
    FILTERS.forEach(function (name) {
      var group = form.elements[name].closest('[data-applies-to]');
      var applies = group.getAttribute('data-applies-to').split(' ').indexOf(kind) !== -1;
      group.hidden = !applies;
      if (applies && form.elements[name].value) {
        chosen.push([name, form.elements[name].value]);
      }
    });
    var limit = parseInt(form.elements.limit.value, 10);
    if (limit > 0) {
      chosen.push(['limit', String(Math.min(limit, 100))]);
    }
    if (form.elements.search.checked) {
      chosen.push(['search', '']);
    }
    if (form.elements.postcode.value.trim()) {
      chosen.push(['postcode', form.elements.postcode.value.trim().toUpperCase()]);
    }
    if (form.elements['heading-level'].value !== '2') {
      chosen.push(['heading-level', form.elements['heading-level'].value]);
    }
    return { kind: kind, chosen: chosen, frame: form.elements.form.value === 'frame' };
  }

  function scriptTag() {
    return '<script src="' + ORIGIN + form.getAttribute('data-script-url') + '" integrity="' +
      form.getAttribute('data-integrity') + '" crossorigin="anonymous" defer></script>';
  }

  // The frame's address: the first filter in the path, the rest after "?".
  function frameAddress(ask) {
    var path = '/embed/' + FOLDERS[ask.kind] + '/';
    var rest = [];
    var placed = false;
    ask.chosen.forEach(function (pair) {
      if (pair[0] === 'kind') {
        return;
      }
      if (!placed && FILTERS.indexOf(pair[0]) !== -1) {
        path += pair[0] + '/' + pair[1] + '/';
        placed = true;
      } else {
        rest.push(encodeURIComponent(pair[0]) + (pair[1] ? '=' + encodeURIComponent(pair[1]) : ''));
      }
    });
    return ORIGIN + path + (rest.length ? '?' + rest.join('&') : '');
  }

  function frameTitle(ask) {
    var names = [];
    FILTERS.forEach(function (name) {
      var select = form.elements[name];
      if (!select.closest('[data-applies-to]').hidden && select.value) {
        names.push(select.options[select.selectedIndex].text);
      }
    });
    var label = document.querySelector('label[for="embed-kind-' + ask.kind + '"]').textContent;
    return label + (names.length ? ': ' + names.join(', ') : '') + ' – ' + form.getAttribute('data-site-name');
  }

  function snippet(ask) {
    if (ask.frame) {
      return '<iframe data-civic-hub src="' + escapeAttribute(frameAddress(ask)) + '" title="' + escapeAttribute(frameTitle(ask)) +
        '" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" width="100%" height="600" loading="lazy"></iframe>\n' +
        '<!-- optional: makes the frame as tall as its list -->\n' + scriptTag();
    }
    var attributes = ask.chosen.map(function (pair) {
      return ' ' + pair[0] + (pair[1] ? '="' + escapeAttribute(pair[1]) + '"' : '');
    }).join('');
    return scriptTag() + '\n<civic-hub-directory' + attributes + '></civic-hub-directory>';
  }

  function showPreview(ask) {
    var key = JSON.stringify(ask);
    if (key === shown) {
      return;
    }
    shown = key;
    var item;
    if (ask.frame) {
      item = document.createElement('iframe');
      item.setAttribute('data-civic-hub', '');
      item.setAttribute('sandbox', 'allow-scripts allow-popups allow-popups-to-escape-sandbox');
      item.title = frameTitle(ask);
      item.height = '600';
      item.src = frameAddress(ask);
    } else {
      item = document.createElement('civic-hub-directory');
      ask.chosen.forEach(function (pair) { item.setAttribute(pair[0], pair[1]); });
    }
    preview.replaceChildren(item);
  }

  var timer = null;
  function update(later) {
    clearTimeout(timer);
    var ask = choices();
    code.value = snippet(ask);
    copied.textContent = '';
    if (later) {
      timer = setTimeout(function () { showPreview(choices()); }, 400); // typing: wait for a pause
    } else {
      showPreview(ask);
    }
  }

  form.addEventListener('change', function () { update(false); });
  form.addEventListener('input', function (event) { update(event.target.type === 'text'); });
  form.addEventListener('submit', function (event) { event.preventDefault(); update(false); });

  document.getElementById('embed-copy').addEventListener('click', function () {
    code.focus();
    code.select();
    var done = function () { copied.textContent = 'Code copied. Paste it into your page.'; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(code.value).then(done, function () {
        copied.textContent = 'The code is selected: press Ctrl+C (or Cmd+C) to copy it.';
      });
    } else {
      copied.textContent = 'The code is selected: press Ctrl+C (or Cmd+C) to copy it.';
    }
  });

  update(false);
})();
