"""Rules a questionnaire must follow beyond its shape, reported with the exact place of each fault.

:func:`check_questionnaire` returns a list of :class:`Problem`; an empty list means the
questionnaire is sound. :func:`describe_location` turns a location such as
``("items", 4, "dimension")`` into the text an author reads: ``items[4] (id "ff-07").dimension``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from assessor.questionnaire.model import (
    AGREEMENT_LABELS,
    DIMENSION_KINDS,
    OPTION_KINDS,
    Action,
    AllOf,
    AnswerTest,
    AnyOf,
    Band,
    Condition,
    DimensionBand,
    EveryDimensionTest,
    Item,
    NotOf,
    NumberRange,
    Questionnaire,
    ScoreTest,
)

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One fault in a questionnaire: where it is and what is wrong."""

    location: Location
    message: str


def describe_location(data: Any, location: Sequence[str | int]) -> str:
    """Render a location for people, naming the id of every list element on the way.

    ``data`` is the raw parsed file, used only to look up ids; segments that start with ``~``
    (internal tags of condition kinds) are left out.
    """
    text = ""
    node: Any = data
    for segment in location:
        if isinstance(segment, str) and segment.startswith("~"):
            continue
        if isinstance(segment, int):
            text += f"[{segment}]"
            node = node[segment] if isinstance(node, list) and 0 <= segment < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                text += f' (id "{node["id"]}")'
        else:
            text += f".{segment}" if text else segment
            node = node.get(segment) if isinstance(node, dict) else None
    return text


def _listing(values: Sequence[str]) -> str:
    return ", ".join(values) if values else "none"


def _check_unique(kind: str, ids: Sequence[str], where: Location) -> Iterator[Problem]:
    first_seen: dict[str, int] = {}
    for index, identifier in enumerate(ids):
        if identifier in first_seen:
            yield Problem(
                (*where, index, "id"),
                f'duplicate {kind} id "{identifier}" '
                f"(first used at {where[-1]}[{first_seen[identifier]}])",
            )
        else:
            first_seen[identifier] = index


def _check_ranges(
    ranges: Sequence[Band | DimensionBand | NumberRange], low: float, high: float, where: Location
) -> Iterator[Problem]:
    """Ranges must tile [low, high]: sorted, contiguous, no gaps, no overlaps."""
    if not ranges:
        return
    for index, span in enumerate(ranges):
        if span.min >= span.max:
            yield Problem((*where, index), f"min ({span.min:g}) must be below max ({span.max:g})")
            return
    order = sorted(range(len(ranges)), key=lambda index: ranges[index].min)
    first, last = ranges[order[0]], ranges[order[-1]]
    if first.min != low:
        yield Problem((*where, order[0], "min"), f"the lowest range must start at {low:g}")
    if last.max != high:
        yield Problem((*where, order[-1], "max"), f"the highest range must end at {high:g}")
    for before, after in pairwise(order):
        gap_end, next_start = ranges[before].max, ranges[after].min
        if next_start > gap_end:
            yield Problem(
                (*where, after, "min"),
                f"gap: nothing covers {gap_end:g} to {next_start:g} "
                f"(the range before ends at {gap_end:g})",
            )
        elif next_start < gap_end:
            yield Problem(
                (*where, after, "min"),
                f"overlap: {next_start:g} to {min(gap_end, ranges[after].max):g} is covered twice",
            )


def _check_item_kind(item: Item, where: Location) -> Iterator[Problem]:
    if item.reverse and item.kind != "agreement":
        yield Problem(
            (*where, "reverse"), f"reverse keying is only for agreement items, not {item.kind}"
        )
    if item.weight <= 0:
        yield Problem((*where, "weight"), f"weight must be greater than 0 (got {item.weight:g})")
    if item.kind in OPTION_KINDS:
        if len(item.options) < 2:
            yield Problem((*where, "options"), f"a {item.kind} item needs at least two options")
        yield from _check_unique(
            "option", [option.id for option in item.options], (*where, "options")
        )
        for index, option in enumerate(item.options):
            if option.score is None:
                if item.scored:
                    yield Problem(
                        (*where, "options", index, "score"),
                        "is required: each option of a scored item says how favourable it is (0–1)",
                    )
            elif not 0 <= option.score <= 1:
                yield Problem(
                    (*where, "options", index, "score"),
                    f"option score {option.score:g} is outside 0–1",
                )
        for index, option in enumerate(item.options):
            if option.exclusive and item.kind != "multi":
                yield Problem(
                    (*where, "options", index, "exclusive"),
                    "exclusive only applies to the options of multi items",
                )
    elif item.options:
        yield Problem((*where, "options"), f"options are not used by {item.kind} items")
    if item.screener and item.kind != "choice":
        yield Problem(
            (*where, "screener"), f"a screening question is a choice item, not {item.kind}"
        )
    if not item.ask:
        yield Problem((*where, "ask"), "ask must name at least one role")
    if item.kind == "number":
        if item.min is None or item.max is None:
            yield Problem(where, "a number item needs min and max")
        elif not item.ranges:
            if item.scored:
                yield Problem(
                    (*where, "ranges"), "a number item needs ranges that score its values"
                )
        else:
            yield from _check_ranges(item.ranges, item.min, item.max, (*where, "ranges"))
            for index, span in enumerate(item.ranges):
                if not 0 <= span.score <= 1:
                    yield Problem(
                        (*where, "ranges", index, "score"),
                        f"range score {span.score:g} is outside 0–1",
                    )
    elif item.ranges or item.min is not None or item.max is not None:
        yield Problem(where, f"min, max and ranges are only for number items, not {item.kind}")


def _check_answer_test(
    test: AnswerTest, questionnaire: Questionnaire, visible: Sequence[str], where: Location
) -> Iterator[Problem]:
    if test.questionnaire not in (None, questionnaire.id):
        # Another questionnaire's item: the catalogue checks it (check_cross_references).
        if not test.model_dump(exclude_none=True, exclude={"item", "questionnaire"}):
            yield Problem(where, f'the test on item "{test.item}" needs at least one check')
        return
    if test.item not in visible:
        known = [item.id for item in questionnaire.items]
        if test.item in known:
            yield Problem(
                (*where, "item"),
                f'item "{test.item}" is not asked before this one, so its answer is not known yet',
            )
        else:
            yield Problem((*where, "item"), f'item "{test.item}" is not defined')
        return
    item = questionnaire.item(test.item)
    option_ids = [option.id for option in item.options]
    given = test.model_dump(exclude_none=True, exclude={"item", "questionnaire"})
    if not given:
        yield Problem(where, f'the test on item "{test.item}" needs at least one check')
    for name in ("includes", "excludes"):
        option_id = getattr(test, name)
        if option_id is None:
            continue
        if item.kind not in ("multi", "checklist"):
            yield Problem((*where, name), f"{name} only applies to multi and checklist items")
        elif option_id not in option_ids:
            yield Problem(
                (*where, name),
                f'option "{option_id}" is not defined for item "{item.id}" '
                f"(defined: {_listing(option_ids)})",
            )
    if item.kind == "checklist" and (test.equals is not None or test.in_ is not None):
        yield Problem(
            (*where, "equals" if test.equals is not None else "in"),
            "equals and in do not apply to checklist items; use includes (answered yes) or "
            "excludes (answered no)",
        )
    compared = ([test.equals] if test.equals is not None else []) + (test.in_ or [])
    for value in compared:
        if item.kind in ("frequency", "choice") and value not in option_ids:
            yield Problem(
                (*where, "equals" if test.equals is not None else "in"),
                f'option "{value}" is not defined for item "{item.id}" '
                f"(defined: {_listing(option_ids)})",
            )
        elif item.kind == "agreement" and value not in range(1, len(AGREEMENT_LABELS) + 1):
            yield Problem(
                (*where, "equals" if test.equals is not None else "in"),
                f"an agreement answer is a whole number from 1 to 5, not {value!r}",
            )
    if (test.below is not None or test.at_least is not None) and item.kind not in (
        "agreement",
        "number",
    ):
        yield Problem(
            where, f"below and at_least compare agreement or number answers, not {item.kind}"
        )
    if item.kind == "text" and (test.score_below is not None or test.score_at_least is not None):
        yield Problem(where, "text items have no score to compare")


def _check_condition(
    condition: Condition,
    questionnaire: Questionnaire,
    visible: Sequence[str],
    where: Location,
) -> Iterator[Problem]:
    if isinstance(condition, AllOf):
        for index, part in enumerate(condition.all):
            yield from _check_condition(part, questionnaire, visible, (*where, "all", index))
    elif isinstance(condition, AnyOf):
        for index, part in enumerate(condition.any):
            yield from _check_condition(part, questionnaire, visible, (*where, "any", index))
    elif isinstance(condition, NotOf):
        yield from _check_condition(condition.not_, questionnaire, visible, (*where, "not"))
    elif isinstance(condition, AnswerTest):
        yield from _check_answer_test(condition, questionnaire, visible, where)
    elif isinstance(condition, EveryDimensionTest):
        bound = condition.every_dimension_at_least
        if not 0 <= bound <= 100:
            yield Problem(
                (*where, "every_dimension_at_least"),
                f"scores run from 0 to 100; {bound:g} is outside",
            )
        share = condition.scored_share_at_least
        if not 0 <= share <= 1:
            yield Problem(
                (*where, "scored_share_at_least"), f"a share runs from 0 to 1; {share:g} is outside"
            )
        if condition.questionnaire in (None, questionnaire.id) and questionnaire.is_profile:
            yield Problem(where, "a profile questionnaire has no dimensions to test")
    elif isinstance(condition, ScoreTest):
        if condition.questionnaire in (None, questionnaire.id) and questionnaire.is_profile:
            yield Problem(where, "a profile questionnaire has no scores to test")
        if condition.below is None and condition.at_least is None:
            yield Problem(where, "a score test needs below or at_least")
        for name in ("below", "at_least"):
            bound = getattr(condition, name)
            if bound is not None and not 0 <= bound <= 100:
                yield Problem((*where, name), f"scores run from 0 to 100; {bound:g} is outside")
        own = condition.questionnaire in (None, questionnaire.id)
        if own and condition.dimension is not None:
            dimension_ids = [dimension.id for dimension in questionnaire.dimensions]
            if condition.dimension not in dimension_ids:
                yield Problem(
                    (*where, "dimension"),
                    f'dimension "{condition.dimension}" is not defined '
                    f"(defined: {_listing(dimension_ids)})",
                )


def check_questionnaire(questionnaire: Questionnaire) -> list[Problem]:
    """Every rule the questionnaire breaks beyond its shape; empty when it is sound."""
    problems: list[Problem] = []
    add = problems.extend
    dimension_ids = [dimension.id for dimension in questionnaire.dimensions]
    source_ids = [source.id for source in questionnaire.sources]
    item_ids = [item.id for item in questionnaire.items]

    if questionnaire.is_profile:
        add(_check_profile(questionnaire))
    else:
        for field, label in (("dimensions", "dimension"), ("bands", "band")):
            if not getattr(questionnaire, field):
                problems.append(Problem((field,), f"at least one {label} is required"))
    for field, label in (("sources", "source"), ("items", "item")):
        if not getattr(questionnaire, field):
            problems.append(Problem((field,), f"at least one {label} is required"))
    add(_check_unique("source", source_ids, ("sources",)))
    add(_check_unique("dimension", dimension_ids, ("dimensions",)))
    add(_check_unique("item", item_ids, ("items",)))
    finding_ids = [finding.id for finding in questionnaire.findings]
    add(_check_unique("finding", finding_ids, ("findings",)))
    caution_ids = [caution.id for caution in questionnaire.cautions]
    add(_check_unique("caution", caution_ids, ("cautions",)))
    add(_check_ranges(questionnaire.bands, 0, 100, ("bands",)))
    if not 0 < questionnaire.min_coverage <= 1:
        problems.append(Problem(("min_coverage",), "min_coverage must be above 0 and at most 1"))

    for index, item in enumerate(questionnaire.items):
        where: Location = ("items", index)
        if item.dimension is None:
            if not questionnaire.is_profile:
                problems.append(
                    Problem(
                        (*where, "dimension"),
                        "is required: every item of a scored questionnaire belongs to a "
                        f"dimension (defined: {_listing(dimension_ids)})",
                    )
                )
        elif questionnaire.is_profile:
            problems.append(
                Problem(
                    (*where, "dimension"),
                    "the items of a profile questionnaire belong to no dimension; remove it",
                )
            )
        elif item.dimension not in dimension_ids:
            problems.append(
                Problem(
                    (*where, "dimension"),
                    f'dimension "{item.dimension}" is not defined '
                    f"(defined: {_listing(dimension_ids)})",
                )
            )
        if item.source not in source_ids:
            problems.append(
                Problem(
                    (*where, "source"),
                    f'source "{item.source}" is not defined (defined: {_listing(source_ids)})',
                )
            )
        add(_check_item_kind(item, where))
        if item.show_if is not None:
            add(
                _check_condition(item.show_if, questionnaire, item_ids[:index], (*where, "show_if"))
            )

    for dimension_index, dimension in enumerate(questionnaire.dimensions):
        add(_check_ranges(dimension.bands, 0, 100, ("dimensions", dimension_index, "bands")))
        if not questionnaire.is_profile and not any(
            item.scored and item.dimension == dimension.id for item in questionnaire.items
        ):
            problems.append(
                Problem(("dimensions", dimension_index), "no scored item belongs to this dimension")
            )

    for index, finding in enumerate(questionnaire.findings):
        where = ("findings", index)
        add(_check_condition(finding.when, questionnaire, item_ids, (*where, "when")))
        for source_index, source_id in enumerate(finding.sources):
            if source_id not in source_ids:
                problems.append(
                    Problem(
                        (*where, "sources", source_index),
                        f'source "{source_id}" is not defined (defined: {_listing(source_ids)})',
                    )
                )
        if finding.dimension is not None and finding.dimension not in dimension_ids:
            problems.append(
                Problem(
                    (*where, "dimension"),
                    f'dimension "{finding.dimension}" is not defined '
                    f"(defined: {_listing(dimension_ids)})",
                )
            )
        if finding.kind in DIMENSION_KINDS:
            if finding.dimension is None:
                problems.append(
                    Problem(
                        (*where, "dimension"),
                        f"a {finding.kind} finding needs the dimension it stands for",
                    )
                )
            if not finding.actions:
                problems.append(
                    Problem((*where, "actions"), f"a {finding.kind} finding needs an action")
                )
        if finding.importance <= 0:
            problems.append(Problem((*where, "importance"), "importance must be greater than 0"))
        if finding.item is not None and finding.item not in item_ids:
            problems.append(Problem((*where, "item"), f'item "{finding.item}" is not defined'))
        for action_index, action in enumerate(finding.actions):
            if isinstance(action, Action) and action.dimension not in (None, *dimension_ids):
                problems.append(
                    Problem(
                        (*where, "actions", action_index, "dimension"),
                        f'dimension "{action.dimension}" is not defined '
                        f"(defined: {_listing(dimension_ids)})",
                    )
                )
    for index, caution in enumerate(questionnaire.cautions):
        add(_check_condition(caution.when, questionnaire, item_ids, ("cautions", index, "when")))
    return problems


def _check_profile(questionnaire: Questionnaire) -> Iterator[Problem]:
    """A profile is never scored: it has no dimensions, bands or findings."""
    for field in ("dimensions", "bands", "findings"):
        if getattr(questionnaire, field):
            yield Problem(
                (field,),
                f"a profile questionnaire is not scored, so it has no {field}; remove them "
                '(or make it kind = "scored")',
            )


#: A test that reads one questionnaire: its answers, a score, or every dimension.
Test = ScoreTest | AnswerTest | EveryDimensionTest


def external_tests(questionnaire: Questionnaire) -> list[tuple[Location, Test]]:
    """Score, answer and every-dimension tests (in findings, cautions and ``show_if``) that read
    other questionnaires."""
    found: list[tuple[Location, Test]] = []

    def walk(condition: Condition, where: Location) -> None:
        if isinstance(condition, AllOf | AnyOf):
            key = "all" if isinstance(condition, AllOf) else "any"
            parts = condition.all if isinstance(condition, AllOf) else condition.any
            for index, part in enumerate(parts):
                walk(part, (*where, key, index))
        elif isinstance(condition, NotOf):
            walk(condition.not_, (*where, "not"))
        elif condition.questionnaire not in (None, questionnaire.id):
            found.append((where, condition))

    for index, item in enumerate(questionnaire.items):
        if item.show_if is not None:
            walk(item.show_if, ("items", index, "show_if"))
    for index, finding in enumerate(questionnaire.findings):
        walk(finding.when, ("findings", index, "when"))
    for index, caution in enumerate(questionnaire.cautions):
        walk(caution.when, ("cautions", index, "when"))
    return found
