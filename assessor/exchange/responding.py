"""Answering a respondent file: the answers put in, the notes kept back unless shared.

A respondent's notes are private to them: in the file sent back, an answer's ``note`` (and a
note on an unanswered item, in ``notes``) is present only when the respondent shared it, for
all their notes at once or note by note (:class:`NoteSharing`). :func:`strip_unshared_notes`
applies that to an exchange record; the app's *Send back…* and ``assessor respond`` both go
through it, so an unshared note never leaves the respondent's computer.

:func:`answered_record` fills a respondent file's record from answers given elsewhere (an
exchange file, for ``assessor respond``), with the walk-through's rules: only the items asked
of the respondent's role, every answer checked against its item (kinds, options, exclusive
options, ranges, text limits), the profile answers carried in the file kept;
:func:`without_hidden` then leaves out answers to items their ``show_if`` hides.
Pure: no storage, no files.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from assessor.diagnosis.answers import Answer, AnswerError, answer_from_json
from assessor.diagnosis.scores import Context
from assessor.diagnosis.visibility import visible_items
from assessor.exchange.exchange_file import FORMAT, ExchangeError, assessment_records
from assessor.files.text_checks import NOTE, TEXT_ANSWER, text_problem
from assessor.questionnaire.model import Questionnaire

#: Notes on unanswered items in an exchange record (as ``assessor.storage.exchange_records``).
NOTES_KEY = "notes"
ANSWERS_KEY = "answers"


@dataclass(frozen=True)
class NoteSharing:
    """Which of a respondent's notes go into the file sent back.

    ``everything`` shares every note; otherwise only the ``(questionnaire id, item id)`` pairs
    in ``items``. The default shares none.
    """

    everything: bool = False
    items: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    @classmethod
    def of(cls, share_all: bool = False, shared: Collection[tuple[str, str]] = ()) -> NoteSharing:
        """Sharing for all notes (``share_all``) or for the listed (questionnaire, item) pairs."""
        return cls(share_all, frozenset(shared))

    def shares(self, questionnaire_id: str, item_id: str) -> bool:
        """Whether the note on this item is shared with the team."""
        return self.everything or (questionnaire_id, item_id) in self.items


def strip_unshared_notes(record: Mapping[str, Any], sharing: NoteSharing) -> dict[str, Any]:
    """A copy of an exchange record without the notes ``sharing`` keeps back.

    An answer's ``note`` is removed unless shared; ``notes`` (notes on unanswered items) keeps
    only the shared ones and is dropped when none is left.
    """
    copy = dict(record)
    answers = record.get(ANSWERS_KEY)
    if isinstance(answers, Mapping):
        kept: dict[str, Any] = {}
        for qid, by_item in answers.items():
            if not isinstance(by_item, Mapping):
                kept[qid] = by_item
                continue
            kept[qid] = {}
            for item_id, answer in by_item.items():
                if isinstance(answer, Mapping) and not sharing.shares(qid, item_id):
                    answer = {k: v for k, v in answer.items() if k != "note"}
                kept[qid][item_id] = answer
        copy[ANSWERS_KEY] = kept
    notes = record.get(NOTES_KEY)
    if isinstance(notes, Mapping):
        shared = {
            qid: {item: note for item, note in by_item.items() if sharing.shares(qid, item)}
            for qid, by_item in notes.items()
            if isinstance(by_item, Mapping)
        }
        shared = {qid: by_item for qid, by_item in shared.items() if by_item}
        if shared:
            copy[NOTES_KEY] = shared
        else:
            copy.pop(NOTES_KEY, None)
    return copy


def given_answers(data: Any, name: str) -> tuple[Mapping[str, Any], str]:
    """The answers mapping of an answers file and the place its answers are at.

    The file is an exchange file holding one assessment (``assessor.assessment``, alone or in
    a list of one): its ``answers`` are taken; or it is the answers mapping itself
    (``{questionnaire id: {item id: answer}}``).
    """
    if isinstance(data, list):
        records = assessment_records(data)
        if len(records) != 1:
            raise ExchangeError(
                f"{name}: holds {len(records)} assessments; give the answers of exactly one"
            )
        index, data = records[0]
        place = f"[{index}].{ANSWERS_KEY}"
    elif isinstance(data, Mapping) and data.get("format") == FORMAT:
        place = ANSWERS_KEY
    elif isinstance(data, Mapping):
        return data, ""
    else:
        raise ExchangeError(
            f"{name}: must be an assessment object or an object of answers by questionnaire id"
        )
    answers = data.get(ANSWERS_KEY, {}) if isinstance(data, Mapping) else None
    if not isinstance(answers, Mapping):
        raise ExchangeError(f"{name}: {place}: must be an object of questionnaire ids")
    return answers, place


def _checked(definition: Questionnaire, item_id: str, data: Any) -> Answer:
    """One answer as the walk-through would accept it (``answered_at`` is ignored)."""
    if isinstance(data, Mapping):
        data = {k: v for k, v in data.items() if k != "answered_at"}
    answer = answer_from_json(definition, item_id, data)
    texts = [("note", answer.note, NOTE)]
    if isinstance(answer.value, str):
        texts.append(("value", answer.value, TEXT_ANSWER))
    for key, text, rule in texts:
        if problem := text_problem(text, rule):
            raise AnswerError(f"{key}: {problem}")
    return answer


def answered_record(
    record: Mapping[str, Any],
    definitions: Mapping[str, Questionnaire],
    given: Mapping[str, Any],
    name: str,
    place: str = "",
    *,
    carried: Mapping[str, Mapping[str, Answer]] | None = None,
) -> dict[str, dict[str, Answer]]:
    """The answers of a respondent file after putting in ``given`` (the answers file's).

    ``record`` is the respondent file's parsed record (for its role), ``definitions`` its
    questionnaires by id, ``carried`` the answers it holds already. An answer given replaces
    the one carried, except on a profile questionnaire, whose carried answers are kept. Every
    problem is an :class:`ExchangeError` line naming ``name`` and the place in it; the first
    is raised, with how many more there are.
    """
    role = str(record.get("respondent", {}).get("role", "")) or None
    result: dict[str, dict[str, Answer]] = {
        qid: dict(by_item) for qid, by_item in (carried or {}).items()
    }
    problems: list[str] = []

    def where(*parts: str) -> str:
        return ".".join(part for part in (place, *parts) if part)

    for qid, by_item in given.items():
        definition = definitions.get(qid)
        if definition is None:
            known = ", ".join(definitions) or "none"
            problems.append(
                f"{name}: {where(qid)}: the respondent file has no questionnaire {qid!r} "
                f"(it has: {known})"
            )
            continue
        if not isinstance(by_item, Mapping):
            problems.append(f"{name}: {where(qid)}: must be an object of item ids")
            continue
        answers = result.setdefault(qid, {})
        for item_id, data in by_item.items():
            if definition.is_profile and item_id in answers:
                continue
            try:
                item = definition.item(item_id)
            except KeyError:
                problems.append(
                    f"{name}: {where(qid, item_id)}: unknown item of {qid} "
                    f"version {definition.version}"
                )
                continue
            if not item.asks(role):
                problems.append(
                    f"{name}: {where(qid, item_id)}: not asked of the {role} respondent "
                    f"(asked of: {', '.join(item.ask)})"
                )
                continue
            try:
                answers[item_id] = _checked(definition, item_id, data)
            except AnswerError as error:
                detail = error.lines[0].split(": ", 1)[-1]
                problems.append(f"{name}: {where(qid, item_id)}: {detail}")
    if problems:
        more = len(problems) - 1
        raise ExchangeError(problems[0] + (f" (and {more} more problems)" if more else ""))
    return result


def without_hidden(
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    role: str | None,
) -> tuple[dict[str, dict[str, Answer]], list[tuple[str, str]]]:
    """The answers to items shown to the respondent, and the (questionnaire, item) pairs left
    out: answers to items hidden by their ``show_if`` count for nothing, as in the
    walk-through, so they are not sent back. Profile answers are all kept."""
    context = Context(role, definitions, answers)
    kept: dict[str, dict[str, Answer]] = {}
    dropped: list[tuple[str, str]] = []
    for qid, given in answers.items():
        definition = definitions[qid]
        if definition.is_profile:
            kept[qid] = dict(given)
            continue
        shown = {item.id for item in visible_items(definition, given, context)}
        kept[qid] = {item_id: a for item_id, a in given.items() if item_id in shown}
        dropped += [(qid, item_id) for item_id in given if item_id not in shown]
    return kept, dropped


def missing_required(
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    role: str | None,
) -> list[tuple[str, str]]:
    """The required items shown to the respondent and left unanswered, as (questionnaire,
    item) pairs: an assessment is complete when there are none."""
    context = Context(role, definitions, answers)
    missing: list[tuple[str, str]] = []
    for qid, definition in definitions.items():
        given = answers.get(qid, {})
        for item in visible_items(definition, given, context):
            if item.is_required and item.id not in given:
                missing.append((qid, item.id))
    return missing
