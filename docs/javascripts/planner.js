/* Planner: turns the timeline's phases (each section's data-anchor and
   data-offset, an ISO 8601 duration, written by the build from the data) into
   dates for one reader, and exports them as an RFC 5545 calendar. Titles and
   tasks are read from the page itself, so the calendar says what the page says.
   No framework, no request: everything is local.
   The date rule is written down in the page ("How the dates are worked out"). */
(function () {
  "use strict";

  var DURATION = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;
  var DAY_MS = 86400000;

  // Dates are {y, m: 1-12, d} worked in UTC, so no time zone or DST can move a day.
  function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function fromUtc(ms) { var x = new Date(ms); return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate() }; }
  function toUtc(t) { var x = new Date(0); x.setUTCFullYear(t.y, t.m - 1, t.d); return x.getTime(); }
  function addDays(t, n) { return fromUtc(toUtc(t) + n * DAY_MS); }
  // Calendar months; a day that the target month lacks becomes its last day (Aug 31 - 6M = Feb 28/29).
  function addMonths(t, n) {
    var i = t.y * 12 + (t.m - 1) + n, y = Math.floor(i / 12), m = i - y * 12 + 1;
    return { y: y, m: m, d: Math.min(t.d, daysIn(y, m)) };
  }
  function parseDuration(s) {
    var p = DURATION.exec(s || "");
    if (!p) return null;
    var sign = p[1] ? -1 : 1, n = function (i) { return Number(p[i] || 0); };
    return { months: sign * (n(2) * 12 + n(3)), days: sign * (n(4) * 7 + n(5)) };
  }
  function shift(t, dur) { return addDays(addMonths(t, dur.months), dur.days); }
  function pad(n, w) { return String(n).padStart(w, "0"); }
  function iso(t) { return pad(t.y, 4) + "-" + pad(t.m, 2) + "-" + pad(t.d, 2); }
  function parseDate(s) {
    var p = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || "");
    if (!p) return null;
    var t = { y: +p[1], m: +p[2], d: +p[3] };
    return t.y >= 1900 && t.m >= 1 && t.m <= 12 && t.d >= 1 && t.d <= daysIn(t.y, t.m) ? t : null;
  }
  function cmp(a, b) { return iso(a) < iso(b) ? -1 : iso(a) > iso(b) ? 1 : 0; }
  function daysBetween(a, b) { return Math.round((toUtc(b) - toUtc(a)) / DAY_MS); }
  function today() { var n = new Date(); return { y: n.getFullYear(), m: n.getMonth() + 1, d: n.getDate() }; }
  var FORMAT = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  function human(t) { return FORMAT.format(new Date(toUtc(t))); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function ago(days) { return days === 0 ? "today" : days > 0 ? "in " + plural(days, "day") : plural(-days, "day") + " ago"; }

  // The plan: every phase dated from its anchor; the search phase from the rules.
  function compute(data, input) {
    var lead = { months: 0, days: 0 }, searchPhase = null;
    data.phases.forEach(function (p) { if (p.id === data.search) { searchPhase = p; lead = parseDuration(p.offset) || lead; } });
    var search = addDays(addMonths(input.start, lead.months - input.notice), lead.days - 7 * input.visa);
    var capped = false;
    if (input.final && cmp(input.final, search) < 0) { search = input.final; capped = true; }
    var anchors = { "start-date": input.start, "first-interview": search };
    var rows = [];
    data.phases.forEach(function (p, i) {
      var dur = parseDuration(p.offset);
      if (!dur || !anchors[p.anchor]) return;  // the build validates both; skip rather than guess
      rows.push({ phase: p, index: i, date: p === searchPhase ? search : shift(anchors[p.anchor], dur) });
    });
    rows.push({ phase: null, index: rows.length, date: input.start });
    rows.sort(function (a, b) { return cmp(a.date, b.date) || a.index - b.index; });
    return { rows: rows, search: search, capped: capped, start: input.start };
  }

  function readInput(form) {
    var f = form.elements, problems = [];
    var start = parseDate(f.start.value), final = f.final.value ? parseDate(f.final.value) : null;
    var notice = Number(f.notice.value || 0), visa = Number(f.visa.value || 0);
    function check(el, ok, text) { el.setAttribute("aria-invalid", ok ? "false" : "true"); if (!ok) problems.push(text); }
    check(f.start, !!start, "Enter your target start date.");
    check(f.final, !f.final.value || !!final, "The start of your final year is not a valid date.");
    check(f.notice, Number.isInteger(notice) && notice >= 0 && notice <= 24, "The notice period must be a whole number of months from 0 to 24.");
    check(f.visa, Number.isInteger(visa) && visa >= 0 && visa <= 104, "The visa time must be a whole number of weeks from 0 to 104.");
    return { start: start, final: final, notice: notice, visa: visa, problems: problems };
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  function timeEl(t) { return el("time", { datetime: iso(t) }, human(t)); }

  function statusText(plan, now) {
    var first = plan.rows[0], late = plan.rows.filter(function (r) { return r.phase && cmp(r.date, now) < 0; });
    var words = "Start your search on " + human(plan.search) + " (" + ago(daysBetween(now, plan.search)) + ").";
    if (plan.capped) words += " That is the start of your final school year, which comes before the usual lead time.";
    if (cmp(plan.start, now) < 0) return "Your target start date, " + human(plan.start) + ", has already passed. Choose a later date to plan ahead. " + words;
    if (late.length) {
      return "Your plan does not fit before today: " + plural(late.length, "phase") + " would have begun already (" +
        late.map(function (r) { return r.phase.title + ", " + human(r.date); }).join("; ") +
        "). They are marked as already past: do their tasks now, or choose a later start date. " + words;
    }
    return "Everything fits: your plan begins on " + human(first.date) + " (" + ago(daysBetween(now, first.date)) + "). " + words;
  }

  function render(plan, list, now) {
    list.textContent = "";
    var marked = false;
    function here() {
      var li = el("li", { "class": "guide-plan-today", "aria-current": "date" });
      li.appendChild(el("strong", {}, "You are here: "));
      li.appendChild(document.createTextNode("today, "));
      li.appendChild(timeEl(now));
      list.appendChild(li);
      marked = true;
    }
    plan.rows.forEach(function (r) {
      if (!marked && cmp(r.date, now) > 0) here();
      var past = cmp(r.date, now) < 0;
      var li = el("li", { "class": "guide-plan-item" + (past ? " is-past" : ""), "data-phase": r.phase ? r.phase.id : "start-date" });
      li.appendChild(timeEl(r.date));
      li.appendChild(document.createTextNode(" "));
      if (r.phase) {
        li.appendChild(el("a", { href: "#" + r.phase.id }, r.phase.title));
        li.appendChild(el("span", { "class": "guide-plan-when" }, " (" + r.phase.when + ", " + plural(r.phase.tasks.length, "task") + ")"));
      } else {
        li.appendChild(el("strong", {}, "Your new job starts"));
      }
      if (past) li.appendChild(el("span", { "class": "guide-plan-past" }, " already past"));
      if (r.phase) li.appendChild(el("span", { "class": "guide-plan-summary" }, r.phase.summary));
      list.appendChild(li);
    });
    if (!marked) here();
    // The timeline below gets the same dates, so printing it gives a dated checklist.
    document.querySelectorAll(".guide-plan-date").forEach(function (p) { p.remove(); });
    plan.rows.forEach(function (r) {
      var section = r.phase && document.getElementById("phase-" + r.phase.id);
      if (!section) return;
      var p = el("p", { "class": "guide-plan-date" }, "Your date: ");
      p.appendChild(timeEl(r.date));
      if (cmp(r.date, now) < 0) p.appendChild(document.createTextNode(" (already past)"));
      var when = section.querySelector(".guide-when");
      section.insertBefore(p, when ? when.nextSibling : section.firstChild);
    });
  }

  // RFC 5545: escaped text, lines folded at 75 octets, CRLF endings.
  function icsText(s) { return String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n"); }
  var ENCODER = new TextEncoder();
  function fold(line) {
    var out = [], cur = "", len = 0;
    // Whole code points and whole escapes (\n, \,): a fold never splits either.
    for (var ch of line.match(/\\.|[\s\S]/gu) || []) {
      var n = ENCODER.encode(ch).length;
      if (len + n > 75) { out.push(cur); cur = " "; len = 1; }
      cur += ch; len += n;
    }
    out.push(cur);
    return out.join("\r\n");
  }
  function hash(s) {  // FNV-1a: a short, stable id for the plan's inputs
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h.toString(16).padStart(8, "0");
  }
  function compact(t) { return iso(t).replace(/-/g, ""); }

  function calendar(plan, input, url) {
    var key = hash([iso(input.start), input.final ? iso(input.final) : "", input.notice, input.visa].join("|"));
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ML Interview Prep//Job search planner//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:ML job search plan"];
    plan.rows.forEach(function (r) {
      var p = r.phase, id = p ? p.id : "start-date";
      var description = p
        ? [p.when, "", p.summary, "", "Tasks:"].concat(p.tasks.map(function (t) { return "- " + t.text; }), ["", url]).join("\n")
        : "The date you want to start your new job.\n\n" + url;
      lines.push("BEGIN:VEVENT", "UID:" + id + "-" + compact(input.start) + "-" + key + "@ml-interview-prep.planner",
        "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + compact(r.date), "DTEND;VALUE=DATE:" + compact(addDays(r.date, 1)),
        "SUMMARY:" + icsText(p ? p.title : "Your new job starts"), "DESCRIPTION:" + icsText(description),
        "TRANSP:TRANSPARENT", "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download(name, type, text) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 0);
  }

  function words(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }
  function without(node, selector) {  // a copy of node minus its decorations (permalink, "See:" links)
    var copy = node.cloneNode(true);
    copy.querySelectorAll(selector).forEach(function (n) { n.remove(); });
    return copy;
  }
  function readPhases(searchId) {
    var phases = Array.prototype.map.call(document.querySelectorAll(".guide-phase[data-anchor][data-offset]"), function (s) {
      var heading = s.querySelector("h2");
      return {
        id: s.id.replace(/^phase-/, ""), anchor: s.dataset.anchor, offset: s.dataset.offset,
        title: words(heading && without(heading, ".headerlink")),
        when: words(s.querySelector(".guide-when")), summary: words(s.querySelector(".guide-summary")),
        tasks: Array.prototype.map.call(s.querySelectorAll(".guide-tasks > li"), function (li) { return { text: words(without(li, ".guide-cites")) }; })
      };
    });
    return { search: searchId, phases: phases };
  }

  function init() {
    var form = document.getElementById("plan-form"), planner = document.getElementById("plan");
    if (!form || !planner || form.dataset.ready) return;
    form.dataset.ready = "1";
    var data = readPhases(planner.dataset.leadPhase);
    var status = document.getElementById("plan-status"), list = document.getElementById("plan-list");
    var icsButton = document.getElementById("plan-ics");
    var current = null;
    form.closest(".guide-planner-app").hidden = false;

    var params = new URLSearchParams(location.search);
    ["start", "final", "notice", "visa"].forEach(function (k) { if (params.has(k)) form.elements[k].value = params.get(k); });

    function update(fromUser) {
      var input = readInput(form), now = today();
      current = null;
      icsButton.disabled = true;
      if (input.problems.length) {
        list.textContent = "";
        status.textContent = fromUser || form.elements.start.value ? input.problems.join(" ") : "";
        return;
      }
      var plan = compute(data, input);
      current = { plan: plan, input: input };
      render(plan, list, now);
      status.textContent = statusText(plan, now);
      icsButton.disabled = false;
      var q = new URLSearchParams(location.search);
      q.set("start", iso(input.start));
      if (input.final) q.set("final", iso(input.final)); else q.delete("final");
      input.notice ? q.set("notice", input.notice) : q.delete("notice");
      input.visa ? q.set("visa", input.visa) : q.delete("visa");
      history.replaceState(history.state, "", "?" + q.toString() + location.hash);
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); update(true); });
    form.addEventListener("change", function () { update(false); });
    icsButton.addEventListener("click", function () {
      if (current) download("ml-job-search-plan.ics", "text/calendar;charset=utf-8", calendar(current.plan, current.input, location.href));
    });
    document.getElementById("plan-print").addEventListener("click", function () { window.print(); });
    if (params.has("start")) update(true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
})();
