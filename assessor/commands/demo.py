"""The ``demo`` command: add a demo organisation so every view has something to show."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.commands.common import db_option


@click.command("demo")
@click.option(
    "--replace", is_flag=True, help="Recreate the demo organisation if it is already there."
)
@db_option
def demo_command(replace: bool, db: Path | None) -> None:
    """Add "Demo: Harbour Tools Ltd": 6 quarters answered by 3 leaders, with follow-ups and
    business outcomes."""
    from assessor.commands.common import opened
    from assessor.demo import DEMO_ORGANISATION, create_demo

    with opened(db, unchanged="nothing was added") as store:
        count = create_demo(store, replace=replace)
    click.echo(
        f"added {DEMO_ORGANISATION!r}: {count} complete assessments and six quarters of "
        "business outcomes; "
        f"try 'assessor compare --org \"{DEMO_ORGANISATION}\" --json'"
    )


COMMANDS = (demo_command,)
