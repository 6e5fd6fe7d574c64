"""Confidential invitations in the store (issue 20): migration ``m006_confidential_invitations``
from a blank and an old database, ``Store.is_confidential``, ``Store.invitations_out``, and
the flag carried by a returned file into another computer's database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from assessor.exchange.exchange_file import Assessment, ExchangeError
from assessor.exchange.respondent_file import INVITATION_KEY, InvitedBy, invited_by
from assessor.storage import Store
from assessor.storage.invitations import insert_invitation, new_invitation
from assessor.storage.migrations import KNOWN_MIGRATIONS, SCHEMA_VERSION, migrations, read_state

UUID = "0b2f1c55-0000-4000-8000-000000000006"


def test_a_blank_database_has_the_confidential_column(db_path: Path) -> None:
    Store.open(db_path).close()
    connection = sqlite3.connect(db_path)
    try:
        state = read_state(connection)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(invitations)")]
    finally:
        connection.close()
    assert "m006_confidential_invitations" in state.applied
    assert columns[-2:] == ["confidential", "received"]


def test_an_old_database_keeps_its_invitations_named(db_path: Path) -> None:
    connection = sqlite3.connect(db_path, isolation_level=None)
    migrations.apply(Database(connection), stop_before="m006_confidential_invitations")
    connection.execute("PRAGMA user_version = 5")
    connection.execute("INSERT INTO organisations (name, created) VALUES ('Old Co', 'x')")
    connection.execute(
        "INSERT INTO invitations (uuid, organisation_id, unit, period, respondent_name, role, "
        f"invited_by, invited_at) VALUES ('{UUID}', 1, '', '2025-Q1', 'Olga', 'sales', 'Kim', "
        "'2025-01-01T00:00:00Z')"
    )
    connection.close()

    with Store.open(db_path) as store:
        assert store.is_confidential(UUID) is False
        (status,) = store.invitations("Old Co")
        assert status.invitation.invited.confidential is False
        out = store.invitations_out("Old Co", "", "2025-Q1")
        assert (out.invited, out.returned, out.roles_out) == (1, 0, ("sales",))
    connection = sqlite3.connect(db_path)
    try:
        state = read_state(connection)
    finally:
        connection.close()
    assert (state.applied, state.user_version) == (KNOWN_MIGRATIONS, SCHEMA_VERSION)


def test_a_confidential_invitation_is_recorded_and_counted_without_names(db_path: Path) -> None:
    with Store.open(db_path) as store:
        for name, role in (("Ann", "ceo"), ("Bo", "marketing"), ("Cy", "sales")):
            invitation = new_invitation(
                "Acme", "2026-Q3", name, role, "Kim", confidential=role != "ceo"
            )
            store.record_invitation(invitation)
        listed = store.invitations("Acme")
        flags = {s.invitation.respondent.name: s.invitation.invited.confidential for s in listed}
        assert flags == {"Ann": False, "Bo": True, "Cy": True}
        assert (
            store.is_confidential(listed[0].invitation.uuid)
            is flags[listed[0].invitation.respondent.name]
        )
        out = store.invitations_out("Acme", "", "2026-Q3")
    assert (out.invited, out.returned, out.out) == (3, 0, 3)
    assert out.roles_out == ("ceo", "marketing", "sales")


def test_a_file_can_make_an_invitation_confidential_but_never_named_again(
    db_path: Path,
) -> None:
    invitation = new_invitation("Acme", "2026-Q3", "Bo", "sales", "Kim")
    with Store.open(db_path) as store:
        store.record_invitation(invitation)
        assessment = Assessment(
            uuid=invitation.uuid,
            organisation="Acme",
            respondent=invitation.respondent,
            period="2026-Q3",
        )
        for confidential, expected in ((True, True), (False, True)):
            with store.writing() as tx:
                organisation_id = tx.organisation_id("Acme", "x")
                insert_invitation(
                    tx.connection,
                    organisation_id,
                    assessment,
                    InvitedBy("Kim", "2026-07-01T00:00:00Z", confidential),
                )
            assert store.is_confidential(invitation.uuid) is expected


@pytest.mark.parametrize(
    ("carried", "problem"),
    [
        ({"by": "Kim", "at": "2026-07-01T00:00:00Z", "confidential": "yes"}, "true or false"),
        ({"by": "Kim", "at": "2026-07-01T00:00:00Z", "send_to": 5}, "send_to"),
    ],
)
def test_a_malformed_invitation_is_one_line_naming_the_field(
    carried: dict[str, object], problem: str
) -> None:
    with pytest.raises(ExchangeError) as raised:
        invited_by({INVITATION_KEY: carried}, "x.assessor")
    (line,) = raised.value.lines
    assert line.startswith("x.assessor: invitation.") and problem in line


def test_an_invitation_without_the_flag_is_named_and_send_to_defaults_to_the_inviter() -> None:
    found = invited_by({INVITATION_KEY: {"by": "Kim", "at": "2026-07-01T00:00:00Z"}}, "x")
    assert found is not None and found.confidential is False and found.return_to == "Kim"
    sent = InvitedBy("Kim", "2026-07-01T00:00:00Z", True, "team@example.com")
    assert sent.to_json()["send_to"] == "team@example.com" and sent.return_to == sent.send_to
