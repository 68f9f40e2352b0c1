"""The data the in-page tools read, and the size and self-containment of their scripts and styles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlprep.guide import load_guide
from mlprep.models import Timeline
from mlprep.render import LABELS, environment, render_block
from mlprep.widgets import duration_words, facets, search_phase

ROOT = Path(__file__).resolve().parents[1]
GUIDE = load_guide(ROOT / "data")
ASSETS = sorted([*(ROOT / "docs" / "javascripts").glob("*.js"), *(ROOT / "docs" / "stylesheets").glob("*.css")])


def _timeline_with(phases: list[dict[str, object]]) -> Timeline:
    raw = GUIDE.timeline.model_dump(mode="json")
    return Timeline.model_validate(raw | {"phases": phases})


def test_search_phase_is_the_first_start_date_phase_with_rules() -> None:
    phases = GUIDE.timeline.model_dump(mode="json")["phases"]
    plain = {**phases[0], "id": "plain", "rules": []}

    def found(phases: list[dict[str, object]]) -> str | None:
        phase = search_phase(_timeline_with(phases))
        return phase.id if phase else None

    assert found([plain, *phases]) == "when-to-start"
    assert found([plain, *phases[1:]]) == "plain"  # no rules anywhere: the first start-date phase
    assert found(phases[1:]) is None


@pytest.mark.parametrize(
    ("duration", "words"),
    [
        ("-P6M", "6 months"),
        ("-P1Y", "1 year"),
        ("P1D", "1 day"),
        ("-P1Y3M", "1 year and 3 months"),
        ("-P1Y2M1W3D", "1 year, 2 months, 1 week and 3 days"),
    ],
)
def test_duration_words(duration: str, words: str) -> None:
    assert duration_words(duration) == words


def test_facets_count_every_resource_and_offer_no_empty_option() -> None:
    resources = GUIDE.catalog.resources
    groups = {f.key: f for f in facets(GUIDE.catalog, LABELS)}
    assert list(groups) == ["type", "cost", "level", "topics"]
    for key in ("type", "cost", "level"):
        assert sum(o.count for o in groups[key].options) == len(resources)
    assert {o.value: o.count for o in groups["topics"].options} == {
        t: sum(t in r.topics for r in resources) for r in resources for t in r.topics
    }
    assert all(o.count > 0 for f in groups.values() for o in f.options)


def test_planner_block_states_the_rule_and_names_the_search_phase() -> None:
    html = render_block("planner", GUIDE, environment())
    assert "6 months" in html and "last day of that month" in html and "no later than" in html
    assert 'data-lead-phase="when-to-start"' in html
    # No inline script: the planner reads the phases the timeline block already shows.
    assert "<script" not in html


def test_timeline_sections_carry_the_anchor_and_offset_the_planner_reads() -> None:
    html = render_block("timeline", GUIDE, environment())
    for phase in GUIDE.timeline.phases:
        assert f'id="phase-{phase.id}" data-anchor="{phase.anchor.value}" data-offset="{phase.offset}"' in html


@pytest.mark.parametrize("asset", ASSETS, ids=lambda p: p.name)
def test_own_scripts_and_styles_are_small_and_load_nothing_remote(asset: Path) -> None:
    text = asset.read_text()
    assert len(text.encode()) < 15_000
    # No URL to anywhere: no import, fetch, font or image from another host.
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|fetch\(|XMLHttpRequest", text)
