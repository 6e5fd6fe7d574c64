"""Turning the text of a questionnaire (TOML) or exchange (JSON) file into data, defensively.

Both readers share these steps before any model or recursive code sees the data:

- :func:`decode` accepts UTF-8 with or without a byte order mark;
- :func:`parse_toml` and :func:`parse_json` turn a syntax error, a nesting too deep for the
  parser (its ``RecursionError``) or an integer with thousands of digits into a
  :class:`DocumentFault` with a line and column;
- :func:`data_faults` walks the parsed data without recursion and reports, each with its place:
  nesting deeper than the limit, a key given twice in one JSON object, a number that is not
  finite (``nan``, ``inf``, ``1e999``), an integer too long to be a count or a version, and a
  text or a key holding a lone surrogate (a JSON ``\\ud800`` escape: half of a character, which
  cannot be stored, sealed or printed as UTF-8).

A long list need not be parsed whole: :mod:`assessor.files.json_stream` reads its elements one at
a time with the same decoder (:func:`json_decoder`), and :func:`data_faults` checks each element
at its place and depth.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from assessor.files.text_checks import surrogate_problem

#: How deep tables and arrays may nest in a questionnaire file (a condition adds two levels
#: for each ``all``/``any`` inside another).
QUESTIONNAIRE_DEPTH = 48
#: How deep objects and arrays may nest in an exchange file (embedded definitions included).
EXCHANGE_DEPTH = 64
#: Integers longer than this are refused (versions, answers and counts are far shorter).
MAX_INTEGER_DIGITS = 30
#: How many places of a path a message shows before "…".
_SHOWN_PLACES = 8
#: How many faults of one document are listed (a hostile file may hold millions).
MAX_FAULTS = 20

Location = tuple[str | int, ...]


class DocumentFault(Exception):
    """A fault in a document: ``where`` (such as ``line 3, column 7``; may be empty) and what."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Fault:
    """A fault found in parsed data: the path to the value, and what is wrong with it."""

    location: Location
    message: str


class _DuplicatedKeys(dict[str, Any]):
    """A JSON object in which a key appeared more than once (the last value is kept)."""

    duplicates: tuple[str, ...] = ()


@dataclass(frozen=True)
class _LongInteger:
    """An integer literal too long to convert (it would be useless and slow to)."""

    digits: int


def decode(content: bytes) -> str:
    """The text of a UTF-8 file, without a byte order mark if it starts with one."""
    body = content.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + len(content) - len(body)
        line = content[:offset].count(b"\n") + 1
        raise not_utf8_fault(line, content[offset], offset) from None


def not_utf8_fault(line: int, byte: int, offset: int) -> DocumentFault:
    """The fault of a file that is not UTF-8: ``byte`` at ``offset`` (from 0), on ``line``."""
    return DocumentFault(
        f"line {line}",
        f"the file is not UTF-8 text (byte 0x{byte:02x} at offset {offset}); save it as UTF-8",
    )


def _line_column(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return f"line {line}, column {column}"


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_TOML_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]',
    re.DOTALL,
)


def _too_deep_at(text: str, tokens: re.Pattern[str], limit: int) -> str:
    """Where the brackets of ``text`` first nest deeper than ``limit`` (empty if nowhere)."""
    offset = too_deep_offset(text, limit, tokens=tokens)
    return "" if offset is None else _line_column(text, offset)


def too_deep_offset(
    text: str, limit: int, start: int = 0, depth: int = 0, tokens: re.Pattern[str] = _JSON_TOKENS
) -> int | None:
    """The offset in ``text`` (JSON unless ``tokens`` say otherwise) from ``start``, already
    ``depth`` levels deep, where brackets first nest deeper than ``limit``; None if nowhere."""
    for match in tokens.finditer(text, start):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif token in "]}":
            depth -= 1
    return None


def too_deep_message(limit: int) -> str:
    """What a document nested deeper than ``limit`` is told."""
    return _too_deep(limit)


def _too_deep(limit: int) -> str:
    return f"nested more than {limit} levels deep (tables and lists inside each other)"


def parse_toml(text: str, limit: int = QUESTIONNAIRE_DEPTH) -> dict[str, Any]:
    """Parse TOML text; raises :class:`DocumentFault` with the line and column of a fault."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if match:
            reason = message[: match.start()].strip()
            raise DocumentFault(
                f"line {match[1]}, column {match[2]}", f"TOML syntax error: {reason}"
            ) from None
        raise DocumentFault("", f"TOML syntax error: {message}") from None
    except RecursionError:
        raise DocumentFault(_too_deep_at(text, _TOML_TOKENS, limit), _too_deep(limit)) from None
    except ValueError:  # an integer of thousands of digits, which int() refuses to convert
        long_number = re.search(r"[\d_]{4000,}", text)
        if long_number is None:
            raise DocumentFault("", "a number far too long to read") from None
        raise DocumentFault(
            _line_column(text, long_number.start()),
            f"a number of {len(long_number.group())} digits is far too long to read",
        ) from None


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    repeated: dict[str, None] = {}
    for key, _ in pairs:
        if key in seen:
            repeated[key] = None
        seen.add(key)
    duplicated = _DuplicatedKeys(result)
    duplicated.duplicates = tuple(repeated)
    return duplicated


def _integer(literal: str) -> int | _LongInteger:
    digits = len(literal.lstrip("-"))
    return int(literal) if digits <= MAX_INTEGER_DIGITS else _LongInteger(digits)


def json_decoder() -> json.JSONDecoder:
    """The JSON decoder :func:`parse_json` uses (keys given twice and over-long integers are
    kept for :func:`data_faults`), for readers that take a document apart piece by piece."""
    return json.JSONDecoder(object_pairs_hook=_object, parse_int=_integer)


def parse_json(text: str, limit: int = EXCHANGE_DEPTH) -> Any:
    """Parse JSON text; raises :class:`DocumentFault` with the line and column of a fault.

    Keys given twice, non-finite numbers and over-long integers are kept for
    :func:`data_faults` to report with their place.
    """
    try:
        return json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise DocumentFault(
            f"line {error.lineno}, column {error.colno}", f"not valid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise DocumentFault(_too_deep_at(text, _JSON_TOKENS, limit), _too_deep(limit)) from None


def _children(node: Any) -> Iterator[tuple[str | int, Any]]:
    if isinstance(node, dict):
        yield from node.items()
    else:
        yield from enumerate(node)


def shorten(location: Location) -> Location:
    """The first places of a long path, then ``"…"``: deep paths make unreadable messages."""
    return location if len(location) <= _SHOWN_PLACES else (*location[:_SHOWN_PLACES], "…")


#: A JSON escape of a surrogate (``\\ud800`` to ``\\udfff``): only through one can JSON text
#: decode to a lone surrogate (UTF-8 cannot encode one).
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def may_hold_surrogates(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether JSON ``text`` (from ``start`` to ``end``) may decode to a lone surrogate (it has
    a surrogate escape)."""
    found = _ESCAPED_SURROGATE.search(text, start, len(text) if end is None else end)
    return found is not None


def data_faults(
    data: Any,
    limit: int,
    *,
    surrogates: bool = True,
    location: Location = (),
    depth: int = 1,
) -> list[Fault]:
    """Every fault of parsed data, in document order (see the module docstring).

    Only the first place nested too deep is reported, and nothing below it is visited; after
    :data:`MAX_FAULTS` faults the walk stops with a last one saying there are more. Without
    ``surrogates`` texts and keys are not searched for lone surrogates (JSON text without a
    surrogate escape holds none: see :func:`may_hold_surrogates`). ``location`` and ``depth`` say
    where ``data`` is when it is part of a larger document (an element of a list: ``(7,)``, 2).
    """
    if _clean(data, limit, depth, surrogates):
        return []
    faults: list[Fault] = []
    too_deep_reported = False
    stack: list[tuple[Any, Location, int]] = [(data, location, depth)]
    while stack:
        if len(faults) >= MAX_FAULTS:
            faults.append(Fault((), f"and more problems after these {MAX_FAULTS}"))
            break
        node, location, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > limit:
                if not too_deep_reported:
                    faults.append(Fault(shorten(location), f"is {_too_deep(limit)}"))
                    too_deep_reported = True
                continue
            for key in getattr(node, "duplicates", ()):
                faults.append(Fault(location, f"the key {key!r} is given twice (the same object)"))
            if surrogates and isinstance(node, dict):
                faults.extend(
                    Fault(location, f"the key {key!r} {problem}")
                    for key in node
                    if (problem := surrogate_problem(key)) is not None
                )
            children = [(value, (*location, key), depth + 1) for key, value in _children(node)]
            stack.extend(reversed(children))
        elif isinstance(node, float) and not math.isfinite(node):
            faults.append(Fault(location, f"{node!r} is not a finite number"))
        elif (
            surrogates
            and isinstance(node, str)
            and (problem := surrogate_problem(node)) is not None
        ):
            faults.append(Fault(location, problem))
        elif isinstance(node, _LongInteger):
            faults.append(
                Fault(location, f"a whole number of {node.digits} digits is far too large")
            )
    return faults


def _leaf_faulty(value: Any, surrogates: bool) -> bool:
    """Whether a value that is not a container has a fault (see :func:`data_faults`)."""
    kind = type(value)
    if kind is float:
        return not math.isfinite(value)
    if kind is _LongInteger:
        return True
    return surrogates and kind is str and surrogate_problem(value) is not None


_CONTAINERS = (dict, list, _DuplicatedKeys)


def _clean(data: Any, limit: int, depth: int, surrogates: bool) -> bool:
    """Whether ``data`` certainly has no fault: a quick walk that keeps no places (almost
    every document is clean; only one that is not is walked again for its places)."""
    stack: list[tuple[Any, int]] = [(data, depth)]
    while stack:
        node, level = stack.pop()
        kind = type(node)
        if kind not in _CONTAINERS:
            if _leaf_faulty(node, surrogates):
                return False
            continue
        if level > limit or kind is _DuplicatedKeys:
            return False
        is_object = kind is not list
        if is_object and surrogates and any(surrogate_problem(key) for key in node):
            return False
        for value in node.values() if is_object else node:
            if type(value) in _CONTAINERS:
                stack.append((value, level + 1))
            elif _leaf_faulty(value, surrogates):
                return False
    return True


def json_place(location: Location) -> str:
    """A JSON path as messages show it: ``[0].answers.four-freedoms.ff-01``."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
