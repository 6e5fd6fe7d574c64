"""History: one organisation's quarters and respondents, and the comparison PDF.

A selector chooses what to show: the indices (overall and per questionnaire) or one
questionnaire's dimensions. The trend chart (the PDF's own drawing as SVG) and the table of
periods × the selection (score with its change, coloured) follow it. Below: the respondents of
one period with perception gaps flagged, the follow-up of the previous period's actions, and
the invitations: per period who was invited, who returned and who is still out.
The business outcomes follow the trend table as small multiples beside the overall index (the
comparison PDF's drawing), and the follow-up says how the outcomes related to each action's
dimension moved. "Outcomes…" enters the chosen period's outcomes (:mod:`ui.outcomes_dialog`).
"Export comparison PDF…" writes the standalone comparison report off the GUI thread, and
"Organisation report…" the organisation report of the chosen period.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QBrush, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor.comparison.followup import STATUS_LABELS
from assessor.comparison.model import Comparison, FollowUpRow, Series
from assessor.errors import AssessorError
from assessor.files.file_names import safe_stem
from assessor.storage.invitations import InvitationStatus
from assessor.storage.store import Store
from ui import dialogs, outcomes_dialog, places, style
from ui.operations import Operation
from ui.pdf_output import PdfOutput
from ui.plain_text import count, plain_label, score_text
from ui.svg_chart import CHART_WIDTH, SvgChart

INDICES = "indices"


def _item(text: str, accessible: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if accessible:
        item.setData(Qt.ItemDataRole.AccessibleTextRole, accessible)
        item.setToolTip(accessible)
    return item


def _moves_label(row: FollowUpRow) -> QLabel:
    """How the outcomes related to a follow-up's dimension moved, one coloured line each."""
    lines = [
        f"{move.metric.label} {move.metric.format_change(move.change)} {move.verdict}"
        for move in row.outcomes
    ]
    label = plain_label("\n".join(lines) if lines else "—", muted=not lines)
    verdicts = {move.verdict for move in row.outcomes}
    if verdicts == {"better"}:
        label.setStyleSheet(style.colour_css(style.tone(style.UP)))
    elif verdicts == {"worse"}:
        label.setStyleSheet(style.colour_css(style.tone(style.DOWN)))
    spoken = "; ".join(f"{m.text}, {m.verdict}" for m in row.outcomes)
    label.setAccessibleName(f"Related outcomes: {spoken}" if spoken else "No related outcome")
    return label


def suggested_file_name(comparison: Comparison) -> str:
    """A file name such as ``Acme-2025-Q1-2026-Q2-comparison.pdf`` (safe on every system)."""
    periods = comparison.periods
    span = f"{periods[0]}-{periods[-1]}" if periods else ""
    return f"{safe_stem(f'{comparison.organisation}-{span}', 'organisation')}-comparison.pdf"


class FittedTable(QTableWidget):
    """A table as tall as its rows, its columns sharing the width; long titles wrap."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            _fit_height(self)


def _table(accessible_name: str) -> QTableWidget:
    table = FittedTable()
    table.setAccessibleName(accessible_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # The columns share the page's width and long titles wrap in the header, so the table
    # never scrolls sideways (the respondents table did at the default window size).
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(
        Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap)
    )
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fit_height(table: QTableWidget) -> None:
    """Make a table as tall as its rows (the page scrolls, not the table)."""
    table.resizeRowsToContents()
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    titles = [table.horizontalHeaderItem(column) for column in range(table.columnCount())]
    wrapped = max(
        (
            metrics.boundingRect(
                0,
                0,
                max(1, header.sectionSize(column) - 8),
                1000,
                int(Qt.TextFlag.TextWordWrap),
                title.text(),
            ).height()
            for column, title in enumerate(titles)
            if title is not None
        ),
        default=metrics.height(),
    )
    header.setFixedHeight(max(header.sizeHint().height(), wrapped + 8))
    height = header.height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(row) for row in range(table.rowCount()))
    table.setFixedHeight(height)


class HistoryPage(QWidget):
    """One organisation's history: trend, periods × dimensions, respondents, follow-up."""

    home_requested = Signal()
    status_message = Signal(str)
    #: invite respondents for this organisation and unit
    invite_requested = Signal(str, str)
    #: what was written ("the comparison") and the file
    file_saved = Signal(str, object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.organisation = ""
        self.unit = ""
        self.comparison: Comparison | None = None
        self.operation: Operation[Path] | None = None
        self._plotted: tuple[Series, ...] = ()

        layout = QVBoxLayout(self)
        style.page_margins(layout)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.scroll_area, 1)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(style.SPACE_M)
        self.heading = style.title()
        self.subtitle = plain_label(muted=True)
        self.message = plain_label()
        column.addWidget(self.heading)
        column.addWidget(self.subtitle)
        column.addWidget(self.message)

        chooser = QHBoxLayout()
        chooser.addWidget(plain_label("Show:"))
        self.selector = QComboBox()
        self.selector.setAccessibleName("Show the indices or one questionnaire's dimensions")
        self.selector.currentIndexChanged.connect(self._selection_changed)
        chooser.addWidget(self.selector)
        chooser.addStretch(1)
        column.addLayout(chooser)
        self.chart = SvgChart("Trend chart")
        self.chart.setMaximumWidth(int(CHART_WIDTH * 1.4))
        column.addWidget(self.chart)
        column.addWidget(
            plain_label("Scores by period (change from the previous period)", bold=True)
        )
        self.table = _table("Scores by period with the change from the previous period")
        column.addWidget(self.table)
        self.version_notes = plain_label(muted=True)
        column.addWidget(self.version_notes)

        column.addWidget(style.heading("Business outcomes"))
        self.outcomes_chart = SvgChart("Business outcomes beside the overall index")
        self.outcomes_chart.setMaximumWidth(int(CHART_WIDTH * 1.4))
        column.addWidget(self.outcomes_chart)
        self.outcomes_note = plain_label(muted=True, name="outcomes-note")
        column.addWidget(self.outcomes_note)

        column.addWidget(style.heading("Respondents"))
        periods = QHBoxLayout()
        periods.addWidget(plain_label("Period:"))
        self.period_selector = QComboBox()
        self.period_selector.setAccessibleName("The period whose respondents are shown")
        self.period_selector.currentIndexChanged.connect(self._period_changed)
        periods.addWidget(self.period_selector)
        periods.addStretch(1)
        column.addLayout(periods)
        self.respondents_table = _table("Each respondent's scores in the chosen period")
        column.addWidget(self.respondents_table)
        self.gaps = plain_label()
        column.addWidget(self.gaps)
        column.addWidget(plain_label("What became of the previous period's actions", bold=True))
        self.followups_box = QWidget()
        self.followups_box.setAccessibleName(
            "The previous period's actions and what became of them"
        )
        self.followups_grid = QGridLayout(self.followups_box)
        self.followups_grid.setContentsMargins(0, 0, 0, 0)
        self.followups_grid.setColumnStretch(1, 3)
        self.followups_grid.setColumnStretch(2, 2)
        self.followup_rows = 0
        column.addWidget(self.followups_box)
        self.followups_note = plain_label(muted=True)
        column.addWidget(self.followups_note)
        column.addWidget(plain_label("Invitations", scale=1.25, bold=True))
        self.invitations_summary = plain_label(name="invitations-summary")
        column.addWidget(self.invitations_summary)
        self.invitations_table = _table("Who was invited, by period, and who has answered")
        column.addWidget(self.invitations_table)
        column.addStretch(1)
        self.scroll_area.setWidget(body)

        buttons = QHBoxLayout()
        self.home_button = QPushButton("← Assessments")
        self.home_button.setAccessibleName("Back to the list of assessments")
        self.home_button.clicked.connect(self.home_requested)
        self.busy = plain_label(muted=True)
        self.export_button = QPushButton("Export comparison PDF…")
        self.export_button.setAccessibleName("Export the comparison across quarters as a PDF")
        self.export_button.clicked.connect(self.export_pdf)
        self.invite_button = QPushButton("Invite respondents…")
        self.invite_button.setAccessibleName(
            "Invite respondents of this organisation: a file for each person to answer"
        )
        self.invite_button.clicked.connect(
            lambda: self.invite_requested.emit(self.organisation, self.unit)
        )
        self.organisation_button = QPushButton("Organisation report…")
        self.organisation_button.setAccessibleName(
            "Organisation report of the chosen period: every respondent's view and the "
            "perception gaps, as a PDF"
        )
        self.organisation_button.clicked.connect(self.organisation_report)
        self.pdf = PdfOutput(self)
        self.pdf.busy_changed.connect(self._organisation_busy)
        self.pdf.done.connect(self._organisation_done)
        self.pdf.saved.connect(lambda path: self.file_saved.emit("the organisation report", path))
        buttons.addWidget(self.home_button)
        buttons.addWidget(self.invite_button)
        self.outcomes_button = QPushButton("Outcomes…")
        self.outcomes_button.setAccessibleName(
            "Enter the business outcomes of the chosen period: win rate, sales cycle and more"
        )
        self.outcomes_button.clicked.connect(self.edit_outcomes)
        buttons.addWidget(self.busy, 1)
        buttons.addWidget(self.outcomes_button)
        buttons.addWidget(self.organisation_button)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)

    # --- filling -------------------------------------------------------------------------------

    def show_organisation(self, organisation: str, unit: str = "") -> None:
        """Load and show the history of an organisation (and unit)."""
        from assessor.storage.comparisons import comparison_for

        self.organisation, self.unit = organisation, unit
        self._fill_invitations()
        try:
            comparison = comparison_for(self.store, organisation, unit)
        except AssessorError as error:
            self._show_empty(organisation, unit, "\n".join(error.lines))
        else:
            self.show_comparison(comparison)
        # Another organisation's history starts at its top, not where the last one was left.
        self.scroll_area.verticalScrollBar().setValue(0)

    def _show_empty(self, organisation: str, unit: str, reason: str) -> None:
        self.comparison = None
        self._plotted = ()
        self.heading.setText(organisation + (f" — {unit}" if unit else ""))
        self.subtitle.setText("")
        self.message.setText(f"Nothing to compare yet: {reason}")
        for table in (self.table, self.respondents_table):
            table.clear()
            table.setRowCount(0)
            table.setColumnCount(0)
        self.selector.blockSignals(True)
        self.selector.clear()
        self.selector.blockSignals(False)
        self.period_selector.blockSignals(True)
        self.period_selector.clear()
        self.period_selector.blockSignals(False)
        self.chart.load(QByteArray())
        self._fill_outcomes(None)
        self._clear_followups()
        self.followups_note.setText("")
        self.gaps.setText("")
        self.export_button.setEnabled(False)
        self.organisation_button.setEnabled(False)

    def show_comparison(self, comparison: Comparison) -> None:
        """Show an already built comparison."""
        self.comparison = comparison
        self.message.setText("")
        self.export_button.setEnabled(True)
        self.organisation_button.setEnabled(True)
        self.heading.setText(
            comparison.organisation + (f" — {comparison.unit}" if comparison.unit else "")
        )
        periods = comparison.periods
        span = periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
        self.subtitle.setText(
            f"{span} · {count(len(periods), 'period')} · "
            f"{count(comparison.respondent_count, 'complete assessment')}"
        )
        self.version_notes.setText("\n".join(f"ℹ {n}" for n in comparison.version_notes))
        self.version_notes.setVisible(bool(comparison.version_notes))
        self.selector.blockSignals(True)
        self.selector.clear()
        self.selector.addItem("Indices", INDICES)
        for questionnaire in comparison.questionnaires:
            self.selector.addItem(
                f"Dimensions: {questionnaire.title}", questionnaire.questionnaire_id
            )
        self.selector.setCurrentIndex(0)
        self.selector.blockSignals(False)
        self.period_selector.blockSignals(True)
        self.period_selector.clear()
        for period in reversed(periods):
            self.period_selector.addItem(period, period)
        self.period_selector.setCurrentIndex(0)
        self.period_selector.blockSignals(False)
        self._selection_changed()
        self._period_changed()
        self._fill_outcomes(comparison)

    def _fill_outcomes(self, comparison: Comparison | None) -> None:
        """The small multiples of the outcomes beside the overall index, or what to do."""
        from assessor.questionnaire.metrics import NOT_PROOF

        series = comparison.outcomes if comparison is not None else ()
        self.outcomes_chart.setVisible(bool(series))
        if not series or comparison is None:
            self.outcomes_chart.load(QByteArray())
            self.outcomes_note.setText(
                "No business outcomes entered yet. Outcomes… adds a period's figures (win "
                "rate, sales cycle, response time…), or run 'assessor outcomes import' on a "
                "CSV export of your CRM."
            )
            return
        from assessor.report.outcome_chart import multiples, outcomes_svg

        overall = comparison.indices[0] if comparison.indices else None
        self.outcomes_chart.show_svg(outcomes_svg(multiples(overall, series), CHART_WIDTH))
        spoken = "; ".join(
            f"{s.metric.title} {s.metric.format(s.latest.value if s.latest else None)} "
            f"({s.metric.better_label})"
            for s in series
        )
        self.outcomes_chart.setAccessibleName(
            f"Business outcomes beside the overall index: {spoken}"
        )
        self.outcomes_note.setText(
            "Each outcome on its own scale and in its own unit; the arrow says which way is "
            f"better, green and red whether the last change was for the better. {NOT_PROOF}"
        )

    def selected_series(self) -> tuple[Series, ...]:
        """The series of the current selection (indices, or one questionnaire's dimensions)."""
        if self.comparison is None:
            return ()
        choice = self.selector.currentData()
        if choice in (None, INDICES):
            return self.comparison.indices
        return self.comparison.dimension_series(str(choice))

    def series_points(self) -> list[int]:
        """How many points each plotted series has (periods with a score)."""
        return [sum(p.score is not None for p in s.points) for s in self._plotted]

    def points_count(self) -> int:
        """The number of points plotted in the chart for the current selection."""
        return sum(self.series_points())

    def _selection_changed(self) -> None:
        from assessor.report.trend_chart import trend_svg

        if self.comparison is None:
            return
        series = self.selected_series()
        self._plotted = series
        # a dashed line marks where a questionnaire version changed, as in the PDF
        breaks = [step.after for step in self.comparison.steps if step.version_notes]
        self.chart.show_svg(trend_svg(series, self.comparison.periods, CHART_WIDTH, breaks))
        self.chart.setAccessibleName(
            f"Trend chart of {self.selector.currentText().lower()}: "
            + "; ".join(f"{s.title} {s.trend or 'no trend'}" for s in series)
        )
        self._fill_table(series)
        self._period_changed()

    def _fill_table(self, series: tuple[Series, ...]) -> None:
        assert self.comparison is not None
        periods = self.comparison.periods
        table = self.table
        table.clear()
        table.setRowCount(len(periods))
        table.setColumnCount(len(series))
        table.setHorizontalHeaderLabels([s.title for s in series])
        table.setVerticalHeaderLabels(list(periods))
        for column, line in enumerate(series):
            for row, point in enumerate(line.points):
                text = score_text(point.score)
                spoken = f"{line.title}, {point.period}: {text}"
                if point.change is not None:
                    text += f" ({point.change:+.0f})"
                    direction = (
                        "up" if point.change > 0 else "down" if point.change < 0 else "level"
                    )
                    spoken += f", {direction} {abs(point.change):.0f} from the previous period"
                cell = _item(text, spoken)
                colour = style.change_colour(point.change)
                if colour is not None:
                    cell.setForeground(QBrush(colour))
                table.setItem(row, column, cell)
        _fit_height(table)

    def _period_changed(self) -> None:
        if self.comparison is None or self.period_selector.count() == 0:
            return
        period = str(self.period_selector.currentData())
        view = self.comparison.period(period)
        series = self.selected_series()
        table = self.respondents_table
        table.clear()
        table.setRowCount(len(view.respondents))
        table.setColumnCount(len(series))
        gaps = {(g.questionnaire_id, g.dimension_id): g for g in view.gaps}
        headers: list[str] = []
        for line in series:
            gap = gaps.get((line.questionnaire_id, line.dimension_id or ""))
            headers.append(f"⚠ {line.title}" if gap is not None and gap.flagged else line.title)
        table.setHorizontalHeaderLabels(headers)
        table.setVerticalHeaderLabels([f"{r.name} ({r.role_label})" for r in view.respondents])
        for row, respondent in enumerate(view.respondents):
            for column, line in enumerate(series):
                if line.dimension_id is not None:
                    score = respondent.dimensions.get((line.questionnaire_id, line.dimension_id))
                elif line.questionnaire_id:
                    score = respondent.indices.get(line.questionnaire_id)
                else:
                    score = respondent.overall
                gap = gaps.get((line.questionnaire_id, line.dimension_id or ""))
                flagged = gap is not None and gap.flagged
                spoken = f"{respondent.name}, {line.title}: {score_text(score)}"
                if flagged and gap is not None:
                    spoken += f" (perception gap of {gap.gap:.0f} points)"
                cell = _item(score_text(score), spoken)
                if flagged:
                    cell.setForeground(QBrush(style.tone(style.DOWN)))
                table.setItem(row, column, cell)
        _fit_height(table)
        flagged_gaps = view.flagged_gaps
        self.gaps.setText(
            "\n".join(f"⚠ {g.finding_title} — {g.detail}." for g in flagged_gaps)
            if flagged_gaps
            else f"No perception gap of 25 points or more in {period}."
        )
        self._fill_followups(period)

    def _clear_followups(self) -> None:
        while self.followups_grid.count():
            taken = self.followups_grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.followup_rows = 0

    def _fill_followups(self, period: str) -> None:
        assert self.comparison is not None
        step = next((s for s in self.comparison.steps if s.after == period), None)
        rows = step.followups if step is not None else ()
        self._clear_followups()
        self.followup_rows = len(rows)
        with_outcomes = bool(self.comparison.outcomes)
        titles = ["Status", "Action", "Aims at", "Dimension moved"]
        if with_outcomes:
            titles.append("Related outcomes moved")
        if rows:
            for column, title in enumerate(titles):
                self.followups_grid.addWidget(plain_label(title, bold=True), 0, column)
        for index, row in enumerate(rows, start=1):
            detail = ", ".join(
                f"{a.respondent}: {STATUS_LABELS.get(a.status, a.status)}" for a in row.answers
            )
            status = plain_label(STATUS_LABELS.get(row.status, row.status), bold=True)
            status.setToolTip(detail)
            status.setAccessibleDescription(detail)
            moved = f"{score_text(row.before)} → {score_text(row.after)}"
            if row.change is not None:
                moved += f" ({row.change:+.0f})"
            moved_label = plain_label(moved)
            moved_label.setStyleSheet(style.colour_css(style.change_colour(row.change)))
            self.followups_grid.addWidget(status, index, 0)
            self.followups_grid.addWidget(plain_label(row.action_text), index, 1)
            self.followups_grid.addWidget(plain_label(row.aims_at, muted=True), index, 2)
            self.followups_grid.addWidget(moved_label, index, 3)
            if with_outcomes:
                self.followups_grid.addWidget(_moves_label(row), index, 4)
        if step is None:
            self.followups_note.setText(
                f"{period} is the first period compared: nothing to follow up."
            )
        elif not rows:
            self.followups_note.setText(f"{step.before} had no actions to follow up.")
        else:
            note = (
                f"The top actions of {step.before}'s report and what {period}'s respondents "
                "said became of them (hover a status for each answer)."
            )
            if with_outcomes:
                from assessor.questionnaire.metrics import NOT_PROOF

                note += f" Related outcomes: those defined for the action's dimension. {NOT_PROOF}"
            self.followups_note.setText(note)

    def refresh(self) -> None:
        """Load the shown organisation again (after an import or new invitations)."""
        if self.organisation:
            self.show_organisation(self.organisation, self.unit)

    def _fill_invitations(self) -> None:
        """Per period: who was invited, who returned, who is still out."""
        from ui.home_page import ROLE_NAMES

        statuses = self.store.invitations(self.organisation, self.unit)
        table = self.invitations_table
        table.clear()
        table.setRowCount(len(statuses))
        headers = ["Period", "Respondent", "Role", "Invited by", "Status"]
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        for row, status in enumerate(statuses):
            invitation = status.invitation
            role = ROLE_NAMES.get(invitation.respondent.role, invitation.respondent.role)
            cells = (
                invitation.period,
                invitation.respondent.name,
                role,
                invitation.invited.by,
                status.label,
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, _item(text))
        table.setVisible(bool(statuses))
        _fit_height(table)
        by_period: dict[str, list[InvitationStatus]] = {}
        for status in statuses:
            by_period.setdefault(status.invitation.period, []).append(status)
        lines = []
        for period, invited in by_period.items():
            returned = sum(1 for s in invited if s.state == "returned")
            out = [
                f"{s.invitation.respondent.name} "
                f"({ROLE_NAMES.get(s.invitation.respondent.role, s.invitation.respondent.role)})"
                for s in invited
                if s.state != "returned"
            ]
            line = f"{period}: {len(invited)} invited, {returned} returned"
            lines.append(line + (f"; still out: {', '.join(out)}" if out else "; all returned"))
        self.invitations_summary.setText(
            "\n".join(lines)
            if lines
            else "Nobody has been invited yet. Invite respondents… writes a file for each "
            "person to answer on their own computer."
        )

    # --- PDF -----------------------------------------------------------------------------------

    def export_pdf(self) -> None:
        """Export comparison PDF… (asks where, then writes it off the GUI thread)."""
        comparison = self.comparison
        if comparison is None:
            return
        target = places.ask_save_path(
            self,
            "Export comparison PDF",
            suggested_file_name(comparison),
            "PDF files (*.pdf)",
            ".pdf",
        )
        if target is None:
            return

        def work() -> Path:
            from assessor.report.blocks import default_pagesize
            from assessor.report.comparison_report import write_comparison_pdf

            write_comparison_pdf(comparison, target, default_pagesize())
            return target

        def saved(path: Path) -> None:
            self.status_message.emit(f"Saved the comparison to {path}")
            self.file_saved.emit("the comparison", path)

        def failed(error: Exception) -> None:
            dialogs.show_error(
                self,
                "The comparison PDF could not be made",
                f"{error}\n\nYour data is safe; nothing was written.",
            )

        self.operation = Operation(work, saved, failed, self)
        self.operation.finished.connect(self._idle)
        self.export_button.setEnabled(False)
        self.busy.setText("Preparing the PDF…")
        self.operation.start()

    def outcome_period(self) -> str:
        """The period Outcomes… opens on: the one chosen for the respondents, else the current
        quarter."""
        from ui.new_assessment import current_quarter

        if self.period_selector.count():
            return str(self.period_selector.currentData())
        return current_quarter()

    def edit_outcomes(self) -> None:
        """Outcomes…: enter the business outcomes of the chosen period, then show them."""
        if not self.organisation:
            return
        changed = outcomes_dialog.edit_outcomes(
            self, self.store, self.organisation, self.unit, self.outcome_period()
        )
        if changed is None:
            return
        self.status_message.emit(
            f"Saved {count(changed, 'business outcome')} of {self.organisation}"
            if changed
            else "No business outcome changed"
        )
        self.refresh()

    def organisation_report(self) -> None:
        """Organisation report… of the period chosen for the respondents (off the GUI thread)."""
        comparison = self.comparison
        if comparison is None or self.period_selector.count() == 0:
            return
        period = str(self.period_selector.currentData())
        self.pdf.export_organisation(self.store, comparison.organisation, comparison.unit, period)

    def _organisation_done(self, message: str) -> None:
        if message:
            self.status_message.emit(message)

    def _organisation_busy(self, busy: bool) -> None:
        self.organisation_button.setEnabled(not busy and self.comparison is not None)
        self.busy.setText("Preparing the PDF…" if busy else "")

    def _idle(self) -> None:
        self.export_button.setEnabled(self.comparison is not None)
        self.busy.setText("")
