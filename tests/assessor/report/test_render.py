"""The PDF report parsed back: content, page numbers, outline, metadata and hostile text."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from assessor.report.render import pdf_bytes, write_pdf
from tests.helpers.reports import sample_report


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page index) of every outline entry."""
    entries: list[tuple[int, str, int]] = []

    def walk(items: list[object], level: int) -> None:
        for entry in items:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                entries.append((level, str(entry.title), reader.get_destination_page_number(entry)))

    walk(reader.outline, 0)
    return entries


@pytest.fixture(scope="module")
def hamster_pdf() -> tuple[PdfReader, object]:
    report, _ = sample_report("hamster-wheel", history=["two-islands"])
    return PdfReader(io.BytesIO(pdf_bytes(report))), report


def test_content_is_in_the_text(hamster_pdf: tuple[PdfReader, object]) -> None:
    reader, report = hamster_pdf
    text = _squash(_text(reader))

    assert "Acme Industrial" in text
    assert "2026-Q3" in text
    assert "We counted 41 ad-hoc requests in October." in text
    fired = [finding.title for finding in report.findings]  # type: ignore[attr-defined]
    assert "Marketing runs as a sales-support desk." in " ".join(fired) or fired
    for title in fired:
        assert _squash(title) in text
    for questionnaire in report.questionnaires:  # type: ignore[attr-defined]
        for dimension in questionnaire.dimensions:
            score = dimension.result.score
            shown = "—" if score is None else f"{score:.0f}"
            assert re.search(rf"{re.escape(dimension.title)} {re.escape(shown)}\b", text), (
                dimension.title
            )


def test_hamster_wheel_report_names_its_patterns(hamster_pdf: tuple[PdfReader, object]) -> None:
    _, report = hamster_pdf
    ids = {finding.finding_id for finding in report.findings}  # type: ignore[attr-defined]

    assert {"sales-support-desk", "hamster-wheel"} <= ids
    assert "healthy-partnership" not in ids


def test_every_page_says_page_x_of_y(hamster_pdf: tuple[PdfReader, object]) -> None:
    reader, _ = hamster_pdf
    total = len(reader.pages)

    assert total >= 8
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in _squash(page.extract_text())


def test_outline_has_every_section_on_its_page(hamster_pdf: tuple[PdfReader, object]) -> None:
    reader, report = hamster_pdf
    outline = _outline(reader)
    top = [title for level, title, _ in outline if level == 0]

    # no section per questionnaire, and no "since last quarter" (the chart carries the changes)
    assert top == [
        "Acme Industrial",
        "The diagnosis in one page",
        "Dimensions at a glance",
        "Findings and what to do",
        "The 90-day plan",
        "Appendix: every answer",
        "Method and sources",
    ]
    nested = [title for level, title, _ in outline if level == 1]
    # each pattern is a heading of its own; watches, flags, fallbacks and next steps are rows
    # of one table
    patterns = [
        f.title
        for f in report.findings  # type: ignore[attr-defined]
        if f.positive or f.kind not in ("watch", "flag", "fallback", "next-step")
    ]
    assert patterns == nested[: len(patterns)]
    for _, title, page in outline:
        assert _squash(title)[:40] in _squash(reader.pages[page].extract_text()), title


def test_metadata_is_set(hamster_pdf: tuple[PdfReader, object]) -> None:
    reader, _ = hamster_pdf
    meta = reader.metadata

    assert meta is not None
    assert meta.title == "Marketing and sales diagnosis: Acme Industrial, 2026-Q3"
    assert meta.author == "Dana Whitfield"
    assert meta.subject == "Marketing and sales self-assessment"


def test_every_font_that_shows_text_is_embedded(hamster_pdf: tuple[PdfReader, object]) -> None:
    reader, _ = hamster_pdf
    for page in reader.pages:
        content = page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
        # reportlab emits empty text objects in its base font (page start, tables): no glyph.
        content = re.sub(r"BT /F[0-9]+ [0-9.]+ Tf [0-9.]+ TL ET", "", content)
        used = set(re.findall(r"(/F[0-9]+(?:\+[0-9]+)?) [0-9.]+ Tf", content))
        fonts = page["/Resources"]["/Font"]
        for name in used:
            font = fonts[name].get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, name
            assert "DejaVuSans" in str(font["/BaseFont"])


HOSTILE = [
    "<b>bold?</b>",
    "&amp;",
    '<img src="file:///etc/passwd"/>',
    "</para>",
    "Zoë Ångström Ελένη Жанна",
    "😀 مرحبا 你好",
    "nul\x00bell\x07escape\x1b",
]


def test_hostile_text_prints_literally() -> None:
    hostile = " ".join(HOSTILE)
    note = "A very long note. " * 1110 + "THE END."  # almost 20,000 characters, all printed
    report, _ = sample_report(organisation=hostile, respondent=hostile, unit=hostile, note=note)

    reader = PdfReader(io.BytesIO(pdf_bytes(report)))
    text = _squash(_text(reader))

    for literal in ("<b>bold?</b>", "&amp;", '<img src="file:///etc/passwd"/>', "</para>"):
        assert literal in text
    assert "Zoë Ångström Ελένη Жанна" in text
    assert "nulbellescape" in text
    assert "THE END." in text
    # Page breaks may split a sentence around the running header; none is lost.
    assert text.count("A very long note.") >= 1100


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(max_size=80), note=st.text(max_size=300))
def test_any_text_builds_a_readable_pdf(name: str, note: str) -> None:
    report, _ = sample_report(organisation=name or "x", respondent=name, note=note)

    reader = PdfReader(io.BytesIO(pdf_bytes(report)))

    assert len(reader.pages) >= 8


@given(text=st.text(alphabet="<>&;/\"'=abc ", min_size=1, max_size=40).filter(str.strip))
@settings(max_examples=12, deadline=None)
def test_markup_characters_come_out_literally(text: str) -> None:
    report, _ = sample_report(note=text)

    reader = PdfReader(io.BytesIO(pdf_bytes(report)))

    assert _squash(text) in _squash(_text(reader))


def test_write_pdf_is_atomic_and_leaves_nothing_on_failure(tmp_path: Path) -> None:
    report, _ = sample_report()
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.pdf"
    target.write_bytes(b"the previous report")

    broken = type(report)(**{**report.__dict__, "questionnaires": None})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        write_pdf(broken, target)

    assert target.read_bytes() == b"the previous report"
    assert sorted(p.name for p in folder.iterdir()) == ["report.pdf"]
    write_pdf(report, target)
    assert target.read_bytes().startswith(b"%PDF-")


def test_letter_and_a4_page_sizes() -> None:
    report, _ = sample_report()

    a4 = PdfReader(io.BytesIO(pdf_bytes(report, "a4"))).pages[0].mediabox
    letter = PdfReader(io.BytesIO(pdf_bytes(report, "letter"))).pages[0].mediabox

    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} must be installed in CI (see .ci/run)")
        pytest.skip(f"{name} is not installed")
    return path


def test_pdf_passes_qpdf_and_renders_without_warnings(tmp_path: Path) -> None:
    qpdf, pdftoppm = _tool("qpdf"), _tool("pdftoppm")
    report, _ = sample_report(history=["two-islands", "blame-game"])
    target = tmp_path / "report.pdf"
    write_pdf(report, target)

    check = subprocess.run([qpdf, "--check", str(target)], capture_output=True, text=True)
    render = subprocess.run(
        [pdftoppm, "-r", "20", "-png", str(target), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )

    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout
    assert render.returncode == 0
    assert render.stderr == ""
    assert len(list(tmp_path.glob("page-*.png"))) == len(PdfReader(target).pages)


def test_paper_size_comes_from_the_choice_or_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    from assessor.report.blocks import resolve_pagesize

    for variable in ("LC_PAPER", "LC_ALL", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert resolve_pagesize() == "letter"
    assert resolve_pagesize("A4") == "a4"
    monkeypatch.setenv("LC_PAPER", "de_DE.UTF-8")
    assert resolve_pagesize() == "a4"
    assert resolve_pagesize("Letter") == "letter"


def test_the_appendix_leaves_out_the_questions_of_other_roles(tmp_path: Path) -> None:
    """A sales respondent's appendix lists the sales questions only, and says how many others."""
    from assessor.diagnosis.findings import diagnose
    from assessor.exchange.exchange_file import Assessment, Respondent
    from assessor.report.builder import build_report
    from assessor.report.render import write_pdf
    from tests.helpers.questionnaires import v2_pair

    front, team = v2_pair()
    definitions = {"front": front, "team": team}
    assessment = Assessment(
        uuid="9b1d2c3e-0000-4000-8000-00000000aa01",
        organisation="Acme",
        respondent=Respondent("Sam", "sales"),
        period="2026-Q3",
        questionnaires={"front": 2, "team": 2},
    )
    report = build_report(assessment, definitions, diagnose(definitions, {}, "sales"), [])
    target = tmp_path / "sales.pdf"
    write_pdf(report, target)

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert "Only marketing can answer this." not in text
    assert "About the salespeople." in text
    assert "Put only to other roles, and not listed: 1 question of" in text
