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
  // the build's closing_soon_days setting travels on each tag; 7 if missing
  var DEFAULT_CLOSING_SOON_DAYS = 7;

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
   * The status of a consultation at time `now` (Date objects; closingSoonMs a number).
   * @returns {string} "upcoming", "open", "closing-soon" or "closed"
   */
  function statusAt(opens, closes, now, closingSoonMs) {
    if (now < opens) {
      return 'upcoming';
    }
    if (now > closes) {
      return 'closed';
    }
    if (closes - now <= closingSoonMs) {
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
    var days = parseInt(element.getAttribute('data-closing-soon-days'), 10);
    if (!(days >= 0)) {
      days = DEFAULT_CLOSING_SOON_DAYS;
    }
    var status = statusAt(opens, closes, now, days * DAY_MS);
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
