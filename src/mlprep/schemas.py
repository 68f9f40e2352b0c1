"""The data contract's other faces, generated from the models: JSON Schemas and CONTRIBUTING.md's fields table.

The schemas live in ``docs/schemas/`` so that MkDocs publishes them with the
site as they are (no hook code), and each data file names its schema in a
``# yaml-language-server: $schema=../docs/schemas/<name>.schema.json`` line for
editors. Files are written only when their content changes; ``--check`` fails
when they have drifted from the models.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from .models import DATA_FILES, Resource
from .validate import _PATTERN_HINTS

SCHEMA_DIR = Path("docs/schemas")
GENERATOR = "scripts/generate_schemas.py"
TABLE = re.compile(r"(<!-- fields:start[^\n]*-->\n).*?(<!-- fields:end -->)", re.S)


def schema_name(data_file: str) -> str:
    return data_file.removesuffix(".yml") + ".schema.json"


def modeline(data_file: str) -> str:
    """The first line of a data file: tells yaml-language-server which schema to use."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR.as_posix()}/{schema_name(data_file)}"


def schema(data_file: str) -> dict[str, Any]:
    body = DATA_FILES[data_file].model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"Generated from src/mlprep/models.py by {GENERATOR}; do not edit by hand.",
        "title": f"data/{data_file}",
        **body,
    }


def schema_text(data_file: str) -> str:
    return json.dumps(schema(data_file), indent=2, ensure_ascii=False) + "\n"


def allowed_values(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A field's allowed values in words, read from its JSON Schema."""
    prop = next((p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"), prop)
    if "$ref" in prop:
        prop = defs[prop["$ref"].rsplit("/", 1)[1]]
    words: list[str] = []
    if "enum" in prop:
        words.append(", ".join(f"`{v}`" for v in prop["enum"]))
    if prop.get("type") == "array":
        count = f"{prop.get('minItems', 0)} to {prop['maxItems']} items" if "maxItems" in prop else "a list"
        words.append(f"{count}, each {allowed_values(prop['items'], defs)}")
    if prop.get("type") == "object":
        fields = [f"`{name}` ({allowed_values(sub, defs)})" for name, sub in prop.get("properties", {}).items()]
        words.append("a mapping of " + " and ".join(fields))
    if prop.get("format") == "date":
        words.append("a date written YYYY-MM-DD")
    elif prop.get("format") == "uri":
        words.append("an `http://` or `https://` link, with no user name, password or spaces")
    elif "pattern" in prop:
        words.append(_PATTERN_HINTS[prop["pattern"]].removeprefix("must be "))
    if "maxLength" in prop:
        words.append(f"up to {prop['maxLength']:,} characters")
    return ", ".join(words)


def fields_table(model: type[Resource] = Resource) -> str:
    """CONTRIBUTING.md's table of a resource's fields, so the documentation cannot drift from the model."""
    full = model.model_json_schema()
    defs, required = full.get("$defs", {}), set(full.get("required", []))
    rows = ["| field | required | allowed values | what it is |", "| --- | --- | --- | --- |"]
    for name, prop in full["properties"].items():
        needed = "yes" if name in required else "no"
        rows.append(f"| `{name}` | {needed} | {allowed_values(prop, defs)} | {prop.get('description', '')} |")
    return "\n".join(rows) + "\n"


def _write(path: Path, text: str, check: bool) -> bool:
    """Write when changed; return whether the file was (or, with ``check``, would be) changed."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return True


def generate(root: Path, *, check: bool = False) -> list[Path]:
    """Bring every generated file under ``root`` up to date; return those that were out of date."""
    stale = [
        root / SCHEMA_DIR / schema_name(f)
        for f in DATA_FILES
        if _write(root / SCHEMA_DIR / schema_name(f), schema_text(f), check)
    ]
    contributing = root / "CONTRIBUTING.md"
    text = contributing.read_text(encoding="utf-8")
    if not TABLE.search(text):
        raise SystemExit(f"{contributing}: the <!-- fields:start --> ... <!-- fields:end --> markers are missing")
    updated = TABLE.sub(lambda m: m.group(1) + fields_table() + m.group(2), text)
    if _write(contributing, updated, check):
        stale.append(contributing)
    return stale


def main(root: Path, argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="generate_schemas.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a generated file is out of date"
    )
    args = parser.parse_args(argv)
    stale = generate(root, check=args.check)
    for path in stale:
        print(f"{path.relative_to(root)}: {'out of date' if args.check else 'updated'}", file=sys.stderr)
    return 1 if stale and args.check else 0
