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
