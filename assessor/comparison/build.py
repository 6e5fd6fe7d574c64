"""Comparison across quarters and across respondents: "did what we changed work?" and "do
marketing and sales see the same company?".

:func:`build_comparison` takes the complete assessments of one organisation (and unit), each
with the questionnaire definitions it was answered against, and returns a :class:`Comparison`:
plain data for the History view, the comparison PDF and ``assessor compare --json``
(:func:`comparison_to_json`). Pure: no storage, no reportlab, no Qt.

The rules:

- **Organisation view.** A period's score of a dimension is the mean of its respondents'
  scores (respondents with "not enough answers" are left out); questionnaire indices and the
  overall index are means of those dimension scores, as in :mod:`assessor.diagnosis.scoring`. Every
  respondent stays visible with name and role.
- **Series.** Per index and per dimension: the score per period, the change from the previous
  period of the comparison (None when either side has no score, or the dimension is absent in
  one of them after a questionnaire version change), and the trend: the least-squares slope in
  points per quarter (periods are placed on a quarter axis, so a skipped quarter counts), read
  as rising (≥ +1), falling (≤ −1) or steady.
- **Findings.** A finding counts for the organisation in a period when it fired for at least
  half of the period's respondents (ties count: a pattern half the leadership sees is worth
  tracking; one respondent alone is a majority of one). Between consecutive periods a finding
  *appeared* or *resolved* only when its questionnaire in both periods defines it, so a version
  change never shows up as a resolution.
- **Items that moved most.** The organisation's item score (0–1, mean over respondents who
  answered, visible items only) compared between consecutive periods only where the item id
  exists in both periods, the item is scored in both and of the same kind.
- **Version changes.** When a questionnaire's version differs between consecutive periods,
  dimensions are compared only where present in both, and a note says so.
- **Perception gaps.** Per period and dimension: each role's score (respondents of one role
  averaged); the gap is the highest minus the lowest; :data:`GAP_THRESHOLD` points or more is
  flagged as a finding "Marketing and sales see … differently".
- **Action follow-up.** For each period after the first, the top actions of the previous
  period's report (per respondent: the same role's assessment, else the first) with the status
  each respondent gave (done / in progress / not started, or unanswered), merged by action
  text, beside the change in the dimension the action aimed at.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assessor.comparison.followup import FOLLOW_UP_LIMIT, FollowUp, action_key
from assessor.diagnosis.findings import Diagnosis, diagnose
from assessor.diagnosis.scores import Context, item_score
from assessor.diagnosis.visibility import visible_answers
from assessor.exchange.exchange_file import ROLES, Assessment
from assessor.questionnaire.model import Questionnaire, aims_at

#: A perception gap of this many points or more between two roles is flagged.
GAP_THRESHOLD = 25.0
#: A trend steeper than this many points per quarter is rising or falling; else steady.
TREND_STEP = 1.0
#: How many items a step lists under "moved most".
ITEM_MOVES = 5
#: Item moves smaller than this (points) are not listed.
MIN_ITEM_MOVE = 1.0
JSON_FORMAT = "assessor.comparison"
JSON_FORMAT_VERSION = 1

ROLE_LABELS = {
    "ceo": "Chief executive",
    "marketing": "Marketing lead",
    "sales": "Sales lead",
    "other": "Other role",
}
_ROLE_NAMES = {
    "ceo": "the chief executive",
    "marketing": "marketing",
    "sales": "sales",
    "other": "other respondents",
}
#: (questionnaire id, dimension id)
DimensionKey = tuple[str, str]


# --- Input -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RespondentInput:
    """One complete assessment to compare, with the definitions it was answered against.

    ``followups`` are the answers, given with this assessment, about the previous period's
    actions. ``diagnosis`` may be passed when already computed.
    """

    assessment: Assessment
    definitions: Mapping[str, Questionnaire]
    assessment_id: int = 0
    followups: Sequence[FollowUp] = ()
    diagnosis: Diagnosis | None = None


def role_order(role: str) -> int:
    """The place of a role in listings: chief executive, marketing, sales, other."""
    return ROLES.index(role) if role in ROLES else len(ROLES)


def choose_source(candidates: Sequence[tuple[int, str, str]], role: str) -> int | None:
    """Of ``(id, role, name)`` candidates, the id of the same role, else the first listed.

    Candidates are ranked by role (chief executive, marketing, sales, other), name and id, so
    that the store and the comparison pick the same earlier assessment.
    """
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: (role_order(c[1]), c[2].casefold(), c[0]))
    for candidate in ranked:
        if candidate[1] == role:
            return candidate[0]
    return ranked[0][0]


def quarter_index(period: str) -> int:
    """The period ``YYYY-Qn`` as a count of quarters (consecutive quarters differ by one)."""
    year, quarter = period.split("-Q")
    return int(year) * 4 + int(quarter) - 1


# --- Output ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionInfo:
    """A dimension seen in any period (title from the newest definition that has it)."""

    questionnaire_id: str
    dimension_id: str
    title: str


@dataclass(frozen=True)
class QuestionnaireInfo:
    """A questionnaire seen in any period, with every dimension it had in any version."""

    questionnaire_id: str
    title: str
    dimensions: tuple[DimensionInfo, ...]


@dataclass(frozen=True)
class SeriesPoint:
    """One period's score of a series and its change from the previous period."""

    period: str
    score: float | None
    change: float | None


@dataclass(frozen=True)
class Series:
    """Scores per period of the overall index, a questionnaire index or a dimension.

    ``questionnaire_id`` is "" for the overall index; ``dimension_id`` is None for indices.
    """

    key: str
    title: str
    questionnaire_id: str
    dimension_id: str | None
    points: tuple[SeriesPoint, ...]
    #: least-squares slope in points per quarter (None with fewer than two scores)
    slope: float | None
    #: "rising", "steady", "falling" or "" (fewer than two scores)
    trend: str

    def score(self, period: str) -> float | None:
        """The score in ``period`` (None when absent)."""
        for point in self.points:
            if point.period == period:
                return point.score
        return None


@dataclass(frozen=True)
class RespondentView:
    """One respondent of a period, with their own scores."""

    assessment_id: int
    name: str
    role: str
    overall: float | None
    indices: dict[str, float | None]
    dimensions: dict[DimensionKey, float | None]

    @property
    def role_label(self) -> str:
        """The role as a reader sees it ("Sales lead")."""
        return ROLE_LABELS.get(self.role, self.role)


@dataclass(frozen=True)
class OrganisationFinding:
    """A finding that counts for the organisation in a period (fired for at least half)."""

    questionnaire_id: str
    finding_id: str
    title: str
    severity: str
    positive: bool
    #: how many respondents it fired for, of how many
    fired_for: int
    respondents: int


@dataclass(frozen=True)
class PerceptionGap:
    """How differently the roles of a period score one dimension."""

    questionnaire_id: str
    dimension_id: str
    title: str
    #: (role, score) in role order
    scores: tuple[tuple[str, float], ...]
    gap: float
    high_role: str
    low_role: str

    @property
    def flagged(self) -> bool:
        """True when the gap is :data:`GAP_THRESHOLD` points or more."""
        return self.gap >= GAP_THRESHOLD - 1e-9

    @property
    def finding_title(self) -> str:
        """ "Marketing and sales see meeting cadence differently"."""
        first, second = sorted((self.high_role, self.low_role), key=role_order)
        names = f"{_ROLE_NAMES.get(first, first)} and {_ROLE_NAMES.get(second, second)}"
        return f"{names[:1].upper()}{names[1:]} see {_lower_first(self.title)} differently"

    @property
    def detail(self) -> str:
        """Each role's score and the gap, e.g. "Marketing lead 30 · Sales lead 80: 50 points"."""
        from assessor.diagnosis.figures import points

        scores = " · ".join(f"{ROLE_LABELS.get(r, r)} {points(s)}" for r, s in self.scores)
        return f"{scores}: a gap of {self.printed_gap} points"

    @property
    def printed_gap(self) -> int:
        """The gap as printed: the difference of the role scores as printed (whole points)."""
        from assessor.diagnosis.figures import points

        printed = [points(score) for _, score in self.scores]
        return max(printed) - min(printed)


@dataclass(frozen=True)
class PeriodView:
    """One period: the organisation view (mean of respondents) and each respondent."""

    period: str
    respondents: tuple[RespondentView, ...]
    overall: float | None
    indices: dict[str, float | None]
    dimensions: dict[DimensionKey, float | None]
    findings: tuple[OrganisationFinding, ...]
    gaps: tuple[PerceptionGap, ...]

    @property
    def flagged_gaps(self) -> tuple[PerceptionGap, ...]:
        """The gaps of :data:`GAP_THRESHOLD` points or more, widest first."""
        return tuple(sorted((g for g in self.gaps if g.flagged), key=lambda g: -g.gap))


@dataclass(frozen=True)
class FindingChange:
    """A finding that appeared or resolved between two periods."""

    questionnaire_id: str
    finding_id: str
    title: str
    positive: bool


@dataclass(frozen=True)
class ItemMove:
    """An item whose organisation score moved between two periods (0–100 points)."""

    questionnaire_id: str
    item_id: str
    text: str
    dimension_title: str
    before: float
    after: float

    @property
    def change(self) -> float:
        """after − before, in points."""
        return self.after - self.before


@dataclass(frozen=True)
class FollowUpAnswer:
    """One respondent's answer about a previous action."""

    role: str
    respondent: str
    status: str


@dataclass(frozen=True)
class FollowUpRow:
    """A previous action, what became of it, and how the dimension it aimed at moved."""

    action_text: str
    source_period: str
    questionnaire_id: str
    dimension_id: str | None
    aims_at: str
    #: "done", "in-progress", "not-started", "unanswered", or "mixed" when answers differ
    status: str
    answers: tuple[FollowUpAnswer, ...]
    before: float | None
    after: float | None
    priority: float = 0.0

    @property
    def change(self) -> float | None:
        """The change of the aimed-at dimension (or index) between the two periods."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class Step:
    """What changed from one period of the comparison to the next."""

    before: str
    after: str
    appeared: tuple[FindingChange, ...]
    resolved: tuple[FindingChange, ...]
    moved_items: tuple[ItemMove, ...]
    version_notes: tuple[str, ...]
    followups: tuple[FollowUpRow, ...]


@dataclass(frozen=True)
class Comparison:
    """Everything the History view, the comparison PDF and ``compare --json`` show."""

    organisation: str
    unit: str
    periods: tuple[str, ...]
    questionnaires: tuple[QuestionnaireInfo, ...]
    period_views: tuple[PeriodView, ...]
    #: the overall index first, then each questionnaire's index
    indices: tuple[Series, ...]
    dimensions: tuple[Series, ...]
    steps: tuple[Step, ...]
    version_notes: tuple[str, ...] = field(default_factory=tuple)

    def period(self, period: str) -> PeriodView:
        """The view of one period (KeyError if it is not compared)."""
        for view in self.period_views:
            if view.period == period:
                return view
        raise KeyError(period)

    def dimension_series(self, questionnaire_id: str) -> tuple[Series, ...]:
        """The dimension series of one questionnaire, in its order."""
        return tuple(s for s in self.dimensions if s.questionnaire_id == questionnaire_id)

    @property
    def respondent_count(self) -> int:
        """How many assessments the comparison rests on."""
        return sum(len(view.respondents) for view in self.period_views)


# --- Building ----------------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _mean(values: Iterable[float | None]) -> float | None:
    listed = [v for v in values if v is not None]
    return round(sum(listed) / len(listed), 9) if listed else None


def _slope(points: Sequence[SeriesPoint]) -> float | None:
    """Least-squares slope of the scores against the quarter index (points per quarter)."""
    pairs = [(quarter_index(p.period), p.score) for p in points if p.score is not None]
    if len(pairs) < 2:
        return None
    xs = [float(x) for x, _ in pairs]
    ys = [float(y) for _, y in pairs]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def trend_label(slope: float | None) -> str:
    """rising / steady / falling for a slope in points per quarter ("" when unknown)."""
    if slope is None or math.isnan(slope):
        return ""
    if slope >= TREND_STEP:
        return "rising"
    if slope <= -TREND_STEP:
        return "falling"
    return "steady"


def _series(
    key: str,
    title: str,
    questionnaire_id: str,
    dimension_id: str | None,
    periods: Sequence[str],
    scores: Sequence[float | None],
    present: Sequence[bool],
) -> Series:
    points: list[SeriesPoint] = []
    for index, (period, score) in enumerate(zip(periods, scores, strict=True)):
        change = None
        if index and present[index - 1] and present[index]:
            before = scores[index - 1]
            if before is not None and score is not None:
                change = score - before
        points.append(SeriesPoint(period, score, change))
    slope = _slope(points)
    return Series(
        key, title, questionnaire_id, dimension_id, tuple(points), slope, trend_label(slope)
    )


@dataclass
class _Respondent:
    """A respondent while building: the input, its diagnosis and derived scores."""

    source: RespondentInput
    diagnosis: Diagnosis
    view: RespondentView


def _respondent(source: RespondentInput) -> _Respondent:
    assessment = source.assessment
    diagnosis = source.diagnosis or diagnose(
        source.definitions, assessment.answers, assessment.respondent.role
    )
    scores = diagnosis.scores
    dimensions: dict[DimensionKey, float | None] = {
        (qid, did): scored.score
        for qid, q_score in scores.questionnaires.items()
        for did, scored in q_score.dimensions.items()
    }
    view = RespondentView(
        assessment_id=source.assessment_id,
        name=assessment.respondent.name,
        role=assessment.respondent.role,
        overall=scores.overall,
        indices={qid: q.score for qid, q in scores.questionnaires.items()},
        dimensions=dimensions,
    )
    return _Respondent(source, diagnosis, view)


def _catalogue(
    periods: Sequence[str], by_period: Mapping[str, Sequence[_Respondent]]
) -> tuple[QuestionnaireInfo, ...]:
    """Every questionnaire and dimension of any period; order and titles from the newest."""
    titles: dict[str, str] = {}
    dims: dict[str, dict[str, str]] = {}
    for period in reversed(periods):
        for respondent in by_period[period]:
            for qid, questionnaire in respondent.source.definitions.items():
                titles.setdefault(qid, questionnaire.title)
                known = dims.setdefault(qid, {})
                for dimension in questionnaire.dimensions:
                    known.setdefault(dimension.id, dimension.title)
    return tuple(
        QuestionnaireInfo(
            qid,
            title,
            tuple(DimensionInfo(qid, did, dtitle) for did, dtitle in dims[qid].items()),
        )
        for qid, title in titles.items()
    )


def _period_dimensions(respondents: Sequence[_Respondent]) -> dict[str, set[str]]:
    """questionnaire id -> the dimension ids its definitions have in this period."""
    found: dict[str, set[str]] = {}
    for respondent in respondents:
        for qid, questionnaire in respondent.source.definitions.items():
            found.setdefault(qid, set()).update(d.id for d in questionnaire.dimensions)
    return found


def _gaps(
    respondents: Sequence[_Respondent], catalogue: Sequence[QuestionnaireInfo]
) -> tuple[PerceptionGap, ...]:
    gaps: list[PerceptionGap] = []
    for questionnaire in catalogue:
        for dimension in questionnaire.dimensions:
            key = (dimension.questionnaire_id, dimension.dimension_id)
            by_role: dict[str, list[float]] = {}
            for respondent in respondents:
                score = respondent.view.dimensions.get(key)
                if score is not None:
                    by_role.setdefault(respondent.view.role, []).append(score)
            if len(by_role) < 2:
                continue
            scores = tuple(
                (role, sum(values) / len(values))
                for role, values in sorted(by_role.items(), key=lambda kv: role_order(kv[0]))
            )
            high = max(scores, key=lambda rs: rs[1])
            low = min(scores, key=lambda rs: rs[1])
            gaps.append(
                PerceptionGap(
                    questionnaire_id=key[0],
                    dimension_id=key[1],
                    title=dimension.title,
                    scores=scores,
                    gap=high[1] - low[1],
                    high_role=high[0],
                    low_role=low[0],
                )
            )
    return tuple(gaps)


def _organisation_findings(respondents: Sequence[_Respondent]) -> tuple[OrganisationFinding, ...]:
    counts: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], OrganisationFinding] = {}
    total = len(respondents)
    for respondent in respondents:
        for result in respondent.diagnosis.fired:
            key = (result.questionnaire_id, result.finding.id)
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(
                key,
                OrganisationFinding(
                    key[0],
                    key[1],
                    result.finding.title,
                    result.finding.severity,
                    result.finding.positive,
                    0,
                    total,
                ),
            )
    return tuple(
        OrganisationFinding(
            f.questionnaire_id, f.finding_id, f.title, f.severity, f.positive, counts[key], total
        )
        for key, f in first.items()
        if 2 * counts[key] >= total
    )


def _period_view(
    period: str, respondents: Sequence[_Respondent], catalogue: Sequence[QuestionnaireInfo]
) -> PeriodView:
    present = _period_dimensions(respondents)
    dimensions: dict[DimensionKey, float | None] = {}
    indices: dict[str, float | None] = {}
    for questionnaire in catalogue:
        qid = questionnaire.questionnaire_id
        if qid not in present:
            continue
        for dimension in questionnaire.dimensions:
            if dimension.dimension_id not in present[qid]:
                continue
            key = (qid, dimension.dimension_id)
            dimensions[key] = _mean(r.view.dimensions.get(key) for r in respondents)
        indices[qid] = _mean(score for (q, _), score in dimensions.items() if q == qid)
    return PeriodView(
        period=period,
        respondents=tuple(r.view for r in respondents),
        overall=_mean(dimensions.values()),
        indices=indices,
        dimensions=dimensions,
        findings=_organisation_findings(respondents),
        gaps=_gaps(respondents, catalogue),
    )


def _defined_findings(respondents: Sequence[_Respondent]) -> set[tuple[str, str]]:
    return {
        (qid, finding.id)
        for r in respondents
        for qid, questionnaire in r.source.definitions.items()
        for finding in questionnaire.findings
    }


def _versions(respondents: Sequence[_Respondent], qid: str) -> list[int]:
    return sorted(
        {r.source.definitions[qid].version for r in respondents if qid in r.source.definitions}
    )


def _version_notes(
    before: str,
    after: str,
    earlier: Sequence[_Respondent],
    later: Sequence[_Respondent],
    catalogue: Sequence[QuestionnaireInfo],
) -> list[str]:
    notes: list[str] = []
    dims_before, dims_after = _period_dimensions(earlier), _period_dimensions(later)
    for questionnaire in catalogue:
        qid = questionnaire.questionnaire_id
        if (qid in dims_before) != (qid in dims_after):
            answered, missing = (after, before) if qid in dims_after else (before, after)
            notes.append(
                f"{questionnaire.title} was answered in {answered} but not in {missing}: "
                "not compared between them."
            )
            continue
        if qid not in dims_before:
            continue
        old, new = _versions(earlier, qid), _versions(later, qid)
        if old == new:
            continue
        common = dims_before[qid] & dims_after[qid]
        titles = {d.dimension_id: d.title for d in questionnaire.dimensions}
        count = len(common)
        note = (
            f"{questionnaire.title} changed from {'/'.join(f'v{v}' for v in old)} to "
            f"{'/'.join(f'v{v}' for v in new)} between {before} and {after}: compared on the "
            f"{count} dimension{'s' if count != 1 else ''} present in both"
        )
        left_out = sorted((dims_before[qid] | dims_after[qid]) - common)
        if left_out:
            note += f" (not compared: {', '.join(titles.get(d, d) for d in left_out)})"
        notes.append(note + "; items are compared only where their ids match.")
    return notes


def _item_scores(
    respondents: Sequence[_Respondent],
) -> dict[tuple[str, str], tuple[float, str, str, str]]:
    """(questionnaire, item) -> (mean 0–1 score, kind, text, dimension title)."""
    sums: dict[tuple[str, str], list[float]] = {}
    meta: dict[tuple[str, str], tuple[str, str, str]] = {}
    kinds: dict[tuple[str, str], set[str]] = {}
    for respondent in respondents:
        answers_by_q = respondent.source.assessment.answers
        for qid, questionnaire in respondent.source.definitions.items():
            context = Context(
                respondent.source.assessment.respondent.role,
                respondent.source.definitions,
                answers_by_q,
            )
            shown = visible_answers(questionnaire, answers_by_q.get(qid, {}), context)
            titles = {d.id: d.title for d in questionnaire.dimensions}
            for item in questionnaire.items:
                if not item.scored:
                    continue
                key = (qid, item.id)
                kinds.setdefault(key, set()).add(item.kind)
                score = item_score(item, shown.get(item.id))
                if score is None:
                    continue
                sums.setdefault(key, []).append(score)
                meta.setdefault(key, (item.kind, item.text, titles.get(item.dimension, "")))
    return {
        key: (sum(values) / len(values), *meta[key])
        for key, values in sums.items()
        if len(kinds[key]) == 1
    }


def _moved_items(earlier: Sequence[_Respondent], later: Sequence[_Respondent]) -> list[ItemMove]:
    before, after = _item_scores(earlier), _item_scores(later)
    moves: list[ItemMove] = []
    for key, (score_after, kind, text, dimension_title) in after.items():
        found = before.get(key)
        if found is None or found[1] != kind:
            continue
        move = ItemMove(key[0], key[1], text, dimension_title, found[0] * 100, score_after * 100)
        if abs(move.change) >= MIN_ITEM_MOVE:
            moves.append(move)
    moves.sort(key=lambda m: (-abs(m.change), m.questionnaire_id, m.item_id))
    return moves[:ITEM_MOVES]


def _aimed_score(view: PeriodView, qid: str, did: str | None) -> float | None:
    if did is not None and (qid, did) in view.dimensions:
        return view.dimensions[(qid, did)]
    return view.indices.get(qid)


def _combined_status(answers: Sequence[FollowUpAnswer]) -> str:
    given = {a.status for a in answers if a.status != "unanswered"}
    if not given:
        return "unanswered"
    return given.pop() if len(given) == 1 else "mixed"


def _followups(
    earlier: Sequence[_Respondent],
    later: Sequence[_Respondent],
    before_view: PeriodView,
    after_view: PeriodView,
) -> list[FollowUpRow]:
    candidates = [(index, r.view.role, r.view.name) for index, r in enumerate(earlier)]
    rows: dict[str, dict[str, Any]] = {}
    for respondent in later:
        chosen = choose_source(candidates, respondent.view.role)
        source = earlier[chosen] if chosen is not None else None
        answered = {action_key(f.action_text): f for f in respondent.source.followups}
        planned: list[tuple[str, float, str, str | None, str]] = []
        if source is not None:
            definitions = source.source.definitions
            for action in source.diagnosis.actions[:FOLLOW_UP_LIMIT]:
                planned.append(
                    (
                        action.text,
                        action.priority,
                        action.questionnaire_id,
                        action.dimension_id,
                        aims_at(definitions, action.questionnaire_id, action.dimension_id),
                    )
                )
        planned_keys = {action_key(p[0]) for p in planned}
        for followup in respondent.source.followups:
            if action_key(followup.action_text) not in planned_keys:
                planned.append(
                    (
                        followup.action_text,
                        0.0,
                        followup.questionnaire_id,
                        followup.dimension_id,
                        aims_at(
                            respondent.source.definitions,
                            followup.questionnaire_id,
                            followup.dimension_id,
                        ),
                    )
                )
        for text, priority, qid, did, target in planned:
            key = action_key(text)
            stored = answered.get(key)
            row = rows.setdefault(
                key,
                {
                    "text": text,
                    "priority": priority,
                    "qid": qid,
                    "did": did,
                    "aims_at": target,
                    "answers": [],
                },
            )
            row["priority"] = max(row["priority"], priority)
            row["answers"].append(
                FollowUpAnswer(
                    respondent.view.role,
                    respondent.view.name,
                    stored.status if stored is not None else "unanswered",
                )
            )
    result = [
        FollowUpRow(
            action_text=row["text"],
            source_period=before_view.period,
            questionnaire_id=row["qid"],
            dimension_id=row["did"],
            aims_at=row["aims_at"],
            status=_combined_status(row["answers"]),
            answers=tuple(row["answers"]),
            before=_aimed_score(before_view, row["qid"], row["did"]),
            after=_aimed_score(after_view, row["qid"], row["did"]),
            priority=row["priority"],
        )
        for row in rows.values()
    ]
    result.sort(key=lambda r: (-r.priority, r.action_text))
    return result


def _step(
    before: PeriodView,
    after: PeriodView,
    earlier: Sequence[_Respondent],
    later: Sequence[_Respondent],
    catalogue: Sequence[QuestionnaireInfo],
) -> Step:
    defined = _defined_findings(earlier) & _defined_findings(later)
    fired_before = {(f.questionnaire_id, f.finding_id): f for f in before.findings}
    fired_after = {(f.questionnaire_id, f.finding_id): f for f in after.findings}

    def change(f: OrganisationFinding) -> FindingChange:
        return FindingChange(f.questionnaire_id, f.finding_id, f.title, f.positive)

    return Step(
        before=before.period,
        after=after.period,
        appeared=tuple(
            change(f) for k, f in fired_after.items() if k not in fired_before and k in defined
        ),
        resolved=tuple(
            change(f) for k, f in fired_before.items() if k not in fired_after and k in defined
        ),
        moved_items=tuple(_moved_items(earlier, later)),
        version_notes=tuple(_version_notes(before.period, after.period, earlier, later, catalogue)),
        followups=tuple(_followups(earlier, later, before, after)),
    )


def build_comparison(
    inputs: Sequence[RespondentInput], organisation: str = "", unit: str | None = None
) -> Comparison:
    """The comparison of complete assessments of one organisation (and unit).

    ``organisation`` and ``unit`` default to those of the first input. Drafts should not be
    passed (the store's loader only passes complete assessments).
    """
    first = inputs[0].assessment if inputs else None
    name = organisation or (first.organisation if first else "")
    unit_name = unit if unit is not None else (first.unit if first else "")
    by_period: dict[str, list[_Respondent]] = {}
    for source in inputs:
        by_period.setdefault(source.assessment.period, []).append(_respondent(source))
    periods = sorted(by_period)
    for respondents in by_period.values():
        respondents.sort(
            key=lambda r: (role_order(r.view.role), r.view.name.casefold(), r.view.assessment_id)
        )
    catalogue = _catalogue(periods, by_period)
    views = [_period_view(p, by_period[p], catalogue) for p in periods]
    present = [_period_dimensions(by_period[p]) for p in periods]

    indices = [
        _series(
            "overall",
            "Overall index",
            "",
            None,
            periods,
            [v.overall for v in views],
            [True] * len(views),
        )
    ]
    for questionnaire in catalogue:
        qid = questionnaire.questionnaire_id
        indices.append(
            _series(
                qid,
                questionnaire.title,
                qid,
                None,
                periods,
                [v.indices.get(qid) for v in views],
                [qid in p for p in present],
            )
        )
    dimensions = [
        _series(
            f"{d.questionnaire_id}/{d.dimension_id}",
            d.title,
            d.questionnaire_id,
            d.dimension_id,
            periods,
            [v.dimensions.get((d.questionnaire_id, d.dimension_id)) for v in views],
            [d.dimension_id in p.get(d.questionnaire_id, set()) for p in present],
        )
        for questionnaire in catalogue
        for d in questionnaire.dimensions
    ]
    steps = [
        _step(views[i - 1], views[i], by_period[periods[i - 1]], by_period[periods[i]], catalogue)
        for i in range(1, len(periods))
    ]
    return Comparison(
        organisation=name,
        unit=unit_name,
        periods=tuple(periods),
        questionnaires=catalogue,
        period_views=tuple(views),
        indices=tuple(indices),
        dimensions=tuple(dimensions),
        steps=tuple(steps),
        version_notes=tuple(note for step in steps for note in step.version_notes),
    )


# --- JSON --------------------------------------------------------------------------------------


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _series_json(series: Series) -> dict[str, Any]:
    data: dict[str, Any] = {"key": series.key, "title": series.title}
    if series.questionnaire_id:
        data["questionnaire"] = series.questionnaire_id
    if series.dimension_id is not None:
        data["dimension"] = series.dimension_id
    data.update(
        {
            "scores": {p.period: _r(p.score) for p in series.points},
            "changes": {p.period: _r(p.change) for p in series.points},
            "slope": None if series.slope is None else round(series.slope, 2),
            "trend": series.trend or None,
        }
    )
    return data


def _nested(scores: Mapping[DimensionKey, float | None]) -> dict[str, dict[str, float | None]]:
    nested: dict[str, dict[str, float | None]] = {}
    for (qid, did), score in scores.items():
        nested.setdefault(qid, {})[did] = _r(score)
    return nested


def _period_json(view: PeriodView) -> dict[str, Any]:
    return {
        "period": view.period,
        "overall": _r(view.overall),
        "indices": {qid: _r(s) for qid, s in view.indices.items()},
        "dimensions": _nested(view.dimensions),
        "respondents": [
            {
                "id": r.assessment_id,
                "name": r.name,
                "role": r.role,
                "overall": _r(r.overall),
                "indices": {qid: _r(s) for qid, s in r.indices.items()},
                "dimensions": _nested(r.dimensions),
            }
            for r in view.respondents
        ],
        "findings": [
            {
                "id": f.finding_id,
                "questionnaire": f.questionnaire_id,
                "title": f.title,
                "severity": f.severity,
                "positive": f.positive,
                "fired_for": f.fired_for,
                "respondents": f.respondents,
            }
            for f in view.findings
        ],
        "gaps": [
            {
                "questionnaire": g.questionnaire_id,
                "dimension": g.dimension_id,
                "title": g.title,
                "scores": {role: _r(score) for role, score in g.scores},
                "gap": _r(g.gap),
                "flagged": g.flagged,
                "finding": g.finding_title if g.flagged else None,
            }
            for g in view.gaps
        ],
    }


def _change_json(change: FindingChange) -> dict[str, Any]:
    return {
        "id": change.finding_id,
        "questionnaire": change.questionnaire_id,
        "title": change.title,
        "positive": change.positive,
    }


def _step_json(step: Step) -> dict[str, Any]:
    return {
        "from": step.before,
        "to": step.after,
        "appeared": [_change_json(c) for c in step.appeared],
        "resolved": [_change_json(c) for c in step.resolved],
        "moved_items": [
            {
                "questionnaire": m.questionnaire_id,
                "item": m.item_id,
                "text": m.text,
                "before": _r(m.before),
                "after": _r(m.after),
                "change": _r(m.change),
            }
            for m in step.moved_items
        ],
        "version_notes": list(step.version_notes),
        "followups": [
            {
                "action": f.action_text,
                "source_period": f.source_period,
                "questionnaire": f.questionnaire_id,
                "dimension": f.dimension_id,
                "aims_at": f.aims_at,
                "status": f.status,
                "answers": [
                    {"role": a.role, "respondent": a.respondent, "status": a.status}
                    for a in f.answers
                ],
                "before": _r(f.before),
                "after": _r(f.after),
                "change": _r(f.change),
            }
            for f in step.followups
        ],
    }


def comparison_to_json(comparison: Comparison) -> dict[str, Any]:
    """The JSON shape of ``assessor compare --json`` (see the README; scores to 1 decimal)."""
    return {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "organisation": comparison.organisation,
        "unit": comparison.unit,
        "periods": list(comparison.periods),
        "gap_threshold": GAP_THRESHOLD,
        "questionnaires": [
            {
                "id": q.questionnaire_id,
                "title": q.title,
                "dimensions": [{"id": d.dimension_id, "title": d.title} for d in q.dimensions],
            }
            for q in comparison.questionnaires
        ],
        "indices": [_series_json(s) for s in comparison.indices],
        "dimensions": [_series_json(s) for s in comparison.dimensions],
        "by_period": [_period_json(v) for v in comparison.period_views],
        "steps": [_step_json(s) for s in comparison.steps],
        "version_notes": list(comparison.version_notes),
    }
