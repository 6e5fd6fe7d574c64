"""The three bundled questionnaires follow the content rules of a sound self-assessment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assessor.questionnaire.catalogue import load_catalogue
from assessor.questionnaire.model import SCORED_KINDS, Questionnaire
from tests.helpers.questionnaires import DESIGN_PATTERNS

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
EXPECTED_DIMENSIONS = {
    "four-freedoms": ["chaos", "think", "stand-out", "mandate"],
    "role-clarity": ["scope", "funnel", "yardstick", "no-sleazy-blend", "handoff"],
    "collaboration": [
        "cadence",
        "voice-of-field",
        "shared-accountability",
        "one-message",
        "whole-company",
    ],
}


@pytest.fixture(scope="module")
def bundled() -> list[Questionnaire]:
    return list(load_catalogue())


def test_dimensions_follow_the_content_map(bundled: list[Questionnaire]) -> None:
    assert {q.id: [d.id for d in q.dimensions] for q in bundled} == EXPECTED_DIMENSIONS


def test_every_dimension_has_four_scored_items_and_a_reverse_keyed_one(
    bundled: list[Questionnaire],
) -> None:
    for questionnaire in bundled:
        for dimension in questionnaire.dimensions:
            items = [i for i in questionnaire.items if i.dimension == dimension.id]
            assert sum(i.scored for i in items) >= 4, dimension.id
            if any(i.kind == "agreement" for i in items):
                assert any(i.reverse for i in items), dimension.id


def test_every_item_kind_is_used(bundled: list[Questionnaire]) -> None:
    kinds = {item.kind for questionnaire in bundled for item in questionnaire.items}

    assert kinds == {*SCORED_KINDS, "text"}


def test_items_are_short_and_explain_themselves(bundled: list[Questionnaire]) -> None:
    for questionnaire in bundled:
        for item in questionnaire.items:
            assert len(item.text.split()) <= 25, item.id
            assert item.why.strip() and item.source, item.id
            assert " and/or " not in item.text, item.id


def test_cadence_and_errands_use_the_kinds_the_content_calls_for(
    bundled: list[Questionnaire],
) -> None:
    by_id = {q.id: q for q in bundled}
    chaos = [i for i in by_id["four-freedoms"].items if i.dimension == "chaos"]
    cadence = [i for i in by_id["collaboration"].items if i.dimension == "cadence"]

    assert any(i.kind == "multi" and i.multi_scoring == "penalty" for i in chaos)
    assert any(i.kind == "number" and i.unit == "%" for i in chaos)
    frequency = next(i for i in cadence if i.kind == "frequency")
    assert frequency.options[0].label.lower().startswith("twice a month or more")
    assert frequency.options[0].score == 1.0


def test_four_freedoms_says_which_freedoms_are_our_reading(bundled: list[Questionnaire]) -> None:
    description = " ".join(bundled[0].description.split()).lower()

    assert "names only one of them: freedom from chaos" in description
    assert "this tool's own reading" in description


def test_every_pattern_is_a_finding_with_two_to_four_actions(
    bundled: list[Questionnaire],
) -> None:
    findings = {f.id: f for q in bundled for f in q.findings}

    assert set(findings) >= DESIGN_PATTERNS
    for finding in findings.values():
        assert finding.explanation.strip()
        assert 2 <= len(finding.actions) <= 4, finding.id
        assert finding.sources, finding.id
    assert [f.id for f in findings.values() if f.positive] == ["healthy-partnership"]


def test_sources_cite_the_seed_articles(bundled: list[Questionnaire]) -> None:
    for questionnaire in bundled:
        for source in questionnaire.sources:
            assert re.fullmatch(r"00[0-4]_[0-9a-f]{16}\.txt", source.file), source.id
            if SEEDS.is_dir():
                assert (SEEDS / source.file).is_file(), source.file


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not beside the project")
def test_no_sentence_is_pasted_from_the_articles(bundled: list[Questionnaire]) -> None:
    def words(text: str) -> list[str]:
        return re.findall(r"[a-z']+", text.lower().replace("’", "'"))

    article_runs: set[tuple[str, ...]] = set()
    for path in SEEDS.glob("*.txt"):
        tokens = words(path.read_text(encoding="utf-8"))
        article_runs.update(tuple(tokens[i : i + 8]) for i in range(len(tokens) - 7))
    for questionnaire in bundled:
        texts = [questionnaire.description]
        texts += [d.consequence for d in questionnaire.dimensions]
        texts += [f.consequence for f in questionnaire.findings]
        texts += [t for item in questionnaire.items for t in (item.text, item.why, item.argument)]
        texts += [t for f in questionnaire.findings for t in (f.explanation, *f.action_texts)]
        texts += [
            a.done_when for f in questionnaire.findings for a in f.actions if not isinstance(a, str)
        ]
        for text in texts:
            for source in questionnaire.sources:  # citing an article by title is expected
                text = " ".join(text.split()).replace(source.title, "")
            tokens = words(text)
            copied = [
                " ".join(tokens[i : i + 8])
                for i in range(len(tokens) - 7)
                if tuple(tokens[i : i + 8]) in article_runs
            ]
            assert not copied, copied
