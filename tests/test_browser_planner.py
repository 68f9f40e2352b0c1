"""The planner in a real browser: dates from the data, edge cases said plainly, a calendar file, the keyboard."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import pairwise, permutations, product
from pathlib import Path
from typing import Any

import pytest
import yaml
from icalendar import Calendar

from mlprep.data.load import load_guide
from tests.support.dates import (
    BOOK_CHAIN,
    MILESTONE_ANCHORS,
    Situation,
    add_months,
    expected_plan,
    phases_of,
    rule_order,
    shift,
)
from tests.support.pages import TODAY, opened, screenshot
from tests.support.project import ROOT, build
from tests.support.serve import serve_dir

TIMELINE = load_guide(ROOT / "data").timeline
PHASES = phases_of(TIMELINE)
NOW = date.fromisoformat(TODAY)
SHORTEST = TIMELINE.lead_time.shortest_months  # the book's shortest lead time, which the planner's rule uses
FIELDS = ("start", "lead", "notice", "visa", "final", "weeks", "interview")


def fill_plan(page: Any, s: Situation) -> None:
    page.fill("#plan-start", s.start.isoformat())
    page.select_option("#plan-lead", str(s.lead))
    page.fill("#plan-notice", str(s.notice))
    page.fill("#plan-visa", str(s.visa))
    page.fill("#plan-final", s.final.isoformat() if s.final else "")
    page.fill("#plan-weeks", str(s.weeks))
    page.fill("#plan-interview", s.interview.isoformat() if s.interview else "")
    page.get_by_role("button", name="Show my plan").click()


def shown_rows(page: Any) -> list[tuple[str, date]]:
    """The plan's rows in page order: each phase id or milestone with its date (today's mark left out)."""
    return [
        (
            str(row["key"]),
            date.fromisoformat(row["date"]),
        )
        for row in page.locator("#plan-list > li[data-phase], #plan-list > li[data-milestone]").evaluate_all(
            "rows => rows.map(r => ({key: r.dataset.phase || r.dataset.milestone,"
            " date: r.querySelector('time').getAttribute('datetime')}))"
        )
    ]


def shown_plan(page: Any) -> dict[str, date]:
    return dict(shown_rows(page))


def situation(**given: Any) -> Situation:
    return Situation(today=NOW, **given)


def phase_on_today() -> Situation:
    """An interview date that puts one of the data's phases on today itself, whichever phases it has."""
    for pid, anchor, offset in PHASES:
        if anchor != "first-interview" or not offset.startswith("-"):
            continue
        for days in range(1, 3 * 366):
            interview = NOW + timedelta(days=days)
            given = situation(start=add_months(interview, 6), interview=interview)
            plan = expected_plan(PHASES, given)
            if shift(interview, offset) == NOW and plan.reason is None and plan.dates[pid] == NOW:
                return given
    raise AssertionError("no phase before the first interview can fall on today")


CASES: dict[str, Situation] = {
    # Aug 31 - 6 months lands on Feb 29 of a leap year; a year before the interview is in 2027.
    "month-end-into-leap-day": situation(start=date(2028, 8, 31)),
    # Months (lead and notice together) go first, then the visa weeks.
    "notice-and-visa": situation(start=date(2027, 12, 31), notice=3, visa=4),
    # A student's final year comes before the lead time and wins...
    "student-final-year": situation(start=date(2028, 7, 1), final=date(2027, 9, 1)),
    # ...but a final year later than the lead time never delays the search.
    "late-final-year": situation(start=date(2028, 7, 1), final=date(2028, 3, 1)),
    # A known interview long after the final year: the preparation before it still comes first.
    "student-with-interview": situation(start=date(2028, 7, 1), final=date(2027, 9, 1), interview=date(2028, 3, 1)),
    "start-on-leap-day": situation(start=date(2028, 2, 29), notice=1, lead=4),
    # The lead time's date has passed, the latest sensible start has not: start today.
    "search-starts-today": situation(start=date(2027, 4, 1)),
    "known-interview": situation(start=date(2027, 9, 1), interview=date(2027, 3, 10), weeks=2),
    # A phase on today itself is not "already past" (with the book's phases: a year before an interview).
    "phase-on-today": phase_on_today(),
    # A student whose final year has begun: the search starts today.
    "final-year-begun": situation(start=date(2027, 4, 1), final=date(2026, 9, 1)),
    # An interview soon: the search counts from the weeks before it, which are partly past.
    "interview-in-two-weeks": situation(start=date(2027, 6, 1), interview=date(2026, 12, 9)),
    # An interview long after the lead time's date: the search starts a little under 3 months before it.
    "interview-late": situation(start=date(2028, 9, 1), interview=date(2028, 6, 1)),
    # Each adjustment's boundary, where it must not apply: the search already on that date.
    "search-on-today": situation(start=date(2027, 5, 25)),
    "final-year-on-the-search-date": situation(start=date(2028, 7, 1), final=date(2028, 1, 1)),
    "interview-exactly-the-weeks-after": situation(start=date(2027, 9, 1), interview=date(2027, 3, 29)),
    "interview-just-under-3-months-after": situation(start=date(2027, 9, 1), interview=date(2027, 5, 28)),
}
# What the status says about how the search date was chosen (the last rule that moved it, naming the
# date the earlier rules gave); each case says exactly the notes it lists.
GIVES = {"": "your lead time gives", "-final": "your final school year gives"}
NOTES = {
    "final": "That is the start of your final school year: a student searches no later than that.",
    **{
        f"today{k}": f"The date {gives} has passed; the latest sensible start is still ahead, so start today."
        for k, gives in GIVES.items()
    },
    **{
        f"soon{k}": f"before the interview date you entered, which comes sooner than the date {gives}."
        for k, gives in GIVES.items()
    },
    **{
        f"late{k}": f"That is a little under {SHORTEST} months before the interview date you entered, which comes more "
        f"than {SHORTEST} months after the date {gives}."
        for k, gives in GIVES.items()
    },
}
CASE_NOTES = {
    "student-final-year": {"final"},
    "student-with-interview": {"late-final"},
    "search-starts-today": {"today"},
    "final-year-begun": {"today-final"},
    "known-interview": {"soon"},
    "phase-on-today": {"soon"},
    "interview-in-two-weeks": {"soon"},
    "interview-late": {"late"},
}
REFUSED: dict[str, tuple[Situation, str]] = {
    "start-date-in-the-past": (situation(start=date(2026, 1, 15)), "has already passed"),
    "start-date-next-week": (situation(start=date(2026, 12, 2)), "No dated plan fits"),
    "interview-after-offers": (
        situation(start=date(2027, 9, 1), notice=3, interview=date(2027, 7, 1)),
        "No dated plan fits",
    ),
    "interview-in-the-past": (situation(start=date(2027, 9, 1), interview=date(2026, 11, 1)), "has already passed"),
}


@pytest.mark.parametrize("case", CASES)
def test_plan_dates_follow_the_data_and_the_rule(browser: Any, site_url: str, case: str) -> None:
    given = CASES[case]
    expected = expected_plan(PHASES, given)
    assert expected.reason is None and expected.search is not None
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        fill_plan(w.page, given)
        assert shown_plan(w.page) == expected.dates
        # In date order, with the "you are here" mark where today falls.
        rows = w.page.locator("#plan-list > li")
        kinds = [
            rows.nth(i).get_attribute("data-phase") or rows.nth(i).get_attribute("data-milestone") or "today"
            for i in range(rows.count())
        ]
        page_order = [pid for pid, _, _ in PHASES] + ["interview", "offers", "start"]  # ties keep it
        by_date = sorted(expected.dates, key=lambda k: (expected.dates[k], page_order.index(k)))
        before_today = [k for k in by_date if expected.dates[k] <= NOW]
        assert kinds == before_today + ["today"] + by_date[len(before_today) :]
        assert w.page.locator("#plan-list [aria-current=date] time").get_attribute("datetime") == TODAY
        # Past phases are marked, and the status says it in words.
        past = {k for k, d in expected.dates.items() if d < NOW}
        marked = {kinds[i] for i in range(rows.count()) if "is-past" in (rows.nth(i).get_attribute("class") or "")}
        assert marked == past
        status = w.page.locator("#plan-status").text_content() or ""
        assert f"tart your search on {human(expected.search)}" in status
        assert f"offers should land by {human(expected.dates['offers'])}" in status
        assert ("would have begun already" in status) == bool(past)
        titles = {phase.id: phase.title for phase in TIMELINE.phases}
        late = [f"{titles[k]}, {human(expected.dates[k])}" for k in by_date if k in titles and k in past]
        if late:
            count = f"{len(late)} phase" + ("" if len(late) == 1 else "s")
            assert f"{count} would have begun already ({'; '.join(late)}), marked as already past" in status
        shortest, longest = TIMELINE.lead_time.shortest_months, TIMELINE.lead_time.longest_months
        window = f"{human(shift_back(given, longest))} and {human(shift_back(given, shortest))}"
        offers = human(shift_back(given, 0))
        assert f"lead time of {shortest} to {longest} months puts the start of your search between {window}; " in status
        assert f"offers should land by {offers}." in status
        # The lead time is named as the search date's origin only when no rule moved the date; when one did,
        # the note names that rule instead.
        moved = case in CASE_NOTES
        origin = "Start" if moved else f"This plan uses {given.lead} months: start"
        assert f"{origin} your search on {human(expected.search)} ({ago(expected.search)})." in status
        assert ("This plan uses" in status) == (not moved), status
        assert {k for k, words in NOTES.items() if words in status} == CASE_NOTES.get(case, set()), status
        assert ("not the book's" in status) == (given.interview is None), "the assumed interview is labelled"
        # The timeline's own sections carry the same dates, for printing.
        for phase in TIMELINE.phases:
            stamp = w.page.locator(f"#phase-{phase.id} .guide-plan-date time").get_attribute("datetime")
            assert stamp == expected.dates[phase.id].isoformat()
            note = w.page.locator(f"#phase-{phase.id} .guide-plan-date").text_content() or ""
            assert ("(already past)" in note) == (expected.dates[phase.id] < NOW), note  # a phase today is not
            # The list repeats each phase's summary, and says when it comes before every interview.
            summary = w.page.locator(f"#plan-list [data-phase={phase.id}] .guide-plan-summary").text_content()
            each = " Repeat it before every interview; this date is for your first." if phase.each_interview else ""
            assert summary == " ".join(phase.summary.split()) + each
        # The picture is there, named, and points to the list as its equivalent.
        chart = w.page.locator("#plan-chart svg[role=img]")
        assert "list below" in (chart.locator("desc").text_content() or "")
        if case == "notice-and-visa":
            screenshot(w.page, "timeline-plan")


def test_a_search_date_a_rule_moved_is_not_said_to_come_from_the_lead_time(browser: Any, site_url: str) -> None:
    """Lead time 6 months (1 March 2027), an interview on 10 March and 2 weeks to it: the search starts on
    24 February, before the lead time's window. The status says so by the rule that set the date."""
    given = situation(start=date(2027, 9, 1), interview=date(2027, 3, 10), weeks=2)
    assert expected_plan(PHASES, given).search == date(2027, 2, 24)
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        fill_plan(w.page, given)
        status = w.page.locator("#plan-status").text_content() or ""
    earliest, latest = shift_back(given, TIMELINE.lead_time.longest_months), shift_back(given, SHORTEST)
    assert f"between {human(earliest)} and {human(latest)}" in status
    assert "This plan uses" not in status and not re.search(r"uses \d+ months?", status), status
    assert (
        "Start your search on Wed, 24 February 2027 (in 91 days). That is 2 weeks before the interview date you"
        " entered, which comes sooner than the date your lead time gives." in status
    ), status


@pytest.mark.parametrize("case", REFUSED)
def test_no_plan_is_printed_when_none_can_hold(browser: Any, site_url: str, case: str) -> None:
    given, words = REFUSED[case]
    assert expected_plan(PHASES, given).reason is not None
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        fill_plan(w.page, given)
        assert words in (w.page.locator("#plan-status").text_content() or "")
        assert w.page.locator("#plan-list li").count() == 0
        assert w.page.locator("#plan-chart *").count() == 0
        assert w.page.locator(".guide-plan-date").count() == 0
        assert w.page.locator("#plan-ics").is_disabled()


def human(day: date) -> str:
    """The page's own date format (en-GB, weekday first)."""
    return f"{day:%a}, {day.day} {day:%B %Y}"


def shift_back(s: Situation, months: int) -> date:
    """The start date less ``months`` and the notice, then the visa weeks: the window the status names."""
    return add_months(s.start, -months - s.notice) - timedelta(weeks=s.visa)


def ago(day: date) -> str:
    """How far the page says a date is from today: 'today', 'in 3 days', '1 day ago'."""
    n = (day - NOW).days
    days = f"{abs(n)} day" + ("" if abs(n) == 1 else "s")
    return "today" if n == 0 else f"in {days}" if n > 0 else f"{days} ago"


def test_month_end_and_leap_day_literally() -> None:
    """The test's own arithmetic, pinned to dates checked by hand."""
    plan = expected_plan(PHASES, situation(start=date(2028, 8, 31)))
    assert plan.search == date(2028, 2, 29)
    assert plan.dates["interview"] == date(2028, 3, 28)
    assert expected_plan(PHASES, situation(start=date(2027, 12, 31), notice=3, visa=4)).search == date(2027, 3, 3)
    assert expected_plan(PHASES, situation(start=date(2027, 4, 1))).search == NOW


def test_plan_lives_in_the_url(browser: Any, site_url: str) -> None:
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        given = situation(
            start=date(2028, 8, 31), lead=4, notice=2, visa=6, final=date(2027, 9, 1), weeks=3, interview=None
        )
        fill_plan(w.page, given)
        url = w.page.url
        for part in ("start=2028-08-31", "lead=4", "notice=2", "visa=6", "final=2027-09-01", "weeks=3"):
            assert part in url
        assert "interview=" not in url, "an empty field stays out of the address"
        first = shown_plan(w.page)
        assert first == expected_plan(PHASES, given).dates
    with opened(browser) as w:
        w.page.goto(url)
        assert w.page.input_value("#plan-notice") == "2"
        assert w.page.input_value("#plan-lead") == "4"
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


def test_a_final_year_after_the_start_date_is_said_and_plans_nothing(browser: Any, site_url: str) -> None:
    start = date(2028, 7, 1)
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        fill_plan(w.page, situation(start=start, final=start))  # on the start date is too late already
        assert "before your target start date" in (w.page.locator("#plan-status").text_content() or "")
        assert w.page.get_attribute("#plan-final", "aria-invalid") == "true"
        assert w.page.locator("#plan-list li").count() == 0
        fill_plan(w.page, situation(start=start, final=start - timedelta(days=1)))
        assert w.page.get_attribute("#plan-final", "aria-invalid") == "false"
        assert w.page.locator("#plan-list li").count() > 0


def download_ics(page: Any) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name="Add to calendar (.ics)").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    return Path(download.path()).read_bytes()


MILESTONE_TITLES = {
    "Your first interview": "interview",
    "Offers should have landed": "offers",
    "Your new job starts": "start",
}


def ics_plan(raw: bytes) -> dict[str, date]:
    """Each calendar event as the plan's phase id or milestone, with its all-day date."""
    titles = {p.title: p.id for p in TIMELINE.phases} | MILESTONE_TITLES
    seen: dict[str, date] = {}
    for event in Calendar.from_ical(raw).walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and end == start + timedelta(days=1), "all-day events"
        seen[titles[str(event["SUMMARY"])]] = start
    return seen


def test_calendar_file_is_rfc5545_and_holds_the_plan(browser: Any, site_url: str) -> None:
    expected = expected_plan(PHASES, situation(start=date(2027, 12, 31), notice=3, visa=4))
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/?start=2027-12-31&notice=3&visa=4")
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
    assert all(e.get("DTSTAMP") is not None for e in events)
    assert ics_plan(raw) == expected.dates
    for event in events:
        phase = next((p for p in TIMELINE.phases if p.title == str(event["SUMMARY"])), None)
        if phase:
            description = str(event["DESCRIPTION"])
            assert all(" ".join(t.text.split()) in description for t in phase.tasks), "tasks in the description"
            # A phase that comes before every interview says so: the file dates only the first.
            assert ("before every interview" in description) == phase.each_interview
    # UIDs: one per event, the same on a second download of the same plan.
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in Calendar.from_ical(again).walk("VEVENT")]


def test_planner_works_with_the_keyboard_alone(browser: Any, site_url: str) -> None:
    expected = expected_plan(PHASES, situation(start=date(2028, 8, 31), notice=3)).dates
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
    timeline = yaml.safe_load(data.read_text(encoding="utf-8"))
    moved = timeline["phases"][0]  # whichever phase comes first: it is moved to a place of the test's choosing
    title = "Drei Monate vorher — Übungen für die Prüfung ✓ " * 3
    task = "Lies; übe \\ wiederhole, dann schlafe."
    moved |= {"anchor": "first-interview", "offset": "-P4M2W", "title": title.strip()}
    moved["tasks"].insert(0, {"id": "umlaut-task", "text": task})
    data.write_text(yaml.safe_dump(timeline, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    with serve_dir(result.site) as url, opened(browser) as w:
        w.page.goto(url + "timeline/?start=2028-08-31")
        # Search Feb 29 2028, interview four weeks later (Mar 28), then - 4 months (Nov 28) - 2 weeks.
        assert shown_plan(w.page)[moved["id"]] == date(2027, 11, 14)
        assert w.page.locator("#done-umlaut-task").count() == 1
        raw = download_ics(w.page)
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    unfolded = raw.replace(b"\r\n ", b"")
    assert "- Lies\\; übe \\\\ wiederhole\\, dann schlafe.".encode() in unfolded, "; \\ and , are escaped"
    assert all(line.decode("utf-8") for line in raw.split(b"\r\n") if line), "no fold splits a character"
    event = next(e for e in Calendar.from_ical(raw).walk("VEVENT") if e.decoded("DTSTART") == date(2027, 11, 14))
    assert str(event["SUMMARY"]) == title.strip()
    assert f"- {task}" in str(event["DESCRIPTION"])


GRID_TODAYS = (NOW, date(2027, 1, 31), date(2028, 2, 29))  # the test's day, a month's end, a leap day
LEADS = range(SHORTEST, TIMELINE.lead_time.longest_months + 1)
WEEKS = (1, 3, 6, 9, 12)


def grid() -> list[Situation]:
    """Notice and visa from none to the issue's most; start dates from a month past the latest that still
    leaves the book's shortest lead time to three years out; a student or not, a known interview or not;
    the lead time, the weeks to a first interview and today turn with the cases. A student's final school
    year falls before, near or after the lead time's date; a known interview inside the window the search
    can take, between its start (today at the earliest) and the offers date."""
    cases = []
    shapes = product((1, 5, 12, 30), ((0, 0), (3, 12), (6, 52)), (False, True), (False, True))
    for i, (spare, (notice, visa), student, known) in enumerate(shapes):
        today, lead, weeks = GRID_TODAYS[i % 3], LEADS[i % len(LEADS)], WEEKS[i % len(WEEKS)]
        start = min(
            add_months(today, SHORTEST + notice + spare) + timedelta(weeks=visa), today + timedelta(days=3 * 365)
        )
        offers = add_months(start, -notice) - timedelta(weeks=visa)
        search = add_months(start, -lead - notice) - timedelta(weeks=visa)
        final = add_months(search, (-3, -1, 2)[i % 3]) if student else None
        interview = None
        if known:
            first = max(today, min(search, final or search))
            share = (0.1, 0.4, 0.7, 0.95)[i // 2 % 4]  # how far into the window
            interview = first + timedelta(days=round(share * (offers - first).days))
        cases.append(Situation(start, today, lead, notice, visa, weeks, final, interview))
    return cases


GRID = grid()
SEARCH_SAID = re.compile(r"[Ss]tart your search on \w+, (\d+ \w+ \d{4})")
ANCHORS = {pid: (anchor, offset) for pid, anchor, offset in PHASES} | MILESTONE_ANCHORS


def assert_the_rules_order(when: dict[str, date], given: Situation, search: date | None = None) -> None:
    """The issue's chain and bound, checked on dates as shown, not against the test's own arithmetic.

    Every pair of dates the rule orders (rule_order: on the book's phases, year-before < three-months-before <
    search <= week-before < day-before < interview < afterwards) keeps that order; nothing comes after the start
    date; the interview comes by the offers date; and the search starts no later than the start date less the
    book's shortest lead time, the notice and the visa time: ``search``, the date the page says, when given,
    and each phase dated from the search start, moved by its offset.
    """
    for a, b in permutations(when.keys() & ANCHORS.keys(), 2):
        order = rule_order(ANCHORS[a], ANCHORS[b], SHORTEST)
        assert order is None or (when[a] < when[b] if order == "<" else when[a] <= when[b]), (a, order, b, when)
    assert max(when.values()) == when["start"] == given.start
    assert when["interview"] <= when["offers"] <= given.start
    latest = add_months(given.start, -SHORTEST - given.notice) - timedelta(weeks=given.visa)
    for pid, (anchor, offset) in ANCHORS.items():
        if anchor == "search-start":  # the offset moves the bound as it moves the search (shift is monotone)
            assert when[pid] <= shift(latest, offset), f"{pid} {when[pid]} after the latest {latest} moved by {offset}"
            if search is not None:
                assert when[pid] == shift(search, offset), (pid, when[pid], search)
    if search is not None:
        assert search <= latest, f"search {search} after the latest {latest}"
        assert given.interview is not None or search >= given.today, "without an interview, not before today"


def test_the_order_checked_on_the_page_is_the_issues_chain() -> None:
    """rule_order, on the book's chain and milestones, orders each link as the issue states it."""
    chain = [(a, o) for _, a, o in BOOK_CHAIN]
    chain.insert(5, MILESTONE_ANCHORS["interview"])
    links = [rule_order(a, b, 3) for a, b in pairwise(chain)]
    assert links == ["<", "<", "<=", "<", "<", "<"]
    assert rule_order(chain[3], chain[2]) is None and rule_order(chain[1], chain[0]) is None


def test_the_order_check_fails_on_a_plan_out_of_order() -> None:
    """The checks above can fail: each date the rule orders, put on the wrong side, and a search past its bound."""
    given = situation(start=date(2027, 9, 1), interview=date(2027, 8, 31))  # the search on its latest date
    plan = expected_plan(PHASES, given)
    assert plan.search is not None
    assert_the_rules_order(plan.dates, given, plan.search)
    ordered = [
        (a, b) for a, b in permutations(plan.dates.keys() & ANCHORS.keys(), 2) if rule_order(ANCHORS[a], ANCHORS[b])
    ]
    assert ordered, "the data's phases give the check something to hold"
    for a, b in ordered:
        wrong = plan.dates | {a: plan.dates[b] + timedelta(days=1)}
        with pytest.raises(AssertionError):
            assert_the_rules_order(wrong, given)
    # A day later, the search (as said and as dated) is past the start date less 3 months, notice and visa.
    later = {k: d + timedelta(days=1) for k, d in plan.dates.items() if ANCHORS.get(k, ("",))[0] == "search-start"}
    with pytest.raises(AssertionError, match="latest"):
        assert_the_rules_order(plan.dates | later, given, plan.search + timedelta(days=1))
    with pytest.raises(AssertionError):
        assert_the_rules_order(plan.dates | {"interview": plan.dates["offers"] + timedelta(days=1)}, given)


@pytest.fixture(scope="module")
def planner_page(browser: Any, site_url: str) -> Iterator[Any]:
    """One page for the whole grid: each case fills the form again, under its own today."""
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        yield w.page


@pytest.mark.parametrize(
    "given",
    GRID,
    ids=lambda s: (
        f"{s.today}-{s.start}-l{s.lead}-n{s.notice}-v{s.visa}-w{s.weeks}-f{bool(s.final)}-i{bool(s.interview)}"
    ),
)
def test_grid_of_situations_keeps_the_plan_in_order_on_the_page_and_in_the_calendar(
    planner_page: Any, given: Situation
) -> None:
    """Through the real form: the list, the status, the timeline's sections and the .ics keep the rule's order."""
    page, expected = planner_page, expected_plan(PHASES, given)
    assert expected.reason is None, "every case of the grid has a plan; REFUSED has the ones that do not"
    page.clock.set_fixed_time(f"{given.today}T12:00:00Z")
    fill_plan(page, given)
    rows = shown_rows(page)
    status = page.locator("#plan-status").text_content() or ""
    when = dict(rows)
    said = SEARCH_SAID.search(status)
    assert said, status
    assert_the_rules_order(when, given, datetime.strptime(said[1], "%d %B %Y").date())
    assert when == expected.dates
    # A phase counted back from the first interview comes before it on the page too.
    for pid, anchor, offset in PHASES:
        if anchor == "first-interview":
            assert (when[pid] < when["interview"]) == offset.startswith("-"), pid
    days = [d for _, d in rows]
    assert days == sorted(days), "in date order"
    # The static timeline (the sections below) lists the phases in the order the plan dates them.
    sections = page.locator(".guide-phase").evaluate_all("s => s.map(x => x.id.slice('phase-'.length))")
    assert [k for k, _ in rows if k in sections] == sections
    events = ics_plan(download_ics(page))
    assert_the_rules_order(events, given)
    assert events == expected.dates


# (field, what the reader types, the situation it means, or None when the form must refuse it)
BOUNDS: list[tuple[str, str, Situation | None]] = [
    ("notice", "24", situation(start=date(2031, 1, 31), notice=24)),
    ("notice", "", situation(start=date(2031, 1, 31), notice=0)),  # an empty field is no notice
    ("notice", "25", None),
    ("notice", "-1", None),
    ("notice", "1.5", None),
    ("visa", "104", situation(start=date(2031, 1, 31), visa=104)),
    ("visa", "", situation(start=date(2031, 1, 31), visa=0)),
    ("visa", "105", None),
    ("weeks", "1", situation(start=date(2031, 1, 31), weeks=1)),
    ("weeks", "12", situation(start=date(2031, 1, 31), weeks=12)),
    ("weeks", "0", None),
    ("weeks", "13", None),
]


def test_the_form_takes_each_number_up_to_its_bound_and_refuses_the_next(browser: Any, site_url: str) -> None:
    """Each bound is on the page (the field's min and max) and in the script: the two must agree."""
    with opened(browser) as w:
        page = w.page
        page.goto(site_url + "timeline/")
        for field, typed, meant in BOUNDS:
            fill_plan(page, situation(start=date(2031, 1, 31)))
            page.fill(f"#plan-{field}", typed)
            page.get_by_role("button", name="Show my plan").click()
            status = page.locator("#plan-status").text_content() or ""
            invalid = page.get_attribute(f"#plan-{field}", "aria-invalid")
            if meant is None:
                assert invalid == "true" and "must be a whole number" in status, (field, typed, status)
                assert page.locator("#plan-list li").count() == 0
            else:
                assert invalid == "false", (field, typed, status)
                assert shown_plan(page) == expected_plan(PHASES, meant).dates, (field, typed)


@pytest.mark.parametrize("lead", [SHORTEST, TIMELINE.lead_time.longest_months])
def test_the_shortest_and_longest_lead_times_both_make_a_plan(browser: Any, site_url: str, lead: int) -> None:
    given = situation(start=date(2028, 1, 31), lead=lead)
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        fill_plan(w.page, given)
        assert shown_plan(w.page) == expected_plan(PHASES, given).dates
        assert f"This plan uses {lead} months" in (w.page.locator("#plan-status").text_content() or "")


def test_today_is_the_readers_day_not_greenwich(browser: Any, site_url: str) -> None:
    """At noon UTC on the test's day it is already the next morning in Auckland: the plan marks the reader's day."""
    context = browser.new_context(timezone_id="Pacific/Auckland", locale="en-NZ")
    try:
        context.clock.set_fixed_time(f"{TODAY}T12:00:00Z")
        page = context.new_page()
        page.goto(site_url + "timeline/?start=2028-08-31")
        here = page.locator("#plan-list [aria-current=date] time").get_attribute("datetime")
        assert here == (NOW + timedelta(days=1)).isoformat()
    finally:
        context.close()
