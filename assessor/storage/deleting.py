"""Deleting several assessments, or an organisation (or one of its units), in one transaction.

Deleting an assessment deletes its answers, snapshots' links, cached scores and follow-up
answers with it (the schema cascades). Deleting an organisation deletes every assessment and
invitation of it (or of one unit), and, when the whole organisation goes, its row too. Nothing
here takes the backup: the callers (``assessor delete`` and *Delete organisation…* in the app)
take one first, so that a deletion can always be undone with ``assessor restore``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assessor.storage.errors import NotFoundError
from assessor.storage.overview import list_summaries, summary_of
from assessor.storage.records import Summary
from assessor.storage.unit_of_work import Transaction, UnitOfWork


def plural(count: int, noun: str) -> str:
    """``1 assessment``, ``18 assessments``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class OrganisationContents:
    """What deleting an organisation (or one unit of it) removes."""

    #: the organisation's name as stored
    organisation: str
    #: the unit, or None for every unit of the organisation
    unit: str | None
    #: the assessments, newest periods first
    assessments: tuple[Summary, ...]
    #: how many invitations (respondent files sent out) are recorded for it
    invitations: int

    @property
    def scope(self) -> str:
        """``"Acme Ltd"`` or ``"Acme Ltd / Europe"`` (``unit ""``: the organisation as a whole)."""
        if self.unit is None:
            return self.organisation
        return f"{self.organisation} / {self.unit or '(the organisation as a whole)'}"

    def describe(self) -> str:
        """``18 assessments (2025-Q1 to 2026-Q2, 3 respondents) and 2 invitations``."""
        periods = sorted({summary.period for summary in self.assessments})
        people = {(s.respondent.casefold(), s.role) for s in self.assessments}
        text = plural(len(self.assessments), "assessment")
        if periods:
            span = periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
            text += f" ({span}, {plural(len(people), 'respondent')})"
        if self.invitations:
            text += f" and {plural(self.invitations, 'invitation')}"
        return text


def _organisation_row(tx: Transaction, organisation: str) -> tuple[int, str] | None:
    row = tx.execute(
        "SELECT id, name FROM organisations WHERE name = ?", (organisation.strip(),)
    ).fetchone()
    return (int(row[0]), str(row[1])) if row is not None else None


def _invitation_filter(organisation_id: int, unit: str | None) -> tuple[str, list[Any]]:
    sql = "FROM invitations WHERE organisation_id = ?"
    parameters: list[Any] = [organisation_id]
    if unit is not None:
        sql += " AND unit = ?"
        parameters.append(unit)
    return sql, parameters


def _contents(tx: Transaction, organisation: str, unit: str | None) -> OrganisationContents:
    found = _organisation_row(tx, organisation)
    shown = organisation.strip() + (f" / {unit}" if unit else "")
    if found is None:
        raise NotFoundError(f"{tx.path}: no organisation {shown!r}")
    organisation_id, name = found
    summaries = tuple(list_summaries(tx.connection, name, unit=unit))
    sql, parameters = _invitation_filter(organisation_id, unit)
    invitations = int(tx.execute(f"SELECT count(*) {sql}", parameters).fetchone()[0])
    if not summaries and not invitations:
        raise NotFoundError(f"{tx.path}: no assessment or invitation of {shown!r}")
    return OrganisationContents(name, unit, summaries, invitations)


def organisation_contents(
    store: UnitOfWork, organisation: str, unit: str | None = None
) -> OrganisationContents:
    """What :func:`delete_organisation` would delete (raises :class:`NotFoundError` when the
    organisation, or the unit, has no assessment and no invitation)."""
    with store.reading() as tx:
        return _contents(tx, organisation, None if unit is None else unit.strip())


def delete_organisation(
    store: UnitOfWork, organisation: str, unit: str | None = None
) -> OrganisationContents:
    """Delete every assessment and invitation of an organisation (or of one unit) at once.

    Without ``unit`` the organisation itself goes too, unless something else still refers to
    it. Returns what was deleted; raises :class:`NotFoundError` when there was nothing.
    """
    with store.writing() as tx:
        contents = _contents(tx, organisation, None if unit is None else unit.strip())
        found = _organisation_row(tx, contents.organisation)
        assert found is not None
        organisation_id = found[0]
        tx.executemany(
            "DELETE FROM assessments WHERE id = ?", [(s.id,) for s in contents.assessments]
        )
        sql, parameters = _invitation_filter(organisation_id, contents.unit)
        tx.execute(f"DELETE {sql}", parameters)
        if contents.unit is None:
            _delete_organisation_row(tx, organisation_id)
    return contents


def _delete_organisation_row(tx: Transaction, organisation_id: int) -> None:
    """Delete the organisation's row, unless a table this module does not know refers to it."""
    tx.execute("SAVEPOINT organisation_row")
    try:
        tx.execute("DELETE FROM organisations WHERE id = ?", (organisation_id,))
    except sqlite3.IntegrityError:
        tx.execute("ROLLBACK TO organisation_row")
    tx.execute("RELEASE organisation_row")


def _resolve_all(tx: Transaction, ids: Iterable[int | str]) -> list[Summary]:
    """The list entries of these assessments, once each, in the order given; raises
    :class:`NotFoundError` with one line per id or UUID that matches nothing."""
    found: dict[int, Summary] = {}
    missing: list[str] = []
    for given in ids:
        try:
            assessment_id = tx.resolve(given)
        except NotFoundError as error:
            missing.extend(error.lines)
            continue
        summary = summary_of(tx.connection, assessment_id)
        if summary is not None:
            found.setdefault(assessment_id, summary)
    if missing:
        raise NotFoundError(*missing)
    return list(found.values())


def find_assessments(store: UnitOfWork, ids: Iterable[int | str]) -> list[Summary]:
    """The list entries of the assessments given by id or UUID, once each, in the order given.

    Raises :class:`NotFoundError` with one line per id or UUID that matches nothing.
    """
    with store.reading() as tx:
        return _resolve_all(tx, ids)


def delete_assessments(store: UnitOfWork, ids: Sequence[int | str]) -> list[Summary]:
    """Delete these assessments (by id or UUID) in one transaction: all of them or none.

    Returns their list entries; raises :class:`NotFoundError` (one line per id that matches
    nothing) before anything is deleted.
    """
    with store.writing() as tx:
        summaries = _resolve_all(tx, ids)
        tx.executemany("DELETE FROM assessments WHERE id = ?", [(s.id,) for s in summaries])
    return summaries
