/* Progress: a checkbox per timeline task (li#task-<id>), kept in localStorage,
   a progress bar per phase, and export/import as a small JSON file.
   Without JavaScript the tasks read as a plain list. */
(function () {
  "use strict";

  var KEY = "mlprep.progress.v1", FORMAT = "ml-interview-prep-progress", ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(KEY) || "{}");
      return Array.isArray(saved.done) ? saved.done.filter(function (id) { return ID.test(id); }) : [];
    } catch (e) {
      return [];  // unreadable or blocked storage: start empty rather than break the page
    }
  }
  function save(done) {
    try { localStorage.setItem(KEY, JSON.stringify({ version: 1, done: done })); } catch (e) { /* private mode */ }
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }

  function init() {
    var items = Array.prototype.slice.call(document.querySelectorAll(".guide-phase .guide-tasks > li[id^='task-']"));
    if (!items.length || document.body.dataset.progressReady) return;
    document.body.dataset.progressReady = "1";
    var tools = document.getElementById("progress-tools"), status = document.getElementById("progress-status");
    var boxes = {};

    items.forEach(function (li) {
      var id = li.id.slice("task-".length);
      var box = el("input", { type: "checkbox", id: "done-" + id, "class": "guide-check", "data-task": id });
      // The task's words (not its "See:" links) become the box's label, so clicking them ticks it.
      var label = el("label", { "for": box.id, "class": "guide-task-text" });
      while (li.firstChild && !(li.firstChild.classList && li.firstChild.classList.contains("guide-cites"))) label.appendChild(li.firstChild);
      li.insertBefore(label, li.firstChild);
      li.insertBefore(box, label);
      li.parentNode.classList.add("guide-checklist");
      boxes[id] = box;
    });

    document.querySelectorAll(".guide-phase").forEach(function (section) {
      var count = section.querySelectorAll(".guide-check").length;
      if (!count) return;
      var pid = "progress-" + section.id, wrap = el("p", { "class": "guide-phase-progress" });
      var label = el("label", { "for": pid }, "Done in this phase: ");
      label.appendChild(el("span", { "data-progress-text": "" }));
      wrap.appendChild(label);
      wrap.appendChild(document.createTextNode(" "));
      wrap.appendChild(el("progress", { id: pid, max: String(count), value: "0" }));
      var list = section.querySelector(".guide-tasks");
      list.parentNode.insertBefore(wrap, list);
    });

    function refresh() {
      var done = [];
      Object.keys(boxes).forEach(function (id) { if (boxes[id].checked) done.push(id); });
      document.querySelectorAll(".guide-phase").forEach(function (section) {
        var bar = section.querySelector(".guide-phase-progress progress");
        if (!bar) return;
        var n = section.querySelectorAll(".guide-check:checked").length, total = Number(bar.max);
        bar.value = n;
        bar.textContent = n + " of " + total;
        section.querySelector("[data-progress-text]").textContent = n + " of " + total + (total === 1 ? " task" : " tasks");
      });
      var all = document.getElementById("progress-all");
      if (all) {
        all.max = items.length;
        all.value = done.length;
        document.getElementById("progress-all-text").textContent = done.length + " of " + items.length;
      }
      return done;
    }
    function apply(ids) {
      Object.keys(boxes).forEach(function (id) { boxes[id].checked = ids.indexOf(id) >= 0; });
      save(refresh());
    }

    apply(load());
    items.forEach(function (li) { li.addEventListener("change", function () { save(refresh()); }); });
    // Another tab ticked a box: show it here too.
    window.addEventListener("storage", function (e) { if (e.key === KEY) apply(load()); });

    if (!tools) return;
    tools.hidden = false;
    var file = document.getElementById("progress-file");
    document.getElementById("progress-export").addEventListener("click", function () {
      var body = JSON.stringify({ format: FORMAT, version: 1, exported: new Date().toISOString(), done: refresh() }, null, 2) + "\n";
      var a = el("a", { href: URL.createObjectURL(new Blob([body], { type: "application/json" })), download: "ml-job-search-progress.json" });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 0);
      status.textContent = "Exported " + refresh().length + " ticked tasks.";
    });
    document.getElementById("progress-import").addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      chosen.text().then(function (text) {
        var data = JSON.parse(text);
        if (!data || data.format !== FORMAT || !Array.isArray(data.done)) throw new Error("not a progress file");
        var known = data.done.filter(function (id) { return typeof id === "string" && boxes.hasOwnProperty(id); });
        apply(known);
        var skipped = data.done.length - known.length;
        status.textContent = "Imported " + known.length + " ticked tasks" +
          (skipped ? "; " + skipped + (skipped === 1 ? " unknown task was" : " unknown tasks were") + " left out." : ".");
      }).catch(function () {
        status.textContent = "That file is not a progress file exported from this guide; nothing was changed.";
      }).then(function () { file.value = ""; });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
})();
