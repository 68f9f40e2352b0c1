"""Smoke test of the build-cost benchmark at a tiny size: it runs, and compares like with like.

No timing is asserted; the numbers come from `make bench` on a quiet machine.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from bench.cli import main
from bench.engines import ENGINES
from bench.profiling import PROFILE_ROWS
from bench.synthetic import synthesize, write_data
from mlprep.data.load import load_guide
from tests.support.ci import in_ci
from tests.support.data import copy_data, edit
from tests.support.project import FIXTURE, ROOT

# The benchmark grows the real catalog, so its smallest size is a little above the catalog's.
TINY = len(load_guide(ROOT / "data").catalog.resources) + 10


def test_synthetic_data_is_valid_and_cites_its_resources(tmp_path: Path) -> None:
    write_data(tmp_path, synthesize(250, source=FIXTURE))
    guide = load_guide(tmp_path)
    assert len(guide.catalog.resources) == 250
    assert sum(len(p.tasks) for p in guide.timeline.phases) >= 25  # about one task per 10 resources
    cited = set(guide.citations)
    assert any(r.id.endswith("-249") for r in guide.catalog.resources)
    assert len(cited) >= 75


def test_synthetic_copies_of_long_ids_and_titles_stay_valid(tmp_path: Path) -> None:
    # Found by the contributor run: an id cut to 40 characters just after a hyphen became 'x--41'.
    data = copy_data(tmp_path / "source")
    edit(data / "resources.yml", "  - id: distill", "  - id: " + "a" * 39 + "-distill-" + "b" * 12)
    edit(data / "resources.yml", "    title: Distill", "    title: " + "T" * 160)
    edit(data / "stories.yml", "  - id: vladimir-iglovikov", "  - id: " + "v" * 60)  # the first is copied first
    edit(data / "stories.yml", "    person: Vladimir Iglovikov", "    person: " + "P" * 80)
    size = 100 + len(load_guide(data).catalog.resources)  # and one story copy per hundred resources
    write_data(tmp_path / "out", synthesize(size, source=data))
    assert len(load_guide(tmp_path / "out").catalog.resources) == size


def test_benchmark_runs_end_to_end_at_a_tiny_size(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs_macros", reason="the `bench` extra is not installed")
    out = tmp_path / "results.json"
    args = ["--sizes", str(TINY), "--reps", "1", "--no-warmup", "--edits", "0", "--profile-size", "0"]
    args += ["--json", str(out)]
    assert main(args) == 0
    (row,) = json.loads(out.read_text())["sizes"]
    assert row["resources"] == TINY and set(row["median_s"]) == {"ours", "static", "macros"}
    page = row["resources_page_bytes"]
    # The static project is the very Markdown the hook produced: the pages differ only in the edit link.
    assert abs(page["ours"] - page["static"]) < 100


def installed_engines() -> list[str]:
    """MkDocs and every other engine whose extra is installed; under CI, where every engine is, all of them."""
    missing = [e for e in ENGINES if e != "mkdocs" and importlib.util.find_spec(e) is None]
    if missing and in_ci():
        pytest.fail(f"under CI every engine is installed (dev.py build --engine ...), but not: {', '.join(missing)}")
    return [e for e in ENGINES if e not in missing]


def test_engine_benchmark_runs_end_to_end_at_a_tiny_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `dev.py bench --engines` at the smallest size the synthetic data allows (TINY); without an engine's extra
    # (never under CI), MkDocs and the engines that are installed, named after --engines.
    engines = installed_engines()
    named = [] if engines == list(ENGINES) else engines
    out = tmp_path / "results.json"
    assert main(["--engines", *named, "--sizes", str(TINY), "--reps", "1", "--json", str(out)]) == 0
    (row,) = json.loads((tmp_path / "results-engines.json").read_text())["engines"]
    assert row["resources"] == TINY and row["reps"] == 1
    for key in ("median_s", "median_cpu_s", "over_mkdocs"):
        assert list(row[key]) == engines and all(value > 0 for value in row[key].values())
    assert row["over_mkdocs"]["mkdocs"] == 1 and {len(times) for times in row["times_s"].values()} == {1}
    # The printed table: a time per engine, then each other engine over MkDocs, in wall and in CPU time.
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("|")]
    head, rule, body = (re.split(r" *\| *", line)[1:-1] for line in lines)
    others = [{"properdocs": "ProperDocs", "zensical": "Zensical"}[e] for e in engines[1:]]
    assert head[:2] == ["resources", "MkDocs (s)"] and len(head) == 1 + len(engines) + 2 * len(others)
    assert head[1 + len(engines) :] == [f"{o}/MkDocs" for o in others] + [f"{o}/MkDocs, CPU" for o in others]
    assert rule == ["---:"] * len(head) and body[0] == f"{TINY:,}"
    assert all(re.fullmatch(r"\d+\.\d\d", cell) for cell in body[1:]), body


def test_every_profile_row_names_a_function_our_code_still_has() -> None:
    # A module moved or renamed would leave its row silently empty in the profile.
    for label, suffix, function in PROFILE_ROWS:
        if suffix.startswith(("mlprep/", "hooks/")):
            path = ROOT / ("src" if suffix.startswith("mlprep/") else "") / suffix
            assert re.search(rf"^def {function}\(", path.read_text(encoding="utf-8"), re.M), label
