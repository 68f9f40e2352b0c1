"""The site builds the same with MkDocs, ProperDocs and Zensical: one render core, three engines.

Every page's article text must match the MkDocs build; no marker or Jinja is left; the
planner's data-* attributes and our scripts are in the pages; bad data stops the
hookless (Zensical) path before anything is written, with the validator's own messages.
Each engine builds with the command ``scripts/dev.py build --engine NAME`` runs (its
``ENGINES`` table), and how dev.py reads ``--engine`` is tested here without building.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from bench.engines import ENGINES as BENCHED_ENGINES
from mlprep.site.check import data_problems
from tests.support.ci import in_ci
from tests.support.data import edit
from tests.support.pages import opened
from tests.support.project import BuildResult, copy_project
from tests.support.serve import serve_dir
from tests.test_code_style import dev_script

DEV = dev_script()
# The engines besides MkDocs, the default, whose build the real_site fixture makes.
ENGINES = tuple(engine for engine in DEV.ENGINES if engine != "mkdocs")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def need(engine: str) -> None:
    """Skip without the engine's extra, with the reason; under CI a missing engine is a failure."""
    if importlib.util.find_spec(engine) is None:
        reason = f"the '{engine}' extra is not installed (python3 scripts/dev.py build --engine {engine} installs it)"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)


def engine_build(engine: str, project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """What ``scripts/dev.py build --engine ENGINE --site-dir SITE`` runs, run in ``project``."""
    _, (program, *args) = DEV.engine_command(["--engine", engine, "--site-dir", str(site)], serve=False)
    # dev.py runs the program from .venv's bin/; here, from the folder of the Python running the tests.
    command = [sys.executable if program == "python" else str(Path(sys.executable).parent / program), *args]
    return subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module", params=ENGINES)
def engine_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    engine: str = request.param
    need(engine)
    project = copy_project(tmp_path_factory.mktemp(engine))
    shutil.copy2(Path(__file__).resolve().parents[1] / "pyproject.toml", project / "pyproject.toml")
    result = engine_build(engine, project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    yield engine, project / "site"


def pages(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in site.rglob("index.html"))


def article_text(html: str) -> str:
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    for decoration in article.select(".headerlink, .md-content__button"):
        decoration.decompose()
    return " ".join(article.get_text(" ").split())


def test_every_page_reads_the_same_as_the_mkdocs_build(real_site: BuildResult, engine_site: tuple[str, Path]) -> None:
    engine, site = engine_site
    assert pages(site) == pages(real_site.site), f"{engine} builds the same pages"
    for page in pages(real_site.site):
        ours = (site / page).read_text(encoding="utf-8")
        assert article_text(ours) == article_text((real_site.site / page).read_text(encoding="utf-8")), (engine, page)
        assert "guide:" not in ours.split("<article", 1)[-1].split("</article>")[0], "no marker left"
        assert "{{" not in article_text(ours) and "{%" not in article_text(ours), "no Jinja left"


def test_the_tools_find_what_they_read(engine_site: tuple[str, Path]) -> None:
    _, site = engine_site
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(timeline, "html.parser")
    assert soup.select(".guide-phase[data-anchor][data-offset]"), "phases carry their anchor and offset"
    assert soup.select_one("#plan[data-lead-shortest][data-lead-longest]") is not None
    scripts = {Path(str(s["src"]).split("?")[0]).name for s in soup.select("script[src]")}
    ours = {"plan.js", "planchart.js", "plancalendar.js", "planner.js", "progress.js", "filters.js", "tables.js"}
    assert ours <= scripts


def narrowing_option(resources_page: str) -> tuple[str, str, int]:
    """A filter option that some resources on the page have and some do not: (facet, value, how many have it)."""
    soup = BeautifulSoup(resources_page, "html.parser")
    articles = soup.select("article.guide-resource")
    options = []
    for box in soup.select("fieldset[data-facet] input[type=checkbox]"):
        facet, value = str(box["name"]), str(box["value"])
        having = sum(value in str(a.get(f"data-{facet}", "")).split() for a in articles)
        if 0 < having < len(articles):
            options.append((having, facet, value))
    assert options, "some filter option must leave some resources out"
    having, facet, value = min(options)
    return facet, value, having


def test_the_planner_and_the_filters_work_on_the_other_builds(browser: Any, engine_site: tuple[str, Path]) -> None:
    _, site = engine_site
    facet, value, having = narrowing_option((site / "resources" / "index.html").read_text(encoding="utf-8"))
    with serve_dir(site) as url, opened(browser) as w:
        w.page.goto(url + "timeline/?start=2028-08-31")
        assert w.page.locator("#plan-list li[data-phase] time").count() > 0, "the planner dates the phases"
        w.page.goto(url + "resources/")
        everything = w.page.locator("article.guide-resource:visible").count()
        w.page.locator(f"fieldset[data-facet={facet}] input[value='{value}']").check()
        shown = w.page.locator("article.guide-resource:visible").count()
        assert 0 < shown == having < everything, (facet, value)
        assert f"{facet}=" in w.page.url


def test_bad_data_stops_the_hookless_build_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    need("zensical")
    project = copy_project(tmp_path)
    monkeypatch.chdir(project)  # the validator names files as seen from the project, as the build does
    edit(project / "data" / "resources.yml", "    cost: ", "    cost: pricey\n    x: ")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    result = engine_build("zensical", project, site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    expected = [str(p) for p in data_problems(Path("data"))]
    assert expected and all(line in result.stderr for line in expected), "the validator's own messages"
    assert [p.name for p in site.iterdir()] == ["index.html"] and not (project / "build" / "zensical" / "docs").exists()


def test_the_benchmark_compares_the_engines_dev_py_builds_with() -> None:
    assert tuple(BENCHED_ENGINES) == tuple(DEV.ENGINES)


@pytest.mark.parametrize("spelled", [["--engine", "zensical"], ["--engine=zensical"]])
def test_dev_py_reads_the_engine_in_either_spelling(spelled: list[str]) -> None:
    expected = ("zensical", [*DEV.ENGINES["zensical"][0], "--site-dir", "out"])
    assert DEV.engine_command([*spelled, "--site-dir", "out"], serve=False) == expected
    assert DEV.engine_command(["--site-dir", "out", *spelled], serve=False) == expected


def test_dev_py_builds_and_serves_with_mkdocs_unless_told_otherwise() -> None:
    build, serve = DEV.ENGINES["mkdocs"]
    assert DEV.engine_command(["--site-dir", "out"], serve=False) == ("mkdocs", [*build, "--site-dir", "out"])
    assert DEV.engine_command([], serve=True) == ("mkdocs", serve)
    assert DEV.engine_command(["--engine=properdocs"], serve=True) == ("properdocs", DEV.ENGINES["properdocs"][1])


@pytest.mark.parametrize("argv", [["--engine", "sphinx"], ["--engine=sphinx"], ["--engine"], ["--engine="]])
def test_dev_py_refuses_an_unknown_engine_and_names_the_known_ones(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert DEV.COMMANDS["build"]([*argv, "--site-dir", "out"]) == 2  # refused before anything is installed or run
    assert f"--engine must be one of: {', '.join(DEV.ENGINES)}" in capsys.readouterr().err


def test_dev_py_says_which_engine_cannot_serve(capsys: pytest.CaptureFixture[str]) -> None:
    assert DEV.COMMANDS["serve"](["--engine=zensical"]) == 2
    assert "zensical cannot preview this project live" in capsys.readouterr().err
