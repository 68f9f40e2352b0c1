"""GitHub-flavoured Markdown rendered as GitHub would (CommonMark and tables), to see what text can act."""

from __future__ import annotations

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark").enable("table")
# Where GitHub neither links mentions nor issue references, and no Markdown acts.
INERT = {"code", "pre"}


def render(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(_MD.render(markdown), "html.parser")


def outside_code(markdown: str) -> str:
    """The rendered text that is not inside code: where a mention or a reference would act."""
    soup = render(markdown)
    for node in soup.find_all(list(INERT)):
        node.decompose()
    return soup.get_text()


def code_texts(markdown: str) -> list[str]:
    return [node.get_text() for node in render(markdown).find_all("code")]
