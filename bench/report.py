"""The results as tables and Markdown, and the Performance page's section between its bench markers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import ROOT

# --- report ---------------------------------------------------------------------------------


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| resources | resources.yml | ours (s) | static (s) | macros (s) | ours/static | macros/static "
        "| ours/static, CPU | macros/static, CPU |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        m = r["median_s"]
        lines.append(
            f"| {r['resources']:,} | {r['resources_yml_bytes'] / 1024:,.0f} KiB | {m['ours']:.2f} | {m['static']:.2f} "
            f"| {m['macros']:.2f} | {r['ours_over_static']:.2f} | {r['macros_over_static']:.2f} "
            f"| {r['cpu_ours_over_static']:.2f} | {r['cpu_macros_over_static']:.2f} |"
        )
    return "\n".join(lines)


def profile_table(prof: dict[str, Any]) -> str:
    lines = ["| part of the build (cumulative) | seconds | share |", "| --- | ---: | ---: |"]
    for row in prof["rows"]:
        depth = (len(row["part"]) - len(row["part"].lstrip())) // 2
        lines.append(f"| {'· ' * depth}{row['part'].strip()} | {row['seconds']:.2f} | {row['share']:.0%} |")
    return "\n".join(lines)


DOCS = ROOT / "docs" / "performance.md"
DOCS_START, DOCS_END = "<!-- bench:start -->", "<!-- bench:end -->"


def report_markdown(out: dict[str, Any]) -> str:
    """The results as the Markdown the Performance page shows between its bench markers."""
    m = out["machine"]
    parts = [f"Last run: {out['date']}, Python {m['python']}, {m['cpus']} CPUs. Medians of alternating builds.", ""]
    parts += [table(out["sizes"]), ""]
    if "rebuild" in out:
        r = out["rebuild"]
        parts += [
            f"Rebuild under `mkdocs serve` after editing `data/resources.yml` (the real catalog, "
            f"{r['resources_yml_bytes'] / 1024:.0f} KiB): median **{r['median_s']:.2f} s** from saving the file to the "
            f"served page showing the edit (max {r['max_s']:.2f} s, {len(r['latencies_s'])} edits), of which MkDocs' "
            f"rebuild is {r['median_build_s']:.2f} s; the rest is the file watcher, which polls every 0.5 s.",
            "",
        ]
    if "profile" in out:
        parts += [
            f"Where one in-process build of ours spends its time at {out['profile']['resources']:,} resources "
            "(cProfile, which slows Python code about twofold; cumulative, so nested rows are part of their parent):",
            "",
            profile_table(out["profile"]),
            "",
        ]
    return "\n".join(parts)


def write_docs(out: dict[str, Any], page: Path = DOCS) -> None:
    text = page.read_text(encoding="utf-8")
    start, end = text.index(DOCS_START) + len(DOCS_START), text.index(DOCS_END)
    page.write_text(f"{text[:start]}\n\n{report_markdown(out)}\n{text[end:]}", encoding="utf-8")
