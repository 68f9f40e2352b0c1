"""Shared fixtures: the real site built once per session, served on loopback, and a browser.

Also the rules every run keeps: under CI nothing is skipped (a skip there would hide a
missing install), and Hypothesis runs the profile ``HYPOTHESIS_PROFILE`` names.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from tests.support.browser import ARGS, chromium_path
from tests.support.ci import in_ci
from tests.support.project import FIXTURE, SMALL_DATA, BuildResult, build, copy_project
from tests.support.serve import serve_dir

# Hypothesis loads its "ci" profile by itself when CI is set: derandomised, so a pull request
# never goes red on an example no one can replay. The nightly job asks for fresh examples with
# HYPOTHESIS_PROFILE=nightly; its seed is chosen here and printed in the header to replay a run.
settings.register_profile("nightly", settings.get_profile("ci"), derandomize=False)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE")
if PROFILE:
    settings.load_profile(PROFILE)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if PROFILE == "nightly" and config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(random.SystemRandom().randrange(2**32))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own site, built once with --strict."""
    project = copy_project(tmp_path_factory.mktemp("real"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def site_url(real_site: BuildResult) -> Iterator[str]:
    with serve_dir(real_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built from the fixture guide (tests/corpus/guide), served: for rules that need given content."""
    result = build(copy_project(tmp_path_factory.mktemp("fixture-site"), data=FIXTURE))
    assert result.returncode == 0, result.output
    with serve_dir(result.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if in_ci():
        from playwright import sync_api  # an ImportError here fails every browser test, as it must in CI
    else:
        sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=executable, args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project to edit and build: only for edits that hold whatever the data says."""
    return copy_project(tmp_path)


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    """A fresh copy of the project whose data is the fixture guide (tests/corpus/guide), to edit by text."""
    return copy_project(tmp_path, data=FIXTURE)


@pytest.fixture
def small_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder whose data/ is the small valid data set (tests/corpus/base), as the working directory.

    Outside GitHub Actions' log format, so messages read as a contributor's terminal shows them.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    shutil.copytree(SMALL_DATA, tmp_path / "data")
    return tmp_path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Under CI a skip is a failure: a test that cannot run there means a missing install, not a pass."""
    report = yield
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, where every test must run: {reason}"
    return report


def seeds(config: pytest.Config) -> list[str]:
    """How to replay this run's random choices: the test order's seed, Hypothesis's profile and seed."""
    lines = []
    try:
        from random_order.config import Config as RandomOrder
    except ImportError:  # pragma: no cover - the plugin is in the test extra
        RandomOrder = None
    if RandomOrder is not None and RandomOrder(config).is_enabled:
        order = RandomOrder(config)
        lines.append(
            f"random order: bucket {order.bucket_type}, seed {order.seed} (replay: --random-order-seed={order.seed})"
        )
    seed = config.getoption("hypothesis_seed", None)
    if PROFILE or seed is not None:
        replay = f" (replay: HYPOTHESIS_PROFILE={PROFILE} ... --hypothesis-seed={seed})" if seed is not None else ""
        lines.append(f"hypothesis: profile {settings.get_current_profile_name()!r}, seed {seed}{replay}")
    return lines


def pytest_report_header(config: pytest.Config) -> list[str]:
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "not found"
    return [
        f"chromium: {chromium}; CI={os.environ.get('CI', '')!r} (skips {'fail' if in_ci() else 'allowed'})",
        *seeds(config),
    ]


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    # Again at the end, where -q (which hides the header) still shows it, before the closing line.
    for line in seeds(config):
        terminalreporter.write_line(line)
