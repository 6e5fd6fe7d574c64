"""``assessor outcomes import`` and ``show``: a CRM's wide CSV in, all or nothing, and back out."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.demo import DEMO_ORGANISATION
from assessor.exchange.outcomes_csv import parse_outcomes_csv
from assessor.questionnaire.metrics import bundled_metrics
from tests.helpers.cli import run_cli
from tests.helpers.storage import sha256_of

THREE_BY_FOUR = (
    "period,lead-to-opportunity,win-rate,sales-cycle-days,first-response-hours\n"
    "2026-Q1,18.5,22,64,30\n"
    "2026-Q2,21,,58,12\n"
    "2026-Q3,23.5,24,55,10\n"
)


def _rows(db: Path) -> list[tuple[str, str, str, float, str, str, str]]:
    """Every stored outcome, read with sqlite3 itself: organisation, unit, period, metric,
    value, entered_by, source."""
    connection = sqlite3.connect(db)
    try:
        return connection.execute(
            "SELECT o.name, v.unit, v.period, v.metric, v.value, v.entered_by, v.source "
            "FROM outcomes v JOIN organisations o ON o.id = v.organisation_id "
            "ORDER BY v.period, v.metric"
        ).fetchall()
    finally:
        connection.close()


def test_the_demo_has_outcomes_for_six_periods_and_at_least_four_metrics(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(capsys, "demo").status == 0

    result = run_cli(capsys, "outcomes", "show", "--org", DEMO_ORGANISATION, "--json")

    assert result.status == 0, result.err
    listing = json.loads(result.out)
    assert {"period", "metric", "value", "unit"} <= set(listing[0])
    periods = {entry["period"] for entry in listing}
    assert len(periods) == 6
    complete = [
        metric
        for metric in {entry["metric"] for entry in listing}
        if {e["period"] for e in listing if e["metric"] == metric} == periods
    ]
    assert len(complete) >= 4
    by_metric = {
        metric: [
            e["value"] for e in sorted(listing, key=lambda e: e["period"]) if e["metric"] == metric
        ]
        for metric in complete
    }
    # The story: conversion and response time improve once the hand-off is agreed; the win rate
    # lags, barely moving in the first four quarters.
    assert by_metric["lead-to-opportunity"][-1] > by_metric["lead-to-opportunity"][1] + 8
    assert by_metric["first-response-hours"][-1] < by_metric["first-response-hours"][1] / 3
    assert abs(by_metric["win-rate"][3] - by_metric["win-rate"][0]) < 1
    assert by_metric["win-rate"][-1] > by_metric["win-rate"][3]
    assert {e["unit"] for e in listing if e["metric"] == "win-rate"} == {"%"}


def test_three_periods_by_four_metrics_with_one_blank_import_as_eleven_values(
    tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "pipeline.csv"
    source.write_text(THREE_BY_FOUR, encoding="utf-8")

    result = run_cli(
        capsys, "outcomes", "import", str(source), "--org", "Acme", "--by", "Kim",
        "--source", "CRM report 'Pipeline by source'",
    )  # fmt: skip

    assert result.status == 0, result.err
    assert result.out.startswith("imported 11 outcome values for Acme (whole organisation)")
    rows = _rows(data_home / "assessor.db")
    assert len(rows) == 11
    assert ("Acme", "", "2026-Q2", "win-rate") not in {row[:4] for row in rows}
    assert ("Acme", "", "2026-Q1", "lead-to-opportunity", 18.5, "Kim",
            "CRM report 'Pipeline by source'") in rows  # fmt: skip
    shown = run_cli(capsys, "outcomes", "show", "--org", "acme", "--json")
    assert len(json.loads(shown.out)) == 11


def test_a_semicolon_file_with_a_bom_decimal_commas_and_percent_signs_imports(
    tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(
        "\ufeffPeriod;Win-Rate;qualified-leads\n2026-Q1;22,5 %;310\n\n2026-q2;23%;\n".encode()
    )

    result = run_cli(capsys, "outcomes", "import", str(source), "--org", "Acme", "--unit", "EMEA")

    assert result.status == 0, result.err
    assert [(r[1], r[2], r[3], r[4]) for r in _rows(data_home / "assessor.db")] == [
        ("EMEA", "2026-Q1", "qualified-leads", 310.0),
        ("EMEA", "2026-Q1", "win-rate", 22.5),
        ("EMEA", "2026-Q2", "win-rate", 23.0),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "period,win-rate\n2026-Q1,22\n2026-Q2,140\n",
            "row 3, column win-rate: 140 is outside Win rate's range (0–100%)",
        ),
        (
            "period,win-rate,win-rat\n2026-Q1,22,3\n",
            "row 1, column 3 ('win-rat'): unknown metric (known: lead-to-opportunity, ",
        ),
        (
            "period,win-rate\n2026-Q1,about 20\n",
            "row 2, column win-rate: 'about 20' is not a number",
        ),
        ("period,win-rate\n2026Q1,22\n", "row 2, column period: '2026Q1' is not a period"),
        (
            "period,win-rate\n2026-Q1,22\n2026-Q2,23\n2026-Q1,24\n",
            "row 4, column period: 2026-Q1 is given twice (also row 2)",
        ),
        ("period,win-rate\n2026-Q1,22,5\n", "row 2: 3 cells, but the header has 2 columns"),
        ("quarter,win-rate\n2026-Q1,22\n", "row 1, column 1: the first column must be 'period'"),
        (
            "period,qualified-leads\n2026-Q1,12.5\n",
            "row 2, column qualified-leads: 12.5 is not a whole",
        ),
        ("period,win-rate\n,22\n", "row 2, column period: the period is missing"),
        ("", "the file is empty"),
        ("period,win-rate\n", "no row of figures below the header"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_stores_nothing(
    tmp_path: Path,
    data_home: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    expected: str,
) -> None:
    db = data_home / "assessor.db"
    good = tmp_path / "good.csv"
    good.write_text("period,sales-cycle-days\n2025-Q4,70\n", encoding="utf-8")
    assert run_cli(capsys, "outcomes", "import", str(good), "--org", "Acme").status == 0
    before = sha256_of(db)
    source = tmp_path / "bad.csv"
    source.write_text(content, encoding="utf-8")

    result = run_cli(capsys, "outcomes", "import", str(source), "--org", "Acme")

    assert result.status == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {source}: ")
    assert expected in lines[0]
    assert lines[0].endswith("nothing was imported")
    assert sha256_of(db) == before
    assert [row[3] for row in _rows(db)] == ["sales-cycle-days"]


def test_a_file_that_is_not_utf8_is_refused_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "latin1.csv"
    source.write_bytes("period,win-rate\n2026-Q1,22\n# Müller\n".encode("latin-1"))

    result = run_cli(capsys, "outcomes", "import", str(source), "--org", "Acme")

    assert result.status == 1
    assert "line 3" in result.err and "not UTF-8" in result.err


def test_show_an_unknown_organisation_says_which_are_known(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "a.csv"
    source.write_text("period,win-rate\n2026-Q1,22\n", encoding="utf-8")
    run_cli(capsys, "outcomes", "import", str(source), "--org", "Only Outcomes Ltd")

    result = run_cli(capsys, "outcomes", "show", "--org", "Nobody")
    text = run_cli(capsys, "outcomes", "show", "--org", "only outcomes ltd")

    assert result.status == 1
    assert result.err.strip() == (
        "error: no organisation named 'Nobody' (known: Only Outcomes Ltd)"
    )
    assert text.status == 0
    assert "Win rate ↑" in text.out and "22.0%" in text.out and "2026-Q1" in text.out


_METRICS = bundled_metrics()
_PERIODS = [f"{year}-Q{quarter}" for year in range(2020, 2027) for quarter in range(1, 5)]


@st.composite
def _grids(draw: st.DrawFn) -> tuple[list[str], list[str], dict[tuple[str, str], float]]:
    metric_ids = draw(st.lists(st.sampled_from(_METRICS.ids), min_size=1, max_size=6, unique=True))
    periods = draw(st.lists(st.sampled_from(_PERIODS), min_size=1, max_size=6, unique=True))
    cells: dict[tuple[str, str], float] = {}
    for period in periods:
        for metric_id in metric_ids:
            metric = _METRICS.get(metric_id)
            assert metric is not None
            known = draw(st.booleans())
            if not known:
                continue
            if metric.whole:
                cells[(period, metric_id)] = float(draw(st.integers(0, 5000)))
            else:
                cents = draw(st.integers(int(metric.min * 10), int(min(metric.max, 5000) * 10)))
                cells[(period, metric_id)] = cents / 10
    return metric_ids, periods, cells


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(grid=_grids(), semicolon=st.booleans(), bom=st.booleans())
def test_any_valid_grid_reads_back_exactly(
    grid: tuple[list[str], list[str], dict[tuple[str, str], float]],
    semicolon: bool,
    bom: bool,
) -> None:
    metric_ids, periods, cells = grid
    separator = ";" if semicolon else ","
    lines = [separator.join(["period", *metric_ids])]
    for period in periods:
        row = [period]
        for metric_id in metric_ids:
            value = cells.get((period, metric_id))
            text = "" if value is None else f"{value:g}"
            row.append(text.replace(".", ",") if semicolon else text)
        lines.append(separator.join(row))
    content = ("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n"

    values = parse_outcomes_csv(content.encode(), "grid.csv", _METRICS)

    assert {(v.period, v.metric): v.value for v in values} == cells


def test_demo_replace_recreates_the_outcomes_without_keeping_strays(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run_cli(capsys, "demo").status == 0
    stray = tmp_path / "stray.csv"
    stray.write_text("period,win-rate\n2024-Q4,10\n", encoding="utf-8")
    assert (
        run_cli(
            capsys,
            "outcomes",
            "import",
            str(stray),
            "--org",
            DEMO_ORGANISATION,
            "--unit",
            "Nordics",
        ).status
        == 0
    )

    assert run_cli(capsys, "demo", "--replace").status == 0

    whole = json.loads(
        run_cli(capsys, "outcomes", "show", "--org", DEMO_ORGANISATION, "--json").out
    )
    nordics = run_cli(
        capsys, "outcomes", "show", "--org", DEMO_ORGANISATION, "--unit", "Nordics", "--json"
    )
    assert len(whole) == 35
    assert json.loads(nordics.out) == []


def test_show_names_the_units_that_have_outcomes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "a.csv"
    source.write_text("period,win-rate\n2026-Q1,22\n", encoding="utf-8")
    run_cli(capsys, "outcomes", "import", str(source), "--org", "Acme", "--unit", "EMEA")

    result = run_cli(capsys, "outcomes", "show", "--org", "Acme")

    assert result.out.strip() == (
        "no outcomes for Acme (whole organisation) yet; there are some for: EMEA"
    )
