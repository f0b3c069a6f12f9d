/* dossier: small enhancements; every page is complete without them.
   - Tables with class "sortable" sort by a column when its heading is
     clicked (again: the other way). A cell's data-sort value is used
     when present (numbers and dates as written for the machine).
   - The search box in the header finds customers, competitors and pages
     in assets/search-index.js, loaded on first use as a script so that
     it also works with the pages opened from disk. */
(function () {
  "use strict";

  function key(cell) {
    if (!cell) return "";
    var v = cell.getAttribute("data-sort");
    return v !== null ? v : cell.textContent.trim();
  }

  var NUMBER = /^-?\d+(\.\d+)?$/;

  /* Empty cells sort last either way. */
  function compare(a, b, down) {
    if (a === "" || b === "") return a === "" ? (b === "" ? 0 : 1) : -1;
    var c = NUMBER.test(a) && NUMBER.test(b)
      ? parseFloat(a) - parseFloat(b)
      : a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
    return down ? -c : c;
  }

  function sortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = table.getAttribute("data-sort-label") || "";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var down = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r, s) {
          return compare(key(r.cells[col]), key(s.cells[col]), down);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function search(form) {
    var input = form.querySelector("input");
    var list = form.querySelector("ul");
    var root = form.getAttribute("data-root") || "";
    var none = form.getAttribute("data-none") || "";
    var loading = false;
    form.hidden = false;

    function load(then) {
      if (window.DOSSIER_SEARCH) return then();
      if (loading) return;
      loading = true;
      var s = document.createElement("script");
      s.src = root + "assets/search-index.js";
      s.onload = then;
      document.head.appendChild(s);
    }

    function show() {
      var q = input.value.trim().toLowerCase();
      list.textContent = "";
      if (q === "") { list.hidden = true; return; }
      var words = q.split(/\s+/);
      var found = (window.DOSSIER_SEARCH || []).filter(function (e) {
        return words.every(function (w) { return e.s.indexOf(w) >= 0 || e.t.toLowerCase().indexOf(w) >= 0; });
      }).slice(0, 12);
      found.forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + e.u;
        a.textContent = e.t;
        li.appendChild(a);
        if (e.d) {
          var d = document.createElement("span");
          d.textContent = " · " + e.d;
          li.appendChild(d);
        }
        list.appendChild(li);
      });
      if (found.length === 0) {
        var li = document.createElement("li");
        li.textContent = none;
        list.appendChild(li);
      }
      list.hidden = false;
    }

    input.addEventListener("focus", function () { load(function () {}); });
    input.addEventListener("input", function () { load(show); show(); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { list.hidden = true; }
    });
  }

  document.querySelectorAll("table.sortable").forEach(sortable);
  document.querySelectorAll("form.search").forEach(search);
})();
