"""The order the dated plan puts the phases in, so the static timeline reads in the same order.

The browser's planner (docs/javascripts/plan.js) dates each phase for a reader's
own situation; the build only needs the order, which the plan's invariants fix:
preparation, then the search, then the interviews, then the start date. The
order is taken from one reference situation dated with the same rule.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from mlprep.data.fields import months_and_days
from mlprep.data.models import Anchor, Phase, Timeline

# This guide's assumption, not the book's: a first interview about four weeks after the first
# applications. The planner's form starts from it and says so; a reader can change it.
DEFAULT_INTERVIEW_WEEKS = 4

_REFERENCE_START = date(2030, 9, 1)


def shift(day: date, duration: str) -> date:
    """Months first, on the calendar (a day the month lacks becomes its last day), then days."""
    months, days = months_and_days(duration)
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    landed = date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))
    return landed + timedelta(days=days)


def in_date_order(timeline: Timeline) -> list[Phase]:
    """The phases sorted by their date in a reference plan; ties keep the data's order."""
    search = shift(_REFERENCE_START, "-" + timeline.lead_time.longest)
    anchors = {
        Anchor.SEARCH_START: search,
        Anchor.FIRST_INTERVIEW: search + timedelta(weeks=DEFAULT_INTERVIEW_WEEKS),
        Anchor.START_DATE: _REFERENCE_START,
    }
    return sorted(timeline.phases, key=lambda p: shift(anchors[p.anchor], p.offset))
