"""Outcome metrics as data: the business numbers read beside the diagnosis, one file of them.

The metrics are defined in ``questionnaires/outcomes.toml``, beside the questionnaires and
shipped with them. Each has an id, a title, a unit, the range a value may take, which way is
better (``higher`` or ``lower``), a definition in one sentence a finance person accepts, and
the questionnaire dimensions it relates to (``"role-clarity/handoff"``). The file is checked
like a questionnaire: its shape by these pydantic models, its rules (ids unique, a range that
is a range, dimension references well formed) by :func:`check_metrics`, and every fault is one
line naming the file and the place, such as ``outcomes.toml: metrics[1] (id "win-rate").max:
must be more than min (100)``.

Values of the metrics (per organisation, unit and period) live in the store
(:mod:`assessor.storage.outcomes`); how they are read from a CSV file or an exchange file is
:mod:`assessor.exchange.outcomes`, and how they move from period to period
:mod:`assessor.comparison.outcomes`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assessor.errors import QuestionnaireError
from assessor.files.documents import QUESTIONNAIRE_DEPTH, DocumentFault, decode
from assessor.files.documents import parse_toml as parse_toml_text
from assessor.files.inputs import QUESTIONNAIRE, InputError, read_input
from assessor.questionnaire.catalogue import METRICS_FILE, bundled_dir
from assessor.questionnaire.loading import checked_toml_data, explain, place_prefix
from assessor.questionnaire.model import Identifier, PlainText, Text

#: Which way a metric is better.
Better = Literal["higher", "lower"]
#: A dimension of a questionnaire, written ``questionnaire-id/dimension-id``.
DimensionRef = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$",
        max_length=129,
        description='A questionnaire dimension as "questionnaire-id/dimension-id".',
    ),
]
#: The largest magnitude a metric's range may have (counts of leads, days, hours all fit).
MAX_MAGNITUDE = 1e12
#: How the direction reads, with the arrow the charts and tables mark it with.
BETTER_LABELS: dict[str, str] = {"higher": "↑ higher is better", "lower": "↓ lower is better"}
#: The statement every view of outcomes beside actions makes.
NOT_PROOF = (
    "Outcomes that move beside an action suggest, but do not prove, that the action had an "
    "effect: markets, prices, people and chance move them too."
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Metric(_Strict):
    """One outcome metric: what it measures, in which unit, and which way is better."""

    id: Identifier
    title: Text
    short: PlainText = Field(
        default="", description="A short title for charts and narrow tables (default: title)."
    )
    unit: PlainText = Field(
        description='The unit values are given in, such as "%", "days", "hours" or "leads".'
    )
    min: float = Field(description="The smallest value the metric can take.")
    max: float = Field(description="The largest value the metric can take.")
    better: Better = Field(description="Which way is better: higher or lower.")
    definition: Text = Field(
        description="What the metric is, in one sentence a finance person accepts."
    )
    dimensions: list[DimensionRef] = Field(
        default_factory=list,
        description='The questionnaire dimensions it relates to ("role-clarity/handoff").',
    )
    decimals: int = Field(default=1, ge=0, le=3, description="Decimals shown (0–3).")
    whole: bool = Field(default=False, description="Values are whole numbers (a count).")

    @property
    def label(self) -> str:
        """The short title, else the title."""
        return self.short or self.title

    @property
    def better_label(self) -> str:
        """``↑ higher is better`` or ``↓ lower is better``."""
        return BETTER_LABELS[self.better]

    @property
    def arrow(self) -> str:
        """``↑`` when higher is better, ``↓`` when lower is."""
        return "↑" if self.better == "higher" else "↓"

    def relates_to(self, questionnaire_id: str, dimension_id: str | None) -> bool:
        """Whether the metric relates to a dimension (or, without one, to any dimension of the
        questionnaire)."""
        if dimension_id is None:
            return any(ref.split("/", 1)[0] == questionnaire_id for ref in self.dimensions)
        return f"{questionnaire_id}/{dimension_id}" in self.dimensions

    def range_text(self) -> str:
        """The range in words: ``0–100 %``."""
        return f"{number_text(self.min)}–{number_text(self.max)}{unit_suffix(self.unit)}"

    def value_problem(self, value: float) -> str | None:
        """Why ``value`` cannot be a value of this metric, or None when it can."""
        if not math.isfinite(value):
            return f"{value!r} is not a finite number"
        if value < self.min or value > self.max:
            return f"{number_text(value)} is outside {self.title}'s range ({self.range_text()})"
        if self.whole and value != int(value):
            return f"{number_text(value)} is not a whole number ({self.title} is a count)"
        return None

    def format(self, value: float | None) -> str:
        """A value as printed, with its unit: ``23.5 %``, ``41 days``, ``1,240 leads``; a dash
        when there is none."""
        if value is None:
            return "—"
        return f"{value:,.{self.decimals}f}{unit_suffix(self.unit)}"

    def format_change(self, change: float) -> str:
        """A change with its sign and unit: ``+4.5 %``, ``−3 days``."""
        shown = round(change, self.decimals)
        if shown == 0:
            return f"±0{unit_suffix(self.unit)}"
        sign = "+" if shown > 0 else "−"
        return f"{sign}{abs(shown):,.{self.decimals}f}{unit_suffix(self.unit)}"

    def is_better(self, before: float, after: float) -> bool | None:
        """True when ``after`` is better than ``before``, False when worse, None when level (as
        printed)."""
        change = round(after - before, self.decimals)
        if change == 0:
            return None
        return (change > 0) == (self.better == "higher")


class MetricFile(_Strict):
    """The outcome metrics file: a version and the metrics, in the order they are shown."""

    version: int = Field(ge=1, le=2**31 - 1, description="Raise it when a definition changes.")
    title: Text = "Outcome metrics"
    description: PlainText = ""
    metrics: list[Metric] = Field(min_length=1)


def number_text(value: float) -> str:
    """A number without a needless ``.0``: ``100``, ``12.5``."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


def unit_suffix(unit: str) -> str:
    """The unit as written after a number: ``"%"`` close up, ``" days"`` after a space, nothing
    for no unit."""
    if unit == "%":
        return unit
    return f" {unit}" if unit else ""


@dataclass(frozen=True)
class MetricProblem:
    """One fault in a metrics file: where it is and what is wrong."""

    location: tuple[str | int, ...]
    message: str


def check_metrics(metrics: MetricFile) -> list[MetricProblem]:
    """Rules beyond the shape: unique ids, ``min < max``, finite bounds, no dimension twice."""
    problems: list[MetricProblem] = []
    first: dict[str, int] = {}
    for index, metric in enumerate(metrics.metrics):
        where: tuple[str | int, ...] = ("metrics", index)
        if metric.id in first:
            problems.append(
                MetricProblem(
                    (*where, "id"),
                    f'duplicate metric id "{metric.id}" '
                    f"(first used at metrics[{first[metric.id]}])",
                )
            )
        else:
            first[metric.id] = index
        if max(abs(metric.min), abs(metric.max)) > MAX_MAGNITUDE:
            problems.append(
                MetricProblem((*where, "max"), f"the range must lie within ±{MAX_MAGNITUDE:g}")
            )
        if metric.max <= metric.min:
            problems.append(
                MetricProblem((*where, "max"), f"must be more than min ({number_text(metric.min)})")
            )
        if metric.whole and metric.decimals:
            problems.append(
                MetricProblem((*where, "decimals"), "must be 0 for a whole-number metric")
            )
        seen: set[str] = set()
        for position, ref in enumerate(metric.dimensions):
            if ref in seen:
                problems.append(
                    MetricProblem((*where, "dimensions", position), f'"{ref}" is listed twice')
                )
            seen.add(ref)
    return problems


def is_metrics_document(data: Any) -> bool:
    """Whether parsed TOML data is an outcome metrics file (it has ``metrics``, not ``items``)."""
    return isinstance(data, Mapping) and "metrics" in data and "items" not in data


def looks_like_metrics(path: Path) -> bool:
    """Whether a file to validate is an outcome metrics file rather than a questionnaire: it is
    named ``outcomes.toml``, or its TOML has ``metrics`` and no ``items`` (a file that cannot
    be read or parsed is left to the questionnaire loader, which says why)."""
    if path.name == METRICS_FILE:
        return True
    try:
        data = parse_toml_text(decode(read_input(path, QUESTIONNAIRE)), QUESTIONNAIRE_DEPTH)
    except (InputError, DocumentFault):
        return False
    return is_metrics_document(data)


def parse_metrics(content: bytes, name: str) -> MetricFile:
    """Parse and check a metrics file's content; ``name`` is how errors refer to the file.

    Raises :class:`~assessor.errors.QuestionnaireError` with one line per fault, each naming
    the file and the place.
    """
    data = checked_toml_data(content, name)
    try:
        metrics = MetricFile.model_validate(data)
    except ValidationError as error:
        lines: list[str] = []
        for detail in error.errors():
            line = f"{name}: {place_prefix(data, detail['loc'])}{explain(detail)}"
            if line not in lines:
                lines.append(line)
        raise QuestionnaireError(*lines) from None
    problems = check_metrics(metrics)
    if problems:
        raise QuestionnaireError(
            *(f"{name}: {place_prefix(data, p.location)}{p.message}" for p in problems)
        )
    return metrics


def load_metrics(path: Path, name: str | None = None) -> MetricFile:
    """Read and check a metrics file (a regular file within the questionnaire size limit)."""
    shown = name if name is not None else str(path)
    try:
        content = read_input(path, QUESTIONNAIRE, shown)
    except InputError as error:
        raise QuestionnaireError(*error.lines) from None
    return parse_metrics(content, shown)


def bundled_metrics_path() -> Path:
    """The outcome metrics file shipped with the app."""
    return bundled_dir() / METRICS_FILE


@dataclass(frozen=True)
class Metrics:
    """The outcome metrics in use, by id, in the file's order."""

    by_id: dict[str, Metric] = field(default_factory=dict)
    version: int = 0

    def __iter__(self) -> Iterator[Metric]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def __contains__(self, metric_id: object) -> bool:
        return metric_id in self.by_id

    def get(self, metric_id: str) -> Metric | None:
        """The metric with this id, or None."""
        return self.by_id.get(metric_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every metric id, in the file's order."""
        return tuple(self.by_id)

    def related(self, questionnaire_id: str, dimension_id: str | None) -> list[Metric]:
        """The metrics that relate to a dimension (or, without one, to the questionnaire)."""
        return [m for m in self if m.relates_to(questionnaire_id, dimension_id)]


def metrics_of(metric_file: MetricFile) -> Metrics:
    """The :class:`Metrics` of a checked metrics file."""
    return Metrics({m.id: m for m in metric_file.metrics}, metric_file.version)


@cache
def bundled_metrics() -> Metrics:
    """The bundled outcome metrics (read and checked once; a broken file raises)."""
    return metrics_of(load_metrics(bundled_metrics_path(), f"bundled: {METRICS_FILE}"))


def metric_cross_references(
    metric_file: MetricFile, dimensions: Mapping[str, Sequence[str]]
) -> list[MetricProblem]:
    """References to questionnaires or dimensions that ``dimensions`` (questionnaire id →
    dimension ids, the questionnaires loaded) does not define."""
    problems: list[MetricProblem] = []
    for index, metric in enumerate(metric_file.metrics):
        for position, ref in enumerate(metric.dimensions):
            questionnaire_id, dimension_id = ref.split("/", 1)
            defined = dimensions.get(questionnaire_id)
            if defined is None:
                problems.append(
                    MetricProblem(
                        ("metrics", index, "dimensions", position),
                        f"no questionnaire {questionnaire_id!r} "
                        f"(loaded: {', '.join(dimensions) or 'none'})",
                    )
                )
            elif dimension_id not in defined:
                problems.append(
                    MetricProblem(
                        ("metrics", index, "dimensions", position),
                        f"questionnaire {questionnaire_id!r} has no dimension {dimension_id!r} "
                        f"(defined: {', '.join(defined)})",
                    )
                )
    return problems


def metrics_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that outcome metrics files follow."""
    schema = MetricFile.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://assessor.invalid/schema/outcomes.json",
        **schema,
        "title": "Assessor outcome metrics",
    }
