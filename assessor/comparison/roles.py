"""Respondent roles in a comparison: how they read, the order they are listed in, and which of
an earlier period's assessments stands for a respondent of a given role.

The store's action follow-up and the comparison both choose through :func:`choose_source`, so
that they pick the same earlier assessment.
"""

from __future__ import annotations

from collections.abc import Sequence

from assessor.exchange.exchange_file import ROLES

#: How each role reads as a label ("Sales lead").
ROLE_LABELS = {
    "ceo": "Chief executive",
    "marketing": "Marketing lead",
    "sales": "Sales lead",
    "other": "Other role",
}
#: How each role reads inside a sentence ("marketing").
_ROLE_NAMES = {
    "ceo": "the chief executive",
    "marketing": "marketing",
    "sales": "sales",
    "other": "other respondents",
}


def role_order(role: str) -> int:
    """The place of a role in listings: chief executive, marketing, sales, other."""
    return ROLES.index(role) if role in ROLES else len(ROLES)


def role_pair(first: str, second: str) -> str:
    """Two roles as a sentence names them, in role order ("marketing and sales")."""
    one, other = sorted((first, second), key=role_order)
    return f"{_ROLE_NAMES.get(one, one)} and {_ROLE_NAMES.get(other, other)}"


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
