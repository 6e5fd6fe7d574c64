"""Answer sets for tests: best and worst answers, whole organisations, and hypothesis strategies.

Answer sets are ``{questionnaire id: {item id: Answer}}``, the shape that
:func:`assessor.diagnosis.scoring.score_assessment` and
:func:`assessor.diagnosis.findings.diagnose` take. Every
value goes through :func:`assessor.diagnosis.answers.make_answer`, so a set that does not fit the
bundled questionnaires fails loudly.

The "organisation" sets are the calibration organisations of ``tests/calibration`` (written from
the articles, one respondent each); :data:`PATTERN_ORGANISATIONS` maps every pattern of
DESIGN.md §2 (and the hand-off and advertising patterns of version 2) to the one that shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from hypothesis import strategies as st

from assessor.diagnosis.answers import Answer, make_answer, without_clash
from assessor.questionnaire.catalogue import BUNDLED, Catalogue, bundled_files, load_files
from assessor.questionnaire.loading import parse_questionnaire
from assessor.questionnaire.model import Item, Questionnaire

AnswerSet = dict[str, dict[str, Answer]]
#: Raw values per questionnaire and item: a value, or DONT_KNOW.
Values = Mapping[str, Mapping[str, Any]]
DONT_KNOW = object()


@cache
def _bundled() -> tuple[Questionnaire, ...]:
    catalogue = Catalogue()
    load_files(catalogue, bundled_files(), BUNDLED)
    assert not catalogue.problems, catalogue.problems
    return tuple(catalogue)


def bundled_definitions() -> dict[str, Questionnaire]:
    """The bundled questionnaires by id, in their usual order (never the user's files)."""
    return {questionnaire.id: questionnaire for questionnaire in _bundled()}


#: A small questionnaire with every item kind, a follow-up question and findings of every
#: shape, for exact scoring tests. Dimension "one": ag (weight 2), rev (reverse), freq, note
#: (text). Dimension "two": ch, mc (credit), mp (penalty), num, gate, follow (shown when gate is
#: "yes").
LAB_TOML = """\
id = "lab"
version = 1
title = "Lab"
description = "Every kind of item, for scoring tests."
min_coverage = 0.6

[[sources]]
id = "src"
title = "An article"

[[dimensions]]
id = "one"
title = "One"
description = "The first dimension."

[[dimensions]]
id = "two"
title = "Two"
description = "The second dimension."

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
id = "ag"
dimension = "one"
kind = "agreement"
text = "We agree with this statement, which is long enough to be shortened in messages."
why = "Because."
source = "src"
weight = 2.0

[[items]]
id = "rev"
dimension = "one"
kind = "agreement"
text = "Agreeing with this is bad."
why = "Because."
source = "src"
reverse = true

[[items]]
id = "freq"
dimension = "one"
kind = "frequency"
text = "How often?"
why = "Because."
source = "src"
options = [
  { id = "always", label = "Always", score = 1.0 },
  { id = "sometimes", label = "Sometimes", score = 0.5 },
  { id = "never", label = "Never", score = 0.0 },
]

[[items]]
id = "note"
dimension = "one"
kind = "text"
text = "Anything to add?"
why = "Because."
source = "src"

[[items]]
id = "ch"
dimension = "two"
kind = "choice"
text = "Pick one."
why = "Because."
source = "src"
options = [
  { id = "a", label = "A", score = 1.0 },
  { id = "b", label = "B", score = 0.3 },
  { id = "c", label = "C", score = 0.0 },
]

[[items]]
id = "mc"
dimension = "two"
kind = "multi"
text = "Tick the good things."
why = "Because."
source = "src"
multi_scoring = "credit"
options = [
  { id = "x", label = "X", score = 0.6 },
  { id = "y", label = "Y", score = 0.6 },
  { id = "z", label = "Z", score = 0.0 },
]

[[items]]
id = "mp"
dimension = "two"
kind = "multi"
text = "Tick the bad things."
why = "Because."
source = "src"
multi_scoring = "penalty"
options = [
  { id = "p", label = "P", score = 0.3 },
  { id = "q", label = "Q", score = 0.8 },
  { id = "none", label = "None", score = 0.0 },
]

[[items]]
id = "num"
dimension = "two"
kind = "number"
text = "What share?"
why = "Because."
source = "src"
min = 0
max = 100
unit = "%"
ranges = [
  { min = 0, max = 10, score = 1.0 },
  { min = 10, max = 50, score = 0.5 },
  { min = 50, max = 100, score = 0.0 },
]

[[items]]
id = "gate"
dimension = "two"
kind = "choice"
text = "Does it apply?"
why = "Because."
source = "src"
options = [
  { id = "yes", label = "Yes", score = 1.0 },
  { id = "no", label = "No", score = 0.0 },
]

[[items]]
id = "follow"
dimension = "two"
kind = "agreement"
text = "It goes well."
why = "Because."
source = "src"
show_if = { item = "gate", equals = "yes" }

[[findings]]
id = "low-one"
title = "One is low"
severity = "medium"
explanation = "One is low."
when = { dimension = "one", below = 50 }
actions = ["Fix one.", "Shared action."]
sources = ["src"]
dimension = "one"
importance = 2.0

[[findings]]
id = "low-two"
title = "Two is low"
severity = "high"
explanation = "Two is low."
when = { dimension = "two", below = 50 }
actions = ["Fix two.", "shared   ACTION."]
sources = ["src"]
dimension = "two"

[[findings]]
id = "picked-c"
title = "C was picked"
severity = "low"
explanation = "C was picked."
when = { item = "ch", equals = "c" }
actions = ["Stop picking C."]
sources = ["src"]

[[findings]]
id = "with-mini"
title = "Mini is high too"
severity = "info"
explanation = "Reads another questionnaire."
when = { all = [ { at_least = 50 }, { questionnaire = "mini", at_least = 50 } ] }
actions = ["Keep it up."]
sources = ["src"]
positive = true
"""


def lab() -> Questionnaire:
    """The lab questionnaire (see :data:`LAB_TOML`)."""
    return parse_questionnaire(LAB_TOML.encode(), "lab.toml")


def mini() -> Questionnaire:
    """The minimal questionnaire of :mod:`tests.helpers.questionnaires`."""
    from tests.helpers.questionnaires import MINIMAL_TOML

    return parse_questionnaire(MINIMAL_TOML.encode(), "mini.toml")


def _options_by_score(item: Item) -> list[str]:
    return [option.id for option in sorted(item.options, key=lambda option: option.worth)]


def _ticks(item: Item, favourable: bool) -> list[str]:
    """The options of a multi-select that give its best (or worst) score.

    An exclusive option ("None of these") is ticked alone: it goes with no other option.
    """
    wanted_zero = favourable == (item.multi_scoring == "penalty")
    chosen = [option for option in item.options if (option.score == 0) == wanted_zero]
    exclusive = [option.id for option in chosen if option.exclusive]
    if exclusive and wanted_zero:
        return exclusive[:1]
    return [option.id for option in chosen if not option.exclusive]


def best_value(item: Item) -> Any:
    """The most favourable value for a scored item (text items get a short sentence)."""
    if item.kind == "agreement":
        return 1 if item.reverse else 5
    if item.kind in ("frequency", "choice"):
        return _options_by_score(item)[-1]
    if item.kind == "multi":
        return _ticks(item, favourable=True)
    if item.kind == "checklist":
        return {option.id: option.worth >= 0.5 for option in item.options}
    if item.kind == "number":
        return max(item.ranges, key=lambda span: span.score).min
    return "Nothing to add."


def worst_value(item: Item) -> Any:
    """The least favourable value for a scored item (text items get a short sentence)."""
    if item.kind == "agreement":
        return 5 if item.reverse else 1
    if item.kind in ("frequency", "choice"):
        return _options_by_score(item)[0]
    if item.kind == "multi":
        return _ticks(item, favourable=False)
    if item.kind == "checklist":
        return {option.id: option.worth < 0.5 for option in item.options}
    if item.kind == "number":
        return min(item.ranges, key=lambda span: span.score).min
    return "Everything is wrong."


def middle_value(item: Item) -> Any:
    """A value near the middle of the scale (agreement 3, the middle option, one credit tick)."""
    if item.kind == "agreement":
        return 3
    if item.kind in ("frequency", "choice"):
        ranked = _options_by_score(item)
        return ranked[len(ranked) // 2]
    if item.kind == "multi":
        positive = [o.id for o in item.options if o.score > 0 and not o.exclusive]
        return positive[: len(positive) // 2]
    if item.kind == "checklist":
        half = len(item.options) // 2
        return {o.id: (o.worth >= 0.5) == (i < half) for i, o in enumerate(item.options)}
    if item.kind == "number":
        ranked = sorted(item.ranges, key=lambda span: span.score)
        return ranked[len(ranked) // 2].min
    return "Some things work."


def answer(questionnaire: Questionnaire, item_id: str, value: Any) -> Answer:
    """A checked answer; ``DONT_KNOW`` gives a "don't know" answer."""
    if value is DONT_KNOW:
        return make_answer(questionnaire, item_id, dont_know=True)
    return make_answer(questionnaire, item_id, value)


#: How the uniform answer sets answer a screening question (never scored, so it has no best or
#: worst answer): the company has its own salespeople, so every item about them is asked.
SCREENER_ANSWER = "own-sales-force"
#: The organisation profile's question on how the company sells (v3), answered the same way.
PROFILE_SALES_ITEM = "how-we-sell"


def _uniform_value(item: Item, pick: Callable[[Item], Any]) -> Any:
    selling = item.screener or item.id == PROFILE_SALES_ITEM
    if selling and SCREENER_ANSWER in {option.id for option in item.options}:
        return SCREENER_ANSWER
    return pick(item)


def uniform(
    definitions: Mapping[str, Questionnaire], pick: Callable[[Item], Any] = best_value
) -> AnswerSet:
    """Every item of every questionnaire answered with ``pick(item)`` (a screening question
    with :data:`SCREENER_ANSWER`)."""
    return {
        qid: {item.id: answer(q, item.id, _uniform_value(item, pick)) for item in q.items}
        for qid, q in definitions.items()
    }


def favourable(definitions: Mapping[str, Questionnaire]) -> AnswerSet:
    """Every item at its most favourable answer."""
    return uniform(definitions, best_value)


def unfavourable(definitions: Mapping[str, Questionnaire]) -> AnswerSet:
    """Every item at its least favourable answer."""
    return uniform(definitions, worst_value)


def override(
    definitions: Mapping[str, Questionnaire], base: AnswerSet, values: Values
) -> AnswerSet:
    """A copy of ``base`` with the given raw values (or DONT_KNOW) answered instead."""
    result = {qid: dict(by_item) for qid, by_item in base.items()}
    for qid, by_item in values.items():
        questionnaire = definitions[qid]
        for item_id, value in by_item.items():
            result.setdefault(qid, {})[item_id] = answer(questionnaire, item_id, value)
    return result


def without(base: AnswerSet, questionnaire_id: str, *item_ids: str) -> AnswerSet:
    """A copy of ``base`` with some answers (or, with no item ids, a questionnaire) removed."""
    result = {qid: dict(by_item) for qid, by_item in base.items()}
    if not item_ids:
        result.pop(questionnaire_id, None)
        return result
    for item_id in item_ids:
        result.get(questionnaire_id, {}).pop(item_id, None)
    return result


def steady(definitions: Mapping[str, Questionnaire]) -> AnswerSet:
    """An unremarkable organisation: every item answered near the middle of its scale."""
    return uniform(definitions, middle_value)


# --- The organisations behind the patterns (DESIGN.md §2) -------------------------------------

#: pattern id → the calibration organisation that shows it (tests/calibration/organisations/,
#: written from the articles; see the README there). The three patterns of "Marketing is NOT
#: Sales Support" share its errand desk, the three of the untitled 2024-02-27 article its two
#: islands, and the hand-off patterns the firm that judges marketing on closed deals.
PATTERN_ORGANISATIONS: dict[str, str] = {
    "sales-support-desk": "errand_desk",
    "hamster-wheel": "errand_desk",
    "lookalike-marketing": "errand_desk",
    "wrong-yardstick": "closed_deal_yardstick",
    "handoff-leak": "closed_deal_yardstick",
    "no-feedback-loop": "closed_deal_yardstick",
    "advertising-desk": "advertising_vp",
    "sleazy-blend": "conversion_push",
    "two-islands": "two_islands",
    "blame-game": "two_islands",
    "rogue-collateral": "two_islands",
    "ivory-tower": "ivory_tower",
    "servitude": "servitude",
    "healthy-partnership": "healthy_small",
}


def calibration_answers(name: str) -> AnswerSet:
    """The answers of one calibration organisation, as its respondent gave them."""
    from tests.calibration.organisations import load

    return {qid: dict(by_item) for qid, by_item in load(name).assessment.answers.items()}


def calibration_role(name: str) -> str:
    """The respondent role of one calibration organisation."""
    from tests.calibration.organisations import load

    return load(name).role


def pattern_organisation(definitions: Mapping[str, Questionnaire], pattern: str) -> AnswerSet:
    """The organisation behind ``pattern``: its calibration organisation's answers on top of
    the fully favourable set, so that every item is answered whichever role reads it.

    The calibration organisation answers only what its respondent is asked; starting the rest
    from the ideal keeps the article's problem the only problem.
    """
    answers = favourable(definitions)
    for qid, by_item in calibration_answers(PATTERN_ORGANISATIONS[pattern]).items():
        if qid in answers:
            answers[qid].update(by_item)
    return answers


# --- Hypothesis strategies ---------------------------------------------------------------------


def value_strategy(item: Item) -> st.SearchStrategy[Any]:
    """Any valid value for ``item``."""
    option_ids = [option.id for option in item.options]
    if item.kind == "agreement":
        return st.integers(1, 5)
    if item.kind in ("frequency", "choice"):
        return st.sampled_from(option_ids)
    if item.kind == "multi":
        return st.lists(st.sampled_from(option_ids), unique=True).map(
            lambda ticked: without_clash(item, ticked)
        )
    if item.kind == "checklist":
        return st.dictionaries(st.sampled_from(option_ids), st.booleans(), min_size=1)
    if item.kind == "number":
        low = item.min if item.min is not None else min(span.min for span in item.ranges)
        high = item.max if item.max is not None else max(span.max for span in item.ranges)
        return st.one_of(
            st.integers(int(low), int(high)),
            st.floats(low, high, allow_nan=False, allow_infinity=False),
        )
    return st.text(max_size=20)


def answer_strategy(questionnaire: Questionnaire, item: Item) -> st.SearchStrategy[Answer]:
    """A valid answer to ``item``: a value (mostly) or "don't know"."""
    values = value_strategy(item).map(lambda value: make_answer(questionnaire, item.id, value))
    dont_know = st.just(make_answer(questionnaire, item.id, dont_know=True))
    return st.one_of(values, values, values, dont_know)


def answers_strategy(
    questionnaire: Questionnaire, complete: bool = False
) -> st.SearchStrategy[dict[str, Answer]]:
    """Answers to a questionnaire: some items left out unless ``complete``."""
    per_item = {item.id: answer_strategy(questionnaire, item) for item in questionnaire.items}
    if complete:
        return st.fixed_dictionaries(per_item)
    return st.fixed_dictionaries({}, optional=per_item)


def assessment_strategy(
    definitions: Mapping[str, Questionnaire], complete: bool = False
) -> st.SearchStrategy[AnswerSet]:
    """Answers to every questionnaire of ``definitions``."""
    return st.fixed_dictionaries(
        {qid: answers_strategy(q, complete) for qid, q in definitions.items()}
    )
