"""The outcome metrics: defined as data beside the questionnaires, checked like them."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from assessor.errors import QuestionnaireError
from assessor.exchange.schema import METRICS_SCHEMA_FILE, metrics_schema_text
from assessor.questionnaire.catalogue import bundled_dir, bundled_files, load_catalogue
from assessor.questionnaire.metrics import (
    bundled_metrics,
    bundled_metrics_path,
    load_metrics,
    metric_cross_references,
    parse_metrics,
)
from tests.helpers.cli import run_cli

REQUIRED = (
    "lead-to-opportunity",
    "win-rate",
    "sales-cycle-days",
    "first-response-hours",
    "marketing-sourced-pipeline",
    "qualified-leads",
)


def test_the_bundled_file_defines_the_six_metrics_with_every_field() -> None:
    metrics = bundled_metrics()

    assert set(REQUIRED) <= set(metrics.ids)
    for metric in metrics:
        assert metric.title and metric.unit and metric.definition
        assert metric.min < metric.max
        assert metric.better in ("higher", "lower")
        assert metric.dimensions, metric.id
        # One sentence: a finance person reads a definition, not an essay.
        assert metric.definition.count(". ") == 0 and metric.definition.endswith("."), metric.id
    assert metrics.get("win-rate") is not None and metrics.get("win-rate").unit == "%"  # type: ignore[union-attr]
    assert [m.better for m in metrics if m.id in ("sales-cycle-days", "first-response-hours")] == [
        "lower",
        "lower",
    ]


def test_every_related_dimension_exists_in_the_bundled_questionnaires() -> None:
    catalogue = load_catalogue()
    dimensions = {q.id: [d.id for d in q.dimensions] for q in catalogue}

    assert metric_cross_references(load_metrics(bundled_metrics_path()), dimensions) == []


def test_the_catalogue_does_not_take_the_metrics_file_for_a_questionnaire() -> None:
    assert bundled_metrics_path() not in bundled_files()
    assert load_catalogue().problems == []


def _broken(old: str, new: str) -> bytes:
    text = bundled_metrics_path().read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'id = "win-rate"',
            'id = "lead-to-opportunity"',
            'metrics[1] (id "lead-to-opportunity").id: duplicate metric id',
        ),
        ("max = 100\n", "max = 0\n", 'metrics[0] (id "lead-to-opportunity").max: must be more'),
        ('better = "higher"', 'better = "up"', 'metrics[0] (id "lead-to-opportunity").better'),
        ('unit = "%"', 'unit = "%"\ncolour = "red"', ".colour: is not a known field here"),
        (
            '"role-clarity/handoff",',
            '"role-clarity handoff",',
            'metrics[0] (id "lead-to-opportunity").dimensions[0]',
        ),
        ("version = 1", 'version = "1"', "version: must be a whole number"),
        ("[[metrics]]", "[[metrics]", "line "),
    ],
)
def test_a_broken_metrics_file_is_refused_with_its_place(old: str, new: str, expected: str) -> None:
    with pytest.raises(QuestionnaireError) as caught:
        parse_metrics(_broken(old, new), "outcomes.toml")

    assert any(line.startswith("outcomes.toml: ") for line in caught.value.lines)
    assert any(expected in line for line in caught.value.lines), caught.value.lines


def test_validate_checks_a_metrics_file_and_its_dimension_references(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "outcomes.toml"
    good.write_bytes(bundled_metrics_path().read_bytes())
    renamed = tmp_path / "my-metrics.toml"
    renamed.write_bytes(_broken('"collaboration/cadence",', '"collaboration/cadense",'))

    ok = run_cli(capsys, "validate", str(good))
    bad = run_cli(capsys, "validate", str(renamed))

    assert ok.status == 0 and "ok (outcome metrics v1, 6 metrics)" in ok.out
    assert bad.status == 1
    lines = bad.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {renamed}: metrics[0].dimensions[2]: ")
    assert "has no dimension 'cadense'" in lines[0]


def test_values_are_checked_and_printed_by_each_metrics_own_rules() -> None:
    metrics = bundled_metrics()
    win_rate, cycle, leads = (
        metrics.get(i) for i in ("win-rate", "sales-cycle-days", "qualified-leads")
    )
    assert win_rate is not None and cycle is not None and leads is not None

    assert win_rate.value_problem(140) == "140 is outside Win rate's range (0–100%)"
    assert win_rate.value_problem(99.5) is None
    assert leads.value_problem(12.5) is not None and "whole number" in str(
        leads.value_problem(12.5)
    )
    assert win_rate.format(23.456) == "23.5%" and cycle.format(41) == "41 days"
    assert leads.format(1240) == "1,240 leads" and win_rate.format(None) == "—"
    assert cycle.is_better(60, 50) is True and cycle.is_better(50, 60) is False
    assert win_rate.is_better(20, 22) is True and win_rate.is_better(20, 20.01) is None
    assert cycle.format_change(-5) == "−5 days" and win_rate.format_change(2.44) == "+2.4%"


def test_the_committed_metrics_schema_matches_the_model() -> None:
    committed = (bundled_dir() / METRICS_SCHEMA_FILE).read_text(encoding="utf-8")

    assert committed == metrics_schema_text(), "run `make schema` and commit questionnaires/"
    schema = json.loads(committed)
    data = tomllib.loads(bundled_metrics_path().read_text(encoding="utf-8"))
    assert set(data) <= set(schema["properties"])
