"""Atomic writes: all or nothing, with the permissions any other new file would get."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

import pytest

from assessor.files.atomic import write_atomically, write_bytes_atomically


def test_the_new_file_follows_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    old = os.umask(0o022)
    try:
        write_bytes_atomically(target, b"%PDF-1.4")
    finally:
        os.umask(old)

    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_bytes() == b"%PDF-1.4"


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.pdf"
    target.write_bytes(b"old")

    def half_then_fail(stream: BinaryIO) -> None:
        stream.write(b"half a")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_atomically(target, half_then_fail)

    assert target.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["report.pdf"]
