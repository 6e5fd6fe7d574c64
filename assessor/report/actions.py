"""Actions as the reports show them: their authored details, and what became of last period's.

Every action a report proposes is written in a questionnaire; the report never invents one.
This module finds an action's authored entry (for its effort, and for an action carried over
from the previous period) and applies the action follow-up
(:mod:`assessor.comparison.followup`): when a period starts, its respondents say of each of the
previous report's top actions whether it is done, in progress or not started. The report of the
new period reads those answers:

- an action the follow-up says is **done** is not proposed again: the plan only names it;
- an **open** one (in progress, not started, or answers that differ) stays, marked "carried
  over", and it is brought back even when no finding of this period proposes it, as long as
  the dimension it aims at is still below Strong;
- in the organisation report an action counts as done only when every respondent who answered
  about it said so; when they differ it is open, "answers differ".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from assessor.comparison.followup import FollowUp, action_key
from assessor.questionnaire.model import Action, Finding, Questionnaire, aims_at
from assessor.report.model import (
    CARRIED_LABELS,
    ActionView,
    FollowedAction,
    QuestionnaireView,
    ScoreView,
)


def authored_action(
    definitions: Mapping[str, Questionnaire], questionnaire_id: str, text: str
) -> tuple[Finding, Action] | None:
    """The finding and the authored action of ``questionnaire_id`` whose text is ``text``
    (spacing and case ignored), or None (a plain-text v1 action, or one no longer written)."""
    questionnaire = definitions.get(questionnaire_id)
    if questionnaire is None:
        return None
    key = action_key(text)
    for finding in questionnaire.findings:
        for action in finding.actions:
            if isinstance(action, Action) and action_key(action.text) == key:
                return finding, action
    return None


def followed_actions(followups: Sequence[FollowUp]) -> list[FollowedAction]:
    """Follow-up answers merged by action text: the one status given, or "mixed"."""
    merged: dict[str, tuple[FollowUp, set[str]]] = {}
    for followup in followups:
        entry = merged.setdefault(action_key(followup.action_text), (followup, set()))
        entry[1].add(followup.status)
    return [
        FollowedAction(
            text=first.action_text,
            status=next(iter(statuses)) if len(statuses) == 1 else "mixed",
            questionnaire_id=first.questionnaire_id,
            dimension_id=first.dimension_id,
            period=first.source_period,
        )
        for first, statuses in merged.values()
    ]


def _carried_label(followed: FollowedAction) -> str:
    return f"{followed.period}, {CARRIED_LABELS.get(followed.status, followed.status)}"


def _aimed_result(
    views: Mapping[str, QuestionnaireView], questionnaire_id: str, dimension_id: str | None
) -> tuple[ScoreView, int] | None:
    """The score an action aims at (its dimension's, else its questionnaire's) and the number
    of bands it is read against."""
    view = views.get(questionnaire_id)
    if view is None:
        return None
    for dimension in view.dimensions:
        if dimension.dimension_id == dimension_id:
            return dimension.result, view.band_count
    return view.result, view.band_count


def _reopened(
    followed: FollowedAction,
    definitions: Mapping[str, Questionnaire],
    views: Mapping[str, QuestionnaireView],
) -> ActionView | None:
    """An open action of the previous period that no finding of this one proposes, if the
    dimension it aims at is still below Strong."""
    found = authored_action(definitions, followed.questionnaire_id, followed.text)
    dimension_id = followed.dimension_id
    if found is not None:
        dimension_id = found[1].dimension or found[0].dimension or dimension_id
    aimed = _aimed_result(views, followed.questionnaire_id, dimension_id)
    if aimed is None:
        return None
    result, bands = aimed
    if result.score is None or not 0 <= result.band_index < bands - 1:
        return None  # not scored now, or Strong: nothing left to carry
    finding, action = found if found is not None else (None, None)
    importance = finding.importance if finding is not None else 1.0
    return ActionView(
        rank=0,
        text=action.text if action is not None else followed.text,
        priority=importance * (100.0 - result.score),
        aims_at=aims_at(definitions, followed.questionnaire_id, dimension_id),
        owner=action.owner if action is not None else None,
        horizon=action.horizon if action is not None else None,
        done_when=action.done_when if action is not None else None,
        answers=(finding.title,) if finding is not None else (),
        effort=action.effort if action is not None else None,
        carried_over=_carried_label(followed),
        questionnaire_id=followed.questionnaire_id,
        dimension_id=dimension_id,
        finding_ids=(finding.id,) if finding is not None else (),
    )


def carry_over(
    actions: Sequence[ActionView],
    followed: Sequence[FollowedAction],
    definitions: Mapping[str, Questionnaire],
    questionnaires: Sequence[QuestionnaireView],
) -> tuple[list[ActionView], tuple[str, ...]]:
    """The plan with the follow-up applied, numbered again, and the texts of the done actions.

    ``actions`` are this period's ranked actions; ``followed`` what the follow-up of the
    previous period's report said. A reopened action takes its place by priority.
    """
    by_key = {action_key(f.text): f for f in followed}
    done = tuple(f.text for f in followed if f.status == "done")
    kept: list[ActionView] = []
    for action in actions:
        previous = by_key.pop(action_key(action.text), None)
        if previous is not None and previous.status == "done":
            continue
        if previous is not None:
            action = replace(action, carried_over=_carried_label(previous))
        kept.append(action)
    views = {view.questionnaire_id: view for view in questionnaires}
    for previous in by_key.values():
        reopened = None if previous.status == "done" else _reopened(previous, definitions, views)
        if reopened is not None:
            # before the first action of lower priority: this period's order stays as ranked
            at = next((i for i, a in enumerate(kept) if a.priority < reopened.priority), None)
            kept.insert(len(kept) if at is None else at, reopened)
    return [replace(a, rank=rank) for rank, a in enumerate(kept, start=1)], done
