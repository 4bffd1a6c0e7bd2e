/* The devserver's own script (commands/live_status.py adds it to the pages it
   serves; a built site never has it). Every second it asks the devserver how
   the last change went: once a change is shown it loads the page again; while
   an entry is broken it shows the problems at the top of the page and keeps
   the page as it was (the last good site). Problems are contributors' text:
   written as text, never as HTML. Styles are set through the DOM, which the
   site's policy allows (no inline style or script in the page). */
(function () {
  "use strict";
  var STATUS = "/_devserver/status.json";
  var seen = null;
  var banner = null;
  var shown = ""; // the problems on show, so that the alert is not redrawn (and read out) every second

  function style(element, rules) {
    Object.keys(rules).forEach(function (name) { element.style[name] = rules[name]; });
  }

  function hide() {
    if (banner) {
      banner.remove();
      banner = null;
      shown = "";
      document.body.style.paddingTop = "";
    }
  }

  function show(problems) {
    var key = JSON.stringify(problems);
    if (banner && key === shown) {
      return;
    }
    shown = key;
    if (!banner) {
      banner = document.createElement("div");
      banner.setAttribute("role", "alert");
      banner.id = "devserver-problems";
      style(banner, {
        position: "fixed", top: "0", left: "0", right: "0", zIndex: "2147483647",
        maxHeight: "50vh", overflowY: "auto", padding: "12px 16px",
        background: "#fff", color: "#0b0c0c", borderBottom: "5px solid #d4351c",
        font: "16px/1.4 Arial, sans-serif"
      });
      document.body.appendChild(banner);
    }
    var heading = document.createElement("p");
    style(heading, { margin: "0 0 8px", fontWeight: "bold" });
    heading.textContent = "This change is not shown: the site keeps the last good version until " +
      (problems.length === 1 ? "this problem is" : "these problems are") + " fixed.";
    var list = document.createElement("ul");
    style(list, { margin: "0", paddingLeft: "20px" });
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.textContent = p.path + ":" + p.line + ":" + p.col + ": " + p.message;
      list.appendChild(item);
    });
    banner.replaceChildren(heading, list);
    document.body.style.paddingTop = banner.offsetHeight + "px";
  }

  function poll() {
    fetch(STATUS, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) {
          return true;
        }
        if (seen !== null && status.build !== seen && status.ok) {
          window.location.reload();
          return false;
        }
        seen = status.build;
        if (status.ok) {
          hide();
        } else {
          show(status.problems);
        }
        return true;
      }, function () { return true; }) // the devserver starting again: ask again
      .then(function (again) {
        if (again) {
          window.setTimeout(poll, 1000);
        }
      });
  }

  poll();
}());
