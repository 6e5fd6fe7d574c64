"""``assessor score FILE [--json]``: good files in both forms, and one clear line per problem."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.answer_sets import (
    PROFILE_SALES_ITEM,
    SCREENER_ANSWER,
    AnswerSet,
    answer,
    bundled_definitions,
    favourable,
    middle_value,
    pattern_organisation,
    without,
)
from tests.helpers.cli import Result, run_cli

BUNDLED = bundled_definitions()
DESK = next(f for f in BUNDLED["four-freedoms"].findings if f.id == "sales-support-desk")
UUID = "6f1c2a52-3c1e-4e8e-9f4a-2b7d0c9e8a11"


def exchange_record(answers: AnswerSet, **fields: Any) -> dict[str, Any]:
    """One assessment in the exchange-file shape."""
    record: dict[str, Any] = {
        "format": "assessor.assessment",
        "format_version": 1,
        "uuid": UUID,
        "organisation": "Hamster & Co",
        "unit": "",
        "respondent": {"name": "Ada Lovelace", "role": "ceo"},
        "period": "2026-Q3",
        "status": "draft",
        "questionnaires": {qid: q.version for qid, q in BUNDLED.items()},
        "answers": {
            qid: {item_id: answer.to_json() for item_id, answer in by_item.items()}
            for qid, by_item in answers.items()
        },
    }
    record.update(fields)
    return record


def hamster_record(**fields: Any) -> dict[str, Any]:
    """The errand desk of the calibration suite, answered by its chief executive, with freedom
    to stand out left thin (two of the four items a chief executive is asked unanswered)."""
    answers = pattern_organisation(BUNDLED, "hamster-wheel")
    answers = without(answers, "four-freedoms", "follows-competitors", "generic-content")
    return exchange_record(answers, **fields)


def write(tmp_path: Path, content: Any, name: str = "assessment.json") -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return path


def score(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> Result:
    return run_cli(capsys, "score", str(path), *options)


# --- Good files -----------------------------------------------------------------------------------


def test_human_readable_scores_findings_and_ranked_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, hamster_record())

    result = score(capsys, path)

    assert result.status == 0, result.err
    out = result.out
    assert out.startswith("Hamster & Co, 2026-Q3, answered by Ada Lovelace (ceo), draft\n")
    assert "Overall index: " in out
    assert "The four freedoms of marketing (four-freedoms): " in out
    assert "Freedom to stand out             not enough answers (coverage 50 %)" in out
    assert f"[high] {DESK.title} (four-freedoms: sales-support-desk)" in out
    assert "Not evaluated for lack of answers: lookalike-marketing" in out
    assert "\n   1. " in out and "(priority " in out
    assert result.err == ""


def test_the_profile_is_listed_as_not_scored_and_never_among_the_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = hamster_record()
    record["answers"]["organisation-profile"] = {
        "how-we-sell": {"value": "partners"},
        "departments": {"value": {"finance": True, "service": False}},
        "agency": {"dont_know": True},
    }
    path = write(tmp_path, record)

    plain = score(capsys, path)
    as_json = score(capsys, path, "--json")

    assert plain.status == as_json.status == 0, plain.err + as_json.err
    profile = BUNDLED["organisation-profile"]
    assert (
        f"  {profile.title} (organisation-profile): profile, not scored "
        f"(3 of {len(profile.items)} answered)"
    ) in plain.out
    data = json.loads(as_json.out)
    assert "organisation-profile" not in data["questionnaires"]
    assert data["profiles"] == {
        "organisation-profile": {
            "title": profile.title,
            "version": profile.version,
            "kind": "profile",
            "scored": False,
            "answers": {
                "agency": None,
                "departments": {"finance": True, "service": False},
                "how-we-sell": "partners",
            },
        }
    }
    assert not [a for a in data["actions"] if a["questionnaire"] == "organisation-profile"]


def test_json_has_the_documented_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, hamster_record())

    result = score(capsys, path, "--json")

    assert result.status == 0, result.err
    data = json.loads(result.out)
    assert isinstance(data, dict)
    assert (data["uuid"], data["organisation"], data["period"]) == (UUID, "Hamster & Co", "2026-Q3")
    assert set(data["overall"]) == {"score", "band"}
    assert isinstance(data["overall"]["score"], float)
    assert data["overall"]["score"] == round(data["overall"]["score"], 1)
    assert list(data["questionnaires"]) == ["four-freedoms", "role-clarity", "collaboration"]
    four = data["questionnaires"]["four-freedoms"]
    assert {"score", "band", "dimensions"} <= set(four)
    assert list(four["dimensions"]) == ["chaos", "think", "stand-out", "mandate"]
    stand_out = four["dimensions"]["stand-out"]
    assert (stand_out["score"], stand_out["band"], stand_out["coverage"]) == (None, None, 0.5)
    chaos = four["dimensions"]["chaos"]
    assert chaos["band"] == "At risk" and chaos["coverage"] == 1.0
    assert data["findings"][0] == {
        "id": "sales-support-desk",
        "questionnaire": "four-freedoms",
        "title": DESK.title,
        "severity": "high",
        "positive": False,
        "kind": "pattern",
        "item": None,
    }
    first = data["actions"][0]
    assert {"text", "priority", "questionnaire", "dimension", "findings"} <= set(first)
    assert first["findings"] == ["sales-support-desk"]
    assert first["dimension"] == "mandate"
    priorities = [action["priority"] for action in data["actions"]]
    assert priorities == sorted(priorities, reverse=True)
    assert data["caution"] == []


def test_json_cautions_all_favourable_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, exchange_record(favourable(BUNDLED)))

    result = score(capsys, path, "--json")

    assert result.status == 0, result.err
    cautions = json.loads(result.out)["caution"]
    # Questionnaires may add their own cautions (role-clarity v3: every lead followed up).
    (sentence,) = [c for c in cautions if " answers sit at the most favourable end " in c]
    counted, rest = sentence.split(" answers sit at the most favourable end of their scale; ")
    favoured, answered = counted.split(" of ")
    assert favoured == answered and int(answered) >= 12
    assert rest == "answers this uniform deserve a second look before anyone acts on them."


def test_a_list_of_assessments_scores_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    healthy = exchange_record(
        pattern_organisation(BUNDLED, "healthy-partnership"),
        uuid="0c6b2f7e-1d3a-4c55-8e2f-9a1b3c5d7e9f",
        organisation="Healthy Ltd",
    )
    path = write(tmp_path, [hamster_record(), healthy])

    as_json = score(capsys, path, "--json")
    human = score(capsys, path)

    assert as_json.status == 0, as_json.err
    data = json.loads(as_json.out)
    assert [entry["organisation"] for entry in data] == ["Hamster & Co", "Healthy Ltd"]
    assert [f["id"] for f in data[1]["findings"]] == ["healthy-partnership"]
    assert data[1]["overall"]["band"] == "Strong" and data[1]["overall"]["score"] >= 90
    assert human.status == 0
    assert "\n\nHealthy Ltd, 2026-Q3" in human.out


def test_a_list_with_one_assessment_gives_one_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, [hamster_record()])

    result = score(capsys, path, "--json")

    assert isinstance(json.loads(result.out), dict)


def test_only_the_questionnaires_of_the_assessment_are_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = exchange_record(pattern_organisation(BUNDLED, "two-islands"))
    record["questionnaires"] = {"collaboration": BUNDLED["collaboration"].version}
    record["answers"] = {"collaboration": record["answers"]["collaboration"]}
    path = write(tmp_path, record)

    data = json.loads(score(capsys, path, "--json").out)

    assert list(data["questionnaires"]) == ["collaboration"]
    # ivory-tower needs four-freedoms' chaos and think, which this assessment does not include:
    # no answer to these questions could settle it.
    ivory_tower = {"id": "ivory-tower", "questionnaire": "collaboration"}
    assert ivory_tower in data["not_applicable"]
    assert ivory_tower not in data["not_evaluated"]
    assert "two-islands" in {f["id"] for f in data["findings"]}


# --- Bad files ------------------------------------------------------------------------------------


def _bad_cases() -> list[tuple[str, Any, str]]:
    unknown_questionnaire = hamster_record()
    unknown_questionnaire["questionnaires"]["nope"] = 1
    newer_version = hamster_record()
    newer_version["questionnaires"]["role-clarity"] = 9
    unknown_item = hamster_record()
    unknown_item["answers"]["four-freedoms"]["ff-99"] = {"value": 3}
    wrong_kind = hamster_record()
    wrong_kind["answers"]["four-freedoms"]["plans-pushed-aside"] = {"value": "agree"}
    missing_organisation = hamster_record()
    del missing_organisation["organisation"]
    return [
        ("not-json", "{not json", ": line 1, column 2: not valid JSON: "),
        (
            "unknown-questionnaire",
            unknown_questionnaire,
            ": questionnaires.nope: unknown questionnaire 'nope' version 1",
        ),
        (
            "unknown-version",
            newer_version,
            ": questionnaires.role-clarity: unknown questionnaire 'role-clarity' version 9",
        ),
        (
            "unknown-item",
            unknown_item,
            ": answers.four-freedoms.ff-99: unknown item "
            f"(questionnaire four-freedoms v{BUNDLED['four-freedoms'].version})",
        ),
        (
            "wrong-kind",
            wrong_kind,
            ": answers.four-freedoms.plans-pushed-aside: an agreement answer is a "
            "whole number from 1 to 5, not 'agree'",
        ),
        (
            "bad-period",
            hamster_record(period="2026-Q5"),
            ": period: '2026-Q5' is not a period like 2026-Q3",
        ),
        ("no-organisation", missing_organisation, ": organisation: is required but missing"),
    ]


@pytest.mark.parametrize(("name", "content", "message"), _bad_cases())
@pytest.mark.parametrize("options", [(), ("--json",)])
def test_a_bad_file_is_one_clear_line_and_status_1(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: Any,
    message: str,
    options: tuple[str, ...],
) -> None:
    path = write(tmp_path, content, f"{name}.json")

    result = score(capsys, path, *options)

    assert result.status == 1
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {path}{message}")
    assert "Traceback" not in result.err


def test_every_problem_of_a_file_gets_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = hamster_record(period="2026-Q5", uuid="0b7f6a9e-0000-4000-8000-000000000002")
    del record["organisation"]
    record["answers"]["collaboration"]["meeting-frequency"] = {"value": 3}
    path = write(tmp_path, [hamster_record(), record])

    result = score(capsys, path)

    assert result.status == 1
    assert result.err.splitlines() == [
        f"error: {path}: [1].organisation: is required but missing",
        f"error: {path}: [1].period: '2026-Q5' is not a period like 2026-Q3 (a year, -Q, and a "
        "quarter 1–4)",
        f"error: {path}: [1].answers.collaboration.meeting-frequency: a frequency answer is an "
        "option id "
        "(twice-a-month, monthly, every-few-months, rarely-never), not 3",
    ]


def test_a_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "absent.json"

    result = score(capsys, path)

    assert result.status == 1
    assert result.err.splitlines() == [f"error: {path}: cannot be read: No such file or directory"]


def test_a_real_process_prints_no_traceback_and_never_loads_qt(tmp_path: Path) -> None:
    bad = write(tmp_path, hamster_record(period="2026-Q5"))
    good = write(tmp_path, hamster_record(), "good.json")
    probe = (
        "import sys\n"
        "from assessor.cli import main\n"
        "try:\n"
        f"    main(['score', {str(good)!r}, '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "qt = any(m.startswith(('PySide6', 'ui')) for m in sys.modules)\n"
        "print('QT LOADED' if qt else 'NO QT', file=sys.stderr)\n"
    )

    failed = subprocess.run(
        [sys.executable, "-m", "assessor", "score", str(bad)], capture_output=True, text=True
    )
    probed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )

    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert failed.stderr.startswith(f"error: {bad}: period: ")
    assert probed.stderr.strip() == "NO QT"
    assert json.loads(probed.stdout)["organisation"] == "Hamster & Co"


@pytest.mark.parametrize("role", ["ceo", "marketing", "sales"])
def test_fragile_answers_get_an_action_for_every_dimension_under_60_in_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], role: str
) -> None:
    """Issue 11: every item asked of the role answered at its middle value puts every dimension
    in 40–60, and the listed actions name each dimension under 60 with its questionnaire."""
    answers = {
        qid: {
            item.id: answer(
                q,
                item.id,
                SCREENER_ANSWER
                if item.screener or item.id == PROFILE_SALES_ITEM
                else middle_value(item),
            )
            for item in q.items
            if item.asks(role)
        }
        for qid, q in BUNDLED.items()
    }
    record = exchange_record(answers, respondent={"name": "Mid Point", "role": role})
    path = write(tmp_path, record)

    result = score(capsys, path, "--json")

    assert result.status == 0, result.err
    data = json.loads(result.out)
    aimed = {(a["questionnaire"], a["dimension"]) for a in data["actions"]}
    under_60 = set()
    for qid, scored in data["questionnaires"].items():
        for dimension_id, dimension in scored["dimensions"].items():
            assert 40 <= dimension["score"] <= 60, (qid, dimension_id, dimension["score"])
            if dimension["score"] < 60:
                under_60.add((qid, dimension_id))
    assert under_60, "the middle answers leave dimensions under 60"
    assert sorted(under_60 - aimed) == []
