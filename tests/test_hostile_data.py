"""Hostile text in every text field renders inert in a real browser: no script runs, nothing escapes its element.

A fixture project gets a payload in every free-text field of every data file
(fields found from the JSON Schemas, so a new field is covered without an edit),
is built with --strict, served on loopback and opened in headless Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from mlprep.data.models import DATA_FILES
from mlprep.data.schemas import schema, topics
from tests.support.project import build, copy_project
from tests.support.serve import serve_dir

PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "[click me](javascript:window.__pwned='md-link')",
    "</article></section></div></dd></dl><script>window.__pwned='escape'</script>",
    "\"><svg onload=window.__pwned='svg'>",
    "<!-- guide:resources --> {{ 7*7 }} {% if 1 %}jinja{% endif %}",
    '--8<-- "mkdocs.yml"',
    "**bold** _em_ `code` # heading | cell | {: onclick=alert(1) } <b>tag</b> &amp; &lt;",
    "javascript:window.__pwned='bare'",
]
# One unbroken word as long as the field allows: it must wrap, not widen the page.
LONG = "W"
# A link that passes validation but tries to leave its attribute.
HOSTILE_URL = 'https://example.org/x"onmouseover="window.__pwned=\'attr\'"<script>'
PAGES = {"": None, "timeline/": "timeline.yml", "stories/": "stories.yml", "resources/": "resources.yml"}


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    node = next((n for n in node.get("anyOf", [node]) if n.get("type") != "null"), node)
    return defs[node["$ref"].rsplit("/", 1)[1]] if "$ref" in node else node


def poison(data: Any, node: dict[str, Any], defs: dict[str, Any], placed: list[str]) -> Any:
    """``data`` with every free-text string (no enum, pattern or format) replaced by a payload."""
    node = _resolve(node, defs)
    if isinstance(data, dict):
        return {k: poison(v, node["properties"][k], defs, placed) for k, v in data.items()}
    if isinstance(data, list):
        return [poison(v, node["items"], defs, placed) for v in data]
    if isinstance(data, str) and node.get("type") == "string" and not {"enum", "pattern", "format"} & set(node):
        n = len(placed)
        text = (
            LONG * node["maxLength"] if n % (len(PAYLOADS) + 1) == len(PAYLOADS) else PAYLOADS[n % (len(PAYLOADS) + 1)]
        )
        text = text[: node["maxLength"]]
        placed.append(text)
        return text
    return data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, list[str]]]]:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    placed: dict[str, list[str]] = {}
    for name in DATA_FILES:
        path = project / "data" / name
        full = schema(name, [t.id for t in topics(project)])  # topic ids are a vocabulary, not free text
        placed[name] = []
        data = poison(yaml.safe_load(path.read_text(encoding="utf-8")), full, full.get("$defs", {}), placed[name])
        if name == "resources.yml":  # on an entry that is not marked gone (its archive must match its url)
            next(r for r in data["resources"] if "gone" not in r)["url"] = HOSTILE_URL
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output
    with serve_dir(result.site) as url:
        yield url, placed


def squash(text: str) -> str:
    return " ".join(text.split())


INJECTED = "script:not([src]), [onerror], [onload], [onmouseover], [onclick], iframe, a[href^='javascript:' i]"
# (The theme's own icons are inline <svg>; an injected one would need an on* handler to act, caught above.)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_shown_as_text(
    browser: Any, hostile: tuple[str, dict[str, list[str]]], path: str, width: int
) -> None:
    base, placed = hostile
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    # By the load event every image has loaded or failed and the parser has run every inline
    # handler, so a payload that could act has acted.
    page.goto(base + path, wait_until="load")

    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    content = page.locator(".md-content")
    assert page.locator(f".md-content :is({INJECTED})").count() == 0
    # Inline scripts on the page are only the theme's own, none carrying a payload.
    assert all("__pwned" not in s for s in page.locator("script").all_inner_texts())
    shown = squash(content.inner_text())
    data_file = PAGES[path]
    if data_file:
        missing = [t for t in placed[data_file] if squash(t) not in shown]
        assert missing == [], missing[:3]
        assert "site_name" not in shown  # the snippet line was not included
        assert "49" not in shown.replace("1249", "")  # {{ 7*7 }} was not evaluated
    # Nothing widens the page: long unbroken words wrap inside their element.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_elements_are_not_escaped_and_links_keep_noopener(
    browser: Any, hostile: tuple[str, dict[str, list[str]]]
) -> None:
    base, _ = hostile
    page = browser.new_page()
    page.goto(base + "resources/", wait_until="load")
    data = yaml.safe_load((Path(__file__).parents[1] / "data" / "resources.yml").read_text(encoding="utf-8"))
    articles = page.locator("article.guide-resource")
    assert articles.count() == len(data["resources"])
    # Every resource's fields stayed inside its own card.
    assert page.locator("article.guide-resource .guide-meta").count() == len(data["resources"])
    # The link that tries to leave its attribute keeps it whole; hovering would fire an injected handler.
    hostile_links = [a for a in page.locator(".guide-resource-title a").all() if a.get_attribute("href") == HOSTILE_URL]
    assert len(hostile_links) == 1
    hostile_links[0].hover()
    assert page.evaluate("window.__pwned") is None
    for link in page.locator(".guide-resource a[href], .guide-credit a[href], .guide-cites a[href]").all():
        href = link.get_attribute("href") or ""
        if urlsplit(href).hostname not in (None, "127.0.0.1"):
            assert "noopener" in (link.get_attribute("rel") or "").split(), href
    page.goto(base + "stories/")
    stories = yaml.safe_load((Path(__file__).parents[1] / "data" / "stories.yml").read_text(encoding="utf-8"))
    assert page.locator("article.guide-story").count() == len(stories["stories"])
    page.close()
