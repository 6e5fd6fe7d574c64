"""The committed exchange JSON Schema matches its models, and the models match real exports."""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from assessor.commands.storage import catalogue_lookup
from assessor.comparison.followup import FOLLOW_UP_STATUSES
from assessor.demo import create_demo
from assessor.exchange.outcomes import OutcomeValue
from assessor.exchange.schema import (
    ExchangeAnswer,
    ExchangeAssessment,
    ExchangeFile,
    ExchangeOutcome,
    ExchangeOutcomes,
    FollowUpStatus,
    exchange_schema_path,
    exchange_schema_text,
)
from assessor.storage import Store
from assessor.storage.transfer import export_json
from tests.helpers.storage import bundled, fill, mini


def test_committed_exchange_schema_matches_the_models() -> None:
    committed = exchange_schema_path().read_text(encoding="utf-8")

    assert committed == exchange_schema_text(), "run `make schema` and commit docs/"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """An export using every field: follow-ups and outcomes (demo), notes, drafts, embedded
    definitions, and the outcomes of an organisation without assessments."""
    db = tmp_path_factory.mktemp("schema") / "all-fields.db"
    with Store.open(db, automatic_backups=False) as store:
        create_demo(store)
        draft = store.create_assessment("Acme", "Ann", "sales", "2026-Q3", "EMEA", bundled())
        fill(store, draft.id, bundled()[:1])
        store.save_note(draft.id, bundled()[1].id, bundled()[1].items[0].id, "ask ops")
        other = store.create_assessment("Beta", "Bo", "other", "2025-Q4", questionnaires=[mini(3)])
        fill(store, other.id, [mini(3)])
        store.save_outcomes("Gamma", "", [OutcomeValue("2026-Q1", "win-rate", 30.0)])
        records: list[dict[str, Any]] = json.loads(export_json(store, catalogue_lookup()))
    return records


def test_every_exported_file_validates_against_the_models(
    exported: list[dict[str, Any]],
) -> None:
    ExchangeFile.model_validate_json(json.dumps(exported))


def _assessments(exported: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [record for record in exported if record["format"] == "assessor.assessment"]


def test_the_models_name_exactly_the_fields_export_writes(
    exported: list[dict[str, Any]],
) -> None:
    assessments = _assessments(exported)
    written = {key for record in assessments for key in record}
    answer_fields = {
        key
        for record in assessments
        for by_item in record["answers"].values()
        for answer in by_item.values()
        for key in answer
    }
    outcomes = [record for record in exported if record["format"] == "assessor.outcomes"]
    outcome_record_fields = {key for record in outcomes for key in record}
    outcome_fields = {key for record in outcomes for value in record["outcomes"] for key in value}

    assert written == set(ExchangeAssessment.model_fields)
    assert answer_fields == set(ExchangeAnswer.model_fields)
    assert outcome_record_fields == set(ExchangeOutcomes.model_fields)
    assert outcome_fields == set(ExchangeOutcome.model_fields)


def test_follow_up_statuses_are_the_domains() -> None:
    assert set(typing.get_args(FollowUpStatus)) == set(FOLLOW_UP_STATUSES)


@pytest.mark.parametrize(
    "change",
    [
        {"organisation": "Acme\x00"},
        {"period": "2026-Q5"},
        {"format_version": 2},
        {"questionnaires": {"four-freedoms": "1"}},
        {"respondent": {"name": "Ann", "role": "boss"}},
    ],
)
def test_the_schema_refuses_what_the_readers_refuse(
    exported: list[dict[str, Any]], change: dict[str, Any]
) -> None:
    record = {**_assessments(exported)[0], **change}

    with pytest.raises(ValidationError):
        ExchangeFile.model_validate(record)


@pytest.mark.parametrize(
    "change",
    [
        {"organisation": ""},
        {"format_version": 2},
        {"outcomes": [{"period": "2026-Q5", "metric": "win-rate", "value": 20}]},
        {"outcomes": [{"period": "2026-Q1", "metric": "Win Rate", "value": 20}]},
        {"outcomes": [{"period": "2026-Q1", "metric": "win-rate", "value": "20"}]},
        {"outcomes": [{"period": "2026-Q1", "metric": "win-rate", "value": 20, "by": "x"}]},
    ],
)
def test_the_schema_refuses_outcome_records_the_readers_refuse(
    exported: list[dict[str, Any]], change: dict[str, Any]
) -> None:
    record = next(r for r in exported if r["format"] == "assessor.outcomes")

    with pytest.raises(ValidationError):
        ExchangeFile.model_validate([{**record, **change}])


def test_the_format_document_names_every_field() -> None:
    text = (exchange_schema_path().parent / "exchange-format.md").read_text(encoding="utf-8")

    for name in (
        *ExchangeAssessment.model_fields,
        *ExchangeAnswer.model_fields,
        *ExchangeOutcomes.model_fields,
        *ExchangeOutcome.model_fields,
    ):
        assert f"`{name}`" in text, name


def test_the_schema_lives_beside_the_format_document() -> None:
    assert exchange_schema_path() == Path(__file__).resolve().parents[2] / "docs" / (
        "exchange.schema.json"
    )
