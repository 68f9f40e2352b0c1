"""The plan's picture reads in light, dark and print, and keeps its text size on a phone."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.pages import opened, screenshot

PLAN = "timeline/?start=2028-08-31&notice=2"
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
