"""Business outcomes as records: one value per metric and period, and their exchange form.

An outcome value is one figure of one metric (:mod:`assessor.questionnaire.metrics`) for one
period of an organisation (and unit): the win rate of 2026-Q1, say, with who entered it, when,
and an optional note on its source ("CRM report 'Pipeline by source'").

In an exchange file (``assessor export``), the values of each organisation and unit travel as
one record beside the assessments of the list, so that an organisation without any assessment
keeps its outcomes too::

    {"format": "assessor.outcomes", "format_version": 1,
     "organisation": "Acme", "unit": "",
     "outcomes": [{"period": "2026-Q1", "metric": "win-rate", "value": 23.5,
                   "entered_by": "Kim", "entered_at": "2026-04-03T09:00:00Z",
                   "source": "CRM report 'Pipeline by source'"}]}

Readers of assessments pass these records over
(:func:`assessor.exchange.exchange_file.is_outcomes_record`); :func:`parse_outcome_records`
checks them against the metrics and reports every problem with its place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from assessor.exchange.exchange_file import (
    OUTCOMES_FORMAT,
    ExchangeError,
    checked_time,
    is_outcomes_record,
    period_problem,
)
from assessor.questionnaire.metrics import Metrics

OUTCOMES_FORMAT_VERSION = 1
#: The longest note on a value's source, and the longest name of who entered it.
MAX_SOURCE = 500
MAX_NAME = 200
#: Control characters (and bidirectional overrides) a one-line text may not hold.
_ONE_LINE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_VALUE_FIELDS = frozenset({"period", "metric", "value", "entered_by", "entered_at", "source"})


@dataclass(frozen=True)
class OutcomeValue:
    """One figure of one metric for one period, with who entered it, when, and its source."""

    period: str
    metric: str
    value: float
    entered_by: str = ""
    #: when it was entered (UTC, ``YYYY-MM-DDTHH:MM:SSZ``)
    entered_at: str = ""
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        """The value as an exchange object (empty provenance fields left out)."""
        data: dict[str, Any] = {
            "period": self.period,
            "metric": self.metric,
            "value": json_number(self.value),
        }
        for key in ("entered_by", "entered_at", "source"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass(frozen=True)
class OutcomesRecord:
    """The outcome values of one organisation and unit."""

    organisation: str
    unit: str
    values: tuple[OutcomeValue, ...]


def json_number(value: float) -> int | float:
    """A figure as JSON writes it: ``310`` for a whole number, ``22.5`` otherwise."""
    return int(value) if value.is_integer() else value


def line_problem(text: str, what: str) -> str | None:
    """Why ``text`` cannot be a one-line text such as a name or a source note, or None."""
    found = _ONE_LINE_FORBIDDEN.search(text)
    if found is not None:
        return (
            f"contains the control character {found.group()!r} at position {found.start()}; "
            f"{what} is one line of plain text"
        )
    return None


def outcomes_record_to_json(record: OutcomesRecord) -> dict[str, Any]:
    """The exchange object of one organisation's (and unit's) outcome values."""
    return {
        "format": OUTCOMES_FORMAT,
        "format_version": OUTCOMES_FORMAT_VERSION,
        "organisation": record.organisation,
        "unit": record.unit,
        "outcomes": [value.to_json() for value in record.values],
    }


def value_problem(value: Any, metric_id: str, metrics: Metrics) -> str | None:
    """Why ``value`` cannot be a value of the metric ``metric_id``, or None when it can."""
    metric = metrics.get(metric_id)
    if metric is None:
        return f"unknown metric {metric_id!r} (known: {', '.join(metrics.ids)})"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"must be a number, not {value!r}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value!r} is not a finite number"
    return metric.value_problem(float(value))


def _text(data: Mapping[str, Any], key: str, limit: int, required: bool) -> tuple[str, str | None]:
    if key not in data:
        return "", "is required but missing" if required else None
    given = data[key]
    if not isinstance(given, str):
        return "", f"must be text, not {given!r}"
    if required and not given.strip():
        return "", "must not be empty"
    if len(given) > limit:
        return "", f"is {len(given)} characters long; at most {limit} are allowed"
    problem = line_problem(given, key.replace("_", " "))
    return (given.strip(), None) if problem is None else ("", problem)


def _parse_value(
    data: Any, place: str, metrics: Metrics, problems: list[str]
) -> OutcomeValue | None:
    if not isinstance(data, Mapping):
        problems.append(f'{place}: an outcome is an object like {{"period", "metric", …}}')
        return None
    before = len(problems)
    for key in data:
        if key not in _VALUE_FIELDS:
            problems.append(f"{place}.{key}: is not a field of an outcome (check the spelling)")
    period = data.get("period")
    if (message := period_problem(period)) is not None:
        problems.append(f"{place}.period: {message}")
    metric_id = data.get("metric")
    if not isinstance(metric_id, str):
        problems.append(f"{place}.metric: must be a metric id, not {metric_id!r}")
    elif metric_id in metrics and "value" not in data:
        problems.append(f"{place}.value: is required but missing")
    elif (message := value_problem(data.get("value"), metric_id, metrics)) is not None:
        where = "metric" if metric_id not in metrics else "value"
        problems.append(f"{place}.{where}: {message}")
    texts: dict[str, str] = {}
    for key, limit in (("entered_by", MAX_NAME), ("source", MAX_SOURCE)):
        texts[key], message = _text(data, key, limit, required=False)
        if message is not None:
            problems.append(f"{place}.{key}: {message}")
    stamp = ""
    if "entered_at" in data:
        stamp, message = checked_time(data["entered_at"])
        if message is not None:
            problems.append(f"{place}.entered_at: {message}")
    if len(problems) > before:
        return None
    return OutcomeValue(
        period=str(period),
        metric=str(metric_id),
        value=float(data["value"]),
        entered_by=texts["entered_by"],
        entered_at=stamp,
        source=texts["source"],
    )


def _parse_record(
    record: Mapping[str, Any], place: str, metrics: Metrics, problems: list[str]
) -> OutcomesRecord | None:
    before = len(problems)
    sep = "." if place else ""
    version = record.get("format_version", OUTCOMES_FORMAT_VERSION)
    if isinstance(version, bool) or version != OUTCOMES_FORMAT_VERSION:
        problems.append(
            f"{place}{sep}format_version: {version!r} is not supported (this version of "
            f"Assessor reads outcomes of version {OUTCOMES_FORMAT_VERSION})"
        )
    organisation, message = _text(record, "organisation", MAX_NAME, required=True)
    if message is not None:
        problems.append(f"{place}{sep}organisation: {message}")
    unit, message = _text(record, "unit", MAX_NAME, required=False)
    if message is not None:
        problems.append(f"{place}{sep}unit: {message}")
    given = record.get("outcomes", [])
    if not isinstance(given, list):
        problems.append(f"{place}{sep}outcomes: must be a list of outcomes")
        given = []
    values: list[OutcomeValue] = []
    first: dict[tuple[str, str], int] = {}
    for index, data in enumerate(given):
        value = _parse_value(data, f"{place}{sep}outcomes[{index}]", metrics, problems)
        if value is None:
            continue
        key = (value.period, value.metric)
        if key in first:
            problems.append(
                f"{place}{sep}outcomes[{index}]: {value.metric} of {value.period} is given "
                f"twice (also outcomes[{first[key]}])"
            )
            continue
        first[key] = index
        values.append(value)
    if len(problems) > before:
        return None
    return OutcomesRecord(organisation, unit, tuple(values))


def parse_outcome_records(data: Any, name: str, metrics: Metrics) -> list[OutcomesRecord]:
    """The outcome records of exchange data (one object or a list), checked.

    Raises :class:`~assessor.exchange.exchange_file.ExchangeError` listing every problem, each
    as ``name: place: message`` (``[7].outcomes[2].value: …``). Two records of the same
    organisation and unit are one problem too.
    """
    records = data if isinstance(data, list) else [data]
    return parse_outcome_items(enumerate(records), name, metrics, listed=isinstance(data, list))


def parse_outcome_items(
    items: Iterable[tuple[int, Any]], name: str, metrics: Metrics, *, listed: bool = True
) -> list[OutcomesRecord]:
    """The outcome records among ``items`` (index in the file's list, record), checked like
    :func:`parse_outcome_records` (``listed``: the file is a list, so places have indexes)."""
    found: list[OutcomesRecord] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for index, record in items:
        if not is_outcomes_record(record):
            continue
        place = f"[{index}]" if listed else ""
        parsed = _parse_record(record, place, metrics, problems)
        if parsed is None:
            continue
        key = (parsed.organisation.casefold(), parsed.unit)
        if key in seen:
            problems.append(
                f"{place or 'outcomes'}: the outcomes of {parsed.organisation!r} "
                f"{'(unit ' + repr(parsed.unit) + ') ' if parsed.unit else ''}are given twice "
                f"(also [{seen[key]}])"
            )
            continue
        seen[key] = index
        found.append(parsed)
    if problems:
        raise ExchangeError(*(f"{name}: {line}" for line in problems))
    return found
