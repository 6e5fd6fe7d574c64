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


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["x.assessor"], ("x.assessor", None)),
        (["/home/me/Acme-2026-Q3-Sam.ASSESSOR"], ("/home/me/Acme-2026-Q3-Sam.ASSESSOR", None)),
        (["--db", "x.db", "x.assessor"], ("x.assessor", "x.db")),
        (["x.assessor", "--db=y.db"], ("x.assessor", "y.db")),
        (["import", "x.assessor"], (None, None)),
        (["export", "1", "-o", "x.assessor"], (None, None)),
        (["x.json"], (None, None)),
        ([], (None, None)),
    ],
)
def test_a_respondent_file_opens_the_app(
    args: list[str], expected: tuple[str | None, str | None]
) -> None:
    assert launcher.respondent_file_launch(args) == expected


def test_assessor_with_a_respondent_file_opens_the_app_on_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assessor.exchange.respondent_file import SUFFIX

    assert launcher.RESPONDENT_SUFFIX == SUFFIX
    opened: list[tuple[Path | None, Path | None]] = []

    def open_app(db: Path | None, respondent_file: Path | None = None) -> None:
        opened.append((db, respondent_file))
        raise SystemExit(0)

    monkeypatch.setattr(launcher, "open_desktop_app", open_app)
    with pytest.raises(SystemExit):
        launcher.main(["Sam.assessor"])
    assert opened == [(None, Path("Sam.assessor"))]


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
    assert capsys.readouterr().out.startswith("organisation-profile")
