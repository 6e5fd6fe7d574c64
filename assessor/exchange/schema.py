"""The exchange file described as models, for its JSON Schema (``docs/exchange.schema.json``).

The readers (:mod:`assessor.exchange.exchange_file`, :mod:`assessor.storage.transfer`) check more
than a
schema can say: that the questionnaires exist, that each answer fits its item. These models say
what the file looks like, field by field, and are kept honest by tests: every file Assessor
exports validates against them, and they name exactly the fields the readers know
(``tests/assessor/test_exchange_schema.py``). ``python -m assessor.exchange.schema`` (``make
schema``)
writes both schemas; a test fails when the committed file no longer matches these models.

``docs/exchange-format.md`` is the prose version for people.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from assessor.exchange.exchange_file import FORMAT, FORMAT_VERSION, OUTCOMES_FORMAT
from assessor.exchange.outcomes import OUTCOMES_FORMAT_VERSION
from assessor.files.text_checks import ACTION, NAME, NOTE
from assessor.questionnaire.catalogue import bundled_dir
from assessor.questionnaire.metrics import metrics_schema
from assessor.questionnaire.model import MAX_VERSION, Questionnaire
from assessor.questionnaire.schema import schema_text

SCHEMA_ID = "https://assessor.invalid/schema/exchange.json"
#: The outcome metrics file's JSON Schema, beside it in ``questionnaires/``.
METRICS_SCHEMA_FILE = "outcomes.schema.json"

#: A time as Assessor writes it (UTC, to the second); readers accept any ISO 8601 time with a
#: time zone and convert it to this form.
Time = Annotated[
    str,
    Field(
        json_schema_extra={"format": "date-time"},
        description="An ISO 8601 time with a time zone, such as 2026-11-23T04:15:49Z.",
    ),
]
_CONTROL = r"\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
#: One line of plain text, not blank, of at most 200 characters: no control characters
#: (Assessor refuses them in names; see assessor.files.text_checks).
Name = Annotated[
    str,
    Field(
        min_length=1,
        max_length=NAME.max_length,
        pattern=rf"^[^{_CONTROL}]*[^\s{_CONTROL}][^{_CONTROL}]*$",
    ),
]
Version = Annotated[int, Field(ge=1, le=MAX_VERSION)]
_PERIOD = r"^[0-9]{4}-Q[1-4]$"
_HEX = "[0-9a-fA-F]"
UUID_PATTERN = rf"^{_HEX}{{8}}-?{_HEX}{{4}}-?{_HEX}{{4}}-?{_HEX}{{4}}-?{_HEX}{{12}}$"

#: The follow-up statuses (assessor.comparison.followup.FOLLOW_UP_STATUSES; a test keeps them
#: equal).
FollowUpStatus = Literal["done", "in-progress", "not-started"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class ExchangeAnswer(_Record):
    """One answer: a value, or "don't know"; either may carry a note and the time given."""

    value: int | float | str | list[str] | dict[str, bool] | None = Field(
        default=None,
        description=(
            "1–5 for agreement items, an option id for frequency and choice items, a list of "
            "option ids for multi items, an object of option ids and true (yes) or false (no) "
            "for checklist items (options left out are not known; at least one), a number for "
            "number items, text for text items. Leave it out when dont_know is true."
        ),
    )
    dont_know: bool = Field(default=False, description="The respondent does not know.")
    note: str = Field(
        default="",
        max_length=NOTE.max_length,
        description="The respondent's evidence or remark (no control characters but tab and "
        "line breaks).",
    )
    answered_at: Time | None = Field(
        default=None,
        description="When the answer was given; without it, the record's updated time is used.",
    )


class ExchangeRespondent(_Record):
    """Who answered."""

    name: Name
    role: Literal["ceo", "marketing", "sales", "other"]


class ExchangeFollowUp(_Record):
    """What became of one action of the previous period's report."""

    action: Annotated[
        str,
        Field(
            min_length=1,
            max_length=ACTION.max_length,
            description="The action's text, as reported.",
        ),
    ]
    status: FollowUpStatus
    source_period: str = Field(
        pattern=_PERIOD, description="The period whose report listed it, such as 2026-Q2."
    )
    questionnaire: str = Field(default="", description="The questionnaire of the action.")
    dimension: str | None = Field(default=None, description="The dimension it aims at.")
    position: int = Field(
        default=0, ge=0, le=MAX_VERSION, description="Its rank in that report, from 0."
    )
    answered_at: Time | None = None


class ExchangeAssessment(BaseModel):
    """One respondent's assessment of one organisation (and unit) for one period.

    Readers ignore fields they do not know, so later versions may add fields.
    """

    model_config = ConfigDict(extra="allow", strict=True, allow_inf_nan=False)

    format: Literal["assessor.assessment"] = Field(description=f'Always "{FORMAT}".')
    format_version: Annotated[int, Field(ge=1, le=FORMAT_VERSION)] = Field(
        default=FORMAT_VERSION, description="The version of this format."
    )
    uuid: str | None = Field(
        default=None,
        pattern=UUID_PATTERN,
        description="The assessment's identity; a new one is made when it is missing. Unique "
        "within a file; importing skips a UUID the database already has.",
    )
    organisation: Name
    unit: str = Field(
        default="",
        max_length=NAME.max_length,
        pattern=rf"^[^{_CONTROL}]*$",
        description="A part of the organisation; empty for all of it.",
    )
    respondent: ExchangeRespondent
    period: str = Field(pattern=_PERIOD, description="A quarter, such as 2026-Q3.")
    status: Literal["draft", "complete"] = "draft"
    questionnaires: dict[str, Version] = Field(
        default_factory=dict, description="The questionnaires answered: id → version."
    )
    answers: dict[str, dict[str, ExchangeAnswer]] = Field(
        default_factory=dict, description="Questionnaire id → item id → answer."
    )
    created: Time | None = None
    updated: Time | None = None
    completed: Time | None = None
    definitions: dict[str, Questionnaire] | None = Field(
        default=None,
        description=(
            "Questionnaire id → the full definition answered, when the reader may not have it "
            "(an older version, or a changed file with the same version). Written by export."
        ),
    )
    notes: dict[str, dict[str, str]] | None = Field(
        default=None,
        description="Notes typed on items not answered yet: questionnaire id → item id → note.",
    )
    followups: list[ExchangeFollowUp] | None = Field(
        default=None, description="What became of the previous period's actions."
    )


class ExchangeOutcome(_Record):
    """One business outcome: a metric's value in a period, with who entered it and when."""

    period: str = Field(pattern=r"^\d{4}-Q[1-4]$", description="A quarter, such as 2026-Q3.")
    metric: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="An outcome metric's id (questionnaires/outcomes.toml), such as win-rate.",
    )
    value: int | float = Field(
        description="The figure, in the metric's unit and within its range (win-rate: 0–100)."
    )
    entered_by: str = Field(default="", description="Who entered it (one line of text).")
    entered_at: Time | None = Field(
        default=None, description="When it was entered; the newer entry wins on import."
    )
    source: str = Field(
        default="", description="Where the figure comes from, such as a CRM report (one line)."
    )


class ExchangeOutcomes(BaseModel):
    """The business outcomes of one organisation (and unit), beside the assessments of a list.

    Export writes one per organisation and unit that has outcomes, also when the organisation
    has no assessment. Readers of assessments pass these records over.
    """

    model_config = ConfigDict(extra="allow", strict=True, allow_inf_nan=False)

    format: Literal["assessor.outcomes"] = Field(description=f'Always "{OUTCOMES_FORMAT}".')
    format_version: Annotated[int, Field(ge=1, le=OUTCOMES_FORMAT_VERSION)] = Field(
        default=OUTCOMES_FORMAT_VERSION, description="The version of the outcomes record."
    )
    organisation: Name
    unit: str = Field(default="", description="A part of the organisation; empty for all of it.")
    outcomes: list[ExchangeOutcome] = Field(
        default_factory=list,
        description="One value per metric and period (a period and metric given once).",
    )


#: A record of an exchange file: an assessment, or an organisation's business outcomes.
ExchangeRecord = Annotated[ExchangeAssessment | ExchangeOutcomes, Field(discriminator="format")]


class ExchangeFile(RootModel[ExchangeRecord | list[ExchangeRecord]]):
    """An exchange file: one record, or a list of them (export writes a list): assessments,
    and business outcomes of organisations."""


def exchange_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that exchange files follow."""
    schema = ExchangeFile.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "Assessor exchange file",
    }


def exchange_schema_text() -> str:
    """The schema as it is committed: indented JSON with a final newline."""
    return json.dumps(exchange_schema(), indent=2, ensure_ascii=False) + "\n"


def exchange_schema_path() -> Path:
    """Where the exchange file's schema is committed: ``docs/`` beside the source tree."""
    return Path(__file__).resolve().parents[2] / "docs" / "exchange.schema.json"


def metrics_schema_text() -> str:
    """The outcome metrics file's schema as it is committed (beside ``outcomes.toml``)."""
    return json.dumps(metrics_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    """Write the questionnaire and outcome metrics schemas beside the questionnaires, the
    exchange one in docs/."""
    for target, text in (
        (bundled_dir() / "schema.json", schema_text()),
        (bundled_dir() / METRICS_SCHEMA_FILE, metrics_schema_text()),
        (exchange_schema_path(), exchange_schema_text()),
    ):
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
