"""The main window: home, walk-through and results pages, the menu, and the warning bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assessor.errors import AssessorError, Cancelled, Progress
from ui import dialogs, places, style
from ui.places import settings

if TYPE_CHECKING:  # the pages and the store load after the window's first paint
    from PySide6.QtCore import QLockFile

    from assessor.diagnosis.answers import Answer
    from assessor.exchange.respondent_file import InvitedBy
    from assessor.questionnaire.catalogue import Catalogue
    from assessor.storage.store import Store
    from ui.history_page import HistoryPage
    from ui.home_page import HomePage, HomeSource
    from ui.new_assessment import Preset
    from ui.results_page import ResultsPage
    from ui.send_off_page import SendOffPage
    from ui.walkthrough_page import WalkthroughPage
    from ui.welcome_page import WelcomePage


class WarningBar(QFrame):
    """A non-blocking warning across the top of the window, with a Dismiss button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"WarningBar {{ background: {style.WARNING_BACKGROUND}; }} "
            f"QLabel {{ color: {style.WARNING_TEXT}; }}"
        )
        layout = QHBoxLayout(self)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Warning")
        layout.addWidget(self.text, 1)
        dismiss = QPushButton("Dismiss")
        dismiss.setAccessibleName("Dismiss the warning")
        dismiss.clicked.connect(self.hide)
        layout.addWidget(dismiss)
        self.hide()

    def show_lines(self, lines: list[str]) -> None:
        """Show these lines (nothing when empty)."""
        if lines:
            self.text.setText("\n".join(lines))
            self.show()


#: The ways on from Help → Where is my data?
DATA_CHOICES = ["Back up now", "Open the folder"]

#: What File → Import and dropping on the window take: respondent and exchange files.
IMPORT_FILTER = "Assessor files (*.assessor *.json);;Respondent files (*.assessor)"
IMPORTABLE_SUFFIXES = (".assessor", ".json")


class MainWindow(QMainWindow):
    """Assessor's one window."""

    #: a respondent file was opened: the id of its assessment, now on screen
    respondent_file_opened = Signal(int)

    def __init__(
        self,
        store: Store | None = None,
        catalogue: Catalogue | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """The window; without a store it shows "Opening…" until :meth:`attach` is called."""
        super().__init__(parent)
        self.setWindowTitle("Assessor")
        self.resize(1040, 760)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(6, 6, 6, 6)
        self.warning = WarningBar()
        column.addWidget(self.warning)
        self.stack = QStackedWidget()
        self.opening = QLabel("Opening your assessments…")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.opening)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setAcceptDrops(True)
        geometry = settings().value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.attached = False
        self.home_shown = False
        #: files handed over by a second start before the window had loaded
        self.pending_files: list[Path] = []
        #: the lock that keeps other Assessor windows off the database (see ui.instance_lock)
        self.lock: QLockFile | None = None
        if store is not None:
            from assessor.questionnaire.catalogue import load_catalogue

            self.attach(store, catalogue if catalogue is not None else load_catalogue())

    def show_overview(self, source: HomeSource) -> None:
        """Show Home read from ``source`` while the store and questionnaires still load.

        Its buttons act once :meth:`attach` has run (the app calls it right after).
        """
        from ui.home_page import HomePage

        self.home: HomePage = HomePage(source)
        self.stack.addWidget(self.home)
        self.stack.setCurrentWidget(self.home)
        self.home_shown = True

    def attach(self, store: Store, catalogue: Catalogue, lock: QLockFile | None = None) -> None:
        """Build the pages on an open database and show the list of assessments.

        ``lock`` is the database's instance lock, released when the window closes.
        """
        from ui.history_page import HistoryPage
        from ui.home_page import HomePage
        from ui.results_page import ResultsPage
        from ui.send_off_page import SendOffPage
        from ui.walkthrough_page import WalkthroughPage
        from ui.welcome_page import WelcomePage

        self.store = store
        self.catalogue = catalogue
        if lock is not None:
            self.lock = lock
        if not self.home_shown:
            self.home = HomePage(store)
            self.stack.addWidget(self.home)
            self.home_shown = True
        self.home.set_store(store)
        self.walkthrough: WalkthroughPage = WalkthroughPage(store)
        self.results: ResultsPage = ResultsPage()
        self.history: HistoryPage = HistoryPage(store)
        self.welcome: WelcomePage = WelcomePage()
        self.send_off: SendOffPage = SendOffPage(store)
        for page in (self.walkthrough, self.results, self.history, self.welcome, self.send_off):
            self.stack.addWidget(page)
        self.home.history_requested.connect(self.show_history)
        self.home.next_period_requested.connect(self.start_next_period)
        self.history.home_requested.connect(self.show_home)
        self.history.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.home.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.history.file_saved.connect(self.show_saved_file)
        self.home.file_saved.connect(self.show_saved_file)
        self.home.new_requested.connect(self.new_assessment)
        self.home.open_requested.connect(self.open_assessment)
        self.home.delete_requested.connect(self.delete_assessment)
        self.home.delete_organisation_requested.connect(self.delete_organisation)
        self.walkthrough.finished.connect(self.walkthrough_finished)
        self.welcome.start_requested.connect(self.start_answering)
        self.welcome.closed.connect(self.show_home)
        self.send_off.send_back_requested.connect(self.send_back)
        self.send_off.results_requested.connect(self.show_results)
        self.send_off.home_requested.connect(self.show_home)
        self.walkthrough.left.connect(self.show_home)
        self.results.edit_requested.connect(self.edit_answers)
        self.results.home_requested.connect(self.show_home)
        self.results.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.home.invite_requested.connect(self._invite_for_selection)
        self.history.invite_requested.connect(self.invite_respondents)
        self.results.send_back_requested.connect(self.send_back)
        self.results.file_saved.connect(self.show_saved_file)
        from ui.saved_file import SavedFile

        self.saved_file = SavedFile()
        self.statusBar().addPermanentWidget(self.saved_file)
        from ui.progress_area import ProgressArea

        self.progress_area = ProgressArea()
        self.statusBar().addPermanentWidget(self.progress_area)
        self._build_menu()
        lines: list[str] = []
        if catalogue.problems:
            lines += ["Some questionnaire files could not be used (the others work):"]
            lines += catalogue.problems
        lines += store.warnings  # each says what failed, such as the automatic backup
        self.warning.show_lines(lines)
        self.attached = True
        self.show_home()
        while self.pending_files:
            self.receive_file(self.pending_files.pop(0))

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu("&File")
        actions: list[tuple[str, QKeySequence | QKeySequence.StandardKey, Callable[[], object]]] = [
            ("&New assessment…", QKeySequence.StandardKey.New, lambda: self.new_assessment()),
            ("&Assessments", QKeySequence("Ctrl+L"), self.show_home),
            (
                "&History of the selected organisation",
                QKeySequence("Ctrl+H"),
                self._history_of_selection,
            ),
            ("&Quit", QKeySequence.StandardKey.Quit, self.close),
        ]
        for text, keys, slot in actions:
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            menu.addAction(action)
        self.export_action = QAction("&Export PDF…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.results.export_pdf)
        self.print_action = QAction("&Print…", self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.results.print_pdf)
        menu.insertActions(menu.actions()[-1], [self.export_action, self.print_action])
        menu.insertSeparator(menu.actions()[-1])
        for text, slot in (
            ("&Invite respondents…", self._invite_for_selection),
            ("&Open respondent file…", self.choose_respondent_file),
            ("&Import assessments…", self.import_assessments),
            ("Export all assessments…", self.export_assessments),
            ("&Back up now", self.back_up_now),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            menu.insertAction(menu.actions()[-1], action)
        menu.insertSeparator(menu.actions()[-1])
        self._build_help_menu()

    def _build_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu("&Help")
        entries: list[tuple[str, str, Callable[[], object]]] = [
            ("&Keyboard shortcuts", "F1", self.show_keyboard_help),
            ("Open the &demo", "", self.open_demo),
            ("&Where is my data?", "", self._show_data_folder),
            ("&About Assessor", "", self.show_about),
        ]
        for text, keys, slot in entries:
            action = QAction(text, self)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            help_menu.addAction(action)

    def _history_of_selection(self) -> None:
        organisation = self.home.selected_organisation()
        if organisation is not None:
            self.show_history(*organisation)

    # --- exchange files and backups --------------------------------------------------------------

    def _run(self, work: Callable[[], object], done: Callable[[object], None], title: str) -> None:
        """Run ``work`` off the GUI thread; errors become a dialog (the data stays safe)."""
        self._run_counted(lambda _: work(), done, title)

    def _run_counted(
        self,
        work: Callable[[Progress], object],
        done: Callable[[object], None],
        title: str,
        counting: tuple[str, str] | None = None,
    ) -> None:
        """Run ``work(progress)`` off the GUI thread; with ``counting`` (verb, what: "Importing",
        "assessments") the status area shows its progress with counts and a Cancel button.
        Errors become a dialog; a cancelled work says so in the status bar (it changed nothing).
        """
        from ui.operations import Operation

        def failed(error: Exception) -> None:
            if isinstance(error, Cancelled):
                text = error.lines[0]
                self.statusBar().showMessage(text[:1].upper() + text[1:], 10000)
                return
            lines = error.lines if isinstance(error, AssessorError) else (str(error),)
            dialogs.show_error(self, title, "\n".join(lines) + "\n\nNothing was changed.")

        self.statusBar().showMessage("Working…")
        operation: Operation[object] = Operation(lambda: work(operation.report), done, failed, self)
        self.operation = operation
        if counting is not None:
            self.progress_area.follow(operation, *counting)
        operation.start()

    def show_saved_file(self, what: str, path: Path) -> None:
        """Name the file just written in the status bar, with links to open it and its folder."""
        self.statusBar().clearMessage()
        self.saved_file.show_file(what, path)

    def import_assessments(self) -> None:
        """Import exchange or respondent files (any number): all of them, or nothing."""
        chosen = dialogs.open_files(self, "Import assessments", places.file_folder(), IMPORT_FILTER)
        if chosen:
            places.remember_folder(chosen[0])
            self.import_files(chosen)

    def import_files(self, paths: list[Path]) -> None:
        """Import these files off the GUI thread, then say what was added, replaced, skipped."""
        catalogue = self.catalogue

        def work(progress: Progress) -> object:
            from assessor.storage.file_import import import_files

            return import_files(self.store, paths, catalogue.find, progress)

        def done(reports: object) -> None:
            from assessor.storage.records import import_totals

            assert isinstance(reports, list)
            lines = []
            for report in reports:
                lines.append(f"{Path(report.source).name}:")
                lines.extend(f"  • {outcome.line()}" for outcome in report.outcomes)
                if report.outcome_values.total:
                    lines.append(f"  • {report.outcome_values.line()}")
            totals = import_totals(reports)
            self.statusBar().showMessage(f"Imported: {totals}.", 10000)
            self.show_home()
            if self.history_visible():
                self.history.refresh()
            dialogs.show_info(
                self, "Import finished", f"{totals.capitalize()}.\n\n" + "\n".join(lines)
            )

        self._run_counted(work, done, "Nothing was imported", ("Importing", "assessments"))

    def dropped_files(self, data: QMimeData) -> list[Path]:
        """The respondent and exchange files among dragged data (none until a database is open)."""
        if not self.attached:
            return []
        return [
            Path(url.toLocalFile())
            for url in data.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(IMPORTABLE_SUFFIXES)
        ]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept respondent and exchange files dragged from a file manager."""
        if self.dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Import the dropped files (all or nothing, like File → Import)."""
        paths = self.dropped_files(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_files(paths)

    # --- respondent files: invite, open, send back ---------------------------------------------

    def _invite_for_selection(self) -> None:
        selected = self.home.selected_organisation() if self.attached else None
        self.invite_respondents(*(selected or ("", "")))

    def invite_respondents(self, organisation: str = "", unit: str = "") -> None:
        """Ask who to invite and where, then write one respondent file per person."""
        from ui import invite_dialog

        request = invite_dialog.ask_invite(self, self.store.organisations(), organisation, unit)
        if request is None:
            return
        profile = self._profile_for_invitations(request.organisation, request.unit, request.period)
        folder = dialogs.choose_folder(
            self, "Choose the folder for the respondent files", places.file_folder()
        )
        if folder is None:
            return
        questionnaires = list(self.catalogue)
        target = folder

        def work() -> object:
            from assessor.storage.invitations import write_invitation_files

            return write_invitation_files(
                self.store,
                request.organisation,
                request.period,
                [(person.name, person.role) for person in request.people],
                request.invited_by,
                questionnaires,
                target,
                request.unit,
                profile,
                confidential=request.confidential,
            )

        def done(written: object) -> None:
            assert isinstance(written, list)
            names = "\n".join(f"• {path.name}" for path in written)
            self.statusBar().showMessage(
                f"Wrote {len(written)} respondent file(s) to {target}", 10000
            )
            if self.history_visible():
                self.history.refresh()
            dialogs.show_info(
                self,
                "Respondent files written",
                f"In {target}:\n{names}\n\nSend each person their own file (by e-mail or on a "
                "USB stick). They open it with Assessor, answer the questions for their role, "
                "and choose Send back… on their results. Import the files they return with "
                "File → Import; History shows who has answered and who is still out.",
            )

        self._run(work, done, "The respondent files were not written")

    def _profile_for_invitations(
        self, organisation: str, unit: str, period: str
    ) -> dict[str, dict[str, Answer]] | None:
        """The profile answers the respondent files carry: None when the store has some for
        this organisation, unit and period (the files carry those), else what the user answers
        in the profile dialog ({} when skipped)."""
        profiles = [q for q in self.catalogue if q.is_profile]
        if not profiles or self.store.profile_answers(organisation, unit, period):
            return None
        from ui import profile_dialog

        return profile_dialog.ask_profile(self, profiles, organisation) or {}

    def choose_respondent_file(self) -> None:
        """File → Open respondent file…: pick one, import it and start answering."""
        chosen = dialogs.open_file(
            self, "Open respondent file", places.file_folder(), "Respondent files (*.assessor)"
        )
        if chosen is not None:
            self.open_respondent_file(chosen)

    def open_respondent_file(self, path: Path) -> None:
        """Import a respondent file, then start its walk-through (or show it if complete).

        A file whose assessment is already here resumes the copy here (the better of the two is
        kept, see the import rules).
        """
        catalogue = self.catalogue

        def work() -> object:
            from assessor.storage.transfer import import_bundles, read_import_files

            (bundle,) = read_import_files([path], catalogue.find)
            (report,) = import_bundles(self.store, [bundle])
            (record,) = bundle.assessments
            return report, bundle.invitations.get(record.uuid)

        def done(result: object) -> None:
            from assessor.exchange.respondent_file import InvitedBy
            from assessor.storage.records import ImportReport

            assert isinstance(result, tuple)
            report, invited = result
            assert isinstance(report, ImportReport)
            assert invited is None or isinstance(invited, InvitedBy)
            (outcome,) = report.outcomes
            self.statusBar().showMessage(f"{path.name}: {outcome.line()}", 10000)
            stored = self.store.get_assessment(outcome.uuid)
            if self.stack.currentWidget() is self.walkthrough and not self.walkthrough.flush():
                return
            if stored.assessment.status == "complete":
                self.show_results(stored.id)
            else:
                self.welcome_respondent(stored.id, path, invited)
            self.respondent_file_opened.emit(stored.id)

        self._run(work, done, "The respondent file was not opened")

    def welcome_respondent(self, assessment_id: int, opened: Path, invited: object) -> None:
        """The welcome of a respondent file opened to answer: who asks, how long, who sees
        what; Start goes to its first unanswered question (loaded behind the welcome)."""
        from assessor.exchange.respondent_file import InvitedBy
        from ui.welcome_page import welcome_of

        stored = self.store.get_assessment(assessment_id).assessment
        recorded = self._invitation_of(stored.uuid)
        if not isinstance(invited, InvitedBy):
            invited = recorded
        by = invited.by if invited is not None else ""
        send_to = invited.return_to if invited is not None else ""
        places.remember_respondent_file(stored.uuid, opened, send_to)
        welcome = welcome_of(
            self.store,
            assessment_id,
            by,
            confidential=invited is not None and invited.confidential,
            send_to=send_to,
        )
        self.walkthrough.open_assessment(assessment_id)
        self.welcome.show_welcome(welcome)
        self._set_page(self.welcome)
        self.welcome.start_button.setFocus()

    def start_answering(self, assessment_id: int) -> None:
        """Start on the welcome: the walk-through, at the first unanswered question."""
        if self.walkthrough.assessment_id != assessment_id:
            self.walkthrough.open_assessment(assessment_id)
        self._set_page(self.walkthrough)
        if self.walkthrough.input is not None:
            self.walkthrough.input.focus_first()

    def _invitation_of(self, uuid: str) -> InvitedBy | None:
        """Who invited the respondent of this assessment, if it came from a respondent file."""
        from assessor.storage.invitations import invitation_of

        found = invitation_of(self.store, uuid)
        return found.invitation.invited if found is not None else None

    def _send_to(self, uuid: str) -> tuple[Path | None, str]:
        """Where the respondent file was opened from, and who to send the answers back to."""
        folder, send_to = places.respondent_file_place(uuid)
        if not send_to:
            invited = self._invitation_of(uuid)
            send_to = invited.return_to if invited is not None else ""
        return folder, send_to

    def walkthrough_finished(self, assessment_id: int) -> None:
        """The last question answered: the send-off of a respondent file, else the results."""
        uuid = self.store.get_assessment(assessment_id).assessment.uuid
        if self._invitation_of(uuid) is None:
            self.show_results(assessment_id)
            return
        _, send_to = self._send_to(uuid)
        self.send_off.show_assessment(assessment_id, send_to)
        self._set_page(self.send_off)
        self.send_off.send_back_button.setFocus()

    def send_back(self, assessment_id: int) -> None:
        """Save an assessment as a respondent file, to send back to whoever asked for it.

        The dialog starts next to the invitation it was opened from (else in the last folder
        used); the file is written atomically, readable only by the user (0600), with only the
        notes its author shared.
        """
        from assessor.exchange.respondent_file import SUFFIX, respondent_file_name

        record = self.store.get_assessment(assessment_id).assessment
        name = respondent_file_name(record.organisation, record.period, record.respondent.name)
        answered = Path(name).stem + "-answered" + SUFFIX  # never over the invitation itself
        folder, send_to = self._send_to(record.uuid)
        target = dialogs.save_file(
            self,
            "Send back: save the answered file",
            (folder or places.file_folder()) / answered,
            "Respondent files (*.assessor)",
        )
        if target is None:
            return
        if target.suffix.lower() != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        places.remember_folder(target)
        path = target
        who = send_to or "the person who invited you"

        def work() -> object:
            from assessor.files.atomic import write_bytes_atomically

            _, content = self.store.respondent_file(assessment_id)
            write_bytes_atomically(path, content, private=True)
            return path

        def done(saved: object) -> None:
            self.show_saved_file("the answered file", path)
            self.statusBar().showMessage(f"Saved {saved}: send this file back to {who}", 15000)

        self._run(work, done, "The respondent file was not saved")

    def export_assessments(self) -> None:
        """Export every assessment to an exchange file (written atomically)."""

        target = places.ask_save_path(
            self, "Export all assessments", "assessments.json", "Assessor exchange files (*.json)"
        )
        if target is None:
            return
        path = target

        def work(progress: Progress) -> object:
            from assessor.files.atomic import write_bytes_atomically
            from assessor.questionnaire.catalogue import load_catalogue
            from assessor.storage.transfer import export_json

            text = export_json(self.store, load_catalogue().find, progress=progress)
            write_bytes_atomically(path, text.encode("utf-8"), private=True)
            return path

        self._run_counted(
            work,
            lambda saved: self.show_saved_file("every assessment", path),
            "The assessments were not exported",
            ("Exporting", "assessments"),
        )

    def back_up_now(self) -> None:
        """Take a backup of the database now."""
        try:
            backup = self.store.backup()
        except AssessorError as error:
            dialogs.show_error(self, "No backup was taken", "\n".join(error.lines))
            return
        self.statusBar().showMessage(f"Backed up to {backup}", 10000)

    def _show_data_folder(self) -> None:
        from ui import help_texts

        path = self.store.path
        choice = dialogs.choose(
            self, "Where your data lives", help_texts.data_folder_text(path), DATA_CHOICES
        )
        if choice == 0:
            self.back_up_now()
        elif choice == 1:
            places.open_with_desktop(path.parent)

    def show_keyboard_help(self) -> None:
        """Help → Keyboard shortcuts: every key the app answers to, by place."""
        from ui import help_texts

        dialogs.show_info(self, "Keyboard shortcuts", help_texts.KEYBOARD_SHORTCUTS)

    def show_about(self) -> None:
        """Help → About Assessor: what it is, its version, where the data is."""
        from ui import help_texts

        dialogs.show_info(self, "About Assessor", help_texts.about_text(self.store.path))

    def open_demo(self) -> None:
        """Help → Open the demo: add the demo organisation if it is not there, then show its
        History (every view full at once)."""
        from assessor.demo import DEMO_ORGANISATION, demo_exists

        if demo_exists(self.store):
            self.show_history(DEMO_ORGANISATION)
            return

        def work() -> object:
            from assessor.demo import create_demo

            return create_demo(self.store)

        def done(count: object) -> None:
            self.statusBar().showMessage(
                f"Added {DEMO_ORGANISATION}: {count} assessments to look around in", 10000
            )
            self.show_home()
            self.show_history(DEMO_ORGANISATION)

        self._run(work, done, "The demo was not added")

    # --- a file handed over by a second start (see ui.handover) -------------------------------

    def listen_for_files(self, database: Path) -> bool:
        """Take files that a second ``assessor FILE`` on ``database`` hands over; False when
        the local socket cannot be made (the second start then opens as before)."""
        from ui.handover import FileReceiver

        self.receiver = FileReceiver(database, self)
        self.receiver.received.connect(self.receive_file)
        return self.receiver.listen()

    def receive_file(self, path: Path) -> None:
        """Come to the front and open a handed-over respondent file, or import an exchange file
        (once the window has loaded)."""
        if self.isMinimized():
            self.showNormal()
        if QGuiApplication.platformName() not in ("offscreen", "minimal"):  # no windows to raise
            self.raise_()
            self.activateWindow()
        if not self.attached:
            self.pending_files.append(path)
            return
        if path.suffix.lower() == ".assessor":
            self.open_respondent_file(path)
        else:
            self.import_files([path])

    # --- navigation -----------------------------------------------------------------------------

    def history_visible(self) -> bool:
        """Whether History is the page on screen."""
        return self.stack.currentWidget() is self.history

    def _set_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        on_results = page is self.results
        self.export_action.setEnabled(on_results)
        self.print_action.setEnabled(on_results)

    def show_home(self, select: int | None = None) -> None:
        """The list of assessments."""
        self.home.refresh(select if isinstance(select, int) else None)
        self._set_page(self.home)
        self.home.tree.setFocus()

    def start_next_period(self, organisation: str, unit: str, period: str) -> None:
        """A new assessment of this organisation and unit for ``period`` (the dialog prefilled)."""
        from ui.new_assessment import Preset

        self.new_assessment(Preset(organisation, unit, period))

    def new_assessment(self, preset: Preset | None = None) -> None:
        """Ask for the details, create the assessment, and start the walk-through."""
        if self.stack.currentWidget() is self.walkthrough and not self.walkthrough.flush():
            return
        from ui import new_assessment

        chosen = new_assessment.ask_new_assessment(
            self, list(self.catalogue), self.store.organisations(), preset
        )
        if chosen is None:
            return
        try:
            stored = self.store.create_assessment(
                chosen.organisation,
                chosen.respondent,
                chosen.role,
                chosen.period,
                chosen.unit,
                chosen.questionnaires,
            )
        except AssessorError as error:
            dialogs.show_error(self, "Could not start the assessment", "\n".join(error.lines))
            return
        from ui import followup_widget

        # What became of last quarter's actions, asked before the new answers. Cancelling
        # there (Escape) cancels the new assessment: its draft goes again.
        if not followup_widget.ask_followup(self, self.store, stored.id):
            try:
                self.store.delete_assessment(stored.id)
            except AssessorError as error:
                dialogs.show_error(self, "Could not cancel", "\n".join(error.lines))
            self.show_home()
            self.statusBar().showMessage("Cancelled: no assessment was started", 8000)
            return
        self.edit_answers(stored.id)

    def open_assessment(self, assessment_id: int) -> None:
        """Resume a draft, or show a complete assessment's results."""
        stored = self.store.get_assessment(assessment_id)
        if stored.assessment.status == "complete":
            self.show_results(assessment_id)
        else:
            self.edit_answers(assessment_id)

    def edit_answers(self, assessment_id: int) -> None:
        """The walk-through of an assessment, at its first unanswered question.

        A finished assessment is reopened as a draft first (after asking): its results are set
        aside until it is finished again.
        """
        stored = self.store.get_assessment(assessment_id)
        if stored.assessment.status == "complete":
            if not dialogs.confirm(
                self,
                "Edit a finished assessment?",
                "Editing reopens this assessment as a draft. Its results are set aside until "
                "you finish it again; every answer is kept.",
                "Edit answers",
            ):
                return
            try:
                self.store.set_status(assessment_id, "draft")
            except AssessorError as error:
                dialogs.show_error(self, "Could not reopen", "\n".join(error.lines))
                return
        self.walkthrough.open_assessment(assessment_id)
        self._set_page(self.walkthrough)

    def show_history(self, organisation: str, unit: str = "") -> None:
        """Every complete period of an organisation (and unit): trends, respondents, actions."""
        self.history.show_organisation(organisation, unit)
        self._set_page(self.history)

    def show_results(self, assessment_id: int) -> None:
        """The diagnosis of an assessment."""
        from assessor.report.from_store import report_for

        self.results.show_report(assessment_id, report_for(self.store, assessment_id))
        self._set_page(self.results)

    def delete_assessment(self, assessment_id: int) -> None:
        """Delete after confirmation; a backup taken just before keeps it recoverable."""
        summary = self.store.get_assessment(assessment_id).assessment
        if not dialogs.confirm(
            self,
            "Delete assessment?",
            f"Delete the assessment of {summary.organisation}, {summary.period}, answered by "
            f"{summary.respondent.name}?\n\nA backup is taken first, so it can be restored.",
            "Delete",
        ):
            return
        try:
            backup = self.store.backup("before-delete")
            self.store.delete_assessment(assessment_id)
        except AssessorError as error:
            dialogs.show_error(self, "Could not delete", "\n".join(error.lines))
            return
        self.statusBar().showMessage(f"Deleted. A backup from just before is in {backup}", 10000)
        self.show_home()

    def delete_organisation(self, organisation: str) -> None:
        """Delete an organisation with every assessment of it, after confirmation; a backup
        taken just before keeps it recoverable."""
        try:
            contents = self.store.organisation_contents(organisation)
        except AssessorError as error:
            dialogs.show_error(self, "Nothing to delete", "\n".join(error.lines))
            return
        if not dialogs.confirm(
            self,
            "Delete organisation?",
            f"Delete {contents.organisation} with its {contents.describe()}? Every unit and "
            "period goes, with every answer and note.\n\nA backup is taken first, so it can "
            "be restored.",
            "Delete organisation",
        ):
            return
        from assessor.storage.backup import BEFORE_DELETE

        try:
            backup = self.store.backup(BEFORE_DELETE)
            deleted = self.store.delete_organisation(contents.organisation)
        except AssessorError as error:
            dialogs.show_error(self, "Could not delete", "\n".join(error.lines))
            return
        self.statusBar().showMessage(
            f"Deleted {deleted.organisation} ({deleted.describe()}). A backup from just before "
            f"is in {backup}",
            15000,
        )
        self.show_home()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save what is typed, remember the window's place, close the database, let it go."""
        if self.attached:
            if self.stack.currentWidget() is self.walkthrough:
                self.walkthrough.flush()
            self.store.close()
        settings().setValue("geometry", self.saveGeometry())
        receiver = getattr(self, "receiver", None)
        if receiver is not None:
            receiver.close()
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
        super().closeEvent(event)
