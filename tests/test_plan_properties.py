"""The plan's date logic (docs/javascripts/plan.js) over thousands of generated situations, in the real browser.

Every plan the page would print keeps the book's order: preparation, the search,
the week and the day before the first interview, afterwards, the start date.
Where no plan can keep it, the script says why instead of returning dates. The
script runs on the published page; the phases are this test's own (the book's
chain), so the properties do not depend on the data of the day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.dates import Phases, Situation, add_months, expected_plan
from tests.support.pages import opened

# (id, anchor, offset), in the order the page lists them.
CHAIN: Phases = [
    ("year-before", "first-interview", "-P1Y"),
    ("three-months-before", "first-interview", "-P3M"),
    ("search", "search-start", "P0D"),
    ("week-before", "first-interview", "-P1W"),
    ("day-before", "first-interview", "-P1D"),
    ("afterwards", "first-interview", "P1D"),
]
ORDER = ["year-before", "three-months-before", "search", "week-before", "day-before", "interview", "afterwards"]
WINDOW = {"earliest": 6, "latest": 3, "offers": 0}  # months before the start (plus notice and visa)
REASONS = {"start-past", "interview-past", "too-late", "interview-after-offers", "search-too-late", "after-start"}

COMPUTE = """([phases, input, now, [shortest, longest]]) => {
  const P = window.MLPrepPlan, d = (s) => (s ? P.parseDate(s) : null);
  const data = {lead: {shortest, longest}, phases: phases.map(([id, anchor, offset]) => ({id, anchor, offset}))};
  const given = {...input, start: d(input.start), final: d(input.final), interview: d(input.interview)};
  const plan = P.compute(data, given, d(now));
  const dates = Object.fromEntries(Object.entries(plan.dates).map(([k, v]) => [k, P.iso(v)]));
  return {ok: plan.ok, reason: plan.reason || null, dates,
          rows: plan.ok ? plan.rows.map((r) => [r.phase ? r.phase.id : r.milestone, P.iso(r.date)]) : []};
}"""


@pytest.fixture(scope="module")
def plan_page(browser: Any, site_url: str) -> Iterator[Any]:
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        yield w.page


def compute(page: Any, s: Situation, phases: Phases = CHAIN, lead: tuple[int, int] = (3, 6)) -> dict[str, Any]:
    given = {
        "start": s.start.isoformat(),
        "lead": s.lead,
        "notice": s.notice,
        "visa": s.visa,
        "weeks": s.weeks,
        "final": s.final.isoformat() if s.final else None,
        "interview": s.interview.isoformat() if s.interview else None,
    }
    result: dict[str, Any] = page.evaluate(COMPUTE, [phases, given, s.today.isoformat(), list(lead)])
    return result


@st.composite
def situations(draw: st.DrawFn) -> Situation:
    today = draw(st.dates(date(2024, 1, 1), date(2031, 12, 31)))
    start = today + timedelta(days=draw(st.integers(7, 3 * 366)))  # next week to three years out
    final = draw(st.none() | st.dates(start - timedelta(days=3 * 366), start))
    interview = draw(st.none() | st.dates(today - timedelta(days=30), start + timedelta(days=30)))
    return Situation(
        start=start,
        today=today,
        lead=draw(st.integers(3, 6)),
        notice=draw(st.integers(0, 24)),  # the form's limits, beyond the usual 0-6 months and 0-52 weeks
        visa=draw(st.integers(0, 104)),
        weeks=draw(st.integers(1, 12)),
        final=final,
        interview=interview,
    )


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=situations())
def test_every_plan_keeps_the_books_order_or_says_why_not(plan_page: Any, s: Situation) -> None:
    got = compute(plan_page, s)
    # The window the status sentence names, refused or not: longest lead to shortest, and the offers date.
    back = {k: (add_months(s.start, -m - s.notice) - timedelta(weeks=s.visa)).isoformat() for k, m in WINDOW.items()}
    assert {k: got["dates"][k] for k in WINDOW} == back
    if not got["ok"]:
        assert got["reason"] in REASONS and got["rows"] == []
        assert expected_plan(CHAIN, s).reason == got["reason"]
        return
    rows = [(key, date.fromisoformat(day)) for key, day in got["rows"]]  # each a real calendar date
    when = dict(rows)
    chain = [when[k] for k in ORDER]
    assert chain[0] < chain[1] < chain[2] <= chain[3] < chain[4] < chain[5] < chain[6] <= s.start, got
    # The search starts no later than target - 3 months - notice - visa, and the rows come in date order.
    assert when["search"] <= add_months(s.start, -3 - s.notice) - timedelta(weeks=s.visa)
    assert [d for _, d in rows] == sorted(d for _, d in rows)
    # Rows on the same day keep the page's order: the phases as listed, then interview, offers, start.
    page_order = [pid for pid, _, _ in CHAIN] + ["interview", "offers", "start"]
    assert [k for k, _ in rows] == sorted(when, key=lambda k: (when[k], page_order.index(k)))
    assert when["interview"] <= when["offers"] <= s.start
    # A student searches by the final school year, unless that has passed (then today) or comes more
    # than 3 months before a known interview (then the book's order wins: a little under 3 months before it).
    if s.final is not None:
        bound = add_months(s.interview, -3) + timedelta(days=1) if s.interview else s.today
        assert when["search"] <= max(s.final, bound)
    # Dated exactly as the rule on the page says (written again, independently, in tests/support/dates.py).
    assert when == expected_plan(CHAIN, s).dates


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=situations())
def test_a_plan_is_refused_only_when_the_book_cannot_be_followed(plan_page: Any, s: Situation) -> None:
    """No refusal while the latest sensible search start is still ahead and no interview date pins the plan."""
    plain = Situation(s.start, s.today, s.lead, s.notice, s.visa, s.weeks, s.final, None)
    got = compute(plan_page, plain)
    latest = add_months(s.start, -3 - s.notice) - timedelta(weeks=s.visa)
    assert got["ok"] == (latest >= s.today), got
    if got["ok"]:
        search = date.fromisoformat(got["dates"]["search"])
        assert s.today <= search and (s.final is None or s.final < s.today or search <= s.final)


TODAY = date(2026, 11, 25)
# Each rule's boundary, where a < written as <= (or > as >=) would change the answer.
BOUNDARIES = {
    "start date today": Situation(start=TODAY, today=TODAY),  # too late, not "has passed"
    "latest start today": Situation(start=date(2027, 2, 25), today=TODAY),
    "lead time's date today": Situation(start=date(2027, 5, 25), today=TODAY),
    "interview today": Situation(start=date(2027, 9, 1), today=TODAY, interview=TODAY),
    "interview on the offers date": Situation(
        start=date(2027, 9, 1), today=TODAY, notice=1, interview=date(2027, 8, 1)
    ),
    "search on the latest start": Situation(start=date(2027, 9, 1), today=TODAY, interview=date(2027, 8, 31)),
    "final year on the search date": Situation(start=date(2028, 7, 1), today=TODAY, final=date(2028, 1, 1)),
}


@pytest.mark.parametrize("name", BOUNDARIES)
def test_each_rule_holds_on_its_boundary(plan_page: Any, name: str) -> None:
    s = BOUNDARIES[name]
    got, expected = compute(plan_page, s), expected_plan(CHAIN, s)
    assert got["reason"] == expected.reason
    if expected.reason is None:
        assert {k: date.fromisoformat(d) for k, d in got["rows"]} == expected.dates


def test_a_phase_after_the_start_date_is_refused_in_words(plan_page: Any) -> None:
    s = Situation(start=date(2028, 7, 1), today=TODAY)
    got = compute(plan_page, s, [*CHAIN, ("first-week", "start-date", "P1W")])
    assert (got["ok"], got["reason"], got["rows"]) == (False, "after-start", [])


# Other data than the book's: any lead time the data may give, phases with months and days together.
MIXED: Phases = [
    *CHAIN,
    ("month-and-a-day-before", "first-interview", "-P1M1D"),
    ("weeks-into-the-search", "search-start", "P2W3D"),
    ("last-month", "start-date", "-P1M2D"),
]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=situations(), shortest=st.integers(1, 4), extra=st.integers(0, 8), data=st.data())
def test_any_lead_time_and_offset_dates_phases_as_the_rule_says(
    plan_page: Any, s: Situation, shortest: int, extra: int, data: st.DataObject
) -> None:
    longest = shortest + extra
    s = Situation(
        s.start, s.today, data.draw(st.integers(shortest, longest)), s.notice, s.visa, s.weeks, s.final, s.interview
    )
    got, expected = compute(plan_page, s, MIXED, (shortest, longest)), expected_plan(MIXED, s, shortest)
    assert got["reason"] == expected.reason
    if expected.reason is None:
        assert {k: date.fromisoformat(d) for k, d in got["rows"]} == expected.dates


def test_with_a_short_lead_the_weeks_before_a_known_interview_come_first(plan_page: Any) -> None:
    """Lead 1 to 2 months, 12 weeks to an interview on 20 June: both rules move the search; the weeks win."""
    s = Situation(start=date(2028, 7, 1), today=TODAY, lead=2, weeks=12, interview=date(2028, 6, 20))
    got, expected = compute(plan_page, s, lead=(1, 2)), expected_plan(CHAIN, s, shortest=1)
    assert expected.search == date(2028, 3, 28) and got["dates"]["search"] == "2028-03-28"
    assert {k: date.fromisoformat(d) for k, d in got["rows"]} == expected.dates


def test_a_phase_the_script_cannot_date_is_left_out(plan_page: Any) -> None:
    """An anchor or offset the script does not know (a newer page, an older script) drops the phase, not the plan."""
    s = Situation(start=date(2028, 7, 1), today=TODAY)
    odd = [("unknown-anchor", "offer-accepted", "P1D"), ("unreadable-offset", "search-start", "soon")]
    assert compute(plan_page, s, CHAIN + odd) == compute(plan_page, s)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(date(1900, 1, 1), date(2200, 12, 31)), months=st.integers(-60, 60), days=st.integers(-800, 800))
def test_calendar_arithmetic_gives_real_days(plan_page: Any, day: date, months: int, days: int) -> None:
    """The helpers the chart and the calendar use too: a month shift lands on a real day, as the page says."""
    got = plan_page.evaluate(
        """([y, m, d, months, days]) => {
          const P = window.MLPrepPlan, t = {y, m, d}, later = P.addDays(t, days);
          return {months: P.addMonths(t, months), days: later, between: P.daysBetween(t, later)};
        }""",
        [day.year, day.month, day.day, months, days],
    )
    shifted, later = add_months(day, months), day + timedelta(days=days)
    assert got["months"] == {"y": shifted.year, "m": shifted.month, "d": shifted.day}
    assert got["days"] == {"y": later.year, "m": later.month, "d": later.day}
    assert got["between"] == days


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2028-02-29", date(2028, 2, 29)),
        ("2000-02-29", date(2000, 2, 29)),
        ("1900-01-01", date(1900, 1, 1)),
        ("2027-12-31", date(2027, 12, 31)),
        ("2027-04-30", date(2027, 4, 30)),
        ("2027-01-01", date(2027, 1, 1)),
        ("2027-02-29", None),
        ("2100-02-29", None),
        ("1899-12-31", None),
        ("2027-13-01", None),
        ("2027-00-10", None),
        ("2027-04-31", None),
        ("2027-04-00", None),
        ("2027-4-1", None),
        ("27-04-01", None),
        ("2027-04-01T00:00", None),
        ("", None),
    ],
)
def test_only_real_calendar_days_are_read_as_dates(plan_page: Any, text: str, day: date | None) -> None:
    got = plan_page.evaluate("(s) => MLPrepPlan.parseDate(s)", text)
    assert got == (None if day is None else {"y": day.year, "m": day.month, "d": day.day})


def test_a_start_date_next_week_is_refused_in_words(browser: Any, site_url: str) -> None:
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/?start=2026-12-02")
        status = w.page.locator("#plan-status").text_content() or ""
        assert "No dated plan fits" in status
        assert w.page.locator("#plan-list li").count() == 0
        assert w.page.locator("#plan-chart svg").count() == 0
        assert w.page.locator(".guide-plan-date").count() == 0
        assert w.page.locator("#plan-ics").is_disabled()
