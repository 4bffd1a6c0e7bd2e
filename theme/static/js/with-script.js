/*
 * Civic Hub: what only works with a script is shown only when scripts run.
 *
 * A search box needs the search script: without it, submitting one would drop
 * the words and say that searching needs JavaScript. So the build writes such
 * parts [hidden] with [data-needs-script], and what stands in for them (links to
 * browse by category, by area and A to Z) with [data-without-script]; this
 * swaps them. The search page's own box is shown by the search script itself,
 * once it runs. Loaded with `defer`; no inline code.
 */
(function () {
  'use strict';
  document.querySelectorAll('[data-needs-script]').forEach(function (el) { el.hidden = false; });
  document.querySelectorAll('[data-without-script]').forEach(function (el) { el.hidden = true; });
}());
