/* Planner: reads the reader's situation, dates the timeline's phases with
   MLPrepPlan (plan.js; each section's data-anchor and data-offset come from the
   data), and shows the plan as words, a list, a picture (planchart.js) and a
   calendar file (plancalendar.js). Titles and tasks are read from the page itself, so the
   calendar says what the page says. No framework, no request. */
(function () {
  "use strict";

  var P = window.MLPrepPlan;
  if (!P) return;
  var iso = P.iso, cmp = P.cmp;
  function today() { var n = new Date(); return { y: n.getFullYear(), m: n.getMonth() + 1, d: n.getDate() }; }
  var FORMAT = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  function human(t) { return FORMAT.format(new Date(P.toUtc(t))); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function ago(days) { return days === 0 ? "today" : days > 0 ? "in " + plural(days, "day") : plural(-days, "day") + " ago"; }

  var MILESTONES = {
    interview: "Your first interview",
    offers: "Offers should have landed",
    start: "Your new job starts"
  };
  var EACH = "Repeat it before every interview; this date is for your first.";

  function readInput(form, lead) {
    var f = form.elements, problems = [];
    function date(el) { return el.value ? P.parseDate(el.value) : null; }
    function whole(el, lo, hi) { var n = Number(el.value || 0); return Number.isInteger(n) && n >= lo && n <= hi ? n : null; }
    var input = {
      start: date(f.start), final: date(f.final), interview: date(f.interview),
      lead: whole(f.lead, lead.shortest, lead.longest), notice: whole(f.notice, 0, 24),
      visa: whole(f.visa, 0, 104), weeks: whole(f.weeks, 1, 12)
    };
    function check(el, ok, text) { el.setAttribute("aria-invalid", ok ? "false" : "true"); if (!ok) problems.push(text); }
    check(f.start, !!input.start, "Enter your target start date.");
    check(f.lead, input.lead !== null, "Choose a lead time from " + lead.shortest + " to " + lead.longest + " months.");
    check(f.notice, input.notice !== null, "The notice period must be a whole number of months from 0 to 24.");
    check(f.visa, input.visa !== null, "The visa time must be a whole number of weeks from 0 to 104.");
    check(f.final, !f.final.value || (!!input.final && !(input.start && cmp(input.final, input.start) >= 0)),
      "The start of your final year must be a valid date before your target start date.");
    check(f.weeks, input.weeks !== null, "The weeks to a first interview must be a whole number from 1 to 12.");
    check(f.interview, !f.interview.value || !!input.interview, "The interview date is not a valid date.");
    input.problems = problems;
    return input;
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  function timeEl(t) { return el("time", { datetime: iso(t) }, human(t)); }

  // Why no plan fits, in words: the page prints no dates that contradict each other.
  function refusal(plan, input, lead) {
    var d = plan.dates;
    var offers = "offers should land by " + human(d.offers) + " (your start date minus notice and visa time)";
    var words = {
      "start-past": "Your target start date, " + human(d.start) + ", has already passed. Choose a later date to plan ahead.",
      "interview-past": "The interview date you entered, " + human(input.interview || d.start) + ", has already passed. Leave it empty or enter your next one.",
      "too-late": "No dated plan fits: " + offers + ", so even the book's shortest lead time of " + plural(lead.shortest, "month") +
        " meant starting your search by " + human(d.latest) + ", which has passed. Choose a later start date, or search now and use the phases below as a checklist.",
      "interview-after-offers": "No dated plan fits: your interview on " + human(input.interview || d.start) + " comes after the date " + offers + ". Choose a later start date.",
      "search-too-late": "No dated plan fits: with your interview on " + human(input.interview || d.start) + ", your search would start after " +
        human(d.latest) + ", too late for " + offers + ". Choose a later start date.",
      "after-start": "No dated plan fits: some phases would fall after your start date, " + human(d.start) + ". Choose a later start date."
    };
    return words[plan.reason];
  }

  function statusText(plan, input, lead, now) {
    var d = plan.dates, out = [];
    out.push("The book's lead time of " + lead.shortest + " to " + lead.longest + " months puts the start of your search between " +
      human(d.earliest) + " and " + human(d.latest) + "; offers should land by " + human(d.offers) + ".");
    var on = human(d.search) + " (" + ago(P.daysBetween(now, d.search)) + ").";
    // The lead time is named only when it set the date; when a rule moved it, that rule explains it below.
    var search = plan.adjusted.length ? "Start your search on " + on
      : "This plan uses " + plural(input.lead, "month") + ": start your search on " + on;
    // Why this date: the last rule that moved it, in words true whichever rules moved it before.
    var given = plan.adjusted.indexOf("final") >= 0 ? "your final school year gives" : "your lead time gives";
    var why = {
      "final": " That is the start of your final school year: a student searches no later than that.",
      "today": " The date " + given + " has passed; the latest sensible start is still ahead, so start today.",
      "interview-soon": " That is " + plural(input.weeks, "week") + " before the interview date you entered, which comes sooner than the date " + given + ".",
      "interview-late": " That is a little under " + plural(lead.shortest, "month") + " before the interview date you entered, which comes more than " + plural(lead.shortest, "month") + " after the date " + given + "."
    }[plan.adjusted[plan.adjusted.length - 1]];
    out.push(search + (why || ""));
    out.push(input.interview
      ? "Your first interview: " + human(d.interview) + ", the date you entered."
      : "Your first interview: about " + human(d.interview) + ", assuming " + plural(input.weeks, "week") + " from your first applications (this guide's assumption, not the book's).");
    var late = plan.rows.filter(function (r) { return r.phase && cmp(r.date, now) < 0; });
    if (late.length) {
      out.push(plural(late.length, "phase") + " would have begun already (" +
        late.map(function (r) { return r.phase.title + ", " + human(r.date); }).join("; ") +
        "), marked as already past: do their tasks now.");
    }
    return out.join(" ");
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
      var past = cmp(r.date, now) < 0, p = r.phase;
      var li = el("li", p ? { "data-phase": p.id } : { "data-milestone": r.milestone });
      li.className = "guide-plan-item" + (p ? "" : " guide-plan-milestone") + (past ? " is-past" : "");
      li.appendChild(timeEl(r.date));
      li.appendChild(document.createTextNode(" "));
      if (p) {
        li.appendChild(el("a", { href: "#" + p.id }, p.title));
        li.appendChild(el("span", { "class": "guide-plan-when" }, " (" + p.when + ", " + plural(p.tasks.length, "task") + ")"));
      } else {
        li.appendChild(el("strong", {}, MILESTONES[r.milestone]));
      }
      if (past) li.appendChild(el("span", { "class": "guide-plan-past" }, " already past"));
      if (p) li.appendChild(el("span", { "class": "guide-plan-summary" }, p.summary + (p.each ? " " + EACH : "")));
      list.appendChild(li);
    });
    if (!marked) here();
    // The timeline below gets the same dates, so printing it gives a dated checklist.
    clearDates();
    plan.rows.forEach(function (r) {
      var section = r.phase && document.getElementById("phase-" + r.phase.id);
      if (!section) return;
      var p = el("p", { "class": "guide-plan-date" }, "Your date: ");
      p.appendChild(timeEl(r.date));
      if (r.phase.each) p.appendChild(document.createTextNode(" (before your first interview; repeat before each)"));
      if (cmp(r.date, now) < 0) p.appendChild(document.createTextNode(" (already past)"));
      var when = section.querySelector(".guide-when");
      section.insertBefore(p, when ? when.nextSibling : section.firstChild);
    });
  }
  function clearDates() { document.querySelectorAll(".guide-plan-date").forEach(function (p) { p.remove(); }); }

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
  function readPhases(planner) {
    var phases = Array.prototype.map.call(document.querySelectorAll(".guide-phase[data-anchor][data-offset]"), function (s) {
      var heading = s.querySelector("h2");
      return {
        id: s.id.replace(/^phase-/, ""), anchor: s.dataset.anchor, offset: s.dataset.offset, each: s.dataset.eachInterview === "true",
        title: words(heading && without(heading, ".headerlink")),
        when: words(s.querySelector(".guide-when")), summary: words(s.querySelector(".guide-summary")),
        tasks: Array.prototype.map.call(s.querySelectorAll(".guide-tasks > li"), function (li) { return { text: words(without(li, ".guide-cites")) }; })
      };
    });
    return { lead: { shortest: Number(planner.dataset.leadShortest), longest: Number(planner.dataset.leadLongest) }, phases: phases };
  }

  var FIELDS = ["start", "lead", "notice", "visa", "final", "weeks", "interview"];

  function init() {
    var form = document.getElementById("plan-form"), planner = document.getElementById("plan");
    if (!form || !planner || form.dataset.ready) return;
    form.dataset.ready = "1";
    var data = readPhases(planner);
    var status = document.getElementById("plan-status"), list = document.getElementById("plan-list");
    var chart = document.getElementById("plan-chart"), icsButton = document.getElementById("plan-ics");
    var current = null;
    form.closest(".guide-planner-app").hidden = false;

    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (k) { if (params.has(k)) form.elements[k].value = params.get(k); });

    function clear(text) {
      list.textContent = "";
      chart.textContent = "";
      clearDates();
      status.textContent = text;
    }
    function update(fromUser) {
      var input = readInput(form, data.lead), now = today();
      current = null;
      icsButton.disabled = true;
      if (input.problems.length) return clear(fromUser || form.elements.start.value ? input.problems.join(" ") : "");
      var q = new URLSearchParams(location.search);
      FIELDS.forEach(function (k) {  // only what differs from the form's defaults, so shared links stay short
        var f = form.elements[k], v = f.value;
        if (v && v !== (f.dataset.default || f.defaultValue)) q.set(k, v); else q.delete(k);
      });
      history.replaceState(history.state, "", "?" + q.toString() + location.hash);
      var plan = P.compute(data, input, now);
      if (!plan.ok) return clear(refusal(plan, input, data.lead));
      current = { plan: plan, input: input };
      render(plan, list, now);
      if (window.MLPrepChart) window.MLPrepChart.draw(chart, plan, now, { human: human, milestones: MILESTONES });
      status.textContent = statusText(plan, input, data.lead, now);
      icsButton.disabled = false;
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); update(true); });
    form.addEventListener("change", function () { update(false); });
    icsButton.addEventListener("click", function () {
      if (current) download("ml-job-search-plan.ics", "text/calendar;charset=utf-8", window.MLPrepCalendar.text(current.plan, current.input, location.href, MILESTONES, EACH));
    });
    document.getElementById("plan-print").addEventListener("click", function () { window.print(); });
    if (params.has("start")) update(true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
})();
