"""Writing files atomically: a temporary file in the same folder, then a rename.

A reader (or a crash) sees either the old file or the complete new one, never half a file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary temp file beside ``target``, then move it into place.

    If ``write`` raises, the temp file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    temp_name = target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")
    # Not mkstemp: its files are private (0600); a report should get the usual permissions.
    handle = os.open(temp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
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
