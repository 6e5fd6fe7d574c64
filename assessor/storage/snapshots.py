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


#: Snapshots made lately, by the identity of their (frozen) model, which each entry keeps alive
#: so that its id is not reused: an import stores the same few definitions thousands of times.
_MADE: dict[int, tuple[Questionnaire, Snapshot]] = {}
#: How many snapshots :data:`_MADE` keeps before it starts again.
_MADE_LIMIT = 64


def snapshot_of(questionnaire: Questionnaire) -> Snapshot:
    """The canonical snapshot of a definition (sorted keys, no spaces, UTF-8).

    Made once per model object (models are frozen), so storing the same definition again costs
    nothing.
    """
    made = _MADE.get(id(questionnaire))
    if made is not None and made[0] is questionnaire:
        return made[1]
    text = canonical_json(definition_data(questionnaire))
    snapshot = Snapshot(questionnaire.id, questionnaire.version, sha256_hex(text), text)
    if len(_MADE) >= _MADE_LIMIT:
        _MADE.clear()
    _MADE[id(questionnaire)] = (questionnaire, snapshot)
    return snapshot


@lru_cache(maxsize=256)
def questionnaire_from_snapshot(definition: str) -> Questionnaire:
    """The questionnaire model for a stored definition (cached: snapshots never change)."""
    return Questionnaire.model_validate(json.loads(definition))
