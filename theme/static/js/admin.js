/* The web editor's own part (/admin/, next to Decap CMS): before Decap saves an
   entry, fields left empty are left out of the file, as they would be in a file
   written by hand. To Decap a field someone typed in and then cleared is "", a
   number cleared is NaN and a list item added and left blank is an empty
   object; the schema refuses each of them (an empty name is not a name), so the
   pull request would fail its checks for nothing. Nothing else is changed. */
(function () {
  "use strict";
  var cms = window.CMS;
  if (!cms || typeof cms.registerEventListener !== "function") {
    return;
  }

  // Decap's entry data is Immutable.js Maps and Lists: known by what they can do
  function isCollection(value) {
    return value !== null && typeof value === "object" &&
      typeof value.filter === "function" && typeof value.map === "function" && "size" in value;
  }

  function isEmpty(value) {
    if (value === null || value === undefined) {
      return true;
    }
    if (typeof value === "string") {
      return value.trim() === "";
    }
    if (typeof value === "number") {
      return isNaN(value);
    }
    return isCollection(value) && value.size === 0;
  }

  function prune(value) {
    if (!isCollection(value)) {
      return value;
    }
    return value.map(prune).filter(function (item) { return !isEmpty(item); });
  }

  cms.registerEventListener({
    name: "preSave",
    handler: function (event) {
      return prune(event.entry.get("data"));
    }
  });
}());

/* Accessibility repairs (docs/cms.md, "Accessibility"): Decap draws a few
   controls without the names and states a screen reader needs (axe-core,
   WCAG 2.2 AA, finds them; tests/browser/test_cms.py). Decap is React and
   redraws its parts at any moment, so a MutationObserver repeats the repairs
   after each change; each repair only adds what is missing, so running it
   again changes nothing. Colours are in theme/static/css/admin.css. */
(function () {
  "use strict";
  var made = 0;

  function idOf(element) {
    if (!element.id) {
      made += 1;
      element.id = "civic-editor-" + made;
    }
    return element.id;
  }

  function set(element, name, value) {
    if (element.getAttribute(name) !== value) {
      element.setAttribute(name, value);
    }
  }

  function named(element) {
    return element.hasAttribute("aria-label") || element.hasAttribute("aria-labelledby") ||
      (element.labels && element.labels.length > 0);
  }

  function each(selector, repair) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), repair);
  }

  // The Markdown editor (Slate: a contenteditable role=textbox) is named by its
  // field's label, whose for= names no element
  function nameTextbox(box) {
    var control = box.closest('[class*="-ControlContainer"]');
    var label = control && control.querySelector("label");
    if (label && !named(box)) {
      set(box, "aria-labelledby", idOf(label));
    }
  }

  // A switch (Decap's Toggle) has no aria-checked until first pressed, and the
  // Markdown field's "Rich Text / Markdown" one no name: it is named by the label
  // of its "on" side, the word after it
  function repairSwitch(toggle) {
    if (!toggle.hasAttribute("aria-checked")) {
      set(toggle, "aria-checked", "false");
    }
    var after = toggle.nextElementSibling;
    if (!named(toggle) && after && after.textContent.trim()) {
      set(toggle, "aria-labelledby", idOf(after));
    }
  }

  // A menu button (react-aria-menubutton's span role=button) drawn around a real
  // <button> (the Markdown toolbar's "Headings") is two buttons in one: the inner
  // one stays the button and takes the menu's state; the span becomes a plain
  // wrapper that hands on the focus Decap gives it when the menu closes
  var WRAPPER = "data-civic-menu-wrapper";

  function unnest(outer) {
    if (outer.querySelector("button")) {
      outer.removeAttribute("role");
      set(outer, "tabindex", "-1");
      set(outer, WRAPPER, "");
    }
  }

  function passMenuState(wrapper) {
    var inner = wrapper.querySelector("button");
    ["aria-haspopup", "aria-expanded"].forEach(function (name) {
      if (inner && wrapper.hasAttribute(name)) {
        set(inner, name, wrapper.getAttribute(name));
        wrapper.removeAttribute(name);
      }
    });
  }

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target.hasAttribute && target.hasAttribute(WRAPPER) && target.querySelector("button")) {
      target.querySelector("button").focus();
    }
  });

  // Decap draws a field's hint again as the field loses the focus, and so
  // replaces any link in it (an address in a hint becomes a link): Tab from the
  // field to that link left the focus nowhere. It goes on to the new link.
  document.addEventListener("focusout", function (event) {
    var link = event.relatedTarget;
    var hint = link && link.closest && link.closest('[class*="-ControlHint"]');
    if (hint) {
      var index = Array.prototype.indexOf.call(hint.querySelectorAll("a"), link);
      var tries = 30; // React redraws when it can: look again each frame, for half a second
      var refocus = function () {
        var active = document.activeElement;
        if (active === document.body) {
          var again = hint.querySelectorAll("a")[index];
          if (again) {
            again.focus();
            return;
          }
        } else if (active !== link || !link.isConnected) {
          return; // the focus went somewhere else: leave it there
        }
        if (tries > 0) {
          tries -= 1;
          requestAnimationFrame(refocus);
        }
      };
      requestAnimationFrame(refocus);
    }
  }, true); // before React, which redraws the hint while it handles the event

  // A list item's bar: a button to show or hide the item and one to remove it,
  // both drawn as icons alone. Named after the item's summary (what Decap shows
  // when the item is hidden), or its number while it has none.
  function nameItemButtons(bar) {
    var summary = bar.nextElementSibling;
    var item = bar.parentElement;
    var number = Array.prototype.indexOf.call(item.parentElement.children, item) + 1;
    var name = (summary && summary.textContent.trim()) || "item " + number;
    var first = bar.firstElementChild;
    var last = bar.lastElementChild;
    if (first && first.tagName === "BUTTON") {
      set(first, "aria-label", name.charAt(0).toUpperCase() + name.slice(1));
      set(first, "aria-expanded", String(!summary || getComputedStyle(summary).display === "none"));
    }
    if (last && last !== first && last.tagName === "BUTTON") {
      set(last, "aria-label", "Remove " + name);
    }
  }

  // The options of a relation field (react-select drawn in a virtual list) have
  // no listbox around them, the one its combobox's aria-controls names
  function giveOptionsAList(option) {
    var list = option.parentElement && option.parentElement.parentElement;
    var id = option.id.replace(/option-\d+$/, "listbox");
    if (list && !option.closest('[role="listbox"]')) {
      set(list, "role", "listbox");
      if (!document.getElementById(id)) {
        list.id = id;
      }
    }
  }

  // The preview pane: the frame has no title, and the document Decap writes
  // into it no language and no title either
  function namePreview(frame) {
    var inner = frame.contentDocument;
    set(frame, "title", "Preview");
    if (inner && inner.documentElement && !inner.documentElement.lang) {
      inner.documentElement.lang = document.documentElement.lang;
    }
    if (inner && inner.head && !inner.title) {
      inner.title = "Preview";
    }
    if (!frame.hasAttribute("data-civic-watched")) { // its document is made once the frame loads
      frame.setAttribute("data-civic-watched", "");
      frame.addEventListener("load", function () { namePreview(frame); });
    }
  }

  function repairAll() {
    each('[class*="-AppMainContainer"]', function (main) { set(main, "role", "main"); }); // a landmark to jump to
    each('[role="textbox"][data-slate-editor]', nameTextbox);
    each('[role="switch"]', repairSwitch);
    each('[role="button"]', unnest);
    each("[" + WRAPPER + "]", passMenuState);
    each('[role="menu"] > ul', function (list) { set(list, "role", "none"); }); // menu > menuitem
    each("iframe#preview-pane", namePreview);
    each('[class*="-StyledListItemTopBar"]', nameItemButtons);
    each('[role="option"][id*="-option-"]', giveOptionsAList);
  }

  new MutationObserver(repairAll).observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["aria-expanded", "class"]
  });
  repairAll();
}());

/* What became of a save (docs/cms.md, "Editing locally"). With `make cms` the
   devserver builds the site again after each save and says how it went at
   /_devserver/status.json (commands/live_status.py): a save the build refuses
   leaves the site as it was, so the editor must not say it is published. Its
   problems are shown in the page, those of the entry just saved first, in
   words, as text (they quote what contributors wrote). A published editor has
   no such address, and shows nothing. Decap's own messages are made honest
   too: a save is not the site changing. */
(function () {
  "use strict";
  var cms = window.CMS;
  if (!cms || typeof cms.registerEventListener !== "function") {
    return;
  }
  var STATUS = "/_devserver/status.json";
  var WAIT = 120; // seconds a large directory may take to show a change
  var asked = null; // the status as the save began: what counts as news
  var region = null;

  var en = typeof cms.getLocale === "function" ? cms.getLocale("en") : null;
  if (en && en.ui && en.editor) {
    var saved = "Saved. The site shows it once it passes the checks.";
    en.ui.toast = Object.assign({}, en.ui.toast, { entrySaved: saved, entryPublished: saved });
    en.editor.editorToolbar = Object.assign({}, en.editor.editorToolbar, { published: "Saved" });
    cms.registerLocale("en", en);
  }

  function status() {
    return fetch(STATUS, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }

  function element(tag, text, className) {
    var made = document.createElement(tag);
    made.textContent = text;
    if (className) {
      made.className = className;
    }
    return made;
  }

  function where(problem, own) {
    var place = "line " + problem.line + ", column " + problem.col;
    return own ? "At " + place + ": " : "In " + problem.path + ", at " + place + ": ";
  }

  function report(ok, lines, extra) {
    if (!region) {
      region = document.createElement("div");
      region.id = "civic-save-result";
      document.body.appendChild(region);
    }
    region.className = "civic-save-result " + (ok ? "civic-save-ok" : "civic-save-refused");
    region.setAttribute("role", ok ? "status" : "alert");
    var close = element("button", "Close", "civic-save-close");
    close.type = "button";
    close.addEventListener("click", function () { region.replaceChildren(); region.className = ""; });
    var parts = [element("p", ok ? "Published on the preview." :
      "Not published: the site keeps the last good version until this is fixed.", "civic-save-heading")];
    if (lines.length) {
      var list = document.createElement("ul");
      lines.forEach(function (line) { list.appendChild(element("li", line)); });
      parts.push(list);
    }
    if (extra) {
      parts.push(element("p", extra));
    }
    parts.push(close);
    region.replaceChildren.apply(region, parts);
  }

  // a problem's path ends with <folder>/<file name>, as Decap names the entry
  function ownsProblem(entry, problem) {
    var path = entry.get("path");
    var name = "/" + entry.get("collection") + "/" + entry.get("slug") + ".";
    return (path && ("/" + problem.path).slice(-path.length - 1) === "/" + path) ||
      ("/" + problem.path).indexOf(name) !== -1;
  }

  function tell(entry, now) {
    if (now.ok) {
      report(true, []);
      return;
    }
    var own = now.problems.filter(function (p) { return ownsProblem(entry, p); });
    var others = now.problems.filter(function (p) { return !ownsProblem(entry, p); });
    var lines = own.map(function (p) { return where(p, true) + p.message; })
      .concat(others.map(function (p) { return where(p, false) + p.message; }));
    report(false, lines, own.length ? "" : "This entry was saved; the problems are in other entries.");
  }

  function follow(entry, before, deadline) {
    status().then(function (now) {
      if (now && now.build !== before.build) {
        tell(entry, now);
      } else if (Date.now() < deadline) {
        window.setTimeout(function () { follow(entry, before, deadline); }, 1000);
      }
    });
  }

  cms.registerEventListener({
    name: "preSave",
    handler: function () {
      asked = status(); // before the file changes, so that any news after it is this save's
    }
  });

  cms.registerEventListener({
    name: "postSave",
    handler: function (event) {
      var entry = event.entry;
      (asked || status()).then(function (before) {
        if (before) {
          follow(entry, before, Date.now() + WAIT * 1000);
        }
      });
    }
  });
}());

/* The editor looks like the site: the preview pane uses the site's own
   stylesheets, and the sign-in page names the directory (Decap shows only its
   logo and a button; the name is in the page's meta, from the settings). */
(function () {
  "use strict";
  var cms = window.CMS;
  if (!cms || typeof cms.registerPreviewStyle !== "function") {
    return;
  }
  cms.registerPreviewStyle("/theme/css/main.css");
  cms.registerPreviewStyle("/brand.css");

  var meta = document.querySelector('meta[name="civic-hub-site-name"]');
  var name = meta ? meta.getAttribute("content") : "";

  function nameSignIn() {
    var page = document.querySelector('[class*="-StyledAuthenticationPage"]');
    if (page && name && !page.querySelector(".civic-sign-in-name")) {
      var heading = document.createElement("h1");
      heading.className = "civic-sign-in-name";
      heading.textContent = name; // text, as every value from elsewhere
      page.insertBefore(heading, page.firstChild);
    }
  }

  new MutationObserver(nameSignIn).observe(document.body, { childList: true, subtree: true });
  nameSignIn();
}());

/* Days as days (docs/cms.md, "Days as days"): a schedule's byday is a string of
   iCalendar day codes ("MO,WE"; every month "1SA,3SA", "-1FR" the last Friday),
   which a volunteer should not have to know. The "days" widget (cms/fields.py)
   shows the seven days as ticks and, for a schedule every month, the weeks, and
   stores exactly the string the file format uses; a value written by hand shows
   ticked. Ticks say "these days in these weeks", so a value they cannot say
   (a 5th week, "1SA,3MO", a code it does not know) is kept exactly as written,
   in a text box with a note, never changed behind the editor's back. Written
   with Decap's window.h and window.createClass (React), as there is no build
   step; its styles are classes in admin.css (no inline styles). */
var civicDays = (function () {
  "use strict";
  var DAYS = [["MO", "Monday"], ["TU", "Tuesday"], ["WE", "Wednesday"], ["TH", "Thursday"],
    ["FR", "Friday"], ["SA", "Saturday"], ["SU", "Sunday"]];
  var WEEKS = [["1", "1st"], ["2", "2nd"], ["3", "3rd"], ["4", "4th"], ["-1", "last"]]; // no 5th: rare
  var ORDINALS = { 1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", "-1": "last" };
  var CODE = /^(-1|[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/;

  function codes(list) {
    return list.map(function (pair) { return pair[0]; });
  }

  function ordered(values, list) {
    return codes(list).filter(function (code) { return values.indexOf(code) !== -1; });
  }

  // "1SA,3SA" -> {days: ["SA"], weeks: ["1", "3"]}; "MO,WE" -> weeks []; null
  // when the ticks cannot say it: every day in every week ticked, nothing else
  function read(value) {
    if (value === null || value === undefined || value === "") {
      return { days: [], weeks: [] };
    }
    if (typeof value !== "string") {
      return null;
    }
    var days = [], weeks = [], pairs = {};
    var readable = value.split(",").every(function (code) {
      var found = CODE.exec(code.trim());
      if (!found || found[1] === "5") {
        return false;
      }
      var week = found[1] || "";
      if (days.indexOf(found[2]) === -1) { days.push(found[2]); }
      if (weeks.indexOf(week) === -1) { weeks.push(week); }
      pairs[week + found[2]] = true;
      return true;
    });
    if (!readable || Object.keys(pairs).length !== days.length * weeks.length ||
        (weeks.indexOf("") !== -1 && weeks.length > 1)) {
      return null;
    }
    return { days: days, weeks: weeks[0] === "" ? [] : weeks };
  }

  // the file's string: days in the week's order, each week's days together
  function write(days, weeks) {
    days = ordered(days, DAYS);
    weeks = ordered(weeks, WEEKS);
    if (!weeks.length) {
      return days.join(",");
    }
    return weeks.map(function (week) {
      return days.map(function (day) { return week + day; }).join(",");
    }).join(",");
  }

  function joinWords(words) {
    return words.length <= 1 ? words.join("") : words.slice(0, -1).join(", ") + " and " + words[words.length - 1];
  }

  // "Mondays and Wednesdays", "the first Saturday and the third Saturday", as
  // plugins/directory/words.py says them on the service's page
  function phrases(value, monthly) {
    var named = {};
    DAYS.forEach(function (pair) { named[pair[0]] = pair[1]; });
    return String(value || "").split(",").filter(Boolean).map(function (code) {
      var found = CODE.exec(code.trim());
      if (!found) {
        return code;
      }
      return monthly && found[1] ? "the " + ORDINALS[found[1]] + " " + named[found[2]] : named[found[2]] + "s";
    });
  }

  function inWords(value, monthly) {
    return joinWords(phrases(value, monthly));
  }

  return { DAYS: DAYS, WEEKS: WEEKS, read: read, write: write, phrases: phrases, inWords: inWords,
    joinWords: joinWords };
}());

(function (days) {
  "use strict";
  var cms = window.CMS, h = window.h, createClass = window.createClass;
  if (!cms || typeof cms.registerWidget !== "function" || !h || !createClass) {
    return;
  }
  var ITEM = '[class*="-SortableListItem"]'; // a list's item (emotion's label, as in admin.css)

  // Whether the schedule this field is in repeats every month (its freq), read
  // from the entry as it is now: the list item the field is drawn in, its place
  // among the list's items, and the list's name from its field's id
  // ("schedules-field-7"). null when that cannot be known.
  function monthly(element, props) {
    var item = element && element.closest(ITEM);
    var list = (props.parentIds || []).filter(function (id) { return /-field-\d+$/.test(id || ""); }).pop();
    if (!item || !list || typeof props.getEntry !== "function") {
      return null;
    }
    var items = Array.prototype.filter.call(item.parentElement.children, function (child) {
      return child.matches(ITEM);
    });
    var schedule = props.getEntry().getIn(["data", list.replace(/-field-\d+$/, ""), items.indexOf(item)]);
    if (!schedule || typeof schedule.get !== "function") {
      return null;
    }
    return schedule.get("freq") === "MONTHLY"; // none chosen: the schema's default, every week
  }

  function box(id, code, text, ticked, onTick) {
    return h("div", { className: "civic-days-choice", key: code },
      h("input", { type: "checkbox", id: id, value: code, checked: ticked, onChange: onTick,
        className: "civic-days-box" }),
      h("label", { htmlFor: id, className: "civic-days-label" }, text));
  }

  var Control = createClass({
    getInitialState: function () {
      var shown = days.read(this.props.value);
      return { days: shown ? shown.days : [], weeks: shown ? shown.weeks : [], asText: !shown,
        monthly: null, sent: this.props.value };
    },

    // The freq beside it changes without Decap drawing this field again: it is
    // looked at again whenever anything in the schedule's part of the form changes
    componentDidMount: function () {
      var self = this, item = this.root && this.root.closest(ITEM);
      this.lookAtFreq();
      if (item) {
        this.watch = new MutationObserver(function () { self.lookAtFreq(); });
        this.watch.observe(item, { childList: true, subtree: true, characterData: true });
      }
    },

    componentDidUpdate: function () { this.lookAtFreq(); },

    componentWillUnmount: function () {
      if (this.watch) {
        this.watch.disconnect();
      }
    },

    lookAtFreq: function () {
      var now = monthly(this.root, this.props);
      if (now !== this.state.monthly) {
        this.setState({ monthly: now });
      }
      // a value from elsewhere (the entry loaded again): the ticks follow it
      if (this.props.value !== this.state.sent) {
        var shown = days.read(this.props.value);
        this.setState(shown ? { days: shown.days, weeks: shown.weeks, sent: this.props.value } :
          { asText: true, sent: this.props.value });
      }
    },

    send: function (chosen, weeks) {
      var value = days.write(chosen, weeks);
      this.setState({ days: chosen, weeks: weeks, sent: value });
      this.props.onChange(value);
    },

    toggle: function (list, code) {
      return list.indexOf(code) === -1 ? list.concat([code]) :
        list.filter(function (c) { return c !== code; });
    },

    useBoxes: function () {
      var shown = days.read(this.props.value) || { days: [], weeks: [] };
      this.setState({ asText: false });
      this.send(shown.days, shown.weeks);
    },

    fieldset: function (key, legend, hint, choices) {
      var hintId = this.props.forID + "-" + key + "-hint";
      return h("fieldset", { className: "civic-days-set", key: key, "aria-describedby": hint ? hintId : null },
        h("legend", { className: "civic-days-legend" }, legend),
        hint ? h("p", { className: "civic-days-hint", id: hintId }, hint) : null,
        h("div", { className: "civic-days-choices" }, choices));
    },

    asText: function () {
      var self = this, id = this.props.forID;
      return [
        h("p", { className: "civic-days-note", id: id + "-note", key: "note" },
          "These days are written in a way the boxes cannot show (for example a 5th week, or different " +
          "days in different weeks), so they are kept exactly as written. Change them here, or choose " +
          "the days with the boxes instead."),
        h("label", { htmlFor: id + "-text", className: "civic-days-label", key: "label" }, "Days, as written"),
        h("input", { type: "text", id: id + "-text", key: "text", className: "civic-days-text",
          value: this.props.value || "", "aria-describedby": id + "-note",
          onChange: function (event) {
            self.setState({ sent: event.target.value }); // as typed: the ticks do not take over mid-word
            self.props.onChange(event.target.value);
          } }),
        h("button", { type: "button", key: "boxes", className: "civic-days-button", onClick: this.useBoxes },
          "Choose with the boxes")
      ];
    },

    render: function () {
      var self = this, state = this.state, id = this.props.forID;
      var parts;
      if (state.asText) {
        parts = this.asText();
      } else {
        parts = [this.fieldset("days", "Days of the week", "", days.DAYS.map(function (pair) {
          return box(id + "-" + pair[0], pair[0], pair[1], state.days.indexOf(pair[0]) !== -1, function () {
            self.send(self.toggle(state.days, pair[0]), state.weeks);
          });
        }))];
        // weeks for a schedule every month, and wherever weeks are ticked, so none is hidden
        if (state.monthly !== false || state.weeks.length) {
          var hint = state.monthly === false ?
            "Weeks of the month are for a schedule that repeats every month: choose “Every month” above, or untick them." :
            "Every month: tick the weeks it happens in. None ticked: every week of the month.";
          parts.push(this.fieldset("weeks", "Weeks of the month", hint, days.WEEKS.map(function (week) {
            return box(id + "-week" + week[0], week[0], week[1], state.weeks.indexOf(week[0]) !== -1, function () {
              self.send(state.days, self.toggle(state.weeks, week[0]));
            });
          })));
        }
      }
      return h("div", {
        id: id,
        className: "civic-days " + (this.props.classNameWrapper || ""),
        ref: function (element) { self.root = element; },
        onFocus: this.props.setActiveStyle,
        onBlur: this.props.setInactiveStyle
      }, parts);
    }
  });

  var Preview = createClass({
    render: function () {
      return h("span", null, days.inWords(this.props.value, /\d/.test(this.props.value || "")));
    }
  });

  cms.registerWidget("days", Control, Preview);
}(civicDays));

/* A preview that looks like the page (docs/cms.md): a service as its page
   shows it (theme/templates/service.html), with GOV.UK's classes from the
   site's main.css: the organisation by its name, categories by their names and
   opening times in words, as plugins/directory/words.py says them. Names come
   from what Decap already holds: the organisation's from the relation field's
   metadata (Decap loads the chosen entry's data with the form), the
   categories' from their options in the configuration. Every value is React
   text (never HTML); the description is Decap's own sanitised Markdown preview. */
(function (days) {
  "use strict";
  var cms = window.CMS, h = window.h, createClass = window.createClass;
  if (!cms || typeof cms.registerPreviewTemplate !== "function" || !h || !createClass) {
    return;
  }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  function text(map, key) {
    var value = map && typeof map.get === "function" ? map.get(key) : undefined;
    return value === undefined || value === null ? "" : String(value);
  }

  // "09:30" -> "9:30am", "12:00" -> "midday", "17:00" -> "5pm" (words.clock)
  function clock(hhmm) {
    var parts = hhmm.split(":").map(Number), hour = parts[0], minute = parts[1] || 0;
    if (hour === 12 && minute === 0) { return "midday"; }
    if (hour === 0 && minute === 0) { return "midnight"; }
    var twelve = (hour % 12 || 12) + (minute ? ":" + (minute < 10 ? "0" : "") + minute : "");
    return twelve + (hour < 12 ? "am" : "pm");
  }

  function date(iso) {
    var found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return found ? Number(found[3]) + " " + MONTHS[Number(found[2]) - 1] + " " + found[1] : iso;
  }

  // one schedule in words: "Mondays and Wednesdays, 10am to 12:30pm" (words.opening_time)
  function openingTime(schedule) {
    var byday = text(schedule, "byday"), bymonthday = text(schedule, "bymonthday");
    var monthly = text(schedule, "freq") === "MONTHLY", interval = Number(text(schedule, "interval")) || 1;
    var when = text(schedule, "description");
    if (!when || byday || bymonthday) {
      var named = days.phrases(byday, monthly);
      bymonthday.split(",").filter(Boolean).forEach(function (d) {
        named.push(d === "-1" ? "the last day" : "day " + d);
      });
      when = days.joinWords(named);
      if (monthly) {
        var every = interval === 1 ? "every month" : "every " + interval + " months";
        when = when ? when + " of " + every : every;
      } else if (interval === 2) {
        when = "Every other week on " + when;
      } else if (interval > 2) {
        when = "Every " + interval + " weeks on " + when;
      }
      when = when.charAt(0).toUpperCase() + when.slice(1);
      if (text(schedule, "opens_at") && text(schedule, "closes_at")) {
        when += ", " + clock(text(schedule, "opens_at")) + " to " + clock(text(schedule, "closes_at"));
      }
    }
    var extras = [];
    var attending = text(schedule, "attending_type");
    if (attending && attending !== "in person") { extras.push(attending); }
    if (text(schedule, "valid_from")) { extras.push("from " + date(text(schedule, "valid_from"))); }
    if (text(schedule, "valid_to")) { extras.push("until " + date(text(schedule, "valid_to"))); }
    var notes = text(schedule, "notes");
    if (notes) { extras.push(notes.charAt(0).toLowerCase() + notes.slice(1)); }
    return when + (extras.length ? " (" + extras.join("; ") + ")" : "");
  }

  // a select field's options, value -> the term's own name ("Food › Community meals" -> "Community meals")
  function optionNames(fields, name) {
    var names = {};
    var field = fields && fields.find(function (f) { return f.get("name") === name; });
    ((field && field.get("options")) || []).forEach(function (option) {
      var label = typeof option === "string" ? option : option.get("label");
      var value = typeof option === "string" ? option : option.get("value");
      names[value] = String(label).split(" › ").pop();
    });
    return names;
  }

  function list(value) {
    return value && typeof value.toArray === "function" ? value.toArray() : [];
  }

  function row(key, value) {
    return h("div", { className: "govuk-summary-list__row", key: key },
      h("dt", { className: "govuk-summary-list__key" }, key),
      h("dd", { className: "govuk-summary-list__value" }, value));
  }

  function lines(items) {
    return items.length === 1 ? items[0] : h("ul", { className: "govuk-list" },
      items.map(function (item, i) { return h("li", { key: i }, item); }));
  }

  var ServicePreview = createClass({
    render: function () {
      var data = this.props.entry.get("data");
      var slug = text(data, "organization");
      var meta = this.props.fieldsMetaData;
      var organisation = slug && meta ? meta.getIn(["organization", "organisations", slug, "name"]) : "";
      var categories = optionNames(this.props.fields, "categories");
      var times = list(data.get("schedules")).map(openingTime).filter(Boolean);
      var named = list(data.get("categories")).map(function (c) { return categories[c] || c; });
      var rows = [
        times.length ? row("When", lines(times)) : null,
        organisation ? row("Organisation", organisation) : null,
        named.length ? row("Categories", named.join(", ")) : null
      ];
      return h("main", { className: "govuk-main-wrapper govuk-width-container" },
        h("div", { className: "govuk-grid-row" },
          h("div", { className: "govuk-grid-column-two-thirds" },
            organisation ? h("span", { className: "govuk-caption-l" }, organisation) : null,
            h("h1", { className: "govuk-heading-xl" }, text(data, "name") || "New service"),
            text(data, "summary") ? h("p", { className: "govuk-body-l" }, text(data, "summary")) : null,
            h("div", { className: "ch-prose" }, this.props.widgetFor("description")),
            h("h2", { className: "govuk-heading-m" }, "Details"),
            h("dl", { className: "govuk-summary-list" }, rows))));
    }
  });

  cms.registerPreviewTemplate("services", ServicePreview);
}(civicDays));
