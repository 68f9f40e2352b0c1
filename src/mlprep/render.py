"""Render the guide's data into Markdown through Jinja templates.

Only our own templates run through Jinja. A page opts in by holding a marker
such as ``<!-- guide:timeline -->``; the rest of the page is left as written, so
``{{ }}`` in prose or a code sample can never break the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import groupby
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .guide import Guide
from .markdown_text import attr, inert
from .models import Cost, Level, Resource, ResourceType, Writeup
from .widgets import duration_words, facets, search_phase

TEMPLATES = Path(__file__).parent / "templates"
Entry = TypeVar("Entry", Resource, Writeup)
MARKER = re.compile(r"<!--\s*guide:([a-z][a-z-]*)\s*-->")

LABELS: dict[str, dict[Any, str]] = {
    "type_plural": {
        ResourceType.COURSE: "Courses",
        ResourceType.BOOK: "Books",
        ResourceType.LECTURE_NOTES: "Lecture notes",
        ResourceType.ARTICLE: "Articles and essays",
        ResourceType.VIDEO: "Video lectures",
        ResourceType.STUDY_PLAN: "Study plans and curricula",
        ResourceType.COMMUNITY: "Communities and practice",
        ResourceType.TOOL: "Tools",
    },
    "cost": {Cost.FREE: "Free", Cost.FREE_PAID_CERTIFICATE: "Free, paid certificate", Cost.PAID: "Paid"},
    "level": {
        Level.BEGINNER: "Beginner",
        Level.INTERMEDIATE: "Intermediate",
        Level.ADVANCED: "Advanced",
        Level.ALL: "All levels",
    },
    "page": {"timeline.md": "Timeline", "stories.md": "Stories"},
}


class RenderError(Exception):
    """A page or template problem, already worded as ``file:line: message``."""


def link(entry: Resource | Writeup) -> Markup:
    """An entry's title, linked to its page when it has one, or to the archived copy when the page is gone."""
    # f-strings over parts that are already escaped: Markup.format costs a Formatter per call.
    title = inert(entry.title)
    if entry.gone is not None:
        # The dead address is never a link: readers get the copy, told it is one and since when.
        found = entry.gone.found
        when = f'<time datetime="{found.isoformat()}">{found.day} {found:%B %Y}</time>'
        return Markup(
            f'<a href="{attr(entry.gone.archive)}" rel="noopener">{title}</a> '
            f'<span class="guide-gone">(archived copy; the original page was found gone on {when})</span>'
        )
    if entry.url is None:
        return Markup(f"<cite>{title}</cite>")
    return Markup(f'<a href="{attr(entry.url)}" rel="noopener">{title}</a>')


def live_first(entries: Iterable[Entry]) -> list[Entry]:
    """Entries whose page still answers before those only an archive keeps, otherwise in data order."""
    return sorted(entries, key=lambda e: e.gone is not None)


@pass_context
def cited(context: Context, ids: list[str]) -> Markup:
    """Links to the resources a task, insight or story cites by id."""
    if not ids:
        return Markup("")
    links = Markup(", ").join(link(context["resources"][i]) for i in ids)
    return Markup(f'<span class="guide-cites">See: {links}</span>')


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
        "task_count": sum(len(p.tasks) for p in guide.timeline.phases),
    }


def _planner(guide: Guide) -> dict[str, Any]:
    found = search_phase(guide.timeline)
    return {
        "lead_time": duration_words(found.offset) if found else "no time",
        "search_title": found.title if found else "When to start searching",
        "search_id": found.id if found else "",
    }


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
    problems: list[str] = []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8-sig")
        for match in MARKER.finditer(text) if "<!--" in text else ():
            name = match.group(1)
            if name in BLOCKS:
                wanted.add(name)
                continue
            line, col = _location(text, match.start())
            shown = path.relative_to(display_root) if display_root else path
            known = ", ".join(f"guide:{b}" for b in BLOCKS)
            problems.append(f"{shown}:{line}:{col}: unknown block '{name}' (known: {known})")
    if problems:
        raise RenderError("\n".join(problems))
    return {name: render_block(name, guide, env) for name in sorted(wanted)}


def fill_markers(markdown: str, blocks: dict[str, str]) -> str | None:
    """Replace each marker in a page with its rendered block; None when the page has none."""
    if not markers(markdown):
        return None
    return MARKER.sub(lambda m: blocks[m.group(1)], markdown)
