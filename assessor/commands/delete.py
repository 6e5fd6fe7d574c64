"""The ``delete`` command: assessments by id or UUID, or a whole organisation; a backup first.

``assessor delete ID…`` deletes those assessments (all of them, or none when an id matches
nothing). ``assessor delete --org ORG [--unit U] --yes`` deletes every assessment and invitation
of an organisation (or of one unit); without ``--yes`` it only says what it would delete. Either
way a backup is taken first (``backups/<name>-<time>-before-delete.db``), so ``assessor restore``
brings everything back, and neither runs while an Assessor window holds the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assessor.commands.common import db_option, fail, opened
from assessor.errors import printable

if TYPE_CHECKING:
    from assessor.storage.store import Store


@click.command("delete")
@click.argument("ids", nargs=-1)
@click.option("--org", "organisation", help="Delete every assessment of this organisation.")
@click.option("--unit", help="With --org: only this unit's assessments.")
@click.option("--yes", is_flag=True, help="With --org: really delete (else say what would go).")
@db_option
def delete_command(
    ids: Sequence[str], organisation: str | None, unit: str | None, yes: bool, db: Path | None
) -> None:
    """Delete assessments (by ID or UUID), or an organisation's with --org ORG --yes.

    A backup is taken first; 'assessor restore BACKUP' undoes the deletion.
    """
    if ids and organisation is not None:
        fail("give assessment IDs or --org, not both: nothing was deleted")
    if unit is not None and organisation is None:
        fail("--unit goes with --org: nothing was deleted")
    if not ids and organisation is None:
        fail("say what to delete: assessment IDs, or --org ORG [--unit U] --yes")
    if organisation is not None and not organisation.strip():
        fail("--org: the organisation's name is empty: nothing was deleted")
    with opened(db, unchanged="nothing was deleted") as store:
        if organisation is not None:
            _delete_organisation(store, organisation, unit, yes)
        else:
            _delete_assessments(store, ids)


def _backup(store: Store) -> Path:
    """The backup before a deletion (thinning keeps every one of them for a week)."""
    from assessor.storage.backup import BEFORE_DELETE

    backup = store.backup(BEFORE_DELETE)
    click.echo(f"backed up to {backup}")
    return backup


def _delete_organisation(store: Store, organisation: str, unit: str | None, yes: bool) -> None:
    contents = store.organisation_contents(organisation, unit)
    what = f"{contents.describe()} of {contents.scope!r}"
    if not yes:
        fail(
            f"this would delete {printable(what)}; run it again with --yes to delete them "
            "(a backup is taken first): nothing was deleted"
        )
    backup = _backup(store)
    deleted = store.delete_organisation(contents.organisation, unit)
    click.echo(
        printable(f"deleted {deleted.describe()} of {deleted.scope!r}")
        + f"; 'assessor restore {backup}' brings them back"
    )


def _delete_assessments(store: Store, ids: Sequence[str]) -> None:
    from assessor.storage.deleting import find_assessments

    find_assessments(store, ids)  # every id must match before the backup is taken
    backup = _backup(store)
    for summary in store.delete_assessments(list(ids)):
        where = summary.organisation + (f" / {summary.unit}" if summary.unit else "")
        click.echo(
            printable(
                f"deleted {summary.id}: {where}, {summary.period}, "
                f"{summary.respondent} ({summary.role}), {summary.status}"
            )
        )
    click.echo(f"'assessor restore {backup}' brings them back")


COMMANDS = (delete_command,)
