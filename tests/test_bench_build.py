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
from bench.report import DOCS, DOCS_END, DOCS_START, ENGINE_DOCS, engines_table, write_docs
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


def section(page: str) -> tuple[str, str, str]:
    """A page as what comes before its bench markers, what they hold, and what follows them."""
    head, rest = page.split(DOCS_START, 1)
    inside, tail = rest.split(DOCS_END, 1)
    return head, inside, tail


def test_engine_benchmark_runs_end_to_end_at_a_tiny_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `dev.py bench --engines --write-docs` at the smallest size the synthetic data allows (TINY), into a copy of
    # docs/engines.md; without an engine's extra (never under CI), MkDocs and the engines installed, named.
    engines = installed_engines()
    named = [] if engines == list(ENGINES) else engines
    out, page = tmp_path / "results.json", tmp_path / "engines.md"
    page.write_text(ENGINE_DOCS.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["--engines", *named, "--sizes", str(TINY), "--reps", "1", "--no-warmup", "--json", str(out)]
    assert main([*args, "--write-docs", "--docs", str(page)]) == 0
    assert not out.exists()  # the engine results go beside it, not over the main benchmark's
    results = json.loads((tmp_path / "results-engines.json").read_text())
    (row,) = results["engines"]
    assert row["resources"] == TINY and row["reps"] == 1 and row["warmup"] is False
    for key in ("median_s", "median_cpu_s", "over_mkdocs", "cpu_over_mkdocs"):
        assert list(row[key]) == engines and all(value > 0 for value in row[key].values())
    assert row["over_mkdocs"]["mkdocs"] == row["cpu_over_mkdocs"]["mkdocs"] == 1
    assert {len(times) for key in ("times_s", "cpu_s") for times in row[key].values()} == {1}
    # The page: its bench section is the run's table and date, and nothing outside the markers moved.
    before, after = ENGINE_DOCS.read_text(encoding="utf-8"), page.read_text(encoding="utf-8")
    (top, old, bottom), (new_top, new, new_bottom) = section(before), section(after)
    assert (new_top, new_bottom) == (top, bottom) and new != old
    assert engines_table(results["engines"]) in new and f"Last run: {results['date']}," in new
    assert f"1 at {TINY:,}" in new
    # The printed table: a time per engine, then each other engine over MkDocs, in wall and in CPU time.
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("|")]
    head, rule, body = (re.split(r" *\| *", line)[1:-1] for line in lines)
    others = [{"properdocs": "ProperDocs", "zensical": "Zensical"}[e] for e in engines[1:]]
    assert head[:2] == ["resources", "MkDocs (s)"] and len(head) == 1 + len(engines) + 2 * len(others)
    assert head[1 + len(engines) :] == [f"{o}/MkDocs" for o in others] + [f"{o}/MkDocs, CPU" for o in others]
    assert rule == ["---:"] * len(head) and body[0] == f"{TINY:,}"
    assert all(re.fullmatch(r"\d+\.\d\d", cell) for cell in body[1:]), body
    # --from-json writes the same section from the file alone.
    page.write_text(before, encoding="utf-8")
    assert main(["--from-json", str(tmp_path / "results-engines.json"), "--docs", str(page)]) == 0
    assert page.read_text(encoding="utf-8") == after


@pytest.mark.parametrize(("results", "page"), [("results.json", DOCS), ("results-engines.json", ENGINE_DOCS)])
def test_the_pages_bench_sections_are_written_from_the_committed_results(
    tmp_path: Path, results: str, page: Path
) -> None:
    # Nobody pastes numbers by hand: rewriting the section from bench/RESULTS changes nothing.
    copy = tmp_path / page.name
    copy.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    write_docs(json.loads((ROOT / "bench" / results).read_text(encoding="utf-8")), copy)
    assert copy.read_text(encoding="utf-8") == page.read_text(encoding="utf-8")


def test_every_profile_row_names_a_function_our_code_still_has() -> None:
    # A module moved or renamed would leave its row silently empty in the profile.
    for label, suffix, function in PROFILE_ROWS:
        if suffix.startswith(("mlprep/", "hooks/")):
            path = ROOT / ("src" if suffix.startswith("mlprep/") else "") / suffix
            assert re.search(rf"^def {function}\(", path.read_text(encoding="utf-8"), re.M), label
