"""Errors a contributor can act on at once: every problem in one run, in the project's words, naming the entry.

Rules are tested on the small fixture data set (tests/corpus/base); the real
data is only checked for invariants. The bad-file corpus pins whole outputs;
these tests pin the rules behind them.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from mlprep.cli.add_resource import main as add_resource
from mlprep.cli.add_resource import topic_list
from mlprep.data.checks import LINKS, REFERENCES, View
from mlprep.data.load import _references, links, load_guide
from mlprep.data.models import DATA_FILES
from mlprep.data.problems import DataError
from mlprep.data.urls import tracking_parameters, without_tracking
from mlprep.data.validate import check, message, place
from mlprep.site.facets import facets
from mlprep.site.render import environment, render_block
from mlprep.site.template_helpers import LABELS
from tests.support.project import ROOT

CORPUS = Path(__file__).parent / "corpus"
# The validation library's own words, which no message may use.
LIBRARY_WORDS = ("input should", "should be", "should have", "value error", "valid date or datetime", "field required")


@pytest.fixture
def data(small_project: Path) -> Path:
    """A copy of the fixture data; messages name files relative to the working directory."""
    return small_project / "data"


def problems(data_dir: Path) -> list[str]:
    try:
        load_guide(data_dir)
    except DataError as err:
        return [str(p) for p in err.problems]
    return []


def rewrite(path: Path, change: Any) -> None:
    """Load a data file, let ``change`` edit its data, write it back (comments and layout are not kept)."""
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(loaded)
    path.write_text(yaml.safe_dump(loaded, sort_keys=False, allow_unicode=True), encoding="utf-8")


# --- Every problem in one run ---------------------------------------------------------------------


def test_an_entry_that_fails_its_model_is_still_cross_checked(data: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        entry = copy.deepcopy(d["resources"][1]) | {"id": "kaggle-again", "url": "https://www.kaggle.com/?utm_source=x"}
        del entry["cost"]
        d["resources"].append(entry)

    rewrite(data / "resources.yml", change)
    found = [p.split(": ", 1)[1] for p in problems(data)]
    assert found == [
        "resource 'kaggle-again' (entry 3): missing required field 'cost'",
        "resource 'kaggle-again' (entry 3): url: duplicate link: opens the same page as resource 'kaggle' (entry 2)"
        f" at data/resources.yml:{load_guide_line(data, 'https://www.kaggle.com/')}",
        "resource 'kaggle-again' (entry 3): url: remove the tracking parameters: use https://www.kaggle.com/",
    ]


def load_guide_line(data_dir: Path, url: str) -> int:
    return (data_dir / "resources.yml").read_text(encoding="utf-8").splitlines().index(f"  url: {url}") + 1


def test_a_cited_entry_that_fails_its_model_is_not_called_unknown(data: Path) -> None:
    rewrite(data / "resources.yml", lambda d: d["resources"][1].pop("cost"))
    assert [p.split(": ", 1)[1] for p in problems(data)] == [
        "resource 'kaggle' (entry 2): missing required field 'cost'"
    ]


def test_citations_wait_when_some_resource_has_no_valid_id(data: Path) -> None:
    # The timeline cites 'kaggle'; renamed to an invalid id, it may be the one meant: one problem, not two.
    rewrite(data / "resources.yml", lambda d: d["resources"][1].update(id="Kaggle"))
    (found,) = problems(data)
    assert "resource 'Kaggle' (entry 2): id: must be lowercase letters" in found


def test_a_value_is_not_reported_twice(data: Path) -> None:
    # Two entries with the same malformed link: each is refused once, and no duplicate is claimed.
    def change(d: dict[str, Any]) -> None:
        for r in d["resources"]:
            r["url"] = "ftp://example.org/"

    rewrite(data / "resources.yml", change)
    found = problems(data)
    assert len(found) == 2 and all("a link must start with http:// or https://" in p for p in found)


@pytest.mark.parametrize(
    ("file", "change"),
    [
        ("resources.yml", lambda d: d.update(resources={"fastai": "a mapping, not a list"})),
        ("resources.yml", lambda d: d["resources"].append("just a title")),
        ("resources.yml", lambda d: d.update(topics="deep-learning")),
        ("resources.yml", lambda d: d["topics"].append({"label": "No id"})),
        ("resources.yml", lambda d: d["resources"][0].update(topics=[["nested"], 7, None])),
        ("resources.yml", lambda d: d["resources"][0].update(id=None, url=12)),
        ("stories.yml", lambda d: d["stories"][0].pop("writeups")),
        ("stories.yml", lambda d: d["stories"][0].update(role="a bare sentence", resources="fastai")),
        ("stories.yml", lambda d: d["stories"][0]["writeups"].append({"url": "https://course.fast.ai"})),
        ("timeline.yml", lambda d: d.update(phases=[{"tasks": "none"}, None])),
        ("timeline.yml", lambda d: d["caution"].update(resources=[None, "kagle"])),
    ],
)
def test_odd_shapes_give_located_problems_in_our_words(data: Path, file: str, change: Any) -> None:
    rewrite(data / file, change)
    found = problems(data)
    assert found, "the change must be refused"
    for problem in found:
        name, line, col, text = problem.split(":", 3)
        assert name.startswith("data/") and int(line) >= 1 and int(col) >= 1
        assert not any(words in text.lower() for words in LIBRARY_WORDS), problem


# --- The project's words, naming the entry -------------------------------------------------------------


def test_place_names_entries_by_id_and_position_from_one() -> None:
    d = {
        "resources": [{"id": "a"}, {"id": "fastai", "topics": ["x", "y"]}, {"title": "no id"}],
        "stories": [{"id": "s", "writeups": [{"id": "w"}], "background": [{"text": "t"}]}],
        "caution": {"resources": ["x"]},
    }
    assert place(d, ("resources", 1, "url")) == "resource 'fastai' (entry 2): url"
    assert place(d, ("resources", 1, "topics", 1)) == "resource 'fastai' (entry 2): topics item 2"
    assert place(d, ("resources", 2, "title")) == "resource entry 3: title"
    assert place(d, ("stories", 0, "writeups", 0, "gone", "archive")) == (
        "story 's' (entry 1), write-up 'w' (entry 1): gone.archive"
    )
    assert place(d, ("stories", 0, "background", 0, "source")) == "story 's' (entry 1): background item 1: source"
    assert place(d, ("caution", "resources", 0)) == "caution.resources item 1"
    assert place(d, ()) == ""


def test_an_odd_id_is_shown_short_and_inert() -> None:
    d = {"resources": [{"id": "x\n::error::" + "y" * 80}]}
    where = place(d, ("resources", 0))
    assert "\n" not in where and "\\u000a" in where and where.endswith("…' (entry 1)")


def _errors(model: Any, data: dict[str, Any]) -> list[str]:
    try:
        model.model_validate(data)
    except ValidationError as err:
        return [message(e, model, tuple(e["loc"]), data) for e in err.errors()]
    return []


BASE = {name: yaml.safe_load((CORPUS / "base" / name).read_text(encoding="utf-8")) for name in DATA_FILES}


def _with(name: str, path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = yaml.safe_load(yaml.safe_dump(BASE[name]))
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("name", "path", "value", "expected"),
    [
        (
            "resources.yml",
            ("resources", 0, "type"),
            "Book",
            "resource 'fastai' (entry 1): type: 'Book' is not one of: course, book, lecture-notes, article, video, "
            "study-plan, community, tool (did you mean 'book'?)",
        ),
        (
            "resources.yml",
            ("resources", 0, "cost"),
            "pay",
            "resource 'fastai' (entry 1): cost: 'pay' is not one of: free, free-with-paid-certificate, paid "
            "(did you mean 'paid'?)",
        ),
        (
            "resources.yml",
            ("resources", 1, "level"),
            "expert",
            "resource 'kaggle' (entry 2): level: 'expert' is not one of: beginner, intermediate, advanced, all-levels",
        ),
        (
            "resources.yml",
            ("resources", 0, "title"),
            2021,
            "resource 'fastai' (entry 1): title: must be text, not 2021; put it in quotes",
        ),
        ("resources.yml", ("resources", 0, "title"), "", "resource 'fastai' (entry 1): title: must not be empty"),
        ("resources.yml", ("resources", 0, "title"), None, "resource 'fastai' (entry 1): title: must not be empty"),
        (
            "resources.yml",
            ("resources", 0, "cost"),
            None,
            "resource 'fastai' (entry 1): cost: must be one of: free, free-with-paid-certificate, paid",
        ),
        (
            "resources.yml",
            ("resources", 0, "topics"),
            [],
            "resource 'fastai' (entry 1): topics: must list at least 1 item",
        ),
        ("resources.yml", ("resources",), [], "resources: must list at least 1 item"),
        (
            "resources.yml",
            ("resources", 0, "topics"),
            "deep-learning",
            "resource 'fastai' (entry 1): topics: must be a list: [first, second] or one '- item' per line",
        ),
        ("resources.yml", ("source",), "the book", "source: must be a mapping of fields, one 'name: value' per line"),
        (
            "timeline.yml",
            ("phases", 0, "each_interview"),
            "sometimes",
            "phase 'three-months-before' (entry 1): each_interview: must be true or false, not 'sometimes'",
        ),
        (
            "stories.yml",
            ("stories", 0, "writeups", 0, "gone"),
            {
                "found": "25/11/2026",
                "archive": "https://web.archive.org/web/2020/https://www.emilwallner.com/p/no-ml-degree",
            },
            "story 'emil-wallner' (entry 1), write-up 'no-ml-degree' (entry 1): gone.found: must be a date written "
            "YYYY-MM-DD, such as 2026-11-25, not '25/11/2026'",
        ),
        (
            "stories.yml",
            ("stories", 0, "writeups", 0, "gone"),
            {
                "found": "2026-02-30",
                "archive": "https://web.archive.org/web/2020/https://www.emilwallner.com/p/no-ml-degree",
            },
            "story 'emil-wallner' (entry 1), write-up 'no-ml-degree' (entry 1): gone.found: '2026-02-30' is not a day "
            "of the calendar; check the month and the day",
        ),
    ],
)
def test_messages_use_the_projects_words(name: str, path: tuple[Any, ...], value: Any, expected: str) -> None:
    model = DATA_FILES[name]
    found = _errors(model, _with(name, path, value))
    assert found == [expected]
    assert not any(words in expected.lower() for words in LIBRARY_WORDS)


def test_no_expected_corpus_message_uses_the_librarys_words() -> None:
    for expected in (CORPUS / "bad").glob("*.expected"):
        text = expected.read_text(encoding="utf-8").lower()
        assert not any(words in text for words in LIBRARY_WORDS), expected.name
        assert "resources[" not in text and "stories[" not in text and "phases[" not in text, expected.name


# --- Tracking and affiliate links ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("https://example.org/page?utm_source=a&utm_medium=b", "https://example.org/page"),
        ("https://example.org/p?id=7&fbclid=x#part", "https://example.org/p?id=7#part"),
        ("https://example.org/?gclid=1&ref=partner&mc_cid=2&mc_eid=3", "https://example.org/"),
        ("https://example.org/p?UTM_Source=a&q=ref", "https://example.org/p?q=ref"),
        ("https://example.org/p?utm%5Fsource=a", "https://example.org/p"),
        ("https://www.youtube.com/watch?v=2pWv7GOvuf0&si=abc", "https://www.youtube.com/watch?v=2pWv7GOvuf0"),
        # Affiliate links: the commission's parameters come out, the page's stay.
        ("https://www.amazon.com/dp/0262035618?tag=someone-20&linkCode=ll1", "https://www.amazon.com/dp/0262035618"),
        ("https://www.amazon.co.uk/dp/1?ascsubtag=x&th=1", "https://www.amazon.co.uk/dp/1?th=1"),
        (
            "https://www.coursera.org/learn/ml?ranMID=40328&ranEAID=a&ranSiteID=b&specialization=x",
            "https://www.coursera.org/learn/ml?specialization=x",
        ),
        ("https://www.udemy.com/course/ml/?irclickid=abc&irgwc=1", "https://www.udemy.com/course/ml/"),
        ("https://example.org/book?aff=1&affiliate=me&aff_id=2&awc=3", "https://example.org/book"),
    ],
)
def test_tracking_parameters_come_out_and_everything_else_stays(url: str, clean: str) -> None:
    assert tracking_parameters(url) and without_tracking(url) == clean
    assert not tracking_parameters(clean)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/search?q=utm_source&page=2",
        "https://example.org/a#ref=x",
        "https://example.org/blog?tag=python",  # Amazon's affiliate names pick a page on other sites
        "https://notamazon.com/p?tag=x",
    ],
)
def test_links_without_tracking_parameters_pass(url: str) -> None:
    assert tracking_parameters(url) == [] and without_tracking(url) == url


def test_a_tracked_write_up_link_is_refused_too(data: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["stories"][0]["writeups"][0]["url"] += "?utm_campaign=spring"

    rewrite(data / "stories.yml", change)
    (found,) = problems(data)
    assert found.endswith(
        "story 'emil-wallner' (entry 1), write-up 'no-ml-degree' (entry 1): url: remove the tracking parameters: "
        "use https://www.emilwallner.com/p/no-ml-degree"
    )


# --- Topics are a vocabulary ------------------------------------------------------------------------------


def test_a_new_topic_is_accepted_once_listed(data: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["resources"][0]["topics"].append("quantum")

    rewrite(data / "resources.yml", change)
    assert len(problems(data)) == 1
    rewrite(
        data / "resources.yml", lambda d: d["topics"].append({"id": "quantum", "label": "Quantum", "covers": "Qubits."})
    )
    assert problems(data) == []


def test_the_filters_and_entries_show_topic_labels_in_list_order(data: Path) -> None:
    guide = load_guide(data)
    (topics,) = [f for f in facets(guide.catalog, LABELS) if f.key == "topics"]
    used = {t for r in guide.catalog.resources for t in r.topics}
    listed = [(t.id, t.label) for t in guide.catalog.topics if t.id in used]
    assert [(o.value, o.label) for o in topics.options] == listed  # an unused topic is not offered
    html = render_block("resources", guide, environment())
    for topic, label in listed:
        assert f'<span class="guide-topic">{label}</span>' in html, topic


def run_add(data_dir: Path, argv: list[str], answers: list[str] | None = None) -> tuple[int, str]:
    out = io.StringIO()
    feed = iter(answers or [])
    code = add_resource(
        [*argv, "--data-dir", str(data_dir)], ask=lambda _p: next(feed), interactive=answers is not None, out=out
    )
    return code, out.getvalue()


ENTRY = [
    "--title", "Notes", "--url", "https://example.org/notes", "--type", "lecture-notes", "--author", "Someone",
    "--cost", "free", "--level", "beginner", "--description", "Notes of my own.",
]  # fmt: skip


@pytest.mark.parametrize(
    ("topics", "reason"),
    [
        ("ml systems", "topics: unknown topic 'ml systems' (did you mean 'ml-systems'?)"),
        ("Deep Learning, hands-on", "topics: unknown topic 'Deep Learning' (did you mean 'deep-learning'?)"),
        ("astrology", "topics: unknown topic 'astrology' (allowed: deep-learning, hands-on, competitions, datasets,"),
    ],
)
def test_add_resource_splits_topics_on_commas_only_and_suggests(data: Path, topics: str, reason: str) -> None:
    before = (data / "resources.yml").read_bytes()
    code, out = run_add(data, [*ENTRY, "--topics", topics])
    assert code == 1 and out.startswith(f"not added: {reason}"), out
    assert (data / "resources.yml").read_bytes() == before


def test_add_resource_takes_listed_topics(data: Path) -> None:
    code, out = run_add(data, [*ENTRY, "--topics", "ml-systems, hands-on"])
    assert code == 0, out
    assert load_guide(data).resources["notes"].topics == ["ml-systems", "hands-on"]


def test_add_resource_gives_every_reason_at_once(data: Path) -> None:
    argv = [*ENTRY, "--url", "https://kaggle.com/?fbclid=1", "--topics", "competitions", "--cost", "cheap"]
    code, out = run_add(data, argv)
    assert code == 1
    assert out.splitlines() == [
        "not added: url: remove the tracking parameters: use https://kaggle.com/",
        "not added: cost: 'cheap' is not one of: free, free-with-paid-certificate, paid",
        "not added: the link https://kaggle.com/?fbclid=1 opens the same page as resource 'kaggle' "
        "(data/resources.yml:27)",
    ]


def test_add_resource_prompts_list_the_topics_with_their_labels(data: Path) -> None:
    # id (take the suggestion), topics (refused, then taken), description, note (skipped)
    answers = ["", "datasets,  deep learning", "datasets, deep-learning", "Notes of my own.", ""]
    code, out = run_add(data, ENTRY[:-2], answers)
    assert code == 0, out
    for topic, label in topic_list(data).items():
        assert f"\n  {topic:<24} {label}" in out
    assert "  topics: unknown topic 'deep learning' (did you mean 'deep-learning'?)" in out


# --- Invariants of the real data --------------------------------------------------------------------------


def test_the_raw_walk_finds_what_the_models_walk_finds() -> None:
    # The cross-checks read the parsed data; the guide reads the models. Both must see the same citations and links.
    guide = load_guide(ROOT / "data")
    views = {name: View(doc, check(doc, DATA_FILES[name])) for name, doc in guide.documents.items()}
    cited = {(file, path) for file, patterns in REFERENCES.items() for p in patterns for path in views[file].paths(p)}
    assert cited == {where for _, where, _ in _references(guide)}
    linked = {(file, path) for file, pattern in LINKS for path in views[file].paths(pattern)}
    assert linked == {(file, path) for file, path, _, _ in links(guide)}


def test_real_data_topics_are_listed_and_each_resource_has_one() -> None:
    guide = load_guide(ROOT / "data")
    listed = [t.id for t in guide.catalog.topics]
    assert len(listed) == len(set(listed))
    assert all(r.topics and set(r.topics) <= set(listed) for r in guide.catalog.resources)
