/*
 * Civic Hub: consultations follow the browser's clock, not the build's.
 *
 * The build writes each status as
 *   <strong class="govuk-tag ..." data-consultation-status data-closing-soon-days="14"
 *           data-opens="2026-11-01T00:00:00+00:00" data-closes="2026-12-01T23:59:59+00:00"
 *           data-outcome="2026-12-20">Open</strong>
 * (data-outcome only once the outcome is published). A page built yesterday
 * must not claim that a closed consultation is open, so this script works the
 * status out again and makes everything that depends on it agree:
 *
 * - the tag's words and colour;
 * - lists: an <li data-consultation> inside [data-consultation-sections] moves to
 *   the list [data-section] of its section ("open", "upcoming", "closed"), or is
 *   hidden when the container has no list for it (the home page lists only open
 *   ones); [data-section-count] and [data-section-empty] follow;
 * - a consultation's own page: blocks [data-when="open upcoming …"] show only
 *   when its status is one of those (the call to respond, "This consultation
 *   closed on …").
 *
 * The status rule, its words and the dates come from rules.js (loaded first).
 * Writes text with textContent only. Loaded with `defer`; no inline code.
 */
(function () {
  'use strict';

  var rules = window.CivicHubRules;
  var DEFAULT_CLOSING_SOON_DAYS = 14; // the build's setting travels on each tag

  // govuk-tag modifier and section of each status; must match consultation_status.py
  // and macros/common.html
  var STATUSES = {
    upcoming: { tag: '', section: 'upcoming' },
    open: { tag: 'govuk-tag--green', section: 'open' },
    'closing-soon': { tag: 'govuk-tag--orange', section: 'open' },
    closed: { tag: 'govuk-tag--grey', section: 'closed' },
    outcome: { tag: 'govuk-tag--purple', section: 'closed' }
  };

  function parse(value) {
    var date = value ? new Date(value) : null;
    return date && !isNaN(date.getTime()) ? date : null;
  }

  // The status of one tag now, written back on the tag; null when it cannot tell.
  function update(tag, now) {
    var opens = parse(tag.getAttribute('data-opens'));
    var closes = parse(tag.getAttribute('data-closes'));
    if (!opens || !closes) {
      return null; // keep what the build wrote
    }
    var days = parseInt(tag.getAttribute('data-closing-soon-days'), 10);
    var status = rules.statusAt(opens, closes, now, days >= 0 ? days : DEFAULT_CLOSING_SOON_DAYS,
      parse(tag.getAttribute('data-outcome')));
    var text = rules.statusWords(status, opens, rules.formatDate);
    if (tag.textContent !== text) {
      tag.textContent = text;
    }
    Object.keys(STATUSES).forEach(function (key) {
      if (STATUSES[key].tag) {
        tag.classList.toggle(STATUSES[key].tag, key === status);
      }
    });
    tag.setAttribute('data-status', status);
    return status;
  }

  function byDate(list) {
    var descending = list.getAttribute('data-section') === 'closed'; // most recently closed first
    var key = list.getAttribute('data-section') === 'upcoming' ? 'data-opens' : 'data-closes';
    return function (a, b) {
      var x = a.querySelector('[data-consultation-status]').getAttribute(key);
      var y = b.querySelector('[data-consultation-status]').getAttribute(key);
      return (Date.parse(x) - Date.parse(y)) * (descending ? -1 : 1);
    };
  }

  function arrange(container, now) {
    var lists = {};
    container.querySelectorAll('[data-section]').forEach(function (list) {
      lists[list.getAttribute('data-section')] = list;
    });
    container.querySelectorAll('li[data-consultation]').forEach(function (item) {
      var status = update(item.querySelector('[data-consultation-status]'), now);
      if (!status) {
        return;
      }
      var home = lists[STATUSES[status].section];
      item.hidden = !home;
      if (home && item.parentNode !== home) {
        home.appendChild(item);
      }
    });
    Object.keys(lists).forEach(function (section) {
      var list = lists[section];
      var items = Array.prototype.slice.call(list.children).filter(function (li) { return !li.hidden; });
      items.sort(byDate(list)).forEach(function (li) { list.appendChild(li); });
      list.hidden = !items.length;
      container.querySelectorAll('[data-section-empty="' + section + '"]').forEach(function (p) { p.hidden = items.length > 0; });
      container.querySelectorAll('[data-section-count="' + section + '"]').forEach(function (span) {
        span.textContent = items.length === 1 ? '1 consultation' : items.length + ' consultations';
      });
    });
  }

  function run(now) {
    now = now || new Date();
    var containers = document.querySelectorAll('[data-consultation-sections]');
    containers.forEach(function (container) { arrange(container, now); });
    document.querySelectorAll('[data-consultation-status]').forEach(function (tag) {
      var status = update(tag, now);
      if (status && tag.hasAttribute('data-page-status')) { // this page's own consultation
        document.querySelectorAll('[data-when]').forEach(function (block) {
          block.hidden = block.getAttribute('data-when').split(' ').indexOf(status) === -1;
        });
      }
    });
  }

  // Exposed for tests and for other scripts that add tags later.
  window.CivicHubConsultationStatus = { run: run };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { run(); });
  } else {
    run();
  }
})();
