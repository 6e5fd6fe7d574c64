"""Broken questionnaire files of every kind: one located line each, never a hang or a crash.

``assessor validate`` exits 1 with one line naming the file; ``assessor questionnaires`` (and the
app, tests/hostile/test_app_start.py) skips the file with a warning and offers the rest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.questionnaire.catalogue import load_catalogue
from tests.helpers.cli import run_cli
from tests.helpers.hostile import BROKEN_QUESTIONNAIRES, run_child
from tests.helpers.questionnaires import MINIMAL_TOML, write_questionnaire

#: Kinds a careless reader would hang on or read forever: run in a child process.
BLOCKING_KINDS = ("fifo", "link-to-dev-zero")


@pytest.mark.parametrize("kind", sorted(BROKEN_QUESTIONNAIRES))
def test_validate_reports_a_broken_file_in_one_located_line(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = BROKEN_QUESTIONNAIRES[kind]
    path = broken.make(tmp_path / f"{kind}.toml")

    if kind in BLOCKING_KINDS:
        child = run_child("validate", str(path))
        status, out, err = child.returncode, child.stdout, child.stderr
    else:
        result = run_cli(capsys, "validate", str(path))
        status, out, err = result.status, result.out, result.err

    assert status == 1
    assert out == ""
    assert err.splitlines() == [err.strip()], err
    assert err.startswith(f"error: {path}: ")
    assert broken.fragment in err
    assert "Traceback" not in err and "unexpected" not in err


@pytest.mark.parametrize("kind", sorted(BROKEN_QUESTIONNAIRES))
def test_a_broken_user_questionnaire_is_skipped_with_a_warning(
    kind: str, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_home / "questionnaires"
    folder.mkdir()
    broken = BROKEN_QUESTIONNAIRES[kind]
    path = broken.make(folder / f"{kind}.toml")
    write_questionnaire(folder, "mini.toml", MINIMAL_TOML)

    if kind in BLOCKING_KINDS:
        child = run_child("questionnaires")
        status, out, err = child.returncode, child.stdout, child.stderr
    else:
        result = run_cli(capsys, "questionnaires")
        status, out, err = result.status, result.out, result.err

    assert status == 0
    assert "mini" in out and "four-freedoms" in out
    warnings = [line for line in err.splitlines() if line.startswith(f"warning: {path}: ")]
    assert len(warnings) == 1, err
    assert broken.fragment in warnings[0]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path, data_home: Path) -> None:
    folder = data_home / "questionnaires"
    write_questionnaire(folder, "bom.toml", b"\xef\xbb\xbf" + MINIMAL_TOML.encode("utf-8"))

    catalogue = load_catalogue()

    assert "mini" in catalogue
    assert catalogue.problems == []


def test_a_symlink_to_a_good_file_is_followed(tmp_path: Path, data_home: Path) -> None:
    real = write_questionnaire(tmp_path, "real.toml", MINIMAL_TOML)
    folder = data_home / "questionnaires"
    folder.mkdir()
    (folder / "linked.toml").symlink_to(real)

    catalogue = load_catalogue()

    assert "mini" in catalogue
    assert catalogue.problems == []
