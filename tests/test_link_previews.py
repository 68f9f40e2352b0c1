"""Link previews: every page has Open Graph and Twitter card tags and a canonical URL, all absolute."""

from __future__ import annotations

import html
import struct
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup

from mlprep.site.stage import read_config
from tests.support.project import ROOT, BuildResult, build
from tests.support.social_image import page_html

CONFIG = read_config(ROOT / "mkdocs.yml")
SITE_URL: str = CONFIG["site_url"]
IMAGE = ROOT / "docs" / "assets" / "social.png"
PROPERTIES = ["og:type", "og:site_name", "og:title", "og:description", "og:url", "og:image", "og:image:alt"]
NAMES = ["twitter:card", "twitter:title", "twitter:description", "twitter:image"]


def built_pages(site: Path) -> list[Path]:
    # 404.html is a template, not a page: it has no URL of its own to share.
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]


def tags(path: Path) -> dict[str, str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    found = {str(m["property"]): str(m["content"]) for m in soup.select("meta[property][content]")}
    found |= {str(m["name"]): str(m["content"]) for m in soup.select("meta[name][content]")}
    canonical = soup.select("link[rel=canonical]")
    assert len(canonical) == 1, path
    found["canonical"] = str(canonical[0]["href"])
    return found


def url_of(site: Path, path: Path) -> str:
    """The public URL of a built file (directory URLs: timeline/index.html is timeline/)."""
    rel = path.relative_to(site).as_posix().removesuffix("index.html")
    return SITE_URL + rel


def test_every_page_has_preview_tags_with_absolute_urls(real_site: BuildResult) -> None:
    pages = built_pages(real_site.site)
    assert len(pages) >= 5
    for path in pages:
        found = tags(path)
        missing = [k for k in PROPERTIES + NAMES if not found.get(k, "").strip()]
        assert missing == [], (path, missing)
        assert found["canonical"] == found["og:url"] == url_of(real_site.site, path), path
        for key in ("og:url", "og:image", "twitter:image", "canonical"):
            parts = urlsplit(found[key])
            assert parts.scheme == "https" and parts.netloc, (path, key, found[key])
        assert found["og:image"] == found["twitter:image"] == SITE_URL + "assets/social.png"
        assert found["twitter:card"] == "summary_large_image"
        assert found["og:description"] == found["twitter:description"] == found["description"], path
        assert CONFIG["site_name"] in found["og:title"]


def test_preview_image_is_published_and_1200_by_630(real_site: BuildResult) -> None:
    published = real_site.site / "assets" / "social.png"
    assert published.read_bytes() == IMAGE.read_bytes()
    head = IMAGE.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1200, 630)


def test_the_preview_image_can_be_redrawn_from_the_config() -> None:
    # scripts/make_social_image.py draws the site's logo icon and name, both read from mkdocs.yml.
    drawn = page_html()
    assert "<svg" in drawn and html.escape(CONFIG["site_name"]) in drawn


def test_a_page_without_a_description_falls_back_to_the_site_description(real_site: BuildResult) -> None:
    found = tags(real_site.site / "contributing" / "index.html")
    assert found["og:description"] == " ".join(CONFIG["site_description"].split())


def test_titles_and_descriptions_are_escaped(project: Path) -> None:
    hostile = 'Tom\'s <b>bold</b> & "quoted" plan'
    page = project / "docs" / "stories.md"
    _, front, body = page.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front) | {"title": hostile, "description": hostile + " Four"}
    page.write_text(f"---\n{yaml.safe_dump(meta)}---\n{body}", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    found = tags(result.site / "stories" / "index.html")
    # A title is text: markup in it is dropped (as in <title>), the rest is escaped.
    assert found["og:title"] == found["twitter:title"] == f'Tom\'s bold & "quoted" plan - {CONFIG["site_name"]}'
    assert found["og:description"] == found["twitter:description"] == hostile + " Four"
    html = (result.site / "stories" / "index.html").read_text(encoding="utf-8")
    assert 'content="Tom&#39;s &lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34; plan Four"' in html


def test_front_matter_stays_clear_of_what_material_prints_unescaped() -> None:
    # Our tags escape, but Material's own <meta name="description"> and <title> print the
    # front matter raw: a double quote or a tag there would break the page's head.
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
        for key in ("title", "description"):
            assert not set(str(meta.get(key, ""))) & set('"<>&'), (page.name, key)
