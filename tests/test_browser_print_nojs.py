"""The printed plan, and every page without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

from mlprep.data.load import load_guide
from tests.support.data import any_task
from tests.support.pages import SHOTS, opened
from tests.support.project import ROOT

GUIDE = load_guide(ROOT / "data")
TASK = any_task(GUIDE.timeline)  # any task will do


def test_print_is_a_clean_dated_checklist(browser: Any, site_url: str) -> None:
    with opened(browser) as w:
        page = w.page
        page.add_init_script("window.print = () => { window.printed = true; }")
        page.goto(site_url + "timeline/?start=2028-08-31")
        page.locator("#plan-list li[data-phase]").first.wait_for()  # the plan from the URL is drawn
        page.check(f"#done-{TASK}")
        page.get_by_role("button", name="Print as a checklist").click()
        assert page.evaluate("window.printed") is True
        page.emulate_media(media="print")
        for chrome in (
            ".md-header",
            ".md-tabs",
            ".md-sidebar--primary",
            ".md-sidebar--secondary",
            ".md-footer",
            "#plan-form",
        ):
            assert page.locator(chrome).first.is_hidden(), chrome
        assert page.locator("#plan-list li[data-phase]").first.is_visible()
        assert page.locator(".guide-plan-date").first.is_visible()
        assert page.locator(".guide-check").first.is_visible()
        assert page.locator(f"#done-{TASK}").is_checked()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "timeline-print.png"), full_page=True)
        page.pdf(path=str(SHOTS / "timeline-print.pdf"))


@pytest.mark.parametrize("path", ["", "timeline/", "stories/", "resources/", "contributing/"])
def test_every_page_reads_fully_without_javascript(browser: Any, site_url: str, path: str) -> None:
    with opened(browser, javascript=False) as w:
        page = w.page
        page.goto(site_url + path)
        assert page.locator("h1").first.is_visible()
        # The tools stay out of the way; the content is all there.
        assert (
            page.locator(".guide-planner-app, #progress-tools, #filters, .guide-check").evaluate_all(
                "els => els.filter(e => e.checkVisibility()).length"
            )
            == 0
        )
        if path == "timeline/":
            assert page.locator(".guide-tasks > li:visible").count() == sum(len(p.tasks) for p in GUIDE.timeline.phases)
            assert page.locator("#plan-rule").is_visible()  # the date rule is readable without the planner
        if path == "resources/":
            assert page.locator("article.guide-resource:visible").count() == len(GUIDE.catalog.resources)
