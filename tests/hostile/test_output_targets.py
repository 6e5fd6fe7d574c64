"""Output targets a careless writer would damage: devices, FIFOs, folders, links, other files.

Every command that writes a file goes through one writer (assessor.files.atomic): it writes regular
files only, refuses links, and keeps the mode of the file it replaces.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.helpers.cli import Result, run_cli
from tests.helpers.hostile import make_fifo

#: Every command that writes a file, with its arguments before ``-o``.
WRITERS: dict[str, tuple[str, ...]] = {
    "report": ("report", "{id}"),
    "export-json": ("export",),
    "export-csv": ("export", "--csv"),
    "compare": ("compare", "--org", "Target Ltd"),
}


def _write(capsys: pytest.CaptureFixture[str], writer: str, finished: int, target: Path) -> Result:
    args = [arg.format(id=finished) for arg in WRITERS[writer]]
    return run_cli(capsys, *args, "-o", str(target))


def _refused(result: Result, target: Path, fragment: str) -> None:
    assert result.status == 1
    assert result.out == "" and "wrote" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith(f"error: {target}: "), lines[0]
    assert fragment in lines[0]


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_dev_full_is_refused_and_stays_a_character_device(
    writer: str, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    target = Path("/dev/full")
    before = os.stat(target)

    result = _write(capsys, writer, finished, target)

    _refused(result, target, "is a character device, not a regular file")
    after = os.stat(target)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_rdev, after.st_ino) == (before.st_rdev, before.st_ino)
    assert not list(Path("/dev").glob(".full.*"))


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_fifo_is_refused_without_blocking_and_stays_a_fifo(
    writer: str, finished: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "outputs"
    folder.mkdir()
    target = make_fifo(folder / "out")

    result = _write(capsys, writer, finished, target)

    _refused(result, target, "is a FIFO (named pipe), not a regular file")
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert [path.name for path in folder.iterdir()] == ["out"]


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_symbolic_link_is_refused_and_neither_it_nor_its_file_changes(
    writer: str, finished: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "someone-elses.txt"
    elsewhere.write_text("keep me", encoding="utf-8")
    link = tmp_path / "out"
    link.symlink_to(elsewhere)

    result = _write(capsys, writer, finished, link)

    _refused(result, link, f"is a symbolic link (to {elsewhere}); Assessor does not write")
    assert link.is_symlink() and os.readlink(link) == str(elsewhere)
    assert elsewhere.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_folder_is_refused(
    writer: str, finished: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "inside.txt").write_text("x", encoding="utf-8")

    result = _write(capsys, writer, finished, folder)

    assert result.status == 1
    assert len(result.err.splitlines()) == 1 and "Traceback" not in result.err
    assert folder.is_dir() and [p.name for p in folder.iterdir()] == ["inside.txt"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a file of another user")
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_replacing_another_users_private_file_keeps_it_private_and_theirs(
    writer: str, finished: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], umask_022: None
) -> None:
    target = tmp_path / "theirs.out"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    os.chown(target, 65534, 65534)

    result = _write(capsys, writer, finished, target)

    assert result.status == 0, result.err
    status = os.stat(target)
    assert stat.S_IMODE(status.st_mode) == 0o600
    assert (status.st_uid, status.st_gid) == (65534, 65534)
    assert target.read_bytes() != b"old"


@pytest.mark.parametrize(
    ("writer", "mode"),
    [("report", 0o644), ("compare", 0o644), ("export-json", 0o600), ("export-csv", 0o600)],
)
def test_a_new_file_gets_the_users_default_and_exports_of_answers_are_private(
    writer: str,
    mode: int,
    finished: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    umask_022: None,
) -> None:
    target = tmp_path / "new.out"

    result = _write(capsys, writer, finished, target)

    assert result.status == 0, result.err
    assert stat.S_IMODE(os.stat(target).st_mode) == mode


@pytest.mark.parametrize(
    ("writer", "before", "after"),
    [
        ("report", 0o640, 0o640),
        ("report", 0o604, 0o604),
        ("export-json", 0o644, 0o600),
        ("export-csv", 0o640, 0o600),
    ],
)
def test_a_replaced_file_keeps_its_mode_but_an_export_never_opens_up(
    writer: str,
    before: int,
    after: int,
    finished: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    umask_022: None,
) -> None:
    target = tmp_path / "existing.out"
    target.write_text("old", encoding="utf-8")
    target.chmod(before)

    result = _write(capsys, writer, finished, target)

    assert result.status == 0, result.err
    assert stat.S_IMODE(os.stat(target).st_mode) == after
