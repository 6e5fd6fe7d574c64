"""Canonical JSON and its SHA-256: the same data gives the same text, whatever its layout.

Canonical means sorted keys, no insignificant whitespace and UTF-8 (characters are not escaped).
Questionnaire snapshots and respondent files are hashed over this text.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(data: Any) -> str:
    """``data`` as canonical JSON text."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    """The SHA-256 of ``text`` encoded as UTF-8, in lower-case hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
