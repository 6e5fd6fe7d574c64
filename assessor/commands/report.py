"""The ``report`` command: write the PDF diagnosis of one stored assessment."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.commands.common import check_output_target, db_option, opened, write_pdf_output


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
    from assessor.report.render import write_pdf

    check_output_target(output)
    identifier: int | str = int(assessment) if assessment.isdigit() else assessment
    with opened(db, reading=True) as store:
        report = report_for(store, identifier)
    write_pdf_output(output, pagesize, lambda path, size: write_pdf(report, path, size))


COMMANDS = (report_command,)
