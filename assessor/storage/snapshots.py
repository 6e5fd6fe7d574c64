"""Questionnaire definitions as used: canonical JSON, its SHA-256 and the way back to a model.

An assessment keeps, per questionnaire, the exact definition it was answered against, so that a
report renders the same years later even after the questionnaire file changed. Identical
definitions are stored once, keyed by their hash.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assessor.files.canonical import canonical_json, sha256_hex
from assessor.questionnaire.model import Questionnaire


@dataclass(frozen=True)
class Snapshot:
    """A questionnaire definition as canonical JSON text, with its id, version and hash."""

    questionnaire_id: str
    version: int
    hash: str
    definition: str


def definition_data(questionnaire: Questionnaire) -> dict[str, Any]:
    """A definition as JSON data, in the questionnaire file's shape (what files embed)."""
    return questionnaire.model_dump(mode="json", by_alias=True, exclude_none=True)


def snapshot_of(questionnaire: Questionnaire) -> Snapshot:
    """The canonical snapshot of a definition (sorted keys, no spaces, UTF-8)."""
    text = canonical_json(definition_data(questionnaire))
    return Snapshot(questionnaire.id, questionnaire.version, sha256_hex(text), text)


@lru_cache(maxsize=256)
def questionnaire_from_snapshot(definition: str) -> Questionnaire:
    """The questionnaire model for a stored definition (cached: snapshots never change)."""
    return Questionnaire.model_validate(json.loads(definition))
