"""What a reviewer needs from a pull request's run, as its step summary.

- the validator's result, each problem as ``file:line:col: message``;
- the external links the pull request adds or changes, with their verdicts
  (``check_links.py --only-changed``: the nightly check's engine on a few URLs);
- the pages whose HTML changed, against a build of the base commit;
- where to get the built site to preview it.

Every text from the data, a server or a log is written inert (``mlprep.github.markdown``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlprep.github.markdown import code, fence, table_code, table_url, tail, url
from mlprep.links.extract import page_name
from mlprep.site.check import data_problems

VERDICT_ORDER = ["dead", "moved", "unchecked", "blocked", "gone", "ok"]
_SKIP_DIRS = {"assets", "search"}


class ReviewError(Exception):
    """The base could not be built, so the pages it changed are unknown."""


@dataclass
class PageChanges:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def page_digests(site: Path) -> dict[str, str]:
    """Each page of a built site (as a reader addresses it) → a digest of its HTML."""
    found: dict[str, str] = {}
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site)
        if rel.parts[0] in _SKIP_DIRS:
            continue
        found[page_name(site, html)] = hashlib.sha256(html.read_bytes()).hexdigest()
    return found


def changed_pages(base_site: Path, site: Path) -> PageChanges:
    before, after = page_digests(base_site), page_digests(site)
    return PageChanges(
        added=sorted(set(after) - set(before)),
        changed=sorted(p for p in after if p in before and after[p] != before[p]),
        removed=sorted(set(before) - set(after)),
    )


def build_base(base: str, root: Path, dest: Path) -> Path:
    """Build the site as it is at ``base`` (its own data, pages, templates and code) into ``dest``/site."""
    archive = subprocess.run(["git", "archive", "--format=tar", base], cwd=root, capture_output=True, timeout=120)
    if archive.returncode != 0:
        raise ReviewError(f"git archive {base} failed: {archive.stderr.decode('utf-8', 'replace').strip()}")
    tree = dest / "tree"
    tree.mkdir(parents=True)
    with tempfile.TemporaryFile() as tar_file:
        tar_file.write(archive.stdout)
        tar_file.seek(0)
        with tarfile.open(fileobj=tar_file) as tar:
            tar.extractall(tree, filter="data")
    site = dest / "site"
    # The base's own package first on the path: its hook renders with its own templates and code.
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise ReviewError(f"the base did not build:\n{done.stdout}{done.stderr}")
    return site


def _validation(data_dir: Path) -> tuple[bool, list[str]]:
    problems = data_problems(data_dir)
    count = len(problems)
    if not problems:
        return True, ["**Data**: valid (`python3 scripts/dev.py validate` finds no problem).", ""]
    lines = [f"**Data**: {count} problem{'s' if count != 1 else ''}, each also marked on the diff:", ""]
    return False, [*lines, fence("\n".join(str(p) for p in problems), "text"), ""]


def _links(code_text: str, report: dict[str, Any] | None, log: str | None) -> tuple[bool, list[str]]:
    head = "### External links added or changed"
    if code_text == "":
        return False, [head, "", "Not checked: the site did not build.", ""]
    if code_text not in ("0", "1") or report is None:
        said = "could not run" if code_text not in ("0", "1") else "left no report"
        lines = [head, "", f"The link check {said} (exit code {code(code_text)})."]
        if log and log.strip():
            lines += ["", "The last lines of its log:", "", fence(tail(log), "text")]
        return False, [*lines, ""]
    links = sorted(report.get("links", []), key=lambda r: (VERDICT_ORDER.index(r["verdict"]), r["url"]))
    if not links:
        return True, [head, "", "None: this pull request adds or changes no external link the site shows.", ""]
    dead = sum(1 for r in links if r["verdict"] == "dead")
    lines = [head, "", "Checked as the nightly check does (retries, bot walls, redirects):", ""]
    lines += ["| URL | verdict | detail | pages |", "| --- | --- | --- | --- |"]
    for r in links:
        detail = table_code(r.get("detail") or "")
        if r.get("suggestion"):
            detail += f" → {table_url(r['suggestion'])}"
        pages = " ".join(table_code(p) for p in r.get("pages") or [])
        lines.append(f"| {table_url(r['url'])} | {r['verdict']} | {detail} | {pages} |")
    lines.append("")
    if dead:
        lines += [f"**{dead} dead link{'s' if dead != 1 else ''}**: fix or remove {'them' if dead != 1 else 'it'}.", ""]
    if any(r["verdict"] == "moved" for r in links):
        lines += ["A `moved` link works, but its new address (after →) is the one to write.", ""]
    for note in report.get("summary", {}).get("notes", []):
        lines += [f"> {code(str(note))}", ""]
    return not dead, lines


def _pages(changes: PageChanges | None, why: str = "") -> list[str]:
    lines = ["### Pages changed", ""]
    if changes is None:
        return [*lines, f"Unknown: {why}", ""]
    if not changes:
        return [*lines, "No page's HTML changed.", ""]
    for label, pages in (("changed", changes.changed), ("added", changes.added), ("removed", changes.removed)):
        if pages:
            lines.append(f"- {label}: " + ", ".join(code(p) for p in pages))
    return [*lines, ""]


def _preview(artifact: str, artifact_url: str) -> list[str]:
    where = f"[{code(artifact)}]({artifact_url})" if url(artifact_url).startswith("<") else code(artifact)
    return [
        "### Preview",
        "",
        f"The built site is this run's artifact {where}. Download and unzip it into a folder, then run "
        "`python3 -m http.server -d FOLDER` and open <http://127.0.0.1:8000/>.",
        "",
    ]


def summary(
    *,
    data_dir: Path,
    links_code: str,
    links_report: dict[str, Any] | None,
    links_log: str | None,
    pages: PageChanges | None,
    pages_unknown: str = "",
    artifact: str = "",
    artifact_url: str = "",
) -> tuple[bool, str]:
    """The step summary, and whether the pull request passes (valid data, no dead new link)."""
    valid, lines = _validation(data_dir)
    links_ok, link_lines = _links(links_code, links_report, links_log)
    out = ["## What this pull request changes", "", *lines, *link_lines, *_pages(pages, pages_unknown)]
    if artifact:
        out += _preview(artifact, artifact_url)
    return valid and links_ok, "\n".join(out)


def _read(path: Path | None) -> str | None:
    return path.read_text(encoding="utf-8", errors="replace") if path and path.is_file() else None


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="pr_summary.py", description="Write a pull request's review summary.")
    p.add_argument("--base", required=True, help="the base commit (HEAD^1 on a pull request's merge commit)")
    p.add_argument("--site", type=Path, default=Path("site"), help="the pull request's built site")
    p.add_argument("--data", type=Path, default=Path("data"))
    p.add_argument("--links-code", default="", help="check_links.py's exit code; empty when it did not run")
    p.add_argument("--links-json", type=Path, help="check_links.py --json output")
    p.add_argument("--links-log", type=Path, help="check_links.py's log, quoted when it failed")
    p.add_argument("--artifact", default="", help="name of the uploaded site artifact")
    p.add_argument("--artifact-url", default="", help="its download address")
    p.add_argument("--out", type=Path, help="append here (default: standard output)")
    args = p.parse_args(argv)
    report_text = _read(args.links_json)
    try:
        report = json.loads(report_text) if report_text else None
    except ValueError:
        report = None
    pages: PageChanges | None = None
    why = ""
    if not (args.site / "index.html").is_file():
        why = "the pull request's site did not build."
    else:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                pages = changed_pages(build_base(args.base, Path.cwd(), Path(tmp)), args.site)
            except (ReviewError, OSError, subprocess.SubprocessError) as err:
                # Indented, so no line of the build's output can act as a workflow command ("::").
                print("\n".join("  | " + line for line in tail(str(err)).splitlines()), file=sys.stderr)
                why = f"the base ({code(args.base)}) could not be built; the job's log says why."
    ok, text = summary(
        data_dir=args.data,
        links_code=args.links_code.strip(),
        links_report=report,
        links_log=_read(args.links_log),
        pages=pages,
        pages_unknown=why,
        artifact=args.artifact,
        artifact_url=args.artifact_url,
    )
    if args.out:
        with args.out.open("a", encoding="utf-8") as out:
            out.write(text + "\n")
    else:
        print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
