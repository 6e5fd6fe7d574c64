"""Reading a JSON list one element at a time gives what parsing it whole gives, faults too."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from assessor.files.documents import DocumentFault, decode, parse_json
from assessor.files.json_stream import ListReader, starts_a_list

CHUNK_SIZES = (1, 2, 3, 7, 64, 1 << 20)


def _whole(content: bytes) -> tuple[str, Any]:
    try:
        return "ok", parse_json(decode(content))
    except DocumentFault as fault:
        return "fault", str(fault)


def _streamed(content: bytes, size: int) -> tuple[str, Any]:
    chunks = [content[i : i + size] for i in range(0, len(content), size)]
    try:
        return "ok", [element.value for element in ListReader(chunks, 64).elements()]
    except DocumentFault as fault:
        return "fault", str(fault)


def _damaged_copies() -> list[bytes]:
    rng = random.Random(23)
    records = [{"a": n, "t": "é\u2028x" * (n % 4), "l": [1.5, None, True]} for n in range(20)]
    base = json.dumps(records, indent=1, ensure_ascii=False).encode()
    copies = []
    for _ in range(60):
        damaged = bytearray(base)
        at = rng.randrange(len(damaged))
        kind = rng.randrange(3)
        if kind == 0:
            del damaged[at]
        elif kind == 1:
            damaged[at:at] = rng.choice([b",", b"]", b"{", b"\xff", b'"', b"\n", b"\xc3"])
        else:
            del damaged[at:]
        copies.append(bytes(damaged))
    return copies


CASES = [
    b"[]",
    b" [ ] ",
    b"[1,2,3]",
    b"[1 2]",
    b"[1,]",
    b"[",
    b"[1",
    b"[1] x",
    b"\xef\xbb\xbf[1, 22222]",
    b"[1e999, 1234567890123456789012345678901234567890]",
    b'[{"a":1,"a":2}]',
    b"[\xff]",
    b'["\xc3"]',
    b'[\n\n  "\xc3\xa9\xff"]',
    b"[" + b"[" * 5000 + b"]" * 5000 + b"]",
    b'[{"a": tru}]',
    b'["abc',
]


@pytest.mark.parametrize("content", CASES + _damaged_copies())
def test_elements_and_faults_match_parsing_the_whole_text(content: bytes) -> None:
    whole = _whole(content)
    if whole[0] == "ok" and not isinstance(whole[1], list):
        pytest.skip("not a list")
    for size in CHUNK_SIZES:
        assert _streamed(content, size) == whole, size


def test_elements_say_whether_their_text_may_hold_a_lone_surrogate() -> None:
    content = b'[{"a": "x"}, {"a": "\\ud800"}]'
    elements = list(ListReader([content], 64).elements())
    assert [(e.index, e.may_hold_surrogates) for e in elements] == [(0, False), (1, True)]


def test_a_list_is_recognised_from_its_first_bytes() -> None:
    assert starts_a_list(b"\xef\xbb\xbf \n [")
    assert not starts_a_list(b'{"format": 1}')
