"""The ``report`` command: write the PDF diagnosis of one stored assessment."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.commands.common import db_option, fail


@click.command("report")
@click.argument("assessment")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PDF file to write.",
)
@click.option(
    "--pagesize",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default=None,
    help="Paper size (default: from your locale).",
)
@db_option
def report_command(assessment: str, output: Path, pagesize: str | None, db: Path | None) -> None:
    """Write the PDF diagnosis of ASSESSMENT (its id or UUID) to a file."""
    from assessor.report.from_store import report_for
    from assessor.report.render import PageSize, default_pagesize, write_pdf
    from assessor.storage.store import Store

    if not output.parent.is_dir():
        fail(f"{output}: the folder {output.parent} does not exist")
    identifier: int | str = int(assessment) if assessment.isdigit() else assessment
    with Store.open(db) as store:
        report = report_for(store, identifier)
    size: PageSize = "letter" if (pagesize or default_pagesize()).lower() == "letter" else "a4"
    try:
        write_pdf(report, output, size)
    except OSError as error:
        fail(f"{output}: cannot be written: {error.strerror or error}")
    click.echo(f"wrote {output}")


COMMANDS = (report_command,)
