"""Every page in a real browser: no console error, no request leaves the machine."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.pages import at_rest
from tests.support.project import ROOT

PAGES = ["", "timeline/", "stories/", "resources/", "contributing/", "performance/", "engines/"]
SHOTS = ROOT / "build" / "screenshots"


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_only_from_loopback(browser: Any, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: foreign.append(req.url) if urlsplit(req.url).hostname != "127.0.0.1" else None)

    # By the load event the page has made every request it makes on opening (Material fetches the
    # search index before it), so an off-machine one is caught; the screenshot waits for rest.
    response = page.goto(site_url + path, wait_until="load")

    assert response is not None and response.ok
    assert errors == []
    assert foreign == []
    assert page.locator("h1").first.is_visible()
    at_rest(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{path.strip('/') or 'home'}.png"), full_page=True)
    context.close()


def test_palette_toggle_switches_to_dark(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url)  # by the load event Material's script has bound the toggle
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label[for^=__palette]:visible").first.click()
    page.wait_for_function("before => document.body.dataset.mdColorScheme !== before", arg=before)
    after = page.locator("body").get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
    page.close()
