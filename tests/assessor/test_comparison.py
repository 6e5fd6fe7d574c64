"""The comparison: series and trends, version changes, respondents and gaps, follow-up, JSON."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence

import pytest

from assessor.comparison.build import build_comparison
from assessor.comparison.followup import FollowUp
from assessor.comparison.json_form import comparison_to_json
from assessor.comparison.model import GAP_THRESHOLD
from assessor.comparison.respondents import RespondentInput
from assessor.comparison.shared_items import shared_scores
from assessor.comparison.trends import quarter_index, trend_label
from assessor.diagnosis.answers import Answer
from assessor.diagnosis.findings import diagnose
from assessor.exchange.exchange_file import Assessment, Respondent, Role
from assessor.questionnaire.model import Questionnaire
from tests.helpers.answer_sets import (
    bundled_definitions,
    favourable,
    override,
    pattern_organisation,
    steady,
    unfavourable,
)

AnswerSet = dict[str, dict[str, Answer]]


def respondent(
    answers: AnswerSet,
    definitions: Mapping[str, Questionnaire],
    period: str,
    role: Role = "ceo",
    *,
    name: str = "",
    assessment_id: int = 0,
    followups: Sequence[FollowUp] = (),
) -> RespondentInput:
    """A complete assessment of Acme as an input to the comparison."""
    return RespondentInput(
        assessment=Assessment(
            uuid=str(uuid.uuid4()),
            organisation="Acme",
            respondent=Respondent(name=name or role.capitalize(), role=role),
            period=period,
            status="complete",
            questionnaires={qid: q.version for qid, q in definitions.items()},
            answers=answers,
        ),
        definitions=definitions,
        assessment_id=assessment_id,
        followups=followups,
    )


def collaboration_next(current: Questionnaire) -> Questionnaire:
    """The next version of collaboration: "whole company" dropped, item meeting-frequency
    renamed meeting-frequency-b."""
    dropped, renamed = "whole-company", "meeting-frequency"
    items = [
        item.model_copy(update={"id": f"{renamed}-b"}) if item.id == renamed else item
        for item in current.items
        if item.dimension != dropped
    ]
    findings = [
        finding
        for finding in current.findings
        if dropped not in finding.model_dump_json() and renamed not in finding.model_dump_json()
    ]
    return current.model_copy(
        update={
            "version": current.version + 1,
            "dimensions": [d for d in current.dimensions if d.id != dropped],
            "items": items,
            "findings": findings,
        }
    )


def test_series_changes_and_trend_arithmetic() -> None:
    definitions = bundled_definitions()
    inputs = [
        respondent(unfavourable(definitions), definitions, "2025-Q1"),
        respondent(steady(definitions), definitions, "2025-Q2"),
        respondent(favourable(definitions), definitions, "2025-Q3"),
    ]
    comparison = build_comparison(inputs)
    assert comparison.periods == ("2025-Q1", "2025-Q2", "2025-Q3")
    overall = comparison.indices[0]
    assert overall.key == "overall"
    scores = [p.score for p in overall.points]
    assert scores[0] == pytest.approx(0.0)
    assert scores[2] == pytest.approx(100.0)
    assert overall.points[0].change is None
    assert overall.points[1].change == pytest.approx(scores[1] - scores[0])
    assert overall.points[2].change == pytest.approx(100.0 - scores[1])
    assert overall.slope == pytest.approx(50.0)  # least squares over 0, x, 100 at quarters 0–2
    assert overall.trend == "rising"
    for series in comparison.dimensions:
        assert [p.period for p in series.points] == list(comparison.periods)
        assert series.trend == "rising"
    assert len(comparison.dimensions) == sum(len(q.dimensions) for q in definitions.values())


def test_a_skipped_quarter_counts_in_the_slope() -> None:
    definitions = bundled_definitions()
    comparison = build_comparison(
        [
            respondent(unfavourable(definitions), definitions, "2025-Q1"),
            respondent(favourable(definitions), definitions, "2025-Q3"),
        ]
    )
    assert quarter_index("2025-Q3") - quarter_index("2025-Q1") == 2
    assert comparison.indices[0].slope == pytest.approx(50.0)
    assert trend_label(0.5) == "steady"
    assert trend_label(-1.0) == "falling"
    assert trend_label(None) == ""


def test_a_questionnaire_version_change_compares_what_both_have() -> None:
    v1 = bundled_definitions()
    v2 = {**v1, "collaboration": collaboration_next(v1["collaboration"])}
    old, new = v1["collaboration"].version, v2["collaboration"].version
    before = override(v1, steady(v1), {"collaboration": {"meeting-frequency": "rarely-never"}})
    after_values = favourable(v2)
    comparison = build_comparison(
        [respondent(before, v1, "2026-Q1"), respondent(after_values, v2, "2026-Q2")]
    )
    (note,) = comparison.version_notes
    assert f"changed from v{old} to v{new} between 2026-Q1 and 2026-Q2" in note
    assert "compared on the 4 dimensions present in both" in note
    assert "Whole company" in note
    whole = next(s for s in comparison.dimensions if s.dimension_id == "whole-company")
    assert whole.points[0].score is not None
    assert whole.points[1].score is None
    assert whole.points[1].change is None
    cadence = next(s for s in comparison.dimensions if s.dimension_id == "cadence")
    assert cadence.points[1].change is not None and cadence.points[1].change > 0
    (step,) = comparison.steps
    assert step.moved_items, "items with matching ids moved"
    moved = {m.item_id for m in step.moved_items}
    assert "meeting-frequency" not in moved and "meeting-frequency-b" not in moved
    assert all(m.before < m.after for m in step.moved_items)
    # A finding that the new version no longer defines is neither resolved nor appeared.
    v2_findings = {f.id for f in v2["collaboration"].findings}
    for change in (*step.resolved, *step.appeared):
        if change.questionnaire_id == "collaboration":
            assert change.finding_id in v2_findings


def test_items_moved_most_only_where_ids_and_answers_match() -> None:
    definitions = bundled_definitions()
    low = override(
        definitions, favourable(definitions), {"four-freedoms": {"request-route": "no-route"}}
    )
    comparison = build_comparison(
        [
            respondent(low, definitions, "2025-Q1"),
            respondent(favourable(definitions), definitions, "2025-Q2"),
        ]
    )
    (step,) = comparison.steps
    (move,) = step.moved_items
    assert (move.questionnaire_id, move.item_id) == ("four-freedoms", "request-route")
    assert (move.before, move.after, move.change) == (0.0, 100.0, 100.0)


def test_three_respondents_show_a_flagged_perception_gap() -> None:
    definitions = bundled_definitions()
    ceo = steady(definitions)
    marketing = pattern_organisation(definitions, "two-islands")
    sales = favourable(definitions)
    comparison = build_comparison(
        [
            respondent(sales, definitions, "2026-Q1", "sales", name="Sam", assessment_id=3),
            respondent(ceo, definitions, "2026-Q1", "ceo", name="Cleo", assessment_id=1),
            respondent(marketing, definitions, "2026-Q1", "marketing", name="Mo", assessment_id=2),
        ]
    )
    (view,) = comparison.period_views
    assert [(r.role, r.name) for r in view.respondents] == [
        ("ceo", "Cleo"),
        ("marketing", "Mo"),
        ("sales", "Sam"),
    ]
    key = ("collaboration", "cadence")
    each = [r.dimensions[key] for r in view.respondents]
    assert all(score is not None for score in each)
    assert view.dimensions[key] == pytest.approx(sum(s for s in each if s is not None) / 3)
    gap = next(g for g in view.gaps if g.dimension_id == "cadence")
    assert gap.gap >= GAP_THRESHOLD
    assert gap.flagged
    assert (gap.high_role, gap.low_role) == ("sales", "marketing")
    assert gap.finding_title == "Marketing and sales see meeting cadence differently"
    assert "Marketing lead" in gap.detail and "Sales lead" in gap.detail
    assert gap in view.flagged_gaps
    # Gaps compare roles on the items every role is asked (issue 20): each role's score in a
    # gap is that respondent's score over the shared items, not their own dimension score.
    chaos = next(g for g in view.gaps if g.dimension_id == "chaos")
    shared = {
        role: shared_scores(definitions, answers, role)[("four-freedoms", "chaos")]
        for role, answers in (("ceo", ceo), ("marketing", marketing), ("sales", sales))
    }
    assert dict(chaos.scores) == pytest.approx(shared)


def test_a_finding_counts_when_it_fired_for_at_least_half() -> None:
    definitions = bundled_definitions()
    islands = pattern_organisation(definitions, "two-islands")
    good = favourable(definitions)
    one_of_three = build_comparison(
        [
            respondent(islands, definitions, "2026-Q1", "ceo"),
            respondent(good, definitions, "2026-Q1", "marketing"),
            respondent(good, definitions, "2026-Q1", "sales"),
        ]
    )
    ids = {f.finding_id for f in one_of_three.period_views[0].findings}
    assert "two-islands" not in ids
    assert "healthy-partnership" in ids
    series = build_comparison(
        [
            respondent(islands, definitions, "2026-Q1", "ceo"),
            respondent(islands, definitions, "2026-Q1", "sales"),
            respondent(good, definitions, "2026-Q2", "ceo"),
        ]
    )
    (step,) = series.steps
    assert "two-islands" in {c.finding_id for c in step.resolved}
    assert "healthy-partnership" in {c.finding_id for c in step.appeared}


def test_action_follow_up_sits_beside_the_dimension_it_aimed_at() -> None:
    definitions = bundled_definitions()
    before_answers = pattern_organisation(definitions, "hamster-wheel")
    plan = diagnose(definitions, before_answers).actions
    first, second = plan[0], plan[1]
    followups = [
        FollowUp(2, first.text, "2025-Q1", first.questionnaire_id, first.dimension_id, "done", ""),
        FollowUp(
            2,
            second.text.upper(),
            "2025-Q1",
            second.questionnaire_id,
            second.dimension_id,
            "not-started",
            "",
        ),
    ]
    comparison = build_comparison(
        [
            respondent(before_answers, definitions, "2025-Q1", assessment_id=1),
            respondent(
                favourable(definitions),
                definitions,
                "2025-Q2",
                assessment_id=2,
                followups=followups,
            ),
        ]
    )
    (step,) = comparison.steps
    rows = {row.action_text: row for row in step.followups}
    assert len(rows) == 5  # the previous report's top five actions
    assert rows[first.text].status == "done"
    assert rows[second.text].status == "not-started"
    assert {row.status for row in step.followups} == {"done", "not-started", "unanswered"}
    row = rows[first.text]
    before_view, after_view = comparison.period_views
    assert first.dimension_id is not None
    key = (first.questionnaire_id, first.dimension_id)
    assert row.before == before_view.dimensions[key]
    assert row.after == after_view.dimensions[key]
    assert row.change == pytest.approx(after_view.dimensions[key] - before_view.dimensions[key])
    assert row.source_period == "2025-Q1"
    assert ":" in row.aims_at


def test_follow_up_answers_of_several_respondents_merge() -> None:
    definitions = bundled_definitions()
    before_answers = pattern_organisation(definitions, "hamster-wheel")
    text = diagnose(definitions, before_answers).actions[0].text
    comparison = build_comparison(
        [
            respondent(before_answers, definitions, "2025-Q1", "ceo", assessment_id=1),
            respondent(before_answers, definitions, "2025-Q1", "sales", assessment_id=2),
            respondent(
                favourable(definitions),
                definitions,
                "2025-Q2",
                "ceo",
                assessment_id=3,
                followups=[FollowUp(3, text, "2025-Q1", "", None, "done", "")],
            ),
            respondent(
                favourable(definitions),
                definitions,
                "2025-Q2",
                "sales",
                assessment_id=4,
                followups=[FollowUp(4, text, "2025-Q1", "", None, "in-progress", "")],
            ),
        ]
    )
    row = next(r for r in comparison.steps[0].followups if r.action_text == text)
    assert row.status == "mixed"
    assert sorted(a.status for a in row.answers) == ["done", "in-progress"]


def test_json_shape() -> None:
    definitions = bundled_definitions()
    comparison = build_comparison(
        [
            respondent(steady(definitions), definitions, "2025-Q1", "ceo"),
            respondent(favourable(definitions), definitions, "2025-Q1", "sales"),
            respondent(favourable(definitions), definitions, "2025-Q2", "ceo"),
        ]
    )
    data = json.loads(json.dumps(comparison_to_json(comparison)))
    assert data["format"] == "assessor.comparison"
    assert data["periods"] == ["2025-Q1", "2025-Q2"]
    assert {"key", "title", "scores", "changes", "slope", "trend"} <= set(data["indices"][0])
    assert data["dimensions"][0]["questionnaire"] == "four-freedoms"
    period = data["by_period"][0]
    assert [r["role"] for r in period["respondents"]] == ["ceo", "sales"]
    assert {"questionnaire", "dimension", "scores", "gap", "flagged", "finding"} <= set(
        period["gaps"][0]
    )
    step = data["steps"][0]
    assert {"from", "to", "appeared", "resolved", "moved_items", "version_notes", "followups"} == (
        set(step)
    )


def test_no_input_gives_an_empty_comparison() -> None:
    comparison = build_comparison([], "Nobody")
    assert comparison.periods == ()
    assert comparison.steps == ()
    assert comparison.indices[0].slope is None


def test_a_printed_gap_is_the_difference_of_the_printed_scores() -> None:
    """52.4 and 64.5 print as 52 and 65 (halves up): the gap printed beside them is 13, not 12."""
    from assessor.comparison.model import PerceptionGap

    gap = PerceptionGap(
        "q",
        "d",
        "Freedom to stand out",
        (("marketing", 52.4), ("sales", 64.5)),
        12.1,
        "sales",
        "marketing",
    )

    assert gap.printed_gap == 13
    assert gap.detail == "Marketing lead 52 · Sales lead 65: a gap of 13 points"
