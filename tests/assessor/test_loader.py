"""Broken questionnaire files: each gives one clear message naming the file and place, status 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.errors import QuestionnaireError
from assessor.questionnaire.loading import load_questionnaire
from tests.helpers.cli import run_cli
from tests.helpers.questionnaires import MINIMAL_TOML, mutate, write_questionnaire

WHEN_LINE = (
    'when = { all = [ { dimension = "alpha", below = 50 }, { item = "a-2", equals = "no" } ] }'
)

BROKEN: dict[str, tuple[str | bytes, str]] = {
    "bad TOML syntax": (
        mutate('title = "Mini"', 'title = "Mini'),
        "broken.toml: line 3, column 14: TOML syntax error",
    ),
    "unknown dimension": (
        mutate('dimension = "alpha"', 'dimension = "alhpa"'),
        'broken.toml: items[0] (id "a-1").dimension: dimension "alhpa" is not defined '
        "(defined: alpha)",
    ),
    "duplicate item id": (
        mutate('id = "a-2"', 'id = "a-1"'),
        'broken.toml: items[1] (id "a-1").id: duplicate item id "a-1" (first used at items[0])',
    ),
    "band gap": (
        mutate("min = 50\nmax = 100", "min = 60\nmax = 100"),
        "broken.toml: bands[1].min: gap: nothing covers 50 to 60",
    ),
    "band overlap": (
        mutate("min = 50\nmax = 100", "min = 40\nmax = 100"),
        "broken.toml: bands[1].min: overlap: 40 to 50 is covered twice",
    ),
    "bands not reaching 100": (
        mutate("min = 50\nmax = 100", "min = 50\nmax = 90"),
        "broken.toml: bands[1].max: the highest range must end at 100",
    ),
    "dangling source": (
        mutate('source = "src"', 'source = "elsewhere"'),
        'broken.toml: items[0] (id "a-1").source: source "elsewhere" is not defined (defined: src)',
    ),
    "reverse key on a non-agreement item": (
        mutate('kind = "choice"', 'kind = "choice"\nreverse = true'),
        'broken.toml: items[1] (id "a-2").reverse: reverse keying is only for agreement items, '
        "not choice",
    ),
    "option score out of range": (
        mutate('label = "Yes", score = 1.0', 'label = "Yes", score = 1.5'),
        'broken.toml: items[1] (id "a-2").options[0] (id "yes").score: '
        "option score 1.5 is outside 0–1",
    ),
    "condition naming an unknown item": (
        mutate('{ item = "a-2", equals = "no" }', '{ item = "a-9", equals = "no" }'),
        'broken.toml: findings[0] (id "low-alpha").when.all[1].item: item "a-9" is not defined',
    ),
    "condition naming an unknown option": (
        mutate('{ item = "a-2", equals = "no" }', '{ item = "a-2", equals = "maybe" }'),
        'broken.toml: findings[0] (id "low-alpha").when.all[1].equals: option "maybe" is not '
        'defined for item "a-2" (defined: yes, no)',
    ),
    "condition written as an expression": (
        mutate(WHEN_LINE, 'when = "alpha < 50"'),
        'broken.toml: findings[0] (id "low-alpha").when: a condition must start with one of: '
        "all, any, not, item, dimension, questionnaire",
    ),
    "empty file": ("", "broken.toml: the file is empty"),
    "questionnaire without items": (
        MINIMAL_TOML[: MINIMAL_TOML.index("[[items]]")],
        "broken.toml: items: is required but missing",
    ),
    "wrong type": (
        mutate("version = 1", 'version = "one"'),
        "broken.toml: version: must be a whole number, not text",
    ),
    "bytes that are not UTF-8": (
        MINIMAL_TOML.encode("utf-8").replace(b"Mini", b"Mini \xff\xfe", 1),
        "broken.toml: line 3: the file is not UTF-8 text (byte 0xff",
    ),
    "unknown field": (
        mutate('kind = "agreement"', 'kind = "agreement"\nwieght = 2'),
        'broken.toml: items[0] (id "a-1").wieght: is not a known field here',
    ),
    "unknown item kind": (
        mutate('kind = "agreement"', 'kind = "slider"'),
        'broken.toml: items[0] (id "a-1").kind: must be one of',
    ),
    "zero weight": (
        mutate('kind = "agreement"', 'kind = "agreement"\nweight = 0'),
        'broken.toml: items[0] (id "a-1").weight: weight must be greater than 0',
    ),
    "show_if reading a later item": (
        mutate(
            'kind = "agreement"', 'kind = "agreement"\nshow_if = { item = "a-2", equals = "no" }'
        ),
        'broken.toml: items[0] (id "a-1").show_if.item: item "a-2" is not asked before this one',
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_validate_reports_broken_file(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content, expected = BROKEN[case]
    write_questionnaire(tmp_path, "broken.toml", content)
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "broken.toml")

    assert result.status == 1
    assert expected in result.err
    assert "Traceback" not in result.err + result.out
    for line in result.err.strip().splitlines():
        assert line.startswith("error: broken.toml: ")


def test_minimal_questionnaire_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_questionnaire(tmp_path, "mini.toml", MINIMAL_TOML)

    result = run_cli(capsys, "validate", str(path))

    assert result.status == 0, result.err
    assert "ok (mini v1, 1 dimensions, 2 scored items, 1 findings)" in result.out


def test_every_fault_is_reported_not_just_the_first(tmp_path: Path) -> None:
    broken = mutate(
        'dimension = "alpha"', 'dimension = "nope"', mutate('source = "src"', 'source = "x"')
    )
    path = write_questionnaire(tmp_path, "two.toml", broken)

    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)

    assert len(caught.value.lines) == 2


def test_unreadable_path_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "validate", str(tmp_path / "missing.toml"))

    assert result.status == 1
    assert "missing.toml: cannot be read" in result.err
