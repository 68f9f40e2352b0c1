"""Staging for an engine that runs no hooks (Zensical): the pages filled first, into a staging copy.

The same functions as the MkDocs hook load and validate the data and render every
marked block; the filled pages go to a copy of ``docs/`` under ``build/`` (never over
the sources), with a copy of the configuration that points at it and names no hooks.
Bad data stops here, before the engine runs or anything is written. The command
that stages, runs Zensical and publishes the site is ``python -m mlprep.cli.build_zensical``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from mlprep.data.load import load_guide
from mlprep.site.render import MARKDOWN_SUFFIXES, environment, fill_markers, render_blocks


def stage(root: Path, out: Path) -> Path:
    """Fill ``root``'s pages into ``out/docs`` and write ``out/mkdocs.yml``; return that config's path.

    Everything the engine reads sits under ``out`` (Zensical wants the docs, the theme
    overrides and the site inside the config's folder); the site is built to ``out/site``.
    Raises DataError or RenderError, with every located problem, before writing anything.
    """
    config: dict[str, Any] = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = root / config.get("docs_dir", "docs")
    blocks = render_blocks(docs, load_guide(root / "data"), environment(), display_root=root)
    out.mkdir(parents=True, exist_ok=True)
    _replace(out / "docs", docs, fill=lambda text: fill_markers(text, blocks))
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        _replace(out / "overrides", root / theme["custom_dir"])
        theme["custom_dir"] = "overrides"
    for ext in config.get("markdown_extensions", []):
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            # Snippets (CONTRIBUTING.md on the contributing page) are read from the project, not the copy.
            base = ext["pymdownx.snippets"].get("base_path", ["."])
            ext["pymdownx.snippets"]["base_path"] = [str((root / b).resolve()) for b in base]
    config.pop("hooks", None)  # the blocks are filled already
    config.pop("watch", None)
    config.update(docs_dir="docs", site_dir="site")
    path = out / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _replace(target: Path, source: Path, fill: Callable[[str], str | None] | None = None) -> None:
    """``target`` becomes a copy of ``source`` (pages filled), swapped in whole: never half-staged."""
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    shutil.copytree(source, fresh, dirs_exist_ok=True)
    if fill is not None:
        for page in fresh.rglob("*"):
            if page.suffix.lower() in MARKDOWN_SUFFIXES and page.is_file():
                filled = fill(page.read_text(encoding="utf-8-sig"))
                if filled is not None:
                    page.write_text(filled, encoding="utf-8")
    if target.exists():
        shutil.rmtree(target)
    fresh.rename(target)


def publish(built: Path, target: Path) -> None:
    """Put a finished site in place of ``target`` in one rename; the old site stays until then."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    shutil.copytree(built, incoming, dirs_exist_ok=True)  # copy: built/ may be on another disk
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        target.rename(old / "site")
        incoming.rename(target)
        shutil.rmtree(old)
    else:
        incoming.rename(target)
