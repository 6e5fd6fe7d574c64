"""Text, times and numbers at the edges (issue 23): each refused in one located line.

Every case is a file (or a command) a careless program or a hostile sender could produce: a time
at the calendar's edge, a lone surrogate, a name of zero-width spaces, a note of 20,001
characters, a follow-up ``position`` of 10^20, an invitation sent "yesterday, honest", an id
beyond SQLite's integers. Each exits with status 1 and one line that names the file and the
place; none says "unexpected", and the database is as it was.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assessor.exchange.respondent_file import dump_sealed
from tests.helpers.answer_sets import bundled_definitions
from tests.helpers.cli import Result, run_cli
from tests.helpers.hostile import exchange_record, first_answer, write_json

UUID = exchange_record()["uuid"]
#: Marks a place in JSON text where a raw escape (a lone surrogate) is put in.
MARK = "MARK-THE-SPOT"


def _database(db_path: Path) -> list[str]:
    """Everything the database holds, as SQL (the -wal included), to compare before and after."""
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _one_line(result: Result, path: Path | None = None) -> str:
    """The single error line of a refused command (checked: status 1, no traceback)."""
    assert result.status == 1, result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    if path is not None:
        assert lines[0].startswith(f"error: {path}: "), lines[0]
    assert "Traceback" not in result.err and "unexpected" not in result.err
    assert "\x1b" not in result.err + result.out
    return lines[0]


def _later(days: float) -> str:
    moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _answer_place() -> str:
    questionnaire_id, item_id, _ = first_answer(exchange_record())
    return f"answers.{questionnaire_id}.{item_id}"


def _with_answer(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    record = exchange_record()
    change(first_answer(record)[2])
    return record


def _text_item() -> tuple[str, str]:
    for questionnaire in bundled_definitions().values():
        for item in questionnaire.items:
            if item.kind == "text":
                return questionnaire.id, item.id
    raise AssertionError("no bundled questionnaire has a text item")


def _text_answer(value: str) -> dict[str, Any]:
    record = exchange_record()
    questionnaire_id, item_id = _text_item()
    record["answers"][questionnaire_id][item_id] = {"value": value}
    return record


def _raw(record: dict[str, Any], escape: str) -> str:
    """The record's JSON text with MARK replaced by a raw JSON escape such as ``\\ud800``."""
    return json.dumps(record).replace(MARK, escape)


#: kind -> (file content: JSON text or data, a fragment of the one error line); every one is
#: read alike by ``score`` and by ``import``.
RECORD_CASES: dict[str, tuple[Any, str]] = {
    "updated-at-the-calendar-end": (
        exchange_record(updated="9999-12-31T23:59:59-23:59"),
        "updated: '9999-12-31T23:59:59-23:59' is outside the calendar",
    ),
    "created-at-the-calendar-start": (
        exchange_record(created="0001-01-01T00:00:00+01:00"),
        "created: '0001-01-01T00:00:00+01:00' is outside the calendar",
    ),
    "answered-at-the-calendar-end": (
        _with_answer(lambda answer: answer.update(answered_at="9999-12-31T23:59:59-23:59")),
        f"{_answer_place()}: answered_at: '9999-12-31T23:59:59-23:59' is outside the calendar",
    ),
    "created-in-year-one": (
        exchange_record(created="0001-01-01T00:00:00Z"),
        "created: '0001-01-01T00:00:00Z' is before 1970",
    ),
    "updated-in-9999": (
        exchange_record(updated="9999-01-01T00:00:00Z", completed="2026-05-01T09:00:00Z"),
        "updated: '9999-01-01T00:00:00Z' is more than a day ahead of this computer's clock",
    ),
    "completed-two-days-ahead": (
        exchange_record(completed=_later(2)),
        "completed: '20",  # then the time, which changes from run to run, and:
    ),
    "answered-two-days-ahead": (
        _with_answer(lambda answer: answer.update(answered_at=_later(2))),
        "is more than a day ahead of this computer's clock",
    ),
    "created-after-updated": (
        exchange_record(created="2026-05-02T08:00:00Z"),
        "created: 2026-05-02T08:00:00Z is after updated (2026-05-01T09:00:00Z)",
    ),
    "lone-surrogate-in-organisation": (
        _raw(exchange_record(organisation=f"Acme {MARK}"), "\\ud800"),
        "organisation: contains a lone surrogate '\\ud800' at position 5",
    ),
    "lone-surrogate-in-respondent-name": (
        _raw(exchange_record(respondent={"name": f"{MARK}Ann", "role": "ceo"}), "\\udfff"),
        "respondent.name: contains a lone surrogate '\\udfff' at position 0",
    ),
    "lone-surrogate-in-note": (
        _raw(_with_answer(lambda answer: answer.update(note=f"x{MARK}y")), "\\udc00"),
        f"{_answer_place()}.note: contains a lone surrogate '\\udc00' at position 1",
    ),
    "lone-surrogate-in-a-key": (
        _raw(exchange_record(extra={MARK: 1}), "\\ud83d"),
        "extra: the key '\\ud83d' contains a lone surrogate",
    ),
    "organisation-of-zero-width-spaces": (
        exchange_record(organisation="\u200b\u200b\ufeff"),
        "organisation: holds only invisible characters",
    ),
    "unit-of-a-hangul-filler": (
        exchange_record(unit="\u3164"),
        "unit: holds only invisible characters",
    ),
    "line-separator-in-organisation": (
        exchange_record(organisation="Acme\u2028Ltd"),
        "organisation: contains the control character '\\u2028' at position 4",
    ),
    "tab-in-respondent-name": (
        exchange_record(respondent={"name": "Ann\tLee", "role": "ceo"}),
        "respondent.name: contains the control character '\\t' at position 3",
    ),
    "organisation-of-500-characters": (
        exchange_record(organisation="O" * 500),
        "organisation: is 500 characters long; a name has at most 200",
    ),
    "respondent-name-of-100-kb": (
        exchange_record(respondent={"name": "N" * 100_000, "role": "ceo"}),
        "respondent.name: is 100,000 characters long; a name has at most 200",
    ),
    "note-of-20001-characters": (
        _with_answer(lambda answer: answer.update(note="n" * 20_001)),
        f"{_answer_place()}: note: is 20,001 characters long; a note has at most 20,000",
    ),
    "text-answer-of-20001-characters": (
        _text_answer("t" * 20_001),
        "value: is 20,001 characters long; a text answer has at most 20,000",
    ),
    "escape-in-text-answer": (
        _text_answer("red\x1b[31m"),
        "value: contains the control character '\\x1b' at position 3",
    ),
    "period-with-a-newline": (
        exchange_record(period="2026-Q2\n"),
        "period: contains the control character '\\n' at position 7",
    ),
    "period-in-arabic-digits": (
        exchange_record(period="٢٠٢٦-Q2"),
        "period: '٢٠٢٦-Q2' is not a period like 2026-Q3",
    ),
}


def _write(path: Path, content: Any) -> Path:
    return write_json(path, content)


@pytest.mark.parametrize("kind", sorted(RECORD_CASES))
def test_score_refuses_in_one_located_line(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, fragment = RECORD_CASES[kind]
    path = _write(tmp_path / f"{kind}.json", content)

    result = run_cli(capsys, "score", str(path))

    assert fragment in _one_line(result, path)
    assert result.out == ""


@pytest.mark.parametrize("kind", sorted(RECORD_CASES))
def test_import_refuses_in_one_located_line_and_changes_nothing(
    kind: str, tmp_path: Path, db_path: Path, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    content, fragment = RECORD_CASES[kind]
    path = _write(tmp_path / f"{kind}.json", content)
    before = _database(db_path)

    result = run_cli(capsys, "import", str(path))

    assert fragment in _one_line(result, path)
    assert _database(db_path) == before


def _followup(**fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "action": "Meet sales twice a month.",
        "source_period": "2026-Q1",
        "questionnaire": "collaboration",
        "dimension": "cadence",
        "position": 0,
        "status": "done",
        "answered_at": "2026-05-01T09:00:00Z",
    }
    entry.update(fields)
    return entry


def _with_followup(**fields: Any) -> dict[str, Any]:
    return exchange_record(followups=[_followup(**fields)])


def _with_pending_note(note: str) -> dict[str, Any]:
    record = exchange_record()
    questionnaire_id, item_id, _ = first_answer(record)
    del record["answers"][questionnaire_id][item_id]
    record["notes"] = {questionnaire_id: {item_id: note}}
    return record


def _pending_place() -> str:
    questionnaire_id, item_id, _ = first_answer(exchange_record())
    return f"notes.{questionnaire_id}.{item_id}"


#: kind -> (record, fragment): what only an import reads (notes on unanswered items,
#: follow-ups, the invitation), in a plain exchange file.
IMPORT_CASES: dict[str, tuple[Any, str]] = {
    "bell-in-a-pending-note": (
        _with_pending_note("ring\x07"),
        f"{_pending_place()}: contains the control character '\\x07' at position 4",
    ),
    "pending-note-of-20001-characters": (
        _with_pending_note("p" * 20_001),
        f"{_pending_place()}: is 20,001 characters long; a note has at most 20,000",
    ),
    "followup-position-of-10-to-the-20": (
        _with_followup(position=10**20),
        "followups[0].position: must be from 0 to 2147483647, not 100000000000000000000",
    ),
    "followup-position-1e20": (
        _with_followup(position=1e20),
        "followups[0].position: must be a whole number, not 1e+20",
    ),
    "followup-source-period-not-a-period": (
        _with_followup(source_period="last quarter"),
        "followups[0].source_period: 'last quarter' is not a period like 2026-Q3",
    ),
    "followup-action-with-an-escape": (
        _with_followup(action="Meet\x1b[2J sales"),
        "followups[0].action: contains the control character '\\x1b' at position 4",
    ),
    "followup-answered-at-the-calendar-end": (
        _with_followup(answered_at="9999-12-31T23:59:59-23:59"),
        "followups[0].answered_at: '9999-12-31T23:59:59-23:59' is outside the calendar",
    ),
    "followup-dimension-with-a-nul": (
        _with_followup(dimension="cad\x00ence"),
        "followups[0].dimension: contains the control character '\\x00' at position 3",
    ),
    "invitation-at-yesterday-honest": (
        exchange_record(invitation={"by": "Kim", "at": "yesterday, honest"}),
        "invitation.at: 'yesterday, honest' is not a time like 2026-11-23T04:15:49Z",
    ),
    "invitation-by-with-an-escape": (
        exchange_record(invitation={"by": "Kim\x1b]0;owned\x07", "at": "2026-05-01T08:00:00Z"}),
        "invitation.by: contains the control character '\\x1b' at position 3",
    ),
}


@pytest.mark.parametrize("kind", sorted(IMPORT_CASES))
def test_import_refuses_what_travels_with_a_record(
    kind: str, tmp_path: Path, db_path: Path, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    record, fragment = IMPORT_CASES[kind]
    path = _write(tmp_path / f"{kind}.json", record)
    before = _database(db_path)

    result = run_cli(capsys, "import", str(path))

    assert fragment in _one_line(result, path)
    assert _database(db_path) == before


def test_a_sealed_respondent_file_sent_yesterday_honest_is_refused(
    tmp_path: Path, db_path: Path, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    record = exchange_record(
        status="draft", invitation={"by": "Kim", "at": "yesterday, honest"}, answers={}
    )
    path = tmp_path / "sam.assessor"
    path.write_bytes(dump_sealed(record))
    before = _database(db_path)

    result = run_cli(capsys, "import", str(path))

    assert "invitation.at: 'yesterday, honest' is not a time" in _one_line(result, path)
    assert _database(db_path) == before


@pytest.mark.parametrize(
    "identifier",
    ["99999999999999999999999", "9223372036854775808", "9" * 5000, "²", "١"],
    ids=["23-digits", "2-to-the-63", "5000-digits", "superscript-two", "arabic-one"],
)
@pytest.mark.parametrize("command", ["report", "export"])
def test_an_id_beyond_sqlite_is_no_such_assessment(
    command: str,
    identifier: str,
    tmp_path: Path,
    db_path: Path,
    finished: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _database(db_path)

    output = tmp_path / ("out.pdf" if command == "report" else "out.json")

    result = run_cli(capsys, command, identifier, "-o", str(output))

    line = _one_line(result)
    assert line.startswith(f"error: {db_path}: no assessment '{identifier[:20]}")
    assert len(line) < 200
    assert not output.exists()
    assert _database(db_path) == before


INVITE_CASES: dict[str, tuple[list[str], str]] = {
    "escape-in-org": (
        ["--org", "Esc\x1b[31mOrg"],
        "the organisation contains the control character '\\x1b' at position 3",
    ),
    "lone-surrogate-in-name": (
        ["--name", "Ann\udcff"],  # what Python makes of a byte that is not UTF-8 in argv
        "the respondent name contains a lone surrogate '\\udcff' at position 3",
    ),
    "org-of-201-characters": (
        ["--org", "O" * 201],
        "the organisation is 201 characters long; a name has at most 200",
    ),
    "unit-of-zero-width-spaces": (
        ["--unit", "\u200b\u200c"],
        "the unit holds only invisible characters",
    ),
    "by-with-a-newline": (
        ["--by", "Kim\nerror: fake"],
        "the inviter contains the control character '\\n' at position 3",
    ),
}


@pytest.mark.parametrize("kind", sorted(INVITE_CASES))
def test_invite_refuses_before_writing_anything(
    kind: str, tmp_path: Path, db_path: Path, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    changes, fragment = INVITE_CASES[kind]
    options = {"--org": "Acme", "--name": "Ann", "--unit": "", "--by": "Kim"}
    options.update(dict(zip(changes[::2], changes[1::2], strict=True)))
    arguments = [part for pair in options.items() for part in pair]
    before = _database(db_path)

    result = run_cli(
        capsys,
        "invite",
        *arguments,
        "--period",
        "2026-Q3",
        "--role",
        "sales",
        "-o",
        str(tmp_path),
    )

    assert fragment in _one_line(result)
    assert list(tmp_path.glob("*.assessor")) == []
    assert _database(db_path) == before


#: command-line options that reach the database holding a lone surrogate (what Python makes of
#: an argument that is not UTF-8), and a fragment of the one line
OPTION_CASES: dict[str, tuple[list[str], str]] = {
    "list-org": (["list", "--org", "\udcff"], "a text given holds a lone surrogate '\\udcff'"),
    "list-unit": (["list", "--unit", "\udcff"], "a text given holds a lone surrogate"),
    "export-org": (["export", "--org", "\udcff", "-o", "OUT.json"], "holds a lone surrogate"),
    "report-id": (["report", "\udcff", "-o", "OUT.pdf"], "no assessment '\\udcff'"),
    "rescore-id": (["rescore", "\udcff"], "no assessment '\\udcff'"),
}


@pytest.mark.parametrize("kind", sorted(OPTION_CASES))
def test_an_option_that_is_not_text_is_one_clear_line(
    kind: str, tmp_path: Path, db_path: Path, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments, fragment = OPTION_CASES[kind]
    arguments = [a.replace("OUT", str(tmp_path / "out")) for a in arguments]
    before = _database(db_path)

    result = run_cli(capsys, *arguments)

    assert fragment in _one_line(result)
    assert list(tmp_path.glob("out.*")) == []
    assert _database(db_path) == before
