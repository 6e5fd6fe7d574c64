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

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

ItemKind = Literal["agreement", "frequency", "choice", "multi", "checklist", "number", "text"]
SCORED_KINDS: frozenset[str] = frozenset(
    {"agreement", "frequency", "choice", "multi", "checklist", "number"}
)
OPTION_KINDS: frozenset[str] = frozenset({"frequency", "choice", "multi", "checklist"})
#: Kinds whose answer is one point of a scale: the built-in caution on uniform answers reads them.
SCALE_KINDS: frozenset[str] = frozenset({"agreement", "frequency", "choice"})
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
#: warning on its own; fallback: the finding for a weak dimension (under 40) when no named pattern
#: on it fired; next-step: the next step to Strong for a dimension in 60–80.
FindingKind = Literal["pattern", "watch", "flag", "fallback", "next-step"]
#: Finding kinds that stand for one dimension: they need ``dimension`` and at least one action.
DIMENSION_KINDS: frozenset[str] = frozenset({"fallback", "next-step"})
#: scored: a diagnostic questionnaire; profile: facts about the organisation, never scored.
QuestionnaireKind = Literal["scored", "profile"]

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
    """One answer option of a frequency, choice, multi-select or checklist item."""

    id: Identifier
    label: Text
    score: float | None = Field(
        default=None,
        description=(
            "How favourable this option is, from 0 (worst) to 1 (best); required for the "
            "options of scored items, not used by screening questions and profile items. "
            "Checklist items: the score of a yes (1 for a favourable practice, 0 for an "
            "unfavourable one); a no scores 1 - score."
        ),
    )
    exclusive: bool = Field(
        default=False,
        description="Multi-select only: ticking this option clears the others, and vice versa.",
    )

    @property
    def worth(self) -> float:
        """The option's score, 0 when it has none (the options of unscored items)."""
        return 0.0 if self.score is None else self.score


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
    ``includes``: an option id ticked in a multi-select, or answered yes in a checklist.
    ``excludes``: an option id not ticked in a multi-select, or answered no in a checklist (an
    option a checklist answer leaves unknown makes both "not evaluated").
    ``below``/``at_least``: the raw value of
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
    includes: Identifier | None = Field(
        default=None,
        description="Multi: this option is ticked. Checklist: this option is answered yes.",
    )
    excludes: Identifier | None = Field(
        default=None,
        description="Multi: this option is not ticked. Checklist: this option is answered no.",
    )
    below: float | None = None
    at_least: float | None = None
    score_below: float | None = None
    score_at_least: float | None = None
    dont_know: bool | None = None
    answered: bool | None = None


class EveryDimensionTest(_Model):
    """True when every scored dimension of a questionnaire is at least ``every_dimension_at_least``
    and enough of its dimensions have a score.

    The share is taken over the dimensions that apply to the respondent (a dimension none of
    whose items is asked of them, by role or ``show_if``, is left out). False as soon as a scored
    dimension is below the bound; "not evaluated" when no dimension has a score or the share of
    scored dimensions is below ``scored_share_at_least``.
    """

    every_dimension_at_least: float = Field(
        description="The least score (0–100) every scored dimension must reach."
    )
    scored_share_at_least: float = Field(
        default=1.0,
        description="The least share (0–1) of the dimensions that must have a score.",
    )
    questionnaire: Identifier | None = Field(
        default=None,
        description="Read another questionnaire of the same assessment (default: this one).",
    )


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
    # Before "questionnaire": a test on every dimension may name another questionnaire too.
    "every_dimension_at_least": "~every",
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
    models: tuple[tuple[type[_Model], str], ...] = (
        (AllOf, "~all"),
        (AnyOf, "~any"),
        (NotOf, "~not"),
        (AnswerTest, "~answer"),
        (EveryDimensionTest, "~every"),
    )
    for model, tag in models:
        if isinstance(value, model):
            return tag
    return "~score" if isinstance(value, ScoreTest) else None


Condition = Annotated[
    Annotated[AllOf, Tag("~all")]
    | Annotated[AnyOf, Tag("~any")]
    | Annotated[NotOf, Tag("~not")]
    | Annotated[AnswerTest, Tag("~answer")]
    | Annotated[ScoreTest, Tag("~score")]
    | Annotated[EveryDimensionTest, Tag("~every")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition_kind",
        custom_error_message=(
            "a condition must start with one of: all, any, not, item, dimension, "
            "questionnaire, every_dimension_at_least"
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
    dimension: Identifier | None = Field(
        default=None,
        description=(
            "The dimension the item scores towards: required in a scored questionnaire, not "
            "used in a profile."
        ),
    )
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
    fact: bool = Field(
        default=False,
        description=(
            "The item asks about a fact that others in the team can confirm or dispute (not an "
            "opinion or a feeling)."
        ),
    )
    #: set by the questionnaire: an item of a profile questionnaire is never scored
    _in_profile: bool = PrivateAttr(default=False)

    @property
    def scored(self) -> bool:
        """Whether answers to this item count towards its dimension's score.

        Never for text items, screening questions and the items of a profile questionnaire.
        """
        if self.kind not in SCORED_KINDS or self.screener:
            return False
        # Read the private attribute where pydantic keeps it: ``self._in_profile`` goes through
        # BaseModel.__getattr__, which made this property a tenth of an import's time.
        private = self.__pydantic_private__
        return not (private or {}).get("_in_profile", False)

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
    kind: FindingKind = Field(
        default="pattern",
        description=(
            "pattern: a named pattern. watch: a dimension in its Fragile range. flag: one "
            "answer that is a warning on its own (item names it). fallback: the finding for a "
            "weak dimension (write a score test below 40) when no named pattern could be "
            "settled; it is not reported when another non-positive finding of medium or high "
            "severity on the same dimension fired. next-step: the next step to Strong for a "
            "dimension in 60–80. fallback and next-step need dimension and an action."
        ),
    )
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


class CautionRule(_Model):
    """A reason to read the scores with care: answers too good to be true, or inconsistent.

    When ``when`` holds, ``text`` is said to the reader (on the Results page and page 2 of the
    report, and in ``assessor score --json``).
    """

    id: Identifier
    text: Text = Field(
        description=(
            "One plain sentence said to the reader, such as 'Marketing and sales are said never "
            "to have disagreed about a lead; few teams can say that, so read the scores with "
            "care.'"
        )
    )
    when: Condition = Field(
        description=(
            "When the caution is raised: a condition like a finding's (for example an item an "
            "honest leader rarely endorses in full, or the same fact asked twice, once "
            "reverse-keyed, answered both ways)."
        )
    )
    basis: Basis | None = None


#: In the JSON Schema: a scored questionnaire (the default kind) needs dimensions and bands.
_SCORED_NEEDS: dict[str, Any] = {
    "if": {"properties": {"kind": {"const": "profile"}}, "required": ["kind"]},
    "else": {"required": ["dimensions", "bands"]},
}


class Questionnaire(_Model):
    """A whole questionnaire file."""

    model_config = ConfigDict(json_schema_extra=_SCORED_NEEDS)

    id: Identifier
    version: int = Field(ge=1, le=MAX_VERSION)
    kind: QuestionnaireKind = Field(
        default="scored",
        description=(
            "scored: a diagnostic questionnaire with dimensions, bands and findings. profile: "
            "facts about the organisation that other questionnaires read (show_if, when); "
            "never scored, so it has no dimensions, bands or findings."
        ),
    )
    title: Text
    description: Text
    sources: list[Source]
    dimensions: list[Dimension] = Field(default_factory=list)
    bands: list[Band] = Field(default_factory=list)
    items: list[Item]
    findings: list[Finding] = Field(default_factory=list)
    cautions: list[CautionRule] = Field(
        default_factory=list,
        description="Reasons to read the scores with care, raised by conditions.",
    )
    min_coverage: float = Field(
        default=0.6,
        description="Share of a dimension's weight that must be answered for it to have a score.",
    )

    @model_validator(mode="after")
    def _mark_profile_items(self) -> Questionnaire:
        """The items of a profile are never scored: each is told so (on its own copy)."""
        if self.kind == "profile" and not all(item._in_profile for item in self.items):
            items = [item.model_copy() for item in self.items]
            for item in items:
                item._in_profile = True
            object.__setattr__(self, "items", items)
        return self

    @property
    def is_profile(self) -> bool:
        """Whether this is an unscored profile questionnaire."""
        return self.kind == "profile"

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
