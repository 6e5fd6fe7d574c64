"""The ``outcomes`` commands: business outcomes per period, imported from a CRM's CSV and shown.

``assessor outcomes import FILE.csv --org ORG [--unit U]`` reads the wide CSV a CRM report gives
(:mod:`assessor.exchange.outcomes_csv`: ``period``, then one column per metric id) and stores
every figure in one transaction, or nothing when any cell is wrong (one line naming the row and
column). ``assessor outcomes show --org ORG [--unit U] [--json]`` prints them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assessor.commands.common import db_option, fail, opened

if TYPE_CHECKING:
    from assessor.exchange.outcomes import OutcomeValue
    from assessor.questionnaire.metrics import Metrics
    from assessor.storage.store import Store


def _scope(organisation: str, unit: str) -> str:
    return organisation + (f" (unit {unit})" if unit else " (whole organisation)")


def known_organisation(store: Store, organisation: str) -> str:
    """The stored spelling of an organisation with assessments or outcomes; fails if unknown."""
    from assessor.storage.outcomes import stored_name

    found = stored_name(store, organisation)
    if found is None:
        names = store.all_organisations()
        known = "; ".join(names) if names else "none yet"
        fail(f"no organisation named {organisation.strip()!r} (known: {known})")
    return found


@click.group("outcomes")
def outcomes_group() -> None:
    """Business outcomes per period (win rate, sales cycle…) beside the scores."""


@outcomes_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--org", "organisation", required=True, help="The organisation the figures are of.")
@click.option("--unit", default="", help="The unit (default: the organisation as a whole).")
@click.option("--by", "entered_by", default=None, help="Who enters them (default: your user name).")
@click.option(
    "--source",
    default=None,
    help="A note on where the figures come from (default: the file's name).",
)
@db_option
def import_outcomes_command(
    file: Path,
    organisation: str,
    unit: str,
    entered_by: str | None,
    source: str | None,
    db: Path | None,
) -> None:
    """Import a wide CSV of outcomes: a period column, then one column per metric id.

    A blank cell is "not known" (a figure stored earlier stays). Every figure is stored, each
    replacing the one of its period and metric, or nothing is when any cell is wrong.
    """
    from assessor.commands.invite import default_inviter
    from assessor.exchange.outcomes_csv import OutcomesCsvError, parse_outcomes_csv
    from assessor.files.inputs import OUTCOMES_CSV, read_input
    from assessor.questionnaire.metrics import bundled_metrics
    from assessor.storage.database import utc_now
    from assessor.storage.outcomes import scope_problems

    if problems := scope_problems(organisation, unit):
        fail(*(f"--org/--unit: {problem}" for problem in problems))
    content = read_input(file, OUTCOMES_CSV)
    metrics = bundled_metrics()
    try:
        values = parse_outcomes_csv(
            content,
            str(file),
            metrics,
            entered_by=(default_inviter() if entered_by is None else entered_by).strip(),
            entered_at=utc_now(),
            source=(file.name if source is None else source).strip(),
        )
    except OutcomesCsvError as error:
        fail(f"{error.lines[0]}; nothing was imported")
    with opened(db) as store:
        saved = store.save_outcomes(organisation, unit, values)
    periods = ", ".join(saved.periods)
    count = saved.count
    click.echo(
        f"imported {count} outcome value{'s' if count != 1 else ''} for "
        f"{_scope(saved.organisation, saved.unit)}" + (f": {periods}" if periods else "")
    )
    if saved.new_organisation:
        click.echo(f"note: {saved.organisation!r} is new in this database", err=True)


def _value_json(value: OutcomeValue, metrics: Metrics) -> dict[str, Any]:
    from assessor.exchange.outcomes import json_number

    metric = metrics.get(value.metric)
    return {
        "period": value.period,
        "metric": value.metric,
        "value": json_number(value.value),
        "unit": metric.unit if metric is not None else "",
        "title": metric.title if metric is not None else value.metric,
        "better": metric.better if metric is not None else None,
        "entered_by": value.entered_by,
        "entered_at": value.entered_at,
        "source": value.source,
    }


def outcomes_table(values: list[OutcomeValue], metrics: Metrics) -> list[str]:
    """The values as text: a row per metric (with which way is better), a column per period."""
    periods = sorted({v.period for v in values})
    shown = [m for m in metrics if any(v.metric == m.id for v in values)]
    cells = {(v.metric, v.period): v.value for v in values}
    labels = [f"{m.title} {m.arrow}" for m in shown]
    label_width = max((len(label) for label in labels), default=0)
    texts = {(m.id, p): m.format(cells.get((m.id, p))) for m in shown for p in periods}
    width = max([len(p) for p in periods] + [len(t) for t in texts.values()])
    lines = [" " * label_width + "".join(f"  {p:>{width}}" for p in periods)]
    for metric, label in zip(shown, labels, strict=True):
        row = "".join(f"  {texts[(metric.id, p)]:>{width}}" for p in periods)
        lines.append(f"{label:<{label_width}}{row}")
    return lines


@outcomes_group.command("show")
@click.option("--org", "organisation", required=True, help="The organisation.")
@click.option("--unit", default="", help="The unit (default: the organisation as a whole).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of the values.")
@db_option
def show_outcomes_command(organisation: str, unit: str, as_json: bool, db: Path | None) -> None:
    """Show an organisation's outcomes per period (--json: a list of {period, metric, value,
    unit})."""
    from assessor.questionnaire.metrics import bundled_metrics

    metrics = bundled_metrics()
    from assessor.storage.outcomes import outcome_units

    with opened(db, reading=True) as store:
        name = known_organisation(store, organisation)
        values = store.outcomes(name, unit)
        units = [u for u in outcome_units(store, name) if u != unit.strip()]
    if as_json:
        listing = [_value_json(v, metrics) for v in values]
        click.echo(json.dumps(listing, indent=2, ensure_ascii=False))
        return
    if not values:
        others = ", ".join(u or "the whole organisation (no --unit)" for u in units)
        click.echo(
            f"no outcomes for {_scope(name, unit.strip())} yet"
            + (f"; there are some for: {others}" if others else "")
        )
        return
    click.echo(f"Outcomes of {_scope(name, unit.strip())} (↑ higher is better, ↓ lower is)")
    for line in outcomes_table(values, metrics):
        click.echo(line)


COMMANDS = (outcomes_group,)
