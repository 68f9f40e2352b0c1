"""The plan's date logic (docs/javascripts/plan.js) over thousands of generated situations, in the real browser.

Every plan the page would print keeps the book's order: preparation, the search,
the week and the day before the first interview, afterwards, the start date.
Where no plan can keep it, the script says why instead of returning dates. The
script runs on the published page; the phases are this test's own (the book's
chain), so the properties do not depend on the data of the day.

The situations are mostly in the issue's ranges, with a known interview mostly
where a search could put it, so most of them make a plan; a property over
plans alone states the chain and the latest search start directly. Each
example is labelled (its outcome, its ranges, its interview):
``pytest --hypothesis-show-statistics tests/test_plan_properties.py`` shows the
mix. A phase after the start date ("after-start") cannot happen with the
book's chain: its last phase is a day after the first interview, and an
interview on the start date already puts the search too late; the test with
other phases draws one some weeks after the interview.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from tests.support.dates import BOOK_CHAIN, Phases, Situation, add_months, expected_plan
from tests.support.pages import opened

# (id, anchor, offset), in the order the page lists them.
CHAIN: Phases = BOOK_CHAIN
ORDER = ["year-before", "three-months-before", "search", "week-before", "day-before", "interview", "afterwards"]
WINDOW = {"earliest": 6, "latest": 3, "offers": 0}  # months before the start (plus notice and visa)
REASONS = {"start-past", "interview-past", "too-late", "interview-after-offers", "search-too-late", "after-start"}

COMPUTE = """([phases, input, now, [shortest, longest]]) => {
  const P = window.MLPrepPlan, d = (s) => (s ? P.parseDate(s) : null);
  const data = {lead: {shortest, longest}, phases: phases.map(([id, anchor, offset]) => ({id, anchor, offset}))};
  const given = {...input, start: d(input.start), final: d(input.final), interview: d(input.interview)};
  const plan = P.compute(data, given, d(now));
  const dates = Object.fromEntries(Object.entries(plan.dates).map(([k, v]) => [k, P.iso(v)]));
  return {ok: plan.ok, reason: plan.reason || null, dates, adjusted: plan.adjusted || [],
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


def back(s: Situation, months: int) -> date:
    """The start date less ``months`` and the notice, then the visa weeks."""
    return add_months(s.start, -months - s.notice) - timedelta(weeks=s.visa)


def search_window(s: Situation) -> tuple[date, date]:
    """Where the search can run: from the date the lead time (or an earlier final school year) gives, today at
    the earliest, to the offers date. Empty (first after last) when the offers date has passed."""
    first = back(s, s.lead)
    return max(s.today, min(first, s.final) if s.final else first), back(s, 0)


def mostly(draw: st.DrawFn, usual: st.SearchStrategy[Any], wider: st.SearchStrategy[Any]) -> Any:
    """Nine draws in ten from ``usual``, the rest from ``wider``; shrinking goes to ``usual``."""
    return draw(usual if draw(st.integers(0, 9)) < 9 else wider)


@st.composite
def situations(draw: st.DrawFn) -> Situation:
    """Mostly the issue's ranges: a start date next week to three years out, notice 0-6 months, visa 0-52
    weeks; a tenth of each goes wider (a start date already past or days away, the form's limits of 24 months
    and 104 weeks). A student's final school year in about half the draws. A known interview: six draws in
    ten in the search window where there is one (the offers date itself included, where the search would
    start too late), two in ten anywhere from a month before today to a month after the start date."""
    today = draw(st.dates(date(2024, 1, 1), date(2031, 12, 31)))
    notice = mostly(draw, st.integers(0, 6), st.integers(7, 24))
    visa = mostly(draw, st.integers(0, 52), st.integers(53, 104))
    # Hypothesis favours small numbers, so a start date drawn from next week on would mostly leave no time for
    # a search at all. Seven draws in ten count from the first start date that leaves the book's shortest lead
    # time, the notice and the visa from today; two from next week; one goes wider.
    where, last = draw(st.integers(0, 9)), today + timedelta(days=3 * 366)
    room = max(add_months(today, 3 + notice) + timedelta(weeks=visa), today + timedelta(days=7))
    if where < 7 and room <= last:
        start = room + timedelta(days=draw(st.integers(0, (last - room).days)))
    elif where < 9:
        start = today + timedelta(days=draw(st.integers(7, 3 * 366)))
    else:
        start = today + timedelta(days=draw(st.integers(-60, 6)))
    s = Situation(start, today, draw(st.integers(3, 6)), notice, visa, draw(st.integers(1, 12)))
    final = draw(st.none() | st.dates(s.start - timedelta(days=3 * 366), s.start))
    s = replace(s, final=final)
    kind = draw(st.integers(0, 9))  # 0-1 none, 2-7 in the search window (none when it is empty), 8-9 anywhere
    first, offers = search_window(s)
    if kind >= 8:
        return replace(s, interview=draw(st.dates(s.today - timedelta(days=30), s.start + timedelta(days=30))))
    if kind < 2 or first > offers:
        return s
    return replace(s, interview=offers - timedelta(days=draw(st.integers(0, (offers - first).days))))


def label(s: Situation, outcome: str | None) -> None:
    """Name the example in --hypothesis-show-statistics: its outcome, and where it lies in the issue's ranges."""
    event(f"outcome: {outcome or 'a plan'}")
    in_range = s.start >= s.today + timedelta(days=7) and s.notice <= 6 and s.visa <= 52
    event("situation: in the issue's ranges" if in_range else "situation: wider")
    if s.interview is None:
        event("interview: none known")
    else:
        first, offers = search_window(s)
        event("interview: in the search window" if first <= s.interview <= offers else "interview: outside it")


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=situations())
def test_every_plan_keeps_the_books_order_or_says_why_not(plan_page: Any, s: Situation) -> None:
    got = compute(plan_page, s)
    label(s, got["reason"])
    # The window the status sentence names, refused or not: longest lead to shortest, and the offers date.
    assert {k: got["dates"][k] for k in WINDOW} == {k: back(s, m).isoformat() for k, m in WINDOW.items()}
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


@st.composite
def plans(draw: st.DrawFn) -> Situation:
    """Situations built to have a plan, in the issue's ranges: the start date no sooner than 3 months, the
    notice and the visa from today (so the latest search start has not passed) and at most three years out; a
    known interview (half the draws) from today to the day before the offers date. A month's end can still
    put the search a day past its latest date; the few such draws are left out by the reference rule."""
    today = draw(st.dates(date(2024, 1, 1), date(2031, 12, 31)))
    notice, visa = draw(st.integers(0, 6)), draw(st.integers(0, 52))
    soonest = max(add_months(today, 3 + notice) + timedelta(weeks=visa), today + timedelta(days=7))
    start = draw(st.dates(soonest, today + timedelta(days=3 * 366)))
    final = draw(st.none() | st.dates(start - timedelta(days=3 * 366), start - timedelta(days=1)))
    s = Situation(start, today, draw(st.integers(3, 6)), notice, visa, draw(st.integers(1, 12)), final)
    offers = back(s, 0)
    if draw(st.booleans()) and today < offers:
        s = replace(s, interview=draw(st.dates(today, offers - timedelta(days=1))))
    outcome = expected_plan(CHAIN, s).reason
    event(f"built: {outcome or 'a plan'}")
    assume(outcome is None)
    return s


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=plans())
def test_a_situation_with_room_for_a_plan_gets_the_books_chain_by_the_latest_start(
    plan_page: Any, s: Situation
) -> None:
    """The issue's invariant on plans alone, stated directly (not against the reference rule's dates)."""
    got = compute(plan_page, s)
    event(f"search set by: {'the ' + got['adjusted'][-1] + ' rule' if got['adjusted'] else 'the lead time'}")
    event(f"student: {s.final is not None}, interview known: {s.interview is not None}")
    assert got["ok"], got
    when = {key: date.fromisoformat(day) for key, day in got["rows"]}  # each a real calendar date
    year, quarter, search, week, day, interview, after = (when[k] for k in ORDER)
    assert year < quarter < search <= week < day < interview < after <= s.start, got
    assert search <= add_months(s.start, -3 - s.notice) - timedelta(weeks=s.visa), got
    assert s.today <= interview <= when["offers"] <= s.start
    assert interview == s.interview if s.interview else s.today <= search


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=situations())
def test_a_plan_is_refused_only_when_the_book_cannot_be_followed(plan_page: Any, s: Situation) -> None:
    """No refusal while the latest sensible search start is still ahead and no interview date pins the plan."""
    plain = Situation(s.start, s.today, s.lead, s.notice, s.visa, s.weeks, s.final, None)
    got = compute(plan_page, plain)
    label(plain, got["reason"])
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
@given(
    s=situations(),
    shortest=st.integers(1, 4),
    extra=st.integers(0, 8),
    weeks_after=st.none() | st.integers(1, 40),
    data=st.data(),
)
def test_any_lead_time_and_offset_dates_phases_as_the_rule_says(
    plan_page: Any, s: Situation, shortest: int, extra: int, weeks_after: int | None, data: st.DataObject
) -> None:
    """Also a phase some weeks after the first interview, which may fall after the start date: refused then."""
    longest = shortest + extra
    s = replace(s, lead=data.draw(st.integers(shortest, longest)))
    phases = MIXED if weeks_after is None else [*MIXED, ("weeks-after-it", "first-interview", f"P{weeks_after}W")]
    got, expected = compute(plan_page, s, phases, (shortest, longest)), expected_plan(phases, s, shortest)
    label(s, got["reason"])
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
