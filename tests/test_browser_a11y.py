"""Accessibility with axe-core in a real browser: no serious or critical violation, light and dark, desktop and phone.

axe-playwright-python injects the axe.min.js it ships (no network). The pages are
checked with their interactive parts in use: a plan drawn, filters ticked, a box ticked.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from mlprep.data.load import load_guide
from tests.support.data import any_task
from tests.support.pages import at_rest, opened, screenshot
from tests.support.project import ROOT

PAGES = [
    "",
    "timeline/",
    "timeline/?start=2027-08-31&notice=3&visa=4",
    "stories/",
    "resources/",
    "resources/?cost=free&type=book",
    "contributing/",
    "performance/",
    "engines/",  # a table wider than a phone: scrollable, and by keyboard
]
AXE = Axe()
TASK = any_task(load_guide(ROOT / "data").timeline)  # a box to tick


def serious(results: Any) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_no_serious_violation_on_any_page(browser: Any, site_url: str, dark: bool, width: int) -> None:
    found: dict[str, list[str]] = {}
    with opened(browser, dark=dark, width=width) as w:
        page = w.page
        for path in PAGES:
            page.goto(site_url + path)
            at_rest(page)  # axe must see the page as a reader does: loaded, nothing fading in
            # The palette follows the system preference (mkdocs.yml palettes have media queries).
            assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if dark else "default")
            if path == "timeline/":
                page.check(f"#done-{TASK}")
                # Ticking scrolls the page, and Material fades the tabs out on scroll; axe must
                # see the page at rest, not the tabs mid-transition at partial opacity. (On a phone
                # the tabs are not shown at all, and Material keeps them hidden.)
                page.evaluate("window.scrollTo(0, 0)")
                page.wait_for_function(
                    "(tabs => !tabs.hidden || getComputedStyle(tabs).display === 'none')"
                    "(document.querySelector('.md-tabs'))"
                    " && document.getAnimations().every(a => a.playState !== 'running')"
                )
            problems = serious(AXE.run(page))
            if problems:
                found[path] = problems
            if dark and width == 1280 and "?" in path:
                screenshot(page, ("timeline" if "timeline" in path else "resources") + "-dark")
    assert found == {}


def test_palette_toggle_is_remembered(browser: Any, site_url: str) -> None:
    with opened(browser) as w:
        w.page.goto(site_url)
        w.page.locator("label[for^=__palette]:visible").first.click()
        w.page.goto(site_url + "timeline/")
        assert w.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        assert serious(AXE.run(w.page)) == []
