"""The plan's picture reads in light, dark and print, and keeps its text size on a phone."""

from __future__ import annotations

import re
from datetime import date
from itertools import combinations
from typing import Any

import pytest

from mlprep.data.load import load_guide
from tests.support.dates import Situation, expected_plan, phases_of
from tests.support.pages import TODAY, opened, screenshot
from tests.support.project import ROOT

PLAN = "timeline/?start=2028-08-31&notice=2"
PHASES = phases_of(load_guide(ROOT / "data").timeline)
NOW = date.fromisoformat(TODAY)
COLOURS = """() => {
  const fill = (sel) => getComputedStyle(document.querySelector(sel)).fill;
  return {
    background: getComputedStyle(document.body).backgroundColor,
    text: fill('#plan-chart .guide-chart-lane'),
    prep: fill('#plan-chart .guide-chart-prep-0 rect'),
    prepNext: fill('#plan-chart .guide-chart-prep-1 rect'),
    search: fill('#plan-chart .guide-chart-search rect'),
  };
}"""


def rgb(css: str, under: str = "rgb(255, 255, 255)") -> tuple[float, ...]:
    """An rgb() or rgba() colour as 0-1 channels, blended over ``under`` when it is translucent."""
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    alpha = parts[3] if len(parts) > 3 else 1.0
    base = [float(x) for x in re.findall(r"[\d.]+", under)[:3]]
    return tuple((alpha * c + (1 - alpha) * b) / 255 for c, b in zip(parts[:3], base, strict=True))


def luminance(channels: tuple[float, ...]) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, background: str) -> float:
    """WCAG contrast ratio of ``colour`` drawn on ``background``."""
    la, lb = sorted((luminance(rgb(colour, background)), luminance(rgb(background))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_picture_contrasts_with_the_page_in_both_schemes(browser: Any, site_url: str, dark: bool) -> None:
    with opened(browser, dark=dark) as w:
        w.page.goto(site_url + PLAN)
        w.page.locator("#plan-chart svg").wait_for()
        c = w.page.evaluate(COLOURS)
        assert contrast(c["text"], c["background"]) >= 4.5, c  # text: WCAG AA
        for shape in ("prep", "prepNext", "search"):  # graphics: WCAG's 3:1 for non-text contrast
            assert contrast(c[shape], c["background"]) >= 3, (shape, c)
        screenshot(w.page, f"plan-chart-{'dark' if dark else 'light'}")


def test_the_picture_prints_in_black_and_grey(browser: Any, site_url: str) -> None:
    with opened(browser, dark=True) as w:
        w.page.goto(site_url + PLAN)
        w.page.locator("#plan-chart svg").wait_for()
        w.page.emulate_media(media="print")
        assert w.page.locator("#plan-chart svg").is_visible()
        c = w.page.evaluate(COLOURS)
        assert c["text"] == "rgb(0, 0, 0)" and c["prep"] == "rgb(0, 0, 0)" and c["search"] == "rgb(136, 136, 136)"


def test_on_a_phone_the_picture_fits_and_its_text_keeps_its_size(browser: Any, site_url: str) -> None:
    with opened(browser, width=390) as w:
        w.page.goto(site_url + PLAN)
        svg = w.page.locator("#plan-chart svg")
        svg.wait_for()
        box = svg.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        height = w.page.locator("#plan-chart .guide-chart-lane").first.bounding_box()
        assert height is not None and height["height"] >= 10, "12px text is not scaled down to a smudge"


# Plans whose marks sit far apart or close to an edge: the search starting today with the start date four
# months away (the interview's note near the right edge), the search before today (an interview soon), a
# student's final year, notice and visa, a start date nearly three years out, the shortest plan the book's
# lead time allows (today, the search and the start close together), an interview a week away.
SHAPES = {
    "start-in-four-months": Situation(start=date(2027, 4, 1), today=NOW),
    "notice": Situation(start=date(2028, 8, 31), today=NOW, notice=2),
    "interview-soon": Situation(start=date(2027, 6, 1), today=NOW, interview=date(2026, 12, 9)),
    "student": Situation(start=date(2028, 7, 1), today=NOW, final=date(2027, 9, 1), weeks=8),
    "three-years-out": Situation(start=date(2029, 10, 31), today=NOW, lead=4, notice=6, visa=52, weeks=12),
    "start-in-three-months": Situation(start=date(2027, 3, 1), today=NOW, lead=3, weeks=1),
    "interview-in-a-week": Situation(start=date(2027, 5, 1), today=NOW, lead=3, interview=date(2026, 12, 2)),
}
MARKS = """() => {
  const svg = document.querySelector('#plan-chart svg');
  const one = (sel) => svg.querySelectorAll(sel).length === 1 ? svg.querySelector(sel) : null;
  const today = one('line.guide-chart-today'), start = one('line.guide-chart-start');
  const search = one('.guide-chart-search rect'), interview = one('path.guide-chart-interview');
  const box = svg.getBoundingClientRect();
  return {
    x: today && start && search && interview && {
      today: +today.getAttribute('x1'), start: +start.getAttribute('x1'), search: +search.getAttribute('x'),
      interview: interview.getBBox().x + interview.getBBox().width / 2,
    },
    svg: [box.left, box.top, box.right, box.bottom],
    texts: [...svg.querySelectorAll('text')].map((t) => {
      const r = t.getBoundingClientRect();
      return [t.textContent, r.left, r.top, r.right, r.bottom];
    }),
  };
}"""


def plan_url(s: Situation) -> str:
    given = {"start": s.start, "lead": s.lead, "notice": s.notice, "visa": s.visa, "weeks": s.weeks}
    given |= {k: v for k, v in (("final", s.final), ("interview", s.interview)) if v}
    return "timeline/?" + "&".join(f"{k}={v}" for k, v in given.items())


@pytest.mark.parametrize("width", [1280, 390])
def test_the_marks_come_in_date_order_and_every_label_stays_in_the_picture(
    browser: Any, site_url: str, width: int
) -> None:
    with opened(browser, width=width) as w:
        for name, s in SHAPES.items():
            plan = expected_plan(PHASES, s)
            assert plan.reason is None and plan.search is not None, name
            w.page.goto(site_url + plan_url(s))
            w.page.locator("#plan-chart svg").wait_for()
            got = w.page.evaluate(MARKS)
            assert got["x"] is not None, f"{name}: today, the search window, the interview and the start all drawn"
            when = {"today": NOW, "search": plan.search, "interview": plan.dates["interview"], "start": s.start}
            # Left to right as the dates go: a later date further right, the same date at the same place.
            for a, b in combinations(when, 2):
                if when[a] < when[b]:
                    assert got["x"][a] < got["x"][b], (name, a, b, got["x"])
                elif when[a] == when[b]:
                    assert abs(got["x"][a] - got["x"][b]) < 1, (name, a, b, got["x"])
            left, top, right, bottom = got["svg"]
            for text, *box in got["texts"]:
                assert box[0] >= left - 0.5 and box[2] <= right + 0.5, (
                    f"{name} at {width} px: {text!r} {box} {got['svg']}"
                )
                assert box[1] >= top - 0.5 and box[3] <= bottom + 0.5, (
                    f"{name} at {width} px: {text!r} {box} {got['svg']}"
                )
            # No label covers another: each stays readable.
            for (a, *p), (b, *q) in combinations(got["texts"], 2):
                apart = p[2] <= q[0] + 0.5 or q[2] <= p[0] + 0.5 or p[3] <= q[1] + 0.5 or q[3] <= p[1] + 0.5
                assert apart, f"{name} at {width} px: {a!r} {p} covers {b!r} {q}"
