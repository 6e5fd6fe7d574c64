"""End to end on real files (issue 20): three confidential invitations answered with ``assessor
respond`` and imported give an organisation report that names nobody and shows no unshared
note, whose page 2 lists the disputed facts as counts and the invitations still out; each
returned file is private (0600) and holds only the notes its author shared; the collector
cannot print a confidential respondent's own report; ``compare --json`` carries the disputes
and no name."""

from __future__ import annotations

import io
import json
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from assessor.diagnosis.answers import answer_from_json
from assessor.exchange.responding import missing_required, without_hidden
from assessor.questionnaire.model import Questionnaire
from assessor.storage import Store
from tests.helpers.cli import Result, invite, run_cli
from tests.helpers.v3_fixture import FOLDER, MIDDLING

PEOPLE = {"ceo": "Quentin Oyelaran", "marketing": "Zofia Brzezinska", "sales": "Ingvild Haraldsen"}
#: r-1 is the pilot's fact item: the chief executive agrees, both leads disagree.
FACT = {"ceo": 5, "marketing": 1, "sales": 2}


def _one_line(result: Result) -> str:
    assert result.status == 1, result.out
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert "Traceback" not in result.err
    return lines[0]


def _definitions(path: Path) -> tuple[dict[str, Questionnaire], str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    found = {
        qid: Questionnaire.model_validate(definition)
        for qid, definition in data["definitions"].items()
    }
    return found, data["respondent"]["role"]


def _answers(path: Path, role: str, note: str) -> dict[str, Any]:
    """The pilot answered (r-1 per :data:`FACT`, a note on r-3), every other required item
    "don't know"."""
    definitions, _ = _definitions(path)
    pilot = {key: {"value": value} for key, value in MIDDLING.items()}
    pilot["r-1"] = {"value": FACT[role]}
    pilot["r-3"] = {"value": "sometimes", "note": note}
    given: dict[str, dict[str, Any]] = {"pilot-v3": pilot}
    for _ in range(10):  # "don't know" may show or hide follow-up questions: to a fixed point
        parsed = {
            qid: {k: answer_from_json(definitions[qid], k, v) for k, v in by_item.items()}
            for qid, by_item in given.items()
        }
        kept, _dropped = without_hidden(definitions, parsed, role)
        missing = missing_required(definitions, kept, role)
        if not missing:
            break
        for qid, item_id in missing:
            given.setdefault(qid, {})[item_id] = {"dont_know": True}
    return given


@pytest.fixture
def team(tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """Three confidential invitations answered and imported, and a fourth still out."""
    user = data_home / "questionnaires"
    user.mkdir()
    for name in ("pilot.toml", "profile.toml"):
        shutil.copy(FOLDER / name, user / name)
    sent = tmp_path / "sent"
    sent.mkdir()
    invited: dict[str, Path] = {}
    for role, name in [*PEOPLE.items(), ("sales", "Dervla Okonkwo")]:
        target = sent / f"{role}-{name.split()[0]}.assessor"
        result = invite(capsys, target, name, role, "--confidential")
        assert result.status == 0, result.err
        assert "(confidential)" in result.out
        invited[name] = target
    returned: dict[str, Path] = {}
    for role, name in PEOPLE.items():
        answers = tmp_path / f"{role}-answers.json"
        note = f"private note of {role} zebra"
        answers.write_text(json.dumps(_answers(invited[name], role, note)), encoding="utf-8")
        back = tmp_path / f"{role}-returned.assessor"
        result = run_cli(
            capsys, "respond", str(invited[name]), "--answers", str(answers), "-o", str(back)
        )
        assert result.status == 0, result.err
        assert "complete" in result.out
        returned[role] = back
    result = run_cli(capsys, "import", *[str(p) for p in returned.values()])
    assert result.status == 0, result.err
    return {"returned": returned, "invited": invited}


def test_returned_files_are_private_and_hold_no_unshared_note(team: dict[str, Any]) -> None:
    for role, path in team["returned"].items():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        text = path.read_text(encoding="utf-8")
        assert "zebra" not in text, role
        record = json.loads(text)
        assert record["status"] == "complete"
        assert record["invitation"]["confidential"] is True
        assert record["answers"]["pilot-v3"]["r-3"] == {
            "value": "sometimes",
            "answered_at": record["answers"]["pilot-v3"]["r-3"]["answered_at"],
        }


def test_the_organisation_report_names_nobody_and_shows_disputed_facts_on_page_2(
    team: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "team.pdf"
    result = run_cli(capsys, "report", "--org", "Acme", "--period", "2026-Q3", "-o", str(pdf))
    assert result.status == 0, result.err
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    for name in [*PEOPLE.values(), "Dervla Okonkwo"]:
        for part in name.split():
            assert part not in text, part
    assert "zebra" not in text
    assert "Author" not in str(reader.metadata) or all(
        part not in str(reader.metadata) for name in PEOPLE.values() for part in name.split()
    )
    page_two = " ".join(pages[1].split())
    assert "Facts the team disputes" in page_two
    assert "1 of 3: agree" in page_two and "2 of 3: disagree" in page_two
    assert "invited 4, returned 3; still out: sales" in page_two
    assert "in confidence" in page_two


def test_the_collector_cannot_print_a_confidential_respondents_report(
    team: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], data_home: Path
) -> None:
    with Store.open(data_home / "assessor.db") as store:
        ids = [s.id for s in store.list_assessments(organisation="Acme")]
    assert len(ids) == 3
    target = tmp_path / "one.pdf"
    line = _one_line(run_cli(capsys, "report", str(ids[0]), "-o", str(target)))
    assert "confidential" in line
    assert not target.exists()


def test_compare_json_carries_the_disputes_and_no_name(
    team: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "compare", "--org", "Acme", "--json")
    assert result.status == 0, result.err
    for name in PEOPLE.values():
        assert name not in result.out
    data = json.loads(result.out)
    (period,) = data["by_period"]
    assert period["confidential"] is True
    assert [r["name"] for r in period["respondents"]] == ["All respondents"]
    assert period["respondents"][0]["count"] == 3
    (dispute,) = [d for d in period["disputes"] if d["item"] == "r-1"]
    assert dispute["counts"] == "1 of 3: agree; 2 of 3: disagree"


def test_the_comparison_pdf_and_home_data_name_nobody(
    team: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], data_home: Path
) -> None:
    pdf = tmp_path / "compare.pdf"
    result = run_cli(capsys, "compare", "--org", "Acme", "-o", str(pdf))
    assert result.status == 0, result.err
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    for name in PEOPLE.values():
        for part in name.split():
            assert part not in text, part
    with Store.open(data_home / "assessor.db") as store:
        (scope,) = store.overview("Acme")
    assert scope.periods[-1].confidential


def test_the_respondent_can_print_their_own_report_on_their_computer(
    team: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Opening a confidential respondent file records the invitation as received: the
    respondent's own report prints there; only the collector is refused."""
    home = tmp_path / "respondent-home"
    home.mkdir()
    monkeypatch.setenv("ASSESSOR_HOME", str(home))
    monkeypatch.setenv("ASSESSOR_DB", str(home / "assessor.db"))
    invitation = team["invited"][PEOPLE["sales"]]
    assert run_cli(capsys, "import", str(invitation)).status == 0
    with Store.open(home / "assessor.db") as store:
        (summary,) = store.list_assessments()
        assert store.is_confidential(summary.uuid)
        assert not store.is_collected_confidential(summary.uuid)
    target = tmp_path / "mine.pdf"
    result = run_cli(capsys, "report", str(summary.id), "-o", str(target))
    assert result.status == 0, result.err
    assert target.exists()
