"""Make the README's screenshots: Home, the walk-through, the results and History.

It fills a throw-away data folder with example assessments, drives the real main window, and
saves what the window paints. Run it offscreen, at normal and at double scale:

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py docs/screenshots
    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 .venv/bin/python docs/make_screenshots.py OUT
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def seed(store: object) -> tuple[int, int]:
    """Two quarters of one organisation (complete) and a draft; returns (complete, draft) ids."""
    from assessor.storage.store import Store
    from tests.helpers.answer_sets import bundled_definitions, pattern_organisation

    assert isinstance(store, Store)
    definitions = bundled_definitions()
    complete = 0
    for period, pattern in (("2026-Q2", "two-islands"), ("2026-Q3", "hamster-wheel")):
        stored = store.create_assessment(
            "Acme Industrial", "Dana Whitfield", "ceo", period, "", list(definitions.values())
        )
        for questionnaire_id, answers in pattern_organisation(definitions, pattern).items():
            for item_id, answer in answers.items():
                store.save_answer(stored.id, questionnaire_id, item_id, answer)
        store.set_status(stored.id, "complete")
        complete = stored.id
    draft = store.create_assessment(
        "Northwind Trading", "Sam Lee", "marketing", "2026-Q4", "Europe", list(definitions.values())
    )
    answers = pattern_organisation(definitions, "blame-game")["four-freedoms"]
    for item_id in list(answers)[:4]:
        store.save_answer(draft.id, "four-freedoms", item_id, answers[item_id])
    return complete, draft.id


def main(out: Path) -> None:
    """Write home.png, walkthrough.png, results.png, history.png (and its outcomes), the
    Outcomes… dialog and the others into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="assessor-shots-"))
    os.environ["ASSESSOR_HOME"] = str(home)
    os.environ.pop("ASSESSOR_DB", None)

    from PySide6.QtWidgets import QApplication

    from assessor.demo import DEMO_ORGANISATION, create_demo
    from assessor.questionnaire.catalogue import load_catalogue
    from assessor.storage.store import Store
    from ui.main_window import MainWindow

    app = QApplication(sys.argv)
    store = Store.open()
    create_demo(store)
    complete, draft = seed(store)
    window = MainWindow(store, load_catalogue())
    window.resize(1100, 780)
    window.show()

    def shoot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / name))
        print(f"wrote {out / name}")

    window.show_home(draft)
    shoot("home.png")
    window.open_assessment(draft)
    shoot("walkthrough.png")
    walk = window.walkthrough.walk
    assert walk is not None
    multi = next(index for index, step in enumerate(walk.steps) if step.item.kind == "multi")
    window.walkthrough.show_step(multi)
    shoot("walkthrough-multi.png")
    window.show_results(complete)
    shoot("results.png")
    window.results.scroll_area.verticalScrollBar().setValue(620)
    shoot("results-findings.png")
    window.show_history(DEMO_ORGANISATION)
    shoot("history.png")
    window.history.scroll_area.ensureWidgetVisible(window.history.outcomes_chart, 0, 0)
    shoot("history-outcomes.png")
    from ui.outcomes_dialog import OutcomesDialog

    dialog = OutcomesDialog(store, DEMO_ORGANISATION, "", "2026-Q2", window)
    dialog.show()
    for _ in range(5):
        app.processEvents()
    dialog.grab().save(str(out / "outcomes.png"))
    print(f"wrote {out / 'outcomes.png'}")
    dialog.close()
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
