"""Home: the assessments, grouped by organisation and period; New, Resume, Open and Delete.

On first run it shows an empty state that says what to do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor.storage.records import Summary
from assessor.storage.store import Store

ROLE_NAMES = {"ceo": "CEO", "marketing": "Marketing", "sales": "Sales", "other": "Other"}
ID_ROLE = Qt.ItemDataRole.UserRole


class HomePage(QWidget):
    """The list of assessments."""

    new_requested = Signal()
    open_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
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
        for button in (self.new_button, self.open_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        """Reload the list from the store (keeping or setting the selection)."""
        keep = select if select is not None else self.selected_id()
        summaries = self.store.list_assessments()
        self.tree.clear()
        self.stack.setCurrentWidget(self.tree if summaries else self.empty)
        organisations: dict[str, QTreeWidgetItem] = {}
        periods: dict[tuple[str, str], QTreeWidgetItem] = {}
        chosen: QTreeWidgetItem | None = None
        for summary in summaries:
            name = summary.organisation + (f" — {summary.unit}" if summary.unit else "")
            org = organisations.get(name)
            if org is None:
                org = QTreeWidgetItem(self.tree, [name])
                org.setFirstColumnSpanned(True)
                organisations[name] = org
            period = periods.get((name, summary.period))
            if period is None:
                period = QTreeWidgetItem(org, [summary.period])
                periods[(name, summary.period)] = period
            row = QTreeWidgetItem(period, self._columns(summary))
            row.setData(0, ID_ROLE, summary.id)
            if summary.id == keep:
                chosen = row
        self.tree.expandAll()
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        if chosen is None and summaries:
            chosen = self._first_leaf()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._update_buttons()

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
        while item is not None and item.childCount():
            item = item.child(0)
        return item

    def selected_id(self) -> int | None:
        """The id of the selected assessment, if a row of one is selected."""
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

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
