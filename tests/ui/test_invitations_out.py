"""Home shows the invitations still out, per organisation, unit and period, by role only:
"Acme, 2026-Q3: invited 3, returned 2; still out: sales"."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from assessor.exchange.respondent_file import dump_sealed
from assessor.storage import Store
from assessor.storage.invitations import write_invitation_files
from assessor.storage.transfer import read_import
from tests.helpers.qt import DialogLog
from tests.helpers.storage import asked_by_role, fill
from ui.invitations_out import roles_text
from ui.main_window import MainWindow


def _invite(db: Path, folder: Path, people: list[tuple[str, str]], unit: str = "") -> list[Path]:
    with Store.open(db) as store:
        return write_invitation_files(
            store,
            "Acme",
            "2026-Q3",
            people,
            "Kim",
            [asked_by_role()],
            folder,
            unit,
            confidential=True,
        )


def _answer_elsewhere(invitation: Path, folder: Path) -> Path:
    """The invitation answered on another computer and sent back complete."""
    with Store.open(folder / f"{invitation.stem}.db") as elsewhere:
        bundle = read_import(invitation.read_bytes(), str(invitation), lambda *_: None)
        (uuid,) = bundle.import_into(elsewhere).added
        stored = elsewhere.get_assessment(uuid)
        fill(elsewhere, stored.id, list(elsewhere.definitions(uuid).values()))
        elsewhere.set_status(stored.id, "complete")
        returned = folder / f"{invitation.stem}-back.assessor"
        returned.write_bytes(dump_sealed(json.loads(elsewhere.respondent_file(uuid)[1])))
    return returned


def test_home_shows_who_has_not_answered_yet_by_role(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    data_home: Path,
    tmp_path: Path,
) -> None:
    db = data_home / "assessor.db"
    ceo, marketing, sales = _invite(
        db, tmp_path, [("Dana", "ceo"), ("Marta", "marketing"), ("Sam", "sales")]
    )
    _invite(db, tmp_path, [("Lee", "sales"), ("Lou", "sales")], unit="EMEA")
    window = window_factory()

    box = window.home.invitations_out
    # Nothing answered yet, and no assessment at all: Home still shows who is out.
    assert window.home.stack.currentWidget() is window.home.content
    assert box.isVisibleTo(window.home)
    assert box.lines.text().splitlines() == [
        "Acme, 2026-Q3: invited 3, returned 0; still out: chief executive, marketing, sales",
        "Acme — EMEA, 2026-Q3: invited 2, returned 0; still out: 2 sales",
    ]

    for invitation in (ceo, marketing):
        window.import_files([_answer_elsewhere(invitation, tmp_path)])
        with qtbot.waitSignal(window.operation.finished, timeout=20000):
            pass

    assert box.lines.text().splitlines()[0] == (
        "Acme, 2026-Q3: invited 3, returned 2; still out: sales"
    )
    assert "Sam" not in box.lines.text() and "Lee" not in box.lines.text()

    window.import_files([_answer_elsewhere(sales, tmp_path)])
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass
    assert box.lines.text().splitlines() == [
        "Acme — EMEA, 2026-Q3: invited 2, returned 0; still out: 2 sales"
    ]


def test_home_hides_the_box_when_nobody_is_out(
    window_factory: Callable[[], MainWindow], dialog_log: DialogLog
) -> None:
    window = window_factory()
    assert not window.home.invitations_out.isVisibleTo(window.home)
    assert window.home.stack.currentWidget() is window.home.empty


def test_roles_are_counted_not_named() -> None:
    assert roles_text(("ceo", "sales", "sales")) == "chief executive, 2 sales"
    assert roles_text(("other",)) == "other"
