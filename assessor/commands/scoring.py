"""The ``score`` command: score an exchange file without a database.

Questionnaires are looked up in the catalogue by id and version (an archived earlier version
of a bundled questionnaire too, so old files still score as they were answered). The output is
the scores, bands, fired findings, cautions and ranked actions of each assessment in the file:
human-readable by default, or with ``--json`` the shape of DESIGN.md §9 (one object for a file
with one assessment, a list of objects for a file with several).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assessor.commands.common import db_option, fail

if TYPE_CHECKING:
    from assessor.diagnosis.findings import Diagnosis
    from assessor.diagnosis.scores import DimensionScore
    from assessor.exchange.exchange_file import Assessment
    from assessor.questionnaire.model import Questionnaire

#: How many actions the human-readable output lists.
TOP_ACTIONS = 10


def _score_text(score: float | None, label: str | None, coverage: float) -> str:
    if score is None:
        return f"not enough answers (coverage {coverage * 100:.0f} %)"
    return f"{score:.1f}  {label or ''}".rstrip()


def _dimension_line(title: str, result: DimensionScore) -> str:
    if result.score is None:
        return f"    {title:<32} {_score_text(None, None, result.coverage)}"
    label = "" if result.band is None else result.band.label
    extra = f", {result.dont_know} don't know" if result.dont_know else ""
    return (
        f"    {title:<32} {result.score:5.1f}  {label}"
        f"  (coverage {result.coverage * 100:.0f} %{extra})"
    )


def _heading(assessment: Assessment) -> str:
    unit = f" ({assessment.unit})" if assessment.unit else ""
    respondent = assessment.respondent
    return (
        f"{assessment.organisation}{unit}, {assessment.period}, answered by "
        f"{respondent.name} ({respondent.role}), {assessment.status}"
    )


def format_diagnosis(
    assessment: Assessment, definitions: dict[str, Questionnaire], diagnosis: Diagnosis
) -> list[str]:
    """The human-readable lines for one assessment's diagnosis."""
    scores = diagnosis.scores
    overall_label = None if scores.overall_band is None else scores.overall_band.label
    lines = [_heading(assessment)]
    if scores.overall is None:
        lines.append("Overall index: not enough answers")
    else:
        lines.append(f"Overall index: {_score_text(scores.overall, overall_label, 1)}")
    for qid, questionnaire in definitions.items():
        if questionnaire.is_profile:
            answered = len(assessment.answers.get(qid, {}))
            lines.append(
                f"  {questionnaire.title} ({qid}): profile, not scored "
                f"({answered} of {len(questionnaire.items)} answered)"
            )
    for qid, scored in scores.questionnaires.items():
        questionnaire = definitions[qid]
        label = None if scored.band is None else scored.band.label
        text = "not enough answers" if scored.score is None else _score_text(scored.score, label, 1)
        lines.append(f"  {questionnaire.title} ({qid}): {text}")
        for dimension in questionnaire.dimensions:
            lines.append(_dimension_line(dimension.title, scored.dimensions[dimension.id]))
    fired = diagnosis.fired
    lines.append(f"Findings: {len(fired)} fired" if fired else "Findings: none fired")
    for result in fired:
        finding = result.finding
        lines.append(
            f"  [{finding.severity}] {finding.title} ({result.questionnaire_id}: {finding.id})"
        )
    if diagnosis.cautions:
        lines.append("Read with care:")
        lines.extend(f"  {caution.text}" for caution in diagnosis.cautions)
    if diagnosis.not_evaluated:
        names = ", ".join(result.finding.id for result in diagnosis.not_evaluated)
        lines.append(f"Not evaluated for lack of answers: {names}")
    if diagnosis.actions:
        lines.append("Actions, most important first (importance × gap):")
        for rank, action in enumerate(diagnosis.actions[:TOP_ACTIONS], start=1):
            lines.append(f"  {rank:>2}. {action.text} (priority {action.priority:.0f})")
        hidden = len(diagnosis.actions) - TOP_ACTIONS
        if hidden > 0:
            lines.append(f"      … and {hidden} more (see --json)")
    return lines


def _assessment_json(
    assessment: Assessment, definitions: dict[str, Questionnaire], diagnosis: Diagnosis
) -> dict[str, Any]:
    from assessor.diagnosis.answers import plain
    from assessor.diagnosis.findings import diagnosis_to_json
    from assessor.exchange.exchange_file import identity_json

    # The organisation profile's facts, never scored: beside the scores, not among them.
    profiles = {
        qid: {
            "title": questionnaire.title,
            "version": questionnaire.version,
            "kind": "profile",
            "scored": False,
            "answers": {
                item_id: None if answer.dont_know else plain(answer)
                for item_id, answer in assessment.answers.get(qid, {}).items()
            },
        }
        for qid, questionnaire in definitions.items()
        if questionnaire.is_profile
    }
    return {
        **identity_json(assessment),
        **diagnosis_to_json(definitions, diagnosis),
        "profiles": profiles,
    }


@click.command("score")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@db_option
def score_command(file: Path, as_json: bool, db: Path | None) -> None:
    """Score an exchange file: scores, bands, findings and ranked actions."""
    from assessor.diagnosis.findings import diagnose
    from assessor.exchange.exchange_file import parse_exchange
    from assessor.files.inputs import EXCHANGE, read_input
    from assessor.questionnaire.catalogue import load_catalogue

    content = read_input(file, EXCHANGE)
    catalogue = load_catalogue()
    for problem in catalogue.problems:
        click.echo(f"warning: {problem}", err=True)
    assessments = parse_exchange(content, str(file), catalogue.find)
    if not assessments:
        fail(f"{file}: the file holds no assessment (only business outcomes): nothing to score")
    results: list[dict[str, Any]] = []
    for index, assessment in enumerate(assessments):
        definitions = catalogue.definitions_for(assessment.questionnaires)
        diagnosis = diagnose(definitions, assessment.answers, assessment.respondent.role)
        if as_json:
            results.append(_assessment_json(assessment, definitions, diagnosis))
            continue
        if index:
            click.echo("")
        click.echo("\n".join(format_diagnosis(assessment, definitions, diagnosis)))
    if as_json:
        shown: Any = results[0] if len(results) == 1 else results
        click.echo(json.dumps(shown, indent=2, ensure_ascii=False))


COMMANDS = (score_command,)
