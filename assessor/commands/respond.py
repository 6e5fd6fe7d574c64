"""The ``respond`` command: answer a respondent file without the window.

``assessor respond FILE.assessor --answers ANSWERS.json -o RETURNED.assessor [--share-notes]``
puts the answers of an exchange file (one ``assessor.assessment`` object, or the answers
mapping ``{questionnaire id: {item id: answer}}`` alone) into the respondent file, with the
walk-through's checks (:mod:`assessor.exchange.responding`), and writes the file to send back:
sealed, mode 0600, atomically, never over an existing file. Notes stay out of it unless
``--share-notes``. The database is not used.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from assessor.commands.common import db_option, fail
from assessor.errors import printable


def returned_file(
    content: bytes,
    name: str,
    answers_content: bytes,
    answers_name: str,
    *,
    share_notes: bool,
    now: str,
) -> tuple[bytes, str, int, int]:
    """The returned respondent file's bytes, its status, how many required items are left
    unanswered and how many answers were left out (to items not shown).

    ``content`` is the respondent file (``name`` for messages), ``answers_content`` the
    answers file. Raises :class:`~assessor.errors.AssessorError` (one line naming the file and
    place) on anything the walk-through would not accept.
    """
    from dataclasses import replace

    from assessor.exchange.exchange_file import (
        ExchangeError,
        Status,
        assessment_to_json,
        exchange_data,
        parse_records,
    )
    from assessor.exchange.respondent_file import INVITATION_KEY, check_seal, dump_sealed
    from assessor.exchange.responding import (
        NoteSharing,
        answered_record,
        given_answers,
        missing_required,
        strip_unshared_notes,
        without_hidden,
    )
    from assessor.storage.exchange_records import DEFINITIONS_KEY, embedded_definitions

    data = exchange_data(content, name)
    if not isinstance(data, Mapping):
        raise ExchangeError(f"{name}: a respondent file holds one assessment object")
    check_seal(data, name, required=True)
    embedded = embedded_definitions(data, name)
    (assessment,) = parse_records(data, name, lambda qid, version: embedded.get((qid, version)))
    definitions = {
        qid: embedded[(qid, version)] for qid, version in assessment.questionnaires.items()
    }
    given, place = given_answers(exchange_data(answers_content, answers_name), answers_name)
    answers = answered_record(
        data, definitions, given, answers_name, place, carried=assessment.answers
    )
    role = assessment.respondent.role
    answers, dropped = without_hidden(definitions, answers, role)
    missing = missing_required(definitions, answers, role)
    status: Status = "draft" if missing else "complete"
    times = {
        qid: {item: assessment.answered_at.get(qid, {}).get(item, now) for item in by_item}
        for qid, by_item in answers.items()
    }
    filled = replace(
        assessment,
        answers=answers,
        answered_at=times,
        status=status,
        updated=now,
        completed=now if status == "complete" else "",
        created=assessment.created or now,
    )
    record: dict[str, Any] = assessment_to_json(filled)
    for key in (DEFINITIONS_KEY, INVITATION_KEY):
        if key in data:
            record[key] = data[key]
    record = strip_unshared_notes(record, NoteSharing.of(share_all=share_notes))
    return dump_sealed(record), status, len(missing), len(dropped)


@click.command("respond")
@click.argument("respondent_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--answers",
    "answers_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help=(
        "An exchange file with the answers: one assessor.assessment object (its answers are "
        "taken) or the answers mapping {questionnaire id: {item id: answer}} alone."
    ),
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The answered respondent file to write (RETURNED.assessor); must not exist yet.",
)
@click.option(
    "--share-notes",
    is_flag=True,
    help="Put the notes in the returned file (by default every note stays with you).",
)
@db_option
def respond_command(
    respondent_file: Path,
    answers_file: Path,
    output: Path,
    share_notes: bool,
    db: Path | None,
) -> None:
    """Answer RESPONDENT_FILE (FILE.assessor) from an answers file, without the window.

    Checks every answer as the walk-through does: only the items asked of the respondent's
    role, options, exclusive options, ranges and kinds; answers to questions not shown (their
    show_if does not hold) are left out; the organisation profile answers carried in the file
    are kept. Writes the sealed file to send back, mode
    0600; it is complete when every required item is answered (or "don't know"), else a
    draft. Notes are left out unless --share-notes. The database is not used.
    """
    from assessor.exchange.respondent_file import SUFFIX
    from assessor.files.atomic import write_bytes_atomically
    from assessor.files.inputs import EXCHANGE, read_input
    from assessor.storage.database import utc_now

    if output.suffix.lower() != SUFFIX:
        fail(f"{output}: a respondent file's name ends in {SUFFIX}")
    if output.exists() or output.is_symlink():
        fail(f"{output}: exists already; nothing was written (choose another name)")
    content = read_input(respondent_file, EXCHANGE)
    answers_content = read_input(answers_file, EXCHANGE)
    returned, status, missing, dropped = returned_file(
        content,
        str(respondent_file),
        answers_content,
        str(answers_file),
        share_notes=share_notes,
        now=utc_now(),
    )
    try:
        write_bytes_atomically(output, returned, private=True)
    except OSError as error:
        fail(f"{output}: cannot be written ({error.strerror or error}); nothing was written")
    if dropped:
        click.echo(
            f"note: {dropped} answer{'s' if dropped != 1 else ''} to questions not shown to this "
            "respondent (their show_if does not hold) left out",
            err=True,
        )
    if status == "complete":
        click.echo(printable(f"wrote {output}: complete; send it back to be imported"))
    else:
        click.echo(
            printable(
                f"wrote {output}: a draft, {missing} required question"
                f"{'s' if missing != 1 else ''} still unanswered"
            )
        )


COMMANDS = (respond_command,)
