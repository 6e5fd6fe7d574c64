"""Diagnosis: which findings fire, the ranked action plan, and whether an assessment is complete.

A finding is evaluated on the assessment's scores and on the answers to its questionnaire's
*visible* items (an answer left on an item hidden by ``show_if`` counts as no answer). Its status
is ``fired``, ``not-fired``, ``not-evaluated`` (an input it needs is missing: a question the
respondent was asked is unanswered or "don't know", or a dimension has too few answers; see
:mod:`assessor.diagnosis.conditions`) or ``not-applicable`` (what it needs can never be known from
this
respondent: every item it reads that lacks an answer is one they are not asked, because of their
role or an earlier answer).

The action plan takes the actions of every fired finding (the positive one too: its actions
keep a healthy state healthy) and ranks them by importance × gap, where importance is the
finding's (default 1) and gap = 100 − the score of the finding's ``dimension``. When the finding
names no dimension, or that dimension has no score, the gap is read from the questionnaire's
index; when that is missing too, the gap is 50 (the middle of the scale: a fired finding with
no score to size it is neither ignored nor put first). An action that names its own
``dimension`` is sized by that dimension's gap. Ties keep the authored order (questionnaire,
finding, action). Identical action texts (ignoring case and spacing) are merged: the highest
priority is kept and the finding ids are combined.

A positive finding never stands beside a negative finding of medium or higher severity: when
one fires, the positive findings are reported as not fired (DESIGN.md §10).

A ``fallback`` finding stands for a weak dimension that no named pattern explains: when another
non-positive finding of medium or higher severity (not itself a fallback) of the same
questionnaire, aimed at the same ``dimension``, fired, the fallback is reported as not fired.

The diagnosis also carries the cautions raised (:mod:`assessor.diagnosis.cautions`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from assessor.diagnosis.answers import Answer, Checks
from assessor.diagnosis.cautions import Caution, raise_cautions
from assessor.diagnosis.conditions import evaluate
from assessor.diagnosis.scores import AssessmentScore, Context, QuestionnaireScore
from assessor.diagnosis.scoring import score_assessment
from assessor.diagnosis.visibility import visible_answers, visible_items
from assessor.errors import AssessorError
from assessor.questionnaire.model import (
    Action,
    AllOf,
    AnswerTest,
    AnyOf,
    Condition,
    EveryDimensionTest,
    Finding,
    NotOf,
    Questionnaire,
    ScoreTest,
)

FindingStatus = Literal["fired", "not-fired", "not-evaluated", "not-applicable"]
#: Severities from the most to the least pressing.
SEVERITY_ORDER: tuple[str, ...] = ("high", "medium", "low", "info")
#: The gap used when neither the finding's dimension nor its questionnaire has a score.
DEFAULT_GAP = 50.0
#: How much of an item's text an incompleteness message quotes.
SHORT_TEXT = 60
#: Negative findings at these severities keep a positive finding from firing beside them.
BLOCKS_POSITIVE: frozenset[str] = frozenset({"medium", "high"})
#: Non-positive findings at these severities keep a fallback on their dimension from firing.
SUPPRESSES_FALLBACK: frozenset[str] = frozenset({"medium", "high"})
#: How kinds of findings are labelled where kinds are named (reports, Results page).
KIND_LABELS: dict[str, str] = {
    "watch": "Watch",
    "flag": "Flag",
    "fallback": "Fallback",
    "next-step": "Next step",
}


@dataclass(frozen=True)
class FindingResult:
    """One finding of one questionnaire and whether it fired."""

    questionnaire_id: str
    finding: Finding
    status: FindingStatus


@dataclass(frozen=True)
class PlannedAction:
    """One action of the plan, with how it was ranked (priority = importance × gap)."""

    text: str
    priority: float
    importance: float
    gap: float
    questionnaire_id: str
    dimension_id: str | None
    finding_ids: tuple[str, ...]
    #: who acts, by when and how to tell it is done (None for the plain-text actions of v1)
    owner: str | None = None
    horizon: str | None = None
    done_when: str | None = None


@dataclass(frozen=True)
class Diagnosis:
    """Scores, every finding's status, and the ranked action plan of one assessment."""

    scores: AssessmentScore
    findings: list[FindingResult]
    actions: list[PlannedAction]
    #: reasons to read the scores with care (see :mod:`assessor.diagnosis.cautions`)
    cautions: tuple[Caution, ...] = ()

    @property
    def fired(self) -> list[FindingResult]:
        """The fired findings, most severe first, then in questionnaire and file order."""
        fired = [result for result in self.findings if result.status == "fired"]
        return sorted(fired, key=lambda result: SEVERITY_ORDER.index(result.finding.severity))

    @property
    def not_evaluated(self) -> list[FindingResult]:
        """The findings that could not be evaluated because an input was missing."""
        return [result for result in self.findings if result.status == "not-evaluated"]


class IncompleteError(AssessorError):
    """An assessment that cannot be marked complete; ``missing`` lists what is unanswered."""

    def __init__(self, missing: list[tuple[str, str]], *lines: str) -> None:
        super().__init__(*lines)
        self.missing = missing


def _inputs(condition: Condition) -> list[AnswerTest | ScoreTest | EveryDimensionTest]:
    """Every answer, score and every-dimension test inside a condition."""
    if isinstance(condition, AllOf | AnyOf):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        return [test for part in parts for test in _inputs(part)]
    if isinstance(condition, NotOf):
        return _inputs(condition.not_)
    return [condition]


def _leaves_unknown(test: AnswerTest, answer: Answer) -> bool:
    """Whether a checklist answer leaves unknown an option that ``test`` reads."""
    if not isinstance(answer.value, Checks):
        return False
    read = (test.includes, test.excludes)
    return any(option is not None and option not in answer.value for option in read)


def _could_be_known(
    finding: Finding,
    questionnaire_id: str,
    shown: Mapping[str, set[str]],
    answers: Mapping[str, Mapping[str, Answer]],
    scores: AssessmentScore,
) -> bool:
    """Whether answering the questions this respondent is asked could settle the finding.

    True when an item it reads is shown but unanswered (or "don't know"), or a dimension it reads
    has questions this respondent is asked but too few answers to score.
    """
    for test in _inputs(finding.when):
        qid = test.questionnaire or questionnaire_id
        if qid not in shown:
            continue
        if isinstance(test, AnswerTest):
            given = answers.get(qid, {}).get(test.item)
            if test.item in shown[qid] and (
                given is None or given.dont_know or _leaves_unknown(test, given)
            ):
                return True
            continue
        scored = scores.questionnaires.get(qid)
        if scored is None:
            continue
        if isinstance(test, EveryDimensionTest) or test.dimension is None:
            read = list(scored.dimensions.values())
        else:
            one = scored.dimensions.get(test.dimension)
            read = [] if one is None else [one]
        # A dimension none of whose questions is asked (total 0) can never have a score here.
        if any(dimension.score is None and dimension.total > 0 for dimension in read):
            return True
    return False


def evaluate_findings(
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    scores: AssessmentScore,
    role: str | None = None,
) -> list[FindingResult]:
    """The status of every finding of every questionnaire, in questionnaire and file order."""
    context = Context(role, definitions, answers)
    asked = {
        qid: {item.id for item in visible_items(q, answers.get(qid, {}), context)}
        for qid, q in definitions.items()
    }
    results: list[FindingResult] = []
    for questionnaire_id, questionnaire in definitions.items():
        shown = visible_answers(questionnaire, answers.get(questionnaire_id, {}), context)
        for finding in questionnaire.findings:
            truth = evaluate(finding.when, questionnaire, shown, scores, context)
            status: FindingStatus = "fired" if truth else "not-fired"
            if truth is None:
                known = _could_be_known(finding, questionnaire_id, asked, answers, scores)
                status = "not-evaluated" if known else "not-applicable"
            results.append(FindingResult(questionnaire_id, finding, status))
    results = _settle_fallbacks(results)
    blocked = any(
        result.status == "fired"
        and not result.finding.positive
        and result.finding.severity in BLOCKS_POSITIVE
        for result in results
    )
    if blocked:
        results = [
            FindingResult(result.questionnaire_id, result.finding, "not-fired")
            if result.finding.positive and result.status == "fired"
            else result
            for result in results
        ]
    return results


def _settle_fallbacks(results: list[FindingResult]) -> list[FindingResult]:
    """Fired fallbacks become not fired beside a fired non-positive finding of medium or higher
    severity (not a fallback) of the same questionnaire and dimension."""
    covered = {
        (result.questionnaire_id, result.finding.dimension)
        for result in results
        if result.status == "fired"
        and result.finding.kind != "fallback"
        and not result.finding.positive
        and result.finding.severity in SUPPRESSES_FALLBACK
        and result.finding.dimension is not None
    }
    return [
        FindingResult(result.questionnaire_id, result.finding, "not-fired")
        if result.finding.kind == "fallback"
        and result.status == "fired"
        and (result.questionnaire_id, result.finding.dimension) in covered
        else result
        for result in results
    ]


def dimension_gap(
    questionnaire_id: str, dimension_id: str | None, scores: AssessmentScore
) -> float:
    """100 − the score of a dimension, else of its questionnaire, else 50."""
    scored = scores.questionnaires.get(questionnaire_id)
    if scored is None:
        return DEFAULT_GAP
    if dimension_id is not None:
        dimension = scored.dimensions.get(dimension_id)
        if dimension is not None and dimension.score is not None:
            return 100.0 - dimension.score
    return DEFAULT_GAP if scored.score is None else 100.0 - scored.score


def finding_gap(questionnaire_id: str, finding: Finding, scores: AssessmentScore) -> float:
    """100 − the score of the finding's dimension, else of its questionnaire, else 50."""
    return dimension_gap(questionnaire_id, finding.dimension, scores)


def _action_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _planned(action: Action | str, result: FindingResult, scores: AssessmentScore) -> PlannedAction:
    finding = result.finding
    if isinstance(action, str):
        dimension_id = finding.dimension
        details: dict[str, str | None] = {}
        text = action
    else:
        dimension_id = action.dimension or finding.dimension
        details = {"owner": action.owner, "horizon": action.horizon, "done_when": action.done_when}
        text = action.text
    gap = dimension_gap(result.questionnaire_id, dimension_id, scores)
    return PlannedAction(
        text=text,
        priority=finding.importance * gap,
        importance=finding.importance,
        gap=gap,
        questionnaire_id=result.questionnaire_id,
        dimension_id=dimension_id,
        finding_ids=(finding.id,),
        **details,
    )


def plan_actions(results: list[FindingResult], scores: AssessmentScore) -> list[PlannedAction]:
    """The actions of the fired findings, merged by text and ranked by importance × gap.

    Equal priorities keep the authored order: questionnaire, then finding, then action.
    """
    plan: dict[str, PlannedAction] = {}
    for result in results:
        if result.status != "fired":
            continue
        for authored in result.finding.actions:
            action = _planned(authored, result, scores)
            key = _action_key(action.text)
            present = plan.get(key)
            if present is None:
                plan[key] = action
                continue
            kept = action if action.priority > present.priority else present
            merged = tuple(dict.fromkeys((*present.finding_ids, result.finding.id)))
            plan[key] = PlannedAction(**{**kept.__dict__, "finding_ids": merged})
    authored_order = {key: index for index, key in enumerate(plan)}
    return sorted(
        plan.values(),
        key=lambda action: (-action.priority, authored_order[_action_key(action.text)]),
    )


def diagnose(
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    role: str | None = None,
) -> Diagnosis:
    """Score an assessment, evaluate every finding and rank the actions of those that fired.

    ``role`` is the respondent's: the items not asked of it are left out (None: every item).
    """
    scores = score_assessment(definitions, answers, role)
    findings = evaluate_findings(definitions, answers, scores, role)
    return Diagnosis(
        scores=scores,
        findings=findings,
        actions=plan_actions(findings, scores),
        cautions=raise_cautions(definitions, answers, scores, role),
    )


def missing_required(
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    role: str | None = None,
) -> list[tuple[str, str]]:
    """(questionnaire id, item id) of every visible required item that has no answer.

    "Don't know" counts as an answer; hidden items, and items not asked of ``role``, are never
    required.
    """
    context = Context(role, definitions, answers)
    missing: list[tuple[str, str]] = []
    for questionnaire_id, questionnaire in definitions.items():
        given = answers.get(questionnaire_id, {})
        missing.extend(
            (questionnaire_id, item.id)
            for item in visible_items(questionnaire, given, context)
            if item.is_required and item.id not in given
        )
    return missing


def shorten(text: str, limit: int = SHORT_TEXT) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if flat[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def check_complete(
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    role: str | None = None,
) -> None:
    """Raise :class:`IncompleteError` (an AssessorError) unless every required item is answered.

    Its first line says how many items are missing; each further line names one: questionnaire
    id, item id and the start of the item's text.
    """
    missing = missing_required(definitions, answers, role)
    if not missing:
        return
    count = len(missing)
    lines = [
        f"the assessment cannot be marked complete: {count} required "
        f'{"item is" if count == 1 else "items are"} not answered ("don\'t know" counts as '
        "an answer)"
    ]
    for questionnaire_id, item_id in missing:
        text = shorten(definitions[questionnaire_id].item(item_id).text)
        lines.append(f'{questionnaire_id} item {item_id} is not answered: "{text}"')
    raise IncompleteError(missing, *lines)


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _questionnaire_json(questionnaire: Questionnaire, scored: QuestionnaireScore) -> dict[str, Any]:
    dimensions: dict[str, Any] = {}
    for dimension in questionnaire.dimensions:
        result = scored.dimensions[dimension.id]
        dimensions[dimension.id] = {
            "title": dimension.title,
            "score": _rounded(result.score),
            "coverage": round(result.coverage, 3),
            "band": None if result.band is None else result.band.label,
            "answered": result.answered,
            "dont_know": result.dont_know,
            "total": result.total,
        }
    return {
        "title": questionnaire.title,
        "score": _rounded(scored.score),
        "band": None if scored.band is None else scored.band.label,
        "dimensions": dimensions,
    }


def diagnosis_to_json(
    definitions: Mapping[str, Questionnaire], diagnosis: Diagnosis
) -> dict[str, Any]:
    """The JSON shape of ``assessor score --json`` (DESIGN.md §9) for one diagnosis.

    ``{"overall": {"score", "band"}, "questionnaires": {id: {"score", "band", "dimensions":
    {id: {"score", "coverage", "band"}}}}, "findings": [{"id", "questionnaire", "title",
    "severity", "kind"}], "caution": [sentence, ...], "actions": [{"text", "owner", "horizon",
    "done_when", "priority", "questionnaire", "dimension", "findings"}]}``
    plus ``not_evaluated``, ``not_applicable`` and a few descriptive fields. Scores are rounded
    to 1 decimal (null when there is not enough to score), coverage to 3, bands are labels (or
    null).
    """
    scores = diagnosis.scores
    return {
        "overall": {
            "score": _rounded(scores.overall),
            "band": None if scores.overall_band is None else scores.overall_band.label,
        },
        "questionnaires": {
            qid: _questionnaire_json(definitions[qid], scored)
            for qid, scored in scores.questionnaires.items()
        },
        "findings": [
            {
                "id": result.finding.id,
                "questionnaire": result.questionnaire_id,
                "title": result.finding.title,
                "severity": result.finding.severity,
                "positive": result.finding.positive,
                "kind": result.finding.kind,
                "item": result.finding.item,
            }
            for result in diagnosis.fired
        ],
        "caution": [caution.text for caution in diagnosis.cautions],
        "not_evaluated": [
            {"id": result.finding.id, "questionnaire": result.questionnaire_id}
            for result in diagnosis.not_evaluated
        ],
        "not_applicable": [
            {"id": result.finding.id, "questionnaire": result.questionnaire_id}
            for result in diagnosis.findings
            if result.status == "not-applicable"
        ],
        "actions": [
            {
                "text": action.text,
                "owner": action.owner,
                "horizon": action.horizon,
                "done_when": action.done_when,
                "priority": round(action.priority, 1),
                "questionnaire": action.questionnaire_id,
                "dimension": action.dimension_id,
                "findings": list(action.finding_ids),
                "importance": action.importance,
                "gap": round(action.gap, 1),
            }
            for action in diagnosis.actions
        ],
    }
