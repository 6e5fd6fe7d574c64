"""Home with the demo: each organisation's index, band, change, trend, respondents and drafts,
with one click to resume, open, compare or start the next quarter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor.demo import DEMO_ORGANISATION, DEMO_PERIODS
from assessor.storage.comparisons import comparison_for
from tests.helpers.cli import run_cli
from tests.helpers.qt import DialogLog
from ui import new_assessment, style
from ui.home_page import CARD_LIMIT, HomePage, OrganisationCard
from ui.main_window import MainWindow
from ui.plain_text import count, score_text


@pytest.fixture
def demo_window(
    window_factory: Callable[[], MainWindow], capsys: pytest.CaptureFixture[str]
) -> MainWindow:
    """A main window on a database holding the demo organisation."""
    assert run_cli(capsys, "demo").status == 0
    return window_factory()


def _card(window: MainWindow, organisation: str = DEMO_ORGANISATION) -> OrganisationCard:
    (card,) = [c for c in window.home.cards if c.scope.organisation == organisation]
    return card


def test_the_demo_card_shows_the_latest_index_band_change_and_trend(
    demo_window: MainWindow,
) -> None:
    card = _card(demo_window)
    comparison = comparison_for(demo_window.store, DEMO_ORGANISATION)
    overall = next(s for s in comparison.indices if s.key == "overall")
    last, before = overall.points[-1], overall.points[-2]
    assert last.score is not None and before.score is not None

    assert card.figure.text() == score_text(last.score)
    assert card.band.text() == card.scope.band and card.band.isVisibleTo(card)
    change = last.score - before.score
    assert card.change.text() == f"{'▲' if change > 0 else '▼'} {change:+.0f} since {before.period}"
    assert [period for period, _ in card.trend.points] == list(DEMO_PERIODS)
    assert card.trend.isVisibleTo(card)
    assert f"{DEMO_PERIODS[-1]} · 3 respondents · 6 complete periods" == card.answered.text()
    assert [b.text() for b in card.respondent_buttons] == [
        f"{r.respondent} ({role})"
        for r, role in zip(
            card.scope.periods[-1].respondents, ("CEO", "Marketing", "Sales"), strict=True
        )
    ]


def test_one_click_opens_a_respondents_results(demo_window: MainWindow) -> None:
    card = _card(demo_window)
    wanted = card.scope.periods[-1].respondents[1]

    card.respondent_buttons[1].click()

    assert demo_window.stack.currentWidget() is demo_window.results
    assert demo_window.results.assessment_id == wanted.id


def test_one_click_compares_the_quarters(demo_window: MainWindow) -> None:
    _card(demo_window).compare_button.click()

    assert demo_window.stack.currentWidget() is demo_window.history
    assert demo_window.history.comparison is not None
    assert demo_window.history.comparison.periods == DEMO_PERIODS


def test_one_click_starts_the_next_quarter_with_the_dialog_prefilled(
    demo_window: MainWindow, dialog_log: DialogLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[Any, ...]] = []
    monkeypatch.setattr(new_assessment, "ask_new_assessment", lambda *a: asked.append(a))
    card = _card(demo_window)
    assert card.next_button.text() == "Start 2026-Q3…"

    card.next_button.click()

    (args,) = asked
    assert args[3] == new_assessment.Preset(DEMO_ORGANISATION, "", "2026-Q3")


def test_a_draft_is_one_click_from_being_resumed(
    demo_window: MainWindow, dialog_log: DialogLog
) -> None:
    draft = demo_window.store.create_assessment(
        DEMO_ORGANISATION, "Ana Costa", "ceo", "2026-Q3", "", list(demo_window.catalogue)
    )
    demo_window.show_home()
    card = _card(demo_window)
    assert card.next_button.text() == "Resume 2026-Q3…"  # not "Start 2026-Q4…" (issue 23)
    (button,) = card.draft_buttons
    assert button.text() == "Resume: Ana Costa (CEO), 2026-Q3 · 0 answered"

    button.click()

    assert demo_window.stack.currentWidget() is demo_window.walkthrough
    assert demo_window.walkthrough.assessment_id == draft.id


def test_the_new_assessment_dialog_takes_the_preset(qtbot: QtBot) -> None:
    from assessor.questionnaire.catalogue import load_catalogue

    dialog = new_assessment.NewAssessmentDialog(
        list(load_catalogue()),
        ["Acme"],
        None,
        new_assessment.Preset("Northwind", "Europe", "2027-Q1"),
    )
    qtbot.addWidget(dialog)

    assert dialog.organisation.currentText() == "Northwind"
    assert (dialog.unit.text(), dialog.period.text()) == ("Europe", "2027-Q1")


def test_the_unit_hint_is_not_cut_short(qtbot: QtBot) -> None:
    from assessor.questionnaire.catalogue import load_catalogue

    dialog = new_assessment.NewAssessmentDialog(list(load_catalogue()), [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    hint = dialog.unit.placeholderText()
    inner = dialog.unit.contentsRect().width() - 2 * dialog.unit.textMargins().left()
    assert dialog.unit.fontMetrics().horizontalAdvance(hint) < inner


def test_plurals_are_right() -> None:
    assert [count(n, "respondent") for n in (0, 1, 2)] == [
        "0 respondents",
        "1 respondent",
        "2 respondents",
    ]


def test_the_empty_state_wraps_inside_the_window(
    window_factory: Callable[[], MainWindow],
) -> None:
    window = window_factory()
    home = window.home
    assert home.stack.currentWidget() is home.empty

    text = home.empty_text
    assert text.wordWrap()
    assert text.width() <= home.width()
    assert text.mapTo(home, text.rect().topLeft()).x() >= 0
    assert text.mapTo(home, text.rect().topRight()).x() <= home.width()


def test_many_organisations_get_a_search_field(
    window_factory: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    window = window_factory()
    questionnaires = list(window.catalogue)[:1]
    for number in range(CARD_LIMIT + 3):
        window.store.create_assessment(
            f"Org {number:02d}", "Ann", "ceo", "2026-Q1", "", questionnaires
        )
    window.show_home()
    home = window.home

    assert home.search.isVisibleTo(home)
    assert len(home.cards) == CARD_LIMIT
    assert home.cards_note.text() == "3 more organisations not shown: type part of a name above."

    qtbot.keyClicks(home.search, "13")
    assert [c.scope.organisation for c in home.cards] == ["Org 13"]
    assert home.tree.topLevelItemCount() == CARD_LIMIT + 3  # the list still has them all


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#2b2c2f"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#303134"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Link, "#8ab4f8"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("dark", [False, True])
def test_a_card_reads_well_in_light_and_dark_palettes(
    qtbot: QtBot, demo_window: MainWindow, dark: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = _dark_palette() if dark else QPalette(QColor("#efefef"))
    original = app.palette()
    app.setPalette(palette)
    try:
        home = HomePage(demo_window.store)
        qtbot.addWidget(home)
        card = _card_of(home)
        background = palette.color(QPalette.ColorRole.Window)
        change = QColor(card.change.styleSheet().removeprefix("color: ").rstrip(";"))
        assert style.contrast_ratio(change, background) >= 4.5
        chip = card.band.styleSheet()
        chip_background = QColor(chip.split("background: ")[1].split(";")[0])
        chip_text = QColor(chip.split("color: ")[1].split(";")[0])
        assert style.contrast_ratio(chip_text, chip_background) >= 4.5
        text = palette.color(QPalette.ColorRole.WindowText)
        assert style.contrast_ratio(text, background) >= 4.5
    finally:
        app.setPalette(original)


def _card_of(home: HomePage) -> OrganisationCard:
    (card,) = home.cards
    return card


def test_every_band_chip_has_readable_text() -> None:
    for index in range(4):
        chip = style.band_chip_css(index)
        background = QColor(chip.split("background: ")[1].split(";")[0])
        text = QColor(chip.split("color: ")[1].split(";")[0])
        assert style.contrast_ratio(text, background) >= 4.5, chip


def test_a_card_fits_a_half_width_window_at_double_font_size(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    large = QFont(original)
    large.setPointSizeF(original.pointSizeF() * 2)
    app.setFont(large)
    try:
        home = HomePage(demo_window.store)
        qtbot.addWidget(home)
        card = _card_of(home)
        # At 200 % a 1920-pixel screen is 960 wide: the card must fit without scrolling sideways.
        assert card.minimumSizeHint().width() <= 960
    finally:
        app.setFont(original)


def test_an_organisation_with_only_outcomes_shows_them_and_no_assessment_yet(
    window_factory: Callable[[], MainWindow], capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    source = tmp_path / "figures.csv"
    source.write_text("period,win-rate\n2026-Q1,21\n2026-Q2,24\n", encoding="utf-8")
    imported = run_cli(capsys, "outcomes", "import", str(source), "--org", "Figures Only Ltd")
    assert imported.status == 0, imported.err

    window = window_factory()

    assert window.home.stack.currentWidget() is window.home.content
    assert window.home.organisations == ["Figures Only Ltd"]
    card = _card(window, "Figures Only Ltd")
    assert card.answered.text() == "No assessment yet"
    assert card.outcomes.text() == "Business outcomes: 2 values, 2026-Q1 – 2026-Q2"
    assert not card.outcomes.isHidden()
    assert card.next_button.text() == "Start 2026-Q2…"
    assert not card.compare_button.isEnabled()
