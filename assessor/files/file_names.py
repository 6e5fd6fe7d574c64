"""File names made from what people typed: safe on every system, still readable."""

from __future__ import annotations

import re

#: Anything but letters, digits, dot, dash and underscore becomes one dash.
_UNSAFE = re.compile(r"[^\w.-]+", flags=re.UNICODE)


def safe_stem(text: str, fallback: str) -> str:
    """``text`` as a file-name stem (``Acme Ltd/EMEA``: ``Acme-Ltd-EMEA``), else ``fallback``."""
    return _UNSAFE.sub("-", text).strip("-.") or fallback
