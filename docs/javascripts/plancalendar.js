/* The dated plan as an RFC 5545 calendar file: one all-day event per phase and
   milestone, text escaped, lines folded at 75 octets, CRLF endings. The UID is
   stable for the same inputs, so a second download updates rather than doubles. */
(function () {
  "use strict";

  var P = window.MLPrepPlan, iso = P.iso;
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

  function text(plan, input, url, milestones, each) {
    var key = hash([iso(input.start), input.final ? iso(input.final) : "", input.interview ? iso(input.interview) : "",
      input.lead, input.notice, input.visa, input.weeks].join("|"));
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ML Interview Prep//Job search planner//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:ML job search plan"];
    plan.rows.forEach(function (r) {
      var p = r.phase, id = p ? p.id : r.milestone;
      var description = p
        ? [p.when].concat(p.each ? [each] : [], ["", p.summary, "", "Tasks:"], p.tasks.map(function (t) { return "- " + t.text; }), ["", url]).join("\n")
        : milestones[r.milestone] + ".\n\n" + url;
      lines.push("BEGIN:VEVENT", "UID:" + id + "-" + compact(input.start) + "-" + key + "@ml-interview-prep.planner",
        "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + compact(r.date), "DTEND;VALUE=DATE:" + compact(P.addDays(r.date, 1)),
        "SUMMARY:" + icsText(p ? p.title : milestones[r.milestone]), "DESCRIPTION:" + icsText(description),
        "TRANSP:TRANSPARENT", "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }


  window.MLPrepCalendar = { text: text };
})();
