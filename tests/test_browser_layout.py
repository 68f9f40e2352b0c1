"""Layout in a real browser: a tab with one page gives the left sidebar's width to the content.

Which tabs hold one page is read from mkdocs.yml's nav, so a page added to a tab (or a
tab split) changes what the test expects instead of breaking it.
"""

from __future__ import annotations

from typing import Any

import pytest

from mlprep.site.stage import read_config
from tests.support.pages import at_rest, opened, screenshot
from tests.support.project import ROOT

NAV: list[dict[str, Any]] = read_config(ROOT / "mkdocs.yml")["nav"]


def url_path(doc: str) -> str:
    """A docs/ file's URL path under the site root (directory URLs)."""
    stem = doc.removesuffix(".md")
    return "" if stem == "index" else f"{stem}/"


def pages(item: Any) -> list[str]:
    """The docs/ files a nav entry holds: one for a page, several for a section."""
    if isinstance(item, str):
        return [item]
    if isinstance(item, list):
        return [doc for child in item for doc in pages(child)]
    return [doc for value in item.values() for doc in pages(value)]


TABS = [pages(item) for item in NAV]
ALONE = [url_path(docs[0]) for docs in TABS if len(docs) == 1]
IN_SECTIONS = [url_path(doc) for docs in TABS if len(docs) > 1 for doc in docs]

BOXES = """() => {
  const box = (s) => { const e = document.querySelector(s); const r = e.getBoundingClientRect();
                       return {x: r.x, width: r.width, visible: e.checkVisibility()}; };
  return {grid: box('.md-main__inner'), nav: box('.md-sidebar--primary'), content: box('.md-content')};
}"""


def test_there_are_pages_of_both_kinds() -> None:
    assert ALONE and IN_SECTIONS


def test_single_page_tabs_give_the_sidebar_width_to_the_content(browser: Any, site_url: str) -> None:
    with opened(browser, width=1280) as w:
        w.page.goto(site_url + IN_SECTIONS[0])
        at_rest(w.page)  # boxes are measured once styles apply and nothing is moving
        with_nav = w.page.evaluate(BOXES)
        # A section's pages keep the sidebar: it is how a reader moves between them.
        assert with_nav["nav"]["visible"] and with_nav["nav"]["width"] > 150
        for path in ALONE:
            w.page.goto(site_url + path)
            at_rest(w.page)
            boxes = w.page.evaluate(BOXES)
            assert not boxes["nav"]["visible"], path
            # The content starts where the grid does and is wider by about the sidebar's width.
            assert abs(boxes["content"]["x"] - boxes["grid"]["x"]) < 2, (path, boxes)
            assert boxes["content"]["width"] >= with_nav["content"]["width"] + 0.9 * with_nav["nav"]["width"], path


@pytest.mark.parametrize("path", ALONE)
def test_on_a_phone_the_menu_still_reaches_every_tab(browser: Any, site_url: str, path: str) -> None:
    # Under 76.25em the primary sidebar is the menu drawer; hiding it on wide screens must not empty it.
    with opened(browser, width=390) as w:
        w.page.goto(site_url + path)
        at_rest(w.page)
        boxes = w.page.evaluate(BOXES)
        assert boxes["content"]["width"] >= 385
        w.page.click("label.md-header__button[for=__drawer]")
        drawer = w.page.locator(".md-sidebar--primary")
        drawer.locator(".md-nav__link").first.wait_for(state="visible")
        hrefs = drawer.locator("a.md-nav__link").evaluate_all("links => links.map(a => a.href)")
        for docs in TABS:
            assert site_url + url_path(docs[0]) in hrefs, (path, docs)
        screenshot(w.page, f"menu-{path.strip('/') or 'home'}-390")
