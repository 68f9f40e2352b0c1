"""Fuzz the whole path a contributor's edit takes: load → validate → render, on damaged copies of the real data.

Whatever the damage, the result is the rendered pages or located problems (DataError, RenderError):
never a traceback, and never a file the two YAML loaders read differently. The real data is only the
seed here; nothing about its content is asserted.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlprep.data.fast_yaml import parse_fast
from mlprep.data.load import load_guide
from mlprep.data.models import DATA_FILES
from mlprep.data.problems import DataError
from mlprep.data.yaml_source import parse
from mlprep.site.render import RenderError, environment, render_blocks
from tests.support.project import ROOT

SEEDS = {name: (ROOT / "data" / name).read_text(encoding="utf-8") for name in DATA_FILES}
# What a hurried or hostile edit puts in: YAML syntax, escapes, odd Unicode, markup.
TOKENS = st.sampled_from(
    [
        "\n",
        "  ",
        "- ",
        ": ",
        "#",
        "[",
        "]",
        "{",
        "}",
        "?",
        "&a ",
        "*a",
        "!!str ",
        "|",
        ">",
        '"',
        "'",
        "\\",
        "\t",
        "\x00",
        "\u202e",
        "\u200b",
        "\ufeff",
        "yes",
        "~",
        "0o17",
        "<script>",
        "{{ x }}",
        "::error::x",
        "é",
    ]
)


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    text = SEEDS[name]
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(TOKENS) + text[at:]
        else:  # cut a short run of characters
            text = text[:at] + text[at + draw(st.integers(1, 12)) :]
    return name, text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=damaged())
def test_damaged_data_gives_pages_or_located_problems_never_a_traceback(case: tuple[str, str]) -> None:
    name, text = case
    fast = parse_fast(text, name)
    if fast is not None:  # the loaders agree, or the fast path hands over
        reference, problems = parse(text, name)
        assert problems == [] and fast.data == reference.data
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        (data / name).write_text(text, encoding="utf-8")
        try:
            guide = load_guide(data)
        except DataError as err:
            assert err.problems and all(p.line >= 1 and p.col >= 1 for p in err.problems)
            return
        try:
            render_blocks(ROOT / "docs", guide, environment())
        except RenderError as err:
            assert str(err)
