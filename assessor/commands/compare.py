"""The ``compare`` command: an organisation's quarters and respondents side by side."""

from __future__ import annotations

import json
from pathlib import Path

import click

from assessor.commands.common import (
    check_output_target,
    db_option,
    fail,
    opened,
    write_pdf_output,
)


@click.command("compare")
@click.option("--org", "organisation", required=True, help="The organisation to compare.")
@click.option("--unit", default="", help="The unit (default: the organisation as a whole).")
@click.option("--from", "first", default=None, help="The first period, such as 2025-Q1.")
@click.option("--to", "last", default=None, help="The last period, such as 2026-Q2.")
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the comparison report to this PDF file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON instead.")
@click.option(
    "--pagesize",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default=None,
    help="Paper size of the PDF (default: from your locale).",
)
@db_option
def compare_command(
    organisation: str,
    unit: str,
    first: str | None,
    last: str | None,
    output: Path | None,
    as_json: bool,
    pagesize: str | None,
    db: Path | None,
) -> None:
    """Compare an organisation's complete assessments across quarters and respondents.

    Give exactly one of -o FILE.pdf (the comparison report) or --json.
    """
    from assessor.comparison.json_form import comparison_to_json
    from assessor.storage.comparisons import comparison_for

    if (output is None) == (not as_json):
        fail("give exactly one of -o FILE.pdf or --json")
    if output is not None:
        check_output_target(output)
    if not organisation.strip():
        fail("--org must not be empty")
    with opened(db, reading=True) as store:
        comparison = comparison_for(store, organisation, unit, first, last)
    if as_json:
        click.echo(json.dumps(comparison_to_json(comparison), indent=2, ensure_ascii=False))
        return
    assert output is not None
    from assessor.report.comparison_report import write_comparison_pdf

    write_pdf_output(
        output, pagesize, lambda path, size: write_comparison_pdf(comparison, path, size)
    )


COMMANDS = (compare_command,)
