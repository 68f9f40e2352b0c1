"""The results as tables and Markdown, and the sections of the Performance and Engines pages between their
bench markers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import ROOT
from bench.engines import ENGINES

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


NAMES = {"mkdocs": "MkDocs", "properdocs": "ProperDocs", "zensical": "Zensical"}
TIMED = {"zensical": "Zensical, staged"}  # its time includes staging the filled pages


def engines_table(results: list[dict[str, Any]]) -> str:
    """Wall-time medians and their ratios to MkDocs, and the same ratios in CPU time (steadier on a shared machine)."""
    built = [e for e in ENGINES if results and e in results[0]["median_s"]]
    others = [NAMES[e] for e in built if e != "mkdocs"]
    head = [f"{TIMED.get(e, NAMES[e])} (s)" for e in built]
    head += [f"{o}/MkDocs" for o in others] + [f"{o}/MkDocs, CPU" for o in others]
    lines = ["| " + " | ".join(["resources", *head]) + " |", "|" + " ---: |" * (1 + len(head))]
    for r in results:
        m, x, c = r["median_s"], r["over_mkdocs"], r["cpu_over_mkdocs"]
        cells = [f"{r['resources']:,}", *(f"{m[e]:.2f}" for e in built)]
        cells += [f"{x[e]:.2f}" for e in built if e != "mkdocs"]
        cells += [f"{c[e]:.2f}" for e in built if e != "mkdocs"]
        lines.append("| " + " | ".join(cells) + " |")
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


ENGINE_DOCS = ROOT / "docs" / "engines.md"


def engines_markdown(out: dict[str, Any]) -> str:
    """The engine results as the Markdown the Engines page shows between its bench markers."""
    m, rows = out["machine"], out["engines"]
    reps = ", ".join(f"{r['reps']} at {r['resources']:,}" for r in rows)
    return "\n".join(
        [
            f"Last run: {out['date']}, Python {m['python']}, {m['cpus']} CPUs; builds per engine and size: {reps}. "
            "Medians of alternating builds, each in a fresh process; the ratios are to MkDocs, in wall time and "
            "in CPU time (user plus system, the engine's child processes included).",
            "",
            engines_table(rows),
            "",
        ]
    )


def write_docs(out: dict[str, Any], page: Path | None = None) -> Path:
    """Replace the section between ``page``'s bench markers with ``out``'s tables; return the page.

    A results file from ``--engines`` (it has an ``engines`` key) goes to the Engines page, any other to the
    Performance page, unless ``page`` says otherwise.
    """
    engines = "engines" in out
    page = page or (ENGINE_DOCS if engines else DOCS)
    text = page.read_text(encoding="utf-8")
    if DOCS_START not in text or DOCS_END not in text:
        raise SystemExit(f"{page} has no {DOCS_START} ... {DOCS_END} section to fill")
    start, end = text.index(DOCS_START) + len(DOCS_START), text.index(DOCS_END)
    body = engines_markdown(out) if engines else report_markdown(out)
    page.write_text(f"{text[:start]}\n\n{body}\n{text[end:]}", encoding="utf-8")
    return page
