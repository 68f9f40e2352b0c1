/* Wide tables: Material wraps every table in a box that scrolls sideways when the
   table is wider than the page. A keyboard user can scroll that box only if it can
   take focus (axe: scrollable-region-focusable), so a box that overflows becomes a
   focusable, named region; one that fits gets no extra tab stop. */
(function () {
  "use strict";

  // The text of a heading without its permalink mark.
  function headingText(h) {
    var text = "";
    h.childNodes.forEach(function (n) {
      if (!(n.classList && n.classList.contains("headerlink"))) text += n.textContent;
    });
    return text.trim();
  }

  function update() {
    var heading = "";
    var count = {};
    var items = document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-typeset__scrollwrap");
    items.forEach(function (el) {
      if (!el.classList.contains("md-typeset__scrollwrap")) {
        heading = headingText(el);
        return;
      }
      count[heading] = (count[heading] || 0) + 1;
      if (el.scrollWidth > el.clientWidth) {
        el.tabIndex = 0;
        el.setAttribute("role", "region");
        var label = "Table" + (heading ? ": " + heading : "") + (count[heading] > 1 ? " (" + count[heading] + ")" : "");
        el.setAttribute("aria-label", label + ", scrolls sideways");
      } else {
        el.removeAttribute("tabindex");
        el.removeAttribute("role");
        el.removeAttribute("aria-label");
      }
    });
  }

  var pending = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  });
  // Material wraps the tables when its document$ emits; subscribing after it runs this after the wrapping.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(update);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
