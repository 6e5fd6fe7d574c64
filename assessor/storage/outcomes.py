"""Business outcomes in the store: one value per organisation, unit, period and metric.

The ``outcomes`` table (migration ``m005_outcomes``) holds each figure with who entered it,
when, and an optional note on its source. Values come in three ways, each one transaction:

- :func:`save_outcomes`: a set of values, each replacing the one stored for its period and
  metric (``assessor outcomes import``: a CSV file, all of it or nothing);
- :func:`set_period_outcomes`: one period's form in the app, where an emptied field removes its
  value and an unchanged one keeps who entered it and when;
- :func:`merge_outcome_records`: inside an import of an exchange file, with the rule answers
  follow: the newer entry wins, an older or equal one is skipped.

Every value is checked against the outcome metrics (:mod:`assessor.questionnaire.metrics`)
before anything is written: an unknown metric or a value out of its range is refused, and the
database stays as it was. An organisation may have outcomes and no assessment; entering
outcomes for a new name adds the organisation.

These functions take the :class:`~assessor.storage.unit_of_work.UnitOfWork` (the
:class:`~assessor.storage.store.Store` is one, and exposes them as methods too).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from assessor.exchange.exchange_file import period_problem
from assessor.exchange.outcomes import (
    MAX_NAME,
    MAX_SOURCE,
    OutcomesRecord,
    OutcomeValue,
    line_problem,
    value_problem,
)
from assessor.questionnaire.metrics import Metrics, bundled_metrics
from assessor.storage.database import utc_now
from assessor.storage.errors import InvalidRecordError
from assessor.storage.records import OutcomeCounts
from assessor.storage.unit_of_work import Transaction, UnitOfWork

_COLUMNS = "period, metric, value, entered_by, entered_at, source"


@dataclass(frozen=True)
class SavedOutcomes:
    """What :func:`save_outcomes` stored."""

    organisation: str
    unit: str
    count: int
    #: True when the organisation was not in the database before
    new_organisation: bool
    periods: tuple[str, ...] = field(default_factory=tuple)


def scope_problems(organisation: str, unit: str) -> list[str]:
    """Why an organisation name and unit cannot hold outcomes (empty when they can)."""
    problems: list[str] = []
    if not isinstance(organisation, str) or not organisation.strip():
        problems.append("the organisation must not be empty")
    else:
        problem = line_problem(organisation, "an organisation's name")
        if problem is not None or len(organisation) > MAX_NAME:
            problems.append(f"the organisation {problem or 'name is too long'}")
    if not isinstance(unit, str):
        problems.append(f"the unit must be text, not {unit!r}")
    elif (problem := line_problem(unit, "a unit")) is not None:
        problems.append(f"the unit {problem}")
    return problems


def value_problems(values: Sequence[OutcomeValue], metrics: Metrics) -> list[str]:
    """Why these values cannot be stored (empty when they can), each naming period and metric."""
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for value in values:
        where = f"{value.metric} of {value.period}"
        if (message := period_problem(value.period)) is not None:
            problems.append(f"{where}: the period {message}")
        if (message := value_problem(value.value, value.metric, metrics)) is not None:
            problems.append(f"{where}: {message}")
        for text, what, limit in (
            (value.entered_by, "who entered it", MAX_NAME),
            (value.source, "the source note", MAX_SOURCE),
        ):
            if len(text) > limit:
                problems.append(f"{where}: {what} is longer than {limit} characters")
            elif (message := line_problem(text, what)) is not None:
                problems.append(f"{where}: {message}")
        if (value.period, value.metric) in seen:
            problems.append(f"{where}: given twice")
        seen.add((value.period, value.metric))
    return problems


def _organisation(tx: Transaction, name: str) -> tuple[int, str] | None:
    """The id and stored spelling of the organisation with this name (any case), if any."""
    row = tx.execute(
        "SELECT id, name FROM organisations WHERE name = ?", (name.strip(),)
    ).fetchone()
    return (int(row[0]), str(row[1])) if row is not None else None


def organisation_names(store: UnitOfWork) -> list[str]:
    """Every organisation in the database, with assessments or only outcomes, ignoring case."""
    with store.reading() as tx:
        return [
            str(row[0])
            for row in tx.execute("SELECT name FROM organisations ORDER BY name COLLATE NOCASE")
        ]


def stored_name(store: UnitOfWork, organisation: str) -> str | None:
    """The stored spelling of an organisation (matched ignoring case), or None if unknown."""
    with store.reading() as tx:
        found = _organisation(tx, organisation)
    return found[1] if found is not None else None


def _upsert(tx: Transaction, organisation_id: int, unit: str, value: OutcomeValue) -> None:
    tx.execute(
        f"INSERT INTO outcomes (organisation_id, unit, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (organisation_id, unit, period, metric) DO UPDATE SET value = excluded.value, "
        "entered_by = excluded.entered_by, entered_at = excluded.entered_at, "
        "source = excluded.source",
        (
            organisation_id,
            unit,
            value.period,
            value.metric,
            float(value.value),
            value.entered_by,
            value.entered_at,
            value.source,
        ),
    )


def save_outcomes(
    store: UnitOfWork,
    organisation: str,
    unit: str,
    values: Sequence[OutcomeValue],
    metrics: Metrics | None = None,
) -> SavedOutcomes:
    """Store values, each replacing the one of its period and metric; all of them or none.

    A value without ``entered_at`` is stamped now. Raises
    :class:`~assessor.storage.errors.InvalidRecordError` (nothing written) naming every value
    that cannot be stored.
    """
    used = metrics if metrics is not None else bundled_metrics()
    problems = scope_problems(organisation, unit) + value_problems(values, used)
    if problems:
        raise InvalidRecordError(*problems)
    now = utc_now()
    with store.writing() as tx:
        found = _organisation(tx, organisation)
        organisation_id = tx.organisation_id(organisation.strip(), now)
        name = found[1] if found is not None else organisation.strip()
        for value in values:
            stamped = value if value.entered_at else _stamped(value, now)
            _upsert(tx, organisation_id, unit.strip(), stamped)
    periods = tuple(sorted({v.period for v in values}))
    return SavedOutcomes(name, unit.strip(), len(values), found is None, periods)


def _stamped(value: OutcomeValue, when: str) -> OutcomeValue:
    return OutcomeValue(
        value.period, value.metric, value.value, value.entered_by, when, value.source
    )


def set_period_outcomes(
    store: UnitOfWork,
    organisation: str,
    unit: str,
    period: str,
    values: Mapping[str, float | None],
    entered_by: str,
    source: str = "",
    metrics: Metrics | None = None,
) -> int:
    """Store one period's form: a number sets the metric's value, None removes it.

    A value equal to the one stored (as the metric prints it) keeps who entered it and when.
    Returns how many values changed. One transaction; raises
    :class:`~assessor.storage.errors.InvalidRecordError` (nothing written) when a value cannot
    be stored.
    """
    used = metrics if metrics is not None else bundled_metrics()
    now = utc_now()
    given = [
        OutcomeValue(period, metric_id, value, entered_by.strip(), now, source.strip())
        for metric_id, value in values.items()
        if value is not None
    ]
    problems = scope_problems(organisation, unit) + value_problems(given, used)
    if problems:
        raise InvalidRecordError(*problems)
    changed = 0
    with store.writing() as tx:
        organisation_id = tx.organisation_id(organisation.strip(), now)
        stored = {
            str(metric_id): (float(value), str(note))
            for metric_id, value, note in tx.execute(
                "SELECT metric, value, source FROM outcomes "
                "WHERE organisation_id = ? AND unit = ? AND period = ?",
                (organisation_id, unit.strip(), period),
            )
        }
        for value in given:
            metric = used.get(value.metric)
            assert metric is not None  # checked above
            before = stored.get(value.metric)
            if (
                before is not None
                and round(before[0], metric.decimals) == round(value.value, metric.decimals)
                and before[1] == value.source
            ):
                continue
            _upsert(tx, organisation_id, unit.strip(), value)
            changed += 1
        for metric_id, number in values.items():
            if number is None and metric_id in stored:
                tx.execute(
                    "DELETE FROM outcomes WHERE organisation_id = ? AND unit = ? AND period = ? "
                    "AND metric = ?",
                    (organisation_id, unit.strip(), period, metric_id),
                )
                changed += 1
    return changed


def _ordered(values: Iterable[OutcomeValue], metrics: Metrics) -> list[OutcomeValue]:
    order = {metric_id: index for index, metric_id in enumerate(metrics.ids)}
    return sorted(values, key=lambda v: (v.period, order.get(v.metric, len(order)), v.metric))


def _read(tx: Transaction, organisation_id: int, unit: str) -> list[OutcomeValue]:
    return [
        OutcomeValue(str(p), str(m), float(v), str(by), str(at), str(note))
        for p, m, v, by, at, note in tx.execute(
            f"SELECT {_COLUMNS} FROM outcomes WHERE organisation_id = ? AND unit = ?",
            (organisation_id, unit),
        )
    ]


def outcome_values(
    store: UnitOfWork,
    organisation: str,
    unit: str = "",
    first: str | None = None,
    last: str | None = None,
    metrics: Metrics | None = None,
) -> list[OutcomeValue]:
    """An organisation's (and unit's) values, by period and in the metrics' order; optionally
    only the periods ``first``..``last``. None for an organisation not in the database."""
    used = metrics if metrics is not None else bundled_metrics()
    with store.reading() as tx:
        found = _organisation(tx, organisation)
        if found is None:
            return []
        values = _read(tx, found[0], unit.strip())
    chosen = [
        v
        for v in values
        if (first is None or v.period >= first) and (last is None or v.period <= last)
    ]
    return _ordered(chosen, used)


def outcome_units(store: UnitOfWork, organisation: str) -> list[str]:
    """The units of an organisation that have outcomes ("" for the whole), sorted."""
    with store.reading() as tx:
        found = _organisation(tx, organisation)
        if found is None:
            return []
        return [
            str(row[0])
            for row in tx.execute(
                "SELECT DISTINCT unit FROM outcomes WHERE organisation_id = ? ORDER BY unit",
                (found[0],),
            )
        ]


def outcome_records(
    store: UnitOfWork, organisation: str | None = None, metrics: Metrics | None = None
) -> list[OutcomesRecord]:
    """Every organisation's (or one's) outcomes, one record per organisation and unit, for an
    export; ordered by organisation and unit."""
    used = metrics if metrics is not None else bundled_metrics()
    records: list[OutcomesRecord] = []
    with store.reading() as tx:
        sql = (
            "SELECT DISTINCT o.id, o.name, v.unit FROM outcomes v "
            "JOIN organisations o ON o.id = v.organisation_id"
        )
        parameters: list[str] = []
        if organisation is not None:
            sql += " WHERE o.name = ?"
            parameters.append(organisation.strip())
        sql += " ORDER BY o.name COLLATE NOCASE, v.unit"
        for organisation_id, name, unit in tx.execute(sql, parameters).fetchall():
            values = _ordered(_read(tx, int(organisation_id), str(unit)), used)
            records.append(OutcomesRecord(str(name), str(unit), tuple(values)))
    return records


def merge_outcome_records(
    tx: Transaction,
    records: Sequence[OutcomesRecord],
    now: str,
    metrics: Metrics | None = None,
) -> OutcomeCounts:
    """Merge imported outcomes inside an import's transaction: a value not here is added, one
    entered later than the value here replaces it, any other is skipped.

    Raises :class:`~assessor.storage.errors.InvalidRecordError` (the import rolls back) when a
    value cannot be stored.
    """
    used = metrics if metrics is not None else bundled_metrics()
    counts = OutcomeCounts()
    for record in records:
        problems = scope_problems(record.organisation, record.unit)
        problems += value_problems(record.values, used)
        if problems:
            where = record.organisation + (f" (unit {record.unit!r})" if record.unit else "")
            raise InvalidRecordError(*(f"outcomes of {where}: {p}" for p in problems))
        organisation_id = tx.organisation_id(record.organisation.strip(), now)
        unit = record.unit.strip()
        for value in record.values:
            stamped = value if value.entered_at else _stamped(value, now)
            row = tx.execute(
                "SELECT entered_at FROM outcomes WHERE organisation_id = ? AND unit = ? "
                "AND period = ? AND metric = ?",
                (organisation_id, unit, value.period, value.metric),
            ).fetchone()
            if row is None:
                counts.added += 1
            elif stamped.entered_at > str(row[0]):
                counts.replaced += 1
            else:
                counts.skipped += 1
                continue
            _upsert(tx, organisation_id, unit, stamped)
    return counts


def delete_outcomes(store: UnitOfWork, organisation: str, unit: str | None = None) -> int:
    """Remove an organisation's outcomes (of one unit, or all); returns how many were removed."""
    with store.writing() as tx:
        found = _organisation(tx, organisation)
        if found is None:
            return 0
        if unit is None:
            cursor = tx.execute("DELETE FROM outcomes WHERE organisation_id = ?", (found[0],))
        else:
            cursor = tx.execute(
                "DELETE FROM outcomes WHERE organisation_id = ? AND unit = ?",
                (found[0], unit.strip()),
            )
        return int(cursor.rowcount)
