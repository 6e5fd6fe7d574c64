"""Outcomes…: one period's business outcomes of an organisation, entered by hand.

:func:`edit_outcomes` (which tests replace) shows :class:`OutcomesDialog`: the period first (any
period typed as ``YYYY-Qn``, or one of the organisation's), then one field per outcome metric
with its unit, which way is better, its definition and last period's figure; then who enters
them and an optional note on the source. Everything works from the keyboard: Tab moves through
the fields, Enter saves, Escape cancels. A blank field is "not known" (it removes a figure
stored before). Figures are checked against each metric's range before anything is saved, and
the period is saved in one transaction (``Store.set_period_outcomes``); an unchanged figure
keeps who entered it and when.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor.errors import AssessorError
from assessor.exchange.exchange_file import period_problem
from assessor.exchange.outcomes_csv import parse_number
from assessor.questionnaire.metrics import Metric, Metrics, bundled_metrics
from assessor.storage.store import Store
from ui import style
from ui.plain_text import plain_label


def default_person() -> str:
    """Who enters the figures unless told otherwise: the name this computer knows the user by."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def field_text(value: float | None) -> str:
    """A stored figure as a field shows it: no unit, no thousands separators, no needless 0s."""
    if value is None:
        return ""
    return f"{value:.6f}".rstrip("0").rstrip(".")


class OutcomesDialog(QDialog):
    """One period's outcomes of an organisation (and unit): a field per metric."""

    #: how many figures changed, once saved
    saved = Signal(int)

    def __init__(
        self,
        store: Store,
        organisation: str,
        unit: str,
        period: str,
        parent: QWidget | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.organisation = organisation
        self.unit = unit
        self.metrics = metrics if metrics is not None else bundled_metrics()
        self.changed = 0
        scope = organisation + (f" — {unit}" if unit else "")
        self.setWindowTitle(f"Outcomes — {scope}")
        self.setAccessibleName(f"Business outcomes of {scope}")
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        layout.setSpacing(style.SPACE_M)
        layout.addWidget(style.heading(f"Business outcomes of {scope}"))
        layout.addWidget(
            plain_label(
                "The period's figures from your CRM or finance reports. Leave a field blank "
                "when the figure is not known. History, the comparison and the organisation "
                "report show them beside the scores; a figure that moves beside an action "
                "suggests, but does not prove, that the action worked.",
                muted=True,
            )
        )
        chooser = QHBoxLayout()
        chooser.addWidget(plain_label("Period:", wrap=False))
        self.period = QComboBox()
        self.period.setEditable(True)
        self.period.setAccessibleName("The period the figures are of, such as 2026-Q3")
        self.period.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for known in self._periods(period):
            self.period.addItem(known)
        self.period.setCurrentText(period)
        self.period.currentTextChanged.connect(self._period_changed)
        chooser.addWidget(self.period)
        chooser.addStretch(1)
        layout.addLayout(chooser)

        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(style.SPACE_M)
        grid.setVerticalSpacing(style.SPACE_S)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(3, 2)
        self.fields: dict[str, QLineEdit] = {}
        self.hints: dict[str, QLabel] = {}
        for index, metric in enumerate(self.metrics):
            row = 2 * index
            title = plain_label(f"{metric.title} {metric.arrow}", bold=True)
            grid.addWidget(title, row, 0)
            field = QLineEdit()
            field.setObjectName(f"outcome-{metric.id}")
            field.setPlaceholderText("not known")
            field.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 14)
            field.setAccessibleName(f"{metric.title}, in {metric.unit or 'a count'}")
            field.setAccessibleDescription(f"{metric.better_label}. {metric.definition}")
            field.setToolTip(metric.definition)
            title.setBuddy(field)
            grid.addWidget(field, row, 1)
            grid.addWidget(plain_label(metric.unit, wrap=False), row, 2)
            hint = plain_label("", muted=True, wrap=False)
            grid.addWidget(hint, row, 3)
            definition = plain_label(
                f"{metric.definition} {metric.better_label}; {metric.range_text()}.", muted=True
            )
            grid.addWidget(definition, row + 1, 0, 1, 4)
            self.fields[metric.id] = field
            self.hints[metric.id] = hint
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        who = QGridLayout()
        who.addWidget(plain_label("Entered by:", wrap=False), 0, 0)
        self.entered_by = QLineEdit(default_person())
        self.entered_by.setAccessibleName("Who enters these figures")
        who.addWidget(self.entered_by, 0, 1)
        who.addWidget(plain_label("Source:", wrap=False), 1, 0)
        self.source = QLineEdit()
        self.source.setPlaceholderText("such as CRM report 'Pipeline by source' (optional)")
        self.source.setAccessibleName("Where the figures come from (optional)")
        who.addWidget(self.source, 1, 1)
        layout.addLayout(who)
        self.error = plain_label("", name="outcomes-error")
        self.error.setStyleSheet(style.colour_css(style.tone(style.ERROR)))
        self.error.hide()
        layout.addWidget(self.error)

        buttons = QDialogButtonBox()
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save the period's outcomes (Enter)")
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Close without saving (Escape)")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._load(period)
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _periods(self, period: str) -> list[str]:
        """The periods offered: the one given and the organisation's, newest first."""
        found = {period}
        found.update(s.period for s in self.store.list_assessments(organisation=self.organisation))
        found.update(v.period for v in self.store.outcomes(self.organisation, self.unit))
        return sorted(found, reverse=True)

    @property
    def chosen_period(self) -> str:
        """The period typed or chosen (upper-cased, spaces removed)."""
        return self.period.currentText().strip().upper()

    def _period_changed(self, text: str) -> None:
        period = text.strip().upper()
        if period_problem(period) is None:
            self._load(period)

    def _load(self, period: str) -> None:
        """Fill the fields with the period's stored figures and the hints with the last ones."""
        values = self.store.outcomes(self.organisation, self.unit)
        current = {v.metric: v for v in values if v.period == period}
        earlier = [v for v in values if v.period < period]
        for metric_id, field in self.fields.items():
            stored = current.get(metric_id)
            field.setText(field_text(stored.value if stored is not None else None))
            field.setStyleSheet("")
            last = [v for v in earlier if v.metric == metric_id]
            metric = self.metrics.get(metric_id)
            hint = self.hints[metric_id]
            if last and metric is not None:
                hint.setText(f"{last[-1].period}: {metric.format(last[-1].value)}")
            else:
                hint.setText("")
        sources = {v.source for v in current.values() if v.source}
        self.source.setText(sources.pop() if len(sources) == 1 else "")
        self.error.hide()

    def _problem(self, metric: Metric, text: str) -> tuple[float | None, str | None]:
        """The figure typed for ``metric`` (None for blank), or why it cannot be one."""
        if not text.strip():
            return None, None
        value = parse_number(text, metric.unit == "%", decimal_comma=True)
        if value is None:
            return None, f"{metric.title}: {text.strip()!r} is not a number"
        problem = metric.value_problem(value)
        return (value, None) if problem is None else (None, f"{metric.title}: {problem}")

    def figures(self) -> dict[str, float | None]:
        """The figures as typed (None for blank); raises ValueError naming the first bad one."""
        found: dict[str, float | None] = {}
        for metric in self.metrics:
            field = self.fields[metric.id]
            value, problem = self._problem(metric, field.text())
            if problem is not None:
                raise ValueError(metric.id, problem)
            found[metric.id] = value
        return found

    def _show_error(self, text: str, field: QWidget | None = None) -> None:
        self.error.setText(text)
        self.error.show()
        if field is not None:
            field.setStyleSheet(f"border: 1px solid {style.tone(style.ERROR).name()};")
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        """Check every field, then save the period in one go and close; or say what is wrong."""
        for field in self.fields.values():
            field.setStyleSheet("")
        period = self.chosen_period
        if (problem := period_problem(period)) is not None:
            self._show_error(f"Period: {problem}", self.period)
            return
        try:
            figures = self.figures()
        except ValueError as error:
            metric_id, message = error.args
            self._show_error(str(message), self.fields[str(metric_id)])
            return
        try:
            self.changed = self.store.set_period_outcomes(
                self.organisation,
                self.unit,
                period,
                figures,
                self.entered_by.text(),
                self.source.text(),
            )
        except AssessorError as error:
            self._show_error("\n".join(error.lines))
            return
        self.saved.emit(self.changed)
        self.accept()


def edit_outcomes(
    parent: QWidget | None, store: Store, organisation: str, unit: str, period: str
) -> int | None:
    """Show Outcomes… for a period (tests replace this); how many figures changed, None when
    cancelled."""
    dialog = OutcomesDialog(store, organisation, unit, period, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.changed if accepted else None
