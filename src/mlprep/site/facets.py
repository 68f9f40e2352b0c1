"""What the resource filters need from the data: the facets and their counts.

The browser scripts in ``docs/javascripts/`` are generic: the planner reads each
phase's ``data-anchor`` and ``data-offset`` from the timeline page and the filters
read each resource's ``data-*`` attributes, so adding or moving a phase, a
resource type or a topic in ``data/`` changes the tools with no script change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mlprep.data.models import Cost, Level, ResourceCatalog, ResourceType


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    key: str  # the data-* attribute on each resource and the URL parameter
    legend: str
    options: list[Option]


def facets(catalog: ResourceCatalog, labels: Mapping[str, Mapping[Any, str]]) -> list[Facet]:
    """The filter groups, each option with the number of resources that have it.

    ``labels`` are the page's own words for each value (template_helpers.LABELS), so the
    filters and the entries they filter say the same thing. Only values some
    resource uses are offered, so no option ever shows zero.
    """
    items = catalog.resources
    types = Counter(r.type for r in items)
    costs = Counter(r.cost for r in items)
    levels = Counter(r.level for r in items)
    topics = Counter(t for r in items for t in r.topics)
    return [
        Facet("type", "Type", [Option(t.value, labels["type_plural"][t], types[t]) for t in ResourceType if types[t]]),
        Facet("cost", "Cost", [Option(c.value, labels["cost"][c], costs[c]) for c in Cost if costs[c]]),
        Facet("level", "Level", [Option(v.value, labels["level"][v], levels[v]) for v in Level if levels[v]]),
        # Topics in the order and with the labels of the file's topic list.
        Facet("topics", "Topic", [Option(t.id, t.label, topics[t.id]) for t in catalog.topics if topics[t.id]]),
    ]
