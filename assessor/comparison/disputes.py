"""Disputed facts: items stating a fact (``fact = true``) on which a period's respondents gave
different answers, shown as counts ("1 of 3: written and agreed; 2 of 3: word of mouth").

- **Which answers count.** Each respondent's answer to the item, if they gave one ("don't
  know" and no answer are left out); at least two answers are needed. Agreement answers are
  read by side (agree, neither, disagree), so that "agree" and "strongly agree" are one answer;
  other kinds by the answer as a person reads it (option labels).
- **Most consequential first.** The spread of the answers' scores (highest item score minus
  lowest, 0–1) times the item's weight; an item without scores (text) weighs 0. Ties: the
  closer the split (the smaller the largest group's share), then questionnaire order.
- **No names.** A dispute holds counts only, so it can be shown for confidential respondents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assessor.comparison.model import DisputedFact
from assessor.comparison.respondents import ComparedRespondent
from assessor.diagnosis.answers import Answer, describe_answer
from assessor.diagnosis.scores import item_score
from assessor.questionnaire.model import Item

#: The sides of an agreement answer (1–5).
AGREEMENT_SIDES = {
    1: "disagree",
    2: "disagree",
    3: "neither agree nor disagree",
    4: "agree",
    5: "agree",
}


def answer_label(item: Item, answer: Answer) -> str:
    """The answer as a dispute counts it: an agreement by its side, else as a person reads it."""
    if item.kind == "agreement" and isinstance(answer.value, int):
        return AGREEMENT_SIDES.get(answer.value, str(answer.value))
    text = describe_answer(item, answer)
    # "A mix of…" and "Visibility…" read on in lower case; "CRM…" or "I…" keep their capitals
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text[:2] != "I ":
        return text[0].lower() + text[1:]
    return text


@dataclass
class _Collected:
    item: Item
    questionnaire_id: str
    dimension_title: str
    order: int
    labels: list[str]
    scores: list[float]


def disputed_facts(respondents: Sequence[ComparedRespondent]) -> tuple[DisputedFact, ...]:
    """The fact items of one period's respondents answered differently, most consequential
    first (see the module docstring)."""
    collected: dict[tuple[str, str], _Collected] = {}
    for respondent in respondents:
        source = respondent.source
        for qid, questionnaire in source.definitions.items():
            if questionnaire.is_profile:
                continue
            given = source.assessment.answers.get(qid, {})
            titles = {d.id: d.title for d in questionnaire.dimensions}
            for order, item in enumerate(questionnaire.items):
                answer = given.get(item.id)
                if not item.fact or answer is None or answer.dont_know:
                    continue
                entry = collected.setdefault(
                    (qid, item.id),
                    _Collected(item, qid, titles.get(item.dimension or "", ""), order, [], []),
                )
                entry.labels.append(answer_label(item, answer))
                score = item_score(item, answer)
                if score is not None:
                    entry.scores.append(score)
    found: list[DisputedFact] = []
    for index, entry in enumerate(collected.values()):
        if len(set(entry.labels)) < 2:
            continue
        counts: dict[str, int] = {}
        for label in entry.labels:
            counts[label] = counts.get(label, 0) + 1
        spread = max(entry.scores) - min(entry.scores) if entry.scores else 0.0
        found.append(
            DisputedFact(
                questionnaire_id=entry.questionnaire_id,
                item_id=entry.item.id,
                text=entry.item.text,
                dimension_title=entry.dimension_title,
                answers=tuple(sorted(counts.items(), key=lambda kv: (kv[1], kv[0]))),
                respondents=len(entry.labels),
                weight=round(spread * entry.item.weight, 9),
                order=index,
            )
        )
    found.sort(key=lambda d: (-d.weight, max(c for _, c in d.answers) / d.respondents, d.order))
    return tuple(found)
