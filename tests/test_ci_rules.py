"""The rules tests/conftest.py sets for every run, tested on small suites that load it (pytester).

Under CI a skip is a failure, with its reason; an expected failure is not. Hypothesis is derandomised
under CI, and ``HYPOTHESIS_PROFILE=nightly`` draws from a seed chosen per run, printed to replay it.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import core as hypothesis_core

from tests.support.project import ROOT

pytest_plugins = ["pytester"]

# The project's conftest as a plugin of the inner run: its real hooks, not a copy of them.
CONFTEST = ("-p", "tests.conftest")

OUTCOMES = """
import pytest

def test_passes():
    pass

def test_skips_itself():
    pytest.skip("no widget on this machine")

@pytest.mark.skipif(True, reason="the widget extra is missing")
def test_is_skipped_by_its_marker():
    pass

def test_is_expected_to_fail():
    pytest.xfail("a known bug")

@pytest.mark.xfail(reason="a known bug, marked")
def test_fails_as_its_marker_expects():
    assert False

@pytest.mark.xfail(reason="fixed since")
def test_passes_despite_its_xfail_marker():
    pass
"""


def outcomes(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str | None) -> pytest.RunResult:
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    pytester.makepyfile(test_outcomes=OUTCOMES)
    # In this process, so without Hypothesis's plugin: it would set the seed of this run's Hypothesis tests.
    seed = hypothesis_core.global_force_seed
    result = pytester.runpytest_inprocess(*CONFTEST, "-p", "no:hypothesispytest", "-rA")
    assert hypothesis_core.global_force_seed == seed
    return result


@pytest.mark.parametrize("ci", ["true", "1"])
def test_under_ci_a_skip_fails_with_its_reason(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    result = outcomes(pytester, monkeypatch, ci)
    # A skip in the test fails it; a skip from a marker happens in setup, so it fails as an error.
    result.assert_outcomes(passed=1, failed=1, errors=1, xfailed=2, xpassed=1)
    result.stdout.fnmatch_lines(
        [
            "*skipped under CI, where every test must run: Skipped: no widget on this machine*",
            "*skipped under CI, where every test must run: Skipped: the widget extra is missing*",
        ]
    )
    assert "SKIPPED" not in result.stdout.str()


@pytest.mark.parametrize("ci", [None, "", "false", "0"])
def test_outside_ci_a_skip_stays_a_skip(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str | None
) -> None:
    result = outcomes(pytester, monkeypatch, ci)
    result.assert_outcomes(passed=1, skipped=2, xfailed=2, xpassed=1)
    assert "skipped under CI" not in result.stdout.str()


# Each run appends the integers Hypothesis drew to drawn.txt, so that two runs can be compared.
DRAWS = """
from pathlib import Path

from hypothesis import given, settings, strategies as st

@settings(max_examples=10, database=None)
@given(st.integers())
def test_draws(n):
    with Path("drawn.txt").open("a") as out:
        out.write(f"{n}\\n")
"""

SEED = re.compile(r"^hypothesis: profile '(\w+)', seed (\S+)", re.M)


def draw(pytester: pytest.Pytester, *args: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Run the drawing test in a fresh interpreter (the profile is chosen on import): its header lines and draws."""
    drawn = pytester.path / "drawn.txt"
    drawn.unlink(missing_ok=True)
    result = pytester.runpytest_subprocess(*CONFTEST, "-p", "no:cacheprovider", *args)
    result.assert_outcomes(passed=1)
    return SEED.findall(result.stdout.str()), drawn.read_text().split()


@pytest.fixture
def draws(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("CI", "true")  # as on GitHub, where the nightly job runs too
    monkeypatch.delenv("HYPOTHESIS_PROFILE", raising=False)
    pytester.makepyfile(test_draws=DRAWS)
    return pytester


def test_the_nightly_profile_draws_from_a_new_printed_seed_that_replays_the_run(
    draws: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HYPOTHESIS_PROFILE", "nightly")
    first_header, first = draw(draws)
    second_header, second = draw(draws)
    # Printed twice: in the header and again above the closing line, where -q still shows it.
    [(profile, seed), again] = first_header
    assert profile == "nightly" and seed.isdigit() and again == (profile, seed)
    assert second_header[0][1] != seed and second != first
    replay_header, replayed = draw(draws, f"--hypothesis-seed={seed}")
    assert replay_header[0] == ("nightly", seed) and replayed == first


def test_under_ci_hypothesis_is_derandomised(draws: pytest.Pytester) -> None:
    header, first = draw(draws)
    assert header == []  # no seed chosen: none to print
    assert draw(draws)[1] == first
