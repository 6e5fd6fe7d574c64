"""The demo organisation: six quarters answered by three leaders, telling one plausible story.

"Demo: Harbour Tools Ltd" starts with marketing run as a sales-support desk: a hamster wheel of
errands, little contact with sales beyond requests, and a sales lead who sees collaboration
much better than the marketing lead does (a flagged perception gap). From the second quarter
marketing and sales start meeting twice a month; unplanned work falls, freedom and
collaboration rise, and the gap closes. Each quarter after the first records what became of
the previous quarter's actions, and each quarter has its business outcomes: conversion and the
first response to a lead improve once the hand-off is agreed, while the win rate lags.
Everything is seeded, so the demo is the same every time.

Each quarter is answered on the questionnaire version :data:`QUARTER_VERSIONS` asks for (the
first quarters on version 1, from the archive, then version 2, then version 3), each falling
back to the nearest version Assessor ships (current or archived), so the demo also shows how
reports and comparisons read across questionnaire version changes, whichever versions exist.
Every assessment carries the same organisation profile (:data:`DEMO_PROFILE`): the company
sells through its own salespeople and through partners.

Answers are derived from a target score per dimension, quarter and role: each item asked of the
role gets the value whose 0–1 score is nearest the target plus a little seeded noise.
"""

from __future__ import annotations

import itertools
import random
import uuid as uuid_module
from collections.abc import Mapping, Sequence
from typing import Any

from assessor.diagnosis.answers import Answer, make_answer
from assessor.diagnosis.scores import Context
from assessor.diagnosis.visibility import visible_answers
from assessor.errors import AssessorError
from assessor.exchange.exchange_file import Assessment, Respondent, Role
from assessor.exchange.outcomes import OutcomeValue
from assessor.questionnaire.catalogue import (
    BUNDLED,
    Catalogue,
    bundled_files,
    load_archive,
    load_files,
)
from assessor.questionnaire.model import Item, Questionnaire
from assessor.storage.outcomes import delete_outcomes
from assessor.storage.overview import DEMO_ORGANISATION as DEMO_ORGANISATION
from assessor.storage.store import Store

DEMO_PERIODS: tuple[str, ...] = ("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2")
DEMO_SEED = 20250101
#: (role, name) of the three respondents
DEMO_RESPONDENTS: tuple[tuple[Role, str], ...] = (
    ("ceo", "Erik Halvorsen"),
    ("marketing", "Priya Natarajan"),
    ("sales", "Tom Becker"),
)
_NAMESPACE = uuid_module.UUID("5b7f3c1e-2d4a-4c8e-9f10-1a2b3c4d5e6f")
#: The questionnaire version each quarter is answered on (the nearest shipped version stands in
#: for one that does not exist).
QUARTER_VERSIONS: tuple[int, ...] = (1, 1, 2, 2, 3, 3)
#: The earliest version the demo uses (from questionnaires/archive/).
EARLIER_VERSION = QUARTER_VERSIONS[0]
#: How many of the first quarters are answered on :data:`EARLIER_VERSION`.
EARLIER_VERSION_QUARTERS = QUARTER_VERSIONS.count(EARLIER_VERSION)
#: The organisation profile of Harbour Tools: item id -> answer (the same every quarter).
DEMO_PROFILE: dict[str, Any] = {
    "how-we-sell": "mixed",
    "marketing-people": "team",
    "marketing-lead": "yes",
    "agency": "some",
    "sales-head": "yes",
    "one-head": "separate",
    "partner-managers": "yes",
    "departments": {
        "product": True,
        "engineering": True,
        "manufacturing": True,
        "service": True,
        "finance": True,
        "operations": True,
    },
}

#: The organisation's "true" state per dimension and quarter (0–1), before each role's view.
_STORY: dict[str, dict[str, tuple[float, ...]]] = {
    "four-freedoms": {
        "chaos": (0.12, 0.18, 0.35, 0.50, 0.62, 0.72),
        "think": (0.20, 0.22, 0.32, 0.45, 0.55, 0.62),
        "stand-out": (0.30, 0.30, 0.34, 0.42, 0.50, 0.56),
        "mandate": (0.28, 0.32, 0.45, 0.55, 0.62, 0.68),
    },
    "role-clarity": {
        "scope": (0.40, 0.42, 0.48, 0.55, 0.60, 0.64),
        "funnel": (0.45, 0.48, 0.55, 0.62, 0.68, 0.72),
        "yardstick": (0.35, 0.38, 0.45, 0.55, 0.62, 0.66),
        "no-sleazy-blend": (0.60, 0.60, 0.62, 0.65, 0.68, 0.70),
        "handoff": (0.22, 0.26, 0.38, 0.50, 0.60, 0.68),
    },
    "collaboration": {
        "cadence": (0.15, 0.30, 0.62, 0.75, 0.82, 0.86),
        "voice-of-field": (0.20, 0.28, 0.45, 0.58, 0.66, 0.72),
        "shared-accountability": (0.30, 0.34, 0.48, 0.60, 0.68, 0.74),
        "one-message": (0.22, 0.28, 0.45, 0.58, 0.66, 0.72),
        "whole-company": (0.35, 0.38, 0.44, 0.52, 0.58, 0.62),
    },
}
#: How each role's view differs from the story, per questionnaire and quarter. The chief
#: executive over-rates a little; the sales lead sees collaboration far better than marketing
#: does at first (the perception gap), and the views converge as the teams start meeting.
_BIAS: dict[str, dict[str, tuple[float, ...]]] = {
    "ceo": {
        "four-freedoms": (0.04,) * 6,
        "role-clarity": (0.03,) * 6,
        "collaboration": (0.05, 0.05, 0.04, 0.03, 0.02, 0.02),
    },
    "marketing": {
        "four-freedoms": (-0.02,) * 6,
        "role-clarity": (0.0,) * 6,
        "collaboration": (-0.10, -0.08, -0.05, -0.03, -0.02, 0.0),
    },
    "sales": {
        "four-freedoms": (0.03,) * 6,
        "role-clarity": (0.02,) * 6,
        "collaboration": (0.30, 0.25, 0.12, 0.06, 0.03, 0.02),
    },
}
#: Evidence notes: (quarter index, role, questionnaire, item) -> note. The first quarters are
#: answered on version 1 (item ids like ff-01), the later ones on the current versions.
_NOTES: dict[tuple[int, str, str, str], str] = {
    (0, "marketing", "four-freedoms", "ff-01"): "Counted 41 ad-hoc requests from sales in March.",
    (0, "sales", "collaboration", "co-01"): "We talk to marketing whenever we need something.",
    (1, "marketing", "collaboration", "co-01"): "First joint meeting with sales on 12 May.",
    (2, "sales", "collaboration", "meeting-frequency"): "Every second Tuesday since May.",
    (3, "marketing", "four-freedoms", "request-route"): "All requests go through the intake board.",
    (4, "marketing", "collaboration", "field-routes"): "Joined 9 customer calls this quarter.",
    (5, "marketing", "four-freedoms", "errand-share"): "Down to about 6 ad-hoc requests a month.",
    (
        5,
        "sales",
        "role-clarity",
        "rc-43",
    ): "We go by what Priya and I agreed; never written.",
}
#: Free-text answers: (quarter index, role, questionnaire, item) -> text
_TEXTS: dict[tuple[int, str, str, str], str] = {
    (0, "marketing", "four-freedoms", "ff-06"): "One intake for all sales requests, weekly.",
    (0, "sales", "collaboration", "co-15"): "Marketing should ask us what customers say.",
    (3, "ceo", "four-freedoms", "one-change"): "Keep the intake board; say no more often.",
    (5, "sales", "collaboration", "one-change"): "Write down when a lead is ready for sales.",
}
#: The business outcomes of each quarter (None: not known). Conversion and response time
#: improve once the hand-off is agreed (2025-Q3 on); the win rate lags, moving only in the last
#: two quarters; marketing-sourced pipeline was not tracked in the first quarter.
DEMO_OUTCOMES: dict[str, tuple[float | None, ...]] = {
    "lead-to-opportunity": (11.5, 12.0, 14.8, 18.2, 21.5, 23.9),
    "win-rate": (21.0, 20.4, 20.8, 21.1, 23.5, 26.2),
    "sales-cycle-days": (96, 98, 94, 89, 84, 79),
    "first-response-hours": (52, 47, 30, 19, 12, 9),
    "marketing-sourced-pipeline": (None, 19.5, 22.0, 26.5, 30.0, 33.5),
    "qualified-leads": (310, 295, 330, 365, 390, 420),
}
#: Who enters the demo's outcomes each quarter, and from where.
DEMO_OUTCOMES_BY = "Tom Becker"
DEMO_OUTCOMES_SOURCE = "CRM report 'Pipeline by source', run at quarter close"
#: Facts the team disputes in the latest quarter (issue 20): (role, questionnaire, item) -> the
#: role's answer. The chief executive believes the sales-ready point is written and agreed, that
#: prospects not ready to buy are nurtured and that marketing is judged on a mix of opportunities
#: and revenue; both leads say the definition is a habit nobody wrote down, that such prospects
#: hear nothing and that marketing is judged on visibility. Every other fact (an item marked
#: ``fact = true``) is answered alike by everyone, from the story without a role's bias.
DISPUTED_QUARTER = len(DEMO_PERIODS) - 1
_DISPUTED: dict[tuple[str, str, str], str] = {
    ("ceo", "role-clarity", "rc-43"): "written-together",
    ("marketing", "role-clarity", "rc-43"): "habit",
    ("sales", "role-clarity", "rc-43"): "habit",
    ("ceo", "role-clarity", "rc-30"): "nurture",
    ("marketing", "role-clarity", "rc-30"): "nothing",
    ("sales", "role-clarity", "rc-30"): "nothing",
    ("ceo", "role-clarity", "rc-39"): "mixed",
    ("marketing", "role-clarity", "rc-39"): "perception",
    ("sales", "role-clarity", "rc-39"): "perception",
}
#: Screening questions (never scored): (questionnaire, item) -> the company's answer.
_SCREENERS: dict[tuple[str, str], str] = {
    ("four-freedoms", "how-we-sell"): "mixed",
}
#: Items the chief executive cannot judge in the first quarters ("don't know").
_CEO_DONT_KNOW: dict[int, tuple[tuple[str, str], ...]] = {
    0: (("collaboration", "co-06"), ("collaboration", "co-07")),
    1: (("collaboration", "co-07"),),
}


def _bundled_catalogue() -> Catalogue:
    """The questionnaires shipped with Assessor and their archive (never the user's files)."""
    catalogue = Catalogue()
    load_files(catalogue, bundled_files(), BUNDLED)
    load_archive(catalogue)
    if catalogue.problems:
        raise AssessorError(*catalogue.problems)
    return catalogue


def nearest_version(
    catalogue: Catalogue, questionnaire: Questionnaire, wanted: int
) -> Questionnaire:
    """The shipped version of ``questionnaire`` (current or archived) nearest ``wanted`` (the
    later of two equally near)."""
    shipped = [questionnaire] + [
        q for q in catalogue.archived_versions() if q.id == questionnaire.id
    ]
    return min(shipped, key=lambda q: (abs(q.version - wanted), -q.version))


def demo_versions() -> list[list[Questionnaire]]:
    """The questionnaires each demo quarter is answered on: for every bundled questionnaire, the
    shipped version nearest the one :data:`QUARTER_VERSIONS` names for the quarter."""
    catalogue = _bundled_catalogue()
    return [
        [nearest_version(catalogue, q, QUARTER_VERSIONS[quarter]) for q in catalogue]
        for quarter in range(len(DEMO_PERIODS))
    ]


def _clip(value: float) -> float:
    return max(0.02, min(0.98, value))


def value_for(item: Item, target: float) -> Any:
    """The value of a scored ``item`` whose 0–1 score is nearest ``target``."""
    target = max(0.0, min(1.0, target))
    if item.kind == "agreement":
        step = round(4 * target)
        return 5 - step if item.reverse else 1 + step
    if item.kind in ("frequency", "choice"):
        return min(item.options, key=lambda o: (abs(o.worth - target), -o.worth)).id
    if item.kind == "multi":
        scored = [o for o in item.options if o.worth > 0]
        zero = [o.id for o in item.options if o.worth == 0]
        goal = 1.0 - target if item.multi_scoring == "penalty" else target
        best: tuple[float, int, tuple[str, ...]] = (abs(goal), 0, ())
        for size in range(1, len(scored) + 1):
            for subset in itertools.combinations(scored, size):
                if size > 1 and any(o.exclusive for o in subset):
                    continue  # an exclusive option is ticked alone
                total = sum(o.worth for o in subset)
                if item.multi_scoring == "credit":
                    total = min(1.0, total)
                candidate = (abs(total - goal), size, tuple(o.id for o in subset))
                if candidate[:2] < best[:2]:
                    best = candidate
        return list(best[2]) or zero[:1]
    if item.kind == "checklist":
        # The first options of the list answered favourably, as many as the target asks.
        favourable = round(target * len(item.options))
        return {
            o.id: (o.worth >= 0.5) == (index < favourable) for index, o in enumerate(item.options)
        }
    if item.kind == "number":
        span = min(item.ranges, key=lambda r: (abs(r.score - target), -r.score))
        low = span.min if item.min is None else max(span.min, item.min)
        high = span.max if item.max is None else min(span.max, item.max)
        return round(low + (high - low) / 2)
    raise ValueError(f"item {item.id} is not scored")


def demo_answers(
    questionnaires: Sequence[Questionnaire], quarter: int, role: str, rng: random.Random
) -> dict[str, dict[str, Answer]]:
    """One respondent's answers in one quarter of the story."""
    answers: dict[str, dict[str, Answer]] = {}
    for questionnaire in questionnaires:
        story = _STORY.get(questionnaire.id, {})
        bias = _BIAS.get(role, {}).get(questionnaire.id, (0.0,) * len(DEMO_PERIODS))[quarter]
        given: dict[str, Answer] = {}
        for item in questionnaire.items:
            if not item.asks(role):
                continue
            key = (quarter, role, questionnaire.id, item.id)
            if item.screener:
                chosen = _SCREENERS.get((questionnaire.id, item.id))
                if chosen is not None:
                    given[item.id] = make_answer(questionnaire, item.id, chosen)
                continue
            if questionnaire.is_profile:
                if item.id in DEMO_PROFILE:
                    given[item.id] = make_answer(questionnaire, item.id, DEMO_PROFILE[item.id])
                continue
            if not item.scored:
                if key in _TEXTS:
                    given[item.id] = make_answer(questionnaire, item.id, _TEXTS[key])
                continue
            note = _NOTES.get(key, "")
            noise = rng.gauss(0.0, 0.05)
            if role == "ceo" and (questionnaire.id, item.id) in _CEO_DONT_KNOW.get(quarter, ()):
                given[item.id] = make_answer(questionnaire, item.id, dont_know=True, note=note)
                continue
            base = story.get(item.dimension or "", (0.5,) * len(DEMO_PERIODS))[quarter]
            disputed = _DISPUTED.get((role, questionnaire.id, item.id))
            if quarter == DISPUTED_QUARTER and disputed is not None:
                value: Any = disputed
            elif item.fact:
                value = value_for(item, _clip(base))  # a fact: the same for everyone
            else:
                value = value_for(item, _clip(base + bias + noise))
            given[item.id] = make_answer(questionnaire, item.id, value, note=note)
        answers[questionnaire.id] = given
    # Keep only what the walk-through would have asked (show_if, with the screener's answer).
    definitions = {q.id: q for q in questionnaires}
    context = Context(role, definitions, answers)
    return {
        qid: visible_answers(definitions[qid], given, context) for qid, given in answers.items()
    }


def unused_demo_keys(versions: Sequence[Sequence[Questionnaire]]) -> list[tuple[Any, ...]]:
    """Notes, texts and "don't know" entries that name no item of their quarter's questionnaires
    (a renamed item would otherwise lose its note silently)."""
    unused: list[tuple[Any, ...]] = []
    keys: list[tuple[int, str, str]] = [(q, qid, item) for q, _r, qid, item in _NOTES]
    keys += [(q, qid, item) for q, _r, qid, item in _TEXTS]
    keys += [(q, qid, item) for q, pairs in _CEO_DONT_KNOW.items() for qid, item in pairs]
    keys += [(DISPUTED_QUARTER, qid, item) for _role, qid, item in _DISPUTED]
    for quarter, questionnaire_id, item_id in keys:
        known = {
            (questionnaire.id, item.id)
            for questionnaire in versions[quarter]
            for item in questionnaire.items
        }
        if (questionnaire_id, item_id) not in known:
            unused.append((DEMO_PERIODS[quarter], questionnaire_id, item_id))
    for quarter, questionnaires in enumerate(versions):
        for questionnaire in questionnaires:
            if questionnaire.is_profile:
                items = {item.id for item in questionnaire.items}
                unused += [
                    (DEMO_PERIODS[quarter], questionnaire.id, item_id)
                    for item_id in DEMO_PROFILE
                    if item_id not in items
                ]
    return unused


def _stamp(period: str, day: int) -> str:
    year, quarter = period.split("-Q")
    month = 3 * int(quarter) - 1
    return f"{year}-{month:02d}-{day:02d}T09:00:00Z"


def demo_assessments(versions: Sequence[Sequence[Questionnaire]]) -> list[Assessment]:
    """The demo's 6 × 3 complete assessments (deterministic); ``versions`` holds the
    questionnaires of each quarter (see :func:`demo_versions`)."""
    rng = random.Random(DEMO_SEED)
    records: list[Assessment] = []
    for quarter, period in enumerate(DEMO_PERIODS):
        questionnaires = versions[quarter]
        for offset, (role, name) in enumerate(DEMO_RESPONDENTS):
            answers = demo_answers(questionnaires, quarter, role, rng)
            records.append(
                Assessment(
                    uuid=str(uuid_module.uuid5(_NAMESPACE, f"{period}/{role}")),
                    organisation=DEMO_ORGANISATION,
                    respondent=Respondent(name=name, role=role),
                    period=period,
                    status="complete",
                    questionnaires={q.id: q.version for q in questionnaires},
                    answers=answers,
                    created=_stamp(period, 10 + offset),
                    updated=_stamp(period, 12 + offset),
                    completed=_stamp(period, 12 + offset),
                )
            )
    return records


def _followup_status(rng: random.Random, quarter: int) -> str:
    """Later quarters get more done: the story of a team that follows through."""
    done = 0.15 + 0.14 * quarter
    roll = rng.random()
    if roll < done:
        return "done"
    return "in-progress" if roll < done + 0.45 else "not-started"


def _quarter_close(period: str) -> str:
    """A few days after ``period`` ends: when its outcomes are entered."""
    year, quarter = (int(part) for part in period.split("-Q"))
    if quarter == 4:
        return f"{year + 1}-01-05T09:00:00Z"
    return f"{year}-{3 * quarter + 1:02d}-05T09:00:00Z"


def demo_outcomes() -> list[OutcomeValue]:
    """The demo's outcome values (deterministic): six quarters of the story's numbers."""
    return [
        OutcomeValue(
            period,
            metric,
            float(value),
            DEMO_OUTCOMES_BY,
            _quarter_close(period),
            DEMO_OUTCOMES_SOURCE,
        )
        for metric, values in DEMO_OUTCOMES.items()
        for period, value in zip(DEMO_PERIODS, values, strict=True)
        if value is not None
    ]


def demo_exists(store: Store) -> bool:
    """Whether the demo organisation already has assessments in the store."""
    wanted = DEMO_ORGANISATION.casefold()
    return any(name.casefold() == wanted for name in store.organisations())


def create_demo(store: Store, *, replace: bool = False) -> int:
    """Add the demo organisation to the store; returns the number of assessments added.

    Raises :class:`AssessorError` when the demo organisation exists already, unless
    ``replace`` (then its assessments are deleted first).
    """
    if demo_exists(store):
        if not replace:
            raise AssessorError(
                f"{DEMO_ORGANISATION!r} is already in the database; "
                "run 'assessor demo --replace' to recreate it"
            )
        for summary in store.list_assessments(organisation=DEMO_ORGANISATION):
            store.delete_assessment(summary.id)
        delete_outcomes(store, DEMO_ORGANISATION)
    versions = demo_versions()
    by_key: Mapping[tuple[str, int], Questionnaire] = {
        (q.id, q.version): q for quarter in versions for q in quarter
    }
    records = demo_assessments(versions)
    store.import_assessments(records, lambda qid, version: by_key.get((qid, version)))
    rng = random.Random(DEMO_SEED + 1)
    for record in records:
        quarter = DEMO_PERIODS.index(record.period)
        if quarter == 0:
            continue
        actions = store.previous_actions(record.uuid)
        statuses = {action.text: _followup_status(rng, quarter) for action in actions}
        if statuses:
            from assessor.storage.followups import save_followups

            save_followups(store, record.uuid, statuses)
    store.save_outcomes(DEMO_ORGANISATION, "", demo_outcomes())
    return len(records)
