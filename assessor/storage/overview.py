"""What the home screen shows, read straight from SQLite: the organisations, their assessments,
and per organisation (and unit) the overall index of every complete period, the respondents of
the latest one and the drafts.

Only ``sqlite3`` and plain dataclasses: the app shows its home from here before the
questionnaire model and the rest of the store have loaded (see :mod:`ui.app`). Scores come from
the cached dimension scores of completed assessments (:mod:`assessor.storage.score_cache`), and a
period's overall index follows the comparison's organisation view
(:mod:`assessor.comparison.period_view`):
a dimension's score is the mean of its respondents' scores (those with "not enough answers" left
out), the overall index the mean of those dimension scores. Reads go one organisation at a time,
so the home stays fast however many assessments are stored.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assessor.diagnosis.overall_bands import OVERALL_BAND_TABLE, overall_band_index
from assessor.storage.backup import newest_good_backup
from assessor.storage.database import translated
from assessor.storage.records import Summary

#: The order respondents are listed in (that of ``assessor.exchange.exchange_file.ROLES``; a test
#: checks).
ROLE_ORDER: tuple[str, ...] = ("ceo", "marketing", "sales", "other")

_SUMMARY_SELECT = """
SELECT a.id, a.uuid, o.name, a.unit, a.respondent_name, a.role, a.period, a.status,
       a.created, a.updated, a.completed,
       (SELECT count(*) FROM answers n
         WHERE n.assessment_id = a.id AND (n.value IS NOT NULL OR n.dont_know = 1))
FROM assessments a JOIN organisations o ON o.id = a.organisation_id
"""
#: Newest periods first; within a period by organisation, unit, role and respondent.
_SUMMARY_ORDER = (
    " ORDER BY a.period DESC, o.name COLLATE NOCASE, a.unit, a.role, a.respondent_name, a.id"
)
_SCORES_SELECT = """
SELECT a.id, s.questionnaire_id, s.dimension_id, s.score
FROM assessments a JOIN dimension_scores s ON s.assessment_id = a.id
WHERE a.organisation_id = (SELECT id FROM organisations WHERE name = ?) AND a.status = 'complete'
"""


def role_rank(role: str) -> int:
    """The place of a role in listings: chief executive, marketing, sales, other."""
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


def list_summaries(
    connection: sqlite3.Connection,
    organisation: str | None = None,
    period: str | None = None,
    unit: str | None = None,
) -> list[Summary]:
    """Assessments (optionally of one organisation, period or unit), newest periods first;
    within a period by organisation, unit, role and respondent."""
    clauses: list[str] = []
    parameters: list[Any] = []
    if organisation is not None:
        clauses.append("a.organisation_id = (SELECT id FROM organisations WHERE name = ?)")
        parameters.append(organisation.strip())
    if period is not None:
        clauses.append("a.period = ?")
        parameters.append(period.strip())
    if unit is not None:
        clauses.append("a.unit = ?")
        parameters.append(unit.strip())
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = connection.execute(_SUMMARY_SELECT + where + _SUMMARY_ORDER, parameters)
    return [Summary(*row) for row in rows]


def summary_of(connection: sqlite3.Connection, assessment_id: int) -> Summary | None:
    """The list entry of one assessment (None when there is no such assessment)."""
    row = connection.execute(_SUMMARY_SELECT + " WHERE a.id = ?", (assessment_id,)).fetchone()
    return None if row is None else Summary(*row)


#: The demo organisation (``assessor demo``): listed after the user's own organisations.
DEMO_ORGANISATION = "Demo: Harbour Tools Ltd"


def organisation_names(connection: sqlite3.Connection) -> list[str]:
    """The names of the organisations that have assessments or business outcomes, sorted
    ignoring case, with the demo organisation (:data:`DEMO_ORGANISATION`) after the user's
    own."""
    return [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM organisations o WHERE EXISTS "
            "(SELECT 1 FROM assessments a WHERE a.organisation_id = o.id) "
            "OR EXISTS (SELECT 1 FROM outcomes v WHERE v.organisation_id = o.id) "
            "ORDER BY name = ? COLLATE NOCASE, name COLLATE NOCASE",
            (DEMO_ORGANISATION,),
        )
    ]


def next_period(period: str) -> str:
    """The quarter after ``period`` (``2026-Q4`` → ``2027-Q1``)."""
    year, quarter = period.split("-Q")
    if quarter == "4":
        return f"{int(year) + 1}-Q1"
    return f"{year}-Q{int(quarter) + 1}"


@dataclass(frozen=True)
class PeriodIndex:
    """One complete period of an organisation: its overall index and who answered."""

    period: str
    #: 0–100, or None when no dimension had enough answers
    overall: float | None
    #: the complete assessments of the period, by role, then name
    respondents: tuple[Summary, ...]
    #: whether any of them answered under a confidential invitation: then show roles and
    #: counts only, never a name beside a score (issue 20)
    confidential: bool = False


@dataclass(frozen=True)
class ScopeOverview:
    """An organisation (and unit) at a glance: its index over the periods and its drafts."""

    organisation: str
    unit: str
    #: complete periods, oldest first
    periods: tuple[PeriodIndex, ...]
    #: draft assessments, newest period first
    drafts: tuple[Summary, ...]
    #: the newest period of any assessment, complete or draft (of a business outcome when
    #: there is no assessment yet)
    newest_period: str
    #: how many business outcome values are recorded for the organisation and unit
    outcome_values: int = 0
    #: the periods those values are for, oldest first
    outcome_periods: tuple[str, ...] = ()

    @property
    def assessed(self) -> bool:
        """Whether it has any assessment (else only business outcomes so far)."""
        return bool(self.periods or self.drafts)

    @property
    def latest(self) -> PeriodIndex | None:
        """The newest complete period, if there is one."""
        return self.periods[-1] if self.periods else None

    @property
    def previous(self) -> PeriodIndex | None:
        """The complete period before the newest, if there is one."""
        return self.periods[-2] if len(self.periods) > 1 else None

    @property
    def change(self) -> float | None:
        """Points gained (or lost) since the previous complete period (None when unknown)."""
        latest, previous = self.latest, self.previous
        if latest is None or previous is None or None in (latest.overall, previous.overall):
            return None
        assert latest.overall is not None and previous.overall is not None
        return round(latest.overall - previous.overall, 9)

    @property
    def band_index(self) -> int:
        """The overall band of the latest index, from worst (0) to best; -1 when none."""
        return overall_band_index(self.latest.overall if self.latest else None)

    @property
    def band(self) -> str:
        """The label of the latest index's overall band ("" when none)."""
        index = self.band_index
        return OVERALL_BAND_TABLE[index].label if index >= 0 else ""

    @property
    def next_period(self) -> str:
        """The quarter after the newest assessment: the one to start next (with only business
        outcomes so far, the newest quarter they are for, so the two can be read together)."""
        return next_period(self.newest_period) if self.assessed else self.newest_period


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 9) if values else None


_OUTCOMES_SELECT = """
SELECT o.name, v.unit, v.period, count(*) FROM outcomes v
JOIN organisations o ON o.id = v.organisation_id
WHERE o.name = ? GROUP BY v.unit, v.period ORDER BY v.unit, v.period
"""


def organisation_overview(connection: sqlite3.Connection, organisation: str) -> list[ScopeOverview]:
    """One overview per unit of the organisation (the whole organisation, unit "", first),
    also of a unit that has only business outcomes so far."""
    summaries = list_summaries(connection, organisation)
    outcomes: dict[str, list[tuple[str, int]]] = {}
    name = organisation.strip()
    for stored_name, unit, period, values in connection.execute(
        _OUTCOMES_SELECT, (organisation.strip(),)
    ):
        name = str(stored_name)
        outcomes.setdefault(str(unit), []).append((str(period), int(values)))
    if not summaries and not outcomes:
        return []
    scores: dict[int, dict[tuple[str, str], float | None]] = {}
    for assessment_id, questionnaire_id, dimension_id, score in connection.execute(
        _SCORES_SELECT, (organisation.strip(),)
    ):
        scores.setdefault(int(assessment_id), {})[(questionnaire_id, dimension_id)] = score
    confidential = {
        str(row[0])
        for row in connection.execute(
            "SELECT uuid FROM invitations WHERE confidential = 1 AND organisation_id = "
            "(SELECT id FROM organisations WHERE name = ?)",
            (organisation.strip(),),
        )
    }
    units: dict[str, list[Summary]] = {unit: [] for unit in outcomes}
    for summary in summaries:
        units.setdefault(summary.unit, []).append(summary)
    if summaries:
        name = summaries[0].organisation
    return [
        _with_outcomes(
            _scope(name, unit, units[unit], scores, confidential), outcomes.get(unit, [])
        )
        for unit in sorted(units, key=lambda name: (name != "", name.casefold()))
    ]


def _with_outcomes(scope: ScopeOverview, outcomes: list[tuple[str, int]]) -> ScopeOverview:
    """``scope`` with its business outcomes (period, how many values), oldest first."""
    periods = tuple(period for period, _ in outcomes)
    return replace(
        scope,
        outcome_values=sum(values for _, values in outcomes),
        outcome_periods=periods,
        newest_period=scope.newest_period or (periods[-1] if periods else ""),
    )


def _scope(
    organisation: str,
    unit: str,
    summaries: list[Summary],
    scores: dict[int, dict[tuple[str, str], float | None]],
    confidential: set[str],
) -> ScopeOverview:
    complete: dict[str, list[Summary]] = {}
    for summary in summaries:
        if summary.status == "complete":
            complete.setdefault(summary.period, []).append(summary)
    periods = []
    for period in sorted(complete):
        respondents = sorted(
            complete[period], key=lambda s: (role_rank(s.role), s.respondent.casefold(), s.id)
        )
        by_dimension: dict[tuple[str, str], list[float]] = {}
        for respondent in respondents:
            for key, score in scores.get(respondent.id, {}).items():
                values = by_dimension.setdefault(key, [])
                if score is not None:
                    values.append(float(score))
        dimension_scores = [_mean(values) for values in by_dimension.values()]
        overall = _mean([score for score in dimension_scores if score is not None])
        hidden = any(r.uuid in confidential for r in respondents)
        periods.append(PeriodIndex(period, overall, tuple(respondents), hidden))
    drafts = tuple(s for s in summaries if s.status != "complete")
    return ScopeOverview(
        organisation=organisation,
        unit=unit,
        periods=tuple(periods),
        drafts=drafts,
        newest_period=max((s.period for s in summaries), default=""),
    )


@contextlib.contextmanager
def read_snapshot(path: Path, connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction on ``connection``: every query inside sees the same snapshot, and
    SQLite errors become :class:`~assessor.storage.errors.StorageError` naming ``path``."""
    with translated(path, newest_good_backup):
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            if connection.in_transaction:
                connection.execute("COMMIT")


class OverviewReader:
    """The home screen's reads on an open connection, before a :class:`Store` wraps it.

    :class:`~assessor.storage.store.Store` answers the same calls.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection

    def organisations(self) -> list[str]:
        """See :func:`organisation_names`."""
        with read_snapshot(self.path, self._connection) as connection:
            return organisation_names(connection)

    def list_assessments(
        self, organisation: str | None = None, period: str | None = None, unit: str | None = None
    ) -> list[Summary]:
        """See :func:`list_summaries`."""
        with read_snapshot(self.path, self._connection) as connection:
            return list_summaries(connection, organisation, period, unit)

    def summary(self, assessment_id: int) -> Summary | None:
        """See :func:`summary_of`."""
        with read_snapshot(self.path, self._connection) as connection:
            return summary_of(connection, assessment_id)

    def overview(self, organisation: str) -> list[ScopeOverview]:
        """See :func:`organisation_overview`."""
        with read_snapshot(self.path, self._connection) as connection:
            return organisation_overview(connection, organisation)
