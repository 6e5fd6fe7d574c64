"""Commands about questionnaires: list the catalogue and validate questionnaire files (and the
outcome metrics file, ``outcomes.toml``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assessor.commands.common import db_option, fail

if TYPE_CHECKING:
    from assessor.questionnaire.model import Questionnaire


def contents(questionnaire: Questionnaire) -> str:
    """What a questionnaire holds, in a few words: ``profile, not scored, 8 items`` or
    ``4 dimensions, 21 scored items``."""
    if questionnaire.is_profile:
        return f"profile, not scored, {len(questionnaire.items)} items"
    scored = sum(1 for item in questionnaire.items if item.scored)
    return f"{len(questionnaire.dimensions)} dimensions, {scored} scored items"


def _summary(questionnaire: Questionnaire, origin: str) -> str:
    return (
        f"{questionnaire.id:<20} v{questionnaire.version:<3} {questionnaire.title}  "
        f"({contents(questionnaire)}; {origin})"
    )


def _definition(questionnaire: Questionnaire, origin: str) -> dict[str, Any]:
    definition = questionnaire.model_dump(mode="json", by_alias=True, exclude_none=True)
    definition["origin"] = origin
    return definition


@click.command("questionnaires")
@click.option("--json", "as_json", is_flag=True, help="Print full definitions as JSON.")
@click.option(
    "--archived",
    is_flag=True,
    help="Also list the archived earlier versions (kept to read old files; never offered).",
)
@db_option
def questionnaires_command(as_json: bool, archived: bool, db: Path | None) -> None:
    """List the questionnaires the app offers (bundled and your own)."""
    from assessor.questionnaire.catalogue import ARCHIVED, load_catalogue

    catalogue = load_catalogue()
    for problem in catalogue.problems:
        click.echo(f"warning: {problem}", err=True)
    older = catalogue.archived_versions() if archived else []
    if as_json:
        listing = [_definition(q, catalogue.origin(q.id)) for q in catalogue]
        listing += [_definition(q, ARCHIVED) for q in older]
        click.echo(json.dumps(listing, indent=2, ensure_ascii=False))
        return
    for questionnaire in catalogue:
        click.echo(_summary(questionnaire, catalogue.origin(questionnaire.id)))
    if older:
        click.echo("Archived versions (read old exchange files only; never offered for new ones):")
        for questionnaire in older:
            click.echo(_summary(questionnaire, ARCHIVED))


def _metric_place(location: tuple[str | int, ...]) -> str:
    """``metrics[2].dimensions[0]`` for a location in a metrics file."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@click.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
def validate_command(files: Sequence[Path], db: Path | None) -> None:
    """Check questionnaire files (and outcome metrics files) and report every fault with its
    place."""
    from assessor.errors import QuestionnaireError
    from assessor.questionnaire.catalogue import (
        BUNDLED,
        Catalogue,
        Entry,
        bundled_files,
        check_cross_references,
        load_files,
    )
    from assessor.questionnaire.loading import load_questionnaire
    from assessor.questionnaire.metrics import (
        MetricFile,
        load_metrics,
        looks_like_metrics,
        metric_cross_references,
    )

    errors: list[str] = []
    checked = Catalogue()
    load_files(checked, bundled_files(), BUNDLED)
    metric_files: list[tuple[Path, MetricFile]] = []
    for path in files:
        try:
            if looks_like_metrics(path):
                metric_files.append((path, load_metrics(path)))
                continue
            questionnaire = load_questionnaire(path)
        except QuestionnaireError as error:
            errors.extend(error.all_lines)
            continue
        # Files being checked stand in for bundled ones of the same id, so that their
        # references to the other questionnaires are checked against what will be used.
        checked.entries[questionnaire.id] = Entry(questionnaire, str(path))
        findings = "" if questionnaire.is_profile else f", {len(questionnaire.findings)} findings"
        click.echo(
            f"{path}: ok ({questionnaire.id} v{questionnaire.version}, "
            f"{contents(questionnaire)}{findings})"
        )
    errors.extend(
        problem
        for problem in check_cross_references(checked)
        if not problem.startswith(f"{BUNDLED}:")
    )
    dimensions = {q.id: [d.id for d in q.dimensions] for q in checked}
    for path, metric_file in metric_files:
        problems = metric_cross_references(metric_file, dimensions)
        errors.extend(f"{path}: {_metric_place(p.location)}: {p.message}" for p in problems)
        if not problems:
            click.echo(
                f"{path}: ok (outcome metrics v{metric_file.version}, "
                f"{len(metric_file.metrics)} metrics)"
            )
    if errors:
        fail(*errors)


COMMANDS = (questionnaires_command, validate_command)
