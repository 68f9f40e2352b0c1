/* The dated plan as pure functions: no page, no clock, no request. planner.js
   draws it, planchart.js pictures it, and the tests call MLPrepPlan.compute
   directly over thousands of situations. The rule is written in the page
   ("How the dates are worked out") and in README.md. */
(function (root) {
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
  // Months first, then days: the order the page states.
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

  /* data:  {lead: {shortest, longest} in months, phases: [{id, anchor, offset, ...}] in page order}
     input: {start, lead (months), notice (months), visa (weeks), weeks (to a first interview),
             final (a student's final school year, or null), interview (a known date, or null)}
     Returns {ok: false, reason, dates} when no plan can keep its own order, else
     {ok: true, dates, adjusted, rows}: rows in date order, ties in page order. */
  function compute(data, input, now) {
    // Months together, then weeks: target - (months) - (weeks), as the page says.
    function back(months, weeks) { return addDays(addMonths(input.start, -months), -7 * weeks); }
    var dates = {
      start: input.start,
      offers: back(input.notice, input.visa),
      earliest: back(data.lead.longest + input.notice, input.visa),
      latest: back(data.lead.shortest + input.notice, input.visa),
      search: back(input.lead + input.notice, input.visa)
    };
    var adjusted = [];
    function fail(reason) { return { ok: false, reason: reason, dates: dates }; }
    if (cmp(input.start, now) < 0) return fail("start-past");
    if (input.final && cmp(input.final, dates.search) < 0) { dates.search = input.final; adjusted.push("final"); }
    if (input.interview) {
      if (cmp(input.interview, now) < 0) return fail("interview-past");
      // A first interview means applications went out a few weeks before it, and not long before.
      var soonest = addDays(input.interview, -7 * input.weeks);
      var longest = addDays(addMonths(input.interview, -data.lead.shortest), 1);
      if (cmp(dates.search, soonest) > 0) { dates.search = soonest; adjusted.push("interview-soon"); }
      else if (cmp(dates.search, longest) < 0) { dates.search = longest; adjusted.push("interview-late"); }
      dates.interview = input.interview;
    } else {
      if (cmp(dates.latest, now) < 0) return fail("too-late");
      if (cmp(dates.search, now) < 0) { dates.search = now; adjusted.push("today"); }
      dates.interview = addDays(dates.search, 7 * input.weeks);
    }
    if (cmp(dates.interview, dates.offers) > 0) return fail("interview-after-offers");
    if (cmp(dates.search, dates.latest) > 0) return fail("search-too-late");

    var anchors = { "search-start": dates.search, "first-interview": dates.interview, "start-date": dates.start };
    var rows = [];
    data.phases.forEach(function (p) {
      var dur = parseDuration(p.offset);
      if (dur && anchors[p.anchor]) rows.push({ phase: p, date: shift(anchors[p.anchor], dur) });
    });
    ["interview", "offers", "start"].forEach(function (k) { rows.push({ milestone: k, date: dates[k] }); });
    rows.forEach(function (r, i) { r.index = i; });
    rows.sort(function (a, b) { return cmp(a.date, b.date) || a.index - b.index; });
    // A phase dated after the start date would contradict the plan: say so rather than print it.
    if (rows.some(function (r) { return cmp(r.date, dates.start) > 0; })) return fail("after-start");
    return { ok: true, dates: dates, adjusted: adjusted, rows: rows };
  }

  root.MLPrepPlan = {
    compute: compute, parseDate: parseDate, parseDuration: parseDuration, iso: iso, cmp: cmp,
    addDays: addDays, addMonths: addMonths, daysBetween: daysBetween, toUtc: toUtc
  };
})(window);
