/*
 * Civic Hub directory widget, version 1 (served as /widget/v1/civic-hub.js).
 *
 *   <script src="https://directory.example/widget/v1/civic-hub.js" defer></script>
 *   <civic-hub-directory category="food-banks" area="north-ward" limit="5"></civic-hub-directory>
 *
 * Attributes: kind (service, organisation or consultation), category, area,
 * organisation (slugs as in the directory's content), limit, search (adds a
 * search box), postcode (nearest first), heading, heading-level (1-6) and
 * target="_blank" (links open a new tab, as in the directory's frames).
 *
 * It renders into Shadow DOM with the stylesheet beside this file, reads one
 * small JSON file per filter (data/<kind>/<filter>/<slug>.json, its columns
 * described in plugins/directory/outputs/widgets.py) and keeps the items all of them hold; data/<kind>/<filter>.json lists the slugs there are. Text is written with textContent only: no innerHTML,
 * no eval, no inline styles, no cookies, no storage. An unknown slug shows a
 * message in the widget and a console warning naming the attribute.
 *
 * The same file resizes the directory's frames (<iframe data-civic-hub>): it
 * says hello to each frame, and takes a height only from that frame's window,
 * at the directory's origin (or the opaque origin of a sandboxed frame).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !window.customElements || window.customElements.get('civic-hub-directory')) {
    return;
  }
  var BASE = new URL('.', script.src).href; // …/widget/v1/
  var ROOT = new URL('../../', BASE).href; // the directory
  var ORIGIN = new URL(BASE).origin;
  var TAG = '<civic-hub-directory>';
  var FILTERS = ['category', 'area', 'organisation'];
  var KINDS = {
    service: { folder: 'services', title: 'Services', one: 'service', many: 'services', filters: FILTERS },
    organisation: { folder: 'organisations', title: 'Groups and organisations', one: 'group or organisation', many: 'groups and organisations', filters: ['category', 'area'] },
    consultation: { folder: 'consultations', title: 'Consultations', one: 'consultation', many: 'consultations', none: 'open consultations', filters: FILTERS }
  };
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var files = {}; // address -> Promise of its data (null: not found), shared by a page's widgets
  var rules = window.CivicHubRules; // theme/static/js/rules.js, which the build puts in front of this file

  function load(address) {
    if (!files[address]) {
      files[address] = fetch(address, { credentials: 'omit', referrerPolicy: 'no-referrer' }).then(function (response) {
        if (response.status === 404) {
          return null;
        }
        if (!response.ok) {
          throw new Error(response.status + ' ' + address);
        }
        return response.json();
      });
      files[address].catch(function () {
        delete files[address]; // try again next time
      });
    }
    return files[address];
  }

  function el(name, className, text) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function fold(text) {
    return String(text || '').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }

  // A consultation's status by the reader's clock: [status, words], or null once closed.
  function consultationStatus(item, soonDays, formatDate, now) {
    var opens = new Date(item.c[0]);
    var closes = new Date(item.c[1]);
    var status = rules.statusAt(opens, closes, now, soonDays, null);
    if (status === 'closed') {
      return null;
    }
    var words = rules.statusWords(status, opens, formatDate);
    return [status, status === 'upcoming' ? words : words + ', closes ' + formatDate(closes)];
  }

  // How many consultations, in words: one that opens later is not open yet, so it
  // is never counted as open ("5 consultations: 3 open, 2 opening later").
  function consultationsCounted(shown) {
    var later = shown.filter(function (s) { return s.status[0] === 'upcoming'; }).length;
    var open = shown.length - later;
    var noun = shown.length === 1 ? 'consultation' : 'consultations';
    if (!later) {
      return open + ' open ' + noun;
    }
    return open ? shown.length + ' ' + noun + ': ' + open + ' open, ' + later + ' opening later' : later + ' ' + noun + ' opening later';
  }

  // Open ones first, soonest to close; then upcoming ones, soonest to open.
  function consultationOrder(a, b) {
    var upcoming = (a.status[0] === 'upcoming') - (b.status[0] === 'upcoming');
    var when = a.status[0] === 'upcoming' ? 0 : 1;
    return upcoming || new Date(a.item.c[when]) - new Date(b.item.c[when]);
  }

  // What the attributes ask for, and what is wrong with them.
  function request(element) {
    var kindName = (element.getAttribute('kind') || 'service').trim();
    var kind = KINDS[kindName];
    var ask = { kind: kind, kindName: kindName, filters: [], problems: [] };
    if (!kind) {
      ask.problems.push(['kind', kindName, 'kind must be service, organisation or consultation']);
      return ask;
    }
    FILTERS.forEach(function (name) {
      var value = (element.getAttribute(name) || '').trim();
      if (!element.hasAttribute(name)) {
        return;
      }
      if (kind.filters.indexOf(name) === -1) {
        ask.problems.push([name, value, 'a list of ' + kind.many + ' cannot be chosen by ' + name]);
      } else if (!SLUG.test(value)) {
        ask.problems.push([name, value, 'there is no ' + name + ' called "' + value + '" in the directory']);
      } else {
        ask.filters.push([name, value]);
      }
    });
    var limit = parseInt(element.getAttribute('limit'), 10);
    ask.limit = limit > 0 ? Math.min(limit, 100) : 10;
    var level = parseInt(element.getAttribute('heading-level'), 10);
    ask.level = level >= 1 && level <= 6 ? level : 2;
    ask.search = element.hasAttribute('search');
    ask.postcode = (element.getAttribute('postcode') || '').trim();
    ask.heading = (element.getAttribute('heading') || '').trim();
    ask.newTab = element.getAttribute('target') === '_blank';
    return ask;
  }

  function dataAddress(kind, filter) {
    var path = filter ? kind.folder + '/' + filter[0] + '/' + filter[1] : kind.folder;
    return BASE + 'data/' + path + '.json';
  }

  // A slice's data; null when the directory has no such category, area or
  // organisation. A host may not send CORS headers with a 404, so a file that
  // does not come is looked up in the filter's list of values before saying so.
  function slice(kind, filter) {
    return load(dataAddress(kind, filter)).catch(function () { return null; }).then(function (data) {
      if (data || !filter) {
        return data || Promise.reject(new Error('unreachable'));
      }
      return load(BASE + 'data/' + kind.folder + '/' + filter[0] + '.json').then(function (known) {
        if (known && known.values.indexOf(filter[1]) === -1) {
          return null;
        }
        throw new Error('unreachable');
      });
    });
  }

  // The slug a name gives, as the build works it out (outputs/widgets.py: short_slug,
  // which also sends "+2" for "<that>-2").
  function nameSlug(name) {
    return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  }

  // A data file's columns as one object per entry.
  function rows(data) {
    return data.u.map(function (given, n) {
      var slug = !given ? nameSlug(data.t[n]) : given.charAt(0) === '+' ? nameSlug(data.t[n]) + '-' + given.slice(1) : given;
      return {
        slug: slug, u: ROOT + data.link.replace('{slug}', slug).replace(/^\//, ''), t: data.t[n], s: data.s[n], o: data.o[n],
        a: data.a[n], f: data.f ? data.f[n] : [], g: data.g[n], c: data.c ? data.c[n] : null
      };
    });
  }

  // The directory's own page of what the widget shows: the term's or organisation's
  // page, or its search with the filters chosen.
  function pageOf(ask, found) {
    var org = ask.filters.map(function (f) { return f[0]; }).indexOf('organisation');
    if (found.length === 1 || org !== -1) {
      return ROOT + found[Math.max(org, 0)].page.replace(/^\//, '');
    }
    return ROOT + 'search/?' + ask.filters.map(function (f) { return f[0] + '=' + encodeURIComponent(f[1]); }).join('&');
  }

  // Where the postcode is ([lat, lon]), or null when the directory does not know it.
  function locate(text) {
    var postcode = rules.normalisePostcode(text);
    if (!postcode) {
      return Promise.resolve(null);
    }
    return load(ROOT + 'search/postcodes/' + postcode.split(' ')[0] + '.json').then(function (data) {
      return (data && data.p && data.p[postcode]) || null;
    });
  }

  class CivicHubDirectory extends HTMLElement {
    static get observedAttributes() {
      return ['kind', 'category', 'area', 'organisation', 'limit', 'search', 'postcode', 'heading', 'heading-level', 'target'];
    }

    constructor() {
      super();
      var root = this.attachShadow({ mode: 'open' });
      var styles = el('link');
      styles.rel = 'stylesheet';
      styles.href = BASE + 'civic-hub.css';
      this.styled = new Promise(function (resolve) {
        styles.addEventListener('load', resolve);
        styles.addEventListener('error', resolve); // unstyled rather than nothing
      });
      root.appendChild(styles);
      this.box = el('div', 'chd');
      this.box.appendChild(el('p', 'chd__message', 'Loading the directory…'));
      root.appendChild(this.box);
      this.query = '';
    }

    connectedCallback() {
      this.schedule();
    }

    attributeChangedCallback() {
      if (this.isConnected) {
        this.schedule();
      }
    }

    schedule() {
      var self = this;
      if (!self.pending) {
        self.pending = true;
        Promise.resolve().then(function () {
          self.pending = false;
          self.update();
        });
      }
    }

    update() {
      var self = this;
      var ask = request(self);
      var turn = (self.turn = {}); // a newer update wins
      if (ask.problems.length) {
        return self.styled.then(function () {
          if (self.turn === turn) {
            self.refuse(ask.problems);
          }
        });
      }
      var wanted = ask.filters.length ? ask.filters : [null];
      var data = Promise.all(wanted.map(function (filter) { return slice(ask.kind, filter); }));
      var place = ask.postcode ? locate(ask.postcode) : Promise.resolve(null);
      Promise.all([data, place, self.styled]).then(function (found) {
        if (self.turn !== turn) {
          return;
        }
        var unknown = ask.filters.filter(function (filter, n) { return !found[0][n]; });
        if (unknown.length) {
          return self.refuse(unknown.map(function (f) { return [f[0], f[1], 'there is no ' + f[0] + ' called "' + f[1] + '" in the directory']; }));
        }
        if (ask.postcode && !found[1]) {
          console.warn(TAG + ': postcode="' + ask.postcode + '" is not a postcode the directory knows; the list is not sorted by distance');
        }
        self.show(ask, found[0], found[1]);
        self.dispatchEvent(new CustomEvent('civic-hub-render', { bubbles: true }));
      }, function () {
        if (self.turn === turn) {
          self.message('The directory could not be reached just now.', true);
        }
      });
    }

    refuse(problems) {
      problems.forEach(function (p) {
        console.warn(TAG + ': ' + p[0] + '="' + p[1] + '": ' + p[2] + ' (' + ROOT + ')');
      });
      var first = problems[0];
      this.message('This list cannot be shown: ' + first[2] + '.', true);
    }

    message(text, withLink) {
      var box = el('div', 'chd');
      box.appendChild(el('p', 'chd__message', text));
      if (withLink) {
        box.appendChild(this.link(ROOT, 'Visit the directory'));
      }
      this.box.replaceWith(box);
      this.box = box;
      this.dispatchEvent(new CustomEvent('civic-hub-render', { bubbles: true }));
    }

    link(href, text) {
      var a = el('a', 'chd__link', text);
      a.href = href;
      if (this.newTab) {
        a.target = '_blank';
        a.rel = 'noopener';
      }
      return a;
    }

    show(ask, found, point) {
      var self = this;
      var first = found[0];
      var keep = found.slice(1).map(function (d) {
        var slugs = {};
        rows(d).forEach(function (item) { slugs[item.slug] = true; });
        return slugs;
      });
      var now = Date.now();
      var formatDate = rules.dateFormatter(first.tz); // the council's time zone, from its data
      var items = rows(first).filter(function (item) {
        return keep.every(function (slugs) { return slugs[item.slug]; });
      }).map(function (item) {
        var shown = { item: item, facts: (item.f || []).slice() };
        if (item.c) {
          shown.status = consultationStatus(item, first.soon, formatDate, now);
        }
        if (point && item.g.length) {
          shown.miles = Math.min.apply(null, item.g.map(function (g) { return rules.miles(point, g); }));
          shown.facts.push(rules.describeMiles(shown.miles));
        }
        return shown;
      });
      if (ask.kind.folder === 'consultations') {
        items = items.filter(function (s) { return s.status; });
        items.sort(consultationOrder);
      }
      if (point) {
        items.sort(function (a, b) {
          return (a.miles === undefined ? Infinity : a.miles) - (b.miles === undefined ? Infinity : b.miles);
        });
      }
      self.newTab = ask.newTab;
      self.ask = ask;
      self.items = items;
      self.page = pageOf(ask, found);
      self.site = first.site;
      var box = el('div', 'chd');
      var names = found.map(function (d) { return d.name; }).filter(function (name) { return name !== ask.kind.title; });
      box.appendChild(el('h' + ask.level, 'chd__heading', ask.heading || ask.kind.title + (names.length ? ': ' + names.join(', ') : '')));
      if (ask.newTab) {
        box.appendChild(el('p', 'chd__note', 'Links open in a new tab.'));
      }
      if (ask.search) {
        box.appendChild(self.searchBox(ask));
      }
      self.count = el('p', 'chd__count');
      self.count.setAttribute('role', 'status');
      box.appendChild(self.count);
      self.list = el('ul', 'chd__list');
      box.appendChild(self.list);
      self.more = el('p', 'chd__more');
      box.appendChild(self.more);
      self.box.replaceWith(box);
      self.box = box;
      self.fill();
    }

    searchBox(ask) {
      var self = this;
      var wrap = el('div', 'chd__search');
      var label = el('label', 'chd__label', 'Search these ' + ask.kind.many);
      var input = el('input', 'chd__input');
      input.type = 'search';
      input.id = 'chd-search';
      input.autocomplete = 'off';
      input.value = self.query;
      label.htmlFor = input.id;
      input.addEventListener('input', function () {
        self.query = input.value;
        self.fill();
      });
      wrap.appendChild(label);
      wrap.appendChild(input);
      return wrap;
    }

    fill() {
      var self = this;
      var words = fold(self.query).split(/\s+/).filter(Boolean);
      var matching = !words.length ? self.items : self.items.filter(function (s) {
        s.text = s.text || fold([s.item.t, s.item.s, s.item.o, s.item.a].join(' ')); // once, on the first search
        return words.every(function (w) { return s.text.indexOf(w) !== -1; });
      });
      var list = el('ul', 'chd__list');
      matching.slice(0, self.ask.limit).forEach(function (s) {
        var li = el('li', 'chd__item');
        li.appendChild(self.link(s.item.u, s.item.t));
        if (s.item.s) {
          li.appendChild(el('p', 'chd__summary', s.item.s));
        }
        var meta = [s.status ? s.status[1] : '', s.item.o, s.item.a].concat(s.facts).filter(Boolean);
        if (meta.length) {
          li.appendChild(el('p', 'chd__meta', meta.join(' · ')));
        }
        list.appendChild(li);
      });
      self.list.replaceWith(list);
      self.list = list;
      var many = self.ask.kind.many;
      var counted = matching.length + ' ' + (matching.length === 1 ? self.ask.kind.one : many);
      var told = self.ask.kind.folder === 'consultations' && matching.length ? consultationsCounted(matching) : counted;
      self.count.textContent = words.length
        ? (matching.length ? counted + ' match "' + self.query.trim() + '"' : 'No ' + many + ' match "' + self.query.trim() + '"')
        : (matching.length > self.ask.limit ? 'Showing ' + self.ask.limit + ' of ' + told : matching.length ? told : 'There are no ' + (self.ask.kind.none || many) + ' here right now.');
      self.more.textContent = '';
      self.more.appendChild(self.link(self.page, (matching.length > self.ask.limit ? 'See all ' + counted : 'Find more') + ' on ' + self.site));
    }
  }

  window.customElements.define('civic-hub-directory', CivicHubDirectory);

  // --- frames: their height, from their own window only ---------------------------
  function directoryFrames() {
    return Array.prototype.filter.call(document.querySelectorAll('iframe[data-civic-hub]'), function (frame) {
      return new URL(frame.src, location.href).origin === ORIGIN;
    });
  }
  function hello(frame) {
    if (frame.contentWindow) {
      frame.contentWindow.postMessage({ civicHub: 'hello' }, '*'); // carries nothing: any origin may hear it
    }
  }
  directoryFrames().forEach(hello);
  document.addEventListener('load', function (event) { // a frame's load does not bubble: caught on the way down
    if (directoryFrames().indexOf(event.target) !== -1) {
      hello(event.target);
    }
  }, true);
  window.addEventListener('message', function (event) {
    var data = event.data;
    if ((event.origin !== ORIGIN && event.origin !== 'null') || !data || data.civicHub !== 'height' || typeof data.height !== 'number' || !isFinite(data.height)) {
      return;
    }
    directoryFrames().forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        frame.height = String(Math.max(80, Math.min(10000, Math.ceil(data.height))));
      }
    });
  });
})();
