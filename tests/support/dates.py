"""The planner's date rule, written again in Python so the browser tests check the page against it.

Kept apart from the page's script on purpose: a test that reused the script's
arithmetic would agree with any bug in it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from mlprep.models import Timeline

_DURATION = re.compile(r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


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


def expected_plan(
    timeline: Timeline, start: date, *, notice: int = 0, visa: int = 0, final: date | None = None
) -> dict[str, date]:
    """Each phase id's date, plus "start-date", by the rule written on the page."""
    search_phase = next(p for p in timeline.phases if p.rules)
    months, days = parts(search_phase.offset)
    search = add_months(start, months - notice) + timedelta(days=days - 7 * visa)
    if final is not None and final < search:
        search = final
    anchors = {"start-date": start, "first-interview": search}
    plan = {p.id: search if p is search_phase else shift(anchors[p.anchor.value], p.offset) for p in timeline.phases}
    return plan | {"start-date": start}
