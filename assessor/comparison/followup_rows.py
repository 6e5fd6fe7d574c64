"""Action follow-up in a comparison: what became of the previous period's actions, beside the
change in the dimension each aimed at.

For each respondent of the later period, the top
:data:`~assessor.comparison.followup.FOLLOW_UP_LIMIT` actions of the previous period's report
are followed up (the same role's assessment, else the first:
:func:`~assessor.comparison.roles.choose_source`), with the status that respondent gave (done /
in progress / not started, or unanswered). Actions answered about but no longer among those are
kept too. Rows are merged by action text (:func:`~assessor.comparison.followup.action_key`) and
ranked by priority.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assessor.comparison.followup import FOLLOW_UP_LIMIT, action_key
from assessor.comparison.model import FollowUpAnswer, FollowUpRow, PeriodView
from assessor.comparison.respondents import ComparedRespondent
from assessor.comparison.roles import choose_source
from assessor.questionnaire.model import aims_at


def _aimed_score(view: PeriodView, qid: str, did: str | None) -> float | None:
    if did is not None and (qid, did) in view.dimensions:
        return view.dimensions[(qid, did)]
    return view.indices.get(qid)


def _combined_status(answers: Sequence[FollowUpAnswer]) -> str:
    given = {a.status for a in answers if a.status != "unanswered"}
    if not given:
        return "unanswered"
    return given.pop() if len(given) == 1 else "mixed"


def followup_rows(
    earlier: Sequence[ComparedRespondent],
    later: Sequence[ComparedRespondent],
    before_view: PeriodView,
    after_view: PeriodView,
) -> list[FollowUpRow]:
    """The follow-up of the ``earlier`` period's actions by the ``later`` period's respondents.

    A row's status is the one status its respondents gave, "mixed" when they differ, or
    "unanswered"; ``before``/``after`` are the aimed-at dimension's (else index's) scores.
    When the later period's answers are confidential, each answer carries its status only.
    """
    candidates = [(index, r.view.role, r.view.name) for index, r in enumerate(earlier)]
    confidential = after_view.confidential or any(r.source.confidential for r in later)
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
                # Confidential answers: the status is counted, never put beside a name or a
                # role (one role is often one person).
                FollowUpAnswer(
                    "" if confidential else respondent.view.role,
                    "" if confidential else respondent.view.name,
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
