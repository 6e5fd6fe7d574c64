"""Commands about the database: list, export, import, backup, restore and rescore."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from assessor.commands.common import check_output_target, db_option, fail, opened
from assessor.exchange import QuestionnaireLookup, period_problem


def catalogue_lookup() -> QuestionnaireLookup:
    """Find questionnaires of the catalogue (bundled and the user's) by id and version."""
    from assessor.catalogue import load_catalogue

    return load_catalogue().find


def _write_output(target: Path, text: str) -> None:
    """Write the whole text to ``target`` atomically and privately (0600: it holds answers)."""
    from assessor.atomic import write_bytes_atomically

    try:
        write_bytes_atomically(target, text.encode("utf-8"), private=True)
    except OSError as error:
        fail(f"{target}: cannot be written ({error.strerror or error}); nothing was written")


@click.command("list")
@click.option("--org", "organisation", help="Only this organisation (any case).")
@click.option("--period", help="Only this period, such as 2026-Q3.")
@click.option("--unit", help="Only this unit.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@db_option
def list_command(
    organisation: str | None, period: str | None, unit: str | None, as_json: bool, db: Path | None
) -> None:
    """List the stored assessments, newest periods first."""
    if period is not None and (problem := period_problem(period)):
        fail(f"--period: {problem}")
    with opened(db, reading=True) as store:
        entries = store.list_assessments(organisation=organisation, period=period, unit=unit)
    if as_json:
        click.echo(json.dumps([entry.to_json() for entry in entries], indent=2, ensure_ascii=False))
        return
    if not entries:
        click.echo("no assessments")
        return
    for entry in entries:
        where = f"{entry.organisation} / {entry.unit}" if entry.unit else entry.organisation
        click.echo(
            f"{entry.id:>6}  {entry.period}  {entry.status:<8}  {where}  "
            f"{entry.respondent} ({entry.role})  {entry.answered} answered  {entry.uuid}"
        )


@click.command("export")
@click.argument("ids", nargs=-1)
@click.option("--org", "organisation", help="Only this organisation's assessments.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write.",
)
@click.option("--csv", "as_csv", is_flag=True, help="One row per answer, for spreadsheets.")
@db_option
def export_command(
    ids: Sequence[str], organisation: str | None, output: Path, as_csv: bool, db: Path | None
) -> None:
    """Export assessments (by ID or UUID; default all) as exchange JSON or CSV."""
    from assessor.storage.transfer import export_csv, export_json

    chosen = list(ids) or None
    check_output_target(output)
    with opened(db, reading=True) as store:
        if as_csv:
            text = export_csv(store, chosen, organisation)
            count = len(store.export_records(chosen, organisation))
        else:
            text = export_json(store, catalogue_lookup(), chosen, organisation)
            count = len(json.loads(text))
    _write_output(output, text)
    click.echo(f"exported {count} assessment{'s' if count != 1 else ''} to {output}")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def import_command(file: Path, db: Path | None) -> None:
    """Import an exchange file: all of it or nothing; assessments already present are skipped."""
    from assessor.inputs import EXCHANGE, read_input
    from assessor.storage.transfer import read_import

    content = read_input(file, EXCHANGE)
    bundle = read_import(content, str(file), catalogue_lookup())
    with opened(db) as store:
        report = bundle.import_into(store)
    added = len(report.added)
    click.echo(f"imported {added} assessment{'s' if added != 1 else ''} from {file}")
    if report.skipped_uuids:
        click.echo(
            f"skipped {len(report.skipped_uuids)} already present: "
            + ", ".join(report.skipped_uuids)
        )


@click.command("backup")
@db_option
def backup_command(db: Path | None) -> None:
    """Back up the database now (older backups are thinned: 7 daily, 4 weekly, 12 monthly)."""
    with opened(db) as store:
        target = store.backup()
    click.echo(f"backed up to {target}")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def restore_command(file: Path, db: Path | None) -> None:
    """Replace the database with a backup; the current file is kept aside, never deleted."""
    from assessor.paths import database_path
    from assessor.storage.backup import restore

    target = database_path(db).absolute()
    try:
        aside = restore(target, file)
    except OSError as error:
        fail(f"{target}: cannot restore from {file} ({error.strerror or error})")
    click.echo(f"restored {target} from {file}")
    if aside is not None:
        click.echo(f"the previous file is kept as {aside}")


@click.command("rescore")
@click.argument("ids", nargs=-1)
@db_option
def rescore_command(ids: Sequence[str], db: Path | None) -> None:
    """Recompute the cached scores of completed assessments (all, or those given)."""
    with opened(db) as store:
        count = store.rescore(list(ids) or None)
    click.echo(f"rescored {count} assessment{'s' if count != 1 else ''}")


COMMANDS = (
    list_command,
    export_command,
    import_command,
    backup_command,
    restore_command,
    rescore_command,
)
