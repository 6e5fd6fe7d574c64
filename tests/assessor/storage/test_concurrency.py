"""Two processes answering different assessments in the same file at once lose nothing."""

from __future__ import annotations

from pathlib import Path

from assessor.storage import Store
from tests.helpers.storage import bundled, first_scored, run_two_writers, sample_value

SAVES = 300


def test_two_processes_answering_at_once_lose_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        ids = [
            store.create_assessment("Acme", name, role, "2026-Q3", questionnaires=bundled()).id
            for name, role in (("Ann", "marketing"), ("Sam", "sales"))
        ]
    assert run_two_writers(db_path, ids, SAVES) == [SAVES, SAVES]
    questionnaire = first_scored()
    items = [item for item in questionnaire.items if item.scored]
    expected: dict[str, tuple[object, str]] = {}
    for n in range(SAVES):
        item = items[n % len(items)]
        value = sample_value(item, n)
        expected[item.id] = (tuple(value) if isinstance(value, list) else value, str(n))
    with Store.open(db_path) as store:
        for assessment_id in ids:
            answers = store.get_assessment(assessment_id).assessment.answers[questionnaire.id]
            got = {item_id: (a.value, a.note) for item_id, a in answers.items()}
            assert got == expected
        assert store.connection().execute("PRAGMA quick_check").fetchone()[0] == "ok"
