"""Sections shared by the respondent's report and the organisation report.

The summary page (the diagnosis in five headings), one section per questionnaire, the findings
with what to do, the "How to read this report" box, the 90-day plan and the closing page on
method and limits. They are made of the building blocks of :mod:`assessor.report.blocks`; every
user or questionnaire string goes through ``plain()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepInFrame,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from assessor.diagnosis.figures import points_text
from assessor.report.blocks import (
    BOX_BACKGROUND,
    MUTED_HEX,
    RULE,
    SEVERITY_COLOURS,
    Heading,
    bullet_list,
    layout_table,
    markup_paragraph,
    paragraph,
    plain,
    ruled_table,
)
from assessor.report.model import (
    ActionView,
    FindingView,
    MethodView,
    PlanView,
    ProblemView,
    QuestionnaireView,
    ScoreView,
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
KIND_LABELS = {"watch": "Watch", "flag": "Flag"}


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


def _first_actions(actions: Sequence[ActionView], width: float) -> Table:
    rows: list[list[Any]] = [
        [
            paragraph("#", "cell-bold"),
            paragraph("Action", "cell-bold"),
            paragraph("Owner", "cell-bold"),
            paragraph("When", "cell-bold"),
        ]
    ]
    for number, action in enumerate(actions, start=1):
        text = plain(action.text)
        if action.done_when:
            text += (
                f'<br/><font color="{MUTED_HEX}" size="7.5">'
                f"Done when: {plain(action.done_when)}</font>"
            )
        rows.append(
            [
                paragraph(str(number), "cell"),
                markup_paragraph(text, "cell"),
                paragraph(action.owner_label, "cell"),
                paragraph(action.horizon_label, "cell"),
            ]
        )
    return ruled_table(rows, width, [0.05, 0.63, 0.16, 0.16])


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
        yield _first_actions(summary.first, width)
    else:
        yield paragraph(
            "Every dimension is Strong: keep the habits that got you here and take the "
            "assessment again next quarter."
        )

    yield paragraph(SUMMARY_HEADINGS[4], "summary-h")
    if summary.strengths_note:
        # Even the strongest dimensions are weak: name them, without calling them strengths.
        least_weak = ", ".join(
            f"{s.title} {score_text(s.score)} ({s.band})"
            for s in summary.strengths
            if s.score is not None
        )
        yield paragraph(f"{summary.strengths_note} {least_weak}.")
    elif summary.strengths:
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
    else:
        yield paragraph("No dimension has enough answers to name a strength yet.")


# --- One section per questionnaire -----------------------------------------------------------


def _index_text(result: ScoreView) -> str:
    return points_text(result.score, "not enough answers")


def questionnaire_sections(
    questionnaires: Sequence[QuestionnaireView], width: float
) -> Iterator[Flowable]:
    """One section per questionnaire: description, index, and each dimension's meaning."""
    for questionnaire in questionnaires:
        yield CondPageBreak(70 * mm)
        head: list[Flowable] = [
            Heading(questionnaire.title, "h1", 0),
            paragraph(questionnaire.description),
            Spacer(1, 2 * mm),
            markup_paragraph(
                f"<b>Index: {_index_text(questionnaire.result)}</b>"
                + (f" — {plain(questionnaire.result.band)}" if questionnaire.result.band else "")
            ),
            Spacer(1, 2 * mm),
        ]
        rows: list[list[Any]] = [
            [
                paragraph("Dimension", "cell-bold"),
                paragraph("Score", "cell-bold"),
                paragraph("Answered", "cell-bold"),
                paragraph("Band and what it means", "cell-bold"),
            ]
        ]
        for dimension in questionnaire.dimensions:
            result = dimension.result
            answered = f"{result.coverage:.0%}"
            if dimension.dont_know:
                answered += f" ({dimension.dont_know} don't know)"
            meaning = (
                markup_paragraph(
                    f'<font color="{band_colour(result.band_index)}"><b>{plain(result.band)}</b>'
                    f"</font>: {plain(' '.join(result.meaning.split()))}",
                    "cell",
                )
                if result.score is not None
                else paragraph("Not enough answers to score this dimension.", "cell")
            )
            rows.append(
                [
                    paragraph(dimension.title, "cell"),
                    paragraph(_index_text(result), "cell"),
                    paragraph(answered, "cell"),
                    meaning,
                ]
            )
        # Kept together so that a table never leaves one row alone on the next page.
        yield KeepTogether(
            [
                *head,
                ruled_table(rows, width, [0.24, 0.1, 0.16, 0.5]),
                Spacer(1, 2 * mm),
                paragraph("Draws on: " + "; ".join(questionnaire.sources), "small"),
            ]
        )


# --- Findings --------------------------------------------------------------------------------


def _finding_tag(finding: FindingView) -> Paragraph:
    colour = SEVERITY_COLOURS.get(finding.severity, "#333333")
    if finding.positive:
        tag = "Strength"
    elif finding.kind in KIND_LABELS:
        tag = f"{KIND_LABELS[finding.kind]} · {finding.severity} severity"
    else:
        tag = f"{finding.severity.capitalize()} severity"
    extra = "".join(
        f" · {plain(part)}"
        for part in (finding.questionnaire_title, finding.evidence, finding.seen_by)
        if part
    )
    return markup_paragraph(
        f'<font color="{colour}"><b>{plain(tag)}</b></font> '
        f'<font color="{MUTED_HEX}">{extra}</font>',
        "small",
    )


def finding_blocks(finding: FindingView) -> list[Flowable]:
    """One finding: title, tag, explanation, the flagged answer, why it matters, actions, basis."""
    parts: list[Flowable] = [Heading(finding.title, "h2", 1), _finding_tag(finding)]
    parts.append(Spacer(1, 1.5 * mm))
    if finding.kind == "flag" and finding.flagged_item:
        answer = f" — answered “{plain(finding.flagged_answer)}”" if finding.flagged_answer else ""
        parts.append(
            markup_paragraph(
                f"<i>Raised by one answer:</i> “{plain(finding.flagged_item)}”{answer}"
            )
        )
    parts.append(paragraph(finding.explanation))
    if finding.consequence and not finding.positive:
        parts.append(markup_paragraph(f"<b>Why it matters:</b> {plain(finding.consequence)}"))
    tail: list[Flowable] = []
    if finding.actions:
        tail.append(paragraph("What to do", "h3"))
        tail.append(bullet_list(finding.actions))
    if finding.basis == "practice":
        tail.append(
            paragraph(
                "Rests on standard practice (the tool's own judgement), not on a claim of the "
                "articles.",
                "small",
            )
        )
    elif finding.sources:
        tail.append(paragraph("Rests on " + "; ".join(finding.sources), "small"))
    # "What to do" never stands alone at the foot of a page, away from its actions.
    return [KeepTogether(parts), KeepTogether(tail)]


# --- How to read this report -----------------------------------------------------------------


def how_to_read(
    method: MethodView,
    width: float,
    sections: str,
    extra: Sequence[tuple[str, str]] = (),
) -> Iterator[Flowable]:
    """The "How to read this report" box: index, band, coverage, "don't know", findings."""
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
            f"the stage a score falls in: {bands}. The cut-offs are this tool's judgement, "
            "not a norm or a benchmark of other companies.",
        ),
        (
            "Coverage",
            "(“Answered” in the tables) the share of a dimension's questions, by weight, that "
            f"got an answer. Below {method.min_coverage:.0%} a dimension gets no score rather "
            "than a guess.",
        ),
        (
            "“Don't know”",
            "is always allowed and never counted as zero: it lowers coverage instead, and "
            "where there are many the report says the evidence is thin.",
        ),
        (
            "Findings",
            "patterns the articles describe; a watch marks a dimension in its Fragile range, "
            "a flag a single answer that is a warning on its own.",
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


def _plan_action_cell(action: ActionView, organisation: bool) -> Paragraph:
    text = f"<b>{action.rank}.</b> {plain(action.text)}"
    details: list[str] = []
    if action.done_when:
        details.append(f"Done when: {plain(action.done_when)}")
    if action.suggested:
        details.append("Suggested by the report: no finding covers this dimension.")
    if organisation and action.seen_by:
        details.append(f"In the plans of {plain(action.seen_by)}.")
    if details:
        text += f'<br/><font color="{MUTED_HEX}" size="7.5">{"<br/>".join(details)}</font>'
    return markup_paragraph(text, "cell")


def plan_section(plan: PlanView, width: float, *, organisation: bool = False) -> Iterator[Flowable]:
    """The 90-day plan: the plan proper grouped by horizon, then the later actions."""
    yield CondPageBreak(70 * mm)
    yield Heading("The 90-day plan", "h1", 0)
    if not plan.count:
        yield paragraph(
            "Every dimension is Strong and no finding calls for an action: keep the habits "
            "that got you here."
        )
        return
    yield paragraph(
        f"The {plan.count} most pressing actions, numbered by priority (importance × how far "
        "the dimension they act on is from 100) and grouped by when they are due. Each says "
        "who acts, the finding it answers and how anyone can tell it is done.",
        "small",
    )
    yield Spacer(1, 2 * mm)
    header = [
        paragraph("Action", "cell-bold"),
        paragraph("Owner", "cell-bold"),
        paragraph("Answers", "cell-bold"),
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
                    paragraph("; ".join(action.answers) or action.aims_at, "cell"),
                ]
            )
    table = ruled_table(rows, width, [0.56, 0.15, 0.29])
    commands: list[tuple[Any, ...]] = []
    for row in group_rows:
        commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), BOX_BACKGROUND),
        ]
    table.setStyle(TableStyle(commands))
    yield table
    if plan.later:
        yield KeepTogether(
            [
                paragraph("Later", "h2"),
                paragraph(
                    "Further actions, for when the plan above is under way.",
                    "small",
                ),
            ]
        )
        for action in plan.later:
            details = [action.owner_label] if action.owner else []
            if action.horizon:
                details.append(action.horizon_label.lower())
            if action.suggested:
                details.append("suggested by the report")
            said = ", ".join(details)
            yield markup_paragraph(
                f"<b>{action.rank}.</b> {plain(action.text)}"
                + (f' <font color="{MUTED_HEX}" size="8">({plain(said)})</font>' if said else "")
            )


# --- Method and limits -----------------------------------------------------------------------


def _basis_text(method: MethodView, organisation: bool) -> str:
    marked = method.items_on_articles + method.items_on_practice
    where = "each respondent's report" if organisation else "the appendix"
    if not marked and not (method.findings_on_articles + method.findings_on_practice):
        return (
            "These questionnaire versions do not mark which questions rest on a claim of the "
            f"articles and which on standard practice; each question's source is named in "
            f"{where}, and some are the tool's own additions."
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
    return text + f". Each finding, and each question in {where}, says which."


def _para(text: str) -> Flowable:
    """A body paragraph with room after it (running text)."""
    return paragraph(text, "para")


def method_page(method: MethodView, *, organisation: bool = False) -> Iterator[Flowable]:
    """The closing page: how scores are computed, what bands are, bias, sources."""
    yield PageBreak()
    yield Heading("Method and limits", "h1", 0)
    yield paragraph("How the scores are computed", "h2")
    yield _para(
        "Every answer becomes a value from 0 to 1: agreement on a five-point scale, the "
        "chosen option's weight, the ticked options' weights, or the range a number falls in. "
        "A dimension's score is the weighted mean of its answered questions × 100. Questions "
        "that do not apply, or are not asked of the respondent's role, are left out. A "
        f"dimension with less than {method.min_coverage:.0%} of its weight answered has no "
        "score. A questionnaire's index is the mean of its dimensions; the overall index is "
        "the mean of all dimensions, so each dimension weighs the same."
    )
    if organisation:
        yield _para(
            "In the organisation report a dimension's score is the mean of the respondents' "
            "scores (a respondent without a score there is left out), and the indices are "
            "means of those. A perception gap is the highest role's score minus the lowest; "
            "25 points or more is flagged."
        )
    yield _para(
        "Findings fire on structured conditions over scores and answers, written in the "
        "questionnaire files. The plan ranks each finding's actions by importance × gap "
        "(how far the dimension the action acts on is from 100)."
    )
    yield paragraph("What the bands are, and what they are not", "h2")
    bands = ", ".join(f"{label} {low:.0f}–{high:.0f}" for label, low, high in method.bands)
    yield _para(
        f"The bands ({bands}) are this tool's judgement of what a score says, set by its "
        "authors. They are not norms, not percentiles and not a comparison with other "
        "companies. Read a score against your own earlier periods and against your "
        "colleagues' answers, not against an outside standard."
    )
    yield paragraph("Self-assessment and its bias", "h2")
    yield _para(
        "Every answer is a leader's own view. Leaders tend to rate their own organisation "
        "higher than others see it, and to rate what they are responsible for higher still. "
        "The report cannot correct for that; it can make it visible. Ask marketing and sales "
        "to answer too and compare the views (the organisation report shows the gaps), give "
        "evidence notes where you can, and answer “don't know” rather than guess."
    )
    yield paragraph("What the findings rest on", "h2")
    yield _para(_basis_text(method, organisation))
    yield paragraph("Sources", "h2")
    yield paragraph(
        "The questions and findings paraphrase these articles in the tool's own words and "
        "cite them by title:",
        "small",
    )
    for source in method.sources:
        yield paragraph(f"• {source}")
