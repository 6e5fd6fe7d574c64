"""Confidential answers pooled: groups of at least three respondents, never one person.

When any respondent of a period answered under a confidential invitation, the period shows
no respondent by name: its respondents are replaced by pooled groups, each of at least
:data:`MIN_GROUP` respondents, with the mean of their members' scores. The groups are the
first of these that leaves no group smaller than :data:`MIN_GROUP`:

1. each role on its own (every role with at least three respondents);
2. the chief executive against the leads (marketing, sales and other roles);
3. all respondents together (when there are at least three).

With fewer than three respondents there is no group to show: only the organisation's score.
Perception gaps are then between the groups (on shared items), and only with two or more.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assessor.comparison.model import DimensionKey, RespondentView
from assessor.comparison.roles import ROLE_LABELS, role_order

#: The smallest group whose answers are shown when answers are confidential.
MIN_GROUP = 3
#: Pooled groups beyond single roles: key -> (label, roles).
LEADS = ("leads", "Leads (marketing, sales, other)")
ALL = ("all", "All respondents")


def _mean(values: Iterable[float | None]) -> float | None:
    listed = [v for v in values if v is not None]
    return round(sum(listed) / len(listed), 9) if listed else None


def partition(roles: Sequence[str]) -> list[tuple[str, str, list[int]]]:
    """The groups for respondents of these roles: (key, label, indices of the members).

    Empty when no grouping keeps every group at :data:`MIN_GROUP` or more.
    """
    by_role: dict[str, list[int]] = {}
    for index, role in enumerate(roles):
        by_role.setdefault(role, []).append(index)
    ordered = sorted(by_role.items(), key=lambda kv: role_order(kv[0]))
    if len(ordered) > 1 and all(len(members) >= MIN_GROUP for _, members in ordered):
        return [(role, f"{ROLE_LABELS.get(role, role)}s", members) for role, members in ordered]
    chief = by_role.get("ceo", [])
    leads = [i for role, members in ordered if role != "ceo" for i in members]
    if len(chief) >= MIN_GROUP and len(leads) >= MIN_GROUP:
        return [("ceo", "Chief executives", chief), (LEADS[0], LEADS[1], leads)]
    if len(roles) >= MIN_GROUP:
        return [(ALL[0], ALL[1], list(range(len(roles))))]
    return []


def pooled_views(
    respondents: Sequence[RespondentView],
) -> tuple[list[RespondentView], list[tuple[str, list[int]]]]:
    """The pooled groups of a period's respondents (no names), and each group's key and
    members (indices into ``respondents``)."""
    groups = partition([r.role for r in respondents])
    views: list[RespondentView] = []
    for key, label, members in groups:
        people = [respondents[i] for i in members]
        keys: list[DimensionKey] = list(dict.fromkeys(k for r in people for k in r.dimensions))
        qids = list(dict.fromkeys(q for r in people for q in r.indices))
        views.append(
            RespondentView(
                assessment_id=0,
                name=label,
                role=key,
                overall=_mean(r.overall for r in people),
                indices={q: _mean(r.indices.get(q) for r in people) for q in qids},
                dimensions={k: _mean(r.dimensions.get(k) for r in people) for k in keys},
                confidential=True,
                count=len(people),
            )
        )
    return views, [(key, members) for key, _, members in groups]
