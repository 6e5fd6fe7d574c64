"""The one writer of every output file: atomic, regular files only, with deliberate permissions.

A file is written to a temporary file in the same folder, flushed to disk and renamed over the
target, so a reader (or a crash) sees either the old file or the complete new one, never half a
file. Before anything is written the target is checked (:func:`check_output`):

- it must be a regular file or not exist yet: a device (such as ``/dev/full``), a FIFO, a socket
  or a folder is refused with one line, and nothing is created;
- a symbolic link is refused too: Assessor never writes through a link (replacing the link
  would lose it, writing through it would change a file elsewhere); name the real file;
- the folder must exist.

Permissions: the new file keeps the permission bits of the file it replaces (and its owner, when
Assessor runs as root); a new file gets the user's default (0666 less the umask). A *private*
file (exports of assessments, the database and its backups) is never readable by the group or
others: a new one is 0600, and a replaced one loses its group and other bits. Modes and owners
are checked and set only where the platform has them (:func:`has_ownership`: not on Windows).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from assessor.errors import AssessorError
from assessor.files.inputs import file_kind

#: Permission bits of a private file: read and write for its owner only.
PRIVATE_FILE_MODE = 0o600


class OutputError(AssessorError):
    """A target that Assessor will not write: a device, a FIFO, a folder, a link, no folder."""


def check_output(target: Path) -> os.stat_result | None:
    """Raise :class:`OutputError` unless ``target`` may be written; its status if it exists."""
    target = Path(target)
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise OutputError(
                f"{target}: the folder {target.parent} does not exist; nothing was written"
            ) from None
        return None
    except OSError as error:
        raise OutputError(f"{target}: cannot be written: {error.strerror or error}") from None
    if stat.S_ISLNK(status.st_mode):
        try:
            pointed = f" (to {os.readlink(target)})"
        except OSError:
            pointed = ""
        raise OutputError(
            f"{target}: is a symbolic link{pointed}; Assessor does not write through links: "
            "give the file itself or another name (nothing was written)"
        )
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(
            f"{target}: is {file_kind(status.st_mode)}, not a regular file; Assessor writes only "
            "ordinary files (nothing was written)"
        )
    return status


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where folders cannot be opened)."""
    if os.name != "posix":  # pragma: no cover - Windows cannot open a folder
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def has_ownership() -> bool:
    """Whether files here have owners and permission bits to check and set (POSIX has them;
    Windows has neither ``os.geteuid`` nor ``os.fchmod``)."""
    return all(hasattr(os, name) for name in ("geteuid", "getegid", "fchmod", "fchown"))


def _settle_permissions(handle: int, replaced: os.stat_result | None, private: bool) -> None:
    """Give the new file the mode (and owner, as root) of the file it replaces, where the
    platform has modes and owners (:func:`has_ownership`)."""
    if replaced is None or not has_ownership():
        return
    mode = stat.S_IMODE(replaced.st_mode) & 0o777
    os.fchmod(handle, mode & 0o700 if private else mode)
    if replaced.st_uid != os.geteuid() or replaced.st_gid != os.getegid():
        # Only root may give a file away; anyone else keeps the file as their own.
        with contextlib.suppress(OSError):
            os.fchown(handle, replaced.st_uid, replaced.st_gid)


def write_atomically(
    target: Path, write: Callable[[BinaryIO], None], *, private: bool = False
) -> None:
    """Call ``write`` with a binary temp file beside ``target``, then move it into place.

    Raises :class:`OutputError` for a target that is not a regular file (see the module
    docstring) and ``OSError`` when the disk refuses; if ``write`` raises, the temp file is
    removed. Either way ``target`` is left as it was.
    """
    target = Path(target)
    replaced = check_output(target)
    temp_name = target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")
    # Not mkstemp: its files are private (0600); a report should get the usual permissions.
    creation_mode = PRIVATE_FILE_MODE if private or replaced is not None else 0o666
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(temp_name, flags | getattr(os, "O_BINARY", 0), creation_mode)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            _settle_permissions(stream.fileno(), replaced, private)
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    with contextlib.suppress(OSError):
        fsync_folder(target.parent)


def write_bytes_atomically(target: Path, content: bytes, *, private: bool = False) -> None:
    """Replace ``target`` with ``content`` atomically (``private``: see the module docstring)."""

    def write(stream: BinaryIO) -> None:
        stream.write(content)

    write_atomically(target, write, private=private)
