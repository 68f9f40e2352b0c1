"""Resource filters in a real browser: they narrow the list, count right, and live in the URL."""

from __future__ import annotations

from typing import Any

from mlprep.data.load import load_guide
from tests.support.pages import opened, screenshot
from tests.support.project import ROOT

RESOURCES = load_guide(ROOT / "data").catalog.resources


def visible_ids(page: Any) -> set[str]:
    return set(page.locator("article.guide-resource:visible").evaluate_all("as => as.map(a => a.id)"))


def status(page: Any) -> str:
    return page.locator("#filters-status").text_content() or ""


def test_no_filter_shows_everything(browser: Any, site_url: str) -> None:
    with opened(browser) as w:
        w.page.goto(site_url + "resources/")
        assert visible_ids(w.page) == {r.id for r in RESOURCES}
        assert status(w.page) == f"Showing all {len(RESOURCES)} resources."


def test_filters_narrow_count_and_restore_from_the_url(browser: Any, site_url: str) -> None:
    free_books = {r.id for r in RESOURCES if r.type == "book" and r.cost == "free"}
    books = {r.id for r in RESOURCES if r.type == "book"}
    assert 0 < len(free_books) < len(books) < len(RESOURCES)
    with opened(browser) as w:
        page = w.page
        page.goto(site_url + "resources/")
        page.get_by_role("group", name="Type").get_by_role("checkbox", name="Books").focus()
        page.keyboard.press("Space")  # the filters work from the keyboard
        assert visible_ids(page) == books
        page.get_by_role("group", name="Cost").get_by_role("checkbox", name="Free", exact=False).first.check()
        assert visible_ids(page) == free_books
        assert status(page) == f"Showing {len(free_books)} of {len(RESOURCES)} resources."
        # Counts in one group take the other groups' choices into account.
        free_courses = sum(r.type == "course" and r.cost == "free" for r in RESOURCES)
        course = page.locator("fieldset[data-facet=type] label", has=page.locator("input[value=course]"))
        assert course.locator("[data-count]").text_content() == f"({free_courses})"
        # A group heading with nothing left under it hides too.
        assert page.locator("#type-course").is_hidden() and page.locator("#type-book").is_visible()
        url = page.url
        assert "type=book" in url and "cost=free" in url
        screenshot(page, "resources-filtered")

    with opened(browser) as w:
        w.page.goto(url)
        assert w.page.locator("input[name=type][value=book]").is_checked()
        assert visible_ids(w.page) == free_books
        w.page.get_by_role("button", name="Clear filters").click()
        w.page.wait_for_function("!location.search.includes('type=')")
        assert visible_ids(w.page) == {r.id for r in RESOURCES}


def test_topics_match_any_of_a_resources_topics(browser: Any, site_url: str) -> None:
    wanted = {"nlp", "reinforcement-learning"}
    expected = {r.id for r in RESOURCES if wanted & set(r.topics)}
    with opened(browser) as w:
        w.page.goto(site_url + "resources/?topics=nlp&topics=reinforcement-learning&level=nonexistent")
        assert visible_ids(w.page) == expected  # an unknown value in the URL is ignored
        w.page.get_by_role("group", name="Level").get_by_role("checkbox", name="Beginner").check()
        assert visible_ids(w.page) == {r.id for r in RESOURCES if wanted & set(r.topics) and r.level == "beginner"}


def test_no_match_is_said(browser: Any, site_url: str) -> None:
    types, costs = {r.type.value for r in RESOURCES}, {r.cost.value for r in RESOURCES}
    empty = next(
        (t, c) for t in sorted(types) for c in sorted(costs) if not any(r.type == t and r.cost == c for r in RESOURCES)
    )
    with opened(browser) as w:
        w.page.goto(site_url + f"resources/?type={empty[0]}&cost={empty[1]}")
        assert visible_ids(w.page) == set()
        assert "No resource matches" in status(w.page)
