"""Run the command line in-process and capture what it prints and its exit status."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assessor.cli import main


@dataclass
class Result:
    """What a command printed and how it exited."""

    status: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """Run ``assessor ARGS`` in this process; never lets SystemExit escape."""
    capsys.readouterr()
    try:
        main(list(args))
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    else:  # pragma: no cover - main always exits
        status = 0
    captured = capsys.readouterr()
    return Result(status, captured.out, captured.err)


def invite(
    capsys: pytest.CaptureFixture[str], target: object, name: str, role: str, *more: str
) -> Result:
    """``assessor invite`` for Acme, 2026-Q3: one person, written to ``target`` (a file or
    folder), with any further options in ``more``."""
    args = ["--org", "Acme", "--period", "2026-Q3", "--name", name, "--role", role]
    return run_cli(capsys, "invite", *args, *more, "-o", str(target))
