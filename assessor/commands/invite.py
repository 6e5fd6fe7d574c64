"""The ``invite`` command: a respondent file for one person to answer on their own computer."""

from __future__ import annotations

import getpass
from pathlib import Path

import click

from assessor.commands.common import check_output_target, db_option, fail, opened
from assessor.errors import printable
from assessor.exchange.exchange_file import ROLES


def default_inviter() -> str:
    """Who invites when ``--by`` is not given: the name this computer knows the user by."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


@click.command("invite")
@click.option("--org", "organisation", required=True, help="The organisation assessed.")
@click.option("--period", required=True, help="The period, such as 2026-Q3.")
@click.option("--name", required=True, help="The respondent's name.")
@click.option(
    "--role",
    required=True,
    type=click.Choice(ROLES, case_sensitive=False),
    help="The respondent's role: only the questions for this role are asked.",
)
@click.option("--unit", default="", help="The unit (default: the organisation as a whole).")
@click.option("--by", "invited_by", default=None, help="Who invites (default: your user name).")
@click.option(
    "--send-to",
    default="",
    help="Who to send the answered file back to (default: who invites).",
)
@click.option(
    "--confidential",
    is_flag=True,
    help=(
        "Report this respondent's answers by role and count only, never by name; groups under "
        "3 are pooled, and their own report cannot be printed here."
    ),
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The respondent file to write (FILE.assessor), or a folder to write it in.",
)
@db_option
def invite_command(
    organisation: str,
    period: str,
    name: str,
    role: str,
    unit: str,
    invited_by: str | None,
    send_to: str,
    confidential: bool,
    output: Path,
    db: Path | None,
) -> None:
    """Write a respondent file inviting one person to answer, and record the invitation.

    The file holds the questionnaires as they are now, the organisation, period, the
    respondent's name and role, and the organisation profile answers stored for that
    organisation, unit and period (no other answers); it is sealed with a SHA-256 of its
    content.
    With --confidential the file and the store record that the answers are reported by role
    and count only (see the README on what that does and does not protect).
    """
    from assessor.exchange.respondent_file import SUFFIX
    from assessor.questionnaire.catalogue import load_catalogue
    from assessor.storage.invitations import new_invitation, write_invitation_file

    invitation = new_invitation(
        organisation,
        period.strip().upper(),
        name,
        role.lower(),
        default_inviter() if invited_by is None else invited_by,
        unit,
        confidential=confidential,
        send_to=send_to,
    )
    target = output / invitation.file_name if output.is_dir() else output
    if target.suffix.lower() != SUFFIX:
        fail(f"{target}: a respondent file's name ends in {SUFFIX}")
    check_output_target(target)
    catalogue = load_catalogue()
    for problem in catalogue.problems:
        click.echo(f"warning: {problem}", err=True)
    with opened(db, unchanged="nothing was written") as store:
        write_invitation_file(store, invitation, list(catalogue), target)
    who = f"{invitation.respondent.name} ({invitation.respondent.role})"
    click.echo(
        printable(
            f"wrote {target}: {who} is invited to answer for {invitation.organisation}"
            + (" (confidential)" if confidential else "")
        )
    )


COMMANDS = (invite_command,)
