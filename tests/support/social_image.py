"""The link-preview image (docs/assets/social.png, 1200x630), drawn once; the PNG is committed.

    .venv/bin/python scripts/make_social_image.py

The site's mark (Material's briefcase-search icon, as in the header) and name on the
header's indigo, drawn by headless Chromium through Playwright, both already test
tools (launched as tests/support/browser.py launches them): no image library becomes
a dependency. Rerun only when the name or mark change; tests/test_link_previews.py
checks the committed image.
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

import material
from playwright.sync_api import sync_playwright

from mlprep.site.stage import read_config
from tests.support.browser import ARGS, CANDIDATES
from tests.support.project import ROOT

OUT = ROOT / "docs" / "assets" / "social.png"
WIDTH, HEIGHT = 1200, 630
INDIGO = "#4051b5"  # Material's indigo primary, the header's colour


def page_html() -> str:
    config = read_config(ROOT / "mkdocs.yml")
    icon_name = config["theme"]["icon"]["logo"]  # e.g. material/briefcase-search-outline
    icon = (Path(material.__file__).parent / "templates" / ".icons" / f"{icon_name}.svg").read_text(encoding="utf-8")
    name = html.escape(config["site_name"])
    return f"""<!doctype html><meta charset="utf-8">
<style>
  html, body {{ margin: 0; width: {WIDTH}px; height: {HEIGHT}px; }}
  body {{ background: {INDIGO}; color: #fff; font-family: "DejaVu Sans", sans-serif;
         display: flex; flex-direction: column; justify-content: center; padding: 0 96px; box-sizing: border-box; }}
  svg {{ width: 168px; height: 168px; fill: #fff; }}
  h1 {{ font-size: 92px; margin: 36px 0 20px; letter-spacing: -1px; }}
  p {{ font-size: 38px; margin: 0; opacity: .92; line-height: 1.3; }}
</style>
{icon}
<h1>{name}</h1>
<p>Plan a machine-learning job search: when to start, what to do, and how others did it.</p>
"""


def main() -> None:
    browser = os.environ.get("CHROMIUM_PATH") or next(filter(None, map(shutil.which, CANDIDATES)), "chromium")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=browser, args=ARGS)
        page = launched.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(page_html())
        page.screenshot(path=str(OUT), clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
        launched.close()
    print(f"wrote {OUT.relative_to(ROOT)}")
