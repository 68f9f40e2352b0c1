"""Shared fixtures: the real site built once per session, served on loopback, and a browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import ARGS, chromium_path
from tests.support.project import FIXTURE, BuildResult, build, copy_project
from tests.support.serve import serve_dir


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
def browser() -> Iterator[object]:
    executable = chromium_path()
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


def pytest_report_header() -> str:
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "not found"
    return f"chromium: {chromium}; CI={os.environ.get('CI', '')!r}"
