"""What a build would find wrong with a data folder, read from disk or from text not yet written.

The same two steps as the build's ``on_config``: load and validate the data, then
render the blocks the project's pages ask for (an id that would repeat an element
id on a page is a data problem too).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from mlprep.data.load import load_guide
from mlprep.data.problems import DataError, Problem
from mlprep.site.render import RenderError, environment, render_blocks


def data_problems(data_dir: Path, texts: Mapping[str, str] | None = None) -> list[Problem]:
    """Every problem in ``data_dir`` with ``texts`` (name → text) in place of those files; none when clean.

    A page or template problem is not the data's and is left to the build to report.
    """
    try:
        guide = load_guide(data_dir, texts)
        docs = data_dir.parent / "docs"
        if docs.is_dir():
            render_blocks(docs, guide, environment(), display_root=data_dir.parent)
    except DataError as err:
        return err.problems
    except RenderError:
        pass  # a page or template problem, not the data's: the build reports it
    return []
