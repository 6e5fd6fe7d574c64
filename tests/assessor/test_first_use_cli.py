"""The command line as a newcomer first meets it (issue 23): ``assessor --help`` names the ways
in (``assessor FILE.assessor``, ``ASSESSOR_HOME``, ``ASSESSOR_DB``), and ``assessor list``
really lists the newest periods first, as it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor.storage import Store
from tests.helpers.cli import run_cli
from tests.helpers.storage import mini


def test_help_names_the_app_the_respondent_file_and_the_data_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    shown = run_cli(capsys, "--help")

    assert shown.status == 0
    assert "assessor FILE.assessor" in shown.out
    assert "ASSESSOR_HOME" in shown.out and "ASSESSOR_DB" in shown.out
    assert "delete" in shown.out
    assert "List the stored assessments, newest periods first." in shown.out


def test_list_shows_the_newest_periods_first_across_organisations(
    capsys: pytest.CaptureFixture[str], data_home: Path
) -> None:
    with Store.open(data_home / "assessor.db") as store:
        for organisation, period in (
            ("Acme", "2025-Q4"),
            ("Zeta", "2026-Q3"),
            ("Acme", "2026-Q1"),
            ("Beta", "2026-Q3"),
        ):
            store.create_assessment(organisation, "Ann", "ceo", period, "", [mini()])

    listed = json.loads(run_cli(capsys, "list", "--json").out)
    assert [(e["period"], e["organisation"]) for e in listed] == [
        ("2026-Q3", "Beta"),
        ("2026-Q3", "Zeta"),
        ("2026-Q1", "Acme"),
        ("2025-Q4", "Acme"),
    ]
    lines = run_cli(capsys, "list").out.splitlines()
    assert [line.split()[1] for line in lines] == ["2026-Q3", "2026-Q3", "2026-Q1", "2025-Q4"]
