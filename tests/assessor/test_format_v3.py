"""The v3 questionnaire format (issue 19): checklist items, fact items, fallback and next-step
findings, the test on every dimension, cautions and unscored profile questionnaires; each new
rule reports its exact place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor.errors import QuestionnaireError
from assessor.questionnaire.catalogue import Catalogue, Entry, check_cross_references
from assessor.questionnaire.loading import parse_questionnaire
from assessor.questionnaire.model import EveryDimensionTest, Questionnaire
from assessor.questionnaire.schema import schema_text
from tests.helpers.questionnaires import MINIMAL_TOML
from tests.helpers.questionnaires import mutate as mutate_mini
from tests.helpers.v3_fixture import PILOT_FILE, PROFILE_FILE, pilot, profile

PILOT_TOML = PILOT_FILE.read_text(encoding="utf-8")
PROFILE_TOML = PROFILE_FILE.read_text(encoding="utf-8")


def mutate(old: str, new: str, text: str = PILOT_TOML) -> str:
    """The pilot (or ``text``) with one exact piece replaced (which must be there)."""
    assert old in text, f"{old!r} is not in the text"
    return text.replace(old, new, 1)


def faults(text: str) -> list[str]:
    """The lines a broken questionnaire text is refused with."""
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(text.encode(), "v3.toml")
    return list(caught.value.lines)


def test_the_pilot_reads_every_new_field() -> None:
    questionnaire = pilot()
    checklist = questionnaire.item("r-8")

    assert questionnaire.kind == "scored" and not questionnaire.is_profile
    assert checklist.kind == "checklist" and checklist.scored and checklist.is_required
    assert [(o.id, o.score) for o in checklist.options] == [
        ("decks", 1),
        ("events", 1),
        ("web", 0),
    ]
    assert questionnaire.item("r-1").fact is True
    assert questionnaire.item("r-5").fact is False
    kinds = {finding.id: finding.kind for finding in questionnaire.findings}
    assert kinds["reach-fallback"] == "fallback" and kinds["reach-next"] == "next-step"
    healthy = next(f for f in questionnaire.findings if f.id == "healthy")
    assert healthy.when == EveryDimensionTest(
        every_dimension_at_least=60, scored_share_at_least=0.75
    )
    assert [(c.id, c.basis) for c in questionnaire.cautions] == [
        ("never-disagreed", "practice"),
        ("both-ways", None),
    ]
    assert questionnaire.cautions[0].text.startswith("Marketing and sales are said never")


def test_a_profile_is_loaded_with_every_item_unscored() -> None:
    questionnaire = profile()

    assert questionnaire.is_profile
    assert questionnaire.dimensions == [] and questionnaire.bands == []
    assert questionnaire.findings == []
    assert {item.kind for item in questionnaire.items} == {"choice", "number", "checklist"}
    assert not any(item.scored for item in questionnaire.items)
    assert not any(item.is_required for item in questionnaire.items)
    assert all(item.dimension is None for item in questionnaire.items)


def test_a_profile_stays_unscored_through_its_json_definition() -> None:
    dumped = profile().model_dump(mode="json", by_alias=True, exclude_none=True)

    again = Questionnaire.model_validate(json.loads(json.dumps(dumped)))

    assert again.is_profile and not any(item.scored for item in again.items)
    assert "dimension" not in dumped["items"][0]


def test_the_same_item_is_scored_in_a_scored_questionnaire() -> None:
    as_scored = mutate_mini(
        'kind = "agreement"',
        'kind = "checklist"\noptions = [{ id = "x", label = "X", score = 1 }, '
        '{ id = "y", label = "Y", score = 0 }]',
    )

    questionnaire = parse_questionnaire(as_scored.encode(), "mini.toml")

    assert questionnaire.items[0].kind == "checklist" and questionnaire.items[0].scored


def test_every_dimension_test_is_picked_before_the_questionnaire_key() -> None:
    text = mutate(
        "when = { every_dimension_at_least = 60, scored_share_at_least = 0.75 }",
        'when = { questionnaire = "other", every_dimension_at_least = 70 }',
    )

    healthy = parse_questionnaire(text.encode(), "v3.toml").findings[-1]

    assert healthy.when == EveryDimensionTest(questionnaire="other", every_dimension_at_least=70)
    assert healthy.when.scored_share_at_least == 1.0


CHECKLIST_OPTIONS = """options = [
    { id = "decks", label = "Decks", score = 1 },
    { id = "events", label = "Events", score = 1 },
    { id = "web", label = "Web", score = 0 },
]"""

BROKEN: dict[str, tuple[str, str]] = {
    "a checklist with one option": (
        mutate(CHECKLIST_OPTIONS, 'options = [{ id = "decks", label = "Decks", score = 1 }]'),
        'v3.toml: items[7] (id "r-8").options: a checklist item needs at least two options',
    ),
    "a checklist option without a score": (
        mutate('{ id = "decks", label = "Decks", score = 1 }', '{ id = "decks", label = "Decks" }'),
        'v3.toml: items[7] (id "r-8").options[0] (id "decks").score: is required',
    ),
    "a checklist option scored above 1": (
        mutate('label = "Web", score = 0 }', 'label = "Web", score = 2 }'),
        'v3.toml: items[7] (id "r-8").options[2] (id "web").score: option score 2 is outside 0–1',
    ),
    "includes on an agreement item": (
        mutate('{ item = "r-8", includes = "web" }', '{ item = "r-1", includes = "web" }'),
        'v3.toml: findings[0] (id "list-buying").when.all[1].includes: includes only applies to '
        "multi and checklist items",
    ),
    "excludes naming an unknown option": (
        mutate('{ item = "r-8", excludes = "decks" }', '{ item = "r-8", excludes = "slides" }'),
        'v3.toml: findings[4] (id "no-decks").when.excludes: option "slides" is not defined for '
        'item "r-8" (defined: decks, events, web)',
    ),
    "equals on a checklist": (
        mutate('{ item = "r-8", excludes = "decks" }', '{ item = "r-8", equals = "decks" }'),
        'v3.toml: findings[4] (id "no-decks").when.equals: equals and in do not apply to '
        "checklist items",
    ),
    "every dimension above 100": (
        mutate("every_dimension_at_least = 60", "every_dimension_at_least = 120"),
        'v3.toml: findings[5] (id "healthy").when.every_dimension_at_least: scores run from 0 '
        "to 100; 120 is outside",
    ),
    "a scored share above 1": (
        mutate("scored_share_at_least = 0.75", "scored_share_at_least = 75"),
        'v3.toml: findings[5] (id "healthy").when.scored_share_at_least: a share runs from 0 '
        "to 1; 75 is outside",
    ),
    "every dimension nested in all": (
        mutate(
            "when = { every_dimension_at_least = 60, scored_share_at_least = 0.75 }",
            'when = { all = [{ item = "r-1", at_least = 1 }, { every_dimension_at_least = -1 }] }',
        ),
        'v3.toml: findings[5] (id "healthy").when.all[1].every_dimension_at_least: scores run '
        "from 0 to 100; -1 is outside",
    ),
    "a fallback without its dimension": (
        mutate(
            'when = { dimension = "reach", below = 40 }\ndimension = "reach"\n',
            'when = { dimension = "reach", below = 40 }\n',
        ),
        'v3.toml: findings[1] (id "reach-fallback").dimension: a fallback finding needs the '
        "dimension it stands for",
    ),
    "a next step without an action": (
        mutate(
            """actions = [
    { text = "Write next quarter's channel plan.", owner = "marketing", horizon = "quarter", done_when = "The plan is written." },
]""",  # noqa: E501
            "actions = []",
        ),
        'v3.toml: findings[2] (id "reach-next").actions: a next-step finding needs an action',
    ),
    "a fallback kind misspelt": (
        mutate('kind = "fallback"', 'kind = "fall-back"'),
        'v3.toml: findings[1] (id "reach-fallback").kind: must be one of',
    ),
    "two cautions with one id": (
        mutate('id = "both-ways"', 'id = "never-disagreed"'),
        'v3.toml: cautions[1] (id "never-disagreed").id: duplicate caution id "never-disagreed" '
        "(first used at cautions[0])",
    ),
    "a caution reading an unknown item": (
        mutate('{ item = "r-2", at_least = 4 }', '{ item = "r-9", at_least = 4 }'),
        'v3.toml: cautions[1] (id "both-ways").when.all[1].item: item "r-9" is not defined',
    ),
    "a caution without text": (
        mutate(
            'text = "Marketing is said both to choose its own channels and to have them chosen '
            'by sales."\n',
            "",
        ),
        'v3.toml: cautions[1] (id "both-ways").text: is required but missing',
    ),
    "a caution with empty text": (
        mutate(
            'text = "Marketing is said both to choose its own channels and to have them chosen '
            'by sales."',
            'text = ""',
        ),
        'v3.toml: cautions[1] (id "both-ways").text: must not be empty',
    ),
    "a caution's condition written as text": (
        mutate('when = { item = "t-1", equals = 5 }', 'when = "t-1 == 5"'),
        'v3.toml: cautions[0] (id "never-disagreed").when: a condition must start with one of',
    ),
    "a scored item without a dimension": (
        mutate('id = "r-5"\ndimension = "reach"\n', 'id = "r-5"\n'),
        'v3.toml: items[4] (id "r-5").dimension: is required: every item of a scored '
        "questionnaire belongs to a dimension",
    ),
    "a questionnaire kind misspelt": (
        mutate("version = 1\n", 'version = 1\nkind = "profiles"\n'),
        "v3.toml: kind: must be one of 'scored' or 'profile'",
    ),
}

PROFILE_BROKEN: dict[str, tuple[str, str]] = {
    "a profile with dimensions": (
        PROFILE_TOML + '\n[[dimensions]]\nid = "d"\ntitle = "D"\ndescription = "A dimension."\n',
        "v3.toml: dimensions: a profile questionnaire is not scored, so it has no dimensions",
    ),
    "a profile with bands": (
        PROFILE_TOML + '\n[[bands]]\nmin = 0\nmax = 100\nlabel = "All"\nmeaning = "All."\n',
        "v3.toml: bands: a profile questionnaire is not scored, so it has no bands",
    ),
    "a profile with a finding": (
        PROFILE_TOML + '\n[[findings]]\nid = "f"\ntitle = "F"\nseverity = "low"\n'
        'explanation = "E."\nwhen = { item = "people", at_least = 10 }\n',
        "v3.toml: findings: a profile questionnaire is not scored, so it has no findings",
    ),
    "a profile item with a dimension": (
        mutate('id = "people"\n', 'id = "people"\ndimension = "size"\n', PROFILE_TOML),
        'v3.toml: items[1] (id "people").dimension: the items of a profile questionnaire '
        "belong to no dimension",
    ),
    "a profile testing its own score": (
        mutate(
            'source = "practice"\nmin = 0',
            'source = "practice"\nshow_if = { at_least = 50 }\nmin = 0',
            PROFILE_TOML,
        ),
        'v3.toml: items[1] (id "people").show_if: a profile questionnaire has no scores to test',
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_v3_file_names_the_place(case: str) -> None:
    text, expected = BROKEN[case]

    lines = faults(text)

    assert any(line.startswith(expected) for line in lines), lines


@pytest.mark.parametrize("case", sorted(PROFILE_BROKEN))
def test_a_broken_profile_names_the_place(case: str) -> None:
    text, expected = PROFILE_BROKEN[case]

    lines = faults(text)

    assert any(line.startswith(expected) for line in lines), lines


def test_v2_files_need_their_option_scores_still() -> None:
    text = mutate_mini('label = "Yes", score = 1.0', 'label = "Yes"')

    lines = faults(text)

    assert any(
        line.startswith('v3.toml: items[1] (id "a-2").options[0] (id "yes").score: is required')
        for line in lines
    ), lines


def test_the_minimal_v1_file_is_still_valid() -> None:
    questionnaire = parse_questionnaire(MINIMAL_TOML.encode(), "mini.toml")

    assert questionnaire.kind == "scored" and questionnaire.cautions == []


def _catalogue(*questionnaires: Questionnaire) -> Catalogue:
    catalogue = Catalogue()
    for questionnaire in questionnaires:
        catalogue.entries[questionnaire.id] = Entry(questionnaire, f"{questionnaire.id}.toml")
    return catalogue


def test_score_tests_on_a_profile_are_reported_across_questionnaires() -> None:
    text = mutate(
        'when = { dimension = "reach", at_least = 60, below = 80 }',
        'when = { questionnaire = "org-profile", at_least = 60 }',
    )
    text = mutate(
        "when = { every_dimension_at_least = 60, scored_share_at_least = 0.75 }",
        'when = { questionnaire = "org-profile", every_dimension_at_least = 60 }',
        text,
    )
    broken = parse_questionnaire(text.encode(), "v3.toml")

    problems = check_cross_references(_catalogue(broken, profile()))

    assert problems == [
        "pilot-v3.toml: findings.2.when: questionnaire 'org-profile' is a profile, which has no "
        "scores to test",
        "pilot-v3.toml: findings.5.when: questionnaire 'org-profile' is a profile, which has no "
        "scores to test",
    ]


def test_answer_tests_on_a_profile_are_checked_like_a_screeners() -> None:
    text = mutate('item = "sales-force", in = ["own"]', 'item = "sales-farce", in = ["own"]')
    broken = parse_questionnaire(text.encode(), "v3.toml")

    assert check_cross_references(_catalogue(pilot(), profile())) == []
    problems = check_cross_references(_catalogue(broken, profile()))
    assert len(problems) == 1
    assert "questionnaire 'org-profile' has no item 'sales-farce'" in problems[0]
    assert "items.14.show_if" in problems[0]


def test_the_schema_describes_the_v3_fields() -> None:
    schema = json.loads(schema_text())
    definitions = schema["$defs"]
    item = definitions["Item"]["properties"]

    assert "checklist" in item["kind"]["enum"]
    assert item["fact"]["default"] is False
    assert set(definitions["Finding"]["properties"]["kind"]["enum"]) == {
        "pattern",
        "watch",
        "flag",
        "fallback",
        "next-step",
    }
    assert schema["properties"]["kind"]["enum"] == ["scored", "profile"]
    assert set(definitions["CautionRule"]["required"]) == {"id", "text", "when"}
    every = definitions["EveryDimensionTest"]
    assert every["required"] == ["every_dimension_at_least"]
    assert every["properties"]["scored_share_at_least"]["default"] == 1.0
    assert {"includes", "excludes"} <= set(definitions["AnswerTest"]["properties"])


def test_the_v3_fixtures_validate_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.helpers.cli import run_cli

    result = run_cli(capsys, "validate", str(PILOT_FILE), str(PROFILE_FILE))

    assert result.status == 0, result.err
    assert "pilot-v3 v1, 2 dimensions, 15 scored items, 6 findings" in result.out
    assert "org-profile v1, profile, not scored, 3 items)" in result.out
