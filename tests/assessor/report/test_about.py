"""The single report's "About the organisation" block: the profile's known answers on the cover,
never scored, and no extra page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from assessor.diagnosis.answers import Answer
from assessor.report.builder import about_lines
from assessor.storage import Store
from tests.helpers.cli import run_cli
from tests.helpers.storage import bundled, fill

PROFILE = "organisation-profile"


def _report(
    capsys: pytest.CaptureFixture[str], db: Path, assessment_id: int, out: Path
) -> list[str]:
    result = run_cli(capsys, "report", str(assessment_id), "--db", str(db), "-o", str(out))
    assert result.status == 0, result.err
    return [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]


def test_the_cover_says_what_the_profile_knows_and_adds_no_page(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "a.db"
    scored = [q for q in bundled() if not q.is_profile]
    with Store.open(db) as store:
        without = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", "", scored)
        fill(store, without.id, scored, seed=4)
        store.set_status(without.id, "complete")
        with_profile = store.create_assessment("Acme", "Bo", "ceo", "2026-Q4", "", bundled())
        fill(store, with_profile.id, scored, seed=4)
        store.save_answer(with_profile.id, PROFILE, "how-we-sell", Answer("partners"))
        store.save_answer(with_profile.id, PROFILE, "agency", Answer(dont_know=True))
        store.save_answer(with_profile.id, PROFILE, "sales-head", Answer("yes"))  # hidden
        store.set_status(with_profile.id, "complete")
        record = store.get_assessment(with_profile.id).assessment
        definitions = store.definitions(with_profile.id)

    profile = definitions[PROFILE]
    sells = profile.item("how-we-sell")
    expected = f"{sells.text} — Through distributors, resellers or other partners"
    assert about_lines(record, definitions) == [expected]  # no "don't know", nothing hidden

    plain = _report(capsys, db, without.id, tmp_path / "without.pdf")
    about = _report(capsys, db, with_profile.id, tmp_path / "with.pdf")
    assert "About the organisation" not in " ".join(plain)
    assert "About the organisation" in about[0] and " ".join(expected.split()) in about[0]
    assert profile.item("agency").text not in about[0]
    assert len(about) == len(plain)
    # never scored: no index, dimension or finding of the profile
    assert f"{profile.title}:" not in " ".join(about[1:3])
