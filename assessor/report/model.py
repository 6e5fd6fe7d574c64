"""The report model: everything a diagnosis report shows, as plain data with no layout.

:mod:`assessor.report.builder` fills it from an assessment and its diagnosis;
:mod:`assessor.report.render` lays it out as a PDF. Strings here are user or questionnaire text
as given: escaping for the PDF happens only as it is laid out (:func:`.blocks.plain`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assessor.diagnosis.figures import points_change

#: The heading of the box of cautions on the summary page and the Results page.
CAUTION_HEADING = "Read with care"


@dataclass(frozen=True)
class ScoreView:
    """A score with its band; ``score`` is None when there were not enough answers."""

    label: str
    score: float | None
    band: str = ""
    meaning: str = ""
    band_index: int = -1
    coverage: float = 1.0


@dataclass(frozen=True)
class DimensionView:
    """One dimension's score, coverage and how many answers it rests on.

    ``result.meaning`` is the dimension's own meaning for its score where the questionnaire
    authors one, else the questionnaire band's. ``previous`` is the previous period's score
    (None when there is none), marked on the dimension chart.
    """

    questionnaire_id: str
    dimension_id: str
    title: str
    description: str
    result: ScoreView
    answered: int
    dont_know: int
    total: int
    previous: float | None = None
    consequence: str = ""


@dataclass(frozen=True)
class FindingView:
    """A fired finding as the reader sees it."""

    questionnaire_id: str
    finding_id: str
    questionnaire_title: str
    title: str
    severity: str
    explanation: str
    actions: tuple[str, ...]
    sources: tuple[str, ...]
    positive: bool
    #: "pattern", "watch" (a dimension in its Fragile range), "flag" (one telling answer),
    #: "fallback" (a weak dimension no pattern explains) or "next-step" (the step to Strong)
    kind: str = "pattern"
    #: "article", "practice" or "" when the questionnaire does not say (v1)
    basis: str = ""
    #: what it costs the business: the finding's, else its dimension's, else the report's text
    consequence: str = ""
    #: flags: the question and the answer that raised the flag
    flagged_item: str = ""
    flagged_answer: str = ""
    #: the score that sizes it ("Freedom from chaos 23"), or ""
    evidence: str = ""
    #: organisation report: who it fired for ("seen by 2 of 3: …"), else ""
    seen_by: str = ""
    #: organisation report: fired for at least half of the respondents
    majority: bool = True
    #: the dimension its actions aim at, if it names one
    dimension_id: str | None = None


#: Owners of actions as the reader sees them.
OWNER_LABELS = {
    "ceo": "Chief executive",
    "marketing": "Marketing lead",
    "sales": "Sales lead",
    "leadership": "Leadership team",
}
#: Horizons of actions, in plan order, as the reader sees them.
HORIZON_LABELS = {
    "month": "This month",
    "quarter": "This quarter",
    "half": "Within six months",
}
#: The work an action takes, as the reader sees it ("How to read" defines the scale).
EFFORT_LABELS = {
    "hours": "Hours",
    "days": "Days",
    "project": "Project",
}
#: What the follow-up said became of an action, as a carried-over action says it.
CARRIED_LABELS = {
    "in-progress": "in progress",
    "not-started": "not started",
    "mixed": "answers differ",
}


@dataclass(frozen=True)
class FollowedAction:
    """An action of the previous period's report and what its follow-up said became of it.

    ``status`` is "done", "in-progress", "not-started" or "mixed" (respondents differ).
    """

    text: str
    status: str
    questionnaire_id: str
    dimension_id: str | None
    period: str


@dataclass(frozen=True)
class ActionView:
    """One action of the plan, ranked by priority (importance × gap).

    ``owner``, ``horizon`` and ``done_when`` are None for the plain-text actions of v1
    questionnaires, ``effort`` when the questionnaire does not size the action. ``answers``
    are the titles of the findings the action answers. Every action is authored in a
    questionnaire: the report never invents one. ``carried_over`` says, for an action the
    previous period's follow-up left open, since when and how far it got ("2026-Q1, in
    progress"); it is "" for a new one.
    """

    rank: int
    text: str
    priority: float
    aims_at: str
    owner: str | None = None
    horizon: str | None = None
    done_when: str | None = None
    answers: tuple[str, ...] = ()
    effort: str | None = None
    carried_over: str = ""
    #: organisation report: whose plans hold it ("2 of 3"), else ""
    seen_by: str = ""
    questionnaire_id: str = ""
    dimension_id: str | None = None
    #: the ids of the findings it answers
    finding_ids: tuple[str, ...] = ()

    @property
    def owner_label(self) -> str:
        """Who acts ("Marketing lead"), or "—" when the action names nobody."""
        if self.owner is None:
            return "—"
        return OWNER_LABELS.get(self.owner, self.owner)

    @property
    def horizon_label(self) -> str:
        """By when ("This quarter"), or "Unscheduled"."""
        if self.horizon is None:
            return "Unscheduled"
        return HORIZON_LABELS.get(self.horizon, self.horizon)

    @property
    def effort_label(self) -> str:
        """How much work ("Days"), or "—" when the questionnaire does not say."""
        if self.effort is None:
            return "—"
        return EFFORT_LABELS.get(self.effort, self.effort)


@dataclass(frozen=True)
class QuestionnaireView:
    """One questionnaire's section: its index, dimensions and the articles it draws on."""

    questionnaire_id: str
    title: str
    version: int
    description: str
    result: ScoreView
    dimensions: tuple[DimensionView, ...]
    sources: tuple[str, ...]
    #: the questionnaire's band labels, worst first
    band_names: tuple[str, ...] = ()

    @property
    def band_count(self) -> int:
        """How many bands the questionnaire has (four when it does not say)."""
        return len(self.band_names) or 4


@dataclass(frozen=True)
class SinceLastView:
    """Changes against the previous period of the same organisation and unit.

    Each dimension's own change is on the chart (:attr:`DimensionView.previous`).
    """

    previous_period: str
    new_findings: tuple[str, ...]
    resolved_findings: tuple[str, ...]
    #: the questionnaires whose version changed since the previous period
    versions_changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerView:
    """One question of the appendix with its answer, reason, the article's point and note."""

    number: str
    text: str
    answer: str
    why: str
    source: str
    note: str
    argument: str = ""
    #: "article", "practice" or "" (v1)
    basis: str = ""


@dataclass(frozen=True)
class AppendixSection:
    """The answers given to one questionnaire."""

    title: str
    answers: tuple[AnswerView, ...]
    #: how many of its questions are asked of other roles only (left out of the appendix)
    other_roles: int = 0


@dataclass(frozen=True)
class ProblemView:
    """One line of "What is wrong": a finding, or a dimension below Strong that none covers."""

    text: str
    detail: str
    consequence: str
    #: "pattern", "watch", "flag" or "dimension"
    kind: str
    severity: str = ""
    seen_by: str = ""
    #: a dimension's meaning for its score, printed after the sentence
    note: str = ""
    #: (questionnaire id, finding id) of a finding, or (questionnaire id, dimension id)
    key: tuple[str, str] = ("", "")
    #: the dimension it is about (a finding's, if it names one), and how it reads in a line:
    #: "Freedom to think, Sound at 61"
    dimension_id: str | None = None
    label: str = ""


@dataclass(frozen=True)
class ConsequenceView:
    """One line of "Why it matters": a consequence and the numbers of the problems it follows."""

    problems: tuple[int, ...]
    text: str


@dataclass(frozen=True)
class StrengthView:
    """One of the strongest dimensions (or a healthy pattern) for "Strengths"."""

    title: str
    score: float | None
    band: str
    band_index: int
    meaning: str


@dataclass(frozen=True)
class StandView:
    """ "Where you stand": the overall index, its stage, and the change since last period."""

    overall: ScoreView
    stage: str
    indices: tuple[ScoreView, ...]
    previous_period: str = ""
    previous: float | None = None

    @property
    def change(self) -> float | None:
        """The change in points of the rounded indices printed, or None."""
        change = points_change(self.previous, self.overall.score)
        return None if change is None else float(change)


@dataclass(frozen=True)
class SummaryView:
    """The summary page: where you stand, what is wrong, why it matters, what to do, strengths.

    ``first`` are the first actions; ``first_for`` the number of the problem each answers (0
    for one that is simply next in the plan). ``without_action`` says, for each problem no
    open action answers, why not, plainly; ``decision`` is the one line saying what the
    leadership team is asked to decide.
    """

    stand: StandView
    wrong: tuple[ProblemView, ...]
    why: tuple[ConsequenceView, ...]
    first: tuple[ActionView, ...]
    strengths: tuple[StrengthView, ...]
    #: every scored dimension is Strong (only then may the plan be empty)
    all_strong: bool
    #: said instead of the strengths when no dimension is Sound or Strong
    strengths_note: str = ""
    first_for: tuple[int, ...] = ()
    without_action: tuple[str, ...] = ()
    decision: str = ""


@dataclass(frozen=True)
class PlanGroup:
    """The actions of the plan due within one horizon."""

    title: str
    actions: tuple[ActionView, ...]


@dataclass(frozen=True)
class PlanView:
    """The 90-day plan: at most ten actions grouped by horizon, the rest for later.

    ``done`` are the actions the follow-up of ``done_period``'s report says are done: they
    are not proposed again, only named.
    """

    groups: tuple[PlanGroup, ...]
    later: tuple[ActionView, ...]
    done: tuple[str, ...] = ()
    done_period: str = ""

    @property
    def count(self) -> int:
        """How many actions the plan proper holds."""
        return sum(len(group.actions) for group in self.groups)

    @property
    def numbers(self) -> dict[str, int]:
        """Each action's number in the plan, by its text's identity (spacing and case ignored)."""
        actions = [a for group in self.groups for a in group.actions] + list(self.later)
        return {" ".join(a.text.split()).casefold(): a.rank for a in actions}


@dataclass(frozen=True)
class MethodView:
    """What the closing page, "Method and sources", states about this report's questionnaires."""

    sources: tuple[str, ...]
    min_coverage: float
    items_on_articles: int
    items_on_practice: int
    items_unmarked: int
    findings_on_articles: int
    findings_on_practice: int
    findings_unmarked: int
    bands: tuple[tuple[str, float, float], ...]
    #: each questionnaire, "Title (version N)", with what it asks (its description's first
    #: sentence)
    questionnaires: tuple[tuple[str, str], ...] = ()
    #: whether a bundled questionnaire is among them (their shared position is said once)
    bundled: bool = False


@dataclass(frozen=True)
class Report:
    """A whole diagnosis report."""

    title: str
    organisation: str
    unit: str
    respondent: str
    role: str
    period: str
    generated: str
    status: str
    versions: tuple[str, ...]
    overall: ScoreView
    questionnaires: tuple[QuestionnaireView, ...]
    findings: tuple[FindingView, ...]
    actions: tuple[ActionView, ...]
    evidence_warnings: tuple[str, ...]
    band_legend: tuple[str, ...]
    appendix: tuple[AppendixSection, ...]
    summary: SummaryView
    plan: PlanView
    method: MethodView
    since_last: SinceLastView | None = None
    not_evaluated: tuple[str, ...] = field(default_factory=tuple)
    #: "Read with care": each caution raised, one plain sentence (questionnaire or engine text)
    cautions: tuple[str, ...] = ()
    #: "About the organisation": the profile's known answers, one plain line each (never scored)
    about: tuple[str, ...] = ()


# --- The organisation report -----------------------------------------------------------------


@dataclass(frozen=True)
class RespondentColumn:
    """One respondent of the period, as a column of the side-by-side table."""

    name: str
    role: str
    overall: float | None


@dataclass(frozen=True)
class SideBySideRow:
    """One row of "each respondent's view": a questionnaire index or one of its dimensions.

    ``scores`` follow the order of the report's respondents; ``gap`` is the perception gap
    between roles (None with fewer than two roles scoring it).
    """

    label: str
    is_index: bool
    organisation: float | None
    scores: tuple[float | None, ...]
    gap: float | None = None
    flagged: bool = False
    #: on how many respondents the organisation's score rests, when not on all ("2 of 3")
    based_on: str = ""


@dataclass(frozen=True)
class GapView:
    """A perception gap: who sees what differently, by how much, and whether it is flagged."""

    title: str
    detail: str
    gap: float
    flagged: bool


@dataclass(frozen=True)
class DisputeView:
    """A fact the respondents answered differently, as counts (never names)."""

    text: str
    dimension: str
    #: "1 of 3: written and agreed; 2 of 3: word of mouth"
    counts: str


@dataclass(frozen=True)
class OutcomeRowView:
    """One business outcome in the organisation report: this period's value and the last."""

    title: str
    definition: str
    #: ``↑ higher is better`` or ``↓ lower is better``
    direction: str
    value: str
    previous: str
    #: the change as printed (``+2.4%``), or "" when either value is not known
    change: str
    #: "better", "worse", "level" or "" (no change known)
    verdict: str


@dataclass(frozen=True)
class OutcomesView:
    """The period's business outcomes and the change since the last period that has any."""

    period: str
    previous_period: str
    rows: tuple[OutcomeRowView, ...]
    #: who entered them and from where ("Entered by Tom Becker; source: CRM report …")
    provenance: str = ""


@dataclass(frozen=True)
class OrganisationReport:
    """The organisation's diagnosis for one period, from every complete respondent's answers.

    Scores are the comparison's (a dimension is the mean of its respondents' scores); findings
    and actions are every respondent's, merged, each saying whom it came from.
    """

    title: str
    organisation: str
    unit: str
    period: str
    generated: str
    respondents: tuple[RespondentColumn, ...]
    overall: ScoreView
    questionnaires: tuple[QuestionnaireView, ...]
    findings: tuple[FindingView, ...]
    actions: tuple[ActionView, ...]
    side_by_side: tuple[SideBySideRow, ...]
    #: every dimension's gap between roles, widest first
    gaps: tuple[GapView, ...]
    gap_threshold: float
    band_legend: tuple[str, ...]
    summary: SummaryView
    plan: PlanView
    method: MethodView
    versions: tuple[str, ...]
    previous_period: str = ""
    version_notes: tuple[str, ...] = ()
    #: the period's business outcomes (None when the organisation has none entered)
    outcomes: OutcomesView | None = None
    #: answers given under confidential invitations: groups and counts, never names
    confidential: bool = False
    #: who answered by role and count ("1 chief executive, 2 sales leads")
    team: str = ""
    #: facts the respondents answered differently, most consequential first
    disputes: tuple[DisputeView, ...] = ()
    #: invitations not answered yet ("invited 3, returned 2; still out: sales"; "" when none)
    still_out: str = ""

    @property
    def respondent(self) -> str:
        """The respondents' names, for the PDF's author field."""
        return ", ".join(r.name for r in self.respondents)

    @property
    def flagged_gaps(self) -> tuple[GapView, ...]:
        """The gaps of the threshold or more, widest first."""
        return tuple(gap for gap in self.gaps if gap.flagged)

    @property
    def roles(self) -> int:
        """How many different roles answered."""
        return len({r.role for r in self.respondents})
