/*
 * Civic Hub: the "Copy the address" button of a consultation's share links.
 * Hidden without JavaScript (the address is also written out on the page).
 * Loaded with `defer`; no inline code.
 */
(function () {
  'use strict';

  document.querySelectorAll('[data-copy]').forEach(function (button) {
    if (!navigator.clipboard) {
      return;
    }
    var said = button.parentNode.querySelector('[role="status"]');
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
        said.textContent = ' Address copied';
      }, function () {
        said.textContent = ' The address could not be copied; select it below instead';
      });
    });
  });
})();
