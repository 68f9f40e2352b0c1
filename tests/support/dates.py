"""The planner's date rule, written again in Python so the browser tests check the page against it.

Kept apart from the page's script on purpose: a test that reused the script's
arithmetic would agree with any bug in it. The rule is the one the timeline page
states under "How the dates are worked out".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from mlprep.data.models import Timeline

_DURATION = re.compile(r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
MILESTONES = ("interview", "offers", "start")


def add_months(day: date, months: int) -> date:
    """Calendar months; a day the target month lacks becomes its last day."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def parts(duration: str) -> tuple[int, int]:
    """A signed ISO 8601 duration as (months, days)."""
    found = _DURATION.match(duration)
    assert found, duration
    sign = -1 if found[1] else 1
    years, months, weeks, days = (int(g or 0) for g in found.groups()[1:])
    return sign * (12 * years + months), sign * (7 * weeks + days)


def shift(day: date, duration: str) -> date:
    months, days = parts(duration)
    return add_months(day, months) + timedelta(days=days)


@dataclass(frozen=True)
class Situation:
    start: date
    today: date
    lead: int = 6
    notice: int = 0
    visa: int = 0
    weeks: int = 4
    final: date | None = None
    interview: date | None = None


@dataclass
class Plan:
    """Either ``reason`` (no plan fits) or every phase id and milestone with its date."""

    reason: str | None = None
    search: date | None = None
    dates: dict[str, date] = field(default_factory=dict)


Phases = list[tuple[str, str, str]]  # (id, anchor, offset) in page order


def phases_of(timeline: Timeline) -> Phases:
    return [(p.id, p.anchor.value, p.offset) for p in timeline.phases]


def expected_plan(phases: Phases, s: Situation, shortest: int = 3) -> Plan:
    def back(months: int) -> date:
        return add_months(s.start, -months) - timedelta(weeks=s.visa)

    offers, latest, search = back(s.notice), back(shortest + s.notice), back(s.lead + s.notice)
    if s.start < s.today:
        return Plan("start-past")
    if s.final is not None and s.final < search:
        search = s.final
    if s.interview is not None:
        if s.interview < s.today:
            return Plan("interview-past")
        soonest = s.interview - timedelta(weeks=s.weeks)
        longest = add_months(s.interview, -shortest) + timedelta(days=1)
        search = soonest if search > soonest else max(search, longest)
        interview = s.interview
    else:
        if latest < s.today:
            return Plan("too-late")
        search = max(search, s.today)
        interview = search + timedelta(weeks=s.weeks)
    if interview > offers:
        return Plan("interview-after-offers")
    if search > latest:
        return Plan("search-too-late")
    anchors = {"search-start": search, "first-interview": interview, "start-date": s.start}
    dates = {pid: shift(anchors[anchor], offset) for pid, anchor, offset in phases}
    dates |= {"interview": interview, "offers": offers, "start": s.start}
    if any(d > s.start for d in dates.values()):
        return Plan("after-start")
    return Plan(None, search, dates)


# The book's chain, in the words of the project's issue: year-before < three-months-before < search start
# <= week-before < day-before < first interview < afterwards <= target start. As (id, anchor, offset): the
# tests' own ids, so nothing here depends on the data of the day.
BOOK_CHAIN: Phases = [
    ("year-before", "first-interview", "-P1Y"),
    ("three-months-before", "first-interview", "-P3M"),
    ("search", "search-start", "P0D"),
    ("week-before", "first-interview", "-P1W"),
    ("day-before", "first-interview", "-P1D"),
    ("afterwards", "first-interview", "P1D"),
]
# The milestones as the rule places them: the interview is its own anchor; the start is the last date of all.
MILESTONE_ANCHORS = {"interview": ("first-interview", "P0D"), "start": ("start-date", "P0D")}


def rule_order(a: tuple[str, str], b: tuple[str, str], shortest: int = 3) -> str | None:
    """``"<"`` or ``"<="`` when every plan the rule makes dates ``a`` (anchor, offset) so before ``b``, else None.

    Only what the rule guarantees, from anchors and offsets alone, whatever the situation:
    - on one anchor, an offset no later in months and in days (and not the same) comes strictly first;
    - the search starts after the date ``shortest`` months before the first interview (the book's
      order: preparation first; true for a ``shortest`` of 3 months or more, as the form's 12 weeks
      to an interview are shorter) and no later than a week before it (at least one week to it);
    - nothing comes after the start date (checked apart: it is the plan's last date).
    """
    (anchor_a, offset_a), (anchor_b, offset_b) = a, b
    (ma, da), (mb, db) = parts(offset_a), parts(offset_b)
    if anchor_a == anchor_b:
        return "<" if (ma, da) != (mb, db) and ma <= mb and da <= db else None
    if (anchor_a, anchor_b) == ("first-interview", "search-start"):
        return "<" if ma <= -shortest and da <= 0 and mb >= 0 and db >= 0 else None
    if (anchor_a, anchor_b) == ("search-start", "first-interview"):
        return "<=" if ma <= 0 and da <= 0 and mb >= 0 and db >= -7 else None
    return None
