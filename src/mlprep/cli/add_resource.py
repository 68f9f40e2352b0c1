"""Add a resource to data/resources.yml from flags or prompts: validated, deduplicated, in the file's style.

Flags and prompts are made from the model's fields, so a new field appears here
without an edit. Exit codes: 0 added, 1 refused (invalid, duplicate, or the data
already has problems), 2 usage error.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TextIO, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from mlprep.cli.check_data import check
from mlprep.data.checks import topic_labels, unknown_topic
from mlprep.data.file_write import WriteRefused, locked, read_text, write_text
from mlprep.data.load import Guide, display_name, links, load_guide
from mlprep.data.models import Resource
from mlprep.data.problems import DataError
from mlprep.data.read import load
from mlprep.data.schemas import allowed_values
from mlprep.data.urls import normalise
from mlprep.data.validate import message
from mlprep.data.yaml_write import FlowList, insert

# One typed value per flag or prompt: a nested mapping (``gone``, for a link found dead later) is
# not part of adding a resource.
FIELDS = {
    name: field
    for name, field in Resource.model_fields.items()
    if not any(isinstance(arg, type) and issubclass(arg, BaseModel) for arg in get_args(field.annotation))
}
_SCHEMA = Resource.model_json_schema()


class Refused(Exception):
    """The entry cannot be added; the message says why and where."""


def _enum(name: str) -> type[Enum] | None:
    ann = FIELDS[name].annotation
    return ann if isinstance(ann, type) and issubclass(ann, Enum) else None


def _convert(name: str, raw: str) -> Any:
    """Text typed by a person → the field's value: lists split on commas only, blank optional → None.

    Spaces stay inside an item: "ml systems" is one (unknown) topic, refused with its nearest, not two.
    """
    raw = raw.strip()
    if get_origin(FIELDS[name].annotation) is list:
        return [t.strip() for t in raw.split(",") if t.strip()]
    return raw or None


def topic_list(data_dir: Path) -> dict[str, str]:
    """The topics a resource may list (id → label), as written in the data's resources file."""
    doc, _ = load(data_dir / "resources.yml")
    return topic_labels(doc.data)


def _topic_errors(value: Any, topics: dict[str, str]) -> list[str]:
    if not topics or not isinstance(value, list):
        return []  # no topic list to check against: the data's own problems come first
    return [f"topics: {unknown_topic(t, list(topics))}" for t in value if isinstance(t, str) and t not in topics]


def errors(data: dict[str, Any], topics: dict[str, str] | None = None) -> list[str]:
    """Why the values are not a valid resource, in the validator's words; ``topics`` are the allowed ones."""
    for name, value in data.items():
        for text in value if isinstance(value, list) else [value]:
            try:
                str(text).encode("utf-8")
            except UnicodeEncodeError:  # such as bytes a terminal could not decode
                return [f"{name}: holds characters that cannot be saved as UTF-8"]
    found = _topic_errors(data.get("topics"), topics or {})
    try:
        Resource.model_validate(data)
    except ValidationError as err:
        found = [
            message(e, Resource, tuple(p for p in e["loc"] if isinstance(p, int) or "[" not in str(p)))
            for e in err.errors()
        ] + found
    return found


def duplicates(guide: Guide, rid: Any, url: Any) -> list[str]:
    """Why an entry with this id and link would repeat one already in the guide, naming it and its line."""
    found = []
    if isinstance(rid, str) and rid in guide.resources:
        i = [r.id for r in guide.catalog.resources].index(rid)
        line, _ = guide.documents["resources.yml"].where(("resources", i))
        found.append(f"id '{rid}' is already used by the entry at {guide.documents['resources.yml'].file}:{line}")
    if isinstance(url, str) and url:
        for file, path, label, other in links(guide):
            if normalise(other) == normalise(url):
                doc = guide.documents[file]
                line, _ = doc.where(path[:-1])  # the entry that holds the link
                found.append(f"the link {url} opens the same page as {label} ({doc.file}:{line})")
    return found


def add(data_dir: Path, resource: Resource, *, dry_run: bool = False) -> tuple[str, int]:
    """Insert the entry; return the new file text and the entry's line. Raises Refused.

    Reading, checking and writing happen under one lock on the data folder, so
    concurrent runs each add their entry; the write is atomic, so an interrupted
    run leaves the file as it was.
    """
    with locked(data_dir):
        try:
            guide = load_guide(data_dir)
        except DataError as err:
            listed = "\n".join(map(str, err.problems))
            raise Refused("the data already has problems; fix them first:\n" + listed) from None
        if found := duplicates(guide, resource.id, resource.url):
            raise Refused("\n".join(f"not added: {d}" for d in found))
        path = data_dir / "resources.yml"
        old, newline = read_text(path)
        try:
            new, line = insert(old, resource)
        except FlowList:
            raise Refused(
                f"{display_name(path)}: 'resources' is written as a flow list [...]; write one entry per "
                "line ('- id: ...') to add to it"
            ) from None
        if dry_run:
            return new, line
        try:
            write_text(path, new, newline)
        except (WriteRefused, OSError) as err:
            raise Refused(f"not added: {err}") from None
        if problems := check(data_dir):  # never expected: the entry was validated; put the file back
            write_text(path, old, newline)
            raise Refused("the new entry did not validate; nothing was changed:\n" + "\n".join(map(str, problems)))
        return new, line


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-")


def _check_one(name: str, value: Any, topics: dict[str, str]) -> str | None:
    """The problem with one field's value, in the validator's words, or None."""
    field = FIELDS[name]
    if value is None:
        return f"{name}: required; type a value"
    kind: Any = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
    try:
        TypeAdapter(kind).validate_python(value)
    except ValidationError as err:
        return message(err.errors()[0], Resource, (name,))
    return next(iter(_topic_errors(value, topics)), None) if name == "topics" else None


def _allowed(name: str, topics: dict[str, str]) -> str:
    if name == "topics" and topics:
        listed = "".join(f"\n  {topic:<24} {label}" for topic, label in topics.items())
        return f"1 to {_SCHEMA['properties'][name]['maxItems']} of these, separated by commas:{listed}\n"
    return allowed_values(_SCHEMA["properties"][name], _SCHEMA.get("$defs", {})) + "."


def prompt(
    values: dict[str, Any], ask: Callable[[str], str], out: TextIO, topics: dict[str, str] | None = None
) -> dict[str, Any]:
    """Ask for each field not given, showing what it allows; ask again until the value is valid."""
    topics = topics or {}
    order = ["title", *(n for n in FIELDS if n != "title")]  # the title suggests the id
    for name in order:
        field = FIELDS[name]
        if name in values:
            continue
        default = _slug(values.get("title", "")) if name == "id" else ""
        optional = "" if field.is_required() else " Optional: leave blank to skip."
        print(f"{name}: {field.description or ''} Allowed: {_allowed(name, topics)}{optional}", file=out)
        while True:
            value = _convert(name, ask(f"{name}{f' [{default}]' if default else ''}: ") or default)
            if value is None and not field.is_required():
                break
            if problem := _check_one(name, value, topics):
                print(f"  {problem}", file=out)
                continue
            values[name] = value
            break
    return values


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="add_resource.py", description="Add a resource to data/resources.yml.")
    for name, field in FIELDS.items():
        enum = _enum(name)
        # No argparse choices: a wrong value is refused with the validator's words and its nearest value.
        values = [e.value for e in enum] if enum else []
        p.add_argument(
            f"--{name}",
            metavar="{" + ",".join(values) + "}" if values else None,
            help=(field.description or "")
            + {
                "topics": " Topic ids from the topics list of data/resources.yml, separated by commas.",
                "id": " Default: the title, in words joined by hyphens.",
            }.get(name, ""),
        )
    p.add_argument("--data-dir", type=Path, default=Path("data"), help="the data folder (default: data)")
    p.add_argument("--dry-run", action="store_true", help="print the entry; change nothing")
    p.add_argument("--no-input", action="store_true", help="never prompt; a missing required field is an error")
    return p


def main(
    argv: list[str] | None = None,
    *,
    ask: Callable[[str], str] = input,
    interactive: bool | None = None,
    out: TextIO = sys.stdout,
) -> int:
    p = parser()
    args = p.parse_args(argv)
    values = {n: _convert(n, getattr(args, n)) for n in FIELDS if getattr(args, n) is not None}
    values = {n: v for n, v in values.items() if v is not None}
    prompting = not args.no_input and (sys.stdin.isatty() if interactive is None else interactive)
    if not prompting and "id" not in values and values.get("title"):
        values["id"] = _slug(values["title"]) or None  # prompts suggest it instead
    missing = [n for n, f in FIELDS.items() if f.is_required() and n not in values]
    if missing and not prompting:
        p.error("missing " + ", ".join(f"--{n}" for n in missing))
    if not (args.data_dir / "resources.yml").is_file():
        p.error(f"{args.data_dir / 'resources.yml'} not found")
    topics = topic_list(args.data_dir)
    if missing:
        try:
            values = prompt(values, ask, out, topics)
        except (EOFError, KeyboardInterrupt):
            print("\ncancelled; nothing was changed", file=out)
            return 1
    if problems := errors(values, topics):
        try:  # every reason at once: a link with tracking parameters may also repeat one the guide has
            problems += duplicates(load_guide(args.data_dir), values.get("id"), values.get("url"))
        except DataError:
            pass  # add() would refuse it for the data's own problems; the values' come first
        print("\n".join(f"not added: {m}" for m in problems), file=out)
        return 1
    resource = Resource.model_validate(values)
    try:
        new, line = add(args.data_dir, resource, dry_run=args.dry_run)
    except Refused as err:
        print(err, file=out)
        return 1
    shown = display_name(args.data_dir / "resources.yml")
    if args.dry_run:
        entry = "\n".join(new.split("\n")[line - 1 : line - 1 + new.split("\n")[line - 1 :].index("")])
        print(f"would add at {shown}:{line}:\n{entry}", file=out)
    else:
        print(f"added '{resource.id}' at {shown}:{line}; check it with: python3 scripts/dev.py build", file=out)
    return 0
