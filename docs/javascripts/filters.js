/* Resource filters: type, cost, level and topic, read from each article's data-*
   attributes. Options in one group widen (OR), groups narrow (AND); no tick
   shows everything. The state lives in the URL (?type=book&cost=free). */
(function () {
  "use strict";

  function init() {
    var form = document.getElementById("filters");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var articles = Array.prototype.slice.call(document.querySelectorAll("article.guide-resource"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var keys = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-facet]")).map(function (f) { return f.dataset.facet; });
    var status = document.getElementById("filters-status");
    // Each article's values per facet, read once: data-topics holds several, space-separated.
    var values = articles.map(function (a) {
      var v = {};
      keys.forEach(function (k) { v[k] = (a.dataset[k] || "").split(/\s+/).filter(Boolean); });
      return v;
    });
    // Group headings (h2#type-...) hide when every entry under them is hidden.
    var groups = [];
    articles.forEach(function (a) {
      var h = a.previousElementSibling;
      while (h && h.tagName !== "H2" && h.tagName !== "ARTICLE") h = h.previousElementSibling;
      if (h && h.tagName === "H2") groups.push({ heading: h, items: [] });
      if (groups.length) groups[groups.length - 1].items.push(a);
    });

    function selected() {
      var s = {};
      keys.forEach(function (k) { s[k] = []; });
      boxes.forEach(function (b) { if (b.checked) s[b.name].push(b.value); });
      return s;
    }
    function matches(v, s, skip) {
      return keys.every(function (k) {
        return k === skip || !s[k].length || s[k].some(function (x) { return v[k].indexOf(x) >= 0; });
      });
    }

    function update(writeUrl) {
      var s = selected(), shown = 0;
      articles.forEach(function (a, i) {
        var ok = matches(values[i], s, null);
        a.hidden = !ok;
        if (ok) shown++;
      });
      groups.forEach(function (g) { g.heading.hidden = g.items.every(function (a) { return a.hidden; }); });
      // Each count: how many would show with this option ticked, given the other groups.
      boxes.forEach(function (b) {
        var n = values.filter(function (v) { return matches(v, s, b.name) && v[b.name].indexOf(b.value) >= 0; }).length;
        b.parentNode.querySelector("[data-count]").textContent = "(" + n + ")";
      });
      var any = keys.some(function (k) { return s[k].length; });
      status.textContent = !any ? "Showing all " + articles.length + " resources."
        : shown ? "Showing " + shown + " of " + articles.length + " resources."
        : "No resource matches all of these filters; untick some options.";
      if (writeUrl) {
        var q = new URLSearchParams(location.search);
        keys.forEach(function (k) { q.delete(k); s[k].forEach(function (x) { q.append(k, x); }); });
        var query = q.toString();
        history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    var params = new URLSearchParams(location.search);
    boxes.forEach(function (b) { b.checked = params.getAll(b.name).indexOf(b.value) >= 0; });
    form.addEventListener("change", function () { update(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    // "reset" fires before the boxes are cleared; read them after it.
    form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
    form.hidden = false;
    update(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
})();
