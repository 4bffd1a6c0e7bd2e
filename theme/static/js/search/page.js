/*
 * Civic Hub search, part 3 of 3: the search page.
 *
 * /search/ is a plain GET form (q and every filter) that does nothing without
 * JavaScript but say where to browse instead. This script reads the form's
 * values from the address, searches as you type, keeps the address in step
 * (so links can be shared and the back button works), shows filter counts,
 * pages the results and sorts them by distance from a postcode.
 *
 * Every piece of text from the data is written with textContent, never innerHTML.
 */
(function () {
  'use strict';

  var form = document.getElementById('search-form');
  if (!form || typeof lunr === 'undefined' || !window.CivicHub || !window.CivicHub.searchIndex) {
    return;
  }
  var searchIndex = window.CivicHub.searchIndex;
  var searchFilters = window.CivicHub.searchFilters;
  var PAGE_SIZE = parseInt(form.getAttribute('data-page-size'), 10) || 20;
  var TYPING_DELAY_MS = 300;
  var GROUPS = ['kind', 'category', 'area', 'audience', 'age', 'cost', 'access', 'day', 'language', 'accessibility'];

  var search = new searchIndex.Search(form.getAttribute('data-index-url'));
  var filters = new searchFilters.Filters(search.files);
  var el = function (id) { return document.getElementById(id); };
  var statusEl = el('search-status');
  var listEl = el('search-list');
  var pagesEl = el('search-pagination');
  var hintEl = el('search-hint-text');
  var placeEl = el('search-place-message');
  var browseEl = el('search-browse');
  var current = 0; // the number of the latest run: older ones are dropped when they finish

  el('search-nojs').hidden = true;
  el('search-box').hidden = false; // hidden without this script: a box it cannot answer
  el('search-layout').hidden = false;
  var details = el('search-filters');
  if (details && window.matchMedia && window.matchMedia('(max-width: 40.0525em)').matches) {
    details.open = false; // on a phone the results come first; the filters open on request
  }

  // --- the form and the address --------------------------------------------------------

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: searchIndex.shortened(params.get('q') || ''), chosen: {}, page: 1, postcode: (params.get('postcode') || '').trim().slice(0, 10) };
    GROUPS.forEach(function (name) {
      var values = params.getAll(name).filter(Boolean);
      if (name === 'age') {
        var age = parseInt(values[0], 10);
        state.chosen.age = age >= 0 && age <= 120 ? [age] : [];
      } else {
        state.chosen[name] = values.filter(function (v) { return form.querySelector('input[name="' + name + '"][value="' + CSS.escape(v) + '"]'); });
      }
    });
    var page = parseInt(params.get('page'), 10);
    state.page = page > 0 ? page : 1;
    return state;
  }

  function fillForm(state) {
    form.elements.q.value = state.q;
    form.elements.postcode.value = state.postcode;
    form.elements.age.value = state.chosen.age.length ? String(state.chosen.age[0]) : '';
    GROUPS.forEach(function (name) {
      if (name === 'age') { return; }
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
        box.checked = state.chosen[name].indexOf(box.value) !== -1;
      });
      var n = state.chosen[name].length;
      var group = el('f-' + name);
      if (group && n) { group.open = true; } // a chosen filter is never folded away
      form.querySelectorAll('[data-chosen="' + name + '"]').forEach(function (span) {
        span.textContent = n ? ' (' + n + ' chosen)' : '';
      });
    });
  }

  function readForm() {
    var data = new FormData(form);
    var params = new URLSearchParams();
    data.forEach(function (value, key) {
      if (String(value).trim()) { params.append(key, String(value).trim()); }
    });
    return params;
  }

  function go(params, replace) {
    var address = window.location.pathname + (params.toString() ? '?' + params.toString() : '');
    window.history[replace ? 'replaceState' : 'pushState'](null, '', address);
    run(readAddress());
  }

  // --- writing the results ----------------------------------------------------------------

  function text(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    node.textContent = content;
    return node;
  }

  function safeHref(url) {
    return typeof url === 'string' && /^\/(?![/\\])/.test(url) ? url : null;
  }

  function card(record, extra) {
    var li = document.createElement('li');
    li.className = 'ch-card';
    var heading = document.createElement('h3');
    heading.className = 'ch-card__title';
    var href = safeHref(record.u);
    if (href) {
      var link = text('a', 'govuk-link', record.t);
      link.href = href;
      heading.appendChild(link);
    } else {
      heading.textContent = record.t;
    }
    li.appendChild(heading);
    li.appendChild(text('p', 'ch-card__meta', [record.k, record.o].filter(Boolean).join(' · ')));
    if (record.s) { li.appendChild(text('p', 'ch-card__summary', record.s)); }
    var facts = (record.f || []).concat(extra);
    if (facts.length) {
      var ul = document.createElement('ul');
      ul.className = 'ch-facts';
      facts.forEach(function (fact) { ul.appendChild(text('li', 'ch-facts__item', fact)); });
      li.appendChild(ul);
    }
    if (record.a) { li.appendChild(text('p', 'ch-card__meta', 'Areas: ' + record.a)); }
    return li;
  }

  function records(entries) {
    var size = search.files.manifest.records;
    var chunks = {};
    entries.forEach(function (n) { chunks[Math.floor(n / size)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return search.files.part('records/' + c + '.json').then(function (data) { return [Number(c), data.r]; });
    })).then(function (loaded) {
      var byChunk = {};
      loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
      return entries.map(function (n) { return byChunk[Math.floor(n / size)][n % size]; });
    });
  }

  function describe(count, state) {
    var words = count === 1 ? '1 result' : count.toLocaleString('en-GB') + ' results';
    if (state.q) { words += ' for \u2018' + state.q + '\u2019'; }
    var chosen = GROUPS.filter(function (g) { return state.chosen[g].length; }).length;
    if (chosen) { words += chosen === 1 ? ', with 1 filter' : ', with ' + chosen + ' filters'; }
    if (state.place && state.place.postcode && !state.place.error) { words += ', nearest to ' + state.place.postcode + ' first'; }
    return words;
  }

  function pageLink(state, number, label, rel) {
    var params = new URLSearchParams(window.location.search);
    params.set('page', String(number));
    var a = text('a', 'govuk-link govuk-pagination__link', label);
    a.href = '?' + params.toString();
    if (rel) { a.rel = rel; }
    a.addEventListener('click', function (event) {
      event.preventDefault();
      go(params, false);
      el('search-results-heading').focus(); // keyboard users carry on at the new page's results
    });
    return a;
  }

  function paginate(state, total) {
    while (pagesEl.firstChild) { pagesEl.removeChild(pagesEl.firstChild); }
    var count = Math.ceil(total / PAGE_SIZE);
    pagesEl.hidden = count < 2;
    if (count < 2) { return; }
    if (state.page > 1) {
      var prev = document.createElement('div');
      prev.className = 'govuk-pagination__prev';
      prev.appendChild(pageLink(state, state.page - 1, 'Previous page', 'prev'));
      pagesEl.appendChild(prev);
    }
    var list = document.createElement('ul');
    list.className = 'govuk-pagination__list';
    for (var n = 1; n <= count; n++) {
      if (n !== 1 && n !== count && Math.abs(n - state.page) > 1) {
        if (list.lastChild && list.lastChild.className.indexOf('ellipses') === -1) {
          list.appendChild(text('li', 'govuk-pagination__item govuk-pagination__item--ellipses', '\u22ef'));
        }
        continue;
      }
      var item = document.createElement('li');
      item.className = 'govuk-pagination__item' + (n === state.page ? ' govuk-pagination__item--current' : '');
      var a = pageLink(state, n, String(n));
      a.setAttribute('aria-label', 'Page ' + n);
      if (n === state.page) { a.setAttribute('aria-current', 'page'); }
      item.appendChild(a);
      list.appendChild(item);
    }
    pagesEl.appendChild(list);
    if (state.page < count) {
      var next = document.createElement('div');
      next.className = 'govuk-pagination__next';
      next.appendChild(pageLink(state, state.page + 1, 'Next page', 'next'));
      pagesEl.appendChild(next);
    }
  }

  function showCounts(counts) {
    form.querySelectorAll('[data-count]').forEach(function (span) {
      var key = span.getAttribute('data-count').split(':');
      var n = counts[key[0]] && counts[key[0]][key[1]];
      span.textContent = typeof n === 'number' ? ' (' + n.toLocaleString('en-GB') + ')' : '';
    });
  }

  // Nothing found: spellings that exist, and the categories to browse.
  function suggest(found, count) {
    while (hintEl.firstChild) { hintEl.removeChild(hintEl.firstChild); }
    browseEl.hidden = count > 0;
    if (!found || count || found.parsed.advanced) { return Promise.resolve(); }
    return Promise.all(found.planned.map(function (w) { return search.suggestions(w.word); })).then(function (lists) {
      var options = [];
      lists.forEach(function (list, i) {
        var word = found.planned[i].word;
        list.forEach(function (s) {
          if (s !== word) { options.push(found.parsed.text.toLowerCase().replace(word, s)); }
        });
      });
      showSuggestions(options);
    });
  }

  function showSuggestions(options) {
    if (options.length) {
      hintEl.appendChild(document.createTextNode('Did you mean '));
      options.slice(0, 3).forEach(function (option, i) {
        if (i) { hintEl.appendChild(document.createTextNode(i === options.length - 1 ? ' or ' : ', ')); }
        var params = new URLSearchParams();
        params.set('q', option);
        var a = text('a', 'govuk-link', option);
        a.href = '?' + params.toString();
        hintEl.appendChild(a);
      });
      hintEl.appendChild(document.createTextNode('?'));
    }
  }

  function render(state, ordered, extras) {
    var start = (state.page - 1) * PAGE_SIZE;
    var shown = ordered.slice(start, start + PAGE_SIZE);
    return records(shown).then(function (found) {
      while (listEl.firstChild) { listEl.removeChild(listEl.firstChild); }
      found.forEach(function (record, i) { listEl.appendChild(card(record, extras[shown[i]] || [])); });
      listEl.hidden = !found.length;
      statusEl.textContent = describe(ordered.length, state) + (ordered.length > PAGE_SIZE ? ' (page ' + state.page + ' of ' + Math.ceil(ordered.length / PAGE_SIZE) + ')' : '');
      paginate(state, ordered.length);
    });
  }

  // --- running a search -----------------------------------------------------------------------

  function everyEntry() {
    var all = [];
    for (var n = 0; n < search.files.manifest.docs; n++) { all.push(n); }
    return all;
  }

  function byDistance(state, entries, extras) {
    var place = state.place;
    if (!place || place.error) { return Promise.resolve(entries); }
    return filters.distances(place.point, entries).then(function (miles) {
      return filters.group('area').then(function (areas) {
        var yours = {};
        (place.areas || []).forEach(function (slug) { (areas.members[slug] || []).forEach(function (n) { yours[n] = true; }); });
        areas.everywhere.forEach(function (n) { yours[n] = true; });
        entries.forEach(function (n) {
          extras[n] = [];
          if (n in miles) { extras[n].push(window.CivicHubRules.describeMiles(miles[n])); }
          if ((place.areas || []).length && yours[n]) { extras[n].push('Serves your area'); }
        });
        var rank = {};
        entries.forEach(function (n, i) { rank[n] = i; });
        return entries.slice().sort(function (a, b) {
          var da = a in miles ? miles[a] : Infinity;
          var db = b in miles ? miles[b] : Infinity;
          return da - db || rank[a] - rank[b];
        });
      });
    });
  }

  function findPlace(state) {
    placeEl.textContent = '';
    if (state.point) { return Promise.resolve({ point: state.point, areas: [] }); }
    if (!state.postcode) { return Promise.resolve(null); }
    return filters.postcode(state.postcode).then(function (place) {
      if (place.error === 'malformed') {
        placeEl.textContent = 'Enter a full postcode, like ZZ1 1AA.';
      } else if (place.error) {
        placeEl.textContent = 'We do not know the postcode ' + place.postcode + '. Check it, or search without it.';
      }
      if (place.error && details) {
        details.open = true; // the message is beside the postcode box
      }
      return place;
    });
  }

  function run(state) {
    var number = ++current;
    fillForm(state);
    var asked = state.q || state.postcode || state.point || GROUPS.some(function (g) { return state.chosen[g].length; });
    if (!asked) {
      statusEl.textContent = '';
      listEl.hidden = true;
      pagesEl.hidden = true;
      return Promise.resolve();
    }
    document.title = (state.q ? 'Search results for \u2018' + state.q + '\u2019' : 'Search') + ' \u2013 ' + form.getAttribute('data-site-name');
    statusEl.textContent = 'Searching\u2026';
    var chosenGroups = GROUPS.filter(function (g) { return state.chosen[g].length; });
    var found = null;
    var extras = {};
    return search.run(function () {
      var entries = state.q ? search.query(state.q).then(function (f) {
        found = f;
        return f.results.map(function (r) { return Number(r.ref); });
      }) : Promise.resolve(everyEntry());
      return Promise.all([entries, filters.load(chosenGroups), findPlace(state)]);
    }).then(function (done) {
      if (number !== current) { return null; }
      state.place = done[2];
      var filtered = searchFilters.apply(done[0], state.chosen, done[1]).entries;
      return byDistance(state, filtered, extras).then(function (ordered) {
        if (number !== current) { return null; }
        return Promise.all([render(state, ordered, extras), suggest(found, ordered.length)]).then(function () { return done[0]; });
      });
    }).then(function (entries) {
      if (!entries || number !== current) { return; }
      return filters.load(GROUPS).then(function (groups) { // counts come after the results
        if (number === current) { showCounts(searchFilters.apply(entries, state.chosen, groups).counts); }
      });
    }).catch(function (error) {
      if (window.console && console.error) { console.error('Civic Hub search:', error); }
      if (number === current) {
        listEl.hidden = true;
        pagesEl.hidden = true;
        statusEl.textContent = 'Sorry, search is not working at the moment. Try again later, or browse the directory instead.';
        browseEl.hidden = false;
      }
    });
  }

  // --- events ---------------------------------------------------------------------------------

  var typing = null;
  form.elements.q.addEventListener('input', function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      var params = readForm();
      params.delete('page');
      go(params, true);
    }, TYPING_DELAY_MS);
  });
  form.addEventListener('change', function (event) {
    if (event.target.name === 'q' || event.target.name === 'postcode') { return; }
    var params = readForm();
    params.delete('page');
    go(params, false);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(typing);
    var params = readForm();
    params.delete('page');
    go(params, false);
  });
  var locate = el('search-locate');
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener('click', function () {
      placeEl.textContent = 'Finding where you are\u2026';
      navigator.geolocation.getCurrentPosition(function (position) { // the position stays in this page
        var state = readAddress();
        state.point = [position.coords.latitude, position.coords.longitude];
        state.postcode = '';
        run(state);
        placeEl.textContent = 'Sorted by distance from where you are.';
      }, function () {
        placeEl.textContent = 'Your location is not available. Enter a postcode instead.';
      });
    });
  }
  window.addEventListener('popstate', function () { run(readAddress()); });

  window.CivicHub.searchPage = { run: run, readAddress: readAddress, search: search, filters: filters };
  run(readAddress());
})();
