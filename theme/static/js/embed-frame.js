/*
 * Civic Hub: the directory's frame pages (/embed/<kind>/<filter>/<slug>/).
 *
 * Without JavaScript the page shows the list the build wrote. With it, the
 * list is shown by <civic-hub-directory> (civic-hub.js), so a frame takes the
 * widget's options from its address: ?area=…&limit=5&search&postcode=…
 * &heading-level=2. Its links open a new tab (the frame is sandboxed).
 *
 * Resizing: the host page's civic-hub.js says hello; this page answers with
 * its height, to that window only. A message is taken only from the window
 * that framed this page, at the origin the browser says framed it.
 */
(function () {
  'use strict';

  var slot = document.querySelector('[data-civic-hub-frame]');
  var written = document.querySelector('[data-civic-hub-static]');
  var OPTIONS = ['category', 'area', 'organisation', 'limit', 'search', 'postcode', 'heading', 'heading-level'];

  if (slot && written && window.customElements) {
    var widget = document.createElement('civic-hub-directory');
    var params = new URLSearchParams(location.search);
    widget.setAttribute('kind', slot.getAttribute('data-kind'));
    widget.setAttribute('heading-level', '1');
    OPTIONS.forEach(function (name) {
      if (slot.hasAttribute('data-' + name)) {
        widget.setAttribute(name, slot.getAttribute('data-' + name));
      }
      if (params.has(name)) {
        widget.setAttribute(name, params.get(name));
      }
    });
    widget.setAttribute('target', '_blank');
    widget.hidden = true;
    widget.addEventListener('civic-hub-render', function () {
      widget.hidden = false;
      written.hidden = true;
    });
    slot.appendChild(widget);
  }

  if (window.parent === window) {
    return;
  }
  var ancestors = location.ancestorOrigins;
  var expected = ancestors && ancestors.length ? ancestors[0] : '';
  if (!expected && document.referrer) {
    expected = new URL(document.referrer).origin;
  }
  var host = null;
  var sent = 0;

  function sendHeight() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (host && height !== sent) {
      sent = height;
      window.parent.postMessage({ civicHub: 'height', height: height }, host);
    }
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || (expected && event.origin !== expected)) {
      return;
    }
    if (event.data && event.data.civicHub === 'hello') {
      host = event.origin;
      sent = 0; // a hello always gets an answer
      sendHeight();
    }
  });
  // whenever the page's height may have changed: the list drawn, the search box used
  document.addEventListener('civic-hub-render', function () { requestAnimationFrame(sendHeight); });
  document.addEventListener('input', function () { requestAnimationFrame(sendHeight); }, true);
  if (window.ResizeObserver) {
    new ResizeObserver(sendHeight).observe(document.documentElement);
  }
})();
