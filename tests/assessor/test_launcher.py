"""The ``assessor`` entry point: the app with no subcommand (or only --db), else the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor import launcher


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (True, None)),
        (["--db", "x.db"], (True, "x.db")),
        (["--db=y.db"], (True, "y.db")),
        (["list"], (False, None)),
        (["--db", "x.db", "list"], (False, None)),
        (["--help"], (False, None)),
        (["--db", "--help"], (False, None)),
    ],
)
def test_desktop_or_command_line(args: list[str], expected: tuple[bool, str | None]) -> None:
    assert launcher.desktop_database(args) == expected


def test_no_subcommand_opens_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path | None] = []

    def open_app(db: Path | None) -> None:
        opened.append(db)
        raise SystemExit(0)

    monkeypatch.setattr(launcher, "open_desktop_app", open_app)

    with pytest.raises(SystemExit):
        launcher.main(["--db", "mine.db"])

    assert opened == [Path("mine.db")]


def test_a_subcommand_goes_to_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        launcher.main(["questionnaires"])

    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("four-freedoms")
