"""Which copy of an assessment wins when an import meets one already stored.

A respondent's file can come back more than once (a draft sent early, then the finished one),
and an invitation can be opened again after answering began. The rule keeps the best copy:

- a complete copy replaces a draft, never the other way round;
- between copies of the same status, the one updated later wins;
- anything else (the same copy again, an older one, one without a time) is skipped.

Times are the exchange file's ``updated`` (UTC ISO 8601, so they compare as text).

Only a copy of the *same* assessment can replace it: the UUID is the assessment's identity, so a
file giving a stored UUID another organisation, unit, respondent, role or period
(:func:`identity_differences`) is refused, never taken in its place.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessor.exchange.exchange_file import Assessment


@dataclass(frozen=True)
class Replacement:
    """Whether an incoming copy replaces the stored one, and the reason, told plainly."""

    replace: bool
    reason: str


def replacement_reason(
    stored_status: str, stored_updated: str, incoming_status: str, incoming_updated: str
) -> Replacement:
    """Decide between the stored copy of an assessment and an incoming one (see the module)."""
    if stored_status == "draft" and incoming_status == "complete":
        return Replacement(True, "the returned complete copy replaces the draft here")
    if stored_status == "complete" and incoming_status == "draft":
        return Replacement(False, "the copy here is complete; the file holds an unfinished draft")
    state = "complete" if stored_status == "complete" else "draft"
    if incoming_updated and incoming_updated > stored_updated:
        return Replacement(
            True,
            f"the file's {state} copy (updated {incoming_updated}) is newer than the one here "
            f"(updated {stored_updated})",
        )
    if incoming_updated == stored_updated:
        return Replacement(False, f"already here, as recent (updated {stored_updated})")
    return Replacement(
        False,
        f"the {state} copy here (updated {stored_updated}) is newer than the file's "
        f"(updated {incoming_updated or 'unknown'})",
    )


@dataclass(frozen=True)
class StoredIdentity:
    """Who answered for whom and when, as stored with an assessment's UUID."""

    organisation: str
    unit: str
    respondent: str
    role: str
    period: str


def identity_differences(stored: StoredIdentity, incoming: Assessment) -> str:
    """What an incoming copy changes of the stored identity ("organisation and respondent"),
    or "" when it is the same assessment.

    Organisation names compare as the database does (ignoring the case of ASCII letters);
    the others exactly, surrounding spaces aside.
    """
    changed = [
        field
        for field, same in (
            (
                "organisation",
                _ascii_fold(stored.organisation) == _ascii_fold(incoming.organisation.strip()),
            ),
            ("unit", stored.unit == incoming.unit.strip()),
            ("respondent", stored.respondent == incoming.respondent.name.strip()),
            ("role", stored.role == incoming.respondent.role),
            ("period", stored.period == incoming.period),
        )
        if not same
    ]
    if len(changed) <= 1:
        return "".join(changed)
    return ", ".join(changed[:-1]) + " and " + changed[-1]


def _ascii_fold(text: str) -> str:
    """``text`` with ASCII capitals made small, as SQLite's NOCASE compares."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def describe_identity(identity: StoredIdentity) -> str:
    """A stored identity for a message: ``Marta (marketing), Acme / EMEA 2026-Q3``."""
    where = identity.organisation + (f" / {identity.unit}" if identity.unit else "")
    return f"{identity.respondent} ({identity.role}), {where} {identity.period}"


def describe_respondent(assessment: Assessment) -> str:
    """Whose assessment for whom, such as ``Marta (marketing), Acme / EMEA 2026-Q3``."""
    where = assessment.organisation.strip()
    if assessment.unit.strip():
        where += f" / {assessment.unit.strip()}"
    return (
        f"{assessment.respondent.name.strip()} ({assessment.respondent.role}), "
        f"{where} {assessment.period}"
    )
