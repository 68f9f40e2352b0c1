"""The planner in a real browser: dates from the data, edge cases said plainly, a calendar file, the keyboard."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from mlprep.guide import load_guide
from tests.support.dates import expected_plan
from tests.support.pages import TODAY, opened, screenshot
from tests.support.project import ROOT, build
from tests.support.serve import serve_dir

TIMELINE = load_guide(ROOT / "data").timeline
NOW = date.fromisoformat(TODAY)


def fill_plan(page: Any, start: str, *, notice: int = 0, visa: int = 0, final: str = "") -> None:
    page.fill("#plan-start", start)
    page.fill("#plan-final", final)
    page.fill("#plan-notice", str(notice))
    page.fill("#plan-visa", str(visa))
    page.get_by_role("button", name="Show my plan").click()


def shown_plan(page: Any) -> dict[str, date]:
    items = page.locator("#plan-list li[data-phase]")
    return {
        items.nth(i).get_attribute("data-phase"): date.fromisoformat(
            items.nth(i).locator("time").get_attribute("datetime")
        )
        for i in range(items.count())
    }


CASES: dict[str, dict[str, Any]] = {
    # Aug 31 - 6 months lands on Feb 29 of a leap year; a year before that is Feb 28.
    "month-end-into-leap-day": dict(start=date(2028, 8, 31)),
    # Notice and visa push the search into the past: the page must say so.
    "notice-and-visa-too-near": dict(start=date(2027, 8, 31), notice=3, visa=4),
    # A student's final year comes before the usual lead time and wins.
    "student-final-year": dict(start=date(2028, 7, 1), final=date(2027, 9, 1)),
    "start-on-leap-day": dict(start=date(2028, 2, 29), notice=1),
    "start-date-in-the-past": dict(start=date(2026, 1, 15)),
}


@pytest.mark.parametrize("case", CASES)
def test_plan_dates_follow_the_data_and_the_rule(browser: Any, site_url: str, case: str) -> None:
    given = CASES[case]
    expected = expected_plan(TIMELINE, **given)
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        fill_plan(
            w.page,
            given["start"].isoformat(),
            notice=given.get("notice", 0),
            visa=given.get("visa", 0),
            final=given["final"].isoformat() if "final" in given else "",
        )
        shown = shown_plan(w.page)
        assert shown == expected
        # In date order, with the "you are here" mark where today falls.
        rows = w.page.locator("#plan-list > li")
        kinds = [rows.nth(i).get_attribute("data-phase") or "today" for i in range(rows.count())]
        by_date = sorted(expected, key=lambda k: (expected[k], kinds.index(k)))
        before_today = [k for k in by_date if expected[k] <= NOW]
        assert kinds == before_today + ["today"] + by_date[len(before_today) :]
        assert w.page.locator("#plan-list [aria-current=date] time").get_attribute("datetime") == TODAY
        # Past phases are marked, and the status says it in words.
        past = {k for k, d in expected.items() if d < NOW}
        marked = {
            rows.nth(i).get_attribute("data-phase")
            for i in range(rows.count())
            if "is-past" in (rows.nth(i).get_attribute("class") or "")
        }
        assert marked == past
        status = w.page.locator("#plan-status").text_content() or ""
        if expected["start-date"] < NOW:
            assert "has already passed" in status
        elif past:
            assert "does not fit" in status and f"{len(past)} phase" in status
        else:
            assert status.startswith("Everything fits")
        # The timeline's own sections carry the same dates, for printing.
        for phase in TIMELINE.phases:
            stamp = w.page.locator(f"#phase-{phase.id} .guide-plan-date time").get_attribute("datetime")
            assert stamp == expected[phase.id].isoformat()
        if case == "notice-and-visa-too-near":
            screenshot(w.page, "timeline-plan")


def test_month_end_and_leap_day_literally() -> None:
    """The test's own arithmetic, pinned to dates checked by hand."""
    plan = expected_plan(TIMELINE, date(2028, 8, 31))
    assert plan["when-to-start"] == date(2028, 2, 29)
    assert plan["year-before"] == date(2027, 2, 28)
    assert plan["three-months-before"] == date(2027, 11, 29)
    assert expected_plan(TIMELINE, date(2027, 8, 31), notice=3, visa=4)["when-to-start"] == date(2026, 11, 2)


def test_plan_lives_in_the_url(browser: Any, site_url: str) -> None:
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        fill_plan(w.page, "2028-08-31", notice=2, visa=6, final="2027-09-01")
        url = w.page.url
        assert "start=2028-08-31" in url and "notice=2" in url and "visa=6" in url and "final=2027-09-01" in url
        first = shown_plan(w.page)
    with opened(browser) as w:
        w.page.goto(url)
        assert w.page.input_value("#plan-notice") == "2"
        assert w.page.input_value("#plan-final") == "2027-09-01"
        assert shown_plan(w.page) == first


def test_missing_start_date_is_said_and_blocks_the_calendar(browser: Any, site_url: str) -> None:
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        w.page.get_by_role("button", name="Show my plan").click()
        assert "Enter your target start date" in (w.page.locator("#plan-status").text_content() or "")
        assert w.page.get_attribute("#plan-start", "aria-invalid") == "true"
        assert w.page.locator("#plan-ics").is_disabled()
        assert w.page.locator("#plan-list li").count() == 0


def download_ics(page: Any) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name="Add to calendar (.ics)").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    return Path(download.path()).read_bytes()


def test_calendar_file_is_rfc5545_and_holds_the_plan(browser: Any, site_url: str) -> None:
    expected = expected_plan(TIMELINE, date(2027, 8, 31), notice=3, visa=4)
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/?start=2027-08-31&notice=3&visa=4")
        raw = download_ics(w.page)
        again = download_ics(w.page)

    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75, "lines are folded at 75 octets"
    assert any(line.startswith(b" ") for line in lines), "long descriptions are folded"
    trailing = [len(line) - len(line.rstrip(b"\\")) for line in lines]
    assert all(n % 2 == 0 for n in trailing), "no fold splits an escape such as \\n"
    assert b"\\," in raw, "commas in text are escaped"

    cal = Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and "ML Interview Prep" in str(cal["PRODID"])
    events = list(cal.walk("VEVENT"))
    titles = {p.title: p for p in TIMELINE.phases}
    seen: dict[str, date] = {}
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and end == start + timedelta(days=1), "all-day events"
        assert event.get("DTSTAMP") is not None
        summary = str(event["SUMMARY"])
        phase = titles.get(summary)
        key = phase.id if phase else "start-date"
        seen[key] = start
        if phase:
            description = str(event["DESCRIPTION"])
            assert all(" ".join(t.text.split()) in description for t in phase.tasks), "tasks in the description"
    assert seen == expected
    # UIDs: one per event, the same on a second download of the same plan.
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in Calendar.from_ical(again).walk("VEVENT")]


def test_planner_works_with_the_keyboard_alone(browser: Any, site_url: str) -> None:
    expected = expected_plan(TIMELINE, date(2028, 8, 31), notice=3)
    with opened(browser) as w:
        page = w.page
        page.goto(site_url + "timeline/")

        def tab_to(element_id: str) -> None:
            for _ in range(120):
                if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
                    return
                page.keyboard.press("Tab")
            pytest.fail(f"Tab never reached #{element_id}")

        tab_to("plan-start")
        page.keyboard.type("08312028")  # en-US date field: month, day, year
        tab_to("plan-notice")
        page.keyboard.type("3")  # focusing by Tab selects the old value
        page.keyboard.press("Enter")
        assert shown_plan(page) == expected
        tab_to("plan-ics")
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        events = Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT")
        assert {e.decoded("DTSTART") for e in events} == set(expected.values())


def test_moving_a_phase_in_the_data_moves_it_in_the_plan(browser: Any, project: Path) -> None:
    """No script change: the planner reads the phases the build wrote into the page.

    The edited phase also gets a long non-ASCII title and a task with ; \\ and ,
    so the calendar's escaping and folding at 75 octets meet multi-byte text.
    """
    data = project / "data" / "timeline.yml"
    text = data.read_text()
    title = "Drei Monate vorher — Übungen für die Prüfung ✓ " * 3
    task = "Lies; übe \\ wiederhole, dann schlafe."
    for old, new in (
        ("offset: -P3M\n", "offset: -P4M2W\n"),
        ("title: Three months before interviews\n", f"title: {json.dumps(title.strip())}\n"),
        (
            "      - id: hands-on-course\n",
            f"      - id: umlaut-task\n        text: {json.dumps(task)}\n      - id: hands-on-course\n",
        ),
    ):
        assert old in text, old
        text = text.replace(old, new)
    data.write_text(text)
    result = build(project)
    assert result.returncode == 0, result.output
    with serve_dir(result.site) as url, opened(browser) as w:
        w.page.goto(url + "timeline/?start=2028-08-31")
        assert shown_plan(w.page)["three-months-before"] == date(2027, 10, 15)  # Feb 29 - 4 months - 2 weeks
        assert w.page.locator("#done-umlaut-task").count() == 1
        raw = download_ics(w.page)
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    unfolded = raw.replace(b"\r\n ", b"")
    assert "- Lies\\; übe \\\\ wiederhole\\, dann schlafe.".encode() in unfolded, "; \\ and , are escaped"
    assert all(line.decode("utf-8") for line in raw.split(b"\r\n") if line), "no fold splits a character"
    event = next(e for e in Calendar.from_ical(raw).walk("VEVENT") if e.decoded("DTSTART") == date(2027, 10, 15))
    assert str(event["SUMMARY"]) == title.strip()
    assert f"- {task}" in str(event["DESCRIPTION"])
