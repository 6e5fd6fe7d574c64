"""``assessor demo``: the demo organisation's story, refusal without --replace, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessor.demo import (
    DEMO_ORGANISATION,
    DEMO_PERIODS,
    EARLIER_VERSION,
    EARLIER_VERSION_QUARTERS,
    demo_versions,
    unused_demo_keys,
)
from assessor.storage.comparisons import comparison_for
from assessor.storage.store import Store
from tests.helpers.cli import run_cli


def test_demo_tells_its_story(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "demo")
    assert result.status == 0, result.err
    assert "18 complete assessments" in result.out
    with Store.open(data_home / "assessor.db") as store:
        summaries = store.list_assessments(organisation=DEMO_ORGANISATION)
        assert len(summaries) == 18
        assert {s.status for s in summaries} == {"complete"}
        assert {s.role for s in summaries} == {"ceo", "marketing", "sales"}
        followed_up = {s.period for s in summaries if store.followups(s.id)}
        assert followed_up == set(DEMO_PERIODS[1:])
        notes = [
            answer.note
            for s in summaries
            for by_item in store.get_assessment(s.id).assessment.answers.values()
            for answer in by_item.values()
            if answer.note
        ]
        assert len(notes) >= 5
        comparison = comparison_for(store, DEMO_ORGANISATION)
    assert comparison.periods == DEMO_PERIODS
    first, last = comparison.period_views[0], comparison.period_views[-1]
    ids = {f.finding_id for f in first.findings}
    assert {"sales-support-desk", "hamster-wheel", "two-islands"} <= ids
    assert not {"sales-support-desk", "hamster-wheel", "two-islands"} & {
        f.finding_id for f in last.findings
    }
    cadence = next(s for s in comparison.dimensions if s.dimension_id == "cadence")
    chaos = next(s for s in comparison.dimensions if s.dimension_id == "chaos")
    assert cadence.trend == chaos.trend == "rising"
    gap = next(g for g in first.flagged_gaps if g.dimension_id == "cadence")
    assert (gap.high_role, gap.low_role) == ("sales", "marketing")
    assert not [g for g in last.gaps if g.questionnaire_id == "collaboration" and g.flagged]
    assert comparison.indices[0].trend == "rising"


def test_demo_refuses_twice_unless_replaced(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "demo").status == 0
    again = run_cli(capsys, "demo")
    assert again.status == 1
    (line,) = again.err.strip().splitlines()
    assert line.startswith("error: ") and "--replace" in line
    assert run_cli(capsys, "demo", "--replace").status == 0


def test_demo_is_deterministic(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    outputs = []
    for name in ("one.db", "two.db"):
        db = str(tmp_path / name)
        assert run_cli(capsys, "demo", "--db", db).status == 0
        result = run_cli(capsys, "compare", "--db", db, "--org", DEMO_ORGANISATION, "--json")
        data = json.loads(result.out)
        for period in data["by_period"]:
            for respondent in period["respondents"]:
                respondent.pop("id")
        outputs.append(data)
    assert outputs[0] == outputs[1]


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_demo_reports_and_compares_across_the_questionnaire_version_change(
    data_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The quarters are answered on the versions QUARTER_VERSIONS names (the nearest shipped
    one standing in): the first on the archived version 1, later ones on later versions. Old
    assessments still report, and compare next to the new ones with a note per change."""
    versions = [{q.id: q for q in quarter} for quarter in demo_versions()]
    scored = [qid for qid, q in versions[-1].items() if not q.is_profile]
    assert scored and "organisation-profile" in versions[-1]
    changes = [
        (DEMO_PERIODS[i - 1], DEMO_PERIODS[i], versions[i - 1], versions[i])
        for i in range(1, len(versions))
        if {k: q.version for k, q in versions[i].items()}
        != {k: q.version for k, q in versions[i - 1].items()}
    ]
    last_old, first_new, old, new = changes[0]
    assert last_old == DEMO_PERIODS[EARLIER_VERSION_QUARTERS - 1]
    assert all(old[qid].version == EARLIER_VERSION < new[qid].version for qid in scored)
    assert run_cli(capsys, "demo").status == 0
    with Store.open(data_home / "assessor.db") as store:
        by_period = {
            s.period: s.id
            for s in store.list_assessments(organisation=DEMO_ORGANISATION)
            if s.role == "ceo"
        }
        for quarter, period in enumerate(DEMO_PERIODS):
            stored = {qid: q.version for qid, q in store.definitions(by_period[period]).items()}
            assert stored == {qid: q.version for qid, q in versions[quarter].items()}, period
            # every quarter carries the organisation profile, answered once for all
            profile = store.get_assessment(by_period[period]).assessment.answers
            assert profile["organisation-profile"]["how-we-sell"].value == "mixed"

    old_pdf, new_pdf, compared_pdf = (tmp_path / n for n in ("old.pdf", "new.pdf", "cmp.pdf"))
    first = by_period[DEMO_PERIODS[0]]
    assert run_cli(capsys, "report", str(first), "-o", str(old_pdf)).status == 0
    assert run_cli(capsys, "report", str(by_period[first_new]), "-o", str(new_pdf)).status == 0
    old_text, new_text = _pdf_text(old_pdf), _pdf_text(new_pdf)
    assert f"{old['four-freedoms'].title} (version {EARLIER_VERSION})" in old_text
    assert "Marketing runs as a sales-support desk." in old_text  # a version 1 finding
    assert f"(version {new['role-clarity'].version})" in new_text
    assert f"The black tick marks the score of {last_old}" in new_text
    # the chart says its comparison crosses a version change
    assert f"The questionnaire version changed since {last_old} for" in new_text

    result = run_cli(capsys, "compare", "--org", DEMO_ORGANISATION, "--json")
    assert result.status == 0, result.err
    data = json.loads(result.out)
    notes = data["version_notes"]
    for before, after, was, now in changes:
        for qid in scored:
            if was[qid].version == now[qid].version:
                continue
            expected = (
                f"changed from v{was[qid].version} to v{now[qid].version} "
                f"between {before} and {after}"
            )
            assert any(expected in note for note in notes), (expected, notes)
    assert not [note for note in notes if "profile" in note.lower()]
    assert "organisation-profile" not in {d["questionnaire"] for d in data["dimensions"]}
    handoff = next(d for d in new["role-clarity"].dimensions if d.id == "handoff")
    role_note = next(n for n in notes if f"v{EARLIER_VERSION} to" in n and "not compared" in n)
    assert f"not compared: {handoff.title}" in " ".join(notes), role_note

    run_cli(capsys, "compare", "--org", DEMO_ORGANISATION, "-o", str(compared_pdf))
    compared = _pdf_text(compared_pdf)
    assert f"changed from v{EARLIER_VERSION} to v{new['collaboration'].version}" in compared
    assert f"between {last_old} and {first_new}" in compared


def test_every_demo_note_names_an_item_of_its_quarter() -> None:
    assert unused_demo_keys(demo_versions()) == []
