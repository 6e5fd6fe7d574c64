"""Business outcomes in the store: one value per organisation, unit, period and metric; the
migration that adds them; and export → import keeping them, also without assessments."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from assessor.exchange.outcomes import OutcomeValue
from assessor.storage import InvalidRecordError, Store
from assessor.storage.backup import list_backups
from assessor.storage.migrations import KNOWN_MIGRATIONS, SCHEMA_VERSION, migrations, read_state
from tests.helpers.cli import run_cli
from tests.helpers.storage import bundled, fill, sha256_of


def _count(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return int(connection.execute("SELECT count(*) FROM outcomes").fetchone()[0])
    finally:
        connection.close()


def test_the_outcomes_migration_is_named_m005_and_applied_to_a_blank_file(db_path: Path) -> None:
    Store.open(db_path).close()
    connection = sqlite3.connect(db_path)
    try:
        state = read_state(connection)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(outcomes)")]
    finally:
        connection.close()

    assert "m005_outcomes" in state.applied and "outcomes" in state.tables
    assert columns == [
        "organisation_id",
        "unit",
        "period",
        "metric",
        "value",
        "entered_by",
        "entered_at",
        "source",
    ]


def test_a_database_at_m004_gets_the_outcomes_table_and_keeps_its_data(db_path: Path) -> None:
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    migrations.apply(Database(connection), stop_before="m005_outcomes")
    connection.execute("PRAGMA user_version = 4")
    connection.execute("INSERT INTO organisations (name, created) VALUES ('Old Co', 'x')")
    connection.execute(
        "INSERT INTO assessments (uuid, organisation_id, respondent_name, role, period, status, "
        "created, updated) VALUES ('0b2f1c55-0000-4000-8000-000000000005', 1, 'Olga', 'sales', "
        "'2025-Q1', 'complete', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')"
    )
    connection.close()

    with Store.open(db_path) as store:
        assert [entry.respondent for entry in store.list_assessments()] == ["Olga"]
        assert store.outcomes("Old Co") == []
        store.save_outcomes("old co", "", [OutcomeValue("2025-Q1", "win-rate", 18.0, "Olga")])
        assert [(v.metric, v.value) for v in store.outcomes("Old Co")] == [("win-rate", 18.0)]

    connection = sqlite3.connect(db_path)
    try:
        state = read_state(connection)
    finally:
        connection.close()
    assert (state.applied, state.user_version) == (KNOWN_MIGRATIONS, SCHEMA_VERSION)
    backups = [b for b in list_backups(db_path) if "before-migration" in b.path.name]
    assert len(backups) == 1
    old = sqlite3.connect(backups[0].path)
    try:
        assert "outcomes" not in read_state(old).tables
    finally:
        old.close()


def test_saving_replaces_per_period_and_metric_and_stamps_who_and_when(store: Store) -> None:
    store.save_outcomes(
        "Acme", "", [OutcomeValue("2026-Q1", "win-rate", 20.0, "Kim", source="CRM")]
    )
    saved = store.save_outcomes("Acme", "", [OutcomeValue("2026-Q1", "win-rate", 22.0, "Lee")])

    (value,) = store.outcomes("acme")
    assert (value.value, value.entered_by, value.source) == (22.0, "Lee", "")
    assert value.entered_at.endswith("Z") and len(value.entered_at) == 20
    assert saved.organisation == "Acme" and not saved.new_organisation


def test_one_bad_value_stores_none_of_them(store: Store, db_path: Path) -> None:
    store.save_outcomes("Acme", "", [OutcomeValue("2026-Q1", "win-rate", 20.0)])
    before = sha256_of(db_path)

    with pytest.raises(InvalidRecordError) as caught:
        store.save_outcomes(
            "Acme",
            "",
            [
                OutcomeValue("2026-Q2", "win-rate", 21.0),
                OutcomeValue("2026-Q2", "sales-cycle-days", -3.0),
                OutcomeValue("2026-Q2", "closing-speed", 1.0),
            ],
        )

    assert caught.value.lines == (
        "sales-cycle-days of 2026-Q2: -3 is outside Sales cycle's range (0–3,650 days)",
        "closing-speed of 2026-Q2: unknown metric 'closing-speed' (known: lead-to-opportunity, "
        "win-rate, sales-cycle-days, first-response-hours, marketing-sourced-pipeline, "
        "qualified-leads)",
    )
    assert sha256_of(db_path) == before
    assert [v.period for v in store.outcomes("Acme")] == ["2026-Q1"]


def test_a_period_form_sets_clears_and_keeps_unchanged_values(store: Store) -> None:
    store.save_outcomes(
        "Acme",
        "EMEA",
        [
            OutcomeValue("2026-Q1", "win-rate", 20.0, "Kim", "2026-04-01T09:00:00Z", "CRM"),
            OutcomeValue("2026-Q1", "sales-cycle-days", 60.0, "Kim", "2026-04-01T09:00:00Z"),
        ],
    )

    changed = store.set_period_outcomes(
        "Acme",
        "EMEA",
        "2026-Q1",
        {"win-rate": 20.0, "sales-cycle-days": None, "first-response-hours": 12.0},
        "Lee",
        "CRM",
    )

    values = {v.metric: v for v in store.outcomes("Acme", "EMEA")}
    assert changed == 2
    assert set(values) == {"win-rate", "first-response-hours"}
    assert (values["win-rate"].entered_by, values["win-rate"].entered_at) == (
        "Kim",
        "2026-04-01T09:00:00Z",
    )
    assert values["first-response-hours"].entered_by == "Lee"
    assert store.outcomes("Acme") == []  # the whole organisation is another scope


def test_an_organisation_may_have_outcomes_and_no_assessment(store: Store) -> None:
    store.save_outcomes("Outcomes Only", "", [OutcomeValue("2026-Q1", "qualified-leads", 40.0)])

    # Home lists it too (issue 23), with its outcomes and no assessment yet.
    assert store.organisations() == ["Outcomes Only"]
    assert store.all_organisations() == ["Outcomes Only"]


def _export_import(
    capsys: pytest.CaptureFixture[str], source: Path, target: Path, exported: Path
) -> str:
    result = run_cli(capsys, "--db", str(source), "export", "-o", str(exported))
    assert result.status == 0, result.err
    imported = run_cli(capsys, "--db", str(target), "import", str(exported))
    assert imported.status == 0, imported.err
    return imported.out


def test_export_then_import_into_an_empty_database_keeps_the_outcomes(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as store:
        first = store.create_assessment("Acme", "Ann", "ceo", "2026-Q1", questionnaires=bundled())
        fill(store, first.id, bundled())
        store.set_status(first.id, "complete")
        store.save_outcomes(
            "Acme",
            "",
            [
                OutcomeValue("2026-Q1", "win-rate", 22.5, "Kim", "2026-04-03T09:00:00Z", "CRM"),
                OutcomeValue("2026-Q1", "qualified-leads", 310.0, "Kim", "2026-04-03T09:00:00Z"),
            ],
        )
        store.save_outcomes(
            "No Assessments Yet", "Nordics", [OutcomeValue("2025-Q4", "sales-cycle-days", 81.0)]
        )
        scopes = (("Acme", ""), ("No Assessments Yet", "Nordics"))
        before = {scope: store.outcomes(*scope) for scope in scopes}
    target = tmp_path / "empty.db"
    exported = tmp_path / "all.json"

    output = _export_import(capsys, db_path, target, exported)

    records = json.loads(exported.read_text(encoding="utf-8"))
    assert [r["format"] for r in records] == [
        "assessor.assessment",
        "assessor.outcomes",
        "assessor.outcomes",
    ]
    assert "3 outcome values: 3 added, 0 replaced, 0 skipped" in output
    with Store.open(target) as copy:
        for (name, unit), values in before.items():
            assert copy.outcomes(name, unit) == values
        assert copy.all_organisations() == ["Acme", "No Assessments Yet"]
        assert len(copy.list_assessments()) == 1


def test_import_merges_outcomes_the_newer_entry_winning(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "target.db"
    with Store.open(target) as store:
        store.save_outcomes(
            "Acme",
            "",
            [
                OutcomeValue("2026-Q1", "win-rate", 19.0, "Old", "2026-04-01T00:00:00Z"),
                OutcomeValue("2026-Q1", "sales-cycle-days", 70.0, "Newer", "2026-06-01T00:00:00Z"),
            ],
        )
    with Store.open(db_path) as store:
        store.save_outcomes(
            "Acme",
            "",
            [
                OutcomeValue("2026-Q1", "win-rate", 22.0, "Kim", "2026-05-01T00:00:00Z"),
                OutcomeValue("2026-Q1", "sales-cycle-days", 90.0, "Kim", "2026-05-01T00:00:00Z"),
                OutcomeValue("2026-Q2", "win-rate", 24.0, "Kim", "2026-07-01T00:00:00Z"),
            ],
        )

    output = _export_import(capsys, db_path, target, tmp_path / "acme.json")

    assert "3 outcome values: 1 added, 1 replaced, 1 skipped" in output
    with Store.open(target) as store:
        values = {(v.period, v.metric): (v.value, v.entered_by) for v in store.outcomes("Acme")}
    assert values == {
        ("2026-Q1", "win-rate"): (22.0, "Kim"),
        ("2026-Q1", "sales-cycle-days"): (70.0, "Newer"),
        ("2026-Q2", "win-rate"): (24.0, "Kim"),
    }


def test_an_import_with_a_bad_outcome_imports_nothing(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as store:
        first = store.create_assessment("Acme", "Ann", "ceo", "2026-Q1", questionnaires=bundled())
        fill(store, first.id, bundled())
        store.save_outcomes("Acme", "", [OutcomeValue("2026-Q1", "win-rate", 22.0)])
    exported = tmp_path / "all.json"
    assert run_cli(capsys, "--db", str(db_path), "export", "-o", str(exported)).status == 0
    records = json.loads(exported.read_text(encoding="utf-8"))
    records[1]["outcomes"][0]["value"] = 140
    exported.write_text(json.dumps(records), encoding="utf-8")
    target = tmp_path / "target.db"
    Store.open(target).close()
    before = sha256_of(target)

    result = run_cli(capsys, "--db", str(target), "import", str(exported))

    assert result.status == 1
    assert result.err.strip().splitlines() == [
        f"error: {exported}: [1].outcomes[0].value: 140 is outside Win rate's range (0–100%)"
    ]
    assert sha256_of(target) == before
    assert _count(target) == 0


def test_score_refuses_a_file_of_outcomes_only(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as store:
        store.save_outcomes("Acme", "", [OutcomeValue("2026-Q1", "win-rate", 22.0)])
    exported = tmp_path / "outcomes.json"
    assert run_cli(capsys, "export", "-o", str(exported)).status == 0

    result = run_cli(capsys, "score", str(exported))

    assert result.status == 1
    assert "holds no assessment (only business outcomes)" in result.err
