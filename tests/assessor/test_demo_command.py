"""``assessor demo``: the demo organisation's story, refusal without --replace, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor.comparison_store import comparison_for
from assessor.demo import DEMO_ORGANISATION, DEMO_PERIODS
from assessor.storage.store import Store
from tests.helpers.cli import run_cli


def test_demo_tells_its_story(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "demo")
    assert result.status == 0, result.err
    assert "18 complete assessments" in result.out
    with Store.open(data_home / "assessor.db") as store:
        summaries = store.list_assessments(organisation=DEMO_ORGANISATION)
        assert len(summaries) == 18
        assert {s.status for s in summaries} == {"complete"}
        assert {s.role for s in summaries} == {"ceo", "marketing", "sales"}
        followed_up = {s.period for s in summaries if store.followups(s.id)}
        assert followed_up == set(DEMO_PERIODS[1:])
        notes = [
            answer.note
            for s in summaries
            for by_item in store.get_assessment(s.id).assessment.answers.values()
            for answer in by_item.values()
            if answer.note
        ]
        assert len(notes) >= 5
        comparison = comparison_for(store, DEMO_ORGANISATION)
    assert comparison.periods == DEMO_PERIODS
    first, last = comparison.period_views[0], comparison.period_views[-1]
    ids = {f.finding_id for f in first.findings}
    assert {"sales-support-desk", "hamster-wheel", "two-islands"} <= ids
    assert not {"sales-support-desk", "hamster-wheel", "two-islands"} & {
        f.finding_id for f in last.findings
    }
    cadence = next(s for s in comparison.dimensions if s.dimension_id == "cadence")
    chaos = next(s for s in comparison.dimensions if s.dimension_id == "chaos")
    assert cadence.trend == chaos.trend == "rising"
    gap = next(g for g in first.flagged_gaps if g.dimension_id == "cadence")
    assert (gap.high_role, gap.low_role) == ("sales", "marketing")
    assert not [g for g in last.gaps if g.questionnaire_id == "collaboration" and g.flagged]
    assert comparison.indices[0].trend == "rising"


def test_demo_refuses_twice_unless_replaced(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "demo").status == 0
    again = run_cli(capsys, "demo")
    assert again.status == 1
    (line,) = again.err.strip().splitlines()
    assert line.startswith("error: ") and "--replace" in line
    assert run_cli(capsys, "demo", "--replace").status == 0


def test_demo_is_deterministic(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    outputs = []
    for name in ("one.db", "two.db"):
        db = str(tmp_path / name)
        assert run_cli(capsys, "demo", "--db", db).status == 0
        result = run_cli(capsys, "compare", "--db", db, "--org", DEMO_ORGANISATION, "--json")
        data = json.loads(result.out)
        for period in data["by_period"]:
            for respondent in period["respondents"]:
                respondent.pop("id")
        outputs.append(data)
    assert outputs[0] == outputs[1]
