"""Broken exchange files of every kind: one located line each from ``score`` and ``import``,
nothing imported, never a hang, a crash or a memory blow-up."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assessor.storage import Store
from tests.helpers.answer_sets import bundled_definitions
from tests.helpers.cli import run_cli
from tests.helpers.hostile import (
    SIXTY_FOUR_MB,
    deep_list,
    exchange_record,
    first_answer,
    link_to_dev_zero,
    make_fifo,
    run_child,
    sparse_file,
    write_json,
)

UUID = exchange_record()["uuid"]


def _with_answer(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    record = exchange_record()
    change(first_answer(record)[2])
    return record


def _with_version(version: Any) -> dict[str, Any]:
    record = exchange_record()
    record["questionnaires"]["four-freedoms"] = version
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


def _first_place() -> str:
    questionnaire_id, item_id, _ = first_answer(exchange_record())
    return f"answers.{questionnaire_id}.{item_id}"


def _broken_definition() -> dict[str, Any]:
    record = exchange_record()
    definition = bundled_definitions()["four-freedoms"].model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    definition["version"] = 77
    definition["items"][0]["dimension"] = "nowhere"
    record["questionnaires"]["four-freedoms"] = 77
    record["definitions"] = {"four-freedoms": definition}
    return record


#: kind -> (file content: JSON text or data, a fragment of the one error line)
CASES: dict[str, tuple[Any, str]] = {
    "duplicate-key": (
        json.dumps(exchange_record()).replace(
            '"role": "marketing"', '"role": "marketing", "role": "ceo"'
        ),
        "respondent: the key 'role' is given twice",
    ),
    "duplicate-uuid": (
        [exchange_record(), exchange_record()],
        f"[1].uuid: '{UUID}' is the UUID of [0] too",
    ),
    "created-yesterday": (
        exchange_record(created="yesterday"),
        "created: 'yesterday' is not a time like 2026-11-23T04:15:49Z",
    ),
    "time-without-zone": (
        exchange_record(updated="2026-05-01T09:00:00"),
        "updated: '2026-05-01T09:00:00' has no time zone",
    ),
    "answered-at-soon": (
        _with_answer(lambda answer: answer.update(answered_at="soon")),
        f"{_first_place()}: answered_at: 'soon' is not a time",
    ),
    "nul-in-organisation": (
        exchange_record(organisation="Acme\x00Evil"),
        "organisation: contains the control character '\\x00' at position 4",
    ),
    "escape-in-respondent-name": (
        exchange_record(respondent={"name": "Mal\x1b[2Jlory", "role": "ceo"}),
        "respondent.name: contains the control character '\\x1b' at position 3",
    ),
    "bidi-override-in-unit": (
        exchange_record(unit="EMEA\u202e"),
        "unit: contains the control character '\\u202e' at position 4",
    ),
    "bell-in-note": (
        _with_answer(lambda answer: answer.update(note="ring\x07")),
        f"{_first_place()}: note: contains the control character '\\x07'",
    ),
    "nul-in-text-answer": (
        _text_answer("free\x00text"),
        "value: contains the control character '\\x00' at position 4",
    ),
    "format-version-true": (
        exchange_record(format_version=True),
        "format_version: True is not supported",
    ),
    "format-version-zero": (
        exchange_record(format_version=0),
        "format_version: 0 is not supported",
    ),
    "questionnaire-version-as-text": (
        _with_version("1"),
        "questionnaires.four-freedoms: the version must be a whole number, not '1'",
    ),
    "questionnaire-version-23-digits": (
        _with_version(12345678901234567890123),
        "questionnaires.four-freedoms: the version must be from 1 to 2147483647",
    ),
    "nan-answer": (
        _with_answer(lambda answer: answer.update(value=float("nan"))),
        f"{_first_place()}.value: nan is not a finite number",
    ),
    "infinite-answer": (
        json.dumps(_with_answer(lambda answer: answer.update(value=123.0))).replace(
            "123.0", "1e999"
        ),
        f"{_first_place()}.value: inf is not a finite number",
    ),
    "integer-of-5000-digits": (
        json.dumps(_with_answer(lambda answer: answer.update(value=123456))).replace(
            "123456", "9" * 5000
        ),
        f"{_first_place()}.value: a whole number of 5000 digits is far too large",
    ),
    "nested-1000-deep": (deep_list(1000), "line 1, column 65: nested more than 64 levels deep"),
    "nested-100-deep-inside": (
        json.dumps(exchange_record(extra=json.loads(deep_list(100)))),
        "extra[0][0][0][0][0][0][0].…: is nested more than 64 levels deep",
    ),
    "not-utf8": (
        json.dumps(exchange_record()).encode("utf-8").replace(b"Mallory", b"Mall\xffry"),
        "the file is not UTF-8 text (byte 0xff",
    ),
    "not-json": ('{"format": "assessor.assessment",', "not valid JSON"),
    "no-assessment": ([], "the file holds no assessment"),
}


def _write(path: Path, content: Any) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
        return path
    return write_json(path, content)


def _one_error_line(status: int, err: str, path: Path) -> str:
    assert status == 1
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: {path}: "), lines[0]
    assert "Traceback" not in err and "unexpected" not in err
    return lines[0]


@pytest.mark.parametrize("kind", sorted(CASES))
def test_score_reports_a_broken_file_in_one_located_line(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, fragment = CASES[kind]
    path = _write(tmp_path / f"{kind}.json", content)

    result = run_cli(capsys, "score", str(path))

    assert fragment in _one_error_line(result.status, result.err, path)
    assert result.out == ""


@pytest.mark.parametrize("kind", sorted(CASES))
def test_import_of_a_broken_file_imports_nothing(
    kind: str, tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, fragment = CASES[kind]
    path = _write(tmp_path / f"{kind}.json", content)

    result = run_cli(capsys, "import", str(path))

    assert fragment in _one_error_line(result.status, result.err, path)
    with Store.open(data_home / "assessor.db") as store:
        assert store.list_assessments() == []


def test_an_embedded_definition_that_breaks_the_rules_is_refused(
    tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_json(tmp_path / "broken-definition.json", _broken_definition())

    result = run_cli(capsys, "import", str(path))

    line = _one_error_line(result.status, result.err, path)
    assert "definitions.four-freedoms: not a valid definition" in line
    assert 'dimension "nowhere" is not defined' in line


@pytest.mark.parametrize("command", ["score", "import"])
@pytest.mark.parametrize(
    ("kind", "make", "fragment"),
    [
        ("fifo", make_fifo, "is a FIFO (named pipe), not a regular file"),
        ("link-to-dev-zero", link_to_dev_zero, "is a character device (a link to /dev/zero)"),
        (
            "over-64-mb",
            lambda path: sparse_file(path, SIXTY_FOUR_MB + 1),
            "is 67,108,865 bytes, more than the 64 MB limit for an exchange file",
        ),
    ],
)
def test_a_file_that_is_not_an_ordinary_small_file_is_refused_at_once(
    command: str, kind: str, make: Callable[[Path], Path], fragment: str, tmp_path: Path
) -> None:
    path = make(tmp_path / f"{kind}.json")

    child = run_child(command, str(path))

    assert fragment in _one_error_line(child.returncode, child.stderr, path)
    assert child.stdout == ""


def test_a_utf8_byte_order_mark_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(exchange_record()).encode("utf-8"))

    result = run_cli(capsys, "score", str(path), "--json")

    assert result.status == 0, result.err
    assert json.loads(result.out)["uuid"] == UUID


def test_a_file_with_a_million_faults_lists_twenty_and_says_there_are_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "nan.json", "[" + ", ".join(["NaN"] * 1_000_000) + "]")

    result = run_cli(capsys, "score", str(path))

    assert result.status == 1
    lines = result.err.splitlines()
    assert len(lines) == 21
    assert lines[0] == f"error: {path}: [0]: nan is not a finite number"
    assert lines[-1] == f"error: {path}: and more problems after these 20"
