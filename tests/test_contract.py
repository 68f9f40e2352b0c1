"""The data contract's faces stay in step with the models: JSON Schemas, modelines, the fields table."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from mlprep.data.models import DATA_FILES, Cost, Level, ResourceType
from mlprep.data.read import load
from mlprep.data.schemas import SCHEMA_DIR, generate, modeline, schema, schema_name, topics
from tests.support.project import ROOT, BuildResult

TOPIC_IDS = [t.id for t in topics(ROOT)]


def test_generated_files_match_the_models() -> None:
    stale = generate(ROOT, check=True)
    assert stale == [], "out of date; run: python3 scripts/dev.py schemas"


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_data_file_names_its_schema_on_its_first_line(data_file: str) -> None:
    first = (ROOT / "data" / data_file).read_text(encoding="utf-8").splitlines()[0]
    assert first == modeline(data_file)
    target = (ROOT / "data" / first.split("$schema=")[1]).resolve()
    assert target == (ROOT / SCHEMA_DIR / schema_name(data_file)).resolve() and target.is_file()


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_real_data_passes_its_schema_and_a_typo_does_not(data_file: str) -> None:
    validator = Draft202012Validator(schema(data_file, TOPIC_IDS), format_checker=Draft202012Validator.FORMAT_CHECKER)
    Draft202012Validator.check_schema(validator.schema)
    # Read as editors read it (YAML 1.2: a date stays text), which is also how the build reads it.
    data = load(ROOT / "data" / data_file, data_file)[0].data
    assert list(validator.iter_errors(data)) == []
    data["tittle"] = "typo"
    assert [e.validator for e in validator.iter_errors(data)] == ["additionalProperties"]


def test_schema_offers_editors_the_allowed_values() -> None:
    defs = schema("resources.yml", TOPIC_IDS)["$defs"]
    for enum in (Cost, Level, ResourceType):
        assert defs[enum.__name__]["enum"] == [e.value for e in enum]
    assert "description" in defs["Resource"]["properties"]["description"]
    # The topics are data: the schema offers the topic list of the data it was generated with.
    assert defs["Resource"]["properties"]["topics"]["items"]["enum"] == TOPIC_IDS


def test_schemas_are_published_with_the_site(real_site: BuildResult) -> None:
    for data_file in DATA_FILES:
        published = real_site.site / "schemas" / schema_name(data_file)
        assert json.loads(published.read_text(encoding="utf-8")) == schema(data_file, TOPIC_IDS)
