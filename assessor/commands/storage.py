"""Commands about the database: list, export, import, backup, restore and rescore."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from assessor.commands.common import (
    check_output_target,
    db_option,
    fail,
    opened,
    refuse_while_open,
)
from assessor.exchange.exchange_file import QuestionnaireLookup, period_problem
from assessor.storage.records import import_totals


def catalogue_lookup() -> QuestionnaireLookup:
    """Find questionnaires of the catalogue (bundled and the user's) by id and version."""
    from assessor.questionnaire.catalogue import load_catalogue

    return load_catalogue().find


def write_output(target: Path, text: str | bytes) -> None:
    """Write the whole text (UTF-8) or bytes to ``target`` atomically and privately (0600: it
    holds answers), never half a file."""
    from assessor.files.atomic import write_bytes_atomically

    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        write_bytes_atomically(target, data, private=True)
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
    """Export assessments (by ID or UUID; default all) as exchange JSON or CSV.

    Exchange JSON without IDs also carries the business outcomes of every organisation (or of
    --org), also of organisations without assessments.
    With -o FILE.assessor, one assessment is written as a sealed respondent file (to send back).
    """
    from assessor.exchange.respondent_file import is_respondent_file_name
    from assessor.storage.transfer import export_csv, export_json

    check_output_target(output)
    if is_respondent_file_name(output.name):
        _export_respondent_file(ids, organisation, output, as_csv, db)
        return
    chosen = list(ids) or None
    outcomes = 0
    with opened(db, reading=True) as store:
        if as_csv:
            text = export_csv(store, chosen, organisation)
            count = len(store.export_records(chosen, organisation))
        else:
            from assessor.commands.progress import progress_line

            with progress_line("Exporting", "assessments") as progress:
                text = export_json(store, catalogue_lookup(), chosen, organisation, progress)
            count, outcomes = exported_counts(json.loads(text))
    write_output(output, text)
    click.echo(f"exported {count} assessment{'s' if count != 1 else ''} to {output}")
    if outcomes:
        click.echo(f"  with {outcomes} business outcome value{'s' if outcomes != 1 else ''}")


def exported_counts(records: list[Any]) -> tuple[int, int]:
    """How many assessments and business outcome values an exported list holds."""
    from assessor.exchange.exchange_file import is_outcomes_record

    outcomes = [record for record in records if is_outcomes_record(record)]
    values = sum(len(record.get("outcomes") or []) for record in outcomes)
    return len(records) - len(outcomes), values


def _export_respondent_file(
    ids: Sequence[str], organisation: str | None, output: Path, as_csv: bool, db: Path | None
) -> None:
    """``export ID -o FILE.assessor``: one assessment as a sealed respondent file."""
    if as_csv or organisation is not None or len(ids) != 1:
        fail(f"{output}: a respondent file holds one assessment: give one ID (no --org, no --csv)")
    with opened(db, reading=True) as store:
        _, content = store.respondent_file(ids[0])
        stored = store.get_assessment(ids[0]).assessment
    write_output(output, content)
    click.echo(
        f"wrote {output}: {stored.respondent.name} ({stored.respondent.role}), "
        f"{stored.organisation} {stored.period}, {stored.status}"
    )


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@db_option
def import_command(files: Sequence[Path], db: Path | None) -> None:
    """Import exchange or respondent files: all of them, or nothing if any is wrong.

    An assessment already here is replaced only by a better copy (a complete one over a draft,
    or a newer one); otherwise it is skipped. Each replaced or skipped one is listed with why.
    """
    from assessor.commands.progress import progress_line
    from assessor.storage.file_import import import_files

    refuse_while_open(db, "nothing was imported")
    lookup = catalogue_lookup()
    with (
        opened(db, unchanged="nothing was imported") as store,
        progress_line("Importing", "assessments") as progress,
    ):
        reports = import_files(store, files, lookup, progress)
    for report in reports:
        added = len(report.added)
        click.echo(f"imported {added} assessment{'s' if added != 1 else ''} from {report.source}")
        for outcome in report.outcomes:
            if outcome.kind != "added":
                click.echo(f"  {outcome.line()}")
        if report.outcome_values.total:
            click.echo(f"  {report.outcome_values.line()}")
    if len(reports) > 1:
        click.echo(f"in all: {import_totals(reports)}")


@click.command("backup")
@db_option
def backup_command(db: Path | None) -> None:
    """Back up the database now (older backups are thinned: 7 daily, 4 weekly, 12 monthly)."""
    with opened(db, while_open=True) as store:  # a copy: safe beside an open window
        target = store.backup()
    click.echo(f"backed up to {target}")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def restore_command(file: Path, db: Path | None) -> None:
    """Replace the database with a backup; the current file is kept aside, never deleted."""
    from assessor.files.paths import database_path
    from assessor.storage.backup import restore

    target = database_path(db).absolute()
    refuse_while_open(db, "nothing was restored")
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
    from assessor.commands.progress import progress_line

    with (
        opened(db, unchanged="nothing was rescored") as store,
        progress_line("Rescoring", "assessments") as progress,
    ):
        count = store.rescore(list(ids) or None, progress)
    click.echo(f"rescored {count} assessment{'s' if count != 1 else ''}")


COMMANDS = (
    list_command,
    export_command,
    import_command,
    backup_command,
    restore_command,
    rescore_command,
)
