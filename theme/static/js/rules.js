/*
 * Civic Hub: the browser's rules, in one place.
 *
 * - a consultation's status at a moment, and its words (as
 *   plugins/directory/consultation_status.py works them out at build time);
 * - the postcode pattern (as plugins/directory/reading/postcodes.py);
 * - the distance between two points, and how it is said;
 * - dates in words, in the council's time zone: the `timezone` setting, which
 *   base.html writes as <html data-timezone="…">, never a zone written here.
 *
 * The pages load this before the scripts that use it (consultation-status.js,
 * search/filters.js). The widget stays one file: the build puts this text in
 * front of it (outputs/widgets.py), and its data files carry the time zone.
 * Sets window.CivicHubRules.
 */
(function () {
  'use strict';

  var DAY_MS = 24 * 60 * 60 * 1000;
  var EARTH_RADIUS_MILES = 3958.7613; // the mean radius, 6371.0088 km
  var POSTCODE = /^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9][A-Z]{2})$/; // written without its space

  /** The status at `now`: upcoming, open, closing-soon, closed or outcome (Dates;
   * outcome, when its outcome is published, may be null). */
  function statusAt(opens, closes, now, closingSoonDays, outcome) {
    if (now < opens) {
      return 'upcoming';
    }
    if (now > closes) {
      return outcome && outcome <= now ? 'outcome' : 'closed';
    }
    return closes - now <= closingSoonDays * DAY_MS ? 'closing-soon' : 'open';
  }

  /** A status in words; formatDate says the day an upcoming one opens. */
  function statusWords(status, opens, formatDate) {
    return status === 'upcoming' ? 'Opens ' + formatDate(opens) : {
      open: 'Open',
      'closing-soon': 'Closing soon',
      closed: 'Closed',
      outcome: 'Outcome published'
    }[status];
  }

  /** "ZZ1 1AA" from what a person typed ("zz11aa", " ZZ1  1AA"), or null. */
  function normalisePostcode(text) {
    var match = POSTCODE.exec(String(text || '').toUpperCase().replace(/\s+/g, ''));
    return match ? match[1] + ' ' + match[2] : null;
  }

  /** Miles between two [latitude, longitude] points, along the Earth's surface. */
  function miles(a, b) {
    var rad = Math.PI / 180;
    var dLat = (b[0] - a[0]) * rad;
    var dLon = (b[1] - a[1]) * rad;
    var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return EARTH_RADIUS_MILES * 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
  }

  /** A distance as a result says it, at the start of a sentence. */
  function describeMiles(distance) {
    if (distance < 0.1) {
      return 'Less than 0.1 miles away';
    }
    var rounded = distance < 10 ? Math.round(distance * 10) / 10 : Math.round(distance);
    return rounded + (rounded === 1 ? ' mile away' : ' miles away');
  }

  /** A function saying a Date as "3 January 2027" in timeZone (an IANA name). A zone
   * the browser does not know gives the reader's own rather than no date. */
  function dateFormatter(timeZone) {
    var format = null;
    try {
      format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: timeZone || undefined });
    } catch (e) {
      format = null;
    }
    return function (date) {
      return format ? format.format(date) : date.toDateString();
    };
  }

  var pageFormat = null;

  /** A Date in words in the time zone of the page (<html data-timezone>). */
  function formatDate(date) {
    if (!pageFormat) { // made when first used: the widget's host page has no such zone
      pageFormat = dateFormatter(document.documentElement.getAttribute('data-timezone'));
    }
    return pageFormat(date);
  }

  window.CivicHubRules = {
    statusAt: statusAt,
    statusWords: statusWords,
    normalisePostcode: normalisePostcode,
    miles: miles,
    describeMiles: describeMiles,
    dateFormatter: dateFormatter,
    formatDate: formatDate
  };
})();
