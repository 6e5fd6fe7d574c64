"""A small valid questionnaire to mutate in tests, and helpers to write it to disk."""

from __future__ import annotations

from pathlib import Path

#: The patterns the diagnosis must recognise (DESIGN.md §2), as finding ids.
DESIGN_PATTERNS = frozenset(
    {
        "sales-support-desk",
        "hamster-wheel",
        "lookalike-marketing",
        "wrong-yardstick",
        "sleazy-blend",
        "two-islands",
        "blame-game",
        "rogue-collateral",
        "ivory-tower",
        "servitude",
        "healthy-partnership",
    }
)

MINIMAL_TOML = """\
id = "mini"
version = 1
title = "Mini"
description = "A small questionnaire for tests."

[[sources]]
id = "src"
title = "An article"

[[dimensions]]
id = "alpha"
title = "Alpha"
description = "The first dimension."

[[bands]]
min = 0
max = 50
label = "Low"
meaning = "Low scores."

[[bands]]
min = 50
max = 100
label = "High"
meaning = "High scores."

[[items]]
id = "a-1"
dimension = "alpha"
kind = "agreement"
text = "We agree with this."
why = "Because it matters."
source = "src"

[[items]]
id = "a-2"
dimension = "alpha"
kind = "choice"
text = "Pick one."
why = "Because it matters too."
source = "src"
options = [
  { id = "yes", label = "Yes", score = 1.0 },
  { id = "no", label = "No", score = 0.0 },
]

[[findings]]
id = "low-alpha"
title = "Alpha is low"
severity = "medium"
explanation = "Alpha is low."
when = { all = [ { dimension = "alpha", below = 50 }, { item = "a-2", equals = "no" } ] }
actions = ["Do better."]
sources = ["src"]
"""


def mutate(old: str, new: str, text: str = MINIMAL_TOML) -> str:
    """The minimal questionnaire with one exact piece of text replaced (which must be there)."""
    assert old in text, f"{old!r} is not in the questionnaire text"
    return text.replace(old, new, 1)


def write_questionnaire(folder: Path, name: str, content: str | bytes) -> Path:
    """Write questionnaire content to ``folder/name`` and return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


#: Items asked of different roles (``ask``): a-1 of everyone, a-2 of the CEO only, m-1 of
#: marketing only, s-1 of marketing and sales.
ROLES_TOML = MINIMAL_TOML.replace(
    'why = "Because it matters too."',
    'why = "Because it matters too."\nask = ["ceo"]',
).replace(
    "[[findings]]",
    """[[items]]
id = "m-1"
dimension = "alpha"
kind = "agreement"
text = "Marketing knows this."
why = "Only marketing sees it."
source = "src"
ask = ["marketing"]

[[items]]
id = "s-1"
dimension = "alpha"
kind = "agreement"
text = "Marketing and sales both know this."
why = "Both see it."
source = "src"
ask = ["marketing", "sales"]

[[findings]]""",
)
#: The item ids of ROLES_TOML each role is asked, in order.
ASKED_BY_ROLE = {
    "ceo": ["a-1", "a-2"],
    "marketing": ["a-1", "m-1", "s-1"],
    "sales": ["a-1", "s-1"],
    "other": ["a-1"],
}
