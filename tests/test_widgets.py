"""The data the in-page tools read, and the size and self-containment of their scripts and styles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mlprep.guide import load_guide
from mlprep.models import Timeline
from mlprep.render import LABELS, environment, render_block
from mlprep.widgets import duration_words, facets, json_script, plan_data, search_phase

ROOT = Path(__file__).resolve().parents[1]
GUIDE = load_guide(ROOT / "data")
ASSETS = sorted([*(ROOT / "docs" / "javascripts").glob("*.js"), *(ROOT / "docs" / "stylesheets").glob("*.css")])


@pytest.mark.parametrize("value", ["</script><script>alert(1)</script>", "<!-- x", "a & b > c", "line\u2028sep"])
def test_json_script_cannot_close_its_element_and_reads_back(value: str) -> None:
    text = str(json_script({"text": value}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"text": value}


def test_plan_data_has_every_phase_and_task_in_data_order() -> None:
    data = plan_data(GUIDE.timeline)
    assert [p["id"] for p in data["phases"]] == [p.id for p in GUIDE.timeline.phases]
    assert data["search"] == "when-to-start"
    first = data["phases"][0]
    assert (first["anchor"], first["offset"]) == ("start-date", "-P6M")
    assert first["rules"] == ["us-lead-time", "student", "notice-period", "visa"]
    assert sum(len(p["tasks"]) for p in data["phases"]) == sum(len(p.tasks) for p in GUIDE.timeline.phases)


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


def test_planner_block_states_the_rule_and_embeds_the_data() -> None:
    html = render_block("planner", GUIDE, environment())
    assert "6 months" in html and "last day of that month" in html and "no later than" in html
    found = re.search(r'<script type="application/json" id="guide-plan-data">(.*?)</script>', html)
    assert found and json.loads(found.group(1)) == plan_data(GUIDE.timeline)


@pytest.mark.parametrize("asset", ASSETS, ids=lambda p: p.name)
def test_own_scripts_and_styles_are_small_and_load_nothing_remote(asset: Path) -> None:
    text = asset.read_text()
    assert len(text.encode()) < 15_000
    # No URL to anywhere: no import, fetch, font or image from another host.
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|fetch\(|XMLHttpRequest", text)
