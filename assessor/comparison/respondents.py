"""The assessments a comparison is built from: what callers pass (:class:`RespondentInput`),
each one diagnosed with its own scores (:class:`ComparedRespondent`), and what their
questionnaire definitions hold across periods (the catalogue of questionnaires and dimensions,
the dimensions present in a period).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessor.comparison.followup import FollowUp
from assessor.comparison.model import DimensionInfo, DimensionKey, QuestionnaireInfo, RespondentView
from assessor.comparison.shared_items import shared_scores
from assessor.diagnosis.findings import Diagnosis, diagnose
from assessor.exchange.exchange_file import Assessment
from assessor.questionnaire.model import Questionnaire


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
    #: answered under a confidential invitation: reported by role and count only
    confidential: bool = False


@dataclass
class ComparedRespondent:
    """A respondent while building: the input, its diagnosis and derived scores."""

    source: RespondentInput
    diagnosis: Diagnosis
    view: RespondentView
    #: dimension scores over the items asked of every role (perception gaps compare these)
    shared: dict[DimensionKey, float | None]


def compared_respondent(source: RespondentInput) -> ComparedRespondent:
    """The input diagnosed (unless its diagnosis was passed), with its own scores."""
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
        confidential=source.confidential,
    )
    shared = shared_scores(source.definitions, assessment.answers, assessment.respondent.role)
    return ComparedRespondent(source, diagnosis, view, shared)


def catalogue(
    periods: Sequence[str], by_period: Mapping[str, Sequence[ComparedRespondent]]
) -> tuple[QuestionnaireInfo, ...]:
    """Every questionnaire and dimension of any period; order and titles from the newest.

    Profile questionnaires are left out: they have no scores to compare.
    """
    titles: dict[str, str] = {}
    dims: dict[str, dict[str, str]] = {}
    for period in reversed(periods):
        for respondent in by_period[period]:
            for qid, questionnaire in respondent.source.definitions.items():
                if questionnaire.is_profile:
                    continue
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


def period_dimensions(respondents: Sequence[ComparedRespondent]) -> dict[str, set[str]]:
    """questionnaire id -> the dimension ids its definitions have in this period."""
    found: dict[str, set[str]] = {}
    for respondent in respondents:
        for qid, questionnaire in respondent.source.definitions.items():
            found.setdefault(qid, set()).update(d.id for d in questionnaire.dimensions)
    return found
