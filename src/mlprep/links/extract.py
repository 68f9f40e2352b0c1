"""Content links of a built site: every external URL a reader can follow, and the pages citing it.

Theme boilerplate is not content: the header (repository link), navigation,
footer (copyright, generator credit), sidebars, scripts and stylesheets, and
Material's "edit this page" button. On a Material page the content is the
``<article>``; on a page without one, everything outside header/footer/nav/aside.
Internal links (relative, or under the site's own URL) are the strict build's job.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

_BOILERPLATE = {"header", "footer", "nav", "aside", "script", "style", "noscript", "template"}
_SKIP_CLASSES = {"md-content__button", "headerlink", "md-source", "md-skip"}
_LINK_ATTRS = {"a": "href", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src"}
# Pages that are theme machinery rather than content.
_SKIP_PAGES = {"404.html"}
_SKIP_DIRS = {"assets", "search"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []  # open article/boilerplate elements only
        self.saw_article = False
        self.found: list[tuple[str, bool]] = []  # (url, inside <article>)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or tag in _BOILERPLATE:
            self.stack.append(tag)
            self.saw_article |= tag == "article"
            return
        attr = _LINK_ATTRS.get(tag)
        if attr is None or any(t in _BOILERPLATE for t in self.stack):
            return
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if classes & _SKIP_CLASSES:
            return
        url = values.get(attr)
        if url:
            self.found.append((url.strip(), "article" in self.stack))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            # Close the innermost open element of that name (tolerates sloppy HTML).
            index = len(self.stack) - 1 - self.stack[::-1].index(tag)
            del self.stack[index:]


def page_links(html: str) -> list[str]:
    """External content URLs of one HTML page, in document order, fragments removed."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    urls = [url for url, in_article in parser.found if in_article or not parser.saw_article]
    out = []
    for url in urls:
        if url.startswith("//"):
            url = "https:" + url
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        url = urldefrag(url).url
        if url not in out:
            out.append(url)
    return out


def page_name(site: Path, html_file: Path) -> str:
    """The page as a reader sees its address: ``/timeline/`` for ``timeline/index.html``."""
    rel = html_file.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def site_links(site: Path, site_url: str | None = None) -> dict[str, list[str]]:
    """Every external content URL of the site → the pages citing it, in a stable order."""
    cited: dict[str, list[str]] = {}
    for html_file in sorted(site.rglob("*.html")):
        rel = html_file.relative_to(site)
        if rel.as_posix() in _SKIP_PAGES or rel.parts[0] in _SKIP_DIRS:
            continue
        page = page_name(site, html_file)
        for url in page_links(html_file.read_text(encoding="utf-8", errors="replace")):
            if site_url and url.startswith(site_url):
                continue  # the site linking to itself: internal
            pages = cited.setdefault(url, [])
            if page not in pages:
                pages.append(page)
    return dict(sorted(cited.items()))
