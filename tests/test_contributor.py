"""A contributor's pull request: every type added with add-resource, an uncited entry removed, a title edited.

The edits are those of tests/support/contributor.py, made on a copy of the project:
the documented command for the additions, an editor's deletion and change for the
rest. The result must validate and build with --strict, and the pages must show it.
``scripts/contributor_run.py`` runs the whole suite on such a copy as well.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from mlprep.data.load import load_guide
from mlprep.data.models import ResourceType
from tests.support.contributor import simulate
from tests.support.project import ROOT, build, copy_project


def test_contributor_edits_validate_build_and_show(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    before = load_guide(project / "data").catalog.resources
    edits = simulate(project)

    validate = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate_data.py")], cwd=project, capture_output=True, text=True
    )
    assert validate.returncode == 0 and validate.stdout == "", validate.stdout + validate.stderr

    result = build(project)
    assert result.returncode == 0 and "WARNING" not in result.output, result.output

    after = load_guide(project / "data").catalog.resources
    assert len(after) == len(before) + len(ResourceType) - 1
    assert {after_r.type for after_r in after if after_r.id in edits.added} == set(ResourceType)
    soup = BeautifulSoup((result.site / "resources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    shown = {str(a["id"]) for a in soup.select("article.guide-resource")}
    assert shown == {r.id for r in after} and edits.removed not in shown
    entry = soup.find("article", id=edits.retitled)
    title = entry.select_one(".guide-resource-title") if isinstance(entry, Tag) else None
    assert title is not None and " ".join(title.get_text(" ").split()).startswith(edits.title)
    # The pages that cite the retitled resource use its new title.
    cited = [c.page for c in load_guide(project / "data").citations[edits.retitled]]
    for name in {c.removesuffix(".md") for c in cited}:
        page = (result.site / name / "index.html").read_text(encoding="utf-8")
        assert edits.title in " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split()), name
