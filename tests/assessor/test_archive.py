"""Archived questionnaire versions: old exchange files keep reading, scoring and importing.

The earlier versions of the bundled questionnaires ship in ``questionnaires/archive/``. The
catalogue reaches them through ``find(id, version)`` only: they are never offered for a new
assessment and ``assessor questionnaires`` lists them only with ``--archived``.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from assessor.comparison.build import build_comparison
from assessor.comparison.respondents import RespondentInput
from assessor.diagnosis.answers import Answer
from assessor.diagnosis.findings import diagnose
from assessor.exchange.exchange_file import Assessment, Respondent
from assessor.questionnaire.catalogue import (
    ARCHIVED,
    BUNDLED,
    Catalogue,
    archived_files,
    load_archive,
    load_catalogue,
    load_files,
)
from assessor.questionnaire.loading import load_questionnaire
from assessor.questionnaire.model import Questionnaire
from assessor.storage.store import Store
from tests.helpers.answer_sets import favourable, unfavourable, worst_value
from tests.helpers.cli import run_cli
from tests.helpers.questionnaires import MINIMAL_TOML, mutate, write_questionnaire

#: the organisation profile first (walked first), then the scored questionnaires
BUNDLED_IDS = ["organisation-profile", "four-freedoms", "role-clarity", "collaboration"]
V1_FILES = {
    "four-freedoms": "four_freedoms.v1.toml",
    "role-clarity": "role_clarity.v1.toml",
    "collaboration": "collaboration.v1.toml",
}
#: The version-2 copies archived when a questionnaire moved to version 3 (issue 19).
V2_FILES = {
    "collaboration": "collaboration.v2.toml",
    "four-freedoms": "four_freedoms.v2.toml",
    "role-clarity": "role_clarity.v2.toml",
}


def _version_one() -> dict[str, Questionnaire]:
    folder = archived_files()[0].parent
    return {qid: load_questionnaire(folder / name) for qid, name in V1_FILES.items()}


def test_an_archived_version_is_found_but_never_offered(tmp_path: Path) -> None:
    old = write_questionnaire(tmp_path / "archive", "mini.v1.toml", MINIMAL_TOML)
    new = write_questionnaire(
        tmp_path / "current", "mini.toml", mutate("version = 1", "version = 3")
    )
    catalogue = Catalogue()
    load_files(catalogue, [new], BUNDLED)
    load_archive(catalogue, [old])

    assert [(q.id, q.version) for q in catalogue] == [("mini", 3)]
    assert len(catalogue) == 1
    assert catalogue.get("mini").version == 3
    found = catalogue.find("mini", 1)
    assert found is not None and found.version == 1
    assert catalogue.find("mini", 3) is catalogue.get("mini")
    assert catalogue.find("mini", 2) is None
    assert [(q.id, q.version) for q in catalogue.archived_versions()] == [("mini", 1)]
    assert catalogue.definitions_for({"mini": 1})["mini"] is found
    assert catalogue.problems == []


def test_a_broken_archived_file_is_reported_with_its_name(tmp_path: Path) -> None:
    broken = write_questionnaire(tmp_path, "mini.v1.toml", MINIMAL_TOML + "\nbad =\n")
    catalogue = Catalogue()

    load_archive(catalogue, [broken])

    assert catalogue.archived == {}
    assert len(catalogue.problems) == 1
    assert catalogue.problems[0].startswith(f"{ARCHIVED}: mini.v1.toml: line")


def test_the_bundled_archive_holds_version_1_of_every_bundled_questionnaire() -> None:
    catalogue = load_catalogue()

    assert catalogue.problems == []
    assert [q.id for q in catalogue] == BUNDLED_IDS
    archived = sorted([*V1_FILES.values(), *V2_FILES.values()])
    assert sorted(path.name for path in archived_files()) == archived
    for qid in BUNDLED_IDS:
        found = catalogue.find(qid, 1)
        assert found is not None and found.version == 1, qid
        assert catalogue.get(qid).version >= 1
    for questionnaire in catalogue.archived_versions():
        assert questionnaire.version < catalogue.get(questionnaire.id).version


def test_the_questionnaires_command_lists_archived_versions_only_when_asked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    archived = load_catalogue().archived_versions()

    plain = run_cli(capsys, "questionnaires")
    listed = run_cli(capsys, "questionnaires", "--archived")
    as_json = run_cli(capsys, "questionnaires", "--json")
    as_json_all = run_cli(capsys, "questionnaires", "--json", "--archived")

    assert plain.status == listed.status == as_json.status == as_json_all.status == 0
    assert ARCHIVED not in plain.out
    assert listed.out.count(f"; {ARCHIVED})") == len(archived)
    assert [q["origin"] for q in json.loads(as_json.out)] == [BUNDLED] * len(BUNDLED_IDS)
    origins = [(q["id"], q["version"], q["origin"]) for q in json.loads(as_json_all.out)]
    assert origins[len(BUNDLED_IDS) :] == [(q.id, q.version, ARCHIVED) for q in archived]


def _v1_exchange(definitions: dict[str, Questionnaire]) -> dict[str, Any]:
    """A complete v1 assessment: every item at its least favourable answer, with one note."""
    answers: dict[str, dict[str, Any]] = {}
    for qid, questionnaire in definitions.items():
        answers[qid] = {
            item.id: {"value": worst_value(item)} for item in questionnaire.items if item.scored
        }
    answers["four-freedoms"]["ff-01"]["note"] = "Counted 52 ad-hoc requests in May (v1 file)."
    return {
        "format": "assessor.assessment",
        "format_version": 1,
        "uuid": "0b9f3a52-5c1e-4f7a-9d0e-7a1b2c3d4e5f",
        "organisation": "Old Files Ltd",
        "respondent": {"name": "Ada Old", "role": "ceo"},
        "period": "2025-Q1",
        "status": "complete",
        "questionnaires": {qid: q.version for qid, q in definitions.items()},
        "answers": answers,
    }


def test_a_v1_exchange_file_scores_imports_and_reports(
    tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file carries no definitions: the archive alone lets it be read."""
    version_one = _version_one()
    exchange = tmp_path / "old.json"
    exchange.write_text(json.dumps(_v1_exchange(version_one)), "utf-8")

    scored = run_cli(capsys, "score", str(exchange), "--json")
    assert scored.status == 0, scored.err
    result = json.loads(scored.out)
    assert set(result["questionnaires"]) == set(V1_FILES)
    dimensions = set(result["questionnaires"]["four-freedoms"]["dimensions"])
    assert dimensions == {d.id for d in version_one["four-freedoms"].dimensions}
    fired = {f["id"] for f in result["findings"]}
    assert "sales-support-desk" in fired

    imported = run_cli(capsys, "import", str(exchange))
    assert imported.status == 0, imported.err
    with Store.open(data_home / "assessor.db") as store:
        (summary,) = store.list_assessments(organisation="Old Files Ltd")
        used = store.definitions(summary.id)
        stored = store.get_assessment(summary.id).assessment
    assert {qid: q.version for qid, q in used.items()} == dict.fromkeys(V1_FILES, 1)
    assert stored.answers["four-freedoms"]["ff-01"].note.startswith("Counted 52")

    pdf = tmp_path / "old.pdf"
    reported = run_cli(capsys, "report", str(summary.id), "-o", str(pdf))
    assert reported.status == 0, reported.err
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Old Files Ltd" in text
    assert "Marketing runs as a sales-support desk." in text
    assert "Counted 52 ad-hoc requests in May (v1 file)." in text


def test_a_v2_collaboration_assessment_scores_and_compares_beside_a_v3_one() -> None:
    """Collaboration v2 (archived at v3) still scores, and a comparison across the versions
    prints a version note and compares the dimensions both share (all five)."""
    catalogue = load_catalogue()
    current = {q.id: q for q in catalogue}
    old_collaboration = catalogue.find("collaboration", 2)
    assert old_collaboration is not None and current["collaboration"].version == 3
    old_freedoms = catalogue.find("four-freedoms", 2)
    assert old_freedoms is not None
    # A v2 assessment was answered on v2 of every questionnaire (four-freedoms v2 holds the
    # screening question collaboration v2 reads).
    old = {**current, "collaboration": old_collaboration, "four-freedoms": old_freedoms}

    def assessment(
        answers: dict[str, dict[str, Answer]],
        definitions: dict[str, Questionnaire],
        period: str,
    ) -> RespondentInput:
        return RespondentInput(
            assessment=Assessment(
                uuid=str(uuid.uuid4()),
                organisation="Acme",
                respondent=Respondent(name="Cleo", role="ceo"),
                period=period,
                status="complete",
                questionnaires={qid: q.version for qid, q in definitions.items()},
                answers=answers,
            ),
            definitions=definitions,
        )

    before = diagnose(old, unfavourable(old))
    assert "two-islands" in {r.finding.id for r in before.fired}
    comparison = build_comparison(
        [
            assessment(unfavourable(old), old, "2026-Q1"),
            assessment(favourable(current), current, "2026-Q2"),
        ]
    )

    notes = comparison.version_notes
    assert len(notes) == 2  # collaboration and four-freedoms
    assert any(
        "collaboration" in note.lower()
        and "changed from v2 to v3 between 2026-Q1 and 2026-Q2" in note
        for note in notes
    ), notes
    cadence = next(s for s in comparison.dimensions if s.dimension_id == "cadence")
    assert cadence.points[0].score is not None and cadence.points[1].score == 100
    assert cadence.points[1].change is not None and cadence.points[1].change > 0


def test_role_clarity_v2_is_archived_and_compares_beside_v3() -> None:
    """Issue 19: an assessment answered on role-clarity v2 still scores and is compared with a
    v3 one on the dimensions both define, with a version note."""
    from assessor.comparison.build import build_comparison
    from assessor.comparison.respondents import RespondentInput
    from assessor.diagnosis.findings import diagnose
    from tests.helpers.answer_sets import bundled_definitions, favourable
    from tests.helpers.reports import make_assessment

    catalogue = load_catalogue()
    older = catalogue.find("role-clarity", 2)
    assert older is not None and older.version == 2
    current = bundled_definitions()
    assert current["role-clarity"].version == 3
    on_v2 = {**current, "role-clarity": older}
    scored = diagnose(on_v2, favourable(on_v2)).scores.questionnaires["role-clarity"]
    assert scored.score == 100
    inputs = [
        RespondentInput(
            make_assessment(
                favourable(used),
                used,
                period=period,
                uuid=f"7a3e0c55-2222-4aaa-8bbb-12345678900{index}",
            ),
            used,
            assessment_id=index,
        )
        for index, (used, period) in enumerate(((on_v2, "2026-Q1"), (current, "2026-Q2")), 1)
    ]

    comparison = build_comparison(inputs)

    notes = [note for note in comparison.version_notes if note.startswith(older.title)]
    assert notes == [
        f"{older.title} changed from v2 to v3 between 2026-Q1 and 2026-Q2: compared on the 5 "
        "dimensions present in both; items are compared only where their ids match."
    ]
