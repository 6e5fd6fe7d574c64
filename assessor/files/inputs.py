"""Reading the files Assessor takes in: regular files only, and never more than a set size.

Questionnaire files, exchange files, backups to restore and the database itself all come in
through this module. A file is opened without blocking (``O_NONBLOCK``: a FIFO or a device never
hangs the program) and checked with ``fstat`` on the open handle: anything but a regular file is
refused, and so is a file larger than its kind's limit. :func:`read_input` then reads at most
the limit, so a file that grows while it is read (or a link to ``/dev/zero``) never fills the
memory. Each refusal is one :class:`InputError` line that names the file and the limit.

A symbolic link is followed: what counts is the file it leads to.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assessor.errors import AssessorError

MB = 1024 * 1024


@dataclass(frozen=True)
class InputKind:
    """A kind of file Assessor reads, and the largest such file it accepts."""

    #: how messages name a file of this kind, such as "a questionnaire file"
    name: str
    #: the largest size accepted, in bytes
    limit: int


#: TOML questionnaire files (the bundled ones are under 30 KB).
QUESTIONNAIRE = InputKind("a questionnaire file", 4 * MB)
#: Exchange files for ``assessor score`` and ``assessor import`` (about 20 KB an assessment).
EXCHANGE = InputKind("an exchange file", 64 * MB)
#: CSV files of business outcomes (``assessor outcomes import``; a period a row, a few KB).
OUTCOMES_CSV = InputKind("an outcomes CSV file", 4 * MB)
#: Database files: the database opened and a backup to restore (read by SQLite itself).
DATABASE = InputKind("a database file", 16 * 1024 * MB)

_CHUNK = 1024 * 1024


class InputError(AssessorError):
    """A file that cannot be taken in: not a regular file, too large, or unreadable."""


def size_text(size: int) -> str:
    """A size for people: ``812 bytes``, ``3.5 MB``, ``16 GB``."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    for unit, factor in (("GB", 1024 * MB), ("MB", MB), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is ("a FIFO (named pipe)"), for messages."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _shown(path: Path, name: str | None) -> str:
    return name if name is not None else str(path)


def _link_note(path: Path) -> str:
    """`` (a link to X)`` when ``path`` is a symbolic link, else nothing."""
    try:
        return f" (a link to {os.readlink(path)})" if path.is_symlink() else ""
    except OSError:
        return ""


def _open_checked(path: Path, kind: InputKind, name: str | None) -> tuple[int, int]:
    """Open ``path`` without blocking and check it; returns the handle and the file's size."""
    shown = _shown(path, name)
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOCTTY", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_BINARY", 0)
    )
    try:
        handle = os.open(path, flags)
    except IsADirectoryError:
        raise InputError(
            f"{shown}: is a folder, not a file; give {kind.name} (nothing was read)"
        ) from None
    except OSError as error:
        raise InputError(f"{shown}: cannot be read: {error.strerror or error}") from None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise InputError(
                f"{shown}: is {file_kind(status.st_mode)}{_link_note(path)}, not a regular "
                f"file; {kind.name} must be an ordinary file (nothing was read)"
            )
        if status.st_size > kind.limit:
            size = size_text(status.st_size)
            if size == size_text(kind.limit):  # just over: "64 MB, more than 64 MB" says nothing
                size = f"{status.st_size:,} bytes"
            raise InputError(
                f"{shown}: is {size}, more than the {size_text(kind.limit)} limit for "
                f"{kind.name} (nothing was read)"
            )
    except BaseException:
        os.close(handle)
        raise
    return handle, status.st_size


def check_input(path: Path, kind: InputKind, name: str | None = None) -> int:
    """Check that ``path`` is a regular file within ``kind``'s limit; returns its size.

    For files another library reads by name (SQLite): raises :class:`InputError` otherwise.
    """
    handle, size = _open_checked(path, kind, name)
    os.close(handle)
    return size


def input_chunks(path: Path, kind: InputKind, name: str | None = None) -> Iterator[bytes]:
    """The content of ``path`` in chunks of about a megabyte, checked like :func:`read_input`.

    The file is opened and checked at once (the first problem is raised by this call, not by
    the first ``next``); reading it whole never goes past ``kind.limit``.
    """
    handle, _ = _open_checked(path, kind, name)
    return _chunks(handle, path, kind, name)


def _chunks(handle: int, path: Path, kind: InputKind, name: str | None) -> Iterator[bytes]:
    total = 0
    try:
        while True:
            chunk = os.read(handle, min(_CHUNK, kind.limit + 1 - total))
            if not chunk:
                return
            total += len(chunk)
            if total > kind.limit:
                raise InputError(
                    f"{_shown(path, name)}: grew past the {size_text(kind.limit)} limit for "
                    f"{kind.name} while it was read (nothing was used)"
                )
            yield chunk
    except OSError as error:
        raise InputError(
            f"{_shown(path, name)}: cannot be read: {error.strerror or error}"
        ) from None
    finally:
        os.close(handle)


def read_input(path: Path, kind: InputKind, name: str | None = None) -> bytes:
    """The content of ``path``, a regular file of at most ``kind.limit`` bytes.

    ``name`` is how messages refer to the file (default: the path). Raises :class:`InputError`
    for a FIFO, a device, a folder, a missing or unreadable file, or one over the limit (also
    when it grows past the limit while being read).
    """
    handle, _ = _open_checked(path, kind, name)
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            chunk = os.read(handle, min(_CHUNK, kind.limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > kind.limit:
                raise InputError(
                    f"{_shown(path, name)}: grew past the {size_text(kind.limit)} limit for "
                    f"{kind.name} while it was read (nothing was used)"
                )
    except OSError as error:
        raise InputError(
            f"{_shown(path, name)}: cannot be read: {error.strerror or error}"
        ) from None
    finally:
        os.close(handle)
    return b"".join(chunks)
