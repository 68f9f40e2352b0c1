"""Data for the in-page tools: the planner's phases and the resource filters' facets.

The browser scripts in ``docs/javascripts/`` are generic; everything they know
about the guide comes from here, so adding or moving a phase, a resource type or
a topic in ``data/`` changes the tools with no script change.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .models import Cost, Level, Phase, ResourceCatalog, ResourceType, Timeline

# Inside <script> only "</script" and "<!--" can end or confuse the element; escaping
# <, > and & (and the JS line separators) makes any JSON text safe there.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_script(value: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` element, unable to close it."""
    return Markup(json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE))


def search_phase(timeline: Timeline) -> Phase | None:
    """The phase that says when the search begins: the first start-date phase with rules.

    Its offset is the usual lead time; the planner pushes it earlier for a notice
    period, a visa, or a student's final year (see the page text and README).
    """
    anchored = [p for p in timeline.phases if p.anchor.value == "start-date"]
    return next((p for p in anchored if p.rules), anchored[0] if anchored else None)


def plan_data(timeline: Timeline) -> dict[str, Any]:
    """What the planner needs: every phase's anchor, offset, words and tasks, in data order."""
    found = search_phase(timeline)
    return {
        "search": found.id if found else None,
        "phases": [
            {
                "id": p.id,
                "title": p.title,
                "when": p.when,
                "anchor": p.anchor.value,
                "offset": p.offset,
                "summary": p.summary,
                "rules": [r.id for r in p.rules],
                "tasks": [{"id": t.id, "text": t.text} for t in p.tasks],
            }
            for p in timeline.phases
        ],
    }


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

    ``labels`` are the page's own words for each value (render.LABELS), so the
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
        Facet("topics", "Topic", [Option(t, t.replace("-", " "), topics[t]) for t in sorted(topics)]),
    ]


_UNITS = (("Y", "year"), ("M", "month"), ("W", "week"), ("D", "day"))


def duration_words(duration: str) -> str:
    """An ISO 8601 duration in words, without its sign: ``-P1Y3M`` is "1 year and 3 months"."""
    body = duration.lstrip("-").removeprefix("P")
    parts: list[str] = []
    for unit, word in _UNITS:
        number, sep, rest = body.partition(unit)
        if sep:
            parts.append(f"{int(number)} {word}{'' if int(number) == 1 else 's'}")
            body = rest
    return " and ".join(filter(None, [", ".join(parts[:-1]), parts[-1]])) if parts else "no time"
