"""Staging for the hookless engine (mlprep.site.stage, run by mlprep.cli.build_zensical), without the engine.

Material configs often carry tags safe YAML does not know (``!!python/name:`` for
emoji and custom fences): staging keeps them for the engine instead of failing.
A configuration it cannot read is reported with its place, never as a traceback.
Builds sharing the staging folder take turns: it is locked from staging to publishing.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mlprep.cli import build_zensical
from mlprep.site.stage import ConfigError, Tagged, read_config, stage
from tests.support.data import edit
from tests.support.project import FIXTURE, copy_project
from tests.test_engines import engine_build, need

# As Material's documentation writes them.
TAGGED_EXTENSIONS = """markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def test_tags_safe_yaml_does_not_know_reach_the_staged_config_unchanged(tmp_path: Path) -> None:
    project = copy_project(tmp_path, data=FIXTURE)
    edit(project / "mkdocs.yml", "markdown_extensions:\n", TAGGED_EXTENSIONS)
    staged = stage(project, project / "build" / "zensical")
    text = staged.read_text(encoding="utf-8")
    for name in ("material.extensions.emoji.twemoji", "material.extensions.emoji.to_svg"):
        assert f"!!python/name:{name}" in text
    extensions = read_config(staged)["markdown_extensions"]
    emoji = next(e["pymdownx.emoji"] for e in extensions if isinstance(e, dict) and "pymdownx.emoji" in e)
    assert isinstance(emoji["emoji_index"], Tagged)
    assert emoji["emoji_index"].tag == "tag:yaml.org,2002:python/name:material.extensions.emoji.twemoji"
    assert "hooks" not in read_config(staged) and (staged.parent / "docs" / "resources.md").is_file()


def test_zensical_builds_a_config_with_those_tags(tmp_path: Path) -> None:
    need("zensical")
    project = copy_project(tmp_path, data=FIXTURE)
    edit(project / "mkdocs.yml", "markdown_extensions:\n", TAGGED_EXTENSIONS)
    result = engine_build("zensical", project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "resources" / "index.html").is_file()


def test_a_config_that_is_not_yaml_is_reported_with_its_place(tmp_path: Path) -> None:
    project = copy_project(tmp_path, data=FIXTURE)
    line = edit(project / "mkdocs.yml", "nav:\n", "nav: [unclosed\n")
    with pytest.raises(ConfigError, match=r"^mkdocs\.yml:\d+:\d+: ") as raised:
        stage(project, project / "build" / "zensical")
    assert int(str(raised.value).split(":")[1]) >= line, "at or after the broken line"
    assert not (project / "build").exists(), "nothing staged"


def test_a_path_setting_under_a_tag_is_refused_by_name(tmp_path: Path) -> None:
    project = copy_project(tmp_path, data=FIXTURE)
    edit(project / "mkdocs.yml", "theme:\n", "docs_dir: !ENV [DOCS_DIR, docs]\ntheme:\n")
    with pytest.raises(ConfigError, match=r"^mkdocs\.yml: docs_dir must be a plain path"):
        stage(project, project / "build" / "zensical")


def test_the_build_command_reports_a_broken_config_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path, data=FIXTURE)
    edit(project / "mkdocs.yml", "nav:\n", "nav: [unclosed\n")
    monkeypatch.chdir(project)
    assert build_zensical.main([]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mkdocs.yml:") and err.count("\n") == 1 and "Traceback" not in err


def assert_locked(folder: Path) -> None:
    """Another open of ``folder`` cannot take its lock: someone holds it."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(handle)


def test_the_staging_folder_is_locked_from_staging_to_publishing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "build" / "zensical"
    steps = []

    def staged(root: Path, folder: Path) -> Path:
        assert folder == out
        assert_locked(out)
        steps.append("stage")
        return out / "mkdocs.yml"

    def built(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        assert_locked(out)
        steps.append("build")
        return subprocess.CompletedProcess(command, 0)

    def published(site: Path, target: Path) -> None:
        assert_locked(out)
        steps.append("publish")

    monkeypatch.setattr(build_zensical, "stage", staged)
    monkeypatch.setattr(subprocess, "run", built)  # the command runs the engine through subprocess.run
    monkeypatch.setattr(build_zensical, "publish", published)
    assert build_zensical.main([]) == 0
    assert steps == ["stage", "build", "publish"]
    handle = os.open(out, os.O_RDONLY)  # and released after
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(handle)
