"""Reading one questionnaire file: TOML text in, a checked :class:`Questionnaire` out.

Every fault is reported as a line that names the file and the exact place, for example
``four_freedoms.toml: items[4] (id "ff-07").dimension: dimension "chaoss" is not defined
(defined: chaos, think, stand-out, mandate)``. A TOML syntax error gives its line and column.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assessor.errors import QuestionnaireError
from assessor.model import Questionnaire
from assessor.validation import check_questionnaire, describe_location

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
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}, not {given!r}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, not {given!r}"
    return str(error["msg"])


def _syntax_error(name: str, error: tomllib.TOMLDecodeError) -> QuestionnaireError:
    text = str(error)
    match = re.search(r"\(at line (\d+), column (\d+)\)", text)
    if match:
        reason = text[: match.start()].strip()
        return QuestionnaireError(
            f"{name}: line {match[1]}, column {match[2]}: TOML syntax error: {reason}"
        )
    return QuestionnaireError(f"{name}: TOML syntax error: {text}")


def parse_questionnaire(content: bytes, name: str) -> Questionnaire:
    """Parse and check questionnaire file content; ``name`` is how errors refer to the file.

    Raises :class:`QuestionnaireError` with one line per fault.
    """
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        line_number = content[: error.start].count(b"\n") + 1
        raise QuestionnaireError(
            f"{name}: line {line_number}: the file is not UTF-8 text "
            f"(byte 0x{content[error.start]:02x} at offset {error.start}); save it as UTF-8"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(name, error) from None
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
            if line not in lines:
                lines.append(line)
        raise QuestionnaireError(*lines) from None
    problems = check_questionnaire(questionnaire)
    if problems:
        raise QuestionnaireError(
            *(f"{name}: {describe_location(data, p.location)}: {p.message}" for p in problems)
        )
    return questionnaire


def load_questionnaire(path: Path, name: str | None = None) -> Questionnaire:
    """Read and check one questionnaire file; errors name it as ``name`` (default: the path)."""
    shown = name if name is not None else str(path)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise QuestionnaireError(f"{shown}: cannot be read: {error.strerror or error}") from None
    return parse_questionnaire(content, shown)
