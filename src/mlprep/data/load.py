"""Load the whole guide from ``data/``: parse, validate, cross-check, or fail with every problem."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mlprep.data.checks import cross_checks
from mlprep.data.models import (
    DATA_FILES,
    Claim,
    Figure,
    Resource,
    ResourceCatalog,
    Story,
    StoryCollection,
    Timeline,
    Writeup,
)
from mlprep.data.problems import DataError, Problem
from mlprep.data.read import load, parse_text
from mlprep.data.validate import Checked, check
from mlprep.data.yaml_source import Document, Path_


@dataclass(frozen=True)
class Citation:
    """A place in the guide that cites a resource: which page, which anchor, what to call it."""

    page: str
    anchor: str
    label: str


@dataclass(frozen=True)
class Guide:
    catalog: ResourceCatalog
    timeline: Timeline
    stories: StoryCollection
    documents: dict[str, Document]
    resources: dict[str, Resource] = field(init=False)
    citations: dict[str, list[Citation]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "resources", {r.id: r for r in self.catalog.resources})
        cited: dict[str, list[Citation]] = {}
        for ref, _path, citation in _references(self):
            places = cited.setdefault(ref, [])
            if citation not in places:
                places.append(citation)
        object.__setattr__(self, "citations", cited)


def display_name(path: Path) -> str:
    """The file name used in messages: relative to the working directory when inside it."""
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def _references(guide: Guide) -> Iterator[tuple[str, tuple[str, Path_], Citation]]:
    """Every resource id cited by the timeline and the stories, with where it is written."""
    for i, phase in enumerate(guide.timeline.phases):
        here = Citation("timeline.md", phase.id, phase.title)
        for j, task in enumerate(phase.tasks):
            for k, ref in enumerate(task.resources):
                yield ref, ("timeline.yml", ("phases", i, "tasks", j, "resources", k)), here
    for name, insights in (("insights", guide.timeline.insights), ("caution", [guide.timeline.caution])):
        for i, insight in enumerate(insights):
            path: Path_ = (name,) if name == "caution" else (name, i)
            for k, ref in enumerate(insight.resources):
                yield ref, ("timeline.yml", (*path, "resources", k)), Citation("timeline.md", insight.id, insight.title)
    for i, story in enumerate(guide.stories.stories):
        for k, ref in enumerate(story.resources):
            yield ref, ("stories.yml", ("stories", i, "resources", k)), Citation("stories.md", story.id, story.person)
    for i, insight in enumerate(guide.stories.insights):
        for k, ref in enumerate(insight.resources):
            yield (
                ref,
                ("stories.yml", ("insights", i, "resources", k)),
                Citation("stories.md", insight.id, insight.title),
            )


def claims(story: Story) -> Iterator[tuple[Path_, Claim | Figure]]:
    """Every statement a story makes about its person, with its path inside the story."""
    if story.role is not None:
        yield ("role",), story.role
    groups: list[tuple[str, Sequence[Claim | Figure]]] = [
        ("background", story.background),
        ("journey", story.journey),
        ("recommends", story.recommends),
        ("setbacks", story.setbacks),
        ("outcome", story.outcome),
        ("figures", story.figures),
    ]
    for name, items in groups:
        for i, claim in enumerate(items):
            yield (name, i), claim


def entries(guide: Guide) -> Iterator[tuple[str, Path_, str, Resource | Writeup]]:
    """Every entry that links out, resources and write-ups: (file, path, what to call it, the entry)."""
    for i, r in enumerate(guide.catalog.resources):
        yield "resources.yml", ("resources", i), f"resource '{r.id}'", r
    for i, story in enumerate(guide.stories.stories):
        for j, w in enumerate(story.writeups):
            yield "stories.yml", ("stories", i, "writeups", j), f"the write-up in story '{story.id}'", w


def links(guide: Guide) -> list[tuple[str, Path_, str, str]]:
    """Every resource and write-up link: (file, path, what to call its entry, url)."""
    return [(file, (*path, "url"), label, e.url) for file, path, label, e in entries(guide) if e.url]


def load_guide(data_dir: Path, texts: Mapping[str, str] | None = None) -> Guide:
    """Read and validate every data file; raise DataError listing every problem.

    Each file that can be read is checked against its model, and the rules between
    entries and files run over what passed, in the same pass: one run reports everything.
    ``texts`` stands in for some files (name → text), so a change is checked before it is written.
    """
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    read: list[tuple[str, Document, Checked]] = []
    for name, model in DATA_FILES.items():
        shown = display_name(data_dir / name)
        if texts is not None and name in texts:
            doc, found = parse_text(texts[name], shown)
        else:  # a data file must be in the project: a link elsewhere could publish any file's keys
            doc, found = load(data_dir / name, shown, within=data_dir.parent)
        documents[name] = doc
        problems += found
        if doc.data is not None or not found:  # a file that says nothing at all ("---") fails its model
            checked = check(doc, model)
            problems += checked.problems
            read.append((name, doc, checked))
    problems += cross_checks(read)
    if problems:
        raise DataError(problems)
    models = {name: checked.model for name, _, checked in read}
    return Guide(models["resources.yml"], models["timeline.yml"], models["stories.yml"], documents)  # type: ignore[arg-type]
