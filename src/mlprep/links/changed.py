"""The external URLs a change adds or edits: written in data/ or docs/ now, not in those files at a base commit.

A pull request's check fetches only these (``check_links.py --only-changed BASE``):
the same fetching and verdicts as the nightly run, over a handful of URLs instead
of all of them. The files are compared as text, so a URL anywhere in an edited
file counts, whether or not that file still validates; the check then keeps
only the URLs the built site links to. Uncommitted and untracked files count
as changed, so a contributor can run it before committing.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from mlprep.links.locate import urls_in

# Files whose text can hold a link the site shows; images, scripts and styles cannot.
TEXT_SUFFIXES = frozenset({".yml", ".yaml", ".md", ".markdown", ".html"})


class ChangedError(Exception):
    """The base could not be read: not a git work tree, or an unknown revision."""


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120)
    except FileNotFoundError as err:
        raise ChangedError("git is not installed") from err


def _names(output: bytes) -> list[str]:
    return [n for n in output.decode("utf-8", "surrogateescape").split("\0") if n]


def changed_files(base: str, paths: Sequence[Path], cwd: Path) -> list[str]:
    """Files under ``paths`` (relative to ``cwd``) that differ from ``base``, untracked ones included."""
    check = _git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}", cwd=cwd)
    if check.returncode != 0:
        raise ChangedError(f"{base!r} is not a commit here (fetch it, or check out with fetch-depth: 2)")
    specs = ["--", *(str(p) for p in paths)]
    diff = _git("diff", "--name-only", "-z", "--relative", "--no-renames", base, *specs, cwd=cwd)
    if diff.returncode != 0:
        raise ChangedError(diff.stderr.decode("utf-8", "replace").strip() or f"git diff {base} failed")
    untracked = _git("ls-files", "-z", "--others", "--exclude-standard", *specs, cwd=cwd)
    names = _names(diff.stdout) + _names(untracked.stdout)
    return sorted({n for n in names if Path(n).suffix.lower() in TEXT_SUFFIXES})


def _text_at(base: str, name: str, cwd: Path) -> str:
    shown = _git("show", f"{base}:./{name}", cwd=cwd)
    return shown.stdout.decode("utf-8", "replace") if shown.returncode == 0 else ""  # absent at the base: new


def changed_urls(base: str, paths: Sequence[Path], cwd: Path | None = None) -> set[str]:
    """URLs written in the changed files now and in none of them at ``base``: added, or edited into a new form."""
    cwd = cwd or Path.cwd()
    now: set[str] = set()
    before: set[str] = set()
    for name in changed_files(base, paths, cwd):
        path = cwd / name
        if path.is_file():
            now.update(urls_in(path.read_text(encoding="utf-8", errors="replace")))
        before.update(urls_in(_text_at(base, name, cwd)))
    return now - before
