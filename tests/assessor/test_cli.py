"""The command line: questionnaires listing, JSON output, and never importing Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assessor.questionnaire.catalogue import bundled_files
from tests.helpers.cli import run_cli


def test_validate_bundled_questionnaires(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(path) for path in bundled_files()]

    result = run_cli(capsys, "validate", *files)

    assert result.status == 0, result.err
    assert result.out.count(": ok (") == 4
    # the organisation profile is listed as what it is: facts, not scored
    (profile,) = [line for line in result.out.splitlines() if "organisation_profile" in line]
    assert "(organisation-profile v1, profile, not scored, 8 items)" in profile


def test_questionnaires_json_lists_the_profile_and_the_three_in_file_shape(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "questionnaires", "--json")

    assert result.status == 0, result.err
    listing = json.loads(result.out)
    assert [q["id"] for q in listing] == [
        "organisation-profile",
        "four-freedoms",
        "role-clarity",
        "collaboration",
    ]
    assert [q["kind"] for q in listing] == ["profile", "scored", "scored", "scored"]
    for questionnaire in listing:
        assert questionnaire["origin"] == "bundled"
        for dimension in questionnaire["dimensions"]:
            scored = [
                item
                for item in questionnaire["items"]
                if item["dimension"] == dimension["id"] and item["kind"] != "text"
            ]
            assert len(scored) >= 4, (questionnaire["id"], dimension["id"])


def test_questionnaires_plain_listing(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "questionnaires")

    assert result.status == 0
    first, second = result.out.splitlines()[:2]
    assert first.startswith("organisation-profile v1")
    assert "(profile, not scored, 8 items; bundled)" in first
    assert second.startswith("four-freedoms") and "dimensions" in second


def test_unknown_option_is_one_line_and_status_1(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "questionnaires", "--colour")

    assert result.status == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: No such option")
    assert "--colour" in lines[0]
    assert lines[0].endswith("(see 'assessor questionnaires --help')")


def test_subcommands_never_import_qt(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from assessor.cli import main\n"
        "try:\n"
        "    main(['questionnaires', '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "qt = any(m.startswith(('PySide6', 'ui')) for m in sys.modules)\n"
        "print('QT LOADED' if qt else 'NO QT')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    )

    assert done.stdout.strip().endswith("NO QT")


def test_broken_file_in_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("id = \n", encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "-m", "assessor", "validate", str(path)], capture_output=True, text=True
    )

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: {path}: line 1, column 6: TOML syntax error")


def test_db_before_the_subcommand_wins_over_the_environment(
    tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.db"

    assert run_cli(capsys, "--db", str(other), "demo").status == 0

    assert other.is_file()
    assert not (data_home / "assessor.db").exists()
    listed = run_cli(capsys, "--db", str(other), "list", "--json")
    assert len(json.loads(listed.out)) == 18
    here = run_cli(capsys, "list", "--db", str(data_home / "assessor.db"), "--json")
    assert json.loads(here.out) == []
