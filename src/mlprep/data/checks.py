"""The rules between entries and between files, checked over the parsed data.

They run in the same pass as the models, even when some entries fail theirs,
so that a contributor sees every problem at once: an entry missing a field
whose link repeats another's hears about both. Each rule reads only values
that passed their model (a tracked link still names its page), so nothing is
reported twice; and a rule that would have to guess, such as which resource a
citation meant when some resource has no valid id, waits for that fix.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from mlprep.data.models import BOOK, Claim, Figure, Story, Topic
from mlprep.data.problems import Problem
from mlprep.data.urls import duplicates as url_duplicates
from mlprep.data.validate import Checked, at, did_you_mean, not_one_of, place, shown
from mlprep.data.yaml_source import Document, Path_

Pattern = tuple[str | int, ...]  # a path where "*" stands for every item of a list

# Where the timeline and the stories cite resources by id; tests check these against the models' walk.
REFERENCES: dict[str, list[Pattern]] = {
    "timeline.yml": [
        ("phases", "*", "tasks", "*", "resources", "*"),
        ("insights", "*", "resources", "*"),
        ("caution", "resources", "*"),
    ],
    "stories.yml": [("stories", "*", "resources", "*"), ("insights", "*", "resources", "*")],
}
# Every entry that links out: its links must not open the same page twice.
LINKS: list[tuple[str, Pattern]] = [
    ("resources.yml", ("resources", "*", "url")),
    ("stories.yml", ("stories", "*", "writeups", "*", "url")),
]


def _mentions(annotation: Any, kinds: tuple[type, ...]) -> bool:
    return annotation in kinds or any(_mentions(a, kinds) for a in typing.get_args(annotation))


# The story fields that hold statements about the person, each with its source: read off the model.
CLAIM_FIELDS = [name for name, f in Story.model_fields.items() if _mentions(f.annotation, (Claim, Figure))]


class View:
    """One file's parsed data, handing out only the values that passed their model."""

    def __init__(self, doc: Document, checked: Checked) -> None:
        self.doc, self.data, self.checked = doc, doc.data, checked

    def get(self, path: Path_) -> Any:
        node = self.data
        for part in path:
            if isinstance(part, int):
                node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            else:
                node = node.get(part) if isinstance(node, dict) else None
        return node

    def paths(self, pattern: Pattern) -> Iterator[Path_]:
        """Every written path that ``pattern`` matches, in file order."""
        found: list[Path_] = [()]
        for part in pattern:
            step: list[Path_] = []
            for path in found:
                node = self.get(path)
                if part == "*":
                    step += [(*path, i) for i in range(len(node))] if isinstance(node, list) else []
                elif (isinstance(node, dict) and part in node) or (
                    isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
                ):
                    step.append((*path, part))
            found = step
        yield from found

    def text(self, path: Path_) -> str | None:
        """The text at ``path`` when it passed its model; else None."""
        value = self.get(path)
        return value if isinstance(value, str) and self.checked.usable(path) else None

    def texts(self, pattern: Pattern) -> Iterator[tuple[Path_, str]]:
        for path in self.paths(pattern):
            if (value := self.text(path)) is not None:
                yield path, value

    def ids(self, pattern: Pattern) -> list[str] | None:
        """The ids at ``pattern`` (a list's path, then "*", "id").

        None when the set is not known: the list is not written as one, or some entry has no valid id.
        """
        if not isinstance(self.get(pattern[:-2]), list):
            return None
        entries = list(self.paths(pattern[:-1]))
        found = [self.text((*path, pattern[-1])) for path in entries]
        return None if any(i is None for i in found) else list(dict.fromkeys(i for i in found if i is not None))

    def name(self, entry: Path_, near: Path_ = ()) -> str:
        """The entry at ``entry`` in words, leaving out the entries it shares with ``near`` (its story, say)."""
        common = 0
        while common < min(len(entry), len(near)) and entry[common] == near[common]:
            common += 1
        common -= common % 2  # entries sit at (list, index) pairs
        return place(self.get(entry[:common]), entry[common:])

    def problem(self, path: Path_, text: str) -> Problem:
        return self.doc.problem(path, at(self.data, path, text))


def _unique(view: View, pattern: Pattern, within: Path_ = ()) -> Iterator[Problem]:
    """Each id at ``pattern`` (below ``within``) written once."""
    first: dict[str, Path_] = {}
    for path, value in view.texts((*within, *pattern)):
        if value in first:
            line, _ = view.doc.where(first[value])
            yield view.problem(
                path, f"already used by {view.name(first[value][:-1], near=path)} at line {line}; pick another"
            )
        else:
            first[value] = path


def _topics(view: View) -> Iterator[Problem]:
    yield from _unique(view, ("topics", "*", "id"))
    known = view.ids(("topics", "*", "id"))
    if not known:
        return  # no topic list to check against yet: its own problems come first
    for path, topic in view.texts(("resources", "*", "topics", "*")):
        if topic not in known:
            yield view.problem(path, unknown_topic(topic, known))


def unknown_topic(topic: str, known: list[str]) -> str:
    """Why a topic is refused, with the nearest one or the whole list."""
    close = did_you_mean(topic, known)
    hint = f"did you mean '{close}'?" if close else f"allowed: {', '.join(known)}"
    return f"unknown topic {shown(topic)} ({hint})"


def _claim_sources(view: View) -> Iterator[Problem]:
    for story in view.paths(("stories", "*")):
        yield from _unique(view, ("writeups", "*", "id"), within=story)
        for path, wid in view.texts((*story, "writeups", "*", "id")):
            if wid == BOOK:
                yield view.problem(path, f"'{BOOK}' is kept for the book itself; pick another")
        ids = view.ids((*story, "writeups", "*", "id"))
        if ids is None:
            continue  # a write-up without a valid id may be the one a claim means
        for name in CLAIM_FIELDS:
            claims = [(*story, name)] if isinstance(view.get((*story, name)), dict) else view.paths((*story, name, "*"))
            for claim in claims:
                source = view.text((*claim, "source"))
                if source is not None and source != BOOK and source not in ids:
                    sources = [BOOK, *ids]
                    yield view.problem((*claim, "source"), not_one_of(source, sources, " this story's sources"))


def _references(views: Mapping[str, View]) -> Iterator[Problem]:
    known = views["resources.yml"].ids(("resources", "*", "id")) if "resources.yml" in views else None
    if known is None:
        return  # the catalog is unreadable or some resource has no valid id: any citation may mean it
    for file, patterns in REFERENCES.items():
        if file not in views:
            continue
        for pattern in patterns:
            for path, ref in views[file].texts(pattern):
                if ref not in known:
                    close = did_you_mean(ref, known)
                    hint = f" (did you mean '{close}'?)" if close else ""
                    text = f"unknown resource id {shown(ref)}{hint}; add it to resources.yml or fix the id"
                    yield views[file].problem(path, text)


def _duplicate_links(views: Mapping[str, View]) -> Iterator[Problem]:
    # Each page is linked once: a story cites a resource by id rather than repeating its URL.
    every = [(file, path, url) for file, pattern in LINKS if file in views for path, url in views[file].texts(pattern)]
    for later, first in url_duplicates(url for *_, url in every):
        file, path, _ = every[later]
        first_file, first_path, _ = every[first]
        first_view = views[first_file]
        line, _ = first_view.doc.where(first_path)
        label = place(first_view.data, first_path[:-1])
        hint = "; list its id in the story's resources instead" if first_file != file else ""
        yield views[file].problem(
            path, f"duplicate link: opens the same page as {label} at {first_view.doc.file}:{line}{hint}"
        )


def cross_checks(files: Iterable[tuple[str, Document, Checked]]) -> Iterator[Problem]:
    """Every problem between entries and files; ``files`` are the data files whose data could be read."""
    views = {name: View(doc, checked) for name, doc, checked in files}
    if (catalog := views.get("resources.yml")) is not None:
        yield from _unique(catalog, ("resources", "*", "id"))
        yield from _topics(catalog)
    if (timeline := views.get("timeline.yml")) is not None:
        yield from _unique(timeline, ("phases", "*", "id"))
        yield from _unique(timeline, ("phases", "*", "tasks", "*", "id"))
    if (stories := views.get("stories.yml")) is not None:
        yield from _unique(stories, ("stories", "*", "id"))
        yield from _claim_sources(stories)
    yield from _references(views)
    yield from _duplicate_links(views)


def vocabulary(data: Any) -> list[Topic]:
    """The valid entries of a resources file's topic list, read from its parsed data."""
    topics = data.get("topics") if isinstance(data, dict) else None
    found = []
    for item in topics if isinstance(topics, list) else []:
        try:
            found.append(Topic.model_validate(item))
        except ValidationError:
            continue  # the validator reports it
    return found


def topic_labels(data: Any) -> dict[str, str]:
    """A resources file's topics as id → label."""
    return {t.id: t.label for t in vocabulary(data)}
