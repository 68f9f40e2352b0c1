"""Resource filters in a real browser: they narrow the list, count right, and live in the URL."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import product
from typing import Any

from mlprep.data.load import load_guide
from mlprep.data.models import Resource, ResourceType
from mlprep.site.template_helpers import LABELS
from tests.support.pages import opened, screenshot
from tests.support.project import ROOT

# The real catalog: what to tick is chosen from it, so a new or removed resource changes the choice.
RESOURCES = load_guide(ROOT / "data").catalog.resources


def ids(match: Callable[[Resource], bool]) -> set[str]:
    return {r.id for r in RESOURCES if match(r)}


def narrowing_type_and_cost() -> tuple[str, str]:
    """A type and a cost that each narrow the list further: all > the type > the type at that cost > none."""
    for kind in sorted({r.type.value for r in RESOURCES}):
        of_kind = [r for r in RESOURCES if r.type == kind]
        for cost in sorted({r.cost.value for r in of_kind}):
            if len(RESOURCES) > len(of_kind) > sum(r.cost == cost for r in of_kind):
                return kind, cost
    raise AssertionError("the catalog has no type with resources at two costs")


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
    kind, cost = narrowing_type_and_cost()
    of_kind = ids(lambda r: r.type == kind)
    of_kind_and_cost = ids(lambda r: r.type == kind and r.cost == cost)
    other = next(t for t in sorted({r.type.value for r in RESOURCES}) if t != kind)
    label = LABELS["type_plural"][ResourceType(kind)]
    with opened(browser) as w:
        page = w.page
        page.goto(site_url + "resources/")
        page.get_by_role("group", name="Type").get_by_role("checkbox", name=label).focus()
        page.keyboard.press("Space")  # the filters work from the keyboard
        assert visible_ids(page) == of_kind
        page.get_by_role("group", name="Cost").locator(f"input[value='{cost}']").check()
        assert visible_ids(page) == of_kind_and_cost
        assert status(page) == f"Showing {len(of_kind_and_cost)} of {len(RESOURCES)} resources."
        # Counts in one group take the other groups' choices into account.
        other_at_cost = len(ids(lambda r: r.type == other and r.cost == cost))
        option = page.locator("fieldset[data-facet=type] label", has=page.locator(f"input[value='{other}']"))
        assert option.locator("[data-count]").text_content() == f"({other_at_cost})"
        # A group heading with nothing left under it hides too.
        assert page.locator(f"#type-{other}").is_hidden() and page.locator(f"#type-{kind}").is_visible()
        url = page.url
        assert f"type={kind}" in url and f"cost={cost}" in url
        screenshot(page, "resources-filtered")

    with opened(browser) as w:
        w.page.goto(url)
        assert w.page.locator(f"input[name=type][value='{kind}']").is_checked()
        assert visible_ids(w.page) == of_kind_and_cost
        w.page.get_by_role("button", name="Clear filters").click()
        w.page.wait_for_function("!location.search.includes('type=')")
        assert visible_ids(w.page) == {r.id for r in RESOURCES}


def test_topics_match_any_of_a_resources_topics(browser: Any, site_url: str) -> None:
    # The two rarest topics: together they still leave some resources out.
    counts = Counter(t for r in RESOURCES for t in r.topics)
    wanted = set(sorted(counts, key=lambda t: (counts[t], t))[:2])
    expected = ids(lambda r: bool(wanted & set(r.topics)))
    assert 0 < len(expected) < len(RESOURCES)
    level = next(r.level for r in RESOURCES if r.id in expected)
    query = "&".join(f"topics={t}" for t in sorted(wanted))
    with opened(browser) as w:
        w.page.goto(site_url + f"resources/?{query}&level=nonexistent")
        assert visible_ids(w.page) == expected  # an unknown value in the URL is ignored
        w.page.get_by_role("group", name="Level").locator(f"input[value='{level.value}']").check()
        assert visible_ids(w.page) == ids(lambda r: bool(wanted & set(r.topics)) and r.level == level)


def test_no_match_is_said(browser: Any, site_url: str) -> None:
    # A combination of values that each exist but that no resource has together.
    groups = {
        "type": sorted({r.type.value for r in RESOURCES}),
        "cost": sorted({r.cost.value for r in RESOURCES}),
        "level": sorted({r.level.value for r in RESOURCES}),
    }
    combos = [dict(zip(("type", "cost"), c, strict=True)) for c in product(groups["type"], groups["cost"])]
    combos += [dict(zip(groups, c, strict=True)) for c in product(*groups.values())]
    empty = next(c for c in combos if not any(all(getattr(r, k) == v for k, v in c.items()) for r in RESOURCES))
    with opened(browser) as w:
        w.page.goto(site_url + "resources/?" + "&".join(f"{k}={v}" for k, v in empty.items()))
        assert visible_ids(w.page) == set()
        assert "No resource matches" in status(w.page)
