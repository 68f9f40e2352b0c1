"""validate.py's words for each kind of problem, on small documents written here (not the live data).

Each case is one YAML text against the real models, or a tiny model of the
test's own where a rule is generic (a pattern without a hint, a validator
with nothing to say), and the exact message and place it must give.
"""

from __future__ import annotations

from typing import Annotated, Literal

import pytest
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from mlprep.data.models import ResourceCatalog, StoryCollection
from mlprep.data.validate import build, did_you_mean, place, shown
from mlprep.data.yaml_source import parse

SOURCE = "source:\n  title: A book\n  section: '4.3'\n  url: https://book.example.org/\n"
RESOURCE = """  - id: one
    title: One
    url: https://one.example.org/
    type: book
    author: Someone
    cost: free
    level: beginner
    topics: [deep-learning]
    description: A book.
"""
TOPICS = "topics:\n  - {id: deep-learning, label: Deep learning, covers: Networks.}\n"  # last: lines above keep
CLAIM = "[{text: Did a thing., source: book}]"
STORY = f"""  - id: someone
    person: Someone
    headline: Got a job.
    background: {CLAIM}
    journey: {CLAIM}
    outcome: {CLAIM}
    lessons: [Keep going.]
    writeups:
      - id: post
        title: How I got the job
        url: https://blog.example.org/post
"""


def problems(text: str, model: type[BaseModel]) -> list[str]:
    doc, found = parse(text, "data/x.yml")
    assert found == [], found
    built, errors = build(doc, model)
    assert (built is None) == bool(errors)
    return [str(p) for p in errors]


def resources(entry: str = RESOURCE, source: str = SOURCE) -> list[str]:
    return problems(source + "resources:\n" + entry + TOPICS, ResourceCatalog)


def stories(entry: str = STORY) -> list[str]:
    return problems(SOURCE + "intro: Routes in.\nstories:\n" + entry, StoryCollection)


def test_the_small_documents_are_valid() -> None:
    assert resources() == [] and stories() == []


@pytest.mark.parametrize(
    ("field", "line", "col"),
    [("title", 7, 12), ("author", 10, 13), ("description", 14, 18)],
)
def test_an_empty_text_must_not_be_empty_in_the_projects_words(field: str, line: int, col: int) -> None:
    entry = "".join(
        f'    {field}: ""\n' if row.startswith(f"    {field}: ") else row for row in RESOURCE.splitlines(True)
    )
    assert resources(entry) == [f"data/x.yml:{line}:{col}: resource 'one' (entry 1): {field}: must not be empty"]


def test_an_empty_lesson_in_a_list_must_not_be_empty() -> None:
    found = stories(STORY.replace("lessons: [Keep going.]", 'lessons: [Keep going., ""]'))
    assert found == ["data/x.yml:13:28: story 'someone' (entry 1): lessons item 2: must not be empty"]


def test_missing_fields_are_named_with_where_they_belong() -> None:
    entry = RESOURCE.replace("    cost: free\n", "")
    assert resources(entry) == ["data/x.yml:6:5: resource 'one' (entry 1): missing required field 'cost'"]
    assert problems("resources:\n" + RESOURCE + TOPICS, ResourceCatalog) == [
        "data/x.yml:1:1: missing required field 'source' at the top level"
    ]


def test_an_unknown_field_in_a_nested_entry_gets_the_closest_name_of_that_entry() -> None:
    found = stories(STORY.replace("        title: How", "        titel: How"))
    assert found == [
        "data/x.yml:15:9: story 'someone' (entry 1), write-up 'post' (entry 1): missing required field 'title'",
        "data/x.yml:16:9: story 'someone' (entry 1), write-up 'post' (entry 1): unknown field 'titel' "
        "(did you mean 'title'?)",
    ]


def test_an_unknown_field_lists_the_fields_of_its_own_entry() -> None:
    writeup = stories(STORY.replace("        title: How", "        rating: 5\n        title: How"))
    assert writeup == [
        "data/x.yml:16:9: story 'someone' (entry 1), write-up 'post' (entry 1): "
        "unknown field 'rating' (allowed: id, title, url, note, gone)"
    ]
    source = resources(source=SOURCE + "  rating: 5\n")
    assert source == ["data/x.yml:5:3: source: unknown field 'rating' (allowed: title, section, url)"]
    top = resources(source=SOURCE + "rating: 5\n")
    assert top == ["data/x.yml:5:1: unknown field 'rating' (allowed: source, topics, resources)"]


def test_an_unknown_field_in_a_gone_mark_lists_the_marks_fields() -> None:
    archive = "https://web.archive.org/web/2024/https://one.example.org/"
    found = resources(RESOURCE + f"    gone:\n      found: 2024-01-01\n      archive: {archive}\n      why: x\n")
    assert [m.split(": ", 1)[1] for m in found] == [
        "resource 'one' (entry 1): gone: unknown field 'why' (allowed: found, archive)"
    ]


def test_a_bare_sentence_about_a_person_asks_for_its_source() -> None:
    (found,) = stories(STORY.replace(f"background: {CLAIM}", "background: [Studied maths.]"))
    assert found == (
        "data/x.yml:10:18: story 'someone' (entry 1): background item 1: a statement about a person needs its source: "
        "write 'text:' and 'source:' (book or a write-up id)"
    )


def test_a_sentence_where_another_entry_belongs_is_not_called_a_claim() -> None:
    (found,) = resources(source="source: just a book\n")
    assert found.startswith("data/x.yml:1:9: source: ") and "statement about a person" not in found


# Rules of message() that no model of ours reaches today, on models of the test's own.


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "ABC"
    quiet: str = ""

    @field_validator("quiet")
    @classmethod
    def _say_nothing(cls, value: str) -> str:
        if value == "fail":
            raise ValueError("")
        return value


class Either(BaseModel):
    amount: Annotated[int, AfterValidator(lambda n: n)] | Literal["many"]
    items: list[int] | Literal["none"] = "none"


class Limits(BaseModel):
    """Lower bounds above one, and a free mapping: no model of the guide has them yet, the messages do."""

    code: Annotated[str, StringConstraints(min_length=3)] = "abc"
    pair: list[int] = Field(default_factory=lambda: [1, 2], min_length=2)
    labels: dict[str, str] = Field(default_factory=dict)
    switch: bool = True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("code: ab\n", "data/x.yml:1:7: code: must be at least 3 characters long"),
        ("pair: [1]\n", "data/x.yml:1:7: pair: must list at least 2 items"),
        ("labels: text\n", "data/x.yml:1:9: labels: must be a mapping of fields, one 'name: value' per line"),
        ("switch: [1]\n", "data/x.yml:1:9: switch: must be true or false, not [1]"),
    ],
)
def test_bounds_mappings_and_switches_in_the_projects_words(text: str, expected: str) -> None:
    assert problems(text, Limits) == [expected]


def test_a_file_that_is_not_a_mapping_says_so_without_a_place() -> None:
    assert problems("- a\n- b\n", ResourceCatalog) == [
        "data/x.yml:1:1: must be a mapping of fields, one 'name: value' per line"
    ]


def test_a_list_where_text_belongs_is_not_asked_to_be_quoted() -> None:
    """Quotes make a number or true/false text; a list needs more than quotes."""
    assert resources(RESOURCE.replace("title: One", "title: [a, b]")) == [
        "data/x.yml:7:12: resource 'one' (entry 1): title: must be text, not ['a', 'b']"
    ]


def test_a_value_the_loader_refused_is_left_to_it_and_the_rest_still_checked() -> None:
    entry = RESOURCE.replace("title: One", "title: !secret One").replace("level: beginner", "level: expert")
    doc, found = parse(SOURCE + "resources:\n" + entry + TOPICS, "data/x.yml")
    assert [str(p) for p in found] == [
        "data/x.yml:7:12: the YAML tag '!secret' is not allowed; use plain strings, numbers, lists and mappings"
    ]
    assert [str(p) for p in build(doc, ResourceCatalog)[1]] == [
        "data/x.yml:12:12: resource 'one' (entry 1): level: 'expert' is not one of: beginner, intermediate, "
        "advanced, all-levels"
    ]


def test_a_value_is_shown_whole_up_to_its_limit_and_cut_after() -> None:
    assert shown("x" * 60) == "'" + "x" * 60 + "'"
    assert shown("x" * 61) == "'" + "x" * 59 + "…'"  # the same width: 59 characters and the ellipsis
    assert shown(61) == "61"  # not text: unquoted
    ident = {"resources": [{"id": "i" * 40}, {"id": "j" * 41}]}
    assert place(ident, ("resources", 0)) == f"resource '{'i' * 40}' (entry 1)"
    assert place(ident, ("resources", 1)) == f"resource '{'j' * 39}…' (entry 2)"


def test_place_counts_items_the_data_does_not_have_and_items_of_a_top_level_list() -> None:
    assert place({"resources": [{"id": "a"}]}, ("resources", 1, "url")) == "resources item 2: url"
    assert place({"resources": None}, ("resources", 0, "url")) == "resources item 1: url"
    assert place([{"id": "a"}, {"id": "b"}], (1,)) == "item 2"


def test_place_names_an_entry_below_a_field_and_below_a_plain_item() -> None:
    nested = {"when": {"rules": [{"id": "student"}]}, "lists": [{"rules": [{"id": "r"}]}]}
    assert place(nested, ("when", "rules", 0, "text")) == "when rule 'student' (entry 1): text"
    assert place(nested, ("lists", 0, "rules", 0, "text")) == "lists item 1: rule 'r' (entry 1): text"


def test_the_same_words_written_differently_beat_a_near_spelling() -> None:
    assert did_you_mean("A  B", ["ab", "a-b"]) == "a-b"  # 'ab' is the nearer spelling of 'a  b'
    assert did_you_mean("all_levels", ["beginner", "all-levels"]) == "all-levels"


def test_the_librarys_own_steps_stay_out_of_the_path() -> None:
    """An error in a union names the field, not pydantic's branches ('function-after[...]', "literal['many']")."""
    found = problems("amount: some\n", Either)
    assert found and all(m.startswith("data/x.yml:1:9: amount: ") for m in found), found
    # Through a list: the branch's name ('list[int]') is skipped and the item still named.
    first, *_ = problems("amount: 1\nitems: [1, x, 3]\n", Either)
    assert first.startswith("data/x.yml:2:12: items item 2: "), first


def test_a_pattern_without_a_hint_quotes_the_value_not_the_expression() -> None:
    (found,) = problems("code: abc\n", Strict)
    assert found == "data/x.yml:1:7: code: 'abc' is not written as allowed"


def test_a_validator_with_nothing_to_say_still_says_the_value_is_refused() -> None:
    assert problems("quiet: fail\n", Strict) == ["data/x.yml:1:8: quiet: not allowed here"]


def test_a_value_error_reads_as_a_sentence_continued() -> None:
    (found,) = resources(RESOURCE.replace("url: https://one.example.org/", "url: ftp://one.example.org/"))
    assert found == "data/x.yml:8:10: resource 'one' (entry 1): url: a link must start with http:// or https://"
