"""The wide CSV of business outcomes a CRM report export gives: a period per row, a metric per
column.

::

    period,lead-to-opportunity,win-rate,sales-cycle-days,first-response-hours
    2026-Q1,18.5,22,64,30
    2026-Q2,21,,58,12

The first row names the columns: ``period``, then one metric id per column (any order, any
subset of the metrics; ids are matched ignoring case). Each further row is one period
(``YYYY-Qn``) with a figure per metric; a blank cell is "not known" and stores nothing. The
file is UTF-8, with or without a byte order mark, separated by commas or semicolons (told by the
header row). A figure is a plain number with a decimal point (in a semicolon file a decimal
comma too), without thousands separators; a percentage may end in ``%``. Blank rows are passed
over.

Anything else is refused in **one line** naming the row and the column, and nothing of the file
is used: an unknown metric, a value out of the metric's range or not a number, a bad or repeated
period, a row of the wrong width.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from assessor.errors import AssessorError
from assessor.exchange.exchange_file import period_problem
from assessor.exchange.outcomes import OutcomeValue
from assessor.files.documents import DocumentFault, decode
from assessor.questionnaire.metrics import Metrics

PERIOD_COLUMN = "period"
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
#: How much of a cell a message quotes.
_QUOTED = 40


class OutcomesCsvError(AssessorError):
    """A CSV of outcomes that cannot be imported: one line naming the file, row and column."""


def _quoted(text: str) -> str:
    shown = text if len(text) <= _QUOTED else text[: _QUOTED - 1] + "…"
    return repr(shown)


def _delimiter(header: str, name: str) -> str:
    commas, semicolons = header.count(","), header.count(";")
    if commas and semicolons:
        raise OutcomesCsvError(
            f"{name}: row 1: the header mixes commas and semicolons; separate the columns with "
            "one of them"
        )
    if not commas and not semicolons:
        raise OutcomesCsvError(
            f"{name}: row 1: the header has one column; it needs {PERIOD_COLUMN!r}, then one "
            "column per metric id, separated by commas or semicolons"
        )
    return "," if commas else ";"


def _rows(text: str, delimiter: str, name: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as error:
        reason = str(error)
        if "unexpected end of data" in reason:
            reason = 'a quoted cell is never closed (a " is missing)'
        raise OutcomesCsvError(f"{name}: row {len(rows) + 1}: not valid CSV: {reason}") from None
    return rows


def _columns(header: Sequence[str], metrics: Metrics, name: str) -> list[str | None]:
    """The metric id of each column after ``period`` (None for an unnamed column at the end)."""
    cells = [cell.strip() for cell in header]
    if cells[0].casefold() != PERIOD_COLUMN:
        raise OutcomesCsvError(
            f"{name}: row 1, column 1: the first column must be {PERIOD_COLUMN!r}, not "
            f"{_quoted(cells[0])}"
        )
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    ids: list[str | None] = []
    first: dict[str, int] = {}
    for number, cell in enumerate(cells[1:], start=2):
        if not cell:
            raise OutcomesCsvError(
                f"{name}: row 1, column {number}: the column has no name; give a metric id "
                f"(known: {', '.join(metrics.ids)})"
            )
        metric_id = cell.casefold()
        if metric_id not in metrics:
            raise OutcomesCsvError(
                f"{name}: row 1, column {number} ({_quoted(cell)}): unknown metric "
                f"(known: {', '.join(metrics.ids)})"
            )
        if metric_id in first:
            raise OutcomesCsvError(
                f"{name}: row 1, column {number} ({metric_id}): the metric is given twice "
                f"(also column {first[metric_id]})"
            )
        first[metric_id] = number
        ids.append(metric_id)
    if not ids:
        raise OutcomesCsvError(
            f"{name}: row 1: no metric column after {PERIOD_COLUMN!r} (known: "
            f"{', '.join(metrics.ids)})"
        )
    ids += [None] * (len(header) - len(cells))
    return ids


def parse_number(cell: str, percent: bool, decimal_comma: bool) -> float | None:
    """The number in a cell (``12.5``, ``12,5`` with ``decimal_comma``, ``12.5%`` when
    ``percent``), or None when it is not one."""
    text = cell.strip()
    if percent and text.endswith("%"):
        text = text[:-1].rstrip()
    if decimal_comma and text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        return None
    return float(text)


def parse_outcomes_csv(
    content: bytes,
    name: str,
    metrics: Metrics,
    *,
    entered_by: str = "",
    entered_at: str = "",
    source: str = "",
) -> list[OutcomeValue]:
    """The outcome values of a wide CSV (see the module docstring), in file order.

    Every value gets ``entered_by``, ``entered_at`` and ``source``. Raises
    :class:`OutcomesCsvError` with one line naming the first fault's row and column.
    """
    try:
        text = decode(content)
    except DocumentFault as fault:
        raise OutcomesCsvError(f"{name}: {fault}") from None
    if "\x00" in text:
        raise OutcomesCsvError(f"{name}: the file holds a NUL character; it is not a CSV file")
    header_line = text.split("\n", 1)[0]
    if not text.strip():
        raise OutcomesCsvError(
            f"{name}: the file is empty; it needs a header row: {PERIOD_COLUMN}, then one "
            "column per metric id"
        )
    delimiter = _delimiter(header_line, name)
    rows = _rows(text, delimiter, name)
    columns = _columns(rows[0], metrics, name)
    width = len(rows[0])
    values: list[OutcomeValue] = []
    periods: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            raise OutcomesCsvError(
                f"{name}: row {number}: {len(row)} cells, but the header has {width} columns"
            )
        given = row[0].strip()
        if not given:
            raise OutcomesCsvError(
                f"{name}: row {number}, column {PERIOD_COLUMN}: the period is missing (give "
                "one like 2026-Q3)"
            )
        period = given.upper()
        if period_problem(period) is not None:
            raise OutcomesCsvError(
                f"{name}: row {number}, column {PERIOD_COLUMN}: {_quoted(given)} is not a "
                "period like 2026-Q3"
            )
        if period in periods:
            raise OutcomesCsvError(
                f"{name}: row {number}, column {PERIOD_COLUMN}: {period} is given twice (also "
                f"row {periods[period]})"
            )
        periods[period] = number
        for position, (cell, metric_id) in enumerate(zip(row[1:], columns, strict=True), 2):
            if not cell.strip():
                continue
            if metric_id is None:
                raise OutcomesCsvError(
                    f"{name}: row {number}, column {position}: a figure in a column with no "
                    "name; give the column a metric id"
                )
            metric = metrics.get(metric_id)
            assert metric is not None
            value = parse_number(cell, metric.unit == "%", delimiter == ";")
            if value is None:
                raise OutcomesCsvError(
                    f"{name}: row {number}, column {metric_id}: {_quoted(cell.strip())} is not "
                    "a number (leave the cell blank when the figure is not known)"
                )
            if (problem := metric.value_problem(value)) is not None:
                raise OutcomesCsvError(f"{name}: row {number}, column {metric_id}: {problem}")
            values.append(OutcomeValue(period, metric_id, value, entered_by, entered_at, source))
    if not periods:
        raise OutcomesCsvError(f"{name}: no row of figures below the header")
    return values
