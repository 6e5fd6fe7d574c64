"""The team's view of one period (issue 20): perception gaps on the items every role is asked,
disputed facts as counts, and confidential respondents pooled in groups of at least three."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

import pytest

from assessor.comparison.build import build_comparison
from assessor.comparison.disputes import disputed_facts
from assessor.comparison.followup import FollowUp
from assessor.comparison.pooling import MIN_GROUP, partition
from assessor.comparison.respondents import RespondentInput, compared_respondent
from assessor.exchange.exchange_file import Assessment, Respondent, Role
from assessor.questionnaire.model import Questionnaire
from assessor.report.comparison_report import who_said
from assessor.report.organisation import build_organisation_report
from tests.helpers.v3_fixture import FAVOURABLE, answers, pilot

#: Reach items asked of marketing only in the test questionnaire below.
MARKETING_ONLY = ("r-5", "r-6", "r-7")


def _with_marketing_only_items() -> Questionnaire:
    """The pilot with r-5, r-6 and r-7 asked of marketing alone (unshared)."""
    base = pilot()
    items = [
        item.model_copy(update={"ask": ["marketing"]}) if item.id in MARKETING_ONLY else item
        for item in base.items
    ]
    return base.model_copy(update={"items": items})


def _input(
    definition: Questionnaire,
    values: dict[str, Any],
    role: Role,
    name: str,
    *,
    confidential: bool = False,
    number: int = 0,
) -> RespondentInput:
    return RespondentInput(
        assessment=Assessment(
            uuid=str(uuid.uuid4()),
            organisation="Acme",
            respondent=Respondent(name, role),
            period="2026-Q3",
            status="complete",
            questionnaires={definition.id: definition.version},
            answers={definition.id: answers(values)["pilot-v3"]},
        ),
        definitions={definition.id: definition},
        assessment_id=number,
        confidential=confidential,
    )


def _team(confidential: bool = False) -> list[RespondentInput]:
    """Chief executive and sales answer everything favourably; marketing answers the shared
    items alike and its own three reach items as badly as it can."""
    definition = _with_marketing_only_items()
    shared = {k: v for k, v in FAVOURABLE.items() if k not in MARKETING_ONLY}
    marketing = {**shared, "r-5": 1, "r-6": 1, "r-7": 1}
    return [
        _input(definition, shared, "ceo", "Cleo", confidential=confidential, number=1),
        _input(definition, marketing, "marketing", "Mo", confidential=confidential, number=2),
        _input(definition, shared, "sales", "Sam", confidential=confidential, number=3),
    ]


def test_a_gap_made_only_by_unshared_items_is_not_a_perception_gap() -> None:
    (view,) = build_comparison(_team()).period_views
    key = ("pilot-v3", "reach")
    own = {r.role: r.dimensions[key] for r in view.respondents}
    # On every reach item each was asked, marketing's own score is far below the others'...
    assert own["ceo"] is not None and own["marketing"] is not None
    assert own["ceo"] - own["marketing"] >= 25
    # ...but on the items every role is asked they answer alike: no gap.
    reach = next(g for g in view.gaps if g.dimension_id == "reach")
    assert reach.gap == pytest.approx(0.0)
    assert not reach.flagged


def test_shared_scores_leave_out_the_items_not_asked_of_every_role() -> None:
    (marketing,) = [
        compared_respondent(s) for s in _team() if s.assessment.respondent.role == "marketing"
    ]
    assert marketing.shared[("pilot-v3", "reach")] == pytest.approx(100.0)
    assert marketing.view.dimensions[("pilot-v3", "reach")] < 75


def test_disputed_facts_are_counts_by_side_fewest_first() -> None:
    definition = pilot()
    values = {"ceo": 5, "marketing": 1, "sales": 2}
    team = [
        compared_respondent(_input(definition, {**FAVOURABLE, "r-1": value}, role, role))  # type: ignore[arg-type]
        for role, value in values.items()
    ]
    (dispute,) = disputed_facts(team)
    assert (dispute.item_id, dispute.respondents) == ("r-1", 3)
    assert dispute.counts == "1 of 3: agree; 2 of 3: disagree"
    assert dispute.weight == pytest.approx(1.0)  # scores 1.0 and 0.0, weight 1


def test_agreeing_on_one_side_is_no_dispute_and_dont_know_is_left_out() -> None:
    definition = pilot()
    team = [
        compared_respondent(_input(definition, {**FAVOURABLE, "r-1": 4}, "ceo", "a")),
        compared_respondent(_input(definition, {**FAVOURABLE, "r-1": 5}, "sales", "b")),
        compared_respondent(_input(definition, {**FAVOURABLE, "r-1": None}, "marketing", "c")),
    ]
    assert disputed_facts(team) == ()


@pytest.mark.parametrize(
    ("roles", "groups"),
    [
        (["ceo", "marketing", "sales"], [("all", [0, 1, 2])]),
        (["ceo", "sales"], []),
        (
            ["sales"] * MIN_GROUP + ["marketing"] * MIN_GROUP,
            [("marketing", [3, 4, 5]), ("sales", [0, 1, 2])],
        ),
        (["ceo"] * 3 + ["marketing", "sales", "sales"], [("ceo", [0, 1, 2]), ("leads", [3, 4, 5])]),
    ],
)
def test_confidential_groups_never_hold_fewer_than_three(
    roles: list[str], groups: list[tuple[str, list[int]]]
) -> None:
    found = partition(roles)
    assert [(key, members) for key, _, members in found] == groups
    assert all(len(members) >= MIN_GROUP for _, _, members in found)


def test_a_confidential_period_names_nobody_and_pools_its_respondents() -> None:
    (view,) = build_comparison(_team(confidential=True)).period_views
    assert view.confidential
    (group,) = view.respondents
    assert (group.name, group.count, group.assessment_id) == ("All respondents", 3, 0)
    assert view.gaps == ()  # one group only: nothing to compare
    report = build_organisation_report(_team(confidential=True), "2026-Q3")
    assert (
        report.confidential and report.team == "1 chief executive, 1 marketing lead, 1 sales lead"
    )
    seen = " ".join(f.seen_by + " " + f.flagged_answer for f in report.findings)
    for name in ("Cleo", "Mo", "Sam"):
        assert name not in seen
        assert name not in report.respondent


def test_the_organisation_score_says_on_how_many_respondents_it_rests() -> None:
    definition = pilot()
    thin = {"t-1": 3}  # team has too few answers for a score
    team = [
        _input(definition, FAVOURABLE, "ceo", "a"),
        _input(definition, FAVOURABLE, "marketing", "b"),
        _input(
            definition,
            {**{k: v for k, v in FAVOURABLE.items() if k.startswith("r-")}, **thin},
            "sales",
            "c",
        ),
    ]
    report = build_organisation_report(team, "2026-Q3")
    row = next(r for r in report.side_by_side if r.label == "Team")
    assert row.based_on == "2 of 3"
    reach = next(r for r in report.side_by_side if r.label == "Reach")
    assert reach.based_on == ""


def test_confidential_follow_up_is_counted_never_attributed() -> None:
    definition = pilot()
    low = {
        k: ("never" if isinstance(v, str) else 5 if k == "r-2" else 1)
        for k, v in FAVOURABLE.items()
    }
    low["r-4"] = "sales"
    earlier = []
    for i, role in enumerate(("ceo", "marketing", "sales")):
        source = _input(definition, low, role, role, number=i + 1)
        earlier.append(replace(source, assessment=replace(source.assessment, period="2026-Q2")))
    planned = compared_respondent(earlier[0]).diagnosis.actions
    assert planned
    later = []
    for i, role in enumerate(("ceo", "marketing", "sales")):
        source = _input(definition, low, role, f"Person {i}", confidential=True, number=10 + i)
        followup = FollowUp(
            10 + i,
            planned[0].text,
            "2026-Q2",
            "pilot-v3",
            planned[0].dimension_id,
            "done" if i else "not-started",
            "2026-07-01T00:00:00Z",
        )
        later.append(replace(source, followups=[followup]))
    (step,) = build_comparison([*earlier, *later]).steps
    row = next(r for r in step.followups if r.action_text == planned[0].text)
    assert all(a.respondent == "" and a.role == "" for a in row.answers)
    assert who_said(row.answers) == "1 not started, 2 done"
