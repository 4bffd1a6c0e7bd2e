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
