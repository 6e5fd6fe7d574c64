"""The diagnosis on one page, and the 90-day plan: pure functions over the report model's views.

Shared by the respondent's report (:mod:`assessor.report.builder`) and the organisation report
(:mod:`assessor.report.organisation`). The rules:

- **Where you stand**: the overall index, its band as a stage of four, and the change since the
  previous period in the rounded points printed beside it.
- **What is wrong**: the three most pressing negative findings: those seen by most respondents
  first (organisation report), then the most severe, then the one whose best action ranks
  highest in the plan; when fewer fire, the weakest dimensions below Strong that no listed
  finding covers fill in, so the page never reads as if nothing were wrong while a dimension
  is below Strong.
- **Why it matters**: each problem's consequence (the finding's, else its dimension's, else this
  module's text for its questionnaire), identical texts merged.
- **What to do first**: for each problem in turn, the highest-ranked action that answers it (a
  finding's action, or the suggested action of a dimension); the next actions of the plan fill
  any place left. So action 1 answers problem 1 where it can.
- **Strengths**: the two strongest scored dimensions, then any healthy pattern that fired.
- **Suggested actions**: a dimension below Strong that no action aims at gets the report's own
  action (owner: the leadership team), weakest first, while the plan holds fewer than three
  actions, or, for a dimension in the lower half of its bands, while the plan proper has room;
  it is ranked like any other action (priority = 100 − score).
- **The plan**: the first :data:`PLAN_SIZE` actions by priority, grouped by horizon (this month,
  this quarter, within six months, then unscheduled v1 actions); the rest are listed as later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assessor.diagnosis.figures import points_text
from assessor.diagnosis.findings import SEVERITY_ORDER
from assessor.report.model import (
    HORIZON_LABELS,
    ActionView,
    ConsequenceView,
    DimensionView,
    FindingView,
    PlanGroup,
    PlanView,
    ProblemView,
    QuestionnaireView,
    StandView,
    StrengthView,
    SummaryView,
)

#: How many problems, first actions and strengths the summary page shows.
WRONG_COUNT = 3
FIRST_COUNT = 3
STRENGTH_COUNT = 2
#: How many actions the plan proper holds; the rest are listed as "later".
PLAN_SIZE = 10
UNSCHEDULED = "Unscheduled (the questionnaire gives no date)"

#: What a weak questionnaire costs the business, in our words, when neither the finding nor its
#: dimension says (the articles' consequences: slow, costly sales, lost trust, wasted marketing).
QUESTIONNAIRE_CONSEQUENCES: dict[str, str] = {
    "four-freedoms": (
        "A marketing team that lives on errands has no time to think, so it copies rivals and "
        "the company goes unnoticed: the marketing budget is spent without winning attention."
    ),
    "role-clarity": (
        "When marketing is judged on closed deals or made to sell, the work that creates "
        "opportunities is cut first and buyers meet pushy messages: fewer leads, less trust."
    ),
    "collaboration": (
        "Teams that work apart pay for it in longer sales cycles, a higher cost of each sale "
        "and customers who hear one story from marketing and another from sales."
    ),
}
GENERAL_CONSEQUENCE = (
    "A dimension below Strong costs the company in slower sales, a higher cost of each sale, "
    "lost trust or marketing spend that buys little."
)


def _lower_first(text: str) -> str:
    """ "Scope of marketing" -> "scope of marketing"; acronyms ("CRM use") stay."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def fallback_consequence(questionnaire_id: str) -> str:
    """The report's own consequence text for a questionnaire (a general one for unknown ids)."""
    return QUESTIONNAIRE_CONSEQUENCES.get(questionnaire_id, GENERAL_CONSEQUENCE)


def consequence_of(
    finding_text: str, dimension: DimensionView | None, questionnaire_id: str
) -> str:
    """The finding's consequence, else its dimension's, else the questionnaire's fallback."""
    if finding_text.strip():
        return " ".join(finding_text.split())
    if dimension is not None and dimension.consequence.strip():
        return " ".join(dimension.consequence.split())
    return fallback_consequence(questionnaire_id)


def stage_text(label: str, index: int, names: Sequence[str]) -> str:
    """ "Sound: the third of four stages (At risk, Fragile, Sound, Strong)"."""
    if index < 0 or not label:
        return "Not placed yet: too few answers for an overall index."
    ordinals = ("first", "second", "third", "fourth", "fifth", "sixth")
    ordinal = ordinals[index] if index < len(ordinals) else f"number {index + 1}"
    count = len(names)
    words = ("one", "two", "three", "four", "five", "six")
    amount = words[count - 1] if 0 < count <= len(words) else str(count)
    return f"{label}: the {ordinal} of {amount} stages ({', '.join(names)})"


def _scored(questionnaires: Sequence[QuestionnaireView]) -> list[tuple[str, DimensionView]]:
    return [
        (q.title, d) for q in questionnaires for d in q.dimensions if d.result.score is not None
    ]


def below_strong(dimension: DimensionView, bands: int) -> bool:
    """Whether a scored dimension sits below its questionnaire's top band."""
    return dimension.result.score is not None and 0 <= dimension.result.band_index < bands - 1


def _weak_dimensions(questionnaires: Sequence[QuestionnaireView]) -> list[DimensionView]:
    """Scored dimensions below Strong, weakest first (authored order on ties)."""
    weak = [d for q in questionnaires for d in q.dimensions if below_strong(d, q.band_count)]
    return sorted(weak, key=lambda d: d.result.score if d.result.score is not None else 0.0)


def suggested_actions(
    questionnaires: Sequence[QuestionnaireView], actions: Sequence[ActionView]
) -> list[ActionView]:
    """The plan with the report's own actions added for uncovered weak dimensions, re-ranked."""
    covered = {(a.questionnaire_id, a.dimension_id) for a in actions}
    titles = {q.questionnaire_id: q.title for q in questionnaires}
    bands = {q.questionnaire_id: q.band_count for q in questionnaires}
    added: list[ActionView] = []
    for dimension in _weak_dimensions(questionnaires):
        key = (dimension.questionnaire_id, dimension.dimension_id)
        if key in covered:
            continue
        lower_half = dimension.result.band_index < bands[dimension.questionnaire_id] / 2
        room = PLAN_SIZE if lower_half else FIRST_COUNT
        if len(actions) + len(added) >= room:
            continue
        score = dimension.result.score or 0.0
        added.append(
            ActionView(
                rank=0,
                text=(
                    f"Find out what holds {_lower_first(dimension.title)} at {points_text(score)} "
                    "(its answers are in the appendix) and agree one change."
                ),
                priority=100.0 - score,
                aims_at=f"{titles.get(dimension.questionnaire_id, '')}: {dimension.title}",
                owner="leadership",
                horizon="quarter",
                done_when="One change is agreed and written down, with an owner and a date.",
                answers=(f"{dimension.title} is {dimension.result.band} ({points_text(score)})",),
                suggested=True,
                questionnaire_id=dimension.questionnaire_id,
                dimension_id=dimension.dimension_id,
            )
        )
    if not added:
        return list(actions)
    merged = sorted([*actions, *added], key=lambda a: -a.priority)  # stable: authored first
    return [replace(action, rank=rank) for rank, action in enumerate(merged, start=1)]


def _finding_problem(finding: FindingView) -> ProblemView:
    return ProblemView(
        text=finding.title,
        detail=finding.evidence,
        consequence=finding.consequence,
        kind=finding.kind,
        severity=finding.severity,
        seen_by=finding.seen_by,
        key=(finding.questionnaire_id, finding.finding_id),
    )


def _dimension_problem(questionnaire_title: str, dimension: DimensionView) -> ProblemView:
    score = dimension.result.score or 0.0
    meaning = " ".join(dimension.result.meaning.split())
    return ProblemView(
        text=f"{dimension.title} is {dimension.result.band} at {points_text(score)}.",
        detail=questionnaire_title,
        consequence=consequence_of("", dimension, dimension.questionnaire_id),
        kind="dimension",
        note=meaning,
        key=(dimension.questionnaire_id, dimension.dimension_id),
    )


def _why(problems: Sequence[ProblemView]) -> tuple[ConsequenceView, ...]:
    merged: dict[str, list[int]] = {}
    for number, problem in enumerate(problems, start=1):
        merged.setdefault(problem.consequence, []).append(number)
    return tuple(ConsequenceView(tuple(numbers), text) for text, numbers in merged.items())


def _answers(action: ActionView, problem: ProblemView) -> bool:
    qid, key = problem.key
    if action.questionnaire_id != qid:
        return False
    if problem.kind == "dimension":
        return action.suggested and action.dimension_id == key
    return key in action.finding_ids


def _pressing(findings: Sequence[FindingView], actions: Sequence[ActionView]) -> list[FindingView]:
    best: dict[tuple[str, str], int] = {}
    for action in actions:
        for finding_id in action.finding_ids:
            best.setdefault((action.questionnaire_id, finding_id), action.rank)
    return sorted(
        (f for f in findings if not f.positive),
        key=lambda f: (
            not f.majority,
            SEVERITY_ORDER.index(f.severity)
            if f.severity in SEVERITY_ORDER
            else len(SEVERITY_ORDER),
            best.get((f.questionnaire_id, f.finding_id), len(actions) + 1),
        ),
    )


def _first(problems: Sequence[ProblemView], actions: Sequence[ActionView]) -> list[ActionView]:
    chosen: list[ActionView] = []
    for problem in problems:
        match = next((a for a in actions if a not in chosen and _answers(a, problem)), None)
        if match is not None:
            chosen.append(match)
    for action in actions:
        if len(chosen) >= FIRST_COUNT:
            break
        if action not in chosen:
            chosen.append(action)
    return chosen[:FIRST_COUNT]


def summary_view(
    stand: StandView,
    questionnaires: Sequence[QuestionnaireView],
    findings: Sequence[FindingView],
    actions: Sequence[ActionView],
) -> SummaryView:
    """The summary page of a report whose ``actions`` already hold the suggested ones."""
    negative = _pressing(findings, actions)
    wrong = [_finding_problem(f) for f in negative[:WRONG_COUNT]]
    covered = {(f.questionnaire_id, f.dimension_id) for f in negative[:WRONG_COUNT]}
    titles = {q.questionnaire_id: q.title for q in questionnaires}
    for dimension in _weak_dimensions(questionnaires):
        if len(wrong) >= WRONG_COUNT:
            break
        if (dimension.questionnaire_id, dimension.dimension_id) in covered:
            continue
        wrong.append(_dimension_problem(titles.get(dimension.questionnaire_id, ""), dimension))
    scored = _scored(questionnaires)
    strongest = sorted(scored, key=lambda pair: -(pair[1].result.score or 0.0))
    strengths = [
        StrengthView(
            title=dimension.title,
            score=dimension.result.score,
            band=dimension.result.band,
            band_index=dimension.result.band_index,
            meaning=" ".join(dimension.result.meaning.split()),
        )
        for _, dimension in strongest[:STRENGTH_COUNT]
    ]
    strengths += [StrengthView(f.title, None, "", -1, f.seen_by) for f in findings if f.positive]
    all_strong = bool(scored) and not _weak_dimensions(questionnaires)
    note = ""
    if strongest:
        bands = {q.questionnaire_id: q.band_count for q in questionnaires}
        best = strongest[0][1]
        if best.result.band_index < bands[best.questionnaire_id] / 2:
            note = "No dimension is in the upper bands yet. The least weak:"
    return SummaryView(
        stand=stand,
        wrong=tuple(wrong),
        why=_why(wrong),
        first=tuple(_first(wrong, actions)),
        strengths=tuple(strengths),
        all_strong=all_strong,
        strengths_note=note,
    )


def plan_view(actions: Sequence[ActionView]) -> PlanView:
    """The first :data:`PLAN_SIZE` actions grouped by horizon; the rest as later."""
    proper, later = list(actions[:PLAN_SIZE]), tuple(actions[PLAN_SIZE:])
    groups: list[PlanGroup] = []
    for horizon, title in HORIZON_LABELS.items():
        due = tuple(a for a in proper if a.horizon == horizon)
        if due:
            groups.append(PlanGroup(title, due))
    known = set(HORIZON_LABELS)
    unscheduled = tuple(a for a in proper if a.horizon not in known)
    if unscheduled:
        groups.append(PlanGroup(UNSCHEDULED, unscheduled))
    return PlanView(groups=tuple(groups), later=later)
