"""The data the in-page tools read, and the size and self-containment of their scripts and styles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlprep.data.load import load_guide
from mlprep.site.facets import facets
from mlprep.site.render import environment, render_block
from mlprep.site.template_helpers import LABELS

ROOT = Path(__file__).resolve().parents[1]
GUIDE = load_guide(ROOT / "data")
ASSETS = sorted([*(ROOT / "docs" / "javascripts").glob("*.js"), *(ROOT / "docs" / "stylesheets").glob("*.css")])


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


def test_planner_block_states_the_rule_and_offers_the_books_lead_time_range() -> None:
    html = render_block("planner", GUIDE, environment())
    lead = GUIDE.timeline.lead_time
    assert f'data-lead-shortest="{lead.shortest_months}" data-lead-longest="{lead.longest_months}"' in html
    options = re.findall(r'<option value="(\d+)"', html)
    assert options == [str(m) for m in range(lead.shortest_months, lead.longest_months + 1)]
    assert f"{lead.shortest_months} to {lead.longest_months} months" in html
    assert "last day of that month" in html and "no later than" in html
    assert "not the book's" in html, "the interview wait is labelled as this guide's assumption"
    # No inline script: the planner reads the phases the timeline block already shows.
    assert "<script" not in html


def test_timeline_sections_carry_the_anchor_and_offset_the_planner_reads() -> None:
    html = render_block("timeline", GUIDE, environment())
    for phase in GUIDE.timeline.phases:
        assert f'id="phase-{phase.id}" data-anchor="{phase.anchor.value}" data-offset="{phase.offset}"' in html
        repeats = re.search(f'id="phase-{phase.id}"[^>]*data-each-interview="true"', html)
        assert bool(repeats) == phase.each_interview


@pytest.mark.parametrize("asset", ASSETS, ids=lambda p: p.name)
def test_own_scripts_and_styles_are_small_and_load_nothing_remote(asset: Path) -> None:
    text = asset.read_text()
    assert len(text.encode()) < 15_000
    # The SVG namespace is a name for createElementNS, never fetched.
    text = text.replace('"http://www.w3.org/2000/svg"', "SVG_NS")
    # No URL to anywhere: no import, fetch, font or image from another host.
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|fetch\(|XMLHttpRequest", text)
