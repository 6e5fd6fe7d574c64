"""Hostile text reaching the app (issue 23): a file with a lone surrogate or an escape
sequence is refused with a dialog whose text is escaped (``\\ud800``), never raw, and nothing
is imported."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.hostile import exchange_record
from tests.helpers.qt import DialogLog
from ui.main_window import MainWindow

#: kind -> (JSON text of the file, what the dialog shows in its place)
CASES: dict[str, tuple[str, str]] = {
    "lone-surrogate-in-organisation": (
        json.dumps(exchange_record(organisation="Acme MARK")).replace("MARK", "\\ud800"),
        "organisation: contains a lone surrogate '\\ud800' at position 5",
    ),
    "lone-surrogate-in-respondent-name": (
        json.dumps(exchange_record()).replace('"Mallory"', '"Mal\\udfffory"'),
        "respondent.name: contains a lone surrogate '\\udfff' at position 3",
    ),
    "escape-in-respondent-name": (
        json.dumps(exchange_record(respondent={"name": "Mal\x1b[2Jlory", "role": "ceo"})),
        "respondent.name: contains the control character '\\x1b' at position 3",
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_the_app_refuses_hostile_text_with_an_escaped_message(
    kind: str,
    qtbot: QtBot,
    dialog_log: DialogLog,
    window_factory: Callable[[], MainWindow],
    tmp_path: Path,
) -> None:
    text, shown = CASES[kind]
    path = tmp_path / f"{kind}.json"
    path.write_text(text, encoding="utf-8")
    window = window_factory()

    window.import_files([path])
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass

    (error,) = dialog_log.named("show_error")
    message = error[2]
    assert message.startswith(f"{path}: {shown}")
    assert message.encode("utf-8")  # no lone surrogate left to fail on
    assert "\x1b" not in message and "unexpected" not in message
    assert window.store.list_assessments() == []
