/*
 * Civic Hub: re-compute consultation status tags with the browser's clock.
 *
 * The build writes each status as
 *   <strong class="govuk-tag ..." data-consultation-status
 *           data-opens="2026-11-01T00:00:00+00:00"
 *           data-closes="2026-12-01T23:59:59+00:00">Open</strong>
 * A page built yesterday must not claim that a closed consultation is open,
 * so this script works the status out again from the dates.
 *
 * Writes text with textContent only. Loaded with `defer`; no inline code.
 */
(function () {
  'use strict';

  var DAY_MS = 24 * 60 * 60 * 1000;
  var CLOSING_SOON_MS = 7 * DAY_MS;

  // govuk-tag modifier for each status; must match macros/common.html
  var CLASSES = {
    upcoming: '',
    open: 'govuk-tag--green',
    'closing-soon': 'govuk-tag--orange',
    closed: 'govuk-tag--grey'
  };

  var dateFormat;
  try {
    dateFormat = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/London'
    });
  } catch (e) {
    dateFormat = null;
  }

  function formatDate(date) {
    if (dateFormat) {
      return dateFormat.format(date);
    }
    return date.toDateString();
  }

  /**
   * The status of a consultation at time `now` (all Date objects).
   * @returns {string} "upcoming", "open", "closing-soon" or "closed"
   */
  function statusAt(opens, closes, now) {
    if (now < opens) {
      return 'upcoming';
    }
    if (now > closes) {
      return 'closed';
    }
    if (closes - now <= CLOSING_SOON_MS) {
      return 'closing-soon';
    }
    return 'open';
  }

  function textFor(status, opens) {
    switch (status) {
      case 'upcoming':
        return 'Opens ' + formatDate(opens);
      case 'closing-soon':
        return 'Closing soon';
      case 'closed':
        return 'Closed';
      default:
        return 'Open';
    }
  }

  function parse(value) {
    if (!value) {
      return null;
    }
    var date = new Date(value);
    return isNaN(date.getTime()) ? null : date;
  }

  function update(element, now) {
    var opens = parse(element.getAttribute('data-opens'));
    var closes = parse(element.getAttribute('data-closes'));
    if (!opens || !closes) {
      return; // keep what the build wrote
    }
    var status = statusAt(opens, closes, now);
    var text = textFor(status, opens);
    if (element.textContent !== text) {
      element.textContent = text;
    }
    Object.keys(CLASSES).forEach(function (key) {
      if (CLASSES[key]) {
        element.classList.remove(CLASSES[key]);
      }
    });
    if (CLASSES[status]) {
      element.classList.add(CLASSES[status]);
    }
    element.setAttribute('data-status', status);
  }

  function run() {
    var now = new Date();
    var elements = document.querySelectorAll('[data-consultation-status]');
    for (var i = 0; i < elements.length; i++) {
      update(elements[i], now);
    }
  }

  // Exposed for tests and for search.js (which may add tags later).
  window.CivicHubConsultationStatus = { run: run, statusAt: statusAt, textFor: textFor };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', run);
  } else {
    run();
  }
})();
