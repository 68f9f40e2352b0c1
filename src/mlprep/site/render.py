"""Render the guide's data into Markdown through Jinja templates.

Only our own templates run through Jinja. A page opts in by holding a marker
such as ``<!-- guide:timeline -->``; the rest of the page is left as written, so
``{{ }}`` in prose or a code sample can never break the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import groupby
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
)

from mlprep.data.load import Guide
from mlprep.data.models import (
    ResourceType,
)
from mlprep.data.problems import DataError, Problem
from mlprep.data.terminal_text import acting_character, one_line
from mlprep.site.dom_ids import collisions
from mlprep.site.facets import facets
from mlprep.site.markdown_text import attr, inert
from mlprep.site.phase_order import DEFAULT_INTERVIEW_WEEKS, in_date_order
from mlprep.site.template_helpers import (
    LABELS,
    cited,
    claim,
    insight_mark,
    link,
    live_first,
    source_mark,
    writeup_anchor,
)

TEMPLATES = Path(__file__).parent / "templates"
MARKER = re.compile(r"<!--\s*guide:([a-z][a-z-]*)\s*-->")
# The suffixes MkDocs reads as Markdown pages (mkdocs.utils.markdown_extensions; a test keeps them equal).
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


class RenderError(Exception):
    """Page or template problems, already worded as ``file:line: message``, one a line, each inert in a log."""


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        finalize=inert,  # every printed value is inert text unless a helper made it Markup
        autoescape=False,
        keep_trailing_newline=True,
    )
    env.filters["attr"] = attr
    env.filters["live_first"] = live_first
    env.globals.update(link=link, cited=cited, labels=LABELS)
    env.globals.update(claim=claim, source_mark=source_mark, insight_mark=insight_mark, writeup_anchor=writeup_anchor)
    env.globals.update(facets=facets)
    return env


def _context(guide: Guide) -> dict[str, Any]:
    order = list(ResourceType)
    by_type = sorted(guide.catalog.resources, key=lambda r: order.index(r.type))
    return {
        "catalog": guide.catalog,
        "timeline": guide.timeline,
        "stories": guide.stories,
        "resources": guide.resources,
        "citations": guide.citations,
        "groups": [(t, list(items)) for t, items in groupby(by_type, key=lambda r: r.type)],
        "source": guide.catalog.source,
        "topic_labels": {t.id: t.label for t in guide.catalog.topics},
        "task_count": sum(len(p.tasks) for p in guide.timeline.phases),
        "phases": in_date_order(guide.timeline),
    }


def _planner(guide: Guide) -> dict[str, Any]:
    return {"lead": guide.timeline.lead_time, "interview_weeks": DEFAULT_INTERVIEW_WEEKS}


# Each block's template context; the data file a block shows is where its page is edited.
BLOCKS: dict[str, Callable[[Guide], dict[str, Any]]] = {
    "overview": _context,
    "timeline": lambda g: _context(g) | {"source": g.timeline.source},
    "stories": lambda g: _context(g) | {"source": g.stories.source},
    "resources": _context,
    "planner": lambda g: _context(g) | _planner(g),
    "filters": _context,
}

BLOCK_DATA = {"timeline": "timeline.yml", "stories": "stories.yml", "resources": "resources.yml"}


def markers(markdown: str) -> list[str]:
    """The names of the blocks a page asks for, in order."""
    return MARKER.findall(markdown) if "<!--" in markdown else []


def _template_line(tb: TracebackType | None) -> str:
    """The template file and line where a Jinja error happened, from its traceback."""
    where = ""
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def render_block(name: str, guide: Guide, env: Environment) -> str:
    try:
        return env.get_template(f"{name}.md.j2").render(BLOCKS[name](guide))
    except TemplateSyntaxError as err:
        raise RenderError(f"{err.filename}:{err.lineno}: template syntax error: {err.message}") from None
    except TemplateError as err:
        where = _template_line(err.__traceback__) or f"{name}.md.j2"
        raise RenderError(f"{where}: template error: {err.message}") from None


def _location(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def render_blocks(
    docs_dir: Path, guide: Guide, env: Environment, *, display_root: Path | None = None
) -> dict[str, str]:
    """Render every block that some page in ``docs_dir`` asks for, once each.

    Runs before MkDocs writes anything, so an unknown marker or a template error
    stops the build with the previous site still in place.
    """
    wanted: set[str] = set()
    on_page: dict[str, list[str]] = {}
    # Problems as the data files' are (Problem): each printed on one line nothing in it can act on.
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*")):
        shown = str(path.relative_to(display_root) if display_root else path)
        if found := acting_character(path.name):
            # MkDocs and Zensical name pages in their logs: a line break in a name could start an Actions
            # workflow command there. Refused here, before either engine runs or anything is written.
            code = f"U+{ord(found):04X}"
            message = f"the name holds the control or invisible character {code}, which a log could act on; rename it"
            problems.append(Problem(shown, 1, 1, message))
        if path.suffix.lower() not in MARKDOWN_SUFFIXES or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            problems.append(Problem(shown, 1, 1, f"cannot read the page as UTF-8 text ({err.__class__.__name__})"))
            continue
        for match in MARKER.finditer(text) if "<!--" in text else ():
            name = match.group(1)
            if name in BLOCKS:
                wanted.add(name)
                on_page.setdefault(shown, []).append(name)
                continue
            line, col = _location(text, match.start())
            known = ", ".join(f"guide:{b}" for b in BLOCKS)
            problems.append(Problem(shown, line, col, f"unknown block '{name}' (known: {known})"))
    if problems:
        raise RenderError("\n".join(str(p) for p in problems))
    blocks = {name: render_block(name, guide, env) for name in sorted(wanted)}
    pages_text = {page: "\n".join(blocks[n] for n in names) for page, names in on_page.items()}
    located, unexplained = collisions(pages_text, guide.documents)
    if located:
        raise DataError(located)
    if unexplained:  # the templates themselves repeat an id; each line names a page, whose name could act
        raise RenderError("\n".join(one_line(u) for u in unexplained))
    return blocks


def fill_markers(markdown: str, blocks: dict[str, str], *, fallback: str | None = None) -> str | None:
    """Replace each marker in a page with its rendered block; None when the page has none.

    A block that was not rendered is ``fallback`` when given (a preview whose data is broken),
    else a RenderError: a page render_blocks did not see must not fail with a KeyError.
    """
    names = markers(markdown)
    if not names:
        return None
    missing = sorted(set(names) - set(blocks))
    if missing and fallback is None:
        raise RenderError(f"a page asks for block(s) {', '.join(missing)} that were not rendered before the build")
    return MARKER.sub(lambda m: blocks.get(m.group(1), fallback or ""), markdown)


def problems_banner(problems: list[str]) -> str:
    """A notice for the top of every previewed page while the data is broken: each problem, located and inert."""
    items = "".join(f"<li><code>{inert(one_line(p))}</code></li>" for p in problems)
    return (
        '<div class="admonition failure guide-data-problems" role="alert">\n'
        '<p class="admonition-title">The data has problems: this preview shows the last good version</p>\n'
        f"<ul>{items}</ul>\n<p>Fix them and save; the preview rebuilds by itself.</p>\n</div>\n\n"
    )
