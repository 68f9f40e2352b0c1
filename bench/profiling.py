"""Where one in-process build spends its time: cProfile, summed into the parts of a build."""

from __future__ import annotations

import cProfile
import io
import os
import pstats
from pathlib import Path
from typing import Any

from bench.projects import make_ours
from bench.synthetic import synthesize

# --- profile --------------------------------------------------------------------------------

# (label, file suffix, function name); cumulative times, so nested rows overlap.
PROFILE_ROWS = [
    ("whole build", "mkdocs/commands/build.py", "build"),
    ("  our hook's on_config: load, validate, render", "hooks/guide.py", "on_config"),
    ("    YAML, fast path (yaml-rs + checks)", "mlprep/data/fast_yaml.py", "parse_fast"),
    ("    YAML, line-aware loader", "mlprep/data/yaml_source.py", "parse"),
    ("    pydantic validation", "mlprep/data/validate.py", "build"),
    ("    Jinja: our templates (render_blocks)", "mlprep/site/render.py", "render_blocks"),
    ("  Markdown to HTML (all pages)", "markdown/core.py", "convert"),
    ("  search index (Material's search plugin)", "material/plugins/search/plugin.py", "on_page_context"),
    ("  search index written", "material/plugins/search/plugin.py", "on_post_build"),
    ("  theme templates (all pages)", "mkdocs/commands/build.py", "_build_template"),
    ("  pages written", "mkdocs/utils/__init__.py", "write_file"),
]


def profile(n: int, work: Path) -> dict[str, Any]:
    """cProfile of one in-process build of `ours` at ``n`` resources."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    project = make_ours(work / f"profile-{n}", synthesize(n))
    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(work / f"site-profile-{n}"))
        prof = cProfile.Profile()
        prof.enable()
        mkdocs_build(config)
        prof.disable()
    finally:
        os.chdir(cwd)
    stats = pstats.Stats(prof, stream=io.StringIO())
    cum: dict[str, float] = {}
    for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        for label, suffix, name in PROFILE_ROWS:
            if func == name and file.replace(os.sep, "/").endswith(suffix):
                cum[label] = cum.get(label, 0.0) + ct
    total = cum.get("whole build") or 1.0
    rows = [
        {"part": label, "seconds": cum.get(label, 0.0), "share": cum.get(label, 0.0) / total}
        for label, _, _ in PROFILE_ROWS
    ]
    top = io.StringIO()
    pstats.Stats(prof, stream=top).sort_stats("tottime").print_stats(12)
    return {"resources": n, "rows": rows, "top_tottime": top.getvalue()}
