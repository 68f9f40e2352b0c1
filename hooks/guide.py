"""MkDocs hook: wires the guide's data to MkDocs events; the work lives in ``mlprep``.

Data is loaded on every build, inside ``on_config``, never at import time:
``mkdocs serve`` keeps this module loaded across rebuilds. A build stops on bad
data before anything is written; a preview (``serve``) instead keeps showing the
last good pages with the located problems on top, and recovers on the next good save.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from mlprep.data.load import load_guide
from mlprep.data.problems import DataError
from mlprep.data.terminal_text import one_line
from mlprep.site.render import (
    BLOCK_DATA,
    TEMPLATES,
    RenderError,
    environment,
    fill_markers,
    markers,
    problems_banner,
    render_blocks,
)
from mlprep.site.theme_cache import THEME_CACHE

if TYPE_CHECKING:  # annotations only: mkdocs.livereload pulls in http.server and watchdog on every build
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)
_build: dict[str, Any] = {}


def _data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def on_startup(*, command: str, dirty: bool) -> None:
    _build["serving"] = command == "serve"


def on_config(config: MkDocsConfig) -> None:
    # Everything that can fail runs here, before MkDocs cleans or writes site/.
    root = Path(config.config_file_path).resolve().parent
    try:
        guide = load_guide(_data_dir(config))
        blocks = render_blocks(Path(config.docs_dir), guide, environment(), display_root=root)
    except DataError as err:
        for problem in err.problems:
            log.error(str(problem))
        _stop_or_preview([str(p) for p in err.problems], err.report().splitlines()[-1])
        return
    except RenderError as err:
        _stop_or_preview(str(err).splitlines(), str(err))
        return
    if _build.get("problems"):  # a preview that showed problems says in the terminal too that they are gone
        log.info("the data's problems are fixed; the preview shows the current data")
    _build.update(blocks=blocks, problems=[])


def _stop_or_preview(problems: list[str], summary: str) -> None:
    if not _build.get("serving"):
        raise PluginError(summary) from None
    # A stuck preview helps nobody mid-edit: keep the last good blocks and show the problems.
    _build["problems"] = problems


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    problems: list[str] = _build.get("problems", [])
    names = markers(markdown)
    if not names and not problems:
        return None
    data_file = next((BLOCK_DATA[n] for n in names if n in BLOCK_DATA), None)
    if data_file and config.repo_url and config.edit_uri:
        # The page's words live in data/, so "edit this page" opens the data file.
        edit_root = config.edit_uri.rstrip("/").rsplit("/", 1)[0]
        page.edit_url = f"{config.repo_url.rstrip('/')}/{edit_root}/data/{data_file}"
    fallback = "*This part shows once the data is fixed.*" if problems else None
    try:
        filled = fill_markers(markdown, _build.get("blocks", {}), fallback=fallback)
    except RenderError as err:
        # One line, as every located problem: the page's name could hold a line break and "::error".
        raise PluginError(one_line(f"{page.file.src_uri}: {err}")) from None
    return problems_banner(problems) + (filled or markdown) if problems else filled


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    # A serve rebuild reuses the theme's compiled templates (checked against their source).
    env.bytecode_cache = THEME_CACHE
    return env


def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> None:
    server.watch(str(_data_dir(config)))
    server.watch(str(TEMPLATES))
