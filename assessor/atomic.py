"""Writing files atomically: a temporary file in the same folder, then a rename.

A reader (or a crash) sees either the old file or the complete new one, never half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary temp file beside ``target``, then move it into place.

    If ``write`` raises, the temp file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def write_bytes_atomically(target: Path, content: bytes) -> None:
    """Replace ``target`` with ``content`` atomically."""

    def write(stream: BinaryIO) -> None:
        stream.write(content)

    write_atomically(target, write)
