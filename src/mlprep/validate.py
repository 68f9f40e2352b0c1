"""Turn a parsed document into a model, with every problem located in the file."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from .models import DURATION_PATTERN
from .problems import Problem
from .yamlsource import Document, Path_

# Friendlier words for the patterns that pydantic would otherwise quote.
_PATTERN_HINTS = {
    "^[a-z0-9]+(?:-[a-z0-9]+)*$": "must be lowercase letters and digits joined by hyphens, like 'deep-learning'",
    DURATION_PATTERN: "must be an ISO 8601 duration such as -P3M (3 months before) or P1D",
}


def dotted(path: Path_) -> str:
    """``("resources", 3, "url")`` → ``resources[3].url``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


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


def message(error: Any, model: type[BaseModel], path: Path_) -> str:
    """One pydantic error in a contributor's words, naming the field at ``path``."""
    kind = error["type"]
    name = path[-1] if path else ""
    where = dotted(path)
    if kind == "missing":
        return f"missing required field '{name}' in {dotted(path[:-1]) or 'the top level'}"
    if kind == "extra_forbidden":
        known = _field_names(model, path[:-1])
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(known)})"
        return f"unknown field '{name}'{hint}"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        return f"{where}: {_PATTERN_HINTS.get(pattern, error['msg'])}"
    if kind in ("string_too_long", "too_long"):
        limit = error.get("ctx", {}).get("max_length")
        unit, fix = ("characters", "shorten it") if kind == "string_too_long" else ("items", "remove some")
        return f"{where}: {len(error['input'])} {unit}, more than the {limit} allowed; {fix}"
    if kind == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        return f"{where}: must not be empty"
    if kind == "model_type" and error.get("ctx", {}).get("class_name") == "Claim":
        # A bare sentence about a person: the old shape, or a source forgotten.
        return (
            f"{where}: a statement about a person needs its source: write 'text:' and 'source:' (book or a write-up id)"
        )
    msg = error["msg"].removeprefix("Value error, ")
    return f"{where}: {msg[0].lower()}{msg[1:]}" if msg else where


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


def build(doc: Document, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a document against its model; return the model or the problems."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as err:
        problems = []
        for error in err.errors():
            path = _data_path(error["loc"], doc.data, missing=error["type"] == "missing")
            # A rule over several fields names the one to fix (ctx 'at'), so the problem is located on it.
            path = (*path, at) if (at := error.get("ctx", {}).get("at")) else path
            key = error["type"] == "extra_forbidden"
            problem_path = path[:-1] if error["type"] == "missing" else path
            problems.append(doc.problem(problem_path, message(error, model, path), key=key))
        return None, problems
