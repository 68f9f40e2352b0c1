"""The data contract's other faces: JSON Schemas, CONTRIBUTING.md's tables and the issue form's topics.

They are generated from the models and from the topic list of
``data/resources.yml``. The schemas live in ``docs/schemas/`` so that MkDocs
publishes them with the site as they are (no hook code), and each data file
names its schema in a
``# yaml-language-server: $schema=../docs/schemas/<name>.schema.json`` line for
editors, which then offer the topics as you type. Files are written only when
their content changes; ``generate(check=True)`` writes nothing and names those
that have drifted from the models or the topic list. The command is
``mlprep.cli.schemas`` (``scripts/generate_schemas.py``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mlprep.data.checks import vocabulary
from mlprep.data.models import DATA_FILES, Resource, Topic
from mlprep.data.read import load
from mlprep.data.validate import PATTERN_HINTS

SCHEMA_DIR = Path("docs/schemas")
GENERATOR = "scripts/generate_schemas.py"
TABLE = re.compile(r"(<!-- fields:start[^\n]*-->\n).*?(<!-- fields:end -->)", re.S)
TOPICS_TABLE = re.compile(r"(<!-- topics:start[^\n]*-->\n).*?(<!-- topics:end -->)", re.S)
FORM = Path(".github/ISSUE_TEMPLATE/suggest-resource.yml")
# The options of the form's topics dropdown, between two comment lines.
FORM_TOPICS = re.compile(r"(?m)(^( *)# topics:start[^\n]*\n).*?(^ *# topics:end)", re.S)


def schema_name(data_file: str) -> str:
    return data_file.removesuffix(".yml") + ".schema.json"


def modeline(data_file: str) -> str:
    """The first line of a data file: tells yaml-language-server which schema to use."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR.as_posix()}/{schema_name(data_file)}"


def topics(root: Path) -> list[Topic]:
    """The topic list of ``root``'s data/resources.yml; exits when there is none to read."""
    doc, _ = load(root / "data" / "resources.yml")
    found = vocabulary(doc.data)
    if not found:
        raise SystemExit(f"{doc.file}: no topics list could be read; fix it first (python3 scripts/dev.py validate)")
    return found


def schema(data_file: str, topic_ids: list[str] | None = None) -> dict[str, Any]:
    """The JSON Schema of a data file; ``topic_ids`` become the choices an editor offers for a resource's topics."""
    body = DATA_FILES[data_file].model_json_schema()
    if topic_ids and data_file == "resources.yml":
        body["$defs"]["Resource"]["properties"]["topics"]["items"]["enum"] = topic_ids
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"Generated from src/mlprep/data/models.py by {GENERATOR}; do not edit by hand.",
        "title": f"data/{data_file}",
        **body,
    }


def schema_text(data_file: str, topic_ids: list[str] | None = None) -> str:
    return json.dumps(schema(data_file, topic_ids), indent=2, ensure_ascii=False) + "\n"


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
        words.append(PATTERN_HINTS[prop["pattern"]].removeprefix("must be "))
    if "maxLength" in prop:
        words.append(f"up to {prop['maxLength']:,} characters")
    if not words and "description" in prop:  # a value the schema cannot spell out, such as a topic id
        words.append(prop["description"])
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


def topics_table(found: list[Topic]) -> str:
    """CONTRIBUTING.md's table of the topics a resource may list."""
    rows = ["| topic | shown as | what belongs under it |", "| --- | --- | --- |"]
    rows += [f"| `{t.id}` | {t.label} | {t.covers} |" for t in found]
    return "\n".join(rows) + "\n"


def form_options(found: list[Topic], indent: str) -> str:
    """The issue form's topic options, as YAML list lines."""
    return "".join(f"{indent}- {t.id}\n" for t in found)


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
    found = topics(root)
    ids = [t.id for t in found]
    stale = [
        root / SCHEMA_DIR / schema_name(f)
        for f in DATA_FILES
        if _write(root / SCHEMA_DIR / schema_name(f), schema_text(f, ids), check)
    ]
    contributing = root / "CONTRIBUTING.md"
    text = contributing.read_text(encoding="utf-8")
    for markers, name in ((TABLE, "fields"), (TOPICS_TABLE, "topics")):
        if not markers.search(text):
            raise SystemExit(f"{contributing}: the <!-- {name}:start --> ... <!-- {name}:end --> markers are missing")
    updated = TABLE.sub(lambda m: m.group(1) + fields_table() + m.group(2), text)
    updated = TOPICS_TABLE.sub(lambda m: m.group(1) + topics_table(found) + m.group(2), updated)
    if _write(contributing, updated, check):
        stale.append(contributing)
    form = root / FORM
    text = form.read_text(encoding="utf-8")
    if not FORM_TOPICS.search(text):
        raise SystemExit(f"{form}: the '# topics:start' ... '# topics:end' lines around the topic options are missing")
    updated = FORM_TOPICS.sub(lambda m: m.group(1) + form_options(found, m.group(2)) + m.group(3), text)
    if _write(form, updated, check):
        stale.append(form)
    return stale
