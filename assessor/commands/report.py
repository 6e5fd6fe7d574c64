"""The ``report`` command: the PDF diagnosis of one stored assessment, or of an organisation.

``assessor report ID -o FILE.pdf`` writes one respondent's report; ``assessor report --org ORG
--period P [--unit U] -o FILE.pdf`` writes the organisation report of one period from every
complete assessment of it.
"""

from __future__ import annotations

from pathlib import Path

import click

from assessor.commands.common import check_output_target, db_option, fail, opened, write_pdf_output


@click.command("report")
@click.argument("assessment", required=False)
@click.option("--org", "organisation", default=None, help="Report on this organisation.")
@click.option("--period", default=None, help="With --org: the period, such as 2026-Q2.")
@click.option("--unit", default="", help="With --org: the unit (default: the whole).")
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
def report_command(
    assessment: str | None,
    organisation: str | None,
    period: str | None,
    unit: str,
    output: Path,
    pagesize: str | None,
    db: Path | None,
) -> None:
    """Write the PDF diagnosis of ASSESSMENT (its id or UUID) to a file.

    With --org and --period instead of ASSESSMENT: the organisation report of that period,
    from every complete assessment of it (each respondent's view, perception gaps).
    """
    if (assessment is None) == (organisation is None):
        fail("give either an assessment ID or --org ORG --period P")
    if organisation is not None and period is None:
        fail("--org needs --period, such as --period 2026-Q2")
    if assessment is not None and (period is not None or unit):
        fail("--period and --unit go with --org, not with an assessment ID")
    if organisation is not None and not organisation.strip():
        fail("--org must not be empty")
    check_output_target(output)
    if organisation is not None:
        from assessor.report.from_store import organisation_report_for
        from assessor.report.organisation_render import write_organisation_pdf

        assert period is not None
        with opened(db, reading=True) as store:
            overview = organisation_report_for(store, organisation, period, unit)
        write_pdf_output(
            output, pagesize, lambda path, size: write_organisation_pdf(overview, path, size)
        )
        return

    from assessor.report.from_store import report_for
    from assessor.report.render import write_pdf

    assert assessment is not None
    with opened(db, reading=True) as store:
        report = report_for(store, assessment)
    write_pdf_output(output, pagesize, lambda path, size: write_pdf(report, path, size))


COMMANDS = (report_command,)
