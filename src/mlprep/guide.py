"""Load the whole guide from ``data/``: parse, validate, cross-check, or fail with every problem."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .models import (
    BOOK,
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
from .problems import DataError, Problem
from .urls import duplicates as url_duplicates
from .validate import build
from .yamlsource import Document, Path_, load


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


def _claim_sources(guide: Guide) -> Iterator[Problem]:
    doc = guide.documents["stories.yml"]
    for i, story in enumerate(guide.stories.stories):
        ids = [w.id for w in story.writeups]
        yield from _duplicates(
            doc, ((("stories", i, "writeups", j, "id"), w) for j, w in enumerate(ids)), "write-up id"
        )
        for j, wid in enumerate(ids):
            if wid == BOOK:
                yield doc.problem(
                    ("stories", i, "writeups", j, "id"),
                    f"write-up id '{BOOK}' is kept for the book itself; pick another",
                )
        for path, claim in claims(story):
            if claim.source != BOOK and claim.source not in ids:
                known = ", ".join([BOOK, *ids])
                yield doc.problem(
                    ("stories", i, *path, "source"),
                    f"unknown source '{claim.source}'; use one of this story's sources: {known}",
                )


def _duplicates(doc: Document, items: Iterable[tuple[Path_, str]], what: str) -> Iterator[Problem]:
    first: dict[str, Path_] = {}
    for path, value in items:
        if value in first:
            line, _ = doc.where(first[value])
            yield doc.problem(path, f"duplicate {what} '{value}' (already used at line {line})")
        else:
            first[value] = path


def _cross_checks(guide: Guide) -> Iterator[Problem]:
    docs = guide.documents
    yield from _duplicates(
        docs["resources.yml"],
        ((("resources", i, "id"), r.id) for i, r in enumerate(guide.catalog.resources)),
        "resource id",
    )
    phases = guide.timeline.phases
    yield from _duplicates(
        docs["timeline.yml"], ((("phases", i, "id"), p.id) for i, p in enumerate(phases)), "phase id"
    )
    yield from _duplicates(
        docs["timeline.yml"],
        ((("phases", i, "tasks", j, "id"), t.id) for i, p in enumerate(phases) for j, t in enumerate(p.tasks)),
        "task id",
    )
    yield from _duplicates(
        docs["stories.yml"], ((("stories", i, "id"), s.id) for i, s in enumerate(guide.stories.stories)), "story id"
    )
    yield from _claim_sources(guide)
    for ref, (file, path), _ in _references(guide):
        if ref not in guide.resources:
            yield docs[file].problem(path, f"unknown resource id '{ref}'; add it to resources.yml or fix the id")
    yield from _duplicate_links(guide)


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


def _duplicate_links(guide: Guide) -> Iterator[Problem]:
    # Each page is linked once: a story cites a resource by id rather than repeating its URL.
    every = links(guide)
    for later, first in url_duplicates(url for *_, url in every):
        file, path, _, _ = every[later]
        first_file, first_path, label, _ = every[first]
        doc = guide.documents[first_file]
        line, _ = doc.where(first_path)
        hint = "; list its id in the story's resources instead" if first_file != file else ""
        yield guide.documents[file].problem(
            path, f"duplicate link: opens the same page as {label} ({doc.file}:{line}){hint}"
        )


def load_guide(data_dir: Path) -> Guide:
    """Read and validate every data file; raise DataError listing every problem."""
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    models = {}
    for name, model in DATA_FILES.items():
        # A data file must be in the project: a link elsewhere could publish any file's keys.
        doc, found = load(data_dir / name, display_name(data_dir / name), within=data_dir.parent)
        documents[name] = doc
        problems += found
        if not found:
            obj, found = build(doc, model)
            problems += found
            models[name] = obj
    if problems:
        raise DataError(problems)
    guide = Guide(models["resources.yml"], models["timeline.yml"], models["stories.yml"], documents)  # type: ignore[arg-type]
    problems = list(_cross_checks(guide))
    if problems:
        raise DataError(problems)
    return guide
