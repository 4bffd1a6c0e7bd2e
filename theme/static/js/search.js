/*
 * Civic Hub: search in the browser.
 *
 * search.html is a plain GET form (q, category, area) that works without
 * JavaScript: it then shows links to the category, area and A to Z pages.
 * This script reads the query from the address, loads the search index from
 * the URL in data-index-url on #search-results, runs it with lunr.js (loaded
 * before this file from /theme/vendor/lunr.min.js) and lists the results.
 *
 * Index format (version 2): data-index-url points to a manifest
 *   {"version": 2, "shards": ["/search/shard-0.json", ...]}
 * and each shard is a lunr index of some of the entries with their records:
 *   {"version": 2, "index": <lunr serialised index>,
 *    "docs": {"<ref>": {"t": title, "u": url, "s": summary, "k": kind,
 *                       "c": [category slugs and their parents], "a": [area slugs]}}}
 *
 * All text is written with textContent / createElement, never innerHTML.
 */
(function () {
  'use strict';

  var INDEX_VERSION = 2;
  var PAGE_SIZE = 50;

  var container = document.getElementById('search-results');
  if (!container) {
    return;
  }
  var statusEl = document.getElementById('search-status');
  var listEl = document.getElementById('search-list');
  var noJsEl = document.getElementById('search-nojs');
  var form = {
    q: document.getElementById('search-q'),
    category: document.getElementById('search-category'),
    area: document.getElementById('search-area')
  };

  // JavaScript is running: the "needs JavaScript" sentence no longer applies.
  if (noJsEl) {
    noJsEl.hidden = true;
  }

  function params() {
    var search = new URLSearchParams(window.location.search);
    return {
      q: (search.get('q') || '').trim().slice(0, 200),
      category: (search.get('category') || '').trim(),
      area: (search.get('area') || '').trim()
    };
  }

  function setStatus(text) {
    statusEl.textContent = text;
  }

  function showError() {
    listEl.hidden = true;
    setStatus('Sorry, search is not working at the moment. Try again later.');
    if (noJsEl) {
      noJsEl.hidden = true;
    }
  }

  // The text of the chosen option in a filter select ("North ward").
  function optionText(select, value) {
    if (!select || !value) {
      return '';
    }
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) {
        return select.options[i].text;
      }
    }
    return '';
  }

  // Put the query back in the form; a filter value that is not one of the
  // select's options (an old or mistyped link) is dropped.
  function fillForm(query) {
    if (form.q) {
      form.q.value = query.q;
    }
    ['category', 'area'].forEach(function (name) {
      if (form[name] && optionText(form[name], query[name])) {
        form[name].value = query[name];
      } else {
        query[name] = '';
      }
    });
  }

  // Only same-site paths or http(s) addresses become links.
  function safeHref(url) {
    if (typeof url !== 'string') {
      return null;
    }
    if (/^\/(?!\/)/.test(url) || /^https?:\/\//i.test(url)) {
      return url;
    }
    return null;
  }

  // Split what the person typed into terms the index understands: the same
  // tokeniser, trimmer and stop-word list the index was built with.
  function queryTerms(q) {
    var tokens = lunr.tokenizer(q);
    var terms = [];
    for (var i = 0; i < tokens.length; i++) {
      var token = lunr.trimmer(tokens[i]);
      if (!token || !lunr.stopWordFilter(token)) {
        continue;
      }
      var text = token.toString().replace(/\*/g, "");
      if (text && terms.indexOf(text) === -1) {
        terms.push(text);
      }
    }
    return terms;
  }

  function runQuery(idx, terms, requireAll) {
    return idx.query(function (query) {
      terms.forEach(function (term) {
        // The whole word (stemmed like the index)...
        query.term(term, {
          boost: 10,
          presence: requireAll ? lunr.Query.presence.REQUIRED : lunr.Query.presence.OPTIONAL
        });
        // ...and words that start with it, for people still typing.
        query.term(term, {
          boost: 1,
          usePipeline: false,
          wildcard: lunr.Query.wildcard.TRAILING
        });
      });
    });
  }

  // The chosen term and every term under it, from the data-parent attributes
  // of the filter select's options (a service in "Food banks" is also found
  // under "Food and drink").
  function family(select, slug) {
    var members = [slug];
    if (!select) {
      return members;
    }
    var options = select.options;
    var grew = true;
    while (grew) {
      grew = false;
      for (var i = 0; i < options.length; i++) {
        var parent = options[i].getAttribute('data-parent');
        if (parent && members.indexOf(parent) !== -1 && members.indexOf(options[i].value) === -1) {
          members.push(options[i].value);
          grew = true;
        }
      }
    }
    return members;
  }

  function inAny(values, wanted) {
    for (var i = 0; i < wanted.length; i++) {
      if ((values || []).indexOf(wanted[i]) !== -1) {
        return true;
      }
    }
    return false;
  }

  // `shards` is a list of {index, docs}: the index is split by entry so that
  // a large directory builds in little memory and downloads in parallel.
  function search(shards, query) {
    var docs = {};
    shards.forEach(function (shard) {
      Object.keys(shard.docs).forEach(function (ref) { docs[ref] = shard.docs[ref]; });
    });
    var terms = query.q ? queryTerms(query.q) : [];
    var categories = query.category ? family(form.category, query.category) : null;
    var areas = query.area ? family(form.area, query.area) : null;

    function wanted(doc) {
      if (!doc) {
        return false;
      }
      if (categories && !inAny(doc.c, categories)) {
        return false;
      }
      // An entry with no areas serves the whole council area.
      if (areas && doc.a && doc.a.length && !inAny(doc.a, areas)) {
        return false;
      }
      return true;
    }

    function pick(refs) {
      return refs.map(function (ref) { return docs[ref]; }).filter(wanted);
    }

    // Results of every shard, best score first.
    function refsOf(indexes, requireAll) {
      var results = [];
      indexes.forEach(function (idx) {
        results = results.concat(runQuery(idx, terms, requireAll));
      });
      results.sort(function (a, b) { return b.score - a.score || (a.ref < b.ref ? -1 : 1); });
      return results.map(function (r) { return r.ref; });
    }

    if (terms.length) {
      var indexes = shards.map(function (shard) { return lunr.Index.load(shard.index); });
      // Entries that match every word first; if none, any of the words.
      var found = pick(refsOf(indexes, true));
      if (!found.length) {
        found = pick(refsOf(indexes, false));
      }
      return found;
    }
    if (query.q) {
      return []; // only words like "the" or "and"
    }
    // Filters only: everything that matches them, by name.
    return pick(Object.keys(docs).sort(function (a, b) {
      return String(docs[a].t).localeCompare(String(docs[b].t), 'en-GB');
    }));
  }

  function renderItem(doc) {
    var li = document.createElement('li');
    li.className = 'ch-card';

    var heading = document.createElement('h2');
    heading.className = 'ch-card__title';
    var href = safeHref(doc.u);
    if (href) {
      var link = document.createElement('a');
      link.className = 'govuk-link';
      link.href = href;
      link.textContent = doc.t;
      heading.appendChild(link);
    } else {
      heading.textContent = doc.t;
    }
    li.appendChild(heading);

    if (doc.k) {
      var kind = document.createElement('p');
      kind.className = 'ch-card__meta';
      kind.textContent = doc.k;
      li.appendChild(kind);
    }
    if (doc.s) {
      var summary = document.createElement('p');
      summary.className = 'ch-card__summary';
      summary.textContent = doc.s;
      li.appendChild(summary);
    }
    return li;
  }

  function describe(count, query) {
    var text = count === 1 ? '1 result' : count + ' results';
    if (query.q) {
      text += ' for \u2018' + query.q + '\u2019';
    }
    var category = optionText(form.category, query.category);
    var area = optionText(form.area, query.area);
    if (category) {
      text += ' in ' + category;
    }
    if (area) {
      text += (category ? ', ' : ' in ') + area;
    }
    return text;
  }

  function render(results, query) {
    while (listEl.firstChild) {
      listEl.removeChild(listEl.firstChild);
    }
    var oldMore = document.getElementById('search-more');
    if (oldMore) {
      oldMore.parentNode.removeChild(oldMore);
    }

    if (!results.length) {
      listEl.hidden = true;
      setStatus(describe(0, query) + '. Check the spelling, use fewer or different words, or choose \u2018All categories\u2019 and \u2018All areas\u2019.');
      return;
    }

    var shown = 0;
    function showMore() {
      var end = Math.min(shown + PAGE_SIZE, results.length);
      var fragment = document.createDocumentFragment();
      var firstNew = null;
      for (var i = shown; i < end; i++) {
        var item = renderItem(results[i]);
        if (!firstNew) {
          firstNew = item;
        }
        fragment.appendChild(item);
      }
      listEl.appendChild(fragment);
      shown = end;
      return firstNew;
    }

    showMore();
    listEl.hidden = false;
    setStatus(describe(results.length, query));

    if (shown < results.length) {
      var button = document.createElement('button');
      button.type = 'button';
      button.id = 'search-more';
      button.className = 'govuk-button govuk-button--secondary';
      var label = function () {
        var next = Math.min(PAGE_SIZE, results.length - shown);
        button.textContent = 'Show ' + next + ' more result' + (next === 1 ? '' : 's');
      };
      label();
      button.addEventListener('click', function () {
        var firstNew = showMore();
        // Move focus to the first new result so keyboard users carry on there.
        var link = firstNew && firstNew.querySelector('a');
        if (link) {
          link.focus();
        }
        if (shown >= results.length) {
          button.parentNode.removeChild(button);
        } else {
          label();
        }
      });
      container.appendChild(button);
    }
  }

  function getJSON(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    });
  }

  function start() {
    var query = params();
    fillForm(query);

    if (!query.q && !query.category && !query.area) {
      return; // nothing asked yet
    }

    if (query.q) {
      document.title = 'Search results for \u2018' + query.q + '\u2019 \u2013 ' + document.title.replace(/^.*? \u2013 /, '');
    }

    if (typeof lunr === 'undefined' || !lunr.Index) {
      showError();
      return;
    }

    var url = container.getAttribute('data-index-url');
    if (!url) {
      showError();
      return;
    }

    setStatus('Searching\u2026');
    getJSON(url)
      .then(function (manifest) {
        if (!manifest || manifest.version !== INDEX_VERSION || !Array.isArray(manifest.shards)) {
          throw new Error('Unexpected search index format');
        }
        return Promise.all(manifest.shards.map(function (shardUrl) {
          if (!safeHref(shardUrl)) {
            throw new Error('Unexpected search shard address');
          }
          return getJSON(shardUrl);
        }));
      })
      .then(function (shards) {
        shards.forEach(function (shard) {
          if (!shard || shard.version !== INDEX_VERSION || !shard.index || !shard.docs) {
            throw new Error('Unexpected search shard format');
          }
        });
        render(search(shards, query), query);
      })
      .catch(function (error) {
        if (window.console && console.error) {
          console.error('Civic Hub search:', error);
        }
        showError();
      });
  }

  start();
})();
