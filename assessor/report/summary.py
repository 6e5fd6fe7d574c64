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
- **What to do first**: for each problem in turn, the highest-ranked open action that answers it
  (one of its finding's, else one aimed at its dimension), preferring an owner not yet named, so
  that owners follow the problems' causes rather than one person by default. Places left are
  filled from the plan, actions answering another cause first. A problem no open action
  answers is said so plainly: the report never invents an action. One line then says what the
  leadership team is asked to decide.
- **Strengths**: the two strongest dimensions that are Sound or Strong (the upper half of their
  bands), then any healthy pattern that fired; never a dimension below Sound.
- **The plan**: the first :data:`PLAN_SIZE` actions by priority, grouped by horizon (this month,
  this quarter, within six months, then unscheduled v1 actions); the rest are listed as later,
  and the actions the follow-up says are done are named, not proposed again.
"""

from __future__ import annotations

from collections.abc import Sequence

from assessor.diagnosis.figures import points_text
from assessor.diagnosis.findings import SEVERITY_ORDER
from assessor.report.model import (
    HORIZON_LABELS,
    ActionView,
    ConsequenceView,
    DimensionView,
    FindingView,
    FollowedAction,
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


def _finding_problem(finding: FindingView, label: str) -> ProblemView:
    return ProblemView(
        text=finding.title,
        detail=finding.evidence,
        consequence=finding.consequence,
        kind=finding.kind,
        severity=finding.severity,
        seen_by=finding.seen_by,
        key=(finding.questionnaire_id, finding.finding_id),
        dimension_id=finding.dimension_id,
        label=label,
    )


def _dimension_label(dimension: DimensionView) -> str:
    """ "Freedom to think, Sound at 61"."""
    return f"{dimension.title}, {dimension.result.band} at {points_text(dimension.result.score)}"


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
        dimension_id=dimension.dimension_id,
        label=_dimension_label(dimension),
    )


def _why(problems: Sequence[ProblemView]) -> tuple[ConsequenceView, ...]:
    merged: dict[str, list[int]] = {}
    for number, problem in enumerate(problems, start=1):
        merged.setdefault(problem.consequence, []).append(number)
    return tuple(ConsequenceView(tuple(numbers), text) for text, numbers in merged.items())


def _answers_finding(action: ActionView, problem: ProblemView) -> bool:
    qid, key = problem.key
    return (
        problem.kind != "dimension"
        and action.questionnaire_id == qid
        and key in (action.finding_ids)
    )


def _aims_at(action: ActionView, problem: ProblemView) -> bool:
    qid, _ = problem.key
    return (
        action.questionnaire_id == qid
        and problem.dimension_id is not None
        and action.dimension_id == problem.dimension_id
    )


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


def _pick(candidates: Sequence[ActionView], owners: set[str | None]) -> ActionView:
    """The best-ranked candidate whose owner is not named yet, else the best-ranked."""
    return next((a for a in candidates if a.owner not in owners), candidates[0])


def _first(
    problems: Sequence[ProblemView], actions: Sequence[ActionView]
) -> tuple[list[ActionView], list[int]]:
    """The first actions and the number of the problem each answers (0: next in the plan)."""
    chosen: list[ActionView] = []
    answers: list[int] = []
    for number, problem in enumerate(problems, start=1):
        owners = {a.owner for a in chosen}
        free = [a for a in actions if a not in chosen]
        candidates = [a for a in free if _answers_finding(a, problem)] or [
            a for a in free if _aims_at(a, problem)
        ]
        if candidates:
            chosen.append(_pick(candidates, owners))
            answers.append(number)
    # Places left: actions of another cause first (a finding none of the chosen answers), and
    # among those an owner not yet named.
    while len(chosen) < FIRST_COUNT:
        free = [a for a in actions if a not in chosen]
        if not free:
            break
        causes = {(a.questionnaire_id, f) for a in chosen for f in a.finding_ids}
        other = [a for a in free if not {(a.questionnaire_id, f) for f in a.finding_ids} & causes]
        chosen.append(_pick(other or free, {a.owner for a in chosen}))
        answers.append(0)
    return chosen[:FIRST_COUNT], answers[:FIRST_COUNT]


def _without_action(
    problems: Sequence[ProblemView], answered: Sequence[int], followed: Sequence[FollowedAction]
) -> list[str]:
    """For each problem no open action answers, why not, in one plain sentence."""
    lines: list[str] = []
    for number, problem in enumerate(problems, start=1):
        if number in answered:
            continue
        qid, _ = problem.key
        done = [
            f
            for f in followed
            if f.status == "done"
            and f.questionnaire_id == qid
            and problem.dimension_id is not None
            and f.dimension_id == problem.dimension_id
        ]
        what = problem.label or problem.text.rstrip(".")
        if done:
            count = len(done)
            lines.append(
                f"No action left for {number} ({what}): the {count} action"
                f"{'s' if count != 1 else ''} of {done[0].period} aimed at it "
                f"{'are' if count != 1 else 'is'} done, and no finding proposes another."
            )
        else:
            lines.append(
                f"No action for {number} ({what}): no finding proposes one, and the report "
                "does not invent one."
            )
    return lines


def _listed(words: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _decision(
    first: Sequence[ActionView], without: Sequence[int], problems: Sequence[ProblemView]
) -> str:
    """What the leadership team is asked to decide, in one line."""
    parts: list[str] = []
    if first:
        rows = list(range(1, len(first) + 1))
        word = "action" if len(rows) == 1 else "actions"
        them = "it" if len(rows) == 1 else "them"
        parts.append(f"agree {word} {_listed([str(n) for n in rows])} as shown, or change {them}")
    if without:
        topics = [problems[n - 1].label.split(",")[0] or problems[n - 1].text for n in without]
        parts.append(
            "name who proposes a next step for " + _listed([_lower_first(t) for t in topics])
        )
    if not parts:
        return (
            "For the leadership team to decide: how to keep every dimension Strong, and when to "
            "take the assessment again."
        )
    return "For the leadership team to decide: " + "; and ".join(parts) + "."


def summary_view(
    stand: StandView,
    questionnaires: Sequence[QuestionnaireView],
    findings: Sequence[FindingView],
    actions: Sequence[ActionView],
    followed: Sequence[FollowedAction] = (),
) -> SummaryView:
    """The summary page of a report whose ``actions`` are its plan, follow-up applied;
    ``followed`` says what became of the previous period's actions."""
    negative = _pressing(findings, actions)
    dimensions = {
        (d.questionnaire_id, d.dimension_id): d for q in questionnaires for d in q.dimensions
    }
    wrong = []
    for finding in negative[:WRONG_COUNT]:
        dimension = dimensions.get((finding.questionnaire_id, finding.dimension_id or ""))
        label = _dimension_label(dimension) if dimension is not None else ""
        wrong.append(_finding_problem(finding, label))
    covered = {(f.questionnaire_id, f.dimension_id) for f in negative[:WRONG_COUNT]}
    titles = {q.questionnaire_id: q.title for q in questionnaires}
    for dimension in _weak_dimensions(questionnaires):
        if len(wrong) >= WRONG_COUNT:
            break
        if (dimension.questionnaire_id, dimension.dimension_id) in covered:
            continue
        wrong.append(_dimension_problem(titles.get(dimension.questionnaire_id, ""), dimension))
    bands = {q.questionnaire_id: q.band_count for q in questionnaires}
    scored = _scored(questionnaires)
    strongest = sorted(scored, key=lambda pair: -(pair[1].result.score or 0.0))
    upper = [
        dimension
        for _, dimension in strongest
        if dimension.result.band_index >= bands[dimension.questionnaire_id] / 2
    ]
    strengths = [
        StrengthView(
            title=dimension.title,
            score=dimension.result.score,
            band=dimension.result.band,
            band_index=dimension.result.band_index,
            meaning=" ".join(dimension.result.meaning.split()),
        )
        for dimension in upper[:STRENGTH_COUNT]
    ]
    strengths += [StrengthView(f.title, None, "", -1, f.seen_by) for f in findings if f.positive]
    all_strong = bool(scored) and not _weak_dimensions(questionnaires)
    note = "" if upper or not scored else "No dimension is Sound or Strong yet."
    first, answers = _first(wrong, actions)
    answered = [n for n in answers if n]
    without = [n for n in range(1, len(wrong) + 1) if n not in answered]
    return SummaryView(
        stand=stand,
        wrong=tuple(wrong),
        why=_why(wrong),
        first=tuple(first),
        strengths=tuple(strengths),
        all_strong=all_strong,
        strengths_note=note,
        first_for=tuple(answers),
        without_action=tuple(_without_action(wrong, answered, followed)),
        decision=_decision(first, without, wrong),
    )


def plan_view(
    actions: Sequence[ActionView], done: Sequence[str] = (), done_period: str = ""
) -> PlanView:
    """The first :data:`PLAN_SIZE` actions grouped by horizon; the rest as later; ``done`` are
    the actions of ``done_period``'s report its follow-up says are done."""
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
    return PlanView(groups=tuple(groups), later=later, done=tuple(done), done_period=done_period)
