"""Turn a parsed document into a model, with every problem located in the file and said in the project's words.

A message names the entry it is about by its id and 1-based position, as a
contributor counts (``resource 'fastai' (entry 6): cost: ...``), and never
quotes the validation library ("Input should be ...").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from mlprep.data.fields import DURATION_PATTERN
from mlprep.data.problems import Problem
from mlprep.data.yaml_source import Document, Path_

# Friendlier words for the patterns that pydantic would otherwise quote.
PATTERN_HINTS = {
    "^[a-z0-9]+(?:-[a-z0-9]+)*$": "must be lowercase letters and digits joined by hyphens, like 'deep-learning'",
    DURATION_PATTERN: "must be an ISO 8601 duration such as -P3M (3 months before) or P1D",
}

# What one item of each list of entries is called in messages; an item of any other list is "item N".
ENTRY_NAMES = {
    "topics": "topic",
    "resources": "resource",
    "phases": "phase",
    "rules": "rule",
    "tasks": "task",
    "insights": "insight",
    "stories": "story",
    "writeups": "write-up",
}

# Errors that leave the value usable by the cross-checks: a tracked link still names its page.
USABLE_DESPITE = frozenset({"tracking_parameters"})

_DATE_ERRORS = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}


def shown(value: Any, limit: int = 60) -> str:
    """A value from the data, quoted for a message: short, one line, nothing a terminal would act on."""
    text = value if isinstance(value, str) else str(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    text = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)
    return f"'{text}'" if isinstance(value, str) else text


def _item(data: Any, index: int) -> Any:
    return data[index] if isinstance(data, list) and 0 <= index < len(data) else None


def place(data: Any, path: Path_) -> str:
    """Where ``path`` is, in words: ``("resources", 5, "url")`` → ``resource 'fastai' (entry 6): url``.

    Entries (the items of the lists named in ENTRY_NAMES) are named by id and 1-based
    position; below the innermost entry come its fields, a list item as "item N".
    """
    entries: list[str] = []
    fields: list[str] = []  # segments below the innermost entry, such as "gone.archive" or "background item 2"
    node = data
    for part in path:
        if isinstance(part, str):
            node = node.get(part) if isinstance(node, dict) else None
            if fields and " item " not in fields[-1]:
                fields[-1] += f".{part}"
            else:
                fields.append(part)
            continue
        node = _item(node, part)
        above, _, collection = fields[-1].rpartition(".") if fields else ("", "", "")
        if collection in ENTRY_NAMES and " item " not in collection and isinstance(node, dict):
            ident = node.get("id")
            kind, n = ENTRY_NAMES[collection], part + 1
            name = f"{kind} {shown(ident, 40)} (entry {n})" if isinstance(ident, str) else f"{kind} entry {n}"
            entries.append(": ".join([*fields[:-1], f"{above} {name}" if above else name]))
            fields = []
        elif fields:
            fields[-1] += f" item {part + 1}"
        else:
            fields.append(f"item {part + 1}")
    return ": ".join(x for x in (", ".join(entries), *fields) if x)


def at(data: Any, path: Path_, text: str) -> str:
    """``text`` after the place it is about."""
    where = place(data, path)
    return f"{where}: {text}" if where else text


def did_you_mean(value: Any, options: Iterable[str]) -> str | None:
    """The allowed value closest to ``value``: the same words written differently, else a near spelling."""
    options = list(options)
    if not isinstance(value, str):
        return None
    written = re.sub(r"[\s_]+", "-", value.strip().lower())
    if written in options:
        return written
    close = difflib.get_close_matches(written, options, n=1, cutoff=0.5)
    return close[0] if close else None


def not_one_of(value: Any, options: Iterable[str], what: str = "") -> str:
    """``'pay' is not one of: free, paid (did you mean 'paid'?)``."""
    options = list(options)
    if value is None:  # written with nothing after the colon
        return f"must be one of{what}: {', '.join(options)}"
    close = did_you_mean(value, options)
    hint = f" (did you mean '{close}'?)" if close else ""
    return f"{shown(value)} is not one of{what}: {', '.join(options)}{hint}"


def _field_names(model: type[BaseModel], path: Path_) -> list[str]:
    """Names of the fields of the model found at ``path`` below ``model``."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _what(error: Any, model: type[BaseModel], path: Path_) -> str:
    """The problem itself, without its place."""
    kind = error["type"]
    ctx = error.get("ctx", {})
    value = error.get("input")
    name = path[-1] if path else ""
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "extra_forbidden":
        known = _field_names(model, path[:-1])
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(known)})"
        return f"unknown field {shown(name)}{hint}"
    if kind == "enum":
        return not_one_of(value, re.findall(r"'([^']*)'", ctx.get("expected", "")))
    if kind == "string_pattern_mismatch":
        return PATTERN_HINTS.get(ctx.get("pattern", ""), f"{shown(value)} is not written as allowed")
    if kind in ("string_too_long", "too_long"):
        limit = ctx.get("max_length")
        unit, fix = ("characters", "shorten it") if kind == "string_too_long" else ("items", "remove some")
        return f"{len(value)} {unit}, more than the {limit} allowed; {fix}"
    if kind == "string_too_short":
        least = ctx.get("min_length", 1)
        return "must not be empty" if least == 1 else f"must be at least {_plural(least, 'character')} long"
    if kind == "too_short":
        return f"must list at least {_plural(ctx.get('min_length', 1), 'item')}"
    if kind == "model_type" and ctx.get("class_name") == "Claim":
        # A bare sentence about a person: the old shape, or a source forgotten.
        return "a statement about a person needs its source: write 'text:' and 'source:' (book or a write-up id)"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "must be a mapping of fields, one 'name: value' per line"
    if kind == "list_type":
        return "must be a list: [first, second] or one '- item' per line"
    if kind == "string_type":
        if value is None:  # written with nothing after the colon
            return "must not be empty"
        quote = "; put it in quotes" if isinstance(value, int | float | bool) else ""
        return f"must be text, not {shown(value)}{quote}"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false, not {shown(value)}"
    if kind in _DATE_ERRORS:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            return f"{shown(value)} is not a day of the calendar; check the month and the day"
        return f"must be a date written YYYY-MM-DD, such as 2026-11-25, not {shown(value)}"
    msg = str(error["msg"]).removeprefix("Value error, ")
    return f"{msg[0].lower()}{msg[1:]}" if msg else "not allowed here"


def _data_path(loc: tuple[int | str, ...], data: Any, *, missing: bool) -> Path_:
    """The error's location as keys and indexes of the data, without pydantic's internal steps.

    Steps such as ``function-after[...]`` are not in the data; a key is, whatever it holds
    (a key with "[" in it is still a key). A missing field is the one name not in the data.
    """
    path: list[int | str] = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif not (missing and i == len(loc) - 1):
            continue
        path.append(part)
    return tuple(path)


def message(error: Any, model: type[BaseModel], path: Path_, data: Any = None) -> str:
    """One pydantic error in a contributor's words, after the place it is about (found in ``data``)."""
    if error["type"] in ("missing", "extra_forbidden"):
        text = _what(error, model, path)
        if not path[:-1]:
            return f"{text} at the top level" if error["type"] == "missing" else text
        return at(data, path[:-1], text)
    return at(data, path, _what(error, model, path))


@dataclass(frozen=True)
class Checked:
    """A document checked against its model: the model when valid, the problems, and where they are."""

    model: BaseModel | None
    problems: list[Problem]
    unusable: frozenset[Path_]  # paths whose values failed: the cross-checks leave them alone

    def usable(self, path: Path_) -> bool:
        """Whether the value at ``path`` passed (nothing wrong at or below it)."""
        return not any(bad[: len(path)] == path for bad in self.unusable)


def check(doc: Document, model: type[BaseModel]) -> Checked:
    """Validate a document against its model, keeping every problem and where each is."""
    try:
        return Checked(model.model_validate(doc.data), [], doc.unread)
    except ValidationError as err:
        problems = []
        unusable = set(doc.unread)
        for error in err.errors():
            path = _data_path(error["loc"], doc.data, missing=error["type"] == "missing")
            # A rule over several fields names the one to fix (ctx 'at', a field name), so the problem is located on it.
            where = error.get("ctx", {}).get("at")
            path = (*path, where) if isinstance(where, str) else path
            if any(path[: len(u)] == u for u in doc.unread):
                continue  # the loader refused the value and said so
            if error["type"] not in USABLE_DESPITE:
                unusable.add(path)
            key = error["type"] == "extra_forbidden"
            problem_path = path[:-1] if error["type"] == "missing" else path
            problems.append(doc.problem(problem_path, message(error, model, path, doc.data), key=key))
        return Checked(None, problems, frozenset(unusable))


def build(doc: Document, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a document against its model; return the model or the problems."""
    checked = check(doc, model)
    return checked.model, checked.problems
