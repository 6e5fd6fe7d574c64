"""The calibration organisations: exchange files with their expectations, read and diagnosed.

Each organisation is ``organisations/<name>.json`` (one assessment in the exchange format, every
answer's reasoning in its note) and ``organisations/<name>.expect.toml``::

    title = "A sales-support desk buried in errands"
    source = "Marketing is NOT Sales Support"
    expected = ["sales-support-desk", "hamster-wheel"]
    forbidden = ["healthy-partnership"]
    max_severity = "low"   # optional: no fired negative finding above this severity
    not_evaluated = ["wrong-yardstick"]   # optional: left unjudged for lack of answers
    cautions = ["uniform-answers"]   # optional: the cautions raised (default none)

See README.md in this folder for the profiles in prose.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from assessor.diagnosis.answers import Answer, Checks, make_answer
from assessor.diagnosis.findings import Diagnosis, diagnose
from assessor.exchange.exchange_file import Assessment, parse_exchange
from assessor.questionnaire.catalogue import (
    BUNDLED,
    Catalogue,
    bundled_files,
    load_archive,
    load_files,
)
from assessor.questionnaire.model import Item, Questionnaire

FOLDER = Path(__file__).resolve().parent / "organisations"
SEVERITIES = ("info", "low", "medium", "high")
EXPECTATION_KEYS = frozenset(
    {"title", "source", "expected", "forbidden", "max_severity", "not_evaluated", "cautions"}
)

AnswerSet = dict[str, dict[str, Answer]]


@dataclass(frozen=True)
class Expectation:
    """What the diagnosis of one organisation must and must not find."""

    title: str
    source: str
    expected: frozenset[str]
    forbidden: frozenset[str]
    max_severity: str | None = None
    #: findings that must be left unjudged ("not evaluated") for lack of answers
    not_evaluated: frozenset[str] = frozenset()
    #: the ids of the cautions raised, in order (issue 19; an honest profile raises none)
    cautions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    """One calibration organisation: its assessment, the definitions it uses, its expectation."""

    name: str
    path: Path
    assessment: Assessment
    definitions: dict[str, Questionnaire]
    expectation: Expectation

    @property
    def role(self) -> str:
        """The respondent's role."""
        return self.assessment.respondent.role

    def diagnose(self, answers: Mapping[str, Mapping[str, Answer]] | None = None) -> Diagnosis:
        """The diagnosis of the organisation's answers (or of ``answers`` instead)."""
        given = self.assessment.answers if answers is None else answers
        return diagnose(self.definitions, given, self.role)


@cache
def catalogue() -> Catalogue:
    """The bundled questionnaires and their archive (never a user's own files)."""
    found = Catalogue()
    load_files(found, bundled_files(), BUNDLED)
    load_archive(found)
    assert not found.problems, found.problems
    return found


def names() -> list[str]:
    """The organisations' names (file stems), sorted."""
    return sorted(path.name.removesuffix(".json") for path in FOLDER.glob("*.json"))


def read_expectation(path: Path) -> Expectation:
    """Read and check one ``.expect.toml`` file."""
    data = tomllib.loads(path.read_text("utf-8"))
    unknown = set(data) - EXPECTATION_KEYS
    assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
    severity = data.get("max_severity")
    assert severity is None or severity in SEVERITIES, f"{path.name}: max_severity {severity!r}"
    expected, forbidden = frozenset(data["expected"]), frozenset(data["forbidden"])
    assert not expected & forbidden, f"{path.name}: expected and forbidden overlap"
    unjudged = frozenset(data.get("not_evaluated", []))
    cautions = tuple(data.get("cautions", []))
    return Expectation(
        data["title"], data["source"], expected, forbidden, severity, unjudged, cautions
    )


def load(name: str) -> Organisation:
    """Read one organisation (its exchange file must hold exactly one assessment)."""
    path = FOLDER / f"{name}.json"
    (assessment,) = parse_exchange(path.read_bytes(), path.name, catalogue().find)
    definitions = catalogue().definitions_for(assessment.questionnaires)
    expectation = read_expectation(FOLDER / f"{name}.expect.toml")
    return Organisation(name, path, assessment, definitions, expectation)


def load_all() -> list[Organisation]:
    """Every calibration organisation."""
    return [load(name) for name in names()]


# --- One step away -----------------------------------------------------------------------------


def _ticks_toggled(item: Item, ticked: tuple[str, ...]) -> Iterator[list[str]]:
    """Each option ticked or unticked in turn; an exclusive option goes alone."""
    exclusive = {option.id for option in item.options if option.exclusive}
    for option in item.options:
        if option.id in ticked:
            yield [o for o in ticked if o != option.id]
        elif option.id in exclusive:
            yield [option.id]
        else:
            yield [o for o in ticked if o not in exclusive] + [option.id]


def _neighbour_ranges(item: Item, value: float) -> list[float]:
    """The middle of each range next to the one ``value`` falls in."""
    spans = sorted(item.ranges, key=lambda span: span.min)
    last = len(spans) - 1
    for index, span in enumerate(spans):
        if span.min <= value < span.max or (index == last and value == span.max):
            others = [spans[i] for i in (index - 1, index + 1) if 0 <= i <= last]
            middles = []
            for other in others:
                low = other.min if item.min is None else max(other.min, item.min)
                high = other.max if item.max is None else min(other.max, item.max)
                middles.append((low + high) / 2)
            return middles
    return []


#: A step that leaves the answer "don't know" (a checklist whose last known option becomes unknown).
UNKNOWN = "<don't know>"


def _checklist_steps(item: Item, marks: Mapping[str, bool]) -> list[Any]:
    """One option of a checklist moved: a known one answered the other way (yes <-> no) or made
    unknown (the last known one leaves the answer "don't know", :data:`UNKNOWN`), an unknown one
    answered yes or no. Each step keeps the options in their listed order."""
    order = [option.id for option in item.options]
    steps: list[Any] = []
    for option_id in order:
        if option_id in marks:
            steps.append({**marks, option_id: not marks[option_id]})
            rest = {k: v for k, v in marks.items() if k != option_id}
            steps.append(rest or UNKNOWN)
        else:
            steps.extend({**marks, option_id: mark} for mark in (True, False))
    return [step if step == UNKNOWN else {k: step[k] for k in order if k in step} for step in steps]


def neighbours(item: Item, answer: Answer, listed: bool = False) -> list[Any]:
    """The values one step away from ``answer`` on ``item`` (none for "don't know", free text
    and screening questions): agreement ±1; the neighbouring options of a frequency item on its
    scale; the options next to it in score order for a choice item (with ``listed``, in the order
    the options are listed, which is deliberately not the score order); one tick added or
    removed on a multi-select; one option of a checklist answered the other way, made unknown, or
    (when unknown) answered yes or no (a checklist answered "don't know" is every option unknown,
    so it moves too); the middle of the neighbouring range of a number."""
    if not item.scored or item.screener:
        return []
    if item.kind == "checklist":
        marks = answer.value if isinstance(answer.value, Checks) else {}
        return _checklist_steps(item, dict(marks))
    if answer.dont_know:
        return []
    value = answer.value
    if item.kind == "agreement" and isinstance(value, int):
        return [v for v in (value - 1, value + 1) if 1 <= v <= 5]
    if item.kind in ("frequency", "choice"):
        options = list(item.options)
        if item.kind == "choice" and not listed:
            options.sort(key=lambda option: option.worth)  # stable: ties keep their order
        ids = [option.id for option in options]
        index = ids.index(str(value))
        return [ids[i] for i in (index - 1, index + 1) if 0 <= i < len(ids)]
    if item.kind == "multi" and isinstance(value, tuple):
        return list(_ticks_toggled(item, value))
    if item.kind == "number" and isinstance(value, int | float):
        return _neighbour_ranges(item, float(value))
    return []


def single_steps(
    organisation: Organisation, listed: bool = False
) -> Iterator[tuple[str, str, Any, AnswerSet]]:
    """Every answer set one step away from the organisation's (see :func:`neighbours`):
    (questionnaire, item, new value, answers)."""
    answers = organisation.assessment.answers
    for questionnaire_id, by_item in answers.items():
        questionnaire = organisation.definitions[questionnaire_id]
        for item_id, answer in by_item.items():
            item = questionnaire.item(item_id)
            for value in neighbours(item, answer, listed):
                if value == UNKNOWN:
                    moved = make_answer(questionnaire, item_id, dont_know=True, note=answer.note)
                else:
                    moved = make_answer(questionnaire, item_id, value, note=answer.note)
                changed = {qid: dict(given) for qid, given in answers.items()}
                changed[questionnaire_id][item_id] = moved
                yield questionnaire_id, item_id, value, changed
