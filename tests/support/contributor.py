"""What contributors do to data/, done the way they do it, on a copy of the project; and the suite run on it.

- add one resource of every type with the documented command (``add-resource`` with
  flags, as CONTRIBUTING.md shows it; never hand-written YAML);
- remove a resource that nothing cites (its lines deleted, as in an editor);
- edit a title (of a resource that the timeline or a story cites, so the pages
  that cite it change too).

``tests/test_contributor.py`` checks that the result validates and builds;
``main`` (``python3 scripts/dev.py test-as-contributor [PYTEST ARGS]``, through
``scripts/contributor_run.py``) runs the whole suite on such a copy, so no test can
come to depend on what the data holds today. It copies the checkout
(``copy_checkout``: every file git tracks, or would), makes the edits to the
copy's data/ and runs pytest there, with the copy's own code, in random order
(pytest-random-order, modules and the tests in each shuffled); the seed is
printed first, and ``--random-order-seed=N`` among the arguments replays a run.
``--keep`` keeps the copy. Exit code: pytest's.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from mlprep.data.load import load_guide
from mlprep.data.models import Cost, Level, Resource, ResourceType
from mlprep.data.yaml_write import scalar
from tests.support.project import ROOT, copy_checkout

LIMITS = Resource.model_json_schema()["properties"]


@dataclass(frozen=True)
class Edits:
    added: list[str]  # ids, one resource per type
    removed: str  # the id of the uncited resource taken out
    retitled: str  # the id of the cited resource whose title changed
    title: str  # its new title

    def summary(self) -> str:
        return (
            f"added {len(self.added)} resources with add-resource ({', '.join(self.added)}); "
            f"removed '{self.removed}'; retitled '{self.retitled}' to {self.title!r}"
        )


def _command(root: Path) -> tuple[list[str], dict[str, str]]:
    """The project's own add-resource script and Python path: the copy's when it has them."""
    script = root / "scripts" / "add_resource.py"
    src = root / "src"
    env = dict(os.environ)
    if src.is_dir():
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    return [sys.executable, str(script if script.is_file() else ROOT / "scripts" / "add_resource.py")], env


def add_every_type(root: Path) -> list[str]:
    """One resource of each type, through ``add-resource`` with flags; topics the catalog already uses."""
    resources = load_guide(root / "data").catalog.resources
    topics = sorted({t for r in resources for t in r.topics})
    # A second contributor (the suite runs this test inside the contributor run too) adds entries of their own.
    taken = {r.title for r in resources}
    round_ = next(k for k in count(1) if f"Contributed course #1, round {k}: a test entry" not in taken)
    command, env = _command(root)
    added = []
    for n, kind in enumerate(ResourceType):
        flags = {
            "title": f"Contributed {kind.value} #{n + 1}, round {round_}: a test entry",
            "type": kind.value,
            "author": "A. Contributor",
            "cost": list(Cost)[n % len(Cost)].value,
            "level": list(Level)[n % len(Level)].value,
            "topics": ",".join(sorted({topics[n % len(topics)], topics[(3 * n + 1) % len(topics)]})),
            "description": f"Added by the contributor simulation: one {kind.value} entry, in its own words.",
        }
        if kind is not ResourceType.BOOK:  # a print book has no web page
            flags["url"] = f"https://example.org/contributed/{round_}/{kind.value}/"
        if n == len(ResourceType) - 1:  # and one entry as long as the model allows: title, id from it, topics, note
            flags["title"] = (flags["title"] + ", with a title as long as it may be" * 5)[
                : LIMITS["title"]["maxLength"]
            ]
            flags["topics"] = ",".join(topics[: LIMITS["topics"]["maxItems"]])
            flags["note"] = "A note, as a contributor may add one: " + "more words here. " * 20
        argv = [arg for name, value in flags.items() for arg in (f"--{name}", value)]
        done = subprocess.run(
            [*command, "--no-input", *argv], cwd=root, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0 and "added '" in done.stdout, done.stdout + done.stderr
        added.append(done.stdout.split("added '", 1)[1].split("'", 1)[0])
    return added


def remove_uncited(root: Path, keep: list[str]) -> str:
    """Delete the first resource that nothing cites (and that is not in ``keep``), lines and all."""
    guide = load_guide(root / "data")
    resources = guide.catalog.resources
    index = next(i for i, r in enumerate(resources) if r.id not in guide.citations and r.id not in keep)
    start, _ = guide.documents["resources.yml"].where(("resources", index))
    path = root / "data" / "resources.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    end = start  # lines[start - 1] is its "  - id:" line; its other lines are indented deeper
    while end < len(lines):
        inside = lines[end].startswith("    ")
        gap = not lines[end].strip() and end + 1 < len(lines) and lines[end + 1].startswith("    ")
        if not (inside or gap):  # a blank line inside a folded text is followed by more of it
            break
        end += 1
    if end < len(lines) and not lines[end].strip():
        end += 1  # and the blank line that separated it from what follows
    path.write_text("".join(lines[: start - 1] + lines[end:]), encoding="utf-8")
    return resources[index].id


def retitle(root: Path) -> tuple[str, str]:
    """Change the title of the first cited resource whose title is on one line, as an editor would."""
    guide = load_guide(root / "data")
    doc = guide.documents["resources.yml"]
    path = root / "data" / "resources.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, resource in enumerate(guide.catalog.resources):
        line, _ = doc.where(("resources", i, "title"))
        own_line = lines[line - 1].startswith("    title: ") and not lines[line].startswith("      ")
        if resource.id in guide.citations and own_line:
            title = resource.title[:140] + " (revised edition)"
            lines[line - 1] = f"    title: {scalar(title)}\n"
            path.write_text("".join(lines), encoding="utf-8")
            return resource.id, title
    raise AssertionError("no cited resource has its title on one line")


def simulate(root: Path) -> Edits:
    """Make the contributor's edits to ``root``/data and check each one took."""
    added = add_every_type(root)
    removed = remove_uncited(root, keep=added)
    retitled, title = retitle(root)
    after = load_guide(root / "data").resources
    assert set(added) <= set(after) and removed not in after and after[retitled].title == title
    return Edits(added, removed, retitled, title)


def main(argv: list[str]) -> int:
    """The whole suite on a copy of the checkout with the contributor's edits, in random order."""
    keep = "--keep" in argv
    args = [a for a in argv if a != "--keep"]
    if not any(a.startswith("--random-order-seed") for a in args):
        args.append(f"--random-order-seed={random.SystemRandom().randrange(1_000_000)}")
    seed = next(a.split("=", 1)[1] for a in args if a.startswith("--random-order-seed="))
    dest = Path(tempfile.mkdtemp(prefix="mlprep-contributor-"))
    os.chmod(dest, 0o755)  # LinkChecker, run as root, drops to 'nobody'
    try:
        copy_checkout(dest)
        edits = simulate(dest)
        # Everything is said before pytest starts: its summary stays the run's last line.
        print(f"contributor run in {dest}{' (kept)' if keep else ''}: {edits.summary()}")
        print(
            f"random order seed: {seed} (replay: python3 scripts/dev.py test-as-contributor --random-order-seed={seed})"
        )
        src = os.pathsep.join(filter(None, [str(dest / "src"), os.environ.get("PYTHONPATH")]))
        pytest = [sys.executable, "-m", "pytest", "--random-order-bucket=module", *args]
        sys.stdout.flush()
        return subprocess.run(pytest, cwd=dest, env={**os.environ, "PYTHONPATH": src}).returncode
    finally:
        if not keep:
            shutil.rmtree(dest, ignore_errors=True)
