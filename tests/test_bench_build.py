"""Smoke test of the build-cost benchmark at a tiny size: it runs, and compares like with like.

No timing is asserted; the numbers come from `make bench` on a quiet machine.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.cli import main
from bench.synthetic import synthesize, write_data
from mlprep.data.load import load_guide
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
