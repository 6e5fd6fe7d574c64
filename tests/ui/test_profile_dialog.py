"""The organisation profile in the app: answered once per organisation, unit and period (a new
assessment shows it answered), offered before inviting when none is stored, carried in the
respondent files, and never asked of the invited respondent."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assessor.diagnosis.answers import Answer
from assessor.exchange.respondent_file import dump_sealed
from assessor.questionnaire.model import Questionnaire
from assessor.storage import Store
from assessor.storage.invitations import invitation_file, new_invitation
from assessor.storage.transfer import read_import
from tests.helpers.qt import DialogLog, press
from tests.helpers.storage import bundled
from ui import invite_dialog, new_assessment
from ui.invite_dialog import Invitee, InviteRequest
from ui.main_window import MainWindow
from ui.profile_dialog import ProfileDialog

PROFILE = "organisation-profile"


def _profile() -> Questionnaire:
    return next(q for q in bundled() if q.is_profile)


def _wait(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass


def test_the_dialog_keeps_what_is_answered_and_what_applies(qtbot: QtBot) -> None:
    dialog = ProfileDialog([_profile()], "Acme")
    qtbot.addWidget(dialog)
    inputs = {answer_input.item.id: answer_input for _, answer_input in dialog.inputs}
    options = [o.id for o in _profile().item("how-we-sell").options]
    inputs["how-we-sell"].pick(1 + options.index("online"))
    inputs["sales-head"].pick(1)  # hidden where nobody sells: left out
    inputs["departments"].pick(1)  # the first department: yes
    inputs["agency"].pick(3)

    dialog.use_button.click()

    assert dialog.value == {
        PROFILE: {
            "how-we-sell": Answer("online"),
            "departments": Answer({"product": True}),
            "agency": Answer("none"),
        }
    }
    skipped = ProfileDialog([_profile()], "Acme")
    qtbot.addWidget(skipped)
    skipped.skip_button.click()
    assert skipped.value is None


def _invite(
    qtbot: QtBot,
    window: MainWindow,
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
    folder: Path,
) -> dict[str, object]:
    request = InviteRequest("Acme", "North", "2026-Q3", "Kim", [Invitee("Sam", "sales")])
    monkeypatch.setattr(invite_dialog, "ask_invite", lambda *args: request)
    folder.mkdir()
    dialog_log.answers["choose_folder"] = folder
    window.invite_respondents()
    _wait(qtbot, window)
    (written,) = folder.iterdir()
    record: dict[str, object] = json.loads(written.read_text(encoding="utf-8"))
    return record


def test_inviting_without_a_stored_profile_offers_it_first_and_the_files_carry_it(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = window_factory()
    dialog_log.answers["ask_profile"] = {PROFILE: {"how-we-sell": Answer("partners")}}

    record = _invite(qtbot, window, dialog_log, monkeypatch, tmp_path / "one")

    (offered,) = dialog_log.named("ask_profile")
    assert [q.id for q in offered[1]] == [PROFILE] and offered[2] == "Acme"
    answers = record["answers"]
    assert isinstance(answers, dict)
    assert answers[PROFILE]["how-we-sell"]["value"] == "partners"

    # skipped: the files carry no profile, and each respondent is asked it
    dialog_log.answers["ask_profile"] = None
    skipped = _invite(qtbot, window, dialog_log, monkeypatch, tmp_path / "two")
    assert skipped["answers"] == {}
    assert len(dialog_log.named("ask_profile")) == 2


def test_inviting_with_a_stored_profile_carries_it_without_asking(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = window_factory()
    kim = window.store.create_assessment("Acme", "Kim", "ceo", "2026-Q3", "North", bundled())
    window.store.save_answer(kim.id, PROFILE, "how-we-sell", Answer("mixed"))

    record = _invite(qtbot, window, dialog_log, monkeypatch, tmp_path / "out")

    assert dialog_log.named("ask_profile") == []
    answers = record["answers"]
    assert isinstance(answers, dict)
    assert answers[PROFILE]["how-we-sell"]["value"] == "mixed"


def test_a_new_assessment_shows_the_stored_profile_answered_and_can_change_it(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_factory()
    kim = window.store.create_assessment("Acme", "Kim", "ceo", "2026-Q3", "", bundled())
    for item in _profile().items:
        if item.id != "sales-head":  # hidden where partners sell
            window.store.save_answer(kim.id, PROFILE, item.id, Answer(dont_know=True))
    window.store.save_answer(kim.id, PROFILE, "how-we-sell", Answer("partners"))
    chosen = new_assessment.NewAssessment(
        "Acme", "", "Dana", "marketing", "2026-Q3", list(window.catalogue)
    )
    monkeypatch.setattr(new_assessment, "ask_new_assessment", lambda *args: chosen)

    window.new_assessment()

    page = window.walkthrough
    assert window.stack.currentWidget() is page and page.walk is not None
    profile_steps = [i for i, s in enumerate(page.walk.steps) if s.questionnaire_id == PROFILE]
    assert profile_steps and all(page.walk.is_answered(i) for i in profile_steps)
    assert page.index == len(profile_steps)  # it opens at the first scored question
    page.show_step(0)  # the respondent can still change the profile
    assert page.input is not None and page.input.item.id == "how-we-sell"
    options = [o.id for o in _profile().item("how-we-sell").options]
    press(qtbot, getattr(Qt.Key, f"Key_{1 + options.index('mixed')}"))
    dana = window.store.get_assessment(page.assessment_id).assessment
    assert dana.answers[PROFILE]["how-we-sell"] == Answer("mixed")


def test_an_invited_respondent_is_not_asked_the_profile_and_sends_it_back(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    tmp_path: Path,
) -> None:
    profile = _profile()
    invitation = new_invitation("Acme", "2026-Q3", "Sam", "sales", "Kim")
    carried = {PROFILE: {"how-we-sell": Answer("mixed"), "agency": Answer("some")}}
    path = tmp_path / invitation.file_name
    path.write_bytes(invitation_file(invitation, list(bundled()), carried))
    window = window_factory()

    with qtbot.waitSignal(window.respondent_file_opened, timeout=20000):
        window.open_respondent_file(path)
    assert window.stack.currentWidget() is window.welcome
    press(qtbot, Qt.Key.Key_Return)  # Start

    page = window.walkthrough
    assert window.stack.currentWidget() is page and page.walk is not None
    walked = {(s.questionnaire_id, s.item.id) for s in page.walk.steps}
    assert (PROFILE, "how-we-sell") not in walked and (PROFILE, "agency") not in walked
    # what the inviter left unanswered is still asked, first
    assert page.walk.steps[0].questionnaire_id == PROFILE
    assert {s.item.id for s in page.walk.steps if s.questionnaire_id == PROFILE} == {
        i.id for i in profile.items if i.id not in ("how-we-sell", "agency")
    }
    # the branching still reads the carried answers: the partner question is shown
    assert (PROFILE, "partner-managers") in walked

    returned = window.store.respondent_file(page.assessment_id)[1]
    with Store.open(tmp_path / "inviter.db") as inviter:
        bundle = read_import(dump_sealed(json.loads(returned)), "back.assessor", lambda *_: None)
        (uuid,) = bundle.import_into(inviter).added
        back = inviter.get_assessment(uuid).assessment.answers[PROFILE]
    assert back == carried[PROFILE]
