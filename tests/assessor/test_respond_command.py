"""``assessor respond FILE.assessor --answers ANSWERS.json -o RETURNED.assessor``: the
walk-through's checks without the window, notes kept back unless shared, a private sealed file,
never over an existing one, and one line naming the file and place for bad input."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from assessor.exchange.respondent_file import check_seal, seal
from assessor.exchange.responding import NoteSharing, strip_unshared_notes
from tests.helpers.cli import Result, invite, run_cli

NOTE = "only for me, walrus"


def _one_line(result: Result) -> str:
    assert result.status == 1, result.out
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert "Traceback" not in result.err
    return lines[0]


@pytest.fixture
def invited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A marketing lead's respondent file, as ``assessor invite`` writes it."""
    target = tmp_path / "mo.assessor"
    result = invite(capsys, target, "Mo", "marketing")
    assert result.status == 0, result.err
    return target


def _answers(tmp_path: Path, content: Any, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def _respond(
    capsys: pytest.CaptureFixture[str], invited: Path, answers: Path, out: Path, *more: str
) -> Result:
    return run_cli(
        capsys, "respond", str(invited), "--answers", str(answers), "-o", str(out), *more
    )


def test_a_note_stays_out_of_the_returned_file_unless_shared(
    tmp_path: Path, invited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = {"four-freedoms": {"errands": {"value": {"social-post": False}, "note": NOTE}}}
    answers = _answers(tmp_path, given)
    kept_back = tmp_path / "back.assessor"
    result = _respond(capsys, invited, answers, kept_back)
    assert result.status == 0, result.err
    assert "a draft" in result.out  # most questions are still unanswered
    assert stat.S_IMODE(kept_back.stat().st_mode) == 0o600
    record = json.loads(kept_back.read_text(encoding="utf-8"))
    check_seal(record, "back.assessor", required=True)
    assert record["status"] == "draft"
    assert record["answers"]["four-freedoms"]["errands"]["value"] == {"social-post": False}
    assert NOTE not in kept_back.read_text(encoding="utf-8")
    assert "definitions" in record and "invitation" in record

    shared = tmp_path / "shared.assessor"
    assert _respond(capsys, invited, answers, shared, "--share-notes").status == 0
    record = json.loads(shared.read_text(encoding="utf-8"))
    assert record["answers"]["four-freedoms"]["errands"]["note"] == NOTE


def test_an_exchange_file_with_one_assessment_gives_its_answers(
    tmp_path: Path, invited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exchange = [
        {
            "format": "assessor.assessment",
            "answers": {"four-freedoms": {"errands": {"value": {"social-post": True}}}},
        }
    ]
    out = tmp_path / "back.assessor"
    assert _respond(capsys, invited, _answers(tmp_path, exchange), out).status == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["answers"]["four-freedoms"]["errands"]["value"] == {"social-post": True}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            {"role-clarity": {"rc-41": {"value": ["no-review", "pricing"]}}},
            'answers.json: role-clarity.rc-41: option "no-review"',
        ),
        ({"four-freedoms": {"nope": {"value": 3}}}, "answers.json: four-freedoms.nope: unknown"),
        ({"elsewhere": {}}, "answers.json: elsewhere: the respondent file has no questionnaire"),
        (
            {"four-freedoms": {"errands": {"value": {"social-post": True}, "colour": 1}}},
            "answers.json: four-freedoms.errands: unknown field",
        ),
        (
            [
                {"format": "assessor.assessment", "answers": {}},
                {"format": "assessor.assessment", "answers": {}},
            ],
            "holds 2 assessments",
        ),
        (
            {"format": "assessor.assessment", "answers": {"four-freedoms": {"x": 1}}},
            "answers.json: answers.four-freedoms.x:",
        ),
    ],
)
def test_bad_answers_are_one_line_naming_the_file_and_place(
    tmp_path: Path,
    invited: Path,
    capsys: pytest.CaptureFixture[str],
    given: Any,
    expected: str,
) -> None:
    out = tmp_path / "back.assessor"
    line = _one_line(_respond(capsys, invited, _answers(tmp_path, given), out))
    assert expected in line
    assert not out.exists()


def test_an_item_not_asked_of_the_role_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "sam.assessor"
    args = ["--org", "Acme", "--period", "2026-Q3", "--name", "Sam", "--role", "sales"]
    assert run_cli(capsys, "invite", *args, "-o", str(target)).status == 0
    given = {"four-freedoms": {"errand-share": {"value": 20}}}
    out = tmp_path / "back.assessor"
    line = _one_line(_respond(capsys, target, _answers(tmp_path, given), out))
    assert "four-freedoms.errand-share: not asked of the sales respondent" in line


def test_an_existing_output_file_is_never_replaced(
    tmp_path: Path, invited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "back.assessor"
    out.write_text("mine", encoding="utf-8")
    line = _one_line(_respond(capsys, invited, _answers(tmp_path, {}), out))
    assert "exists already" in line
    assert out.read_text(encoding="utf-8") == "mine"


def test_a_changed_respondent_file_is_refused(
    tmp_path: Path, invited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = json.loads(invited.read_text(encoding="utf-8"))
    record["organisation"] = "Other Co"
    invited.write_text(json.dumps(record), encoding="utf-8")
    line = _one_line(_respond(capsys, invited, _answers(tmp_path, {}), tmp_path / "b.assessor"))
    assert "changed or damaged" in line


def test_the_profile_answers_carried_in_the_file_are_kept(
    tmp_path: Path, invited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = json.loads(invited.read_text(encoding="utf-8"))
    record["answers"] = {"organisation-profile": {"how-we-sell": {"value": "partners"}}}
    invited.write_text(json.dumps(seal(record)), encoding="utf-8")
    given = {
        "organisation-profile": {"how-we-sell": {"value": "online"}},
        "four-freedoms": {"errands": {"value": {"social-post": True}}},
    }
    out = tmp_path / "back.assessor"
    assert _respond(capsys, invited, _answers(tmp_path, given), out).status == 0
    answers = json.loads(out.read_text(encoding="utf-8"))["answers"]
    assert answers["organisation-profile"]["how-we-sell"]["value"] == "partners"


def test_notes_are_shared_one_by_one() -> None:
    record = {
        "answers": {"q": {"a": {"value": 1, "note": "shared"}, "b": {"value": 2, "note": "mine"}}},
        "notes": {"q": {"c": "mine too", "d": "shared too"}},
    }
    kept = strip_unshared_notes(record, NoteSharing.of(shared=[("q", "a"), ("q", "d")]))
    assert kept["answers"]["q"] == {"a": {"value": 1, "note": "shared"}, "b": {"value": 2}}
    assert kept["notes"] == {"q": {"d": "shared too"}}
    assert "notes" not in strip_unshared_notes(record, NoteSharing())
    assert strip_unshared_notes(record, NoteSharing.of(share_all=True)) == record
