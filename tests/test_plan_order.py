"""The static timeline lists the phases in the order the plan dates them, whatever their order in the data."""

from __future__ import annotations

import random
from datetime import date

import pytest

from mlprep.data.fields import months_and_days
from mlprep.data.load import load_guide
from mlprep.data.models import Timeline
from mlprep.site.phase_order import in_date_order, shift
from tests.support.project import ROOT

CORPUS_TIMELINE = load_guide(ROOT / "tests" / "corpus" / "base").timeline


def _timeline(phases: list[tuple[str, str, str]]) -> Timeline:
    raw = CORPUS_TIMELINE.model_dump(mode="json")
    template = raw["phases"][0]
    return Timeline.model_validate(
        raw | {"phases": [template | {"id": i, "anchor": a, "offset": o, "rules": []} for i, a, o in phases]}
    )


# The book's chain: preparation before the search, the week and the day before the interview, afterwards.
CHAIN = [
    ("year", "first-interview", "-P1Y"),
    ("quarter", "first-interview", "-P3M"),
    ("search", "search-start", "P0D"),
    ("week", "first-interview", "-P1W"),
    ("day", "first-interview", "-P1D"),
    ("after", "first-interview", "P1D"),
    ("job", "start-date", "P0D"),
]


@pytest.mark.parametrize("seed", range(5))
def test_any_data_order_gives_the_plans_order(seed: int) -> None:
    shuffled = CHAIN[:]
    random.Random(seed).shuffle(shuffled)
    assert [p.id for p in in_date_order(_timeline(shuffled))] == [i for i, _, _ in CHAIN]


def test_moving_a_phase_in_the_data_moves_it_on_the_page() -> None:
    moved = [("week", "first-interview", "-P4M") if p[0] == "week" else p for p in CHAIN]
    assert [p.id for p in in_date_order(_timeline(moved))] == [
        "year",
        "week",
        "quarter",
        "search",
        "day",
        "after",
        "job",
    ]


def test_ties_keep_the_data_order() -> None:
    tied = [("b", "search-start", "P0D"), ("a", "search-start", "P0D")]
    assert [p.id for p in in_date_order(_timeline(tied))] == ["b", "a"]


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (date(2028, 8, 31), "-P6M", date(2028, 2, 29)),
        (date(2027, 8, 31), "-P6M", date(2027, 2, 28)),
        (date(2028, 2, 29), "-P1Y", date(2027, 2, 28)),
        (date(2027, 1, 31), "P1M1D", date(2027, 3, 1)),
        (date(2027, 3, 1), "-P1W1D", date(2027, 2, 21)),
    ],
)
def test_shift_counts_months_on_the_calendar_then_days(start: date, duration: str, expected: date) -> None:
    assert shift(start, duration) == expected


def test_a_malformed_duration_is_refused() -> None:
    with pytest.raises(ValueError):
        months_and_days("3 months")
