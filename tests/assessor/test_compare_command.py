"""``assessor compare``: JSON and PDF for an organisation, and one clear line for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessor.demo import DEMO_ORGANISATION, DEMO_PERIODS
from assessor.storage.store import Store
from tests.helpers.answer_sets import bundled_definitions
from tests.helpers.cli import Result, run_cli


@pytest.fixture
def demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "demo").status == 0


def _one_error(result: Result) -> str:
    assert result.status == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.err
    return lines[0]


def test_json(demo: None, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "compare", "--org", "demo: harbour tools ltd", "--json")
    assert result.status == 0, result.err
    data = json.loads(result.out)
    assert data["organisation"] == DEMO_ORGANISATION
    assert data["periods"] == list(DEMO_PERIODS)
    assert len(data["by_period"]) == 6
    assert all(len(p["respondents"]) == 3 for p in data["by_period"])
    assert len(data["steps"]) == 5


def test_a_period_range(demo: None, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        capsys,
        "compare",
        "--org",
        DEMO_ORGANISATION,
        "--from",
        "2025-Q3",
        "--to",
        "2026-Q1",
        "--json",
    )
    assert result.status == 0, result.err
    assert json.loads(result.out)["periods"] == ["2025-Q3", "2025-Q4", "2026-Q1"]


def test_pdf(demo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "comparison.pdf"
    result = run_cli(capsys, "compare", "--org", DEMO_ORGANISATION, "-o", str(target))
    assert result.status == 0, result.err
    assert result.out.strip() == f"wrote {target}"
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert all(period in text for period in DEMO_PERIODS)


def test_unknown_organisation_lists_the_known_ones(
    demo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _one_error(run_cli(capsys, "compare", "--org", "Nope Ltd", "--json"))
    assert "no organisation named 'Nope Ltd'" in line
    assert DEMO_ORGANISATION in line


def test_an_empty_database(capsys: pytest.CaptureFixture[str]) -> None:
    line = _one_error(run_cli(capsys, "compare", "--org", "Acme", "--json"))
    assert "assessor demo" in line


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--json", "-o", "x.pdf"], "exactly one of -o FILE.pdf or --json"),
        ([], "exactly one of -o FILE.pdf or --json"),
        (["--json", "--from", "2025Q1"], "--from: '2025Q1' is not a period"),
        (["--json", "--to", "2025-Q5"], "--to: '2025-Q5' is not a period"),
        (["--json", "--from", "2026-Q1", "--to", "2025-Q1"], "is after --to"),
        (["--json", "--from", "2030-Q1"], "no complete assessment between 2030-Q1 and now"),
        (["--json", "--unit", "Nordics"], "(unit 'Nordics') has no complete assessment"),
        (["-o", "/no/such/folder/x.pdf"], "does not exist"),
    ],
)
def test_bad_input_is_one_clear_line(
    demo: None, arguments: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _one_error(run_cli(capsys, "compare", "--org", DEMO_ORGANISATION, *arguments))
    assert expected in line


def test_only_drafts(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(data_home / "assessor.db") as store:
        store.create_assessment(
            "Drafty", "Dee", "ceo", "2026-Q1", "", list(bundled_definitions().values())
        )
    line = _one_error(run_cli(capsys, "compare", "--org", "Drafty", "--json"))
    assert "Drafty has no complete assessment to compare" in line
