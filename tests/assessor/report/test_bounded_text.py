"""Reports bounded by what they print (issue 23): huge notes, long names, long headings.

A note of 10,000 lines prints its first lines and "… (N more lines)", in a few small paragraphs,
so the report is no longer and no slower than one with a page-long note (reportlab re-wraps a
paragraph that runs over a page at every page: one huge paragraph cost time by the square of
its length). Names stored before the 200-character limit print shortened with "…", and a
heading is never split across pages (splitting one crashed reportlab's ``Paragraph.split``).
Timings are printed by ``tests/benchmarks/bench_hostile_inputs.py``, never asserted.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from assessor.report.blocks import (
    LINES_PER_PARAGRAPH,
    MAX_HEADING_CHARACTERS,
    MAX_PRINTED_LINES,
    Heading,
    excerpt,
    fit_text,
    long_text,
    paragraph,
)
from assessor.report.fonts import register_fonts
from assessor.report.render import pdf_bytes
from assessor.storage import Store
from tests.helpers.cli import run_cli
from tests.helpers.hostile import exchange_record, first_answer, write_json
from tests.helpers.reports import sample_report

TEN_THOUSAND_LINES = "x\n" * 10_000  # 20,000 characters, the longest note there may be


def _printed_lines(flowables: list[Paragraph]) -> int:
    return sum(flowable.text.count("<br/>") + 1 for flowable in flowables)


def test_a_note_of_10000_lines_prints_its_first_lines_and_a_count() -> None:
    lines, more = excerpt(TEN_THOUSAND_LINES)

    assert lines == ["x"] * MAX_PRINTED_LINES
    assert more == f"… ({10_000 - MAX_PRINTED_LINES:,} more lines)"


@pytest.mark.parametrize("count", [100, 10_000, 200_000])
def test_what_a_long_note_prints_does_not_grow_with_it(count: int) -> None:
    flowables = long_text("a line\n" * count, "note", "<i>Note:</i> ")

    assert _printed_lines(flowables) == MAX_PRINTED_LINES + 1  # the lines and "… (N more)"
    assert len(flowables) == -(-(MAX_PRINTED_LINES + 1) // LINES_PER_PARAGRAPH)
    assert flowables[0].text.startswith("<i>Note:</i> a line<br/>")
    assert flowables[-1].text.endswith(f"… ({count - MAX_PRINTED_LINES:,} more lines)")


def test_runs_of_empty_lines_fold_into_one_and_a_short_note_prints_whole() -> None:
    lines, more = excerpt("First.\n\n\n\n\nSecond.\r\n\n\nThird.\n\n")

    assert lines == ["First.", "", "Second.", "", "Third."]
    assert more == ""


def test_a_note_of_20000_characters_on_one_line_prints_whole() -> None:
    lines, more = excerpt("word " * 4_000)

    assert lines == [("word " * 4_000).rstrip()]
    assert more == ""


def test_a_longer_line_is_cut_and_says_how_much_is_left() -> None:
    lines, more = excerpt("y" * 25_000)

    assert len(lines) == 1 and lines[0].endswith("…")
    assert more == "… (5,000 more characters)"


def test_a_report_with_a_10000_line_note_is_as_long_as_one_with_a_page_long_note() -> None:
    page_long, _ = sample_report(note="x\n" * MAX_PRINTED_LINES)
    huge, _ = sample_report(note=TEN_THOUSAND_LINES)

    short_pages = len(PdfReader(io.BytesIO(pdf_bytes(page_long))).pages)
    reader = PdfReader(io.BytesIO(pdf_bytes(huge)))

    assert len(reader.pages) == short_pages
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"… ({10_000 - MAX_PRINTED_LINES:,} more lines)" in text


def test_a_long_heading_is_shortened_and_never_split() -> None:
    heading = Heading("O" * 500, "cover-org", 0)

    assert heading.outline_title == "O" * (MAX_HEADING_CHARACTERS - 1) + "…"
    assert heading.split(400, 10) == []


def test_a_heading_of_several_lines_at_the_foot_of_a_page_moves_to_the_next() -> None:
    register_fonts()
    document = SimpleDocTemplate(io.BytesIO(), pagesize=A4)
    filler = document.height - 60  # room for two lines of the heading, not four
    story = [Spacer(1, filler), Heading("A heading of many words " * 6, "h1", 0), paragraph("x")]

    document.build(story)  # reportlab's split of a Heading crashed here ("bulletText")

    assert document.page == 2


def test_fitting_a_100_kb_name_in_a_chart_label_measures_only_what_fits() -> None:
    regular, _ = register_fonts()

    label = fit_text("N" * 100_000, regular, 8, 120)

    assert label.endswith("…") and len(label) < 60


# --- Names stored before the 200-character limit still report --------------------------------


@pytest.fixture
def long_names(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A stored complete assessment whose organisation, unit and respondent names are 100 kB
    each (as an older Assessor let in); returns the organisation's name."""
    path = write_json(tmp_path / "one.json", exchange_record())
    assert run_cli(capsys, "import", str(path)).status == 0
    organisation = "Big " + "O" * 100_000
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE organisations SET name = ?", (organisation,))
        connection.execute(
            "UPDATE assessments SET respondent_name = ?, unit = ?", ("R" * 100_000, "U" * 100_000)
        )
    connection.close()
    return organisation


@pytest.fixture
def db_path(data_home: Path) -> Path:
    """The test's database file (ASSESSOR_DB points at it)."""
    return data_home / "assessor.db"


@pytest.mark.parametrize("kind", ["respondent", "organisation", "comparison"])
def test_names_of_100_kb_already_stored_still_report(
    kind: str, long_names: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / f"{kind}.pdf"
    where = ["--org", long_names, "--unit", "U" * 100_000]
    arguments = {
        "respondent": ["report", "1"],
        "organisation": ["report", *where, "--period", "2026-Q2"],
        "comparison": ["compare", *where],
    }[kind]

    result = run_cli(capsys, *arguments, "-o", str(output))

    assert result.status == 0, result.err
    reader = PdfReader(output)
    assert len(reader.pages) <= 20
    cover = " ".join(reader.pages[0].extract_text().split()).replace(" ", "")
    assert "BigOOOO" in cover and "O…" in cover
    assert reader.metadata is not None and len(reader.metadata.title) < 300


def test_a_10000_line_note_imported_and_reported_from_the_command_line(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = exchange_record()
    first_answer(record)[2]["note"] = TEN_THOUSAND_LINES
    path = write_json(tmp_path / "long-note.json", record)
    assert run_cli(capsys, "import", str(path)).status == 0
    with Store.open(db_path) as store:
        (summary,) = store.list_assessments()

    result = run_cli(capsys, "report", str(summary.id), "-o", str(tmp_path / "r.pdf"))

    assert result.status == 0, result.err
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    assert "… (9,940 more lines)" in text
