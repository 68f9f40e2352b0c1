/* The dated plan as a picture: a horizontal timeline in inline SVG with today,
   the preparation phases, the search window, the interviews and the start date.
   The list beside it is its accessible equivalent; colours come from Material's
   variables (light, dark) and the print stylesheet. No library, no request. */
(function () {
  "use strict";

  var NS = "http://www.w3.org/2000/svg";
  var P = window.MLPrepPlan;
  var LANES = [["prep", "Prepare"], ["search", "Search"], ["interviews", "Interviews"]];
  var LANE_Y = 34, LANE_H = 16, LANE_GAP = 28, LABEL_W = 78, AXIS_Y = LANE_Y + 3 * LANE_GAP + 2;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function node(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }

  function draw(container, plan, now, words) {
    container.textContent = "";
    var d = plan.dates, rows = plan.rows;
    var first = P.cmp(rows[0].date, now) < 0 ? rows[0].date : now;
    var span = Math.max(P.daysBetween(first, d.start), 1);
    // The drawing is as wide as its box, so text keeps its size on a phone.
    var width = Math.max(320, Math.round(container.clientWidth || 720)), plot = width - LABEL_W - 12;
    function x(t) { return LABEL_W + Math.round(plot * P.daysBetween(first, t) / span * 10) / 10; }
    var svg = node("svg", { viewBox: "0 0 " + width + " " + (AXIS_Y + 24), width: "100%", role: "img",
      "aria-labelledby": "plan-chart-title plan-chart-desc", "class": "guide-chart" });
    svg.appendChild(node("title", { id: "plan-chart-title" }, "Your plan as a timeline"));
    svg.appendChild(node("desc", { id: "plan-chart-desc" }, "Preparation from " + words.human(rows[0].date) +
      ", the search from " + words.human(d.search) + " to " + words.human(d.offers) + ", the first interview on " +
      words.human(d.interview) + " and the start date " + words.human(d.start) + ". The list below gives every date."));

    LANES.forEach(function (lane, i) {
      svg.appendChild(node("text", { x: 0, y: LANE_Y + i * LANE_GAP + 12, "class": "guide-chart-lane" }, lane[1]));
    });
    function bar(lane, from, to, cls, label) {
      var x0 = x(from), w = Math.max(x(to) - x0, 2), y = LANE_Y + lane * LANE_GAP;
      var g = node("g", { "class": cls });
      g.appendChild(node("rect", { x: x0, y: y, width: w, height: LANE_H, rx: 3 }));
      g.appendChild(node("title", {}, label));
      // A label only where it fits; the list holds every title in full.
      if (w > label.length * 6.5 + 8) g.appendChild(node("text", { x: x0 + 4, y: y + 12 }, label));
      svg.appendChild(g);
    }
    // Preparation: each phase before the search, up to the next one.
    var prep = rows.filter(function (r) { return r.phase && P.cmp(r.date, d.search) < 0; });
    prep.forEach(function (r, i) {
      bar(0, r.date, i + 1 < prep.length ? prep[i + 1].date : d.search, "guide-chart-prep guide-chart-prep-" + (i % 2), r.phase.title);
    });
    bar(1, d.search, d.offers, "guide-chart-search", "Search window");
    // Interviews: the first one, and the phases dated from it.
    rows.forEach(function (r) {
      if (r.phase && P.cmp(r.date, d.search) >= 0) {
        var t = node("rect", { x: x(r.date) - 1, y: LANE_Y + 2 * LANE_GAP + 3, width: 2, height: LANE_H - 6, "class": "guide-chart-tick" });
        t.appendChild(node("title", {}, r.phase.title + ", " + words.human(r.date)));
        svg.appendChild(t);
      }
    });
    var ix = x(d.interview), iy = LANE_Y + 2 * LANE_GAP + LANE_H / 2;
    svg.appendChild(node("path", { d: "M" + ix + " " + (iy - 7) + "l7 7-7 7-7-7z", "class": "guide-chart-interview" }));
    var notes = [[node("text", { x: ix + 10, y: iy + 4, "class": "guide-chart-note" }, words.milestones.interview), ix, 10]];
    svg.appendChild(notes[0][0]);

    function mark(t, cls, label, anchor) {
      var mx = x(t);
      svg.appendChild(node("line", { x1: mx, x2: mx, y1: 18, y2: AXIS_Y, "class": cls }));
      var n = node("text", { x: mx, y: 12, "text-anchor": anchor, "class": "guide-chart-note" }, label);
      svg.appendChild(n);
      notes.push([n, mx, 0]);
    }
    mark(now, "guide-chart-today", "Today", P.cmp(now, first) === 0 ? "start" : "middle");
    mark(d.start, "guide-chart-start", "Start", "end");

    // The axis: a tick each month, a label each January (and each quarter on a short plan).
    svg.appendChild(node("line", { x1: LABEL_W, x2: LABEL_W + plot, y1: AXIS_Y, y2: AXIS_Y, "class": "guide-chart-axis" }));
    var short = span < 550, t = P.addMonths({ y: first.y, m: first.m, d: 1 }, 1);
    for (; P.cmp(t, d.start) <= 0; t = P.addMonths(t, 1)) {
      var tx = x(t), labelled = t.m === 1 || (short && t.m % 3 === 1);
      svg.appendChild(node("line", { x1: tx, x2: tx, y1: AXIS_Y, y2: AXIS_Y + (labelled ? 6 : 3), "class": "guide-chart-axis" }));
      if (labelled && tx < LABEL_W + plot - 14) {
        svg.appendChild(node("text", { x: tx, y: AXIS_Y + 18, "text-anchor": "middle", "class": "guide-chart-axis-label" },
          t.m === 1 ? String(t.y) : MONTHS[t.m - 1]));
      }
    }
    container.appendChild(svg);
    // A note that would run off the right edge ends at its mark instead (gap before it, not after), and one
    // that would run off the left starts there; measured once drawn, estimated while the box is hidden.
    notes.forEach(function (note) {
      var t = note[0], at = note[1], gap = note[2], anchor = t.getAttribute("text-anchor") || "start";
      var w = t.getComputedTextLength() || t.textContent.length * 7;
      var left = anchor === "start" ? at + gap : anchor === "middle" ? at - w / 2 : at - gap - w;
      if (left + w > width) { t.setAttribute("text-anchor", "end"); t.setAttribute("x", at - gap); }
      else if (left < 0) { t.setAttribute("text-anchor", "start"); t.setAttribute("x", at + gap); }
    });
  }

  window.MLPrepChart = { draw: draw };
})();
