"""The elements of a JSON list read one at a time, from a file read a chunk at a time.

A 60 MB exchange file parsed whole becomes some 600 MB of Python objects. :class:`ListReader`
keeps only the text of the element being read (and the rest of the chunk it came in): it
decodes the bytes as UTF-8 as they come, and parses each element with the decoder of
:func:`~assessor.files.documents.json_decoder`, so an element holds what
:func:`~assessor.files.documents.parse_json` would have made of it (keys given twice and
over-long integers kept for :func:`~assessor.files.documents.data_faults`).

Every fault is the :class:`~assessor.files.documents.DocumentFault` that parsing the whole text
would raise, with the same line and column: text that is not UTF-8, a syntax error, nesting too
deep for the parser. A fault late in the file is found only when reading gets there; whoever
stores elements as they come must be able to take them back (one transaction).
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from assessor.files.documents import (
    DocumentFault,
    json_decoder,
    may_hold_surrogates,
    not_utf8_fault,
    too_deep_message,
    too_deep_offset,
)

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_BYTE_WHITESPACE = b" \t\n\r"
#: How many characters are read at least each time more are needed.
_READ_AT_LEAST = 1 << 20


def starts_a_list(first_chunk: bytes) -> bool:
    """Whether a JSON document whose first bytes are ``first_chunk`` is a list."""
    return first_chunk.removeprefix(codecs.BOM_UTF8).lstrip(_BYTE_WHITESPACE).startswith(b"[")


def _bom_whole(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """``chunks``, the first one long enough to hold a whole byte order mark."""
    given = iter(chunks)
    head = b""
    for chunk in given:
        head += chunk
        if len(head) >= len(codecs.BOM_UTF8):
            break
    if head:
        yield head
    yield from given


@dataclass(frozen=True)
class Element:
    """One element of the list: its index, its value, and whether its text holds a surrogate
    escape (only then can it hold a lone surrogate: see ``may_hold_surrogates``)."""

    index: int
    value: Any
    may_hold_surrogates: bool


class ListReader:
    """Reads the elements of the JSON list that ``chunks`` (bytes, in order) make up.

    ``limit`` is how deep the document may nest (the list itself is the first level).
    """

    def __init__(self, chunks: Iterable[bytes], limit: int) -> None:
        """Read from ``chunks`` when the elements are asked for."""
        self._chunks = _bom_whole(chunks)
        self._limit = limit
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._decoder = json_decoder()
        self._text = ""
        self._ended = False
        self._first = True
        self._bytes_read = 0
        self._newlines_read = 0
        #: lines and columns of the text already dropped from ``_text``
        self._lines_before = 0
        self._column_base = 0
        #: where reading is in ``_text``
        self._pos = 0

    # --- the text -----------------------------------------------------------------------------

    def _decode(self, chunk: bytes, final: bool) -> str:
        """The text of ``chunk`` (already counted in ``_bytes_read`` and ``_newlines_read``)."""
        pending = len(self._utf8.getstate()[0])
        try:
            return self._utf8.decode(chunk, final)
        except UnicodeDecodeError as error:
            given = bytes(error.object)  # the bytes held back from before, then ``chunk``
            start = self._bytes_read - len(chunk) - pending
            line = self._newlines_read - chunk.count(b"\n") + given.count(b"\n", 0, error.start)
            raise not_utf8_fault(line + 1, given[error.start], start + error.start) from None

    def _more(self, at_least: int = _READ_AT_LEAST) -> bool:
        """Read at least ``at_least`` more characters (or to the end); False at the end.

        The text before ``_pos`` is dropped first (``_pos`` becomes 0).
        """
        if self._ended:
            return False
        self._drop()
        added: list[str] = []
        count = 0
        while count < at_least:
            chunk = next(self._chunks, None)
            if chunk is None:
                added.append(self._decode(b"", True))
                self._ended = True
                break
            self._bytes_read += len(chunk)
            self._newlines_read += chunk.count(b"\n")
            if self._first:
                self._first = False
                chunk = chunk.removeprefix(codecs.BOM_UTF8)
            text = self._decode(chunk, False)
            added.append(text)
            count += len(text)
        self._text += "".join(added)
        return True

    def _drop(self) -> None:
        cut = self._pos
        if not cut:
            return
        text = self._text
        self._lines_before += text.count("\n", 0, cut)
        newline = text.rfind("\n", 0, cut)
        self._column_base = cut - newline - 1 if newline >= 0 else self._column_base + cut
        self._text = text[cut:]
        self._pos = 0

    def _where(self, pos: int) -> str:
        """``line L, column C`` of ``pos`` in ``_text``, counted from the start of the file."""
        text = self._text
        line = self._lines_before + text.count("\n", 0, pos) + 1
        newline = text.rfind("\n", 0, pos)
        column = pos - newline if newline >= 0 else self._column_base + pos + 1
        return f"line {line}, column {column}"

    def _fault(self, pos: int, message: str) -> DocumentFault:
        return DocumentFault(self._where(pos), f"not valid JSON: {message}")

    def _skip_space(self) -> str:
        """Skip whitespace; the next character, or "" at the end of the text."""
        while True:
            match = _WHITESPACE.match(self._text, self._pos)
            self._pos = match.end() if match else self._pos
            if self._pos < len(self._text):
                return self._text[self._pos]
            if not self._more():
                return ""

    def _value(self) -> tuple[Any, int]:
        """Parse the value at ``_pos``; the value and where it ends."""
        at_least = _READ_AT_LEAST
        while True:
            try:
                value, end = self._decoder.raw_decode(self._text, self._pos)
            except json.JSONDecodeError as error:
                if self._more(at_least):  # perhaps only cut short: read on, more each time
                    at_least = max(at_least, len(self._text))
                    continue
                raise self._fault(error.pos, error.msg) from None
            except RecursionError:
                offset = too_deep_offset(self._text, self._limit, self._pos, depth=1)
                where = self._where(offset) if offset is not None else ""
                raise DocumentFault(where, too_deep_message(self._limit)) from None
            if end == len(self._text) and self._more(at_least):
                continue  # a number may go on in the next chunk
            return value, end

    # --- the list -----------------------------------------------------------------------------

    def elements(self) -> Iterator[Element]:
        """Each element in turn; raises :class:`DocumentFault` where the text is not a list."""
        self._more()
        if self._skip_space() != "[":
            value, _ = self._value()  # not a list: the parser's own fault, if any
            raise DocumentFault("", f"not a list but {type(value).__name__}")
        self._pos += 1
        index = 0
        if self._skip_space() == "]":
            self._pos += 1
        else:
            while True:
                value, end = self._value()  # reading on may move the text: _pos is its start
                surrogates = may_hold_surrogates(self._text, self._pos, end)
                self._pos = end
                yield Element(index, value, surrogates)
                index += 1
                following = self._skip_space()
                if following == ",":
                    self._pos += 1
                    self._skip_space()
                    continue
                if following == "]":
                    self._pos += 1
                    break
                raise self._fault(self._pos, "Expecting ',' delimiter")
        if self._skip_space():
            raise self._fault(self._pos, "Extra data")
