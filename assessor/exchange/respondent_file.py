"""Respondent files (``*.assessor``): one person's assessment, sent to them and sent back.

A respondent file is one exchange-file object (format ``assessor.assessment``) with the full
questionnaire definitions embedded (``definitions``), who invited the respondent and when
(``invitation``: ``{"by", "at", "confidential"}``, and optionally ``"send_to"``: who to send the
answered file back to, ``by`` when absent; ``confidential`` absent means false) and a seal:
``sha256``, the SHA-256 of the object's canonical JSON (sorted keys, no insignificant
whitespace, UTF-8) without the ``sha256`` field itself.

The seal catches a file changed or damaged after it was written (a broken download, a stray
edit): such a file is refused with one line and nothing is imported. Anyone can recompute the
hash, so it does not stop a determined forger; it is not a signature.

This module knows the format only; :mod:`assessor.storage.invitations` writes the files from the
store, and :func:`assessor.storage.transfer.read_import` checks the seal on import.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessor.exchange.exchange_file import ExchangeError, Respondent, checked_time
from assessor.files.canonical import canonical_json, sha256_hex
from assessor.files.file_names import safe_stem
from assessor.files.text_checks import OPTIONAL_NAME, text_problem

SUFFIX = ".assessor"
#: The MIME type of respondent files (packaging/linux/io.github.assessor.Assessor.mime.xml).
MEDIA_TYPE = "application/x-assessor"
HASH_KEY = "sha256"
INVITATION_KEY = "invitation"


@dataclass(frozen=True)
class InvitedBy:
    """Who sent a respondent file out, and when (UTC ISO 8601); whether the answers are
    confidential (reported by role and count only), and who to send the file back to."""

    by: str
    at: str
    confidential: bool = False
    #: who to send the answered file back to ("" means ``by``)
    send_to: str = ""

    @property
    def return_to(self) -> str:
        """Who the answered file goes back to: ``send_to``, else who invited."""
        return self.send_to or self.by

    def to_json(self) -> dict[str, Any]:
        """The ``invitation`` object of a respondent file."""
        data: dict[str, Any] = {"by": self.by, "at": self.at, "confidential": self.confidential}
        if self.send_to:
            data["send_to"] = self.send_to
        return data


@dataclass(frozen=True)
class Invitation:
    """One person asked to answer for an organisation (and unit) and a period."""

    #: the UUID of the assessment the respondent file carries
    uuid: str
    organisation: str
    unit: str
    period: str
    respondent: Respondent
    invited: InvitedBy

    @property
    def file_name(self) -> str:
        """The respondent file's name: ``<organisation>-<period>-<name>.assessor``."""
        return respondent_file_name(self.organisation, self.period, self.respondent.name)


def respondent_file_name(organisation: str, period: str, name: str) -> str:
    """``<organisation>-<period>-<name>.assessor``, safe as a file name on every system."""
    return safe_stem(f"{organisation}-{period}-{name}", "respondent") + SUFFIX


def is_respondent_file_name(name: str) -> bool:
    """Whether a file name has the respondent-file suffix (any case)."""
    return name.lower().endswith(SUFFIX)


def content_digest(record: Mapping[str, Any]) -> str:
    """The SHA-256 of a record's canonical JSON, the ``sha256`` field left out."""
    return sha256_hex(canonical_json({k: v for k, v in record.items() if k != HASH_KEY}))


def seal(record: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``record`` carrying the SHA-256 of its content."""
    sealed = {k: v for k, v in record.items() if k != HASH_KEY}
    sealed[HASH_KEY] = content_digest(sealed)
    return sealed


def dump_sealed(record: Mapping[str, Any]) -> bytes:
    """The bytes of a respondent file: the sealed record as indented UTF-8 JSON."""
    return (json.dumps(seal(record), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def damaged(name: str, detail: str) -> ExchangeError:
    """The one-line refusal of a respondent file that was changed or damaged."""
    return ExchangeError(
        f"{name}: the file was changed or damaged after it was written ({detail}); nothing "
        "was imported: ask the sender for a new copy"
    )


def check_seal(data: Any, name: str, *, required: bool) -> None:
    """Refuse, in one line, a record whose seal is missing (when ``required``) or wrong.

    ``data`` is the parsed file. Exchange files without a seal pass unless ``required`` (a file
    named ``*.assessor`` must carry one).
    """
    carried = data.get(HASH_KEY) if isinstance(data, Mapping) else None
    if carried is None:
        if required:
            raise damaged(name, f"it carries no {HASH_KEY} seal: it is not one respondent file")
        return
    assert isinstance(data, Mapping)
    if not isinstance(carried, str) or carried.lower() != content_digest(data):
        raise damaged(name, "its SHA-256 does not match its content")


def invited_by(data: Any, name: str) -> InvitedBy | None:
    """The ``invitation`` of a parsed record, if it carries one; :class:`ExchangeError` (one
    line naming the field) when it is not well-formed.

    ``by`` is a name (:data:`~assessor.files.text_checks.OPTIONAL_NAME`: one line, at most 200
    characters) and ``at`` a real time (:func:`~assessor.exchange.exchange_file.checked_time`),
    kept in UTC; ``confidential``, when present, is true or false; ``send_to``, when present, is
    a name or an address like ``by``.
    """
    carried = data.get(INVITATION_KEY) if isinstance(data, Mapping) else None
    if carried is None:
        return None
    by = carried.get("by") if isinstance(carried, Mapping) else None
    at = carried.get("at") if isinstance(carried, Mapping) else None
    if not isinstance(by, str) or not isinstance(at, str):
        raise ExchangeError(
            f'{name}: {INVITATION_KEY}: must be an object like {{"by": "name", "at": "time"}}'
        )
    problem = text_problem(by, OPTIONAL_NAME)
    if problem:
        raise ExchangeError(f"{name}: {INVITATION_KEY}.by: {problem}")
    when, problem = checked_time(at.strip())
    if problem:
        raise ExchangeError(f"{name}: {INVITATION_KEY}.at: {problem}")
    assert isinstance(carried, Mapping)
    confidential = carried.get("confidential", False)
    if not isinstance(confidential, bool):
        raise ExchangeError(
            f"{name}: {INVITATION_KEY}.confidential: must be true or false, not {confidential!r}"
        )
    send_to = carried.get("send_to", "")
    if not isinstance(send_to, str) or (problem := text_problem(send_to, OPTIONAL_NAME)):
        detail = problem if isinstance(send_to, str) else f"must be text, not {send_to!r}"
        raise ExchangeError(f"{name}: {INVITATION_KEY}.send_to: {detail}")
    return InvitedBy(by.strip(), when, confidential, send_to.strip())
