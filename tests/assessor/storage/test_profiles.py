"""The organisation profile in the store: answered once per organisation, unit and period, and
copied into every assessment started there later (a real SQLite file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assessor.diagnosis.answers import Answer
from assessor.questionnaire.model import Questionnaire
from assessor.storage import Store
from tests.helpers.storage import bundled

PROFILE = "organisation-profile"
DEPARTMENTS = {"product": True, "manufacturing": False}


def _profile() -> Questionnaire:
    return next(q for q in bundled() if q.is_profile)


def _scored() -> list[Questionnaire]:
    return [q for q in bundled() if not q.is_profile]


def _answer_profile(store: Store, assessment_id: int, how: str, note: str = "") -> None:
    store.save_answer(assessment_id, PROFILE, "how-we-sell", Answer(how, note=note))
    store.save_answer(assessment_id, PROFILE, "departments", Answer(DEPARTMENTS))
    store.save_answer(assessment_id, PROFILE, "agency", Answer(dont_know=True))


def test_no_profile_stored_gives_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        assert store.profile_answers("Acme", "", "2026-Q3") == {}
        first = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", "", bundled())
        assert first.assessment.answers == {}
        assert store.profile_answers("Acme", "", "2026-Q3") == {}


def test_profile_answers_are_found_and_copied_into_the_next_assessment(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Store.open(path) as store:
        first = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", "North", bundled())
        _answer_profile(store, first.id, "partners", note="Ann's private note")
        found = store.profile_answers("Acme", "North", "2026-Q3")
        assert found == {
            PROFILE: {
                "how-we-sell": Answer("partners"),
                "departments": Answer(DEPARTMENTS),
                "agency": Answer(dont_know=True),
            }
        }
        second = store.create_assessment("Acme", "Bob", "sales", "2026-Q3", "North", bundled())
        assert second.assessment.answers == found  # copied, without Ann's note
        # another unit, period or organisation has its own profile
        for org, unit, period in (
            ("Acme", "", "2026-Q3"),
            ("Acme", "North", "2026-Q4"),
            ("Other", "North", "2026-Q3"),
        ):
            other = store.create_assessment(org, "Cy", "ceo", period, unit, bundled())
            assert other.assessment.answers == {}
    # the copy is on disk, in the answers table
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT item_id, note FROM answers WHERE assessment_id = ? ORDER BY item_id",
            (second.id,),
        ).fetchall()
    assert rows == [("agency", ""), ("departments", ""), ("how-we-sell", "")]


def test_the_latest_answered_profile_wins(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        first = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", "", bundled())
        _answer_profile(store, first.id, "partners")
        second = store.create_assessment("Acme", "Bob", "sales", "2026-Q3", "", bundled())
        store.save_answer(second.id, PROFILE, "how-we-sell", Answer("mixed"))
        # an assessment without the profile, updated last, does not hide it
        store.create_assessment("Acme", "Cy", "marketing", "2026-Q3", "", _scored())
        found = store.profile_answers("Acme", "", "2026-Q3")[PROFILE]
        assert found["how-we-sell"] == Answer("mixed")
        third = store.create_assessment("Acme", "Di", "ceo", "2026-Q3", "", bundled())
        assert third.assessment.answers[PROFILE]["how-we-sell"] == Answer("mixed")
        # an assessment started without the profile gets no profile answers
        scored_only = store.create_assessment("Acme", "Ed", "ceo", "2026-Q3", "", _scored())
        assert scored_only.assessment.answers == {}


def test_a_copied_answer_that_does_not_fit_the_new_version_is_left_out(tmp_path: Path) -> None:
    profile = _profile()
    item = profile.item("how-we-sell")
    fewer = item.model_copy(update={"options": [o for o in item.options if o.id != "partners"]})
    items = [fewer if i.id == item.id else i for i in profile.items]
    version_2 = Questionnaire.model_validate(
        {**profile.model_dump(), "version": 2, "items": [i.model_dump() for i in items]}
    )
    with Store.open(tmp_path / "a.db") as store:
        first = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", "", bundled())
        _answer_profile(store, first.id, "partners")
        second = store.create_assessment("Acme", "Bob", "ceo", "2026-Q3", "", [version_2])
        assert set(second.assessment.answers[PROFILE]) == {"departments", "agency"}
