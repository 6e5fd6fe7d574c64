"""Reading one questionnaire file: TOML text in, a checked :class:`Questionnaire` out.

Every fault is reported as a line that names the file and the exact place, for example
``four_freedoms.toml: items[4] (id "ff-07").dimension: dimension "chaoss" is not defined
(defined: chaos, think, stand-out, mandate)``. A TOML syntax error gives its line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assessor.errors import QuestionnaireError
from assessor.files.documents import (
    QUESTIONNAIRE_DEPTH,
    DocumentFault,
    Location,
    data_faults,
    decode,
    parse_toml,
)
from assessor.files.inputs import QUESTIONNAIRE, InputError, read_input
from assessor.questionnaire.model import Questionnaire
from assessor.questionnaire.validation import check_questionnaire, describe_location

_TOML_TYPE_NAMES = {
    "str": "text",
    "int": "an integer",
    "float": "a number",
    "bool": "true/false",
    "list": "an array",
    "dict": "a table",
    "datetime": "a date-time",
    "date": "a date",
    "time": "a time",
}


def _kind_of(value: Any) -> str:
    return _TOML_TYPE_NAMES.get(type(value).__name__, type(value).__name__)


def _explain(error: Any) -> str:
    """A plain-English message for one pydantic error."""
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a known field here (check the spelling)"
    if kind in ("string_type",):
        return f"must be text, not {_kind_of(given)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {_kind_of(given)}"
    if kind in ("float_type", "float_parsing"):
        return f"must be a number, not {_kind_of(given)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false, not {_kind_of(given)}"
    if kind == "list_type":
        return f"must be an array, not {_kind_of(given)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a table, not {_kind_of(given)}"
    if kind == "string_pattern_mismatch":
        return f"{given!r} is not a valid id (use lower-case letters, digits and hyphens)"
    if kind == "string_too_short" or (kind == "too_short" and isinstance(given, str)):
        return "must not be empty"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}, not {given!r}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, not {given!r}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, not {given!r}"
    if kind == "finite_number":
        return f"must be a finite number, not {given!r}"
    return str(error["msg"])


def parse_questionnaire(content: bytes, name: str) -> Questionnaire:
    """Parse and check questionnaire file content; ``name`` is how errors refer to the file.

    The text may start with a UTF-8 byte order mark. Nesting, non-finite numbers and syntax are
    checked before the model sees the data (:mod:`assessor.files.documents`). Raises
    :class:`QuestionnaireError` with one line per fault.
    """
    data = checked_toml_data(content, name)
    if not data:
        raise QuestionnaireError(f"{name}: the file is empty; a questionnaire needs id, title, …")
    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError as error:
        lines: list[str] = []
        for detail in error.errors():
            where = describe_location(data, detail["loc"])
            line = (
                f"{name}: {where}: {_explain(detail)}" if where else f"{name}: {_explain(detail)}"
            )
            lines.append(line)
        raise QuestionnaireError(*lines) from None  # which drops repeats, in linear time
    problems = check_questionnaire(questionnaire)
    if problems:
        raise QuestionnaireError(
            *(f"{name}: {describe_location(data, p.location)}: {p.message}" for p in problems)
        )
    return questionnaire


def checked_toml_data(content: bytes, name: str) -> dict[str, Any]:
    """The data of a questionnaire-style TOML file, its text and nesting checked first
    (:mod:`assessor.files.documents`); :class:`QuestionnaireError` names each fault's place."""
    try:
        data = parse_toml(decode(content), QUESTIONNAIRE_DEPTH)
    except DocumentFault as fault:
        raise QuestionnaireError(f"{name}: {fault}") from None
    faults = data_faults(data, QUESTIONNAIRE_DEPTH)
    if faults:
        raise QuestionnaireError(
            *(f"{name}: {place_prefix(data, fault.location)}{fault.message}" for fault in faults)
        )
    return data


def place_prefix(data: Any, location: Location) -> str:
    """``"items[3].kind: "`` for a fault's place in ``data`` (empty for the file as a whole)."""
    place = describe_location(data, location)
    return f"{place}: " if place else ""


def load_questionnaire(path: Path, name: str | None = None) -> Questionnaire:
    """Read and check one questionnaire file; errors name it as ``name`` (default: the path).

    Only a regular file within the size limit is read (:mod:`assessor.files.inputs`).
    """
    shown = name if name is not None else str(path)
    try:
        content = read_input(path, QUESTIONNAIRE, shown)
    except InputError as error:
        raise QuestionnaireError(*error.lines) from None
    return parse_questionnaire(content, shown)


def explain(error: Any) -> str:
    """A plain-English message for one pydantic error (as the questionnaire loader words it)."""
    return _explain(error)
