"""The contributor's path around the code: workflows, issue form, pre-commit and CONTRIBUTING stay correct."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml

from mlprep.cli.add_resource import FIELDS as NEW_RESOURCE_FIELDS
from mlprep.cli.add_resource import topic_list
from mlprep.github.client import LABELS, form_labels
from tests.support.project import ROOT
from tests.test_code_style import LINT, LINT_PATHS, dev_script

BIN = Path(sys.executable).parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
FORM = GITHUB / "ISSUE_TEMPLATE" / "suggest-resource.yml"
REPO_URL = re.findall(r"^repo_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[0]
OWNER = REPO_URL.rstrip("/").split("/")[-2]


def tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    # Both tools work offline: check-jsonschema ships its builtin schemas, zizmor --offline skips API audits.
    return subprocess.run([str(BIN / name), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def workflow(name: str) -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    return loaded


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def commands(script: str) -> list[list[str]]:
    """The commands of a shell script or a step's `run:`, one per line, without comments and blank lines."""
    lines = (line.split(" #")[0].strip() for line in script.replace("\\\n", " ").splitlines())
    return [shlex.split(line) for line in lines if line and not line.startswith("#")]


CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "links.yml", "labels.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(workflow: Path) -> None:
    proc = tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow))
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("path", "schema"),
    [("dependabot.yml", "vendor.dependabot"), ("ISSUE_TEMPLATE/config.yml", "vendor.github-issue-config")],
)
def test_github_config_matches_its_schema(path: str, schema: str) -> None:
    proc = tool("check-jsonschema", "--builtin-schema", schema, str(GITHUB / path))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflows_pass_zizmor_offline() -> None:
    files = [*map(str, WORKFLOWS), str(GITHUB / "dependabot.yml")]
    proc = tool("zizmor", "--offline", "--config", "zizmor.yml", "--no-progress", *files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# actionlint compiled to WebAssembly, pinned in tests/tools/package.json: `npm ci --prefix tests/tools`
# (.ci/run does it) installs it, and tests/tools/actionlint.cjs runs it with node.
TOOLS = ROOT / "tests" / "tools"
WASM_ACTIONLINT = Path("node_modules", "@tktco", "node-actionlint")


def actionlint() -> list[str]:
    """The actionlint command: ACTIONLINT (the GitHub workflows install the native binary there), a native
    actionlint in .venv/bin or on PATH, else the WebAssembly build from tests/tools run by node."""
    wanted = os.environ.get("ACTIONLINT")
    if wanted:
        assert Path(wanted).is_file(), f"ACTIONLINT={wanted} does not exist"
        return [wanted, "-no-color"]
    found = shutil.which("actionlint", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if found:
        return [found, "-no-color"]
    # This project's install, or that of the project whose .venv runs the tests: the contributor run
    # tests a copy without node_modules (git ignores it) with the original's interpreter.
    for home in (ROOT, Path(sys.prefix).parent):
        package = home / "tests" / "tools" / WASM_ACTIONLINT
        if (package / "main.wasm").is_file():
            node = shutil.which("node")
            if not node:
                pytest.skip("node not found: actionlint's WebAssembly build needs Node.js 20 or later")
            return [node, str(TOOLS / "actionlint.cjs"), "--package", str(package)]
    pytest.skip("actionlint not installed: `npm ci --prefix tests/tools` (or a native actionlint on PATH)")


def run_actionlint(*files: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*actionlint(), *files], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_workflows_pass_actionlint() -> None:
    proc = run_actionlint(*map(str, WORKFLOWS))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_for_machines_without_go_is_pinned_and_ci_run_installs_it() -> None:
    # The WebAssembly build, at the version and hashes the lock gives.
    manifest = json.loads((TOOLS / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((TOOLS / "package-lock.json").read_text(encoding="utf-8"))
    assert WASM_ACTIONLINT.relative_to("node_modules").as_posix() in manifest["dependencies"]
    for name, version in manifest["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: pin an exact version, not {version!r}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name
    installed = {path: entry for path, entry in lock["packages"].items() if path}
    assert all(entry["integrity"].startswith("sha512-") for entry in installed.values())
    # Named by version and hash only (tests/tools/.npmrc): npm fetches them from whichever registry it is set to.
    assert not [path for path in installed if "resolved" in installed[path]]
    assert "omit-lockfile-registry-resolved=true" in (TOOLS / ".npmrc").read_text(encoding="utf-8").splitlines()
    assert [c for c in commands(CI_RUN) if c[:4] == ["npm", "ci", "--prefix", "tests/tools"]]
    assert "node_modules/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_github_workflows_build_actionlint_with_the_go_they_set_up() -> None:
    # The native binary (it runs shellcheck too), built by the Go actions/setup-go installs, not the image's.
    for name in ("ci.yml", "links.yml"):
        for job_name, job in workflow(name)["jobs"].items():
            uses = [s.get("uses", "") for s in steps(job)]
            installs = [i for i, s in enumerate(steps(job)) if "go install" in s.get("run", "")]
            setup = [i for i, u in enumerate(uses) if u.startswith("actions/setup-go@")]
            assert not installs or (setup and setup[0] < installs[0]), f"{name} {job_name}: set up Go first"


# A valid workflow, and mistakes actionlint must report in it: the rule that finds each, the text whose first
# occurrence it replaces, and the misspelt name the report quotes.
FIXTURE_WORKFLOW = """\
name: Fixture
on: pull_request
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - run: echo "$EVENT"
        env:
          EVENT: ${{ github.event_name }}
  deploy:
    needs: build
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - run: echo deployed
"""
MISTAKES = {
    "runner-label": ("ubuntu-latest", "ubuntu-lastest", "ubuntu-lastest"),  # an unknown runner
    "expression": ("github.event_name", "github.event_nmae", "event_nmae"),  # no such property
    "job-needs": ("needs: build", "needs: biuld", "biuld"),  # no such job
    "action": ("persist-credentials:", "persist-credential:", "persist-credential"),  # not an input of checkout
    "syntax-check": ("timeout-minutes:", "timeout-minute:", "timeout-minute"),  # not a key of a job
}


def test_actionlint_reports_what_is_wrong_in_a_workflow(tmp_path: Path) -> None:
    (tmp_path / "valid.yml").write_text(FIXTURE_WORKFLOW, encoding="utf-8")
    for kind, (old, new, _) in MISTAKES.items():
        (tmp_path / f"{kind}.yml").write_text(FIXTURE_WORKFLOW.replace(old, new, 1), encoding="utf-8")
    proc = run_actionlint("valid.yml", *(f"{kind}.yml" for kind in MISTAKES), cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    # One line per problem: file:line:column: message [rule] (the native binary adds the source below it).
    reported = [line for line in proc.stdout.splitlines() if re.match(r"[\w-]+\.yml:\d+:\d+: ", line)]
    assert not [line for line in reported if line.startswith("valid.yml:")], proc.stdout
    for kind, (_, _, misspelt) in MISTAKES.items():
        found = [r for r in reported if r.startswith(f"{kind}.yml:") and misspelt in r and r.endswith(f"[{kind}]")]
        assert found, f"{kind}.yml: {misspelt!r} not reported as [{kind}]:\n{proc.stdout}"


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


def pre_commit_hooks() -> dict[str, dict[str, Any]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_runs_the_validator_the_schema_check_and_the_tests_lint() -> None:
    entries = [hook["entry"] for hook in pre_commit_hooks().values()]
    assert "python3 scripts/dev.py validate" in entries
    assert "python3 scripts/dev.py schemas --check" in entries
    # ruff and mypy through dev.py lint, whose LINT table is what tests/test_code_style.py runs.
    assert {"python3 scripts/dev.py lint ruff", "python3 scripts/dev.py lint mypy"} <= set(entries)
    assert {name.split("-")[0] for name in LINT} == {"ruff", "mypy"}
    for hook in ("ruff", "mypy"):
        files = re.compile(pre_commit_hooks()[hook]["files"])
        # Every folder dev.py lints: a commit touching only one of them is still checked.
        assert all(files.search(f"{folder}/any/module.py") for folder in LINT_PATHS), hook


def test_the_schema_hook_fires_on_every_file_the_schemas_are_made_from() -> None:
    files = re.compile(pre_commit_hooks()["generated-files-up-to-date"]["files"])
    # Every mlprep module the schema generator loads, whatever the models import today.
    code = (
        "import runpy, sys\n"
        "sys.argv = ['generate_schemas.py', '--check']\n"
        "try:\n    runpy.run_path('scripts/generate_schemas.py', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "for name, module in sorted(sys.modules.items()):\n"
        "    if name.startswith('mlprep') and getattr(module, '__file__', None):\n"
        "        print('module:', module.__file__)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    found = [line.split("module: ", 1)[1] for line in proc.stdout.splitlines() if line.startswith("module: ")]
    modules = [Path(line).resolve().relative_to(ROOT).as_posix() for line in found]
    assert "src/mlprep/data/models.py" in modules, proc.stderr
    for path in [*modules, "scripts/generate_schemas.py", "docs/schemas/resources.schema.json", "data/resources.yml"]:
        assert files.search(path), path


# The strict build the deploy job publishes, by the engine the build-and-test job names once (docs/engines.md).
DEPLOY_BUILD = 'python3 scripts/dev.py build --engine "$DEPLOY_ENGINE"'


def test_ci_runs_the_validator_the_strict_build_and_the_tests() -> None:
    job = workflow("ci.yml")["jobs"]["build-and-test"]
    runs = [step.get("run", "") for step in steps(job)]
    assert [r for r in runs if r.startswith("python3 scripts/dev.py")] == [
        "python3 scripts/dev.py validate",
        DEPLOY_BUILD,  # the deployed site
        # The other engines, so that the site keeps building with them (docs/engines.md).
        "python3 scripts/dev.py build --engine properdocs --site-dir build/site-properdocs",
        "python3 scripts/dev.py build --engine zensical --site-dir build/site-zensical",
        "python3 scripts/dev.py test",
    ]
    assert "--strict" in (ROOT / "scripts" / "dev.py").read_text(encoding="utf-8")


AS_CONTRIBUTOR = ["python3", "scripts/dev.py", "test-as-contributor"]


def test_ci_and_ci_run_run_the_suite_as_a_contributor_too() -> None:
    # README, "Tests": a test that depends on today's data must fail in CI, not in a contributor's pull request.
    jobs = workflow("ci.yml")["jobs"]
    running = [name for name, job in jobs.items() for s in steps(job) if AS_CONTRIBUTOR in commands(s.get("run", ""))]
    assert running, "no job of ci.yml runs `python3 scripts/dev.py test-as-contributor`"
    assert [c for c in commands(CI_RUN) if c[:3] == AS_CONTRIBUTOR], ".ci/run does not run test-as-contributor"


def test_the_deploy_engine_is_named_in_one_place_and_is_one_dev_py_knows() -> None:
    # docs/engines.md: switching the deploy is this one line of ci.yml.
    job = workflow("ci.yml")["jobs"]["build-and-test"]
    assert job["env"]["DEPLOY_ENGINE"] in dev_script().ENGINES
    ci = (GITHUB / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert len(re.findall(r"^\s+DEPLOY_ENGINE: \w+$", ci, re.M)) == 1
    docs = " ".join((ROOT / "docs" / "engines.md").read_text(encoding="utf-8").split())
    assert DEPLOY_BUILD in docs


def test_pages_deploy_waits_for_the_tests_and_runs_only_for_main() -> None:
    ci = workflow("ci.yml")
    deploy = ci["jobs"]["deploy"]
    assert deploy["needs"] == "build-and-test" and "refs/heads/main" in deploy["if"]
    assert "pull_request" in deploy["if"] and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps(deploy))
    built = steps(ci["jobs"]["build-and-test"])
    upload = next(i for i, s in enumerate(built) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    build = next(i for i, s in enumerate(built) if s.get("run") == DEPLOY_BUILD)
    test = next(i for i, s in enumerate(built) if s.get("run") == "python3 scripts/dev.py test")
    assert build < upload < test  # what the strict build wrote, before the tests touch anything
    assert not (GITHUB / "workflows" / "deploy.yml").exists()
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "Settings → Pages → Source: GitHub Actions" in readme


def test_pull_requests_get_the_changed_links_a_summary_and_a_preview() -> None:
    review = workflow("ci.yml")["jobs"]["review"]
    assert review["if"] == "github.event_name == 'pull_request'"
    assert steps(review)[0]["with"]["fetch-depth"] == 2  # HEAD^1 is the base on a pull request's merge commit
    runs = " ".join(s.get("run", "") for s in steps(review))
    assert "scripts/check_links.py --only-changed HEAD^1" in runs and "--json new-links.json" in runs
    assert "scripts/pr_summary.py --base HEAD^1" in runs and '--out "$GITHUB_STEP_SUMMARY"' in runs
    upload = next(s for s in steps(review) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "site-preview" and "--artifact site-preview" in runs


def test_github_runners_use_the_browser_their_image_ships_and_ci_run_uses_debians() -> None:
    for name in ("ci.yml", "links.yml"):
        for job in workflow(name)["jobs"].values():
            for step in steps(job):
                assert "apt-get" not in step.get("run", "") and "chromium" not in step.get("run", ""), name
                if step.get("run") == "python3 scripts/dev.py test":
                    assert step["env"]["CHROMIUM_PATH"] == "/usr/bin/google-chrome"
                    assert step["env"]["ACTIONLINT"]
    assert "apt-get install" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert " chromium " in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_nightly_runs_the_tests_with_a_random_hypothesis_seed() -> None:
    tests = workflow("links.yml")["jobs"]["tests"]
    step = next(s for s in steps(tests) if s.get("run") == "python3 scripts/dev.py test")
    assert step["env"]["HYPOTHESIS_PROFILE"] == "nightly"


def test_nightly_issue_job_runs_even_when_the_check_failed() -> None:
    jobs = workflow("links.yml")["jobs"]
    issue = jobs["issue"]
    assert issue["needs"] == "check" and issue["if"].startswith("always()")
    assert issue["permissions"] == {"contents": "read", "issues": "write"}
    run = next(s for s in steps(issue) if "run" in s)
    assert run["run"].startswith("python3 scripts/links_issue.py --code") and run["env"]["PYTHONPATH"] == "src"
    check = " ".join(s.get("run", "") for s in steps(jobs["check"]))
    assert "link-check.log" in check and "link-report.json" in check
    upload = next(s for s in steps(jobs["check"]) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()" and "link-check.log" in upload["with"]["path"]


def test_the_nightly_schedule_is_kept_alive_and_readme_says_how() -> None:
    nightly = workflow("links.yml")
    assert nightly[True]["schedule"]  # PyYAML reads the key `on` as True
    keepalive = nightly["jobs"]["keepalive"]
    assert keepalive["permissions"] == {"actions": "write"}
    [step] = steps(keepalive)
    assert step["run"] == 'gh api --method PUT "repos/${GITHUB_REPOSITORY}/actions/workflows/links.yml/enable"'
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "60 days" in readme and "keepalive" in readme


def test_the_issue_forms_labels_exist_because_a_workflow_creates_them() -> None:
    forms = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.y*ml"))
    applied = sorted({name for f in forms for name in yaml.safe_load(f.read_text(encoding="utf-8")).get("labels", [])})
    assert applied and form_labels(GITHUB / "ISSUE_TEMPLATE") == applied
    assert set(applied) <= set(LABELS)
    labels = workflow("labels.yml")
    assert ".github/ISSUE_TEMPLATE/**" in labels[True]["push"]["paths"]
    assert any(s.get("run") == "python3 scripts/github_labels.py" for s in steps(labels["jobs"]["labels"]))


def test_data_has_code_owners() -> None:
    rules = [
        line.split()
        for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert ["/data/", f"@{OWNER}"] in rules


def test_dependabot_updates_actions_and_pip() -> None:
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "pip"}


def test_issue_chooser_links_into_this_repository() -> None:
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert all(link["url"].startswith(REPO_URL + "/") for link in config["contact_links"])


def test_issue_and_labels_code_needs_only_the_standard_library() -> None:
    # The workflows run these with PYTHONPATH=src and nothing installed; -S leaves site-packages out.
    code = "import mlprep.cli.links_issue, mlprep.cli.labels, mlprep.links.issue, mlprep.github.client"
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": os.environ.get("PATH", "")}
    proc = subprocess.run([sys.executable, "-S", "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("command", ["validate", "add-resource", "serve", "schemas"])
def test_contributing_names_the_commands(command: str) -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"python3 scripts/dev.py {command}" in text


def test_readme_names_every_script_and_every_dev_command() -> None:
    row = next(
        line
        for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `scripts/`")
    )
    named = set(re.findall(r"`([^`]+)`", row))
    assert {p.name for p in (ROOT / "scripts").glob("*.py")} <= named
    assert set(dev_script().COMMANDS) <= named


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
    # Every folder it names exists (a move must take the licence along), and so does every page it names.
    folders = re.findall(r"(?<![\w/.:])((?:[\w.-]+/)+)(?=[\s,.)])", text.split("Not licensed by this project")[0])
    assert folders and all((ROOT / f).is_dir() for f in folders), folders
    pages = re.findall(r"\b([\w-]+\.md)\b", text)
    assert all((ROOT / page).is_file() or (ROOT / "docs" / page).is_file() for page in pages), pages
