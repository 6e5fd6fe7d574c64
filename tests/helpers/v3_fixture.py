"""The v3 test questionnaires (issue 19): a pilot with the v3 features and a profile.

``tests/helpers/v3/pilot.toml`` has two dimensions (reach: seven scale items and a checklist of
weight 2; team: six scale items, a follow-up shown when the profile says the organisation has
its own salespeople, and a text item), a fallback and a next-step finding, a healthy pattern on
every dimension, two cautions and a fact item. ``tests/helpers/v3/profile.toml`` is an unscored
profile.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assessor.diagnosis.answers import Answer, make_answer
from assessor.questionnaire.loading import load_questionnaire
from assessor.questionnaire.model import Questionnaire

FOLDER = Path(__file__).with_name("v3")
PILOT_FILE = FOLDER / "pilot.toml"
PROFILE_FILE = FOLDER / "profile.toml"
#: The pilot's scale items (agreement, frequency, choice), all shown without the profile's answer.
SCALE_ITEMS = ("r-1", "r-2", "r-3", "r-4", "r-5", "r-6", "r-7", "t-1", "t-2", "t-3", "t-4")
SCALE_ITEMS_MORE = ("t-5", "t-6")
#: The most favourable answer of each scale item (r-2 is reverse-keyed).
FAVOURABLE: dict[str, Any] = {
    "r-1": 5,
    "r-2": 1,
    "r-3": "always",
    "r-4": "both",
    "r-5": 5,
    "r-6": 5,
    "r-7": 5,
    "t-1": 5,
    "t-2": "always",
    "t-3": 5,
    "t-4": 5,
    "t-5": "always",
    "t-6": 5,
}
#: A middling answer of each scale item: never the most favourable.
MIDDLING: dict[str, Any] = {
    key: ("sometimes" if isinstance(value, str) else 3) for key, value in FAVOURABLE.items()
}
MIDDLING["r-4"] = "nobody"


def pilot() -> Questionnaire:
    """The v3 pilot questionnaire, read and checked like a user's file."""
    return load_questionnaire(PILOT_FILE, "pilot.toml")


def profile() -> Questionnaire:
    """The organisation profile questionnaire (unscored)."""
    return load_questionnaire(PROFILE_FILE, "profile.toml")


def definitions(with_profile: bool = True) -> dict[str, Questionnaire]:
    """The pilot (and the profile, listed after it so that ordering is tested) by id."""
    found = {"pilot-v3": pilot()}
    if with_profile:
        found["org-profile"] = profile()
    return found


def answers(
    values: dict[str, Any], profile_values: dict[str, Any] | None = None
) -> dict[str, dict[str, Answer]]:
    """Answers from raw values; ``None`` stands for "don't know"."""
    questionnaires = definitions()

    def made(qid: str, given: dict[str, Any]) -> dict[str, Answer]:
        return {
            key: make_answer(questionnaires[qid], key, value, dont_know=value is None)
            for key, value in given.items()
        }

    result = {"pilot-v3": made("pilot-v3", values)}
    if profile_values:
        result["org-profile"] = made("org-profile", profile_values)
    return result
