"""A small valid questionnaire to mutate in tests, and helpers to write it to disk."""

from __future__ import annotations

from pathlib import Path

from assessor.questionnaire.model import Questionnaire

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


#: "front" holds a screener; "team" reads it, asks its items of different roles and has a
#: pattern, a watch, a flag and a positive finding, all with action tables.
FRONT_TOML = """\
id = "front"
version = 2
title = "Front"
description = "A screener and one scored item."

[[sources]]
id = "src"
title = "An article"

[[dimensions]]
id = "base"
title = "Base"
description = "The base dimension."
bands = [
    { min = 0, max = 50, meaning = "Base is low." },
    { min = 50, max = 100, meaning = "Base is high." },
]

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
id = "sell"
dimension = "base"
kind = "choice"
screener = true
required = true
text = "How do you sell?"
why = "It decides which questions apply."
source = "src"
basis = "practice"
options = [
    { id = "partners", label = "Through partners", score = 0.5 },
    { id = "own", label = "Our own salespeople", score = 0.5 },
]

[[items]]
id = "b-1"
dimension = "base"
kind = "agreement"
text = "Base statement."
why = "To learn the base."
source = "src"
basis = "article"
argument = "The article's point."
"""

TEAM_TOML = """\
id = "team"
version = 2
title = "Team"
description = "Items for different roles."

[[sources]]
id = "src"
title = "An article"

[[dimensions]]
id = "work"
title = "Work"
description = "How the work goes."

[[bands]]
min = 0
max = 40
label = "At risk"
meaning = "Low."

[[bands]]
min = 40
max = 60
label = "Fragile"
meaning = "Middle."

[[bands]]
min = 60
max = 100
label = "Sound"
meaning = "High."

[[items]]
id = "all"
dimension = "work"
kind = "agreement"
text = "Everyone can answer this."
why = "To learn what all see."
source = "src"

[[items]]
id = "mkt"
dimension = "work"
kind = "agreement"
text = "Only marketing can answer this."
why = "To learn marketing's side."
source = "src"
ask = ["marketing"]

[[items]]
id = "field"
dimension = "work"
kind = "agreement"
text = "About the salespeople."
why = "To learn how sales works."
source = "src"
ask = ["sales", "ceo"]
show_if.any = [
    { questionnaire = "front", item = "sell", equals = "own" },
    { questionnaire = "front", item = "sell", answered = false },
]

[[items]]
id = "ticks"
dimension = "work"
kind = "multi"
text = "Which apply?"
why = "To learn which apply."
source = "src"
options = [
    { id = "x", label = "X", score = 0.5 },
    { id = "y", label = "Y", score = 0.5 },
    { id = "none", label = "None of these", score = 0.0, exclusive = true },
]

[[findings]]
id = "pattern"
title = "A pattern."
severity = "high"
kind = "pattern"
explanation = "Seen when all is low."
dimension = "work"
when = { item = "all", at_least = 4 }
actions = [
    { text = "Second authored.", owner = "ceo", horizon = "month", done_when = "A memo." },
    { text = "Third authored.", owner = "sales", horizon = "half", done_when = "A list." },
]

[[findings]]
id = "watch-work"
title = "Work is fragile."
severity = "low"
kind = "watch"
explanation = "The middle."
dimension = "work"
when = { dimension = "work", at_least = 40, below = 60 }
actions = [
    { text = "Watch action.", owner = "marketing", horizon = "quarter", done_when = "A date." },
]

[[findings]]
id = "good"
title = "All is well."
severity = "info"
positive = true
explanation = "Nothing blocks."
dimension = "work"
when = { item = "all", at_least = 1 }
actions = [
    { text = "Keep going.", owner = "leadership", horizon = "half", done_when = "A review." },
]
"""


def v2_pair() -> list[Questionnaire]:
    """The "front" and "team" questionnaires of the v2 format, parsed and checked."""
    from assessor.questionnaire.loading import parse_questionnaire

    return [
        parse_questionnaire(FRONT_TOML.encode(), "front.toml"),
        parse_questionnaire(TEAM_TOML.encode(), "team.toml"),
    ]


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
