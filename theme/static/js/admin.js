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
