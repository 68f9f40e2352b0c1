"""The contributor's path around the code: workflows, issue form, pre-commit and CONTRIBUTING stay correct."""

from __future__ import annotations

import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest
import yaml

from mlprep.add_resource import FIELDS as NEW_RESOURCE_FIELDS
from mlprep.add_resource import topic_list
from tests.support.project import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-resource.yml"


def tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    # Both tools work offline: check-jsonschema ships its builtin schemas, zizmor --offline skips API audits.
    return subprocess.run([str(BIN / name), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "deploy.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(workflow: Path) -> None:
    proc = tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflows_pass_zizmor_offline() -> None:
    proc = tool("zizmor", "--offline", "--config", "zizmor.yml", "--no-progress", *map(str, WORKFLOWS))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_issue_form_matches_the_github_schema() -> None:
    proc = tool("check-jsonschema", "--builtin-schema", "vendor.github-issue-forms", str(FORM))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_issue_form_asks_for_the_model_fields_with_its_allowed_values() -> None:
    body = yaml.safe_load(FORM.read_text(encoding="utf-8"))["body"]
    inputs = {item["id"]: item for item in body if "id" in item}
    fields = NEW_RESOURCE_FIELDS  # a new resource's fields, as add-resource asks for them (a new one is not gone)
    # Every field but the id (the maintainer picks it) is asked for; nothing else but the affiliation.
    assert set(inputs) - {"affiliation"} == set(fields) - {"id"}
    for name, item in inputs.items():
        if name == "affiliation":
            continue
        assert item["validations"]["required"] == fields[name].is_required(), name
        enum = fields[name].annotation
        is_enum = isinstance(enum, type) and issubclass(enum, Enum)
        fixed = is_enum or name == "topics"  # the topics are a fixed set too, kept in the data
        assert (item["type"] == "dropdown") == fixed, f"{name}: a dropdown exactly when the values are a fixed set"
        if isinstance(enum, type) and issubclass(enum, Enum):
            assert item["attributes"]["options"] == [e.value for e in enum], name
    topics = inputs["topics"]["attributes"]
    assert topics["multiple"] and topics["options"] == list(topic_list(ROOT / "data"))


def test_pre_commit_runs_the_validator_and_the_schema_check() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert "python3 scripts/dev.py validate" in entries
    assert "python3 scripts/dev.py schemas --check" in entries


def test_ci_runs_the_validator_the_strict_build_and_the_tests() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    commands = [r for r in runs if r.startswith("python3 scripts/dev.py")]
    assert commands == [
        "python3 scripts/dev.py validate",
        "python3 scripts/dev.py build",
        "python3 scripts/dev.py test",
    ]
    assert "--strict" in (ROOT / "scripts" / "dev.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["validate", "add-resource", "serve", "schemas"])
def test_contributing_names_the_commands(command: str) -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"python3 scripts/dev.py {command}" in text


@pytest.mark.parametrize("script", ["validate_data.py", "add_resource.py", "generate_schemas.py"])
def test_scripts_run_and_explain_themselves(script: str) -> None:
    proc = subprocess.run(
        [sys.executable, f"scripts/{script}", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0 and "usage:" in proc.stdout, proc.stderr


def test_license_says_what_each_licence_covers_and_excludes_the_book() -> None:
    text = " ".join((ROOT / "LICENSE").read_text(encoding="utf-8").split())
    assert "MIT License" in text and "Permission is hereby granted, free of charge" in text
    assert "CC BY 4.0" in text and "LICENSE-CC-BY-4.0.txt" in text
    assert "Chip Huyen" in text and "neither licence above applies to it" in text
    legal = (ROOT / "LICENSE-CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert legal.startswith("Creative Commons Attribution 4.0 International Public License")
