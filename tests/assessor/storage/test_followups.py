"""Action follow-up in the store: the previous period's actions, saving answers, reopening."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assessor.comparison.followup import FOLLOW_UP_LIMIT
from assessor.diagnosis.findings import diagnose
from assessor.exchange.exchange_file import Assessment, Respondent, Role
from assessor.questionnaire.model import Questionnaire
from assessor.storage import InvalidRecordError, Store
from tests.helpers.answer_sets import (
    AnswerSet,
    bundled_definitions,
    favourable,
    pattern_organisation,
)


def _add(
    store: Store,
    answers: AnswerSet,
    period: str,
    role: Role = "ceo",
    *,
    unit: str = "",
    status: Any = "complete",
    uuid: str,
) -> int:
    definitions = bundled_definitions()

    def lookup(questionnaire_id: str, version: int) -> Questionnaire | None:
        return definitions.get(questionnaire_id)

    record = Assessment(
        uuid=uuid,
        organisation="Acme",
        respondent=Respondent(role.capitalize(), role),
        period=period,
        unit=unit,
        status=status,
        questionnaires={qid: q.version for qid, q in definitions.items()},
        answers=answers,
    )
    store.import_assessments([record], lookup)
    return store.get_assessment(uuid).id


def _uuid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


@pytest.fixture
def series(store: Store) -> dict[str, int]:
    """Acme: 2025-Q1 by the CEO (hamster wheel) and sales (islands), a 2025-Q2 CEO draft."""
    definitions = bundled_definitions()
    return {
        "q1-ceo": _add(
            store, pattern_organisation(definitions, "hamster-wheel"), "2025-Q1", uuid=_uuid(1)
        ),
        "q1-sales": _add(
            store,
            pattern_organisation(definitions, "two-islands"),
            "2025-Q1",
            "sales",
            uuid=_uuid(2),
        ),
        "q2-ceo": _add(store, {}, "2025-Q2", status="draft", uuid=_uuid(3)),
    }


def test_previous_actions_are_the_same_roles_top_five(store: Store, series: dict[str, int]) -> None:
    definitions = bundled_definitions()
    expected = diagnose(definitions, pattern_organisation(definitions, "hamster-wheel")).actions
    actions = store.previous_actions(series["q2-ceo"])
    assert [a.text for a in actions] == [a.text for a in expected[:FOLLOW_UP_LIMIT]]
    assert all(a.source_period == "2025-Q1" for a in actions)
    assert all(a.source_assessment_id == series["q1-ceo"] for a in actions)
    assert all(a.status is None for a in actions)
    assert actions[0].aims_at.startswith("The four freedoms of marketing")


def test_another_role_falls_back_to_the_first(store: Store, series: dict[str, int]) -> None:
    marketing = _add(store, {}, "2025-Q2", "marketing", status="draft", uuid=_uuid(4))
    actions = store.previous_actions(marketing)
    assert actions and all(a.source_assessment_id == series["q1-ceo"] for a in actions)


def test_no_previous_period_no_actions(store: Store, series: dict[str, int]) -> None:
    assert store.previous_actions(series["q1-ceo"]) == []
    other_unit = _add(store, {}, "2025-Q2", unit="Nordics", status="draft", uuid=_uuid(5))
    assert store.previous_actions(other_unit) == []


def test_a_saved_follow_up_is_on_disk_and_can_change(
    store: Store, series: dict[str, int], db_path: Path
) -> None:
    actions = store.previous_actions(series["q2-ceo"])
    store.save_followup(series["q2-ceo"], actions[1].text, "in-progress")
    store.save_followup(series["q2-ceo"], "  " + actions[0].text.upper() + " ", "done")
    with Store.open(db_path) as other:
        saved = other.followups(series["q2-ceo"])
    assert [(f.action_text, f.status) for f in saved] == [
        (actions[0].text, "done"),
        (actions[1].text, "in-progress"),
    ]
    assert saved[0].source_period == "2025-Q1"
    assert saved[0].questionnaire_id == actions[0].questionnaire_id
    assert saved[0].dimension_id == actions[0].dimension_id
    assert saved[0].answered_at.endswith("Z")
    store.save_followup(series["q2-ceo"], actions[0].text, "not-started")
    assert store.followups(series["q2-ceo"])[0].status == "not-started"
    assert store.previous_actions(series["q2-ceo"])[0].status == "not-started"


def test_bad_follow_ups_are_refused(store: Store, series: dict[str, int]) -> None:
    text = store.previous_actions(series["q2-ceo"])[0].text
    with pytest.raises(InvalidRecordError, match="done, in-progress, not-started"):
        store.save_followup(series["q2-ceo"], text, "finished")
    with pytest.raises(InvalidRecordError, match="not one of the previous period's actions"):
        store.save_followup(series["q2-ceo"], "Buy a yacht.", "done")
    assert store.followups(series["q2-ceo"]) == []


def test_follow_ups_go_with_their_assessment(store: Store, series: dict[str, int]) -> None:
    text = store.previous_actions(series["q2-ceo"])[0].text
    store.save_followup(series["q2-ceo"], text, "done")
    store.delete_assessment(series["q2-ceo"])
    count = store.connection().execute("SELECT count(*) FROM action_followups").fetchone()[0]
    assert count == 0


def test_follow_ups_reach_the_comparison(store: Store, series: dict[str, int]) -> None:
    from assessor.storage.comparisons import comparison_for

    text = store.previous_actions(series["q2-ceo"])[0].text
    store.save_followup(series["q2-ceo"], text, "done")
    store.set_status(series["q2-ceo"], "complete")
    comparison = comparison_for(store, "acme")
    (step,) = comparison.steps
    row = next(r for r in step.followups if r.action_text == text)
    assert row.status == "done"
    assert favourable  # the helpers stay importable for other tests


def test_followups_travel_through_export_and_import(
    data_home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.helpers.cli import run_cli

    assert run_cli(capsys, "demo").status == 0
    exported = tmp_path / "all.json"
    assert run_cli(capsys, "export", "-o", str(exported)).status == 0
    carried = [r for r in json.loads(exported.read_text(encoding="utf-8")) if "followups" in r]
    assert carried, "the demo records follow-ups, so the export carries them"

    fresh = tmp_path / "fresh.db"
    assert run_cli(capsys, "--db", str(fresh), "import", str(exported)).status == 0
    again = tmp_path / "again.json"
    assert run_cli(capsys, "--db", str(fresh), "export", "-o", str(again)).status == 0

    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")
