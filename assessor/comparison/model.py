"""The result of a comparison: plain, frozen data for the History view, the comparison PDF, the
organisation report and ``assessor compare --json``.

:class:`Comparison` holds the periods compared (:class:`PeriodView`: the organisation view, each
respondent, the findings that count for the organisation and the perception gaps between
roles), the score series with their trends (:class:`Series`) and what changed from one period to
the next (:class:`Step`: findings that appeared or resolved, items that moved most, version
notes, action follow-up) and the business outcomes beside them (:class:`OutcomeSeries`, and
:class:`OutcomeMove` on each follow-up row). How these are computed lives in the modules that
build them (:mod:`assessor.comparison.build` and the modules it names).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assessor.comparison.roles import ROLE_LABELS, role_pair
from assessor.diagnosis.figures import points
from assessor.questionnaire.metrics import Metric

#: A perception gap of this many points or more between two roles is flagged.
GAP_THRESHOLD = 25.0
#: (questionnaire id, dimension id)
DimensionKey = tuple[str, str]


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
    """One respondent of a period, with their own scores; or, where answers are confidential,
    a pooled group of respondents (``count`` > 1, ``assessment_id`` 0, ``name`` the group's,
    scores the means of its members')."""

    assessment_id: int
    name: str
    role: str
    overall: float | None
    indices: dict[str, float | None]
    dimensions: dict[DimensionKey, float | None]
    confidential: bool = False
    #: how many respondents this stands for (1, or a pooled group's size)
    count: int = 1

    @property
    def role_label(self) -> str:
        """The role as a reader sees it ("Sales lead"), or a group's size ("3 respondents")."""
        if self.count > 1 or not self.role:
            return f"{self.count} respondents"
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
    #: "pattern", "watch", "flag", "fallback" or "next-step" (as the questionnaire says)
    kind: str = "pattern"
    #: the dimension its actions aim at, if it names one
    dimension: str | None = None


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


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
        names = role_pair(self.high_role, self.low_role)
        return f"{names[:1].upper()}{names[1:]} see {_lower_first(self.title)} differently"

    @property
    def detail(self) -> str:
        """Each role's score and the gap, e.g. "Marketing lead 30 · Sales lead 80: 50 points"."""
        scores = " · ".join(f"{ROLE_LABELS.get(r, r)} {points(s)}" for r, s in self.scores)
        return f"{scores}: a gap of {self.printed_gap} points"

    @property
    def printed_gap(self) -> int:
        """The gap as printed: the difference of the role scores as printed (whole points)."""
        printed = [points(score) for _, score in self.scores]
        return max(printed) - min(printed)


@dataclass(frozen=True)
class DisputedFact:
    """A fact item the respondents of a period answered differently, as counts (no names).

    ``answers`` are (answer as read, how many gave it), fewest first; ``weight`` is how
    consequential the dispute is (:mod:`assessor.comparison.disputes`).
    """

    questionnaire_id: str
    item_id: str
    text: str
    dimension_title: str
    answers: tuple[tuple[str, int], ...]
    #: how many respondents answered the item (don't know left out)
    respondents: int
    weight: float
    #: the order first seen (ties)
    order: int = 0

    @property
    def counts(self) -> str:
        """ "1 of 3: written and agreed; 2 of 3: word of mouth"."""
        return "; ".join(f"{n} of {self.respondents}: {label}" for label, n in self.answers)


@dataclass(frozen=True)
class PeriodView:
    """One period: the organisation view (mean of respondents) and each respondent.

    ``one_step`` is how many points one respondent moving one answer by one step moves a
    dimension of the organisation, typically (:mod:`assessor.comparison.noise`).
    """

    period: str
    respondents: tuple[RespondentView, ...]
    overall: float | None
    indices: dict[str, float | None]
    dimensions: dict[DimensionKey, float | None]
    findings: tuple[OrganisationFinding, ...]
    gaps: tuple[PerceptionGap, ...]
    one_step: float | None = None
    #: fact items answered differently, most consequential first
    disputes: tuple[DisputedFact, ...] = ()
    #: whether any respondent answered under a confidential invitation: then ``respondents``
    #: are pooled groups of at least 3 (no names) and gaps are between such groups only
    confidential: bool = False

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
class OutcomeMove:
    """How one business outcome related to an action moved between two periods."""

    metric: Metric
    before: float
    after: float
    #: whether it moved for the better (None when level as printed)
    better: bool | None

    @property
    def change(self) -> float:
        """after − before, in the metric's unit."""
        return self.after - self.before

    @property
    def text(self) -> str:
        """``Win rate 22.0% → 24.0%``."""
        metric = self.metric
        return f"{metric.title} {metric.format(self.before)} → {metric.format(self.after)}"

    @property
    def verdict(self) -> str:
        """``better``, ``worse`` or ``level``."""
        return "level" if self.better is None else "better" if self.better else "worse"


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
    #: how the business outcomes related to the aimed-at dimension moved meanwhile
    outcomes: tuple[OutcomeMove, ...] = ()

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
class OutcomePoint:
    """One period of an outcome series: the value (None when not known) and its change."""

    period: str
    value: float | None
    #: the change from the previous period of the series (None when either is not known)
    change: float | None = None
    #: whether the change is for the better (None when level, or no change is known)
    better: bool | None = None


@dataclass(frozen=True)
class OutcomeSeries:
    """One metric's values over the periods, with which way is better."""

    metric: Metric
    points: tuple[OutcomePoint, ...]

    @property
    def known(self) -> tuple[OutcomePoint, ...]:
        """The points with a value."""
        return tuple(p for p in self.points if p.value is not None)

    def value(self, period: str) -> float | None:
        """The value of ``period`` (None when not known)."""
        for point in self.points:
            if point.period == period:
                return point.value
        return None

    @property
    def latest(self) -> OutcomePoint | None:
        """The last point with a value."""
        known = self.known
        return known[-1] if known else None


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
    #: each business outcome metric with a value, over the periods (assessor.comparison.outcomes)
    outcomes: tuple[OutcomeSeries, ...] = field(default_factory=tuple)

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
        return sum(r.count for view in self.period_views for r in view.respondents)
