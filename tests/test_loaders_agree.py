"""The fast YAML path and the line-aware loader never disagree: the fast path reads a file as the
line-aware loader does, or hands it over (returns None) for the other to read and word its problems.

Files are generated from valid YAML in every style and then damaged with the characters where
YAML 1.1 and 1.2 part ways, so the test reaches the corners a hand-written list misses.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mlprep.data.fast_yaml import parse_fast
from mlprep.data.yaml_source import parse

# Characters with a meaning somewhere in YAML, plus plain text.
TRICKY = list("?:-#&*!|>%@`'\",[]{} \n\t~.0123456789abcXYZ") + ["yes", "null", "0o17", "<<", "? ", ": ", "- "]
scalars = st.text(st.sampled_from(list("ab?:-#&*!%@.~ 01")), max_size=8) | st.sampled_from(["yes", "on", "1.5", ""])
keys = st.text(st.sampled_from(list("abk?-_")), min_size=1, max_size=5)
values: st.SearchStrategy[Any] = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4), max_leaves=12
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    data = draw(st.dictionaries(keys, values, min_size=1, max_size=4))
    text = yaml.safe_dump(data, default_flow_style=draw(st.sampled_from([None, True, False])), allow_unicode=True)
    # Damage it: a few insertions of characters and words that YAML treats specially.
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(TRICKY)) + text[at:]
    return text


@settings(max_examples=3000, deadline=None)
@given(text=documents())
def test_the_fast_path_reads_as_the_line_aware_loader_or_hands_over(text: str) -> None:
    fast = parse_fast(text, "f.yml")
    if fast is None:
        return  # handed over: the line-aware loader reads it and words any problem
    reference, problems = parse(text, "f.yml")
    assert problems == [], f"the fast path accepted a file the reference refuses: {problems}"
    assert fast.data == reference.data


def test_a_question_mark_in_a_flow_list_is_handed_over() -> None:
    # YAML 1.2 reads [?text] as the string "?text"; libyaml as a mapping {text: null}.
    assert parse_fast("a: [?text]\n", "f.yml") is None
    assert parse("a: [?text]\n", "f.yml")[0].data == {"a": [{"text": None}]}
