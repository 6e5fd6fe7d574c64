"""The exchange file: assessments as JSON, for import, export and scoring without a database.

The format (DESIGN.md §9, field by field in ``docs/exchange-format.md``, JSON Schema in
``docs/exchange.schema.json``) is one assessment object or a list of them::

    {"format": "assessor.assessment", "format_version": 1, "uuid": "...",
     "organisation": "...", "unit": "", "respondent": {"name": "...", "role": "ceo"},
     "period": "2026-Q3", "status": "draft",
     "questionnaires": {"four-freedoms": 1},
     "answers": {"four-freedoms": {"ff-01": {"value": 4, "note": "...",
                                              "answered_at": "2026-08-03T09:12:44Z"}}}}

Reading is in two steps, so that readers of richer files (with embedded definitions, notes or
follow-ups) parse the text once: :func:`exchange_data` turns the bytes into checked JSON data
(UTF-8 with or without a BOM, no key given twice, no non-finite number, bounded nesting) and
:func:`parse_records` checks every record and reports every problem with its place.
:func:`parse_exchange` does both; :func:`assessment_to_json` writes the same shape back.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid as uuid_module
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from assessor.diagnosis.answers import Answer, AnswerError, answer_from_json
from assessor.errors import AssessorError
from assessor.files.documents import (
    EXCHANGE_DEPTH,
    DocumentFault,
    data_faults,
    decode,
    json_place,
    may_hold_surrogates,
    parse_json,
)
from assessor.files.text_checks import (
    NAME,
    NOTE,
    OPTIONAL_NAME,
    TEXT_ANSWER,
    TextRule,
    text_problem,
)
from assessor.questionnaire.model import MAX_VERSION, Questionnaire

FORMAT = "assessor.assessment"
FORMAT_VERSION = 1
#: The format of the records of business outcomes an exported list may also hold (read by
#: :mod:`assessor.exchange.outcomes`; the readers of assessments pass over them).
OUTCOMES_FORMAT = "assessor.outcomes"
ROLES: tuple[str, ...] = ("ceo", "marketing", "sales", "other")
STATUSES: tuple[str, ...] = ("draft", "complete")
PERIOD_PATTERN = re.compile(r"^([0-9]{4})-Q([1-4])\Z")
#: How times are written: UTC, to the second.
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
#: The record fields that hold times.
TIME_FIELDS: tuple[str, ...] = ("created", "updated", "completed")
#: The earliest time a record may carry (no assessment was written before computers had clocks).
EARLIEST_TIME = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
#: How far ahead of this computer's clock a time may be (another computer's clock may run fast);
#: a later time would make every later copy of an assessment look older, for good.
CLOCK_SLACK = datetime.timedelta(days=1)

#: The rules for a record's uuid and period before their own checks (one short line each).
_IDENTIFIER = TextRule("a UUID", 100)
_PERIOD = TextRule("a period", 100, required=True)

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
    #: questionnaire id -> item id -> when the answer was given (UTC, ``TIME_FORMAT``)
    answered_at: dict[str, dict[str, str]] = field(default_factory=dict)


def new_uuid() -> str:
    """A fresh assessment UUID."""
    return str(uuid_module.uuid4())


def short_repr(value: Any, limit: int = 60) -> str:
    """``repr(value)`` for a message, shortened with "…" (a hostile value may be megabytes)."""
    if isinstance(value, str) and len(value) > limit:
        return repr(value[:limit]) + "…"
    if isinstance(value, list | dict | tuple):
        return type(value).__name__ if len(value) > 8 else repr(value)[:limit]
    return repr(value)[:limit]


def period_problem(period: Any) -> str | None:
    """Why ``period`` is not a ``YYYY-Qn`` period, or None when it is one."""
    if not isinstance(period, str) or not PERIOD_PATTERN.match(period):
        return f"{short_repr(period)} is not a period like 2026-Q3 (a year, -Q, and a quarter 1–4)"
    return None


def format_time(moment: datetime.datetime) -> str:
    """A moment as stored: UTC, ``TIME_FORMAT``, the year always with four digits."""
    utc = moment.astimezone(datetime.UTC)
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T"
        f"{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z"
    )


def checked_time(value: Any, now: datetime.datetime | None = None) -> tuple[str, str | None]:
    """A time as stored (UTC, ``TIME_FORMAT``), or why ``value`` cannot be one.

    It must be an ISO 8601 time with a zone, from :data:`EARLIEST_TIME` to
    :data:`CLOCK_SLACK` after ``now`` (default: this computer's clock). A time at the edge of the
    calendar (``9999-12-31T23:59:59-23:59``, which is in the year 10000 in UTC) is refused like
    any other, never an overflow.
    """
    example = "a time like 2026-11-23T04:15:49Z"
    if not isinstance(value, str):
        return "", f"must be {example}, not {short_repr(value)}"
    if len(value) > 64:
        return "", f"{value[:40]!r}… is not {example}"
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return "", f"{value!r} is not {example}"
    if moment.tzinfo is None:
        return "", f"{value!r} has no time zone; write {example} (UTC) or give an offset"
    try:
        utc = moment.astimezone(datetime.UTC)
    except OverflowError:
        return "", f"{value!r} is outside the calendar (years 1970 to 9999 in UTC)"
    if utc < EARLIEST_TIME:
        return "", f"{value!r} is before 1970: not a time an assessment can carry"
    latest = (now or datetime.datetime.now(datetime.UTC)) + CLOCK_SLACK
    if utc > latest:
        return "", (
            f"{value!r} is more than a day ahead of this computer's clock "
            f"({format_time(latest - CLOCK_SLACK)}); check the clock of the computer "
            "that wrote the file"
        )
    return format_time(utc), None


def _text_field(record: Mapping[str, Any], key: str, rule: TextRule) -> tuple[str, str | None]:
    if key not in record:
        return "", "is required but missing" if rule.required else None
    value = record[key]
    problem = text_problem(value, rule)
    if problem:
        return "", problem
    return value, None


def _version_problem(value: Any, highest: int) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"must be a whole number, not {value!r}"
    if not 1 <= value <= highest:
        return f"must be from 1 to {highest}, not {value}"
    return None


def _answer(
    definition: Questionnaire, item_id: str, data: Any
) -> tuple[Answer | None, str, str | None]:
    """An exchange answer: the answer and when it was given, or why it cannot be used."""
    stamp = ""
    if isinstance(data, Mapping) and "answered_at" in data:
        data = dict(data)
        stamp, message = checked_time(data.pop("answered_at"))
        if message:
            return None, "", f"answered_at: {message}"
    try:
        answer = answer_from_json(definition, item_id, data)
    except AnswerError as error:
        return None, "", error.lines[0].split(": ", 1)[-1]
    texts = [("note", answer.note, NOTE)]
    if isinstance(answer.value, str):  # a text answer (an option id passes the same check)
        texts.append(("value", answer.value, TEXT_ANSWER))
    for key, text, rule in texts:
        problem = text_problem(text, rule)
        if problem:
            return None, "", f"{key}: {problem}"
    return answer, stamp, None


def parse_record(
    record: Any, place: str, lookup: QuestionnaireLookup
) -> tuple[Assessment | None, list[str]]:
    """One assessment object, or the problems that stop it, each prefixed with its place
    (``[7]`` for the eighth record of a list, empty for a file of one)."""
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
    if _version_problem(version, FORMAT_VERSION):
        problem(
            ".format_version" if place else "format_version",
            f"{version!r} is not supported (this version of Assessor reads 1 to {FORMAT_VERSION})",
        )
    sep = "." if place else ""
    values: dict[str, str] = {}
    for key, rule in (
        ("uuid", _IDENTIFIER),
        ("organisation", NAME),
        ("unit", OPTIONAL_NAME),
        ("period", _PERIOD),
    ):
        values[key], message = _text_field(record, key, rule)
        if message:
            problem(sep + key, message)
    now = datetime.datetime.now(datetime.UTC)
    for key in TIME_FIELDS:
        values[key] = ""
        if key in record:
            values[key], message = checked_time(record[key], now)
            if message:
                problem(sep + key, message)
    if values["created"] and values["updated"] and values["created"] > values["updated"]:
        problem(
            sep + "created",
            f"{values['created']} is after updated ({values['updated']}): an assessment is "
            "created before it is changed",
        )
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
        name, message = _text_field(respondent, "name", NAME)
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
        if message := _version_problem(wanted, MAX_VERSION):
            problem(f"{sep}questionnaires.{questionnaire_id}", f"the version {message}")
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
    times: dict[str, dict[str, str]] = {}
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
            answer, stamp, message = _answer(definition, item_id, data)
            if answer is None:
                problem(f"{where}.{item_id}", message or "is not an answer")
                continue
            answers[questionnaire_id][item_id] = answer
            if stamp:
                times.setdefault(questionnaire_id, {})[item_id] = stamp
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
            answered_at=times,
        ),
        [],
    )


def exchange_data(content: bytes, name: str) -> Any:
    """The JSON data of an exchange file, checked before any record is read.

    Accepts UTF-8 with or without a byte order mark. Raises :class:`ExchangeError` for text
    that is not JSON, nesting deeper than :data:`~assessor.files.documents.EXCHANGE_DEPTH`, a key
    given twice in one object, a number that is not finite or an over-long integer, a text or
    key holding a lone surrogate, each with its line and column or its place.
    """
    try:
        text = decode(content)
        data = parse_json(text, EXCHANGE_DEPTH)
    except DocumentFault as fault:
        raise ExchangeError(f"{name}: {fault}") from None
    faults = data_faults(data, EXCHANGE_DEPTH, surrogates=may_hold_surrogates(text))
    if faults:
        raise ExchangeError(
            *(
                f"{name}: {place}: {fault.message}"
                if (place := json_place(fault.location))
                else f"{name}: {fault.message}"
                for fault in faults
            )
        )
    return data


def duplicate_uuid_problem(record: Any, index: int, first: dict[str, int]) -> str | None:
    """The problem of the record at ``index`` of a list when an earlier record (``first``: UUID
    → index, which this call keeps up to date) has its UUID; None when it has none of theirs."""
    given = record.get("uuid") if isinstance(record, Mapping) else None
    if not isinstance(given, str):
        return None
    try:
        key = str(uuid_module.UUID(given))
    except ValueError:
        return None
    if key in first:
        return (
            f"[{index}].uuid: {given!r} is the UUID of [{first[key]}] too; each assessment "
            "in a file has its own"
        )
    first[key] = index
    return None


def _duplicate_uuids(records: list[Any]) -> list[str]:
    """Problems for an assessment UUID given to two records of one file."""
    first: dict[str, int] = {}
    return [
        problem
        for index, record in enumerate(records)
        if (problem := duplicate_uuid_problem(record, index, first)) is not None
    ]


def parse_records(data: Any, name: str, lookup: QuestionnaireLookup) -> list[Assessment]:
    """Check the records of exchange data (one object or a list) against the questionnaires.

    Raises :class:`ExchangeError` listing every problem, each as ``name: place: message``.
    """
    records = data if isinstance(data, list) else [data]
    if not records:
        raise ExchangeError(f"{name}: the file holds no assessment")
    assessments: list[Assessment] = []
    problems: list[str] = []
    for index, record in enumerate(records):
        if is_outcomes_record(record):
            continue  # business outcomes travel beside the assessments (exchange.outcomes)
        place = f"[{index}]" if isinstance(data, list) else ""
        assessment, found = parse_record(record, place, lookup)
        problems.extend(f"{name}: {line}" for line in found)
        if assessment is not None:
            assessments.append(assessment)
    problems.extend(f"{name}: {line}" for line in _duplicate_uuids(records))
    if problems:
        raise ExchangeError(*problems)
    return assessments


def is_outcomes_record(record: Any) -> bool:
    """Whether a record of an exchange file holds business outcomes, not an assessment."""
    return isinstance(record, Mapping) and record.get("format") == OUTCOMES_FORMAT


def assessment_records(data: Any) -> list[tuple[int, Any]]:
    """The records of exchange data that are assessments, each with its index in the file."""
    records = data if isinstance(data, list) else [data]
    return [(i, record) for i, record in enumerate(records) if not is_outcomes_record(record)]


def parse_exchange(content: bytes, name: str, lookup: QuestionnaireLookup) -> list[Assessment]:
    """Read an exchange file (one assessment or a list); ``name`` is how errors refer to it.

    Raises :class:`ExchangeError` listing every problem, each as ``name: place: message``.
    """
    return parse_records(exchange_data(content, name), name, lookup)


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


def _answer_json(answer: Answer, answered_at: str | None) -> dict[str, Any]:
    data = answer.to_json()
    if answered_at:
        data["answered_at"] = answered_at
    return data


def assessment_to_json(assessment: Assessment) -> dict[str, Any]:
    """The exchange-file object for one assessment."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        **identity_json(assessment),
        "questionnaires": dict(assessment.questionnaires),
        "answers": {
            qid: {
                item_id: _answer_json(answer, assessment.answered_at.get(qid, {}).get(item_id))
                for item_id, answer in by_item.items()
            }
            for qid, by_item in assessment.answers.items()
        },
    }
    for key in TIME_FIELDS:
        if getattr(assessment, key):
            data[key] = getattr(assessment, key)
    return data


def dump_exchange(assessments: list[Assessment]) -> str:
    """A list of assessments as exchange-file JSON text (stable key order, final newline)."""
    return (
        json.dumps([assessment_to_json(a) for a in assessments], indent=2, ensure_ascii=False)
        + "\n"
    )
