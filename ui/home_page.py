"""Home: the assessments, grouped by organisation and period; New, Resume, Open, Delete, History,
Invite respondents, and the organisation report of the selected period.

On first run it shows an empty state that says what to do.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from assessor.storage.errors import NotFoundError
from assessor.storage.records import Summary
from assessor.storage.store import Store
from ui.pdf_output import PdfOutput
from ui.plain_text import plain_label

ROLE_NAMES = {"ceo": "CEO", "marketing": "Marketing", "sales": "Sales", "other": "Other"}
ID_ROLE = Qt.ItemDataRole.UserRole
#: Every row knows its organisation and unit, for History.
SCOPE_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
#: Period rows and assessment rows know their period, for the organisation report.
PERIOD_ROLE = Qt.ItemDataRole.UserRole + 3
#: With this many organisations or fewer, all are shown expanded.
EXPAND_ALL_UP_TO = 25


class HomePage(QWidget):
    """The list of assessments."""

    new_requested = Signal()
    open_requested = Signal(int)
    delete_requested = Signal(int)
    history_requested = Signal(str, str)
    invite_requested = Signal()
    status_message = Signal(str)

    def __init__(
        self, store: Store, export_folder: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.export_folder = export_folder if export_folder is not None else store.path.parent
        self.pdf = PdfOutput(self)
        self.pdf.busy_changed.connect(self._busy)
        self.pdf.done.connect(self._done)
        layout = QVBoxLayout(self)
        title = QLabel("Assessments")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)

        self.stack = QStackedWidget()
        self.empty = QLabel(
            "No assessments yet.\n\nChoose “New assessment” to answer the three questionnaires "
            "about your organisation. Every answer is saved as you give it, so you can stop and "
            "come back at any time. Nothing leaves this computer."
        )
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("No assessments yet")
        self.stack.addWidget(self.empty)

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
        self.stack.addWidget(self.tree)
        layout.addWidget(self.stack, 1)

        buttons = QHBoxLayout()
        self.new_button = QPushButton("New assessment…")
        self.new_button.setAccessibleName("New assessment (Ctrl+N)")
        self.new_button.clicked.connect(self.new_requested)
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
        for button in (
            self.new_button,
            self.open_button,
            self.delete_button,
            self.history_button,
            self.invite_button,
            self.organisation_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.busy = plain_label("", muted=True)
        buttons.addWidget(self.busy)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        """Reload the list from the store (keeping or setting the selection).

        Organisations come first; each one's assessments load when it is expanded, so the list
        opens fast however many assessments are stored.
        """
        keep = select if select is not None else self.selected_id()
        try:
            keep_organisation = (
                self.store.get_assessment(keep).assessment.organisation if keep else ""
            )
        except NotFoundError:  # it was just deleted
            keep, keep_organisation = None, ""
        organisations = self.store.organisations()
        self.tree.clear()
        self.stack.setCurrentWidget(self.tree if organisations else self.empty)
        expand_all = len(organisations) <= EXPAND_ALL_UP_TO
        for name in organisations:
            item = QTreeWidgetItem(self.tree, [name])
            item.setFirstColumnSpanned(True)
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            item.setData(0, SCOPE_ROLE, [name, ""])
            if expand_all or name.casefold() == keep_organisation.casefold():
                item.setExpanded(True)
        chosen = self._find(keep) if keep else None
        if chosen is None and organisations:
            chosen = self._first_leaf()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        self._update_buttons()

    def _load(self, organisation_item: QTreeWidgetItem) -> None:
        """Fill an organisation with its assessments, grouped by period (and unit)."""
        if organisation_item.parent() is not None or organisation_item.childCount():
            return
        periods: dict[str, QTreeWidgetItem] = {}
        for summary in self.store.list_assessments(organisation=organisation_item.text(0)):
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
            for s in self.store.list_assessments(organisation=scope[0], unit=scope[1])
            if s.status == "complete"
        ]
        return max(complete) if complete else None

    def organisation_report(self) -> None:
        """Organisation report…: the selected period's organisation report as a PDF."""
        scope = self.selected_organisation()
        if scope is None:
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
        self.pdf.export_organisation(self.store, scope[0], scope[1], period, self.export_folder)

    def _busy(self, busy: bool) -> None:
        self.organisation_button.setEnabled(not busy and self.tree.currentItem() is not None)
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
        running = self.pdf.operation is not None and self.pdf.operation.running
        self.organisation_button.setEnabled(self.tree.currentItem() is not None and not running)

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
