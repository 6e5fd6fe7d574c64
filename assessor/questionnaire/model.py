"""The questionnaire data model: what a questionnaire file may contain.

These pydantic models check the *shape* of a questionnaire (types, required fields, no unknown
fields). Rules that span several fields, such as references that must resolve or bands that must
cover 0–100, live in :mod:`assessor.questionnaire.validation`. ``questionnaires/schema.json`` is
generated from
these models (``make schema``) so authors get completion in their editor.

Conditions (``show_if`` on items, ``when`` on findings) are structured data: ``all``/``any``/
``not`` over tests of dimension scores and item answers. Nothing in a questionnaire is ever
evaluated as code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag
from pydantic_core import PydanticCustomError

ItemKind = Literal["agreement", "frequency", "choice", "multi", "number", "text"]
SCORED_KINDS: frozenset[str] = frozenset({"agreement", "frequency", "choice", "multi", "number"})
OPTION_KINDS: frozenset[str] = frozenset({"frequency", "choice", "multi"})
Severity = Literal["info", "low", "medium", "high"]
#: Who answers an assessment; an item's ``ask`` names the roles that can know its answer.
Role = Literal["ceo", "marketing", "sales", "other"]
ROLES: tuple[Role, ...] = ("ceo", "marketing", "sales", "other")
#: Who carries out an action.
Owner = Literal["ceo", "marketing", "sales", "leadership"]
#: When an action is due: within a month, a quarter or half a year.
Horizon = Literal["month", "quarter", "half"]
#: How much work an action takes: hours (a decision, a message, a meeting booked), days (a
#: document to write, a review or workshop to prepare) or a project (several people, weeks).
Effort = Literal["hours", "days", "project"]
#: Where a claim comes from: one of the source articles, or the tool's own (or standard) practice.
Basis = Literal["article", "practice"]
#: pattern: a named pattern; watch: a dimension in its Fragile range; flag: one answer that is a
#: warning on its own.
FindingKind = Literal["pattern", "watch", "flag"]

AGREEMENT_LABELS: tuple[str, ...] = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=64,
        description="Lower-case letters, digits and hyphens, starting with a letter or digit.",
    ),
]
#: The largest version number: versions are small counts, and must fit every store.
MAX_VERSION = 2**31 - 1
#: Control characters a questionnaire's text may not hold (tab and line breaks are fine).
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _no_control_characters(text: str) -> str:
    found = _CONTROL_CHARACTER.search(text)
    if found:
        raise PydanticCustomError(
            "control_character",
            "contains the control character {character} at position {position}; remove it",
            {"character": repr(found.group()), "position": found.start()},
        )
    return text


#: Text shown to people: no control characters but tabs and line breaks.
PlainText = Annotated[str, AfterValidator(_no_control_characters)]
Text = Annotated[PlainText, Field(min_length=1)]


class _Model(BaseModel):
    # strict: a version "1" (text) or a score "0.5" is an error, not silently converted;
    # allow_inf_nan: nan and inf are not numbers a score, a band or a weight can use.
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, strict=True, allow_inf_nan=False
    )


class Source(_Model):
    """An article a questionnaire draws on; items and findings cite it by ``id``."""

    id: Identifier
    title: Text
    date: PlainText = Field(default="", description="Publication date, YYYY-MM-DD, if known.")
    file: PlainText = Field(default="", description="The article's file name in the source folder.")


class DimensionBand(_Model):
    """What a score range means for one dimension; the questionnaire's bands give the label."""

    min: float
    max: float
    meaning: Text


class Dimension(_Model):
    """One scored aspect of a questionnaire, such as 'freedom from chaos'."""

    id: Identifier
    title: Text
    description: Text
    bands: list[DimensionBand] = Field(
        default_factory=list,
        description=(
            "Per-dimension meanings of score ranges (cover 0–100 when given); the "
            "questionnaire's bands are the fallback."
        ),
    )
    consequence: str = Field(
        default="",
        description=(
            "What a weak score here costs the business, in one sentence (the report's "
            "'Why it matters'); a finding's own consequence comes first."
        ),
    )

    def meaning_for(self, score: float) -> str | None:
        """This dimension's own meaning for a 0–100 score, or None when it has none."""
        for band in self.bands:
            if band.min <= score < band.max:
                return band.meaning
        if self.bands and score >= max(band.max for band in self.bands):
            return max(self.bands, key=lambda band: band.max).meaning
        return None


class Band(_Model):
    """A score range with a label and what it means; bands cover 0–100 with no gap or overlap.

    A score belongs to the band with ``min <= score < max``; the top band also holds 100.
    """

    min: float
    max: float
    label: Text
    meaning: Text


class Option(_Model):
    """One answer option of a frequency, choice or multi-select item."""

    id: Identifier
    label: Text
    score: float = Field(description="How favourable this option is, from 0 (worst) to 1 (best).")
    exclusive: bool = Field(
        default=False,
        description="Multi-select only: ticking this option clears the others, and vice versa.",
    )


class NumberRange(_Model):
    """A score for numeric answers with ``min <= value < max`` (the last range includes max)."""

    min: float
    max: float
    score: float


# --- Conditions -----------------------------------------------------------------------------


class ScoreTest(_Model):
    """True when a dimension score (or a questionnaire index) lies in a range.

    Without ``questionnaire`` the dimension is one of this questionnaire's; with it, the test
    reads another questionnaire of the same assessment. Without ``dimension`` the test reads the
    questionnaire's index. A score that is not available makes the condition "not evaluated".
    """

    questionnaire: Identifier | None = None
    dimension: Identifier | None = None
    below: float | None = Field(default=None, description="True when score < below.")
    at_least: float | None = Field(default=None, description="True when score >= at_least.")


class AnswerTest(_Model):
    """True when the answer to an item of this questionnaire passes every test given.

    ``equals``/``in``: the option id (frequency, choice) or value (agreement 1–5, number).
    ``includes``: an option id ticked in a multi-select. ``below``/``at_least``: the raw value of
    an agreement or number item. ``score_below``/``score_at_least``: the answer's 0–1 score, for
    any scored kind. ``dont_know``: the answer is (or is not) "don't know". ``answered``: any
    answer at all has been given. An unanswered item makes every test but ``answered``
    "not evaluated".
    """

    item: Identifier
    questionnaire: Identifier | None = Field(
        default=None,
        description=(
            "Read an item of another questionnaire of the same assessment (such as a screening "
            "question); without it the item is this questionnaire's."
        ),
    )
    equals: str | float | None = None
    in_: list[str | float] | None = Field(default=None, alias="in")
    includes: Identifier | None = None
    below: float | None = None
    at_least: float | None = None
    score_below: float | None = None
    score_at_least: float | None = None
    dont_know: bool | None = None
    answered: bool | None = None


class AllOf(_Model):
    """True when every condition in ``all`` is true."""

    all: list[Condition] = Field(min_length=1)


class AnyOf(_Model):
    """True when at least one condition in ``any`` is true."""

    any: list[Condition] = Field(min_length=1)


class NotOf(_Model):
    """True when the condition in ``not`` is false."""

    not_: Condition = Field(alias="not")


# Tags start with "~" so that locations shown to authors can leave them out (see validation).
_CONDITION_TAGS = {
    "all": "~all",
    "any": "~any",
    "not": "~not",
    "item": "~answer",
    "dimension": "~score",
    "questionnaire": "~score",
}


def _condition_tag(value: Any) -> str | None:
    """Pick the kind of a condition from the key that introduces it."""
    if isinstance(value, dict):
        for key, tag in _CONDITION_TAGS.items():
            if key in value:
                return tag
        # A score test may name only a range: it then reads the questionnaire index.
        if "below" in value or "at_least" in value:
            return "~score"
        return None
    for model, tag in ((AllOf, "~all"), (AnyOf, "~any"), (NotOf, "~not"), (AnswerTest, "~answer")):
        if isinstance(value, model):
            return tag
    return "~score" if isinstance(value, ScoreTest) else None


Condition = Annotated[
    Annotated[AllOf, Tag("~all")]
    | Annotated[AnyOf, Tag("~any")]
    | Annotated[NotOf, Tag("~not")]
    | Annotated[AnswerTest, Tag("~answer")]
    | Annotated[ScoreTest, Tag("~score")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition_kind",
        custom_error_message=(
            "a condition must start with one of: all, any, not, item, dimension, questionnaire"
        ),
    ),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


# --- Items and findings -----------------------------------------------------------------------


class Item(_Model):
    """One question. Its ``kind`` decides which other fields apply (see the README)."""

    id: Identifier
    dimension: Identifier
    kind: ItemKind
    text: Text
    why: Text = Field(description="Why we ask: one sentence, in our own words.")
    source: Identifier
    weight: float = 1.0
    reverse: bool = Field(default=False, description="Agreement items only: 'agree' is bad.")
    required: bool | None = Field(
        default=None, description="Defaults to true for scored items and false for text."
    )
    options: list[Option] = Field(default_factory=list)
    multi_scoring: Literal["credit", "penalty"] = Field(
        default="credit",
        description=(
            "Multi-select only. credit: score = sum of ticked option scores, at most 1. "
            "penalty: score = 1 - sum of ticked option scores, at least 0."
        ),
    )
    min: float | None = Field(default=None, description="Number items: smallest allowed value.")
    max: float | None = Field(default=None, description="Number items: largest allowed value.")
    unit: PlainText = Field(default="", description="Number items: the unit shown, such as %.")
    ranges: list[NumberRange] = Field(default_factory=list)
    show_if: Condition | None = None
    argument: PlainText = Field(
        default="",
        description=(
            "The source's point in our own words; shown once the item is answered and in the "
            "report, never while the question is open."
        ),
    )
    ask: list[Role] = Field(
        default_factory=lambda: list(ROLES),
        description="The respondent roles that can know the answer; others are not asked.",
    )
    basis: Basis | None = Field(
        default=None,
        description=(
            "article: cites its source's claim; practice: the tool's own or standard practice."
        ),
    )
    screener: bool = Field(
        default=False,
        description=(
            "A screening question (choice): its answer decides which items are shown and "
            "which findings apply; it is never scored."
        ),
    )

    @property
    def scored(self) -> bool:
        """Whether answers to this item count towards its dimension's score."""
        return self.kind in SCORED_KINDS and not self.screener

    def asks(self, role: str | None) -> bool:
        """Whether a respondent in ``role`` is asked this item (None: every item is asked)."""
        return role is None or role in self.ask

    @property
    def is_required(self) -> bool:
        """Whether the item must be answered (or marked "don't know") to complete."""
        return self.scored if self.required is None else self.required


class Action(_Model):
    """One thing to do about a finding: what, who, by when, and how anyone can tell it is done."""

    text: Text
    owner: Owner
    horizon: Horizon
    done_when: Text = Field(description="A test anyone can check, such as a dated document.")
    effort: Effort | None = Field(
        default=None,
        description=(
            "The work it takes: hours (a decision, a message, a meeting booked), days (a "
            "document to write, a review to prepare) or project (several people over weeks)."
        ),
    )
    dimension: Identifier | None = Field(
        default=None,
        description=(
            "The dimension of this questionnaire the action acts on (default: the finding's)."
        ),
    )


class Finding(_Model):
    """A pattern the diagnosis recognises, with the condition that fires it and what to do."""

    id: Identifier
    title: Text
    severity: Severity
    explanation: Text
    when: Condition
    actions: list[Action | Text] = Field(
        default_factory=list,
        description="Actions as tables (text, owner, horizon, done_when); plain strings are v1.",
    )
    sources: list[Identifier] = Field(default_factory=list)
    kind: FindingKind = "pattern"
    basis: Basis | None = None
    item: Identifier | None = Field(
        default=None, description="Flags only: the item whose answer raises the flag."
    )
    positive: bool = Field(default=False, description="True for a healthy pattern.")
    dimension: Identifier | None = Field(
        default=None,
        description="The dimension of this questionnaire that the actions aim at; ranks them.",
    )
    importance: float = Field(default=1.0, description="Weight of the actions in the plan.")
    consequence: str = Field(
        default="",
        description=(
            "What this pattern costs the business, in one sentence (the report's 'Why it "
            "matters'); without it the dimension's consequence, else the report's own text."
        ),
    )

    @property
    def action_texts(self) -> list[str]:
        """What each action says, for v1 strings and v2 tables alike."""
        return [action if isinstance(action, str) else action.text for action in self.actions]


class Questionnaire(_Model):
    """A whole questionnaire file."""

    id: Identifier
    version: int = Field(ge=1, le=MAX_VERSION)
    title: Text
    description: Text
    sources: list[Source]
    dimensions: list[Dimension]
    bands: list[Band]
    items: list[Item]
    findings: list[Finding] = Field(default_factory=list)
    min_coverage: float = Field(
        default=0.6,
        description="Share of a dimension's weight that must be answered for it to have a score.",
    )

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with this id (KeyError if there is none)."""
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError if there is none)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError if there is none)."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def band_for(self, score: float) -> Band:
        """The band a 0–100 score falls into."""
        for band in self.bands:
            if band.min <= score < band.max:
                return band
        return max(self.bands, key=lambda band: band.max)


def aims_at(definitions: Mapping[str, Questionnaire], qid: str, did: str | None) -> str:
    """ "Questionnaire: Dimension" (or the questionnaire's title) an action acts on."""
    questionnaire = definitions.get(qid)
    if questionnaire is None:
        return qid
    for dimension in questionnaire.dimensions:
        if dimension.id == did:
            return f"{questionnaire.title}: {dimension.title}"
    return questionnaire.title
