"""Home: each organisation at a glance, then every assessment by organisation and period.

A card per organisation (and unit) shows its latest overall index and band, the change since the
previous period, a small trend line, who answered the latest period and what is still a draft,
with one click to resume a draft, open a respondent's results, compare the quarters or start the
next quarter (or to resume the newest quarter while it is still a draft). Above the cards,
the invitations still out (:mod:`ui.invitations_out`: counts and roles, no names). Below, the
tree lists every assessment (Open, Resume, Delete, History, Invite respondents, the
organisation report of the selected period, written off the GUI thread, Outcomes…, the business
outcomes of the selected organisation and period, and Delete organisation).

Everything here reads through a :class:`HomeSource`: the app's start shows the home from an
:class:`~assessor.storage.overview.OverviewReader` (SQLite alone) before the store and the
questionnaires load, and reads from the :class:`~assessor.storage.store.Store` after. It reads
one organisation at a time, so it opens fast however many assessments are stored. On first run
it shows an empty state that says what to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from assessor.storage.overview import ScopeOverview
from assessor.storage.records import Summary
from ui import style
from ui.flow_layout import FlowLayout
from ui.plain_text import count, plain_label, score_text
from ui.sparkline import Sparkline

if TYPE_CHECKING:
    from assessor.storage.store import Store
    from ui.pdf_output import PdfOutput

ROLE_NAMES = {"ceo": "CEO", "marketing": "Marketing", "sales": "Sales", "other": "Other"}
ID_ROLE = Qt.ItemDataRole.UserRole
#: Every row knows its organisation and unit, for History.
SCOPE_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
#: Period rows and assessment rows know their period, for the organisation report.
PERIOD_ROLE = Qt.ItemDataRole.UserRole + 3
#: With this many organisations or fewer, all are shown expanded in the tree.
EXPAND_ALL_UP_TO = 25
#: At most this many organisations get a card; with more, a search field finds the others.
CARD_LIMIT = 12
#: A card lists at most this many drafts (the tree lists them all).
DRAFTS_SHOWN = 3


class HomeSource(Protocol):
    """What Home reads: the store, or an overview reader before the store has loaded."""

    def organisations(self) -> list[str]:
        """Organisation names, sorted ignoring case."""
        ...

    def list_assessments(
        self, organisation: str | None = None, period: str | None = None, unit: str | None = None
    ) -> list[Summary]:
        """Assessments, newest periods first."""
        ...

    def summary(self, assessment_id: int) -> Summary | None:
        """One assessment's list entry."""
        ...

    def overview(self, organisation: str) -> list[ScopeOverview]:
        """The organisation at a glance, per unit."""
        ...


def who(summary: Summary) -> str:
    """``Dana Whitfield (CEO)``."""
    return f"{summary.respondent} ({ROLE_NAMES.get(summary.role, summary.role)})"


def outcomes_text(scope: ScopeOverview) -> str:
    """``Business outcomes: 12 values, 2026-Q1 – 2026-Q3`` ("" when none are recorded)."""
    if not scope.outcome_values:
        return ""
    periods = scope.outcome_periods
    span = periods[0] if len(periods) == 1 else f"{periods[0]} – {periods[-1]}"
    return f"Business outcomes: {count(scope.outcome_values, 'value')}, {span}"


class OrganisationCard(QFrame):
    """One organisation (and unit) at a glance, with its one-click actions."""

    open_requested = Signal(int)
    history_requested = Signal(str, str)
    next_period_requested = Signal(str, str, str)
    chosen = Signal(str, str)

    def __init__(self, scope: ScopeOverview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = scope
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("organisation-card")
        name = scope.organisation + (f" — {scope.unit}" if scope.unit else "")
        self.setAccessibleName(f"Organisation: {name}")
        grid = QGridLayout(self)
        grid.setContentsMargins(style.SPACE_L, style.SPACE_M, style.SPACE_L, style.SPACE_M)
        grid.setHorizontalSpacing(style.SPACE_L)
        grid.setVerticalSpacing(style.SPACE_S)

        self.name = plain_label(name, scale=style.HEADING, bold=True, name="organisation")
        grid.addWidget(self.name, 0, 0, 1, 2)
        latest = scope.latest
        self.figure = plain_label(
            score_text(latest.overall if latest else None),
            scale=style.FIGURE,
            bold=True,
            wrap=False,
            name="overall-index",
        )
        self.figure.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.figure.setMinimumWidth(self.figure.fontMetrics().horizontalAdvance("100") + 8)
        grid.addWidget(self.figure, 1, 0, 2, 1)

        status = QHBoxLayout()
        status.setSpacing(style.SPACE_M)
        self.band = style.band_chip(scope.band, scope.band_index)
        status.addWidget(self.band)
        self.change = plain_label(self._change_text(), wrap=True, name="change")
        self.change.setStyleSheet(style.colour_css(style.change_colour(scope.change)))
        status.addWidget(self.change, 1)
        grid.addLayout(status, 1, 1)

        self.answered = plain_label(self._answered_text(), muted=True, name="latest-period")
        grid.addWidget(self.answered, 2, 1)

        trend_box = QVBoxLayout()
        trend_box.setSpacing(0)
        self.trend = Sparkline()
        self.trend.set_points([(p.period, p.overall) for p in scope.periods])
        trend_box.addWidget(self.trend, 0, Qt.AlignmentFlag.AlignRight)
        if len(scope.periods) > 1:
            span = f"{scope.periods[0].period} – {scope.periods[-1].period}"
            caption = plain_label(f"overall index, {span}", wrap=False, muted=True)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight)
            trend_box.addWidget(caption)
        else:
            self.trend.hide()
        trend_box.addStretch(1)
        grid.addLayout(trend_box, 0, 2, 3, 1)

        links_box = QWidget()
        links = FlowLayout(links_box, spacing=0)
        self.respondent_buttons: list[QPushButton] = []
        if latest is not None:
            links.addWidget(plain_label(f"Results {latest.period}:", wrap=False, muted=True))
            for respondent in latest.respondents:
                button = style.link_button(
                    who(respondent), f"Open the results of {who(respondent)}, {latest.period}"
                )
                button.clicked.connect(lambda _=False, i=respondent.id: self.open_requested.emit(i))
                self.respondent_buttons.append(button)
                links.addWidget(button)
        grid.addWidget(links_box, 3, 0, 1, 3)

        self.draft_buttons: list[QPushButton] = []
        for draft in scope.drafts[:DRAFTS_SHOWN]:
            button = style.link_button(
                f"Resume: {who(draft)}, {draft.period} · {draft.answered} answered",
                f"Resume the draft of {who(draft)}, {draft.period}, {draft.answered} answered",
            )
            button.clicked.connect(lambda _=False, i=draft.id: self.open_requested.emit(i))
            self.draft_buttons.append(button)
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            grid.addLayout(row, 3 + len(self.draft_buttons), 0, 1, 3)
        hidden = len(scope.drafts) - DRAFTS_SHOWN
        row_index = 4 + len(self.draft_buttons)
        self.outcomes = plain_label(outcomes_text(scope), muted=True, name="business-outcomes")
        self.outcomes.setVisible(bool(scope.outcome_values))
        grid.addWidget(self.outcomes, row_index, 0, 1, 3)
        row_index += 1
        if hidden > 0:
            grid.addWidget(
                plain_label(f"and {count(hidden, 'more draft')}, in the list below", muted=True),
                row_index,
                0,
                1,
                3,
            )
            row_index += 1

        actions = QHBoxLayout()
        actions.setSpacing(style.SPACE_M)
        self.compare_button = QPushButton("Compare quarters…")
        self.compare_button.setAccessibleName(
            f"Compare the quarters of {name}: trends, respondents and actions"
        )
        self.compare_button.setEnabled(bool(scope.periods))
        self.compare_button.clicked.connect(
            lambda: self.history_requested.emit(scope.organisation, scope.unit)
        )
        #: the draft of the newest period, which the card offers to resume rather than
        #: starting the quarter after it while that one is still open
        self.open_draft = next((d for d in scope.drafts if d.period == scope.newest_period), None)
        if self.open_draft is not None:
            draft = self.open_draft
            self.next_button = QPushButton(f"Resume {draft.period}…")
            self.next_button.setAccessibleName(
                f"Resume {name}, {draft.period}: the draft of {who(draft)} is still open"
            )
            self.next_button.clicked.connect(lambda: self.open_requested.emit(draft.id))
        else:
            self.next_button = QPushButton(f"Start {scope.next_period}…")
            self.next_button.setAccessibleName(
                f"Start the assessment of {name} for {scope.next_period}"
            )
            self.next_button.clicked.connect(
                lambda: self.next_period_requested.emit(
                    scope.organisation, scope.unit, scope.next_period
                )
            )
        actions.addWidget(self.compare_button)
        actions.addWidget(self.next_button)
        actions.addStretch(1)
        grid.addLayout(actions, row_index, 0, 1, 3)
        grid.setColumnStretch(1, 1)

    def _change_text(self) -> str:
        scope = self.scope
        previous = scope.previous
        if scope.latest is None:
            return "Finish an assessment to see the index."
        if previous is None:
            return "First complete period."
        change = scope.change
        if change is None:
            return f"No comparison with {previous.period} (not enough answers)."
        if round(change) == 0:
            return f"Level with {previous.period}"
        arrow = "▲" if change > 0 else "▼"
        return f"{arrow} {change:+.0f} since {previous.period}"

    def _answered_text(self) -> str:
        latest = self.scope.latest
        if not self.scope.assessed:
            return "No assessment yet"
        if latest is None:
            return count(len(self.scope.drafts), "draft") + " in progress"
        return (
            f"{latest.period} · {count(len(latest.respondents), 'respondent')} · "
            f"{count(len(self.scope.periods), 'complete period')}"
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on the card shows its organisation in the list of assessments."""
        self.chosen.emit(self.scope.organisation, self.scope.unit)
        super().mousePressEvent(event)


class HomePage(QWidget):
    """The organisations at a glance and the list of assessments."""

    new_requested = Signal()
    open_requested = Signal(int)
    delete_requested = Signal(int)
    #: the organisation whose every assessment is to be deleted (after confirmation)
    delete_organisation_requested = Signal(str)
    history_requested = Signal(str, str)
    #: organisation, unit, period: start that organisation's next quarter
    next_period_requested = Signal(str, str, str)
    invite_requested = Signal()
    status_message = Signal(str)
    #: what was written ("the organisation report") and the file
    file_saved = Signal(str, object)

    def __init__(self, source: HomeSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        #: the store, once it has loaded: the organisation report needs it
        self.store: Store | None = None
        self._pdf: PdfOutput | None = None
        self.cards: list[OrganisationCard] = []
        layout = QVBoxLayout(self)
        style.page_margins(layout)
        header = QHBoxLayout()
        header.addWidget(style.title("Assessments"), 1)
        self.new_button = QPushButton("New assessment…")
        self.new_button.setAccessibleName("New assessment (Ctrl+N)")
        self.new_button.clicked.connect(self.new_requested)
        header.addWidget(self.new_button)
        layout.addLayout(header)

        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.empty = self._empty_state()
        self.stack.addWidget(self.empty)

        self.content = QSplitter(Qt.Orientation.Vertical)
        self.content.setChildrenCollapsible(False)
        self.stack.addWidget(self.content)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find an organisation")
        self.search.setAccessibleName("Find an organisation by part of its name")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill_cards)
        top_layout.addWidget(self.search)
        from ui.invitations_out import InvitationsOutBox

        self.invitations_out = InvitationsOutBox()
        top_layout.addWidget(self.invitations_out)
        self.cards_area = QScrollArea()
        self.cards_area.setWidgetResizable(True)
        self.cards_area.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        top_layout.addWidget(self.cards_area, 1)
        self.cards_note = plain_label(muted=True, name="more-organisations")
        top_layout.addWidget(self.cards_note)
        self.content.addWidget(top)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, style.SPACE_M, 0, 0)
        bottom_layout.addWidget(style.heading("All assessments"))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            ["Organisation / period", "Respondent", "Role", "Status", "Answered"]
        )
        self.tree.setAccessibleName("Assessments by organisation and period")
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemExpanded.connect(self._load)
        self.tree.currentItemChanged.connect(self._update_buttons)
        bottom_layout.addWidget(self.tree, 1)

        buttons = QHBoxLayout()
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open or resume the selected assessment")
        self.open_button.clicked.connect(self._open_selected)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setAccessibleName("Delete the selected assessment")
        self.delete_button.clicked.connect(self._delete_selected)
        self.history_button = QPushButton("History…")
        self.history_button.setAccessibleName(
            "History of the selected organisation: trends, respondents and actions (Ctrl+H)"
        )
        self.history_button.clicked.connect(self._history_selected)
        self.invite_button = QPushButton("Invite respondents…")
        self.invite_button.setAccessibleName(
            "Invite respondents: a file for each person to answer on their own computer"
        )
        self.invite_button.clicked.connect(self.invite_requested)
        self.organisation_button = QPushButton("Organisation report…")
        self.organisation_button.setAccessibleName(
            "Organisation report of the selected period: every respondent's view and the "
            "perception gaps, as a PDF"
        )
        self.organisation_button.clicked.connect(self.organisation_report)
        self.delete_organisation_button = QPushButton("Delete organisation…")
        self.delete_organisation_button.setAccessibleName(
            "Delete the selected organisation with every assessment of it (asks first; a "
            "backup is taken)"
        )
        self.delete_organisation_button.clicked.connect(self._delete_organisation_selected)
        self.outcomes_button = QPushButton("Outcomes…")
        self.outcomes_button.setAccessibleName(
            "Enter the business outcomes of the selected organisation and period: win rate, "
            "sales cycle and more"
        )
        self.outcomes_button.clicked.connect(self.edit_outcomes)
        for button in (
            self.open_button,
            self.delete_button,
            self.history_button,
            self.invite_button,
            self.organisation_button,
            self.outcomes_button,
        ):
            buttons.addWidget(button)
        buttons.addWidget(self.delete_organisation_button)
        buttons.addStretch(1)
        self.busy = plain_label("", muted=True)
        buttons.addWidget(self.busy)
        bottom_layout.addLayout(buttons)
        self.content.addWidget(bottom)
        # The cards get the room; the list keeps its own height (the divider moves it).
        self.content.setStretchFactor(0, 1)
        self.content.setStretchFactor(1, 0)
        self.refresh()

    def _empty_state(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(self.fontMetrics().horizontalAdvance("n") * 64)
        inner = QVBoxLayout(box)
        inner.setSpacing(style.SPACE_L)
        inner.addWidget(style.heading("No assessments yet"))
        text = plain_label(
            "Choose “New assessment…” to answer the questionnaires about your "
            "organisation. Every answer is saved as you give it, so you can stop and come "
            "back at any time. Nothing leaves this computer.",
            name="no-assessments-yet",
        )
        inner.addWidget(text)
        start = QPushButton("New assessment…")
        start.setAccessibleName("Start the first assessment (Ctrl+N)")
        start.clicked.connect(self.new_requested)
        row = QHBoxLayout()
        row.addWidget(start)
        row.addStretch(1)
        inner.addLayout(row)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(box, 10)
        centred.addStretch(1)
        column.addLayout(centred)
        column.addStretch(2)
        self.empty_text = text
        return page

    # --- filling -------------------------------------------------------------------------------

    def set_source(self, source: HomeSource) -> None:
        """Read from ``source`` from now on (the store, once it has loaded)."""
        self.source = source

    def set_store(self, store: Store) -> None:
        """Read from the loaded store from now on; the organisation report can then be made."""
        self.store = store
        self.set_source(store)

    @property
    def pdf(self) -> PdfOutput:
        """Runs the organisation report off the GUI thread (made on first use)."""
        if self._pdf is None:
            from ui.pdf_output import PdfOutput

            self._pdf = PdfOutput(self)
            self._pdf.busy_changed.connect(self._busy)
            self._pdf.done.connect(self._done)
            self._pdf.saved.connect(
                lambda path: self.file_saved.emit("the organisation report", path)
            )
        return self._pdf

    def refresh(self, select: int | None = None) -> None:
        """Reload the cards and the list (keeping or setting the selection).

        Organisations come first; each one's assessments load when it is expanded, so the list
        opens fast however many assessments are stored.
        """
        keep = select if select is not None else self.selected_id()
        summary = self.source.summary(keep) if keep else None
        keep_organisation = summary.organisation if summary is not None else ""
        if summary is None:
            keep = None
        self.organisations = self.source.organisations()
        self.search.setVisible(len(self.organisations) > CARD_LIMIT)
        self._fill_cards()
        if self.store is not None:  # read once the store has loaded
            self.invitations_out.show_store(self.store)
        self.tree.clear()
        waiting = self.store is not None and not self.invitations_out.isHidden()
        shown = self.organisations or waiting
        self.stack.setCurrentWidget(self.content if shown else self.empty)
        expand_all = len(self.organisations) <= EXPAND_ALL_UP_TO
        for name in self.organisations:
            item = QTreeWidgetItem(self.tree, [name])
            item.setFirstColumnSpanned(True)
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            item.setData(0, SCOPE_ROLE, [name, ""])
            if expand_all or name.casefold() == keep_organisation.casefold():
                item.setExpanded(True)
        chosen = self._find(keep) if keep else None
        if chosen is None and self.organisations:
            chosen = self._first_leaf()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        self._update_buttons()

    def _fill_cards(self) -> None:
        """One card per organisation and unit, for the first organisations that match."""
        wanted = self.search.text().strip().casefold() if not self.search.isHidden() else ""
        matching = [name for name in self.organisations if wanted in name.casefold()]
        shown = matching[:CARD_LIMIT]
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(style.SPACE_M)
        self.cards = []
        for name in shown:
            for scope in self.source.overview(name):
                card = OrganisationCard(scope)
                card.open_requested.connect(self.open_requested)
                card.history_requested.connect(self.history_requested)
                card.next_period_requested.connect(self.next_period_requested)
                card.chosen.connect(self.show_organisation)
                self.cards.append(card)
                column.addWidget(card)
        column.addStretch(1)
        self.cards_area.setWidget(body)
        hidden = len(matching) - len(shown)
        if hidden > 0:
            self.cards_note.setText(
                f"{count(hidden, 'more organisation')} not shown: type part of a name above."
            )
        elif wanted and not matching:
            self.cards_note.setText(f"No organisation’s name contains “{wanted}”.")
        else:
            self.cards_note.setText("")
        self.cards_note.setVisible(bool(self.cards_note.text()))

    def _load(self, organisation_item: QTreeWidgetItem) -> None:
        """Fill an organisation with its assessments, grouped by period (and unit)."""
        if organisation_item.parent() is not None or organisation_item.childCount():
            return
        periods: dict[str, QTreeWidgetItem] = {}
        for summary in self.source.list_assessments(organisation=organisation_item.text(0)):
            label = summary.period + (f" · {summary.unit}" if summary.unit else "")
            period = periods.get(label)
            if period is None:
                period = QTreeWidgetItem(organisation_item, [label])
                period.setData(0, SCOPE_ROLE, [summary.organisation, summary.unit])
                period.setData(0, PERIOD_ROLE, summary.period)
                periods[label] = period
            row = QTreeWidgetItem(period, self._columns(summary))
            row.setData(0, ID_ROLE, summary.id)
            row.setData(0, SCOPE_ROLE, [summary.organisation, summary.unit])
            row.setData(0, STATUS_ROLE, summary.status)
            row.setData(0, PERIOD_ROLE, summary.period)
        for period in periods.values():
            period.setExpanded(True)

    def show_organisation(self, organisation: str, unit: str = "") -> None:
        """Select the organisation's newest assessment (of the unit) in the list."""
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is None or item.text(0).casefold() != organisation.casefold():
                continue
            item.setExpanded(True)
            target = item
            for period_index in range(item.childCount()):
                period = item.child(period_index)
                if period is not None and period.data(0, SCOPE_ROLE) == [organisation, unit]:
                    target = period.child(0) or period
                    break
            self.tree.setCurrentItem(target)
            self.tree.scrollToItem(target)
            return

    def _find(self, assessment_id: int) -> QTreeWidgetItem | None:
        iterator = QTreeWidgetItemIterator(self.tree)
        while (item := iterator.value()) is not None:
            if item.data(0, ID_ROLE) == assessment_id:
                return item
            iterator += 1
        return None

    @staticmethod
    def _columns(summary: Summary) -> list[str]:
        status = "Complete" if summary.status == "complete" else "Draft"
        return [
            "",
            summary.respondent,
            ROLE_NAMES.get(summary.role, summary.role),
            status,
            str(summary.answered),
        ]

    def _first_leaf(self) -> QTreeWidgetItem | None:
        item = self.tree.topLevelItem(0)
        if item is not None:
            item.setExpanded(True)
        while item is not None and item.childCount():
            item = item.child(0)
        return item if item is not None and item.data(0, ID_ROLE) is not None else None

    # --- selection -----------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        """The id of the selected assessment, if a row of one is selected."""
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def selected_organisation(self) -> tuple[str, str] | None:
        """The organisation and unit of the selected row (any level), if one is selected."""
        item = self.tree.currentItem()
        scope = item.data(0, SCOPE_ROLE) if item is not None else None
        return (str(scope[0]), str(scope[1])) if scope else None

    def selected_period(self) -> str | None:
        """The period of the selected row; for an organisation, its latest complete period."""
        item = self.tree.currentItem()
        if item is None:
            return None
        period = item.data(0, PERIOD_ROLE)
        if period:
            return str(period)
        scope = self.selected_organisation()
        if scope is None:
            return None
        complete = [
            s.period
            for s in self.source.list_assessments(organisation=scope[0], unit=scope[1])
            if s.status == "complete"
        ]
        return max(complete) if complete else None

    def organisation_report(self) -> None:
        """Organisation report…: the selected period's organisation report as a PDF."""
        scope = self.selected_organisation()
        if scope is None or self.store is None:
            return
        period = self.selected_period()
        if period is None:
            from ui import dialogs

            dialogs.show_error(
                self,
                "No organisation report",
                f"{scope[0]} has no complete assessment yet: finish one first.",
            )
            return
        self.pdf.export_organisation(self.store, scope[0], scope[1], period)

    def edit_outcomes(self) -> None:
        """Outcomes…: the selected organisation's business outcomes of the selected period
        (the latest complete one on an organisation; else the current quarter)."""
        from ui import outcomes_dialog
        from ui.new_assessment import current_quarter

        scope = self.selected_organisation()
        if scope is None or self.store is None:
            return
        period = self.selected_period() or current_quarter()
        changed = outcomes_dialog.edit_outcomes(self, self.store, scope[0], scope[1], period)
        if changed is not None:
            self.status_message.emit(
                f"Saved {count(changed, 'business outcome')} of {scope[0]}"
                if changed
                else "No business outcome changed"
            )

    def _busy(self, busy: bool) -> None:
        self._update_buttons()
        self.busy.setText("Preparing the PDF…" if busy else "")

    def _done(self, message: str) -> None:
        if message:
            self.status_message.emit(message)

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        item = self.tree.currentItem()
        draft = item is not None and item.data(0, STATUS_ROLE) == "draft"
        self.open_button.setText("Resume" if draft else "Open")
        self.open_button.setAccessibleName(
            "Resume answering the selected draft" if draft else "Open the selected assessment"
        )
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.history_button.setEnabled(self.tree.currentItem() is not None)
        self.delete_organisation_button.setEnabled(self.tree.currentItem() is not None)
        operation = self._pdf.operation if self._pdf is not None else None
        running = operation is not None and operation.running
        self.organisation_button.setEnabled(
            self.tree.currentItem() is not None and self.store is not None and not running
        )
        self.outcomes_button.setEnabled(
            self.tree.currentItem() is not None and self.store is not None
        )

    def _history_selected(self) -> None:
        organisation = self.selected_organisation()
        if organisation is not None:
            self.history_requested.emit(*organisation)

    def _activated(self, item: QTreeWidgetItem) -> None:
        value = item.data(0, ID_ROLE)
        if value is not None:
            self.open_requested.emit(int(value))

    def _open_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.open_requested.emit(chosen)

    def _delete_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.delete_requested.emit(chosen)

    def _delete_organisation_selected(self) -> None:
        organisation = self.selected_organisation()
        if organisation is not None:
            self.delete_organisation_requested.emit(organisation[0])
