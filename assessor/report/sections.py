"""Sections shared by the respondent's report and the organisation report.

The summary page (the diagnosis in five headings, with the first actions' owner, date and
effort, and one line for the leadership team to decide), the "How to read this report" box,
the findings (each pattern in full, the watches and flags in one table, every action named by
its number in the plan), the 90-day plan and the closing page, "Method and sources". Each
action's text is printed once, in the plan or on page 2. They are made of the building blocks
of :mod:`assessor.report.blocks`; every user or questionnaire string goes through ``plain()``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepInFrame,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from assessor.comparison.followup import action_key
from assessor.diagnosis.figures import points_text
from assessor.diagnosis.findings import KIND_LABELS
from assessor.report.blocks import (
    BOX_BACKGROUND,
    MUTED_HEX,
    RULE,
    SEVERITY_COLOURS,
    Heading,
    layout_table,
    markup_paragraph,
    paragraph,
    plain,
    ruled_table,
)
from assessor.report.fonts import register_fonts
from assessor.report.model import (
    CAUTION_HEADING,
    ActionView,
    FindingView,
    MethodView,
    PlanView,
    ProblemView,
    QuestionnaireView,
    StandView,
    SummaryView,
)
from assessor.report.palette import band_colour

#: The five headings of the summary page, in order (issue 12).
SUMMARY_HEADINGS = (
    "Where you stand",
    "What is wrong",
    "Why it matters",
    "What to do first",
    "Strengths",
)


def score_text(score: float | None) -> str:
    """A score as printed: whole points (halves up, as everywhere), or "—" when there is none."""
    return points_text(score)


def change_text(change: float | None, since: str) -> str:
    """ "Up 5 points since 2026-Q1" / "Level with 2026-Q1" ("" when there is no change)."""
    if change is None:
        return ""
    if round(change) == 0:
        return f"Level with {since}"
    word = "Up" if change > 0 else "Down"
    points = abs(round(change))
    return f"{word} {points} point{'s' if points != 1 else ''} since {since}"


def _box(flowables: list[Flowable], width: float) -> Table:
    box = layout_table([[flowables]], [width])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), BOX_BACKGROUND),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


# --- The summary page ------------------------------------------------------------------------


def caution_box(cautions: Sequence[str], width: float) -> list[Flowable]:
    """The "Read with care" box: each caution as a bullet (nothing when there is none)."""
    if not cautions:
        return []
    lines: list[Flowable] = [
        markup_paragraph(f"<b>⚠ {plain(CAUTION_HEADING)}</b>", "warning"),
        *(paragraph(f"• {caution}", "body") for caution in cautions),
    ]
    return [Spacer(1, 2 * mm), _box(lines, width)]


def _stand(stand: StandView, width: float, notes: Sequence[str]) -> list[Flowable]:
    overall = stand.overall
    colour = band_colour(overall.band_index)
    big = markup_paragraph(
        f'<font color="{colour}">{score_text(overall.score)}</font>',
        "big-score" if overall.score is not None else "h2",
    )
    lines: list[Flowable] = [
        markup_paragraph(
            f"<b>Overall index {score_text(overall.score)} of 100 — {plain(stand.stage)}</b>"
        ),
        paragraph(overall.meaning or "Too few answers to place the organisation in a band yet."),
    ]
    moved = change_text(stand.change, stand.previous_period)
    if moved:
        lines.append(
            markup_paragraph(
                f"<b>{plain(moved)}</b> (then {score_text(stand.previous)}, now "
                f"{score_text(overall.score)})."
            )
        )
    elif not stand.previous_period:
        lines.append(paragraph("No earlier period to compare with yet.", "small"))
    indices = " · ".join(
        f"{plain(index.label)} <b>{score_text(index.score)}</b>"
        + (f" {plain(index.band)}" if index.band else "")
        for index in stand.indices
    )
    if indices:
        lines.append(markup_paragraph(indices, "small"))
    for note in notes:
        lines.append(paragraph(f"⚠ {note}", "warning"))
    table = layout_table([[big, lines]], [width * 0.16, width * 0.84], splitByRow=0)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table]


def _problem_tag(problem: ProblemView) -> str:
    if problem.kind == "dimension":
        parts = ["below Strong"]
    else:
        kind = KIND_LABELS.get(problem.kind, "")
        severity = f"{problem.severity} severity"
        parts = [f"{kind} · {severity}" if kind else severity]
    if problem.detail:
        parts.append(problem.detail)
    if problem.seen_by:
        parts.append(problem.seen_by)
    colour = SEVERITY_COLOURS.get(problem.severity, MUTED_HEX)
    head, *rest = parts
    tail = "".join(f" · {plain(part)}" for part in rest)
    return (
        f'<font color="{colour}" size="8"><b>{plain(head)}</b></font>'
        f'<font color="{MUTED_HEX}" size="8">{tail}</font>'
    )


def _numbered(rows: Iterable[tuple[str, str]], width: float) -> Table:
    """A compact numbered list: (number, markup) rows."""
    data = [
        [markup_paragraph(number, "body"), markup_paragraph(markup, "body")]
        for number, markup in rows
    ]
    table = layout_table(data, [width * 0.06, width * 0.94])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def action_details(action: ActionView, answers: int = -1) -> list[str]:
    """The muted details of an action, as plain text: carried over, what it answers, done when.

    ``answers`` is the number of the page-2 problem it answers (0: next in the plan; -1: not
    said).
    """
    details: list[str] = []
    if action.carried_over:
        details.append(f"Carried over from {action.carried_over}")
    if answers > 0:
        details.append(f"For problem {answers}")
    elif answers == 0:
        details.append("Next in the plan")
    if action.done_when:
        details.append(f"Done when: {action.done_when}")
    return details


def _first_actions(actions: Sequence[ActionView], answers: Sequence[int], width: float) -> Table:
    rows: list[list[Any]] = [
        [
            paragraph("#", "cell-bold"),
            paragraph("Action", "cell-bold"),
            paragraph("Owner", "cell-bold"),
            paragraph("When", "cell-bold"),
            paragraph("Effort", "cell-bold"),
        ]
    ]
    for number, action in enumerate(actions, start=1):
        text = plain(action.text)
        answered = answers[number - 1] if number <= len(answers) else -1
        details = action_details(action, answered)
        if details:
            text += f'<br/><font color="{MUTED_HEX}" size="7.5">{plain(" · ".join(details))}</font>'
        rows.append(
            [
                paragraph(str(number), "cell"),
                _action_cell(plain(action.text), details),
                paragraph(action.owner_label, "cell"),
                paragraph(action.horizon_label, "cell"),
                paragraph(action.effort_label, "cell"),
            ]
        )
    return ruled_table(rows, width, [0.04, 0.58, 0.14, 0.13, 0.11])


def summary_page(
    summary: SummaryView,
    width: float,
    *,
    title: str = "The diagnosis in one page",
    after_stand: Sequence[Flowable] = (),
    notes: Sequence[str] = (),
) -> Iterator[Flowable]:
    """The summary page under the five headings; ``after_stand`` goes between the first two.

    Everything under the title is kept in the rest of the page, shrunk a little when it would
    not fit, so that the diagnosis is always one page.
    """
    yield Heading(title, "h1", 0)
    yield KeepInFrame(
        0,
        0,
        list(_summary_body(summary, width, after_stand, notes)),
        mode="shrink",
        vAlign="TOP",
    )


def _summary_body(
    summary: SummaryView,
    width: float,
    after_stand: Sequence[Flowable],
    notes: Sequence[str],
) -> Iterator[Flowable]:
    yield paragraph(SUMMARY_HEADINGS[0], "summary-h")
    yield from _stand(summary.stand, width, notes)
    yield from after_stand

    yield paragraph(SUMMARY_HEADINGS[1], "summary-h")
    if summary.wrong:
        yield _numbered(
            (
                (
                    f"{number}.",
                    f"<b>{plain(problem.text)}</b>"
                    + (f" {plain(problem.note)}" if problem.note else "")
                    + f"<br/>{_problem_tag(problem)}",
                )
                for number, problem in enumerate(summary.wrong, start=1)
            ),
            width,
        )
    else:
        yield paragraph(
            "Nothing stands out: every dimension is Strong and no problem pattern fired."
        )

    yield paragraph(SUMMARY_HEADINGS[2], "summary-h")
    if summary.why:
        yield _numbered(
            (
                (", ".join(str(n) for n in consequence.problems), plain(consequence.text))
                for consequence in summary.why
            ),
            width,
        )
    else:
        yield paragraph("With every dimension Strong, the task is to keep it so.")

    yield paragraph(SUMMARY_HEADINGS[3], "summary-h")
    if summary.first:
        yield _first_actions(summary.first, summary.first_for, width)
    elif summary.all_strong:
        yield paragraph(
            "Every dimension is Strong: keep the habits that got you here and take the "
            "assessment again next quarter."
        )
    for line in summary.without_action:
        yield paragraph(line, "small")
    if summary.decision:
        yield Spacer(1, 1.5 * mm)
        decision = summary.decision
        lead, _, rest = decision.partition(": ")
        yield markup_paragraph(f"<b>{plain(lead)}:</b> {plain(rest)}" if rest else plain(decision))

    yield paragraph(SUMMARY_HEADINGS[4], "summary-h")
    if summary.strengths_note:
        # No dimension is Sound or Strong: none is called a strength.
        yield paragraph(summary.strengths_note)
    if summary.strengths:
        rows = []
        for strength in summary.strengths:
            if strength.score is None:
                seen = (
                    f' <font color="{MUTED_HEX}" size="8">{plain(strength.meaning)}</font>'
                    if strength.meaning
                    else ""
                )
                rows.append(("✓", f"<b>{plain(strength.title)}</b>{seen}"))
                continue
            colour = band_colour(strength.band_index)
            rows.append(
                (
                    "✓",
                    f"<b>{plain(strength.title)} {score_text(strength.score)}</b> "
                    f'<font color="{colour}"><b>{plain(strength.band)}</b></font>'
                    + (
                        f' <font color="{MUTED_HEX}" size="8">{plain(strength.meaning)}</font>'
                        if strength.meaning
                        else ""
                    ),
                )
            )
        yield _numbered(rows, width)
    elif not summary.strengths_note:
        yield paragraph("No dimension has enough answers to name a strength yet.")


# --- Coverage and findings ------------------------------------------------------------------


def coverage_note(questionnaires: Sequence[QuestionnaireView]) -> Flowable | None:
    """One line naming the dimensions not answered in full (and their "don't know"), or None.

    The chart shows each score; this says which of them rest on fewer answers than asked.
    """
    partial: list[str] = []
    for questionnaire in questionnaires:
        for dimension in questionnaire.dimensions:
            result = dimension.result
            if result.score is not None and result.coverage >= 1 and not dimension.dont_know:
                continue
            text = f"{dimension.title} {result.coverage:.0%}"
            if dimension.dont_know:
                text += f" ({dimension.dont_know} don't know)"
            partial.append(text)
    if not partial:
        return None
    return paragraph("Answered less than in full: " + "; ".join(partial) + ".", "small")


def _finding_tag(finding: FindingView, new: str = "") -> Paragraph:
    colour = SEVERITY_COLOURS.get(finding.severity, "#333333")
    if finding.positive:
        tag = "Strength"
    elif finding.kind in KIND_LABELS:
        tag = f"{KIND_LABELS[finding.kind]} · {finding.severity} severity"
    else:
        tag = f"{finding.severity.capitalize()} severity"
    # the dimension and its score say where it belongs; the questionnaire only when there is
    # no dimension to name
    where = finding.evidence or finding.questionnaire_title
    extra = "".join(f" · {plain(part)}" for part in (where, finding.seen_by, new) if part)
    basis = ""
    if finding.basis == "practice":
        basis = " · rests on standard practice, not on the articles"
    elif finding.sources:
        basis = " · rests on " + plain("; ".join(finding.sources))
    return markup_paragraph(
        f'<font color="{colour}"><b>{plain(tag)}</b></font> '
        f'<font color="{MUTED_HEX}">{extra}{basis}</font>',
        "small",
    )


def _listed_numbers(actions: Sequence[str], numbers: Mapping[str, int]) -> str:
    ranks = sorted(numbers[action_key(a)] for a in actions)
    words = [str(rank) for rank in ranks]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def what_to_do(actions: Sequence[str], plan: PlanView, *, texts: bool = True) -> str:
    """A finding's actions as markup: those in the plan proper by their number (the plan gives
    their text, owner and test of done), the later ones and the done ones by their text, or
    with ``texts`` false counted (the later ones with their numbers).

    Each action's text is printed once in a report at most: in the plan table, or here. ""
    when there are none.
    """
    numbers = plan.numbers
    proper = {a.rank for group in plan.groups for a in group.actions}
    done = {action_key(text) for text in plan.done}
    planned: list[int] = []
    named: list[str] = []
    for action in actions:
        key = action_key(action)
        rank = numbers.get(key)
        if rank is not None and rank in proper:
            planned.append(rank)
        elif rank is not None:
            named.append(f'{plain(action)} <font color="{MUTED_HEX}">(action {rank}, later)</font>')
        elif key in done:
            named.append(
                f'{plain(action)} <font color="{MUTED_HEX}">(done, per the '
                f"{plain(plan.done_period)} follow-up)</font>"
            )
    parts: list[str] = []
    if planned:
        ranks = [str(rank) for rank in sorted(planned)]
        listed = ranks[0] if len(ranks) == 1 else ", ".join(ranks[:-1]) + " and " + ranks[-1]
        parts.append(f"action{'s' if len(ranks) > 1 else ''} {listed} of the plan")
    if not texts:
        later = [a for a in actions if numbers.get(action_key(a), 0) not in proper | {0}]
        if later:
            word = "action" if len(later) == 1 else "actions"
            parts.append(f"{len(later)} for later ({word} {_listed_numbers(later, numbers)})")
        finished = [a for a in actions if action_key(a) not in numbers and action_key(a) in done]
        if finished:
            parts.append(f"{len(finished)} done, per the {plain(plan.done_period)} follow-up")
        return "; ".join(parts)
    parts += [f"• {text}" for text in named]
    return " ".join(parts)


def finding_blocks(
    finding: FindingView, plan: PlanView, *, said: bool = False, new: str = ""
) -> list[Flowable]:
    """One finding in full: title, tag and basis (and ``new``, "new since 2026-Q1", if it is),
    the flagged answer, explanation, why it matters (unless ``said`` on page 2 already), and
    what to do (:func:`what_to_do`: a high-severity finding's later actions with their text,
    any other's counted)."""
    parts: list[Flowable] = [Heading(finding.title, "h3", 1), _finding_tag(finding, new)]
    if finding.kind == "flag" and finding.flagged_item:
        answer = f" — answered “{plain(finding.flagged_answer)}”" if finding.flagged_answer else ""
        parts.append(
            markup_paragraph(
                f"<i>Raised by one answer:</i> “{plain(finding.flagged_item)}”{answer}", "box"
            )
        )
    text = plain(finding.explanation)
    if finding.consequence and not finding.positive and not said:
        text += f" <b>Why it matters:</b> {plain(finding.consequence)}"
    parts.append(markup_paragraph(text, "box"))
    todo = what_to_do(finding.actions, plan, texts=finding.severity == "high")
    if todo:
        parts.append(markup_paragraph(f"<b>What to do:</b> {todo}", "box"))
    return [KeepTogether(parts)]


def _watch_row(finding: FindingView, plan: PlanView, new: str) -> list[Any]:
    todo = what_to_do(finding.actions, plan, texts=False)
    kind = f"{KIND_LABELS.get(finding.kind, finding.kind)} · {finding.severity} severity"
    tag = " · ".join(part for part in (kind, finding.evidence, finding.seen_by, new) if part)
    raised = ""
    if finding.kind == "flag" and finding.flagged_item:
        answer = f" — “{plain(finding.flagged_answer)}”" if finding.flagged_answer else ""
        raised = f"<br/>“{plain(finding.flagged_item)}”{answer}"
    return [
        markup_paragraph(
            f"<b>{plain(finding.title)}</b> "
            f'<font color="{MUTED_HEX}" size="7">{plain(tag)}{raised}</font>',
            "cell",
        ),
        markup_paragraph(todo or "—", "cell"),
    ]


def listed_actions(findings: Sequence[FindingView]) -> set[str]:
    """The keys of every action the findings list with its text."""
    return {action_key(action) for finding in findings for action in finding.actions}


def findings_section(
    findings: Sequence[FindingView],
    plan: PlanView,
    width: float,
    *,
    said: Sequence[tuple[str, str]] = (),
    new: Collection[str] = (),
    since: str = "",
) -> Iterator[Flowable]:
    """The findings: each pattern in full, then the watches and flags in one table.

    A watch (a dimension in its Fragile range) or a flag (one telling answer) takes a row: what
    raised it and what to do. ``said`` are the (questionnaire, finding) keys whose consequence
    page 2 already gives; a finding whose title is in ``new`` is marked "new since ``since``".
    """

    def mark(finding: FindingView) -> str:
        return f"new since {since}" if since and finding.title in new else ""

    lesser = [f for f in findings if f.kind in KIND_LABELS and not f.positive]
    steps = [f for f in lesser if f.kind == "next-step" and f.severity == "low"]
    lesser = [f for f in lesser if f not in steps]
    for finding in findings:
        if finding not in lesser and finding not in steps:
            key = (finding.questionnaire_id, finding.finding_id)
            yield from finding_blocks(finding, plan, said=key in said, new=mark(finding))
    if lesser:
        yield from _watch_table(lesser, plan, width, mark)
    if steps:
        yield from next_steps_table(steps, plan, width, mark)


def _watch_table(
    lesser: Sequence[FindingView],
    plan: PlanView,
    width: float,
    mark: Callable[[FindingView], str],
) -> Iterator[Flowable]:
    """The watches, flags and fallbacks: one row each, what raised it and its actions."""
    rows: list[list[Any]] = [
        [
            paragraph("Watch, or flag and the answer that raised it", "cell-bold"),
            paragraph("Its actions", "cell-bold"),
        ]
    ]
    rows += [_watch_row(finding, plan, mark(finding)) for finding in lesser]
    shares = [0.72, 0.28]
    # The heading, its note and the first row stay together; the rest may run on.
    yield KeepTogether(
        [
            markup_paragraph(
                "Watches and flags "
                f'<font name="{register_fonts()[0]}" size="8" color="{MUTED_HEX}">a watch marks '
                "a dimension in its Fragile range, a flag one answer that is a warning on its "
                "own; their actions are numbered as in the plan</font>",
                "h3",
            ),
            ruled_table(rows[:2], width, shares),
        ]
    )
    if len(rows) > 2:
        yield ruled_table(rows[2:], width, shares, header=False)


def _step_dimension(finding: FindingView) -> str:
    """The dimension a next step belongs to: its evidence ("Freedom from chaos 78"), else its
    title."""
    return finding.evidence or finding.title


def next_steps_table(
    steps: Sequence[FindingView],
    plan: PlanView,
    width: float,
    mark: Callable[[FindingView], str] = lambda finding: "",
) -> Iterator[Flowable]:
    """The low-severity next steps to Strong in one compact table: one row per dimension, its
    steps in a line each and all their actions numbered as in the plan (so a dimension's
    next step is listed once, and every dimension keeps its actions)."""
    seen_by_all = ""  # "seen by all 3 respondents", said once in the note when rows share it
    by_dimension: dict[tuple[str, str], list[FindingView]] = {}
    for finding in steps:
        key = (finding.questionnaire_id, _step_dimension(finding))
        by_dimension.setdefault(key, []).append(finding)
    rows: list[list[Any]] = [
        [
            paragraph("Dimension and its next steps to Strong", "cell-bold"),
            paragraph("Their actions", "cell-bold"),
        ]
    ]
    for (_qid, dimension), group in by_dimension.items():
        actions: list[str] = []
        for finding in group:
            actions += [a for a in finding.actions if a not in actions]
        titles = [f.title for f in group]
        extra = sorted({part for f in group for part in (f.seen_by, mark(f)) if part})
        everyone = [part for part in extra if part.startswith("seen by all")]
        if everyone:
            seen_by_all = everyone[0]
            extra = [part for part in extra if part not in everyone]
        tag = " · ".join(extra)
        lines = " — " + " ".join(plain(t) for t in titles)
        rows.append(
            [
                markup_paragraph(
                    f"<b>{plain(dimension)}</b>"
                    + (f' <font color="{MUTED_HEX}" size="7">{plain(tag)}</font>' if tag else "")
                    + f'<font size="7">{lines}</font>',
                    "cell",
                ),
                markup_paragraph(what_to_do(actions, plan, texts=False) or "—", "cell"),
            ]
        )
    shares = [0.7, 0.3]
    yield KeepTogether(
        [
            markup_paragraph(
                "Next steps to Strong "
                f'<font name="{register_fonts()[0]}" size="8" color="{MUTED_HEX}">low '
                "severity: what would lift a Sound dimension to Strong, one row per "
                "dimension; their actions are numbered as in the plan"
                + (f"; {plain(seen_by_all)} unless a row says otherwise" if seen_by_all else "")
                + "</font>",
                "h3",
            ),
            ruled_table(rows[:2], width, shares),
        ]
    )
    if len(rows) > 2:
        yield ruled_table(rows[2:], width, shares, header=False)


# --- How to read this report -----------------------------------------------------------------


def how_to_read(
    method: MethodView,
    width: float,
    sections: str,
    extra: Sequence[tuple[str, str]] = (),
) -> Iterator[Flowable]:
    """The "How to read this report" box: index, band (read from the printed figure),
    coverage, "don't know", findings, and the owner, when and effort of every action."""
    bands = ", ".join(f"{label} {low:.0f}–{high:.0f}" for label, low, high in method.bands)
    entries = [
        (
            "Index",
            "a score from 0 to 100; 100 means every answer was the most favourable one. Each "
            "dimension is the weighted mean of its answers, a questionnaire's index the mean "
            "of its dimensions, the overall index the mean of all dimensions.",
        ),
        (
            "Band",
            f"the stage a score falls in: {bands}, read from the whole number printed (39.6 "
            "prints as 40 and is Fragile). The cut-offs are this tool's judgement, not a norm "
            "or a benchmark of other companies.",
        ),
        (
            "Coverage",
            "the share of a dimension's questions, by weight, that got an answer. Below "
            f"{method.min_coverage:.0%} a dimension gets no score rather than a guess. "
            "“Don't know” is always allowed and never counted as zero: it lowers coverage.",
        ),
        (
            "Findings",
            "patterns the articles describe; a watch marks a dimension in its Fragile range, "
            "a flag a single answer that is a warning on its own.",
        ),
        (
            "Actions",
            "each has an owner, a date (this month, this quarter, within six months) and an "
            "effort: Hours (a decision, a message, a meeting booked), Days (a document to "
            "write, a review or workshop to prepare) or Project (several people over weeks); "
            "“—” where an older questionnaire does not say. "
            "An action the previous period's follow-up says is done is not proposed again; an "
            "open one is “carried over”. Every action is written in the questionnaires: where "
            "none fits a problem, the report says so rather than invent one.",
        ),
        *extra,
        ("Where things are", sections),
    ]
    content: list[Flowable] = [markup_paragraph("<b>How to read this report</b>", "h3")]
    content += [
        markup_paragraph(f"<b>{plain(label)}</b>: {plain(text)}", "box") for label, text in entries
    ]
    yield _box(content, width)


# --- The 90-day plan -------------------------------------------------------------------------


def _action_cell(markup: str, details: Sequence[str]) -> list[Flowable]:
    """An action's table cell: its text, then its details in small muted type."""
    cell = [markup_paragraph(markup, "cell")]
    if details:
        cell.append(paragraph(" · ".join(details), "cell-small"))
    return cell


def _in_every_plan(seen_by: str) -> bool:
    """Whether "3 of 3" (an action's ``seen_by``) means every respondent."""
    part, _, whole = seen_by.partition(" of ")
    return bool(whole) and part == whole


def _plan_action_cell(action: ActionView, organisation: bool) -> list[Flowable]:
    details = action_details(action)
    # an action in every respondent's plan is the rule the plan's introduction states
    if organisation and action.seen_by and not _in_every_plan(action.seen_by):
        details.append(f"In the plans of {action.seen_by}")
    return _action_cell(f"<b>{action.rank}.</b> {plain(action.text)}", details)


def plan_section(
    plan: PlanView,
    width: float,
    *,
    organisation: bool = False,
    listed: Collection[str] = (),
) -> Iterator[Flowable]:
    """The 90-day plan: the plan proper grouped by horizon, then the later actions, then the
    actions done since the previous period (named, not proposed again).

    ``listed`` are the keys (:func:`~assessor.comparison.followup.action_key`) of the actions
    the findings list with their texts: a later one of those is named by its number only.
    """
    yield CondPageBreak(50 * mm)
    yield Heading("The 90-day plan", "h1", 0)
    if plan.count:
        most = "most pressing action" if plan.count == 1 else f"{plan.count} most pressing actions"
        everyone = [
            a.seen_by
            for group in plan.groups
            for a in group.actions
            if organisation and _in_every_plan(a.seen_by)
        ]
        rule = (
            f"; each is in the plans of {everyone[0]} respondents unless it says otherwise"
            if everyone
            else ""
        )
        yield paragraph(
            f"The {most}, numbered by priority (importance × how far the dimension acted on is "
            f"from 100) and grouped by when due{rule}.",
            "small",
        )
        yield Spacer(1, 1.5 * mm)
        yield _plan_table(plan, width, organisation)
    else:
        yield paragraph(
            "No finding calls for an action that is not done already."
            if plan.done
            else "Every dimension is Strong and no finding calls for an action: keep the "
            "habits that got you here."
        )
    if plan.later:
        first, last = plan.later[0].rank, plan.later[-1].rank
        numbers = f"action {first}" if first == last else f"actions {first} to {last}"
        unlisted = [a for a in plan.later if action_key(a.text) not in listed]
        said = f"Later, once these are under way: {numbers}"
        if len(unlisted) < len(plan.later):
            said += (
                ", named under their findings (a high-severity one's with its text) and listed "
                "in full in the app"
            )
        if unlisted:
            said += ("; and " if len(unlisted) < len(plan.later) else ": ") + "; ".join(
                f"{a.rank}. {a.text.rstrip('.')}"
                + (f" ({a.owner_label}, {a.effort_label.lower()})" if a.owner else "")
                for a in unlisted
            )
        yield paragraph(said + ".", "small")
    if plan.done:
        count = len(plan.done)
        yield paragraph(
            f"Done, as the follow-up of {plan.done_period}'s actions says, so not proposed "
            f"again ({count}): " + "; ".join(text.rstrip(".") for text in plan.done) + ".",
            "small",
        )


def _plan_table(plan: PlanView, width: float, organisation: bool) -> Flowable:
    header = [
        paragraph("Action", "cell-bold"),
        paragraph("Owner", "cell-bold"),
        paragraph("Effort", "cell-bold"),
    ]
    rows: list[list[Any]] = [header]
    group_rows: list[int] = []
    for group in plan.groups:
        group_rows.append(len(rows))
        rows.append([markup_paragraph(f"<b>{plain(group.title)}</b>", "cell"), "", ""])
        for action in group.actions:
            rows.append(
                [
                    _plan_action_cell(action, organisation),
                    paragraph(action.owner_label, "cell"),
                    paragraph(action.effort_label, "cell"),
                ]
            )
    table = ruled_table(rows, width, [0.75, 0.15, 0.1])
    commands: list[tuple[Any, ...]] = []
    for row in group_rows:
        commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), BOX_BACKGROUND),
            # a group's title never ends a page without its first action
            ("NOSPLIT", (0, row), (-1, min(row + 1, len(rows) - 1))),
        ]
    table.setStyle(TableStyle(commands))
    return table


# --- Method and sources ----------------------------------------------------------------------


def _basis_text(method: MethodView, organisation: bool) -> str:
    marked = method.items_on_articles + method.items_on_practice
    where = "each respondent's report" if organisation else "the appendix (marked †)"
    if not marked and not (method.findings_on_articles + method.findings_on_practice):
        return (
            "These questionnaire versions do not mark which questions rest on a claim of the "
            "articles and which on standard practice; some are the tool's own additions."
        )
    text = (
        f"Of the scored questions, {method.items_on_articles} rest on a claim of the articles "
        f"and {method.items_on_practice} on standard practice or the tool's own judgement"
    )
    if method.items_unmarked:
        text += f" ({method.items_unmarked} are not marked)"
    text += (
        f"; of the findings, {method.findings_on_articles} rest on the articles and "
        f"{method.findings_on_practice} on practice"
    )
    if method.findings_unmarked:
        text += f" ({method.findings_unmarked} not marked)"
    return text + f". Each finding says which, and so do the questions in {where}."


def _para(text: str) -> Flowable:
    """A body paragraph with room after it (running text)."""
    return paragraph(text, "para")


#: The one position the bundled questionnaires take where the articles disagree, said once.
STANCE = (
    "Where the articles disagree about what marketing is for, the bundled questionnaires take "
    "one position throughout: marketing is accountable for the sales opportunities it creates "
    "rather than for closed deals, free from sales errands, and in constant contact with sales."
)


def method_page(method: MethodView, *, organisation: bool = False) -> Iterator[Flowable]:
    """The closing page, "Method and sources": how scores are computed, what bands are, bias,
    the questionnaires and the stance they take, what the findings rest on, the sources.

    Everything is kept on one page (shrunk a little when it would not fit): it follows the last
    section where the rest of that page holds it whole, else it starts a page of its own."""
    heading = Heading("Method and sources", "h1", 0)
    body = list(_method_body(method, organisation))
    yield BreakUnlessFits([heading, *body])
    yield heading
    yield KeepInFrame(0, 0, body, mode="shrink", vAlign="TOP")


#: How far "Method and sources" may shrink to fit the rest of a page (or a page of its own).
SHRINK_AT_MOST = 0.9


class BreakUnlessFits(CondPageBreak):  # type: ignore[misc]
    """A page break unless the rest of the page holds ``flowables`` whole, shrunk at most to
    :data:`SHRINK_AT_MOST` (measured at the frame's width when laid out)."""

    def __init__(self, flowables: Sequence[Flowable]) -> None:
        super().__init__(0)
        self._flowables = list(flowables)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Measure the flowables, then break as :class:`CondPageBreak` does."""
        needed = 0.0
        for flowable in self._flowables:
            needed += flowable.wrap(availWidth, availHeight)[1]
            needed += flowable.getSpaceBefore() + flowable.getSpaceAfter()
        # what follows may shrink a little to fit (KeepInFrame), never below SHRINK_AT_MOST
        self.height = needed * SHRINK_AT_MOST
        result: tuple[float, float] = super().wrap(availWidth, availHeight)
        return result


def _method_body(method: MethodView, organisation: bool) -> Iterator[Flowable]:
    yield paragraph("How the scores are computed", "h3")
    yield _para(
        "Every answer becomes a value from 0 to 1: agreement on a five-point scale, the "
        "chosen option's weight, the ticked options' weights, or the range a number falls in. "
        "A dimension's score is the weighted mean of its answered questions × 100; questions "
        "that do not apply, or are not asked of the respondent's role, are left out. A "
        f"dimension with less than {method.min_coverage:.0%} of its weight answered has no "
        "score. A questionnaire's index is the mean of its dimensions; the overall index is "
        "the mean of all dimensions, so each dimension weighs the same. Findings fire on "
        "conditions over scores and answers written in the questionnaire files; the plan ranks "
        "their actions by importance × gap (how far the dimension acted on is from 100)."
        + (
            " In the organisation report a dimension's score is the mean of the respondents' "
            "scores, and a perception gap the highest role's score minus the lowest (25 points "
            "or more is flagged)."
            if organisation
            else ""
        )
    )
    yield paragraph("What the bands are, and what they are not", "h3")
    bands = ", ".join(f"{label} {low:.0f}–{high:.0f}" for label, low, high in method.bands)
    yield _para(
        f"The bands ({bands}) are this tool's judgement of what a score says, set by its "
        "authors, and read from the whole number printed. They are not norms, not percentiles "
        "and not a comparison with other companies: read a score against your own earlier "
        "periods and your colleagues' answers."
    )
    yield paragraph("Self-assessment and its bias", "h3")
    yield _para(
        "Every answer is a leader's own view. Leaders tend to rate their own organisation "
        "higher than others see it, and what they are responsible for higher still. The "
        "report cannot correct for that; it can make it visible. Ask marketing and sales to "
        "answer too and compare the views (the organisation report shows the gaps), give "
        "evidence notes where you can, and answer “don't know” rather than guess."
    )
    yield paragraph("The questionnaires and the position they take", "h3")
    for title, asks in method.questionnaires:
        yield markup_paragraph(f"<b>{plain(title)}</b>: {plain(asks)}", "box")
    if method.bundled:
        yield _para(STANCE)
    yield _para(
        "Why each question is asked, and the point of the article behind it, are shown in "
        "the app beside each question and after each answer; this report does not reprint "
        "them. " + _basis_text(method, organisation)
    )
    yield paragraph("Sources", "h3")
    yield paragraph(
        "The questions and findings paraphrase these articles in the tool's own words and "
        "cite them by title:",
        "small",
    )
    for source in method.sources:
        yield paragraph(f"• {source}", "box")
