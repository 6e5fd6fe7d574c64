"""The exchange file: assessments as JSON, for import, export and scoring without a database.

The format (DESIGN.md §9) is one assessment object or a list of them::

    {"format": "assessor.assessment", "format_version": 1, "uuid": "...",
     "organisation": "...", "unit": "", "respondent": {"name": "...", "role": "ceo"},
     "period": "2026-Q3", "status": "draft",
     "questionnaires": {"four-freedoms": 1},
     "answers": {"four-freedoms": {"ff-01": {"value": 20, "note": "..."}}}}

:func:`parse_exchange` checks everything and reports every problem with its place;
:func:`assessment_to_json` writes the same shape back.
"""

from __future__ import annotations

import json
import re
import uuid as uuid_module
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from assessor.answers import Answer, AnswerError, answer_from_json
from assessor.errors import AssessorError
from assessor.model import Questionnaire

FORMAT = "assessor.assessment"
FORMAT_VERSION = 1
ROLES: tuple[str, ...] = ("ceo", "marketing", "sales", "other")
STATUSES: tuple[str, ...] = ("draft", "complete")
PERIOD_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")

Role = Literal["ceo", "marketing", "sales", "other"]
Status = Literal["draft", "complete"]
#: Finds a questionnaire by id and version; None when it is not available.
QuestionnaireLookup = Callable[[str, int], Questionnaire | None]


class ExchangeError(AssessorError):
    """An exchange file that cannot be read; each line names the file and the place."""


@dataclass(frozen=True)
class Respondent:
    """Who answered: a name and a role (ceo, marketing, sales or other)."""

    name: str
    role: Role


@dataclass
class Assessment:
    """One respondent's answers for one organisation (and unit) and one period."""

    uuid: str
    organisation: str
    respondent: Respondent
    period: str
    unit: str = ""
    status: Status = "draft"
    #: questionnaire id -> the version answered
    questionnaires: dict[str, int] = field(default_factory=dict)
    #: questionnaire id -> item id -> answer
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)
    created: str = ""
    updated: str = ""
    completed: str = ""


def new_uuid() -> str:
    """A fresh assessment UUID."""
    return str(uuid_module.uuid4())


def period_problem(period: Any) -> str | None:
    """Why ``period`` is not a ``YYYY-Qn`` period, or None when it is one."""
    if not isinstance(period, str) or not PERIOD_PATTERN.match(period):
        return f"{period!r} is not a period like 2026-Q3 (a year, -Q, and a quarter 1–4)"
    return None


def _text_field(record: Mapping[str, Any], key: str, required: bool) -> tuple[str, str | None]:
    if key not in record:
        return "", "is required but missing" if required else None
    value = record[key]
    if not isinstance(value, str):
        return "", f"must be text, not {value!r}"
    if required and not value.strip():
        return "", "must not be empty"
    return value, None


def _parse_record(
    record: Any, place: str, lookup: QuestionnaireLookup
) -> tuple[Assessment | None, list[str]]:
    """One assessment object, or the problems that stop it, each prefixed with its place."""
    problems: list[str] = []

    def problem(where: str, message: str) -> None:
        problems.append(f"{place}{where}: {message}" if place or where else message)

    if not isinstance(record, Mapping):
        problem("", f"an assessment is a JSON object, not {type(record).__name__}")
        return None, problems
    if record.get("format") != FORMAT:
        problem(
            ".format" if place else "format", f'must be "{FORMAT}", not {record.get("format")!r}'
        )
    version = record.get("format_version", FORMAT_VERSION)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        problem(
            ".format_version" if place else "format_version",
            f"{version!r} is not supported (this version of Assessor reads up to {FORMAT_VERSION})",
        )
    sep = "." if place else ""
    values: dict[str, str] = {}
    for key, required in (
        ("uuid", False),
        ("organisation", True),
        ("unit", False),
        ("period", True),
        ("created", False),
        ("updated", False),
        ("completed", False),
    ):
        values[key], message = _text_field(record, key, required)
        if message:
            problem(sep + key, message)
    if values["period"] and (message := period_problem(values["period"])):
        problem(sep + "period", message)
    if values["uuid"]:
        try:
            values["uuid"] = str(uuid_module.UUID(values["uuid"]))
        except ValueError:
            problem(sep + "uuid", f"{values['uuid']!r} is not a UUID")
    status = record.get("status", "draft")
    if status not in STATUSES:
        problem(sep + "status", f"must be draft or complete, not {status!r}")
    respondent = record.get("respondent")
    name: str = ""
    role: Any = "other"
    if not isinstance(respondent, Mapping):
        problem(sep + "respondent", 'is required: an object like {"name": "...", "role": "ceo"}')
    else:
        name, message = _text_field(respondent, "name", True)
        if message:
            problem(sep + "respondent.name", message)
        role = respondent.get("role")
        if role not in ROLES:
            problem(sep + "respondent.role", f"must be one of {', '.join(ROLES)}, not {role!r}")

    versions = record.get("questionnaires", {})
    answers_in = record.get("answers", {})
    definitions: dict[str, Questionnaire] = {}
    if not isinstance(versions, Mapping):
        problem(sep + "questionnaires", 'must be an object like {"four-freedoms": 1}')
        versions = {}
    for questionnaire_id, wanted in versions.items():
        if isinstance(wanted, bool) or not isinstance(wanted, int):
            problem(
                f"{sep}questionnaires.{questionnaire_id}", f"version must be a number: {wanted!r}"
            )
            continue
        found = lookup(questionnaire_id, wanted)
        if found is None:
            problem(
                f"{sep}questionnaires.{questionnaire_id}",
                f"unknown questionnaire {questionnaire_id!r} version {wanted}",
            )
        else:
            definitions[questionnaire_id] = found
    if not isinstance(answers_in, Mapping):
        problem(sep + "answers", "must be an object of questionnaire ids")
        answers_in = {}
    answers: dict[str, dict[str, Answer]] = {}
    for questionnaire_id, by_item in answers_in.items():
        where = f"{sep}answers.{questionnaire_id}"
        if questionnaire_id not in versions:
            problem(where, f"questionnaire {questionnaire_id!r} is not listed in questionnaires")
            continue
        definition = definitions.get(questionnaire_id)
        if definition is None:
            continue
        if not isinstance(by_item, Mapping):
            problem(where, "must be an object of item ids")
            continue
        answers[questionnaire_id] = {}
        for item_id, data in by_item.items():
            try:
                answers[questionnaire_id][item_id] = answer_from_json(definition, item_id, data)
            except AnswerError as error:
                detail = error.lines[0].split(": ", 1)[-1]
                problem(f"{where}.{item_id}", detail)
    if problems:
        return None, problems
    return (
        Assessment(
            uuid=values["uuid"] or new_uuid(),
            organisation=values["organisation"].strip(),
            unit=values["unit"].strip(),
            respondent=Respondent(name=name.strip(), role=cast(Role, role)),
            period=values["period"],
            status=cast(Status, status),
            questionnaires={qid: int(v) for qid, v in versions.items()},
            answers=answers,
            created=values["created"],
            updated=values["updated"],
            completed=values["completed"],
        ),
        [],
    )


def parse_exchange(content: bytes, name: str, lookup: QuestionnaireLookup) -> list[Assessment]:
    """Read an exchange file (one assessment or a list); ``name`` is how errors refer to it.

    Raises :class:`ExchangeError` listing every problem, each as ``name: place: message``.
    """
    try:
        data = json.loads(content.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ExchangeError(f"{name}: not UTF-8 text (byte offset {error.start})") from None
    except json.JSONDecodeError as error:
        raise ExchangeError(
            f"{name}: line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}"
        ) from None
    records = data if isinstance(data, list) else [data]
    if not records:
        raise ExchangeError(f"{name}: the file holds no assessment")
    assessments: list[Assessment] = []
    problems: list[str] = []
    for index, record in enumerate(records):
        place = f"[{index}]" if isinstance(data, list) else ""
        assessment, found = _parse_record(record, place, lookup)
        problems.extend(f"{name}: {line}" for line in found)
        if assessment is not None:
            assessments.append(assessment)
    if problems:
        raise ExchangeError(*problems)
    return assessments


def identity_json(assessment: Assessment) -> dict[str, Any]:
    """Who answered for which organisation and period: the fields every JSON output starts with."""
    return {
        "uuid": assessment.uuid,
        "organisation": assessment.organisation,
        "unit": assessment.unit,
        "respondent": {"name": assessment.respondent.name, "role": assessment.respondent.role},
        "period": assessment.period,
        "status": assessment.status,
    }


def assessment_to_json(assessment: Assessment) -> dict[str, Any]:
    """The exchange-file object for one assessment."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        **identity_json(assessment),
        "questionnaires": dict(assessment.questionnaires),
        "answers": {
            qid: {item_id: answer.to_json() for item_id, answer in by_item.items()}
            for qid, by_item in assessment.answers.items()
        },
    }
    for key in ("created", "updated", "completed"):
        if getattr(assessment, key):
            data[key] = getattr(assessment, key)
    return data


def dump_exchange(assessments: list[Assessment]) -> str:
    """A list of assessments as exchange-file JSON text (stable key order, final newline)."""
    return (
        json.dumps([assessment_to_json(a) for a in assessments], indent=2, ensure_ascii=False)
        + "\n"
    )
