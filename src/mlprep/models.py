"""The data contract: typed models of the three data files.

These models are the single source of truth. The build, the validator, the JSON
Schemas, the link report and the tests all use them; no other module declares a
field.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError

from .urls import is_archived_copy

# Lengths are generous for real prose and stop a pasted page from breaking layout.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
Topic = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=160)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=1200)]
DURATION_PATTERN = r"^-?P(?:\d+Y(?:\d+M)?(?:\d+W)?(?:\d+D)?|\d+M(?:\d+W)?(?:\d+D)?|\d+W(?:\d+D)?|\d+D)$"
# Signed ISO 8601 duration in whole years, months, weeks and days: -P1Y, -P3M, P1D.
Duration = Annotated[str, StringConstraints(pattern=DURATION_PATTERN)]

_URL_SHAPE = r"^https?://[^\s/?#@]+[^\s]*$"


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError("a link must start with http:// or https://")
    if any(ch.isspace() for ch in url):
        raise ValueError("a link must not contain spaces or line breaks")
    if parts.username or parts.password:
        raise ValueError("a link must not contain a user name or password")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ValueError("a link's port must be a number, as in example.org:8080") from None
    if not parts.hostname or "." not in parts.hostname:
        raise ValueError("a link needs a full host name, such as example.org")
    return url


Url = Annotated[
    str,
    # The pattern is for editors; _check_url gives the build its clearer messages.
    Field(max_length=500, json_schema_extra={"format": "uri", "pattern": _URL_SHAPE}),
    AfterValidator(_check_url),
]


class ResourceType(StrEnum):
    COURSE = "course"
    BOOK = "book"
    LECTURE_NOTES = "lecture-notes"
    ARTICLE = "article"
    VIDEO = "video"
    STUDY_PLAN = "study-plan"
    COMMUNITY = "community"
    TOOL = "tool"


class Cost(StrEnum):
    FREE = "free"
    FREE_PAID_CERTIFICATE = "free-with-paid-certificate"
    PAID = "paid"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    ALL = "all-levels"


class Anchor(StrEnum):
    """The date a phase's offset counts from."""

    START_DATE = "start-date"
    FIRST_INTERVIEW = "first-interview"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Model):
    """The part of the book a data file paraphrases, credited on its pages."""

    title: Title
    section: Label
    url: Url


class Gone(Model):
    """A linked page known to be gone for good: when that was found, and the archived copy linked instead."""

    found: date = Field(description="The day the link was found dead, written YYYY-MM-DD.")
    archive: Url = Field(
        description="An archived copy of the same page, such as `https://web.archive.org/web/<timestamp>/<url>`."
    )


def _archive_of_its_url(gone: Gone | None, info: ValidationInfo) -> Gone | None:
    if gone is None or "url" not in info.data:  # a url that failed validation has its own message
        return gone
    url = info.data["url"]
    if url is None:
        raise PydanticCustomError(
            "gone_without_url", "only a link can be gone; add the url it was at, or remove 'gone'"
        )
    if not is_archived_copy(gone.archive, url):
        raise PydanticCustomError(
            "archive_of_another_page",
            "must be an archived copy of the entry's url, such as https://web.archive.org/web/<timestamp>/{url}",
            {"url": url, "at": "archive"},  # 'at': the validator locates the problem on gone.archive
        )
    return gone


# The dead-source state, one declaration for every entry that links out; it reads the entry's
# url, so each model lists it after its url.
MaybeGone = Annotated[
    Gone | None,
    AfterValidator(_archive_of_its_url),
    Field(
        description="Only for a link found dead for good; `archive` is a copy of the same page, such as "
        "`https://web.archive.org/web/<timestamp>/<url>`. The page then links the copy, marked as archived, "
        "and the link check stops failing on the original."
    ),
]


class Resource(Model):
    # Descriptions show in editors (through the JSON Schema) and in CONTRIBUTING.md's fields table.
    id: Id = Field(description="Unique in the file; the timeline and stories cite the resource by it.")
    title: Title = Field(description="The resource's own title.")
    url: Url | None = Field(None, description="Leave out only for a print book with no web page.")
    type: ResourceType = Field(description="What kind of resource it is; the resources page groups by it.")
    author: Label = Field(description="Author, teacher or provider.")
    cost: Cost = Field(description="Paid resources are welcome when marked paid.")
    level: Level = Field(description="Who it suits.")
    topics: list[Topic] = Field(min_length=1, max_length=8, description="What it covers.")
    description: Text = Field(description="One or two sentences in your own words: what it is and who it helps.")
    note: Text | None = Field(None, description="Anything a reader should know, such as a moved page.")
    gone: MaybeGone = None


class ResourceCatalog(Model):
    source: Source
    resources: list[Resource] = Field(min_length=1)


class Task(Model):
    id: Id
    text: Text
    resources: list[Id] = Field(default_factory=list, description="Ids from data/resources.yml.")


class Rule(Model):
    """A rule of thumb for when to start, such as the student or notice-period rule."""

    id: Id
    title: Title
    text: Text


class Phase(Model):
    id: Id
    title: Title
    when: Label = Field(description="The phase's timing in words.")
    anchor: Anchor
    offset: Duration = Field(description="ISO 8601 duration from the anchor; negative is before it.")
    summary: Text
    rules: list[Rule] = Field(default_factory=list)
    tasks: list[Task] = Field(min_length=1)


class Insight(Model):
    id: Id
    title: Title
    text: Text
    resources: list[Id] = Field(default_factory=list)


class Timeline(Model):
    source: Source
    intro: Text
    phases: list[Phase] = Field(min_length=1)
    insights: list[Insight] = Field(default_factory=list)
    caution: Insight


class Figure(Model):
    """A number from a story's outcome, such as 4 offers."""

    value: Label
    label: Label


class Writeup(Model):
    title: Title
    url: Url
    note: Text | None = None
    gone: MaybeGone = None


class Story(Model):
    id: Id
    person: Label
    headline: Title
    role: Title
    background: Text
    journey: list[Text] = Field(min_length=1)
    setbacks: list[Text] = Field(default_factory=list)
    outcome: Text
    figures: list[Figure] = Field(default_factory=list)
    lessons: list[Text] = Field(min_length=1)
    writeups: list[Writeup] = Field(min_length=1)
    resources: list[Id] = Field(default_factory=list)


class StoryCollection(Model):
    source: Source
    intro: Text
    stories: list[Story] = Field(min_length=1)
    insights: list[Insight] = Field(default_factory=list)


# Each data file, by name, and the model of its top level.
DATA_FILES: dict[str, type[Model]] = {
    "resources.yml": ResourceCatalog,
    "timeline.yml": Timeline,
    "stories.yml": StoryCollection,
}
