"""``assessor invite``, ``export ID -o FILE.assessor`` and ``import FILE...``: the round trip of
a respondent file between two data folders, a damaged file refused in one line, and several
returned files at once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assessor.diagnosis.answers import Answer
from assessor.exchange.respondent_file import HASH_KEY, INVITATION_KEY, content_digest
from assessor.storage import Store
from tests.helpers.cli import Result, invite, run_cli
from tests.helpers.storage import bundled, fill


@pytest.fixture
def db_path(data_home: Path) -> Path:
    """The first computer's database (ASSESSOR_DB points at it)."""
    return data_home / "assessor.db"


@contextmanager
def data_folder(monkeypatch: pytest.MonkeyPatch, home: Path) -> Iterator[Path]:
    """Use another data folder (another computer) inside the block; the database file is yielded."""
    home.mkdir(parents=True, exist_ok=True)
    with monkeypatch.context() as patched:
        patched.setenv("ASSESSOR_HOME", str(home))
        patched.setenv("ASSESSOR_DB", str(home / "assessor.db"))
        yield home / "assessor.db"


def _error_line(result: Result) -> str:
    assert result.status == 1, result.out
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert "Traceback" not in result.err
    return lines[0]


def _invite(capsys: pytest.CaptureFixture[str], folder: Path, name: str, role: str) -> Path:
    result = invite(capsys, folder, name, role, "--by", "Kim CEO")
    assert result.status == 0, result.err
    (written,) = [line.split(": ", 1)[0].removeprefix("wrote ") for line in result.out.splitlines()]
    return Path(written)


def _answer_elsewhere(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    home: Path,
    invitation: Path,
    returned: Path,
    *,
    finish: bool = True,
) -> None:
    """On another computer: import the invitation, answer it, export the respondent file back."""
    carried = json.loads(invitation.read_text(encoding="utf-8"))["answers"]
    with data_folder(monkeypatch, home) as db:
        assert run_cli(capsys, "import", str(invitation)).status == 0
        with Store.open(db) as store:
            (summary,) = store.list_assessments()
            assert summary.status == "draft"
            assert summary.answered == sum(len(by_item) for by_item in carried.values())
            fill(store, summary.id, list(store.definitions(summary.id).values()))
            if finish:
                store.set_status(summary.id, "complete")
        exported = run_cli(capsys, "export", str(summary.id), "-o", str(returned))
        assert exported.status == 0, exported.err


def test_invite_writes_a_sealed_blank_respondent_file_and_records_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    written = _invite(capsys, tmp_path, "Marta López", "marketing")

    assert written == tmp_path / "Acme-2026-Q3-Marta-López.assessor"
    record = json.loads(written.read_text(encoding="utf-8"))
    assert record["format"] == "assessor.assessment"
    assert record["respondent"] == {"name": "Marta López", "role": "marketing"}
    assert (record["organisation"], record["period"], record["status"]) == (
        "Acme",
        "2026-Q3",
        "draft",
    )
    assert record["answers"] == {}
    assert record[INVITATION_KEY]["by"] == "Kim CEO"
    assert set(record["definitions"]) == {q.id for q in bundled()} == set(record["questionnaires"])
    assert record[HASH_KEY] == content_digest(record)
    with Store.open(db_path) as store:
        (status,) = store.invitations("acme")
        assert status.invitation.uuid == record["uuid"]
        assert status.state == "out"
        assert store.list_assessments() == []  # nothing to answer here until it comes back


def test_invite_carries_the_stored_profile_and_the_returned_file_keeps_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db_path: Path,
) -> None:
    profile = next(q for q in bundled() if q.is_profile)
    with Store.open(db_path) as store:
        ceo = store.create_assessment("Acme", "Kim", "ceo", "2026-Q3", questionnaires=bundled())
        store.save_answer(ceo.id, profile.id, "how-we-sell", Answer("partners", note="mine"))
        store.save_answer(ceo.id, profile.id, "departments", Answer({"finance": True}))
        # another period's profile stays out of this period's files
        other = store.create_assessment("Acme", "Kim", "ceo", "2026-Q2", questionnaires=bundled())
        store.save_answer(other.id, profile.id, "agency", Answer("most"))
    invitation = _invite(capsys, tmp_path, "Sam", "sales")

    record = json.loads(invitation.read_text(encoding="utf-8"))
    assert record["answers"] == {
        profile.id: {
            "how-we-sell": {"value": "partners", "answered_at": record["created"]},
            "departments": {"value": {"finance": True}, "answered_at": record["created"]},
        }
    }  # without the inviter's note
    assert record[HASH_KEY] == content_digest(record)

    # Sam answers only the scored questionnaires; the profile comes back as it went out.
    returned = tmp_path / "returned.assessor"
    with data_folder(monkeypatch, tmp_path / "sam-home") as db:
        assert run_cli(capsys, "import", str(invitation)).status == 0
        with Store.open(db) as store:
            (summary,) = store.list_assessments()
            scored = [q for q in store.definitions(summary.id).values() if not q.is_profile]
            fill(store, summary.id, scored)
            store.set_status(summary.id, "complete")
        assert run_cli(capsys, "export", str(summary.id), "-o", str(returned)).status == 0
    back = json.loads(returned.read_text(encoding="utf-8"))
    assert {k: v["value"] for k, v in back["answers"][profile.id].items()} == {
        "how-we-sell": "partners",
        "departments": {"finance": True},
    }
    assert run_cli(capsys, "import", str(returned)).status == 0
    with Store.open(db_path) as store:
        sam = store.get_assessment(record["uuid"]).assessment
        assert sam.answers[profile.id] == {
            "how-we-sell": Answer("partners"),
            "departments": Answer({"finance": True}),
        }


def test_invite_without_a_stored_profile_carries_no_answers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    record = json.loads(_invite(capsys, tmp_path, "Sam", "sales").read_text(encoding="utf-8"))
    assert record["answers"] == {}


def test_invite_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = ["invite", "--org", "Acme", "--name", "Sam", "--role", "sales"]
    bad_period = run_cli(capsys, *base, "--period", "2026-Q9", "-o", str(tmp_path))
    assert "period" in _error_line(bad_period)
    wrong_suffix = run_cli(capsys, *base, "--period", "2026-Q3", "-o", str(tmp_path / "x.json"))
    assert "ends in .assessor" in _error_line(wrong_suffix)
    missing = tmp_path / "missing" / "x.assessor"
    unwritable = run_cli(capsys, *base, "--period", "2026-Q3", "-o", str(missing))
    assert "does not exist; nothing was written" in _error_line(unwritable)
    assert list(tmp_path.iterdir()) == [tmp_path / "assessor-home"]


def test_command_line_round_trip_through_a_second_data_folder(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db_path: Path,
) -> None:
    # The CEO answers here; the marketing lead is invited and answers on her own computer.
    with Store.open(db_path) as store:
        ceo = store.create_assessment("Acme", "Kim", "ceo", "2026-Q3", questionnaires=bundled())
        fill(store, ceo.id, bundled(), seed=3)
        store.set_status(ceo.id, "complete")
    invitation = _invite(capsys, tmp_path, "Marta López", "marketing")
    returned = tmp_path / "returned.assessor"

    _answer_elsewhere(capsys, monkeypatch, tmp_path / "marta-home", invitation, returned)

    record = json.loads(returned.read_text(encoding="utf-8"))
    assert record["status"] == "complete" and record[HASH_KEY] == content_digest(record)
    assert record[INVITATION_KEY]["by"] == "Kim CEO"  # the invitation travels back
    imported = run_cli(capsys, "import", str(returned))
    assert imported.status == 0, imported.err
    assert imported.out == f"imported 1 assessment from {returned}\n"
    listed = json.loads(run_cli(capsys, "list", "--org", "Acme", "--json").out)
    marta = next(entry for entry in listed if entry["respondent"] == "Marta López")
    assert (marta["role"], marta["status"], marta["uuid"]) == (
        "marketing",
        "complete",
        record["uuid"],
    )
    assert marta["answered"] == sum(len(q.items) for q in bundled())
    compared = json.loads(run_cli(capsys, "compare", "--org", "Acme", "--json").out)
    (period,) = compared["by_period"]
    assert {(r["name"], r["role"]) for r in period["respondents"]} == {
        ("Kim", "ceo"),
        ("Marta López", "marketing"),
    }
    with Store.open(db_path) as store:
        (status,) = store.invitations("Acme", period="2026-Q3")
        assert status.state == "returned" and status.label == "Returned"


def test_a_changed_byte_is_refused_in_one_line_and_imports_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    invitation = _invite(capsys, tmp_path, "Sam", "sales")
    content = bytearray(invitation.read_bytes())
    position = content.index(b'"Sam"') + 2
    content[position] ^= 0x01  # "Sam" becomes "Sbm": valid JSON, another name
    changed = tmp_path / "changed.assessor"
    changed.write_bytes(bytes(content))

    line = _error_line(run_cli(capsys, "import", str(changed)))

    assert line == (
        f"error: {changed}: the file was changed or damaged after it was written (its SHA-256 "
        "does not match its content); nothing was imported: ask the sender for a new copy"
    )
    with Store.open(db_path) as store:
        assert store.list_assessments() == []


def test_one_bad_file_among_several_imports_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    good = _invite(capsys, tmp_path, "Sam", "sales")
    broken = tmp_path / "broken.assessor"
    broken.write_bytes(good.read_bytes()[:-40])

    line = _error_line(run_cli(capsys, "import", str(good), str(broken)))

    assert f"{broken}: the file was changed or damaged" in line and "not valid JSON" in line
    with Store.open(db_path) as store:
        assert store.list_assessments() == []


def test_three_returned_files_at_once_are_added_replaced_and_skipped(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db_path: Path,
) -> None:
    marta = _invite(capsys, tmp_path, "Marta", "marketing")
    sam = _invite(capsys, tmp_path, "Sam", "sales")
    lee = _invite(capsys, tmp_path, "Lee", "other")
    marta_back, sam_draft, sam_back, lee_back = (
        tmp_path / f"{name}.assessor" for name in ("marta-back", "sam-draft", "sam-back", "lee")
    )
    _answer_elsewhere(capsys, monkeypatch, tmp_path / "marta", marta, marta_back)
    _answer_elsewhere(capsys, monkeypatch, tmp_path / "sam", sam, sam_draft, finish=False)
    with data_folder(monkeypatch, tmp_path / "sam"):  # Sam finishes later and sends it again
        with Store.open() as store:
            store.set_status(store.list_assessments()[0].id, "complete")
        assert run_cli(capsys, "export", "1", "-o", str(sam_back)).status == 0
    _answer_elsewhere(capsys, monkeypatch, tmp_path / "lee", lee, lee_back)
    # Here: Sam's early draft and Lee's answers have already come in.
    assert run_cli(capsys, "import", str(sam_draft), str(lee_back)).status == 0

    result = run_cli(capsys, "import", str(marta_back), str(sam_back), str(lee_back))

    assert result.status == 0, result.err
    assert result.out.splitlines() == [
        f"imported 1 assessment from {marta_back}",
        f"imported 0 assessments from {sam_back}",
        "  replaced Sam (sales), Acme 2026-Q3: the returned complete copy replaces the draft here",
        f"imported 0 assessments from {lee_back}",
        "  skipped Lee (other), Acme 2026-Q3: already here, as recent (updated "
        f"{json.loads(lee_back.read_text(encoding='utf-8'))['updated']})",
        "in all: 1 added, 1 replaced, 1 skipped",
    ]
    listed = json.loads(run_cli(capsys, "list", "--org", "Acme", "--json").out)
    assert sorted((e["respondent"], e["status"]) for e in listed) == [
        ("Lee", "complete"),
        ("Marta", "complete"),
        ("Sam", "complete"),
    ]
    # The older draft never goes back over the complete copy.
    again = run_cli(capsys, "import", str(sam_draft))
    assert again.out.splitlines()[1] == (
        "  skipped Sam (sales), Acme 2026-Q3: the copy here is complete; the file holds an "
        "unfinished draft"
    )
    with Store.open(db_path) as store:
        assert {s.invitation.respondent.name: s.state for s in store.invitations("Acme")} == {
            "Marta": "returned",
            "Sam": "returned",
            "Lee": "returned",
        }


def test_export_as_a_respondent_file_needs_one_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    with Store.open(db_path) as store:
        for name in ("Ann", "Bo"):
            store.create_assessment("Acme", name, "ceo", "2026-Q3", questionnaires=bundled())
    target = tmp_path / "two.assessor"
    assert "give one ID" in _error_line(run_cli(capsys, "export", "1", "2", "-o", str(target)))
    assert not target.exists()
    plain = run_cli(capsys, "export", "1", "-o", str(target))
    assert plain.out == f"wrote {target}: Ann (ceo), Acme 2026-Q3, draft\n"
    record = json.loads(target.read_text(encoding="utf-8"))
    assert INVITATION_KEY not in record  # not opened from an invitation
    assert set(record["definitions"]) == {q.id for q in bundled()}
