"""Property-based tests: written entries read back unchanged; corrupted files give located problems, not tracebacks."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mlprep.cli.add_resource import FIELDS as NEW_RESOURCE_FIELDS
from mlprep.data.checks import topic_labels
from mlprep.data.hidden_text import REFUSED_CATEGORIES, hidden_at
from mlprep.data.load import load_guide
from mlprep.data.models import Resource, ResourceCatalog
from mlprep.data.problems import DataError
from mlprep.data.validate import build
from mlprep.data.yaml_source import parse
from mlprep.data.yaml_write import insert

CORPUS = Path(__file__).parent / "corpus"
BASE = (CORPUS / "base" / "resources.yml").read_text(encoding="utf-8")
SCHEMA = Resource.model_json_schema()
PROPS = SCHEMA["properties"]
DEFS = SCHEMA["$defs"]
# A resource's topics come from its file's topic list, as the published schema offers them: the base's here.
PROPS["topics"]["items"]["enum"] = list(topic_labels(parse(BASE, "resources.yml")[0].data))


def _value(prop: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values a field accepts, drawn from its JSON Schema (generated from the model, so nothing is re-declared)."""
    prop = next((p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"), prop)
    prop = DEFS[prop["$ref"].rsplit("/", 1)[1]] if "$ref" in prop else prop
    if "enum" in prop:
        return st.sampled_from(prop["enum"])
    if prop.get("type") == "array":
        return st.lists(_value(prop["items"]), min_size=prop["minItems"], max_size=prop["maxItems"])
    if prop.get("format") == "uri":
        host = st.from_regex(r"[a-z0-9]{1,12}(\.[a-z0-9]{1,8}){1,2}", fullmatch=True)
        path = st.text(st.sampled_from("abcXYZ019-._~%!$&'()*+,;=:@/?#[]<>\"{}|^`"), max_size=40)
        return st.builds(lambda s, h, p: f"{s}://{h}/{p}", st.sampled_from(["http", "https"]), host, path)
    if "pattern" in prop:
        # Without the anchors: Python's `$` also matches before a final newline, which the filter would reject.
        bare = prop["pattern"].removeprefix("^").removesuffix("$")
        # Cut to the length limit; cutting a pattern of words joined by hyphens can leave only a trailing hyphen.
        return st.from_regex(bare, fullmatch=True).map(lambda s: s[: prop["maxLength"]].rstrip("-"))
    # Any text the model takes (quotes, colons, '#', leading spaces, tabs, newlines, emoji; not the
    # invisible or control characters, nor only spaces, which it refuses), and text at the length
    # limit from a few awkward characters (long draws of any text are slow). The model's own
    # check (hidden_at) drops the rare blank-looking letter or misplaced selector drawn.
    low, high = prop.get("minLength", 0), prop["maxLength"]
    visible = st.characters(exclude_categories=REFUSED_CATEGORIES, include_characters="\n\t")
    return (
        st.text(visible, min_size=low, max_size=min(high, 200))
        | st.text(st.sampled_from("ab :#\"'\n\t-"), min_size=high - 3, max_size=high)
    ).filter(lambda text: not text or (text.strip() and hidden_at(text) is None))


ENTRIES = st.fixed_dictionaries(
    {name: _value(PROPS[name]) for name in SCHEMA["required"]},
    # The fields add-resource writes (a new resource is never gone).
    optional={name: _value(PROPS[name]) for name in NEW_RESOURCE_FIELDS if name not in SCHEMA["required"]},
)


@settings(max_examples=60, deadline=None)
@given(ENTRIES)
def test_any_valid_entry_survives_write_load_validate(entry: dict[str, Any]) -> None:
    resource = Resource.model_validate(entry)
    assume(resource.id not in {"fastai", "kaggle"})
    text, line = insert(BASE, resource)
    doc, problems = parse(text, "resources.yml")
    assert problems == []
    catalog, problems = build(doc, ResourceCatalog)
    assert problems == [] and isinstance(catalog, ResourceCatalog)
    assert [r for r in catalog.resources if r.id == resource.id] == [resource]
    assert doc.where(("resources", catalog.resources.index(resource))) == (line, 5)
    # Nothing else in the file changed: removing the added lines (a blank line, then the entry) gives it back.
    lines = text.splitlines()
    added = len(lines) - len(BASE.splitlines())
    assert lines[line - 2] == "" and lines[: line - 2] + lines[line - 2 + added :] == BASE.splitlines()


_NOISE = st.sampled_from(
    [
        b"\t",
        b":",
        b"- ",
        b"[",
        b"]",
        b"{",
        b"}",
        b"&a ",
        b"*a",
        b"!!python/object:os.system ",
        b"!x ",
        b'"',
        b"'",
        b"#",
        b"\n",
        b"\n  ",
        b"\x00",
        b"\x07",
        b"\xe9",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        b"id: fastai\n",
        b"  - ",
        b"url: javascript:x",
        b"%",
        b"@",
        b"`",
        b"|",
        b">",
        b"---\n",
        b"...",
    ]
)


@st.composite
def corrupted(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(["resources.yml", "timeline.yml", "stories.yml"]))
    raw = bytearray((CORPUS / "base" / name).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line", "truncate"]))
        if action == "insert":
            raw[at:at] = draw(_NOISE)
        elif action == "delete":
            del raw[at : at + draw(st.integers(1, 30))]
        elif action == "duplicate-line":
            start = raw.rfind(b"\n", 0, at) + 1
            end = raw.find(b"\n", at)
            line = raw[start : (end if end >= 0 else len(raw))] + b"\n"
            raw[start:start] = line
        else:
            del raw[at:]
    return name, bytes(raw)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("corrupt") / "data"
    shutil.copytree(CORPUS / "base", data)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corrupted())
def test_corrupted_file_gives_located_problems_never_a_traceback(corpus_dir: Path, case: tuple[str, bytes]) -> None:
    name, raw = case
    for base in (CORPUS / "base").iterdir():
        shutil.copyfile(base, corpus_dir / base.name)
    (corpus_dir / name).write_bytes(raw)
    lines = raw.count(b"\n") + 1
    try:
        load_guide(corpus_dir)
    except DataError as err:
        assert err.problems
        for problem in err.problems:
            assert Path(problem.file).name in {"resources.yml", "timeline.yml", "stories.yml"}
            assert problem.line >= 1 and problem.col >= 1, problem
            assert problem.message and "Traceback" not in problem.message
            if Path(problem.file).name == name:
                assert problem.line <= lines + 1, problem  # a syntax error can be found at the end of the file
