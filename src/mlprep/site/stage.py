"""Staging for an engine that runs no hooks (Zensical): the pages filled first, into a staging copy.

The same functions as the MkDocs hook load and validate the data and render every
marked block; the filled pages go to a copy of ``docs/`` under ``build/`` (never over
the sources), with a copy of the configuration that points at it and names no hooks.
Bad data stops here, before the engine runs or anything is written. The command
that stages, runs Zensical and publishes the site is ``python -m mlprep.cli.build_zensical``;
it holds a lock on the staging folder, so builds that share it take turns.

The configuration is read safely, and a value under a tag staging does not interpret
(``!!python/name:material.extensions.emoji.twemoji``, common in Material configs, or
MkDocs' ``!ENV``) is written back to the staged copy under the same tag, for the engine.
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


class ConfigError(Exception):
    """The configuration cannot be staged; the message says where (``mkdocs.yml:line:col: ...``) and why."""


class Tagged:
    """A value under a tag staging does not interpret, kept to be written back as it was."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value

    def __repr__(self) -> str:
        return f"Tagged({self.tag!r}, {self.value!r})"


class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader, which keeps any other tag's value as a :class:`Tagged` instead of failing."""


def _construct_tagged(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = loader.construct_scalar(node)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


_ConfigLoader.add_multi_constructor("", _construct_tagged)  # any tag the safe loader has no constructor for


class _ConfigDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, which writes a :class:`Tagged` value under its own tag."""


def _represent_tagged(dumper: _ConfigDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_ConfigDumper.add_representer(Tagged, _represent_tagged)


def read_config(path: Path) -> dict[str, Any]:
    """The configuration at ``path`` as a dict; raises ConfigError, located, if it is not YAML or not a mapping."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # a safe loader: see _ConfigLoader
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{path.name}:{mark.line + 1}:{mark.column + 1}" if mark else path.name
        raise ConfigError(f"{where}: {err.problem or err.context}") from None
    except yaml.YAMLError as err:
        raise ConfigError(f"{path.name}: {err}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{path.name}: the configuration must be a mapping of settings")
    return config


def _path_setting(config: dict[str, Any], *keys: str, default: str) -> str:
    """A setting staging reads as a path: plain text, not under a tag (which only the engine can resolve)."""
    value: Any = config
    for key in keys:
        value = value.get(key, default) if isinstance(value, dict) else default
    if not isinstance(value, str):
        raise ConfigError(f"mkdocs.yml: {'.'.join(keys)} must be a plain path for staging, not {value!r}")
    return value


def stage(root: Path, out: Path) -> Path:
    """Fill ``root``'s pages into ``out/docs`` and write ``out/mkdocs.yml``; return that config's path.

    Everything the engine reads sits under ``out`` (Zensical wants the docs, the theme
    overrides and the site inside the config's folder); the site is built to ``out/site``.
    Raises ConfigError, DataError or RenderError, with every located problem, before writing anything.
    """
    config = read_config(root / "mkdocs.yml")
    docs = root / _path_setting(config, "docs_dir", default="docs")
    blocks = render_blocks(docs, load_guide(root / "data"), environment(), display_root=root)
    out.mkdir(parents=True, exist_ok=True)
    _replace(out / "docs", docs, fill=lambda text: fill_markers(text, blocks))
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        _replace(out / "overrides", root / _path_setting(config, "theme", "custom_dir", default=""))
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
    path.write_text(yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
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
