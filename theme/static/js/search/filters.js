/*
 * Civic Hub search, part 2 of 3: filters with counts, and distances for "near me".
 *
 * The filter data are small deltas (docs/search-index.md): for each value of a
 * group, the numbers of its entries. OR within a group, AND across groups; a
 * group's counts are those of the results that the other groups let through.
 * The postcode pattern, the distance and its words come from rules.js.
 * Exposes window.CivicHub.searchFilters.
 */
(function () {
  'use strict';

  var rules = window.CivicHubRules;

  function undelta(deltas) {
    var numbers = [];
    var n = -1;
    for (var i = 0; i < deltas.length; i++) {
      n += deltas[i];
      numbers.push(n);
    }
    return numbers;
  }

  function Filters(files) {
    this.files = files;
    this.groups = {}; // name -> promise of {values, members: {slug: [entries]}, everywhere, ages}
  }

  Filters.prototype.group = function (name) {
    if (!this.groups[name]) {
      this.groups[name] = this.files.part('facets/' + name + '.json').then(function (data) {
        var group = { values: data.values || [], members: {}, everywhere: undelta(data.all || []), ages: null };
        group.values.forEach(function (value, i) {
          group.members[value[0]] = undelta(data.docs[i]);
        });
        if (data.ages) {
          group.ages = {};
          var n = -1;
          for (var i = 0; i < data.ages.length; i += 3) {
            n += data.ages[i];
            group.ages[n] = [data.ages[i + 1], data.ages[i + 2]];
          }
        }
        return group;
      });
    }
    return this.groups[name];
  };

  // The groups named, loaded: {name: group}.
  Filters.prototype.load = function (names) {
    var filters = this;
    return Promise.all(names.map(function (name) { return filters.group(name); })).then(function (groups) {
      var loaded = {};
      names.forEach(function (name, i) { loaded[name] = groups[i]; });
      return loaded;
    });
  };

  // The entries one group's choices let through, as a lookup {entry: true}.
  function allowedBy(group, choice) {
    var allowed = {};
    if (group.ages) {
      var age = choice[0];
      return function (entry) {
        var limits = group.ages[entry];
        return !limits || ((limits[0] < 0 || limits[0] <= age) && (limits[1] < 0 || age <= limits[1]));
      };
    }
    choice.forEach(function (slug) {
      (group.members[slug] || []).forEach(function (n) { allowed[n] = true; });
    });
    if (choice.length) {
      group.everywhere.forEach(function (n) { allowed[n] = true; }); // serves every area
    }
    return function (entry) { return allowed[entry] === true; };
  }

  // entries: [numbers]; chosen: {group: [values]} (age: [number]); groups: loaded.
  // Returns {entries: the ones every group lets through, counts: {group: {value: n}}}.
  function apply(entries, chosen, groups) {
    var active = Object.keys(chosen).filter(function (name) { return chosen[name].length && groups[name]; });
    var tests = {};
    active.forEach(function (name) { tests[name] = allowedBy(groups[name], chosen[name]); });
    function passes(entry, except) {
      for (var i = 0; i < active.length; i++) {
        if (active[i] !== except && !tests[active[i]](entry)) {
          return false;
        }
      }
      return true;
    }
    var counts = {};
    Object.keys(groups).forEach(function (name) {
      var group = groups[name];
      if (group.ages) {
        return;
      }
      var base = {};
      entries.forEach(function (entry) { if (passes(entry, name)) { base[entry] = true; } });
      var count = counts[name] = {};
      group.values.forEach(function (value) {
        var n = 0;
        var members = group.members[value[0]];
        for (var i = 0; i < members.length; i++) {
          if (base[members[i]]) { n++; }
        }
        if (name === 'area') {
          group.everywhere.forEach(function (entry) { if (base[entry]) { n++; } });
        }
        count[value[0]] = n;
      });
    });
    return { entries: entries.filter(function (entry) { return passes(entry, null); }), counts: counts };
  }

  // --- near me -------------------------------------------------------------------------

  // {point: [lat, lon], areas: [slugs], postcode} or a reason it is not known.
  Filters.prototype.postcode = function (text) {
    var postcode = rules.normalisePostcode(text);
    if (!postcode) {
      return Promise.resolve({ error: 'malformed' });
    }
    var district = postcode.split(' ')[0];
    if ((this.files.manifest.postcodes || []).indexOf(district) === -1) {
      return Promise.resolve({ error: 'unknown', postcode: postcode });
    }
    return this.files.part('postcodes/' + district + '.json').then(function (data) {
      var point = data.p[postcode];
      return point ? { postcode: postcode, point: point, areas: data.areas || [] } : { error: 'unknown', postcode: postcode };
    });
  };

  Filters.prototype.places = function () {
    if (!this.geo) {
      this.geo = this.files.part('geo.json').then(function (data) {
        return { points: data.points, docs: data.docs.map(undelta) };
      });
    }
    return this.geo;
  };

  // Miles from point to each entry's nearest place: {entry: miles}.
  Filters.prototype.distances = function (point, entries) {
    return this.places().then(function (geo) {
      var miles = {};
      entries.forEach(function (entry) {
        var best = null;
        (geo.docs[entry] || []).forEach(function (p) {
          var away = rules.miles(point, [geo.points[2 * p] / 1e5, geo.points[2 * p + 1] / 1e5]);
          best = best === null || away < best ? away : best;
        });
        if (best !== null) {
          miles[entry] = best;
        }
      });
      return miles;
    });
  };

  window.CivicHub = window.CivicHub || {};
  window.CivicHub.searchFilters = {
    Filters: Filters,
    apply: apply,
    undelta: undelta
  };
})();
