/*
 * Civic Hub search, part 1 of 3: the index, split by term (docs/search-index.md).
 *
 * Fetches the manifest and then only the term shards a query needs, builds a
 * partial lunr.Index from them and runs the query on it. Because lunr scores a
 * query by a dot product over the query's own terms, the partial index ranks
 * exactly as the whole index would.
 *
 * Every file carries the index version "v". A file of another version (a part
 * cached from before a rebuild) throws StaleIndex; CivicHub.searchIndex.run()
 * then reloads the manifest past the cache and tries once more.
 *
 * Needs lunr.js (loaded before this file). Exposes window.CivicHub.searchIndex.
 */
(function () {
  'use strict';

  var FORMAT = 4;
  var K1 = 1.2; // lunr's BM25 constants (lunr.Builder's k1 and b)
  var B = 0.75;
  var ADVANCED = /[+\-:*~^]/; // lunr query syntax: +must -not field:term term* term~1 term^2
  // Bounds on the work one query makes, whatever is typed or linked (/search/?q=…):
  // lunr's typo matching (lunr.TokenSet.fromFuzzyString) grows faster than the cube
  // of a word's length (two edits of a 20-letter word: 3 ms; of a 200-letter one:
  // 46 s), and a prefix or a typo may stand for thousands of terms. Within these
  // any query answers in a fraction of a second (tests/browser/test_search_bounds.py).
  var TYPO_MIN_LETTERS = 5; // shorter words get no typo tolerance
  var TYPO_MAX_LETTERS = 20; // nor longer ones: a word that long is not a short word mistyped
  var MAX_EDITS = 2; // term~9 asks for more: it gets two
  var MAX_QUERY_CHARACTERS = 200; // the rest of a longer query is left out (shortened below)
  var MAX_WORDS = 10; // words (or lunr clauses) of one query; the rest are left out
  var MAX_TERMS = 300; // index terms one word's prefix, typos or suggestions may stand for
  var MAX_WILDCARDS = 2; // *term* at most: each more multiplies lunr's matching by the term's length

  function StaleIndex(path) {
    this.message = 'Search index part ' + path + ' is from another build';
  }

  // --- fetching ------------------------------------------------------------------

  function Files(manifestUrl) {
    this.manifestUrl = manifestUrl;
    this.manifest = null;
    this.cache = {};
  }

  Files.prototype.getJSON = function (path, reload) {
    return fetch(path, { credentials: 'same-origin', cache: reload ? 'reload' : 'default' }).then(function (response) {
      if (!response.ok) {
        var error = new Error('HTTP ' + response.status + ' for ' + path);
        error.status = response.status;
        throw error;
      }
      return response.json();
    });
  };

  Files.prototype.start = function (reload) {
    var files = this;
    return this.getJSON(this.manifestUrl, reload).then(function (manifest) {
      if (!manifest || manifest.format !== FORMAT || typeof manifest.v !== 'string') {
        throw new Error('Unexpected search index format');
      }
      files.manifest = manifest;
      files.cache = {};
      return manifest;
    });
  };

  // A part of the index by its path under the manifest's folder ("terms/3.json").
  Files.prototype.part = function (name) {
    var files = this;
    var version = this.manifest.v;
    if (!this.cache[name]) {
      var path = this.manifestUrl.replace(/[^/]*$/, '') + name + '?v=' + encodeURIComponent(version);
      this.cache[name] = this.getJSON(path).then(function (data) {
        if (!data || data.v !== version) {
          delete files.cache[name];
          throw new StaleIndex(name);
        }
        return data;
      });
    }
    return this.cache[name];
  };

  // --- which shards a term needs ---------------------------------------------------

  function shardOf(shards, term) {
    var best = -1;
    for (var i = 0; i < shards.length; i++) {
      if (term.indexOf(shards[i]) === 0 && (best < 0 || shards[i].length > shards[best].length)) {
        best = i;
      }
    }
    return best < 0 ? [] : [best];
  }

  // Every shard that can hold a term starting with prefix.
  function shardsStarting(shards, prefix) {
    var found = [];
    for (var i = 0; i < shards.length; i++) {
      if (shards[i].indexOf(prefix) === 0 || prefix.indexOf(shards[i]) === 0) {
        found.push(i);
      }
    }
    return found;
  }

  function stem(word) {
    return lunr.stemmer(new lunr.Token(word)).toString();
  }

  // --- the partial index -------------------------------------------------------------

  function PartialIndex(manifest) {
    this.manifest = manifest;
    this.fields = manifest.fields;
    this.loaded = {};
    this.postings = {}; // term -> per field, [entry, weight, ...]
    this.terms = []; // sorted
    this.lunrIndex = null;
  }

  PartialIndex.prototype.add = function (number, shard) {
    if (this.loaded[number]) {
      return;
    }
    this.loaded[number] = true;
    for (var i = 0; i < shard.terms.length; i++) {
      var row = shard.terms[i];
      this.postings[row[0]] = this.weigh(row.slice(1));
    }
    this.terms = Object.keys(this.postings).sort();
    this.lunrIndex = null;
  };

  // A term's postings of each field, [entry delta, term frequency, field length, ...],
  // as [entry, weight, ...]: the BM25 weights lunr's builder gives, made the same
  // way (lunr.idf and lunr.Builder.prototype.createFieldVectors), from the
  // manifest's number of entries, field lengths and boosts.
  PartialIndex.prototype.weigh = function (fields) {
    var manifest = this.manifest;
    var withTerm = 0;
    for (var k = 0; k < fields.length; k++) {
      withTerm += fields[k].length / 3;
    }
    var idf = Math.log(1 + Math.abs((manifest.docs - withTerm + 0.5) / (withTerm + 0.5)));
    return fields.map(function (flat, k) {
      var average = manifest.lengths[k] / manifest.docs;
      var weighed = [];
      var ref = -1;
      for (var p = 0; p < flat.length; p += 3) {
        ref += flat[p];
        var tf = flat[p + 1];
        var score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (flat[p + 2] / average)) + tf) * manifest.boosts[k];
        weighed.push(ref, Math.round(score * 1000) / 1000);
      }
      return weighed;
    });
  };

  // A lunr.Index of the loaded terms: their postings and their components of
  // every entry's field vectors (the only components a query's dot product uses).
  PartialIndex.prototype.lunr = function (everyEntry) {
    if (this.lunrIndex && !everyEntry) {
      return this.lunrIndex;
    }
    var fields = this.fields;
    var invertedIndex = {};
    var vectors = {};
    if (everyEntry) { // a query of only -terms matches every entry that lacks them
      for (var d = 0; d < this.manifest.docs; d++) {
        for (var f = 0; f < fields.length; f++) {
          vectors[fields[f] + '/' + d] = [];
        }
      }
    }
    for (var t = 0; t < this.terms.length; t++) {
      var term = this.terms[t];
      var posting = this.postings[term];
      var entry = { _index: t }; // any numbering of the terms will do: a vector's parts are matched by it
      for (var k = 0; k < fields.length; k++) {
        var refs = {};
        var weighed = posting[k] || [];
        for (var p = 0; p < weighed.length; p += 2) {
          refs[weighed[p]] = {};
          var key = fields[k] + '/' + weighed[p];
          (vectors[key] || (vectors[key] = [])).push([t, weighed[p + 1]]);
        }
        entry[fields[k]] = refs;
      }
      invertedIndex[term] = entry;
    }
    var fieldVectors = {};
    Object.keys(vectors).forEach(function (key) {
      var pairs = vectors[key].sort(function (a, b) { return a[0] - b[0]; });
      var elements = [];
      for (var i = 0; i < pairs.length; i++) {
        elements.push(pairs[i][0], pairs[i][1]);
      }
      fieldVectors[key] = new lunr.Vector(elements);
    });
    var index = new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(this.terms),
      fields: fields,
      pipeline: lunr.Pipeline.load(this.manifest.pipeline)
    });
    if (!everyEntry) {
      this.lunrIndex = index;
    }
    return index;
  };

  PartialIndex.prototype.startingWith = function (prefix) {
    var found = [];
    var terms = this.terms;
    var lo = 0;
    var hi = terms.length;
    while (lo < hi) { // the first term not before prefix
      var mid = (lo + hi) >> 1;
      if (terms[mid] < prefix) { lo = mid + 1; } else { hi = mid; }
    }
    for (var i = lo; i < terms.length && terms[i].indexOf(prefix) === 0; i++) {
      found.push(terms[i]);
    }
    return found;
  };

  // Entries that have any of terms, in any field, as numbers.
  PartialIndex.prototype.entriesWith = function (terms) {
    var found = {};
    for (var i = 0; i < terms.length; i++) {
      var posting = this.postings[terms[i]];
      for (var k = 0; posting && k < posting.length; k++) {
        for (var p = 0; p < posting[k].length; p += 2) {
          found[posting[k][p]] = true;
        }
      }
    }
    return found;
  };

  // Whether a word is one a resident may have mistyped (see TYPO_MAX_LETTERS).
  function typoTolerant(word) {
    return word.length >= TYPO_MIN_LETTERS && word.length <= TYPO_MAX_LETTERS;
  }

  // At most MAX_TERMS of terms: the shortest (nearest what was typed), then A to Z.
  function nearest(terms) {
    if (terms.length <= MAX_TERMS) {
      return terms;
    }
    return terms.filter(function (t) { return t.indexOf('*') === -1; }).sort(function (a, b) {
      return a.length - b.length || (a < b ? -1 : 1);
    }).slice(0, MAX_TERMS);
  }

  // Terms within one edit (two from eight letters) of word, or of its stem,
  // that share its first two letters.
  PartialIndex.prototype.typos = function (word) {
    var edits = word.length >= 8 ? 2 : 1;
    var same = lunr.TokenSet.fromArray(this.startingWith(word.slice(0, 2)));
    var found = {};
    [word, stem(word)].forEach(function (form) {
      same.intersect(lunr.TokenSet.fromFuzzyString(form, edits)).toArray().forEach(function (t) { found[t] = true; });
    });
    return Object.keys(found).sort();
  };

  // --- queries -----------------------------------------------------------------------

  // A lunr clause within the bounds: no more than MAX_EDITS (none for a word no
  // typo makes), no more than MAX_WILDCARDS; a copy, as lunr's query changes its own.
  function bounded(clause) {
    var copy = {};
    Object.keys(clause).forEach(function (key) { copy[key] = clause[key]; });
    var stars = 0;
    copy.term = copy.term.replace(/\*/g, function (star) { return ++stars > MAX_WILDCARDS ? '' : star; });
    if ('editDistance' in copy && copy.term.length > TYPO_MAX_LETTERS) {
      delete copy.editDistance;
    } else if ('editDistance' in copy) {
      copy.editDistance = Math.min(copy.editDistance, MAX_EDITS);
    }
    return copy;
  }

  // A query of at most MAX_QUERY_CHARACTERS: cut after its last whole word that
  // fits (so "term~2" is never cut to "term~"), or within a word longer than that.
  function shortened(text) {
    text = text.trim();
    if (text.length <= MAX_QUERY_CHARACTERS) {
      return text;
    }
    var head = text.slice(0, MAX_QUERY_CHARACTERS + 1);
    var space = head.search(/\s\S*$/);
    return (space > 0 ? head.slice(0, space) : head.slice(0, MAX_QUERY_CHARACTERS)).trim();
  }

  // What was typed, as words (the plain form) or as lunr clauses (the advanced
  // form), each within the bounds above.
  function parse(text, fields) {
    text = shortened(text);
    if (ADVANCED.test(text)) {
      var query = new lunr.Query(fields);
      new lunr.QueryParser(text, query).parse();
      var clauses = query.clauses.slice(0, MAX_WORDS).map(bounded);
      var negated = clauses.every(function (c) { return c.presence === lunr.Query.presence.PROHIBITED; });
      return { advanced: true, text: text, clauses: clauses, negated: negated };
    }
    var words = [];
    lunr.tokenizer(text).forEach(function (token) {
      var word = lunr.trimmer(token).toString();
      if (word && lunr.stopWordFilter(new lunr.Token(word)) && words.indexOf(word) === -1 && words.length < MAX_WORDS) {
        words.push(word);
      }
    });
    return { advanced: false, text: text, words: words };
  }

  // The shards a parsed query needs; typos: the shards of words' first two letters too.
  function shardsFor(parsed, shards, typos) {
    var wanted = [];
    function want(list) {
      list.forEach(function (n) { if (wanted.indexOf(n) === -1) { wanted.push(n); } });
    }
    if (parsed.advanced) {
      parsed.clauses.forEach(function (clause) {
        var term = clause.term;
        if (term.charAt(0) === '*') {
          want(shards.map(function (_, n) { return n; }));
        } else if (term.indexOf('*') !== -1) {
          want(shardsStarting(shards, term.slice(0, term.indexOf('*'))));
        } else if (clause.editDistance) {
          want(shardsStarting(shards, term.slice(0, 2)));
        } else {
          want(shardOf(shards, clause.usePipeline ? stem(term) : term));
        }
      });
    } else {
      parsed.words.forEach(function (word) {
        want(shardOf(shards, stem(word)));
        want(shardsStarting(shards, word));
        if (typos && typoTolerant(word)) {
          want(shardsStarting(shards, word.slice(0, 2)));
        }
      });
    }
    return wanted;
  }

  // For each plain word, the index terms it stands for: its stem, the terms that
  // start with it and, when neither is there, its typos (at most MAX_TERMS of each;
  // capped: the prefix stands for more, so the query names the terms kept).
  function plan(parsed, index) {
    return parsed.words.map(function (word) {
      var exact = index.postings[stem(word)] ? [stem(word)] : [];
      var every = index.startingWith(word);
      var started = nearest(every);
      var typos = exact.length || started.length || !typoTolerant(word) ? [] : nearest(index.typos(word));
      return { word: word, exact: exact, started: started, typos: typos, capped: started.length < every.length };
    });
  }

  // The lunr query for a plan: a function for lunr.Index.query.
  function buildQuery(parsed, planned) {
    return function (query) {
      if (parsed.advanced) {
        parsed.clauses.forEach(function (clause) { query.clause(bounded(clause)); });
        return;
      }
      planned.forEach(function (w) {
        query.term(w.word, { boost: 10 });
        if (w.capped) {
          w.started.forEach(function (term) { query.term(term, { boost: 1, usePipeline: false }); });
        } else {
          query.term(w.word, { boost: 1, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        }
        w.typos.forEach(function (typo) {
          query.term(typo, { boost: 1, usePipeline: false });
        });
      });
    };
  }

  function Search(manifestUrl) {
    this.files = new Files(manifestUrl);
    this.index = null;
  }

  // Load what a query needs; then [{ref, score}] best first, with what it found.
  Search.prototype.query = function (text) {
    var search = this;
    return this.run(function () {
      var parsed = parse(text, search.index.fields);
      return search.load(shardsFor(parsed, search.files.manifest.shards, false)).then(function () {
        var planned = parsed.advanced ? [] : plan(parsed, search.index);
        var typoless = planned.filter(function (w) { return typoTolerant(w.word) && !w.exact.length && !w.started.length; });
        if (!typoless.length) {
          return planned;
        }
        return search.load(shardsFor(parsed, search.files.manifest.shards, true)).then(function () {
          return plan(parsed, search.index);
        });
      }).then(function (planned) {
        var idx = search.index.lunr(parsed.advanced && parsed.negated);
        var results = idx.query(buildQuery(parsed, planned));
        return { parsed: parsed, planned: planned, results: search.everyWordFirst(planned, results) };
      });
    });
  };

  // Entries with every word, if there are any; else entries with any word.
  Search.prototype.everyWordFirst = function (planned, results) {
    if (planned.length < 2) {
      return results;
    }
    var index = this.index;
    var sets = planned.map(function (w) { return index.entriesWith(w.exact.concat(w.started, w.typos)); });
    var all = results.filter(function (r) {
      return sets.every(function (set) { return set[r.ref]; });
    });
    return all.length ? all : results;
  };

  // Spellings that exist, for a word that found nothing: the terms within two
  // edits of it (or of its stem) that start with its letter, those in most
  // entries first, each as entries write it (words/<n>.json: "famili" -> "families").
  // None for a word longer than any typo (TYPO_MAX_LETTERS).
  Search.prototype.suggestions = function (word) {
    var search = this;
    if (word.length > TYPO_MAX_LETTERS) {
      return Promise.resolve([]);
    }
    var shards = shardsStarting(this.files.manifest.shards, word.charAt(0));
    var words = Promise.all(shards.map(function (n) { return search.files.part('words/' + n + '.json'); }));
    return Promise.all([this.load(shards), words]).then(function (loaded) {
      var written = {};
      loaded[1].forEach(function (part) { Object.keys(part.w).forEach(function (t) { written[t] = part.w[t]; }); });
      var index = search.index;
      var starting = lunr.TokenSet.fromArray(index.startingWith(word.charAt(0)));
      var found = {};
      [word, stem(word)].forEach(function (form) {
        starting.intersect(lunr.TokenSet.fromFuzzyString(form, 2)).toArray().forEach(function (t) { found[t] = true; });
      });
      return nearest(Object.keys(found)).sort(function (a, b) {
        return index.entriesCount(b) - index.entriesCount(a) || (a < b ? -1 : 1);
      }).slice(0, 3).map(function (term) { return written[term] || term; });
    });
  };

  PartialIndex.prototype.entriesCount = function (term) {
    return Object.keys(this.entriesWith([term])).length;
  };

  Search.prototype.load = function (numbers) {
    var search = this;
    return Promise.all(numbers.map(function (n) {
      return search.files.part('terms/' + n + '.json').then(function (shard) { search.index.add(n, shard); });
    }));
  };

  // Run task once the manifest is loaded; on a stale part, reload it all once.
  Search.prototype.run = function (task) {
    var search = this;
    function begin(reload) {
      return search.files.start(reload).then(function (manifest) {
        search.index = new PartialIndex(manifest);
        return task();
      });
    }
    var ready = this.index ? task() : begin(false);
    return ready.catch(function (error) {
      if (!(error instanceof StaleIndex)) {
        throw error;
      }
      return begin(true);
    });
  };

  window.CivicHub = window.CivicHub || {};
  window.CivicHub.searchIndex = {
    Search: Search,
    StaleIndex: StaleIndex,
    parse: parse,
    plan: plan,
    buildQuery: buildQuery,
    shortened: shortened
  };
})();
