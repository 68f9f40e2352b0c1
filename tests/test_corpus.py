"""A corpus of bad data files, each with the validator's exact expected output.

Each ``corpus/bad/<file>-<case>.yml`` replaces ``<file>.yml`` in a copy of the
small valid data set in ``corpus/base/``; ``<file>-<case>.expected`` holds the
exact lines the validator must print, one problem per line.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from mlprep.cli.check_data import main

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.stem for p in (CORPUS / "bad").glob("*.yml"))


def test_base_is_valid(small_project: Path) -> None:
    assert main(["data"], io.StringIO()) == 0


def test_every_case_has_its_expected_messages() -> None:
    assert CASES and sorted(p.stem for p in (CORPUS / "bad").glob("*.expected")) == CASES


@pytest.mark.parametrize("case", CASES)
def test_bad_file_gives_exactly_the_expected_messages(case: str, small_project: Path) -> None:
    target = case.split("-", 1)[0] + ".yml"
    shutil.copyfile(CORPUS / "bad" / f"{case}.yml", Path("data") / target)
    out = io.StringIO()
    code = main(["data"], out)
    expected = (CORPUS / "bad" / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert out.getvalue().splitlines() == expected
    assert code == 1
