"""What changed from one period of a comparison to the next: a
:class:`~assessor.comparison.model.Step`.

- **Findings.** A finding *appeared* or *resolved* only when its questionnaire in both periods
  defines it, so a version change never shows up as a resolution.
- **Items that moved most.** The organisation's item score (0–1, mean over respondents who
  answered, visible items only) compared only where the item id exists in both periods, the
  item is scored in both and of the same kind; the :data:`ITEM_MOVES` largest moves of at least
  :data:`MIN_ITEM_MOVE` points are listed.
- **Version changes.** When a questionnaire's version differs between the periods, dimensions
  are compared only where present in both, and a note says so.
- **Action follow-up** comes from :mod:`assessor.comparison.followup_rows`.
"""

from __future__ import annotations

from collections.abc import Sequence

from assessor.comparison.followup_rows import followup_rows
from assessor.comparison.model import (
    FindingChange,
    ItemMove,
    OrganisationFinding,
    PeriodView,
    QuestionnaireInfo,
    Step,
)
from assessor.comparison.respondents import ComparedRespondent, period_dimensions
from assessor.diagnosis.scores import Context, item_score
from assessor.diagnosis.visibility import visible_answers

#: How many items a step lists under "moved most".
ITEM_MOVES = 5
#: Item moves smaller than this (points) are not listed.
MIN_ITEM_MOVE = 1.0


def _defined_findings(respondents: Sequence[ComparedRespondent]) -> set[tuple[str, str]]:
    return {
        (qid, finding.id)
        for r in respondents
        for qid, questionnaire in r.source.definitions.items()
        for finding in questionnaire.findings
    }


def _versions(respondents: Sequence[ComparedRespondent], qid: str) -> list[int]:
    return sorted(
        {r.source.definitions[qid].version for r in respondents if qid in r.source.definitions}
    )


def version_notes(
    before: str,
    after: str,
    earlier: Sequence[ComparedRespondent],
    later: Sequence[ComparedRespondent],
    catalogue: Sequence[QuestionnaireInfo],
) -> list[str]:
    """A note for each questionnaire answered in only one period or whose version changed."""
    notes: list[str] = []
    dims_before, dims_after = period_dimensions(earlier), period_dimensions(later)
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
    respondents: Sequence[ComparedRespondent],
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
                meta.setdefault(key, (item.kind, item.text, titles.get(item.dimension or "", "")))
    return {
        key: (sum(values) / len(values), *meta[key])
        for key, values in sums.items()
        if len(kinds[key]) == 1
    }


def moved_items(
    earlier: Sequence[ComparedRespondent], later: Sequence[ComparedRespondent]
) -> list[ItemMove]:
    """The items whose organisation score moved most between the two periods, largest first."""
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


def step(
    before: PeriodView,
    after: PeriodView,
    earlier: Sequence[ComparedRespondent],
    later: Sequence[ComparedRespondent],
    catalogue: Sequence[QuestionnaireInfo],
) -> Step:
    """The step from the ``before`` period (respondents ``earlier``) to ``after`` (``later``)."""
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
        moved_items=tuple(moved_items(earlier, later)),
        version_notes=tuple(version_notes(before.period, after.period, earlier, later, catalogue)),
        followups=tuple(followup_rows(earlier, later, before, after)),
    )
