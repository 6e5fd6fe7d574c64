"""The store: assessments, answers and cached scores in one SQLite file.

Open it with :meth:`Store.open` (checks the file read-only before anything is written; see
:mod:`assessor.storage.opening`). Every change is one short transaction that has been committed,
and so is on disk, when the method returns. Each thread gets its own connection.

Assessments are addressed by their integer ``id`` or their UUID; methods that return a whole
assessment return a :class:`~assessor.storage.records.StoredAssessment`, which pairs the exchange
record (:class:`~assessor.exchange.exchange_file.Assessment`) with the id.

:class:`Store` is the one object the app and the command line hold. It is the database's
:class:`~assessor.storage.unit_of_work.UnitOfWork` (connections and transactions), takes the
automatic backups, and answers every call by handing it to the module that does that job:

- :mod:`~assessor.storage.assessments`: creating, reading and deleting whole assessments;
- :mod:`~assessor.storage.deleting`: deleting several assessments, or an organisation, at once;
- :mod:`~assessor.storage.answers`: saving and clearing answers and notes;
- :mod:`~assessor.storage.profiles`: the organisation profile answered once per organisation,
  unit and period;
- :mod:`~assessor.storage.completion`: completing, reopening and rescoring;
- :mod:`~assessor.storage.overview` and :mod:`~assessor.storage.score_cache`: lists and trends;
- :mod:`~assessor.storage.importing`: importing assessments;
- :mod:`~assessor.storage.followups`, :mod:`~assessor.storage.invitations` and
  :mod:`~assessor.storage.outcomes` (business outcomes per period).

The last four load on first use: they bring the diagnosis and exchange code with them, which
the command line's quick commands do not need.
"""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assessor.comparison.followup import FollowUp, PreviousAction
from assessor.diagnosis.answers import Answer
from assessor.errors import Progress
from assessor.exchange.exchange_file import Assessment, QuestionnaireLookup
from assessor.exchange.respondent_file import Invitation
from assessor.questionnaire.model import Questionnaire
from assessor.storage import answers, assessments, completion
from assessor.storage.backup import list_backups, newest_good_backup, take_backup, thin_backups
from assessor.storage.database import translated
from assessor.storage.errors import StorageError
from assessor.storage.opening import database_file, open_checked, open_checked_read_only
from assessor.storage.overview import (
    ScopeOverview,
    list_summaries,
    organisation_names,
    organisation_overview,
    summary_of,
)
from assessor.storage.privacy import secure_database_files
from assessor.storage.records import (
    DimensionScoreRow,
    ImportBatch,
    ImportReport,
    StoredAssessment,
    Summary,
)
from assessor.storage.score_cache import read_dimension_scores
from assessor.storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from assessor.exchange.outcomes import OutcomeValue
    from assessor.storage.deleting import OrganisationContents
    from assessor.storage.invitations import InvitationsOut, InvitationStatus
    from assessor.storage.note_sharing import NoteSharing
    from assessor.storage.outcomes import SavedOutcomes

#: How old the newest backup may get before a change triggers an automatic one.
DAILY = datetime.timedelta(hours=24)


class Store(UnitOfWork):
    """Assessor's database: open with :meth:`open`, use as a context manager or :meth:`close`."""

    def __init__(
        self, path: Path, connection: sqlite3.Connection, *, read_only: bool = False
    ) -> None:
        """Wrap an already checked connection; use :meth:`open` instead."""
        super().__init__(path, connection, read_only=read_only)
        self._automatic_backups = True
        #: problems met by automatic backups (they never stop the app; show them as warnings)
        self.warnings: list[str] = []

    # --- opening and closing -----------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        automatic_backups: bool = True,
        create_folder: bool = True,
        read_only: bool = False,
    ) -> Store:
        """Open (or create) the database; ``None`` means :func:`assessor.files.paths.database_path`.

        A damaged file, one written by a newer Assessor, a foreign database or a read-only
        folder raises a :class:`StorageError` naming the file, before anything is created or
        written. Unless ``automatic_backups`` is false, a backup is taken at opening and at
        closing when the newest is a day old and the data changed since. A missing folder is
        created (private to the user) only when ``create_folder`` is true.

        ``read_only`` opens an existing database for reading only: nothing is created,
        migrated or backed up, and every change raises :class:`ReadOnlyError`.

        On POSIX the database files are private to the user (see
        :mod:`assessor.storage.privacy`); wider rights found at opening are narrowed.
        """
        if read_only:
            from assessor.files import paths

            resolved = database_file(path, folder_must_exist=True)
            store = cls(resolved, open_checked_read_only(resolved), read_only=True)
            secure_database_files(resolved, paths.data_dir())
            return store
        resolved, connection = open_checked(path, create_folder=create_folder)
        return cls.on_connection(resolved, connection, automatic_backups=automatic_backups)

    @classmethod
    def on_connection(
        cls, path: Path, connection: sqlite3.Connection, *, automatic_backups: bool = True
    ) -> Store:
        """The store on a connection :func:`~.opening.open_checked` made (the app opens the
        file and shows its home before it loads the store; see :mod:`ui.app`)."""
        store = cls(path, connection)
        store._automatic_backups = automatic_backups
        store._daily_backup(at_open=True)
        return store

    def close(self) -> None:
        """Take the daily backup if due, then close every connection (safe to call twice)."""
        if self.closed:
            return
        with contextlib.suppress(StorageError):
            self._daily_backup(at_open=False)
        super().close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- assessments (see assessor.storage.assessments) ----------------------------------------

    def create_assessment(
        self,
        organisation: str,
        respondent_name: str,
        role: str,
        period: str,
        unit: str = "",
        questionnaires: Sequence[Questionnaire] = (),
        *,
        uuid: str | None = None,
    ) -> StoredAssessment:
        """Start a draft assessment (see :func:`.assessments.create_assessment`)."""
        return assessments.create_assessment(
            self, organisation, respondent_name, role, period, unit, questionnaires, uuid=uuid
        )

    def get_assessment(self, id_or_uuid: int | str) -> StoredAssessment:
        """The assessment with this id or UUID (raises :class:`NotFoundError`)."""
        return assessments.get_assessment(self, id_or_uuid)

    def definitions(self, id_or_uuid: int | str) -> dict[str, Questionnaire]:
        """The questionnaire definitions the assessment was answered against, in order."""
        return assessments.definitions(self, id_or_uuid)

    def delete_assessment(self, id_or_uuid: int | str) -> None:
        """Delete an assessment with its answers and cached scores."""
        assessments.delete_assessment(self, id_or_uuid)

    def delete_assessments(self, ids: Sequence[int | str]) -> list[Summary]:
        """Delete several assessments in one transaction (all or none); their list entries.

        Raises :class:`NotFoundError` with one line per id or UUID that matches nothing.
        """
        from assessor.storage import deleting

        return deleting.delete_assessments(self, ids)

    def organisation_contents(
        self, organisation: str, unit: str | None = None
    ) -> OrganisationContents:
        """What :meth:`delete_organisation` would delete (``unit=None``: every unit)."""
        from assessor.storage import deleting

        return deleting.organisation_contents(self, organisation, unit)

    def delete_organisation(
        self, organisation: str, unit: str | None = None
    ) -> OrganisationContents:
        """Delete every assessment and invitation of an organisation (or one unit) at once."""
        from assessor.storage import deleting

        return deleting.delete_organisation(self, organisation, unit)

    # --- answers (see assessor.storage.answers) ------------------------------------------------

    def save_answer(
        self,
        id_or_uuid: int | str,
        questionnaire_id: str,
        item_id: str,
        answer: Answer,
        *,
        keep_note: bool = True,
    ) -> None:
        """Store one answer, committed when this returns (see :func:`.answers.save_answer`)."""
        answers.save_answer(
            self, id_or_uuid, questionnaire_id, item_id, answer, keep_note=keep_note
        )

    def save_note(
        self, id_or_uuid: int | str, questionnaire_id: str, item_id: str, note: str
    ) -> None:
        """Store (or, with ``""``, clear) the note on an item, answered or not; committed."""
        answers.save_note(self, id_or_uuid, questionnaire_id, item_id, note)

    def clear_answer(self, id_or_uuid: int | str, questionnaire_id: str, item_id: str) -> None:
        """Remove the answer to an item (its note, if any, stays); committed on return."""
        answers.clear_answer(self, id_or_uuid, questionnaire_id, item_id)

    # --- status and scores (see assessor.storage.completion) -----------------------------------

    def set_status(self, id_or_uuid: int | str, status: str) -> StoredAssessment:
        """Mark an assessment ``complete`` (scores cached) or ``draft`` again (cache dropped)."""
        return completion.set_status(self, id_or_uuid, status)

    def rescore(
        self, ids: Iterable[int | str] | None = None, progress: Progress | None = None
    ) -> int:
        """Recompute the cached scores of completed assessments (all, or those given).

        Drafts among ``ids`` are left alone. One transaction: ``progress(done, total)`` may
        cancel it (:class:`~assessor.errors.Cancelled`, nothing changed). Returns the number of
        assessments rescored.
        """
        return completion.rescore(self, ids, progress)

    def dimension_scores(
        self, organisation: str, unit: str | None = None
    ) -> list[DimensionScoreRow]:
        """Cached dimension scores of an organisation's completed assessments, for trends.

        Ordered by period, assessment, questionnaire and dimension (as defined). ``unit=None``
        means every unit.
        """
        with self.reading() as tx:
            return read_dimension_scores(tx.connection, organisation, unit)

    # --- listing (see assessor.storage.overview) -----------------------------------------------

    def list_assessments(
        self, organisation: str | None = None, period: str | None = None, unit: str | None = None
    ) -> list[Summary]:
        """Assessments (optionally of one organisation, period or unit), newest periods first."""
        with self.reading() as tx:
            return list_summaries(tx.connection, organisation, period, unit)

    def organisations(self) -> list[str]:
        """The names of the organisations that have assessments, sorted ignoring case."""
        with self.reading() as tx:
            return organisation_names(tx.connection)

    def summary(self, assessment_id: int) -> Summary | None:
        """The list entry of one assessment (None when there is no such assessment)."""
        with self.reading() as tx:
            return summary_of(tx.connection, assessment_id)

    def overview(self, organisation: str) -> list[ScopeOverview]:
        """The organisation at a glance, one entry per unit (see :mod:`.overview`)."""
        with self.reading() as tx:
            return organisation_overview(tx.connection, organisation)

    # --- exchange (see assessor.storage.importing and assessor.storage.transfer) ---------------

    def export_records(
        self, ids: Iterable[int | str] | None = None, organisation: str | None = None
    ) -> list[StoredAssessment]:
        """Whole assessments (all, those given, or one organisation's) in a stable order.

        The order is by organisation, unit, period, role, respondent and UUID, so it does not
        depend on the ids of the database they are in.
        """
        return assessments.export_records(self, ids, organisation)

    def export_assessments(
        self, ids: Iterable[int | str] | None = None, organisation: str | None = None
    ) -> list[Assessment]:
        """The exchange records of :meth:`export_records`."""
        return [record.assessment for record in self.export_records(ids, organisation)]

    def import_assessments(
        self,
        assessments: Sequence[Assessment],
        lookup: QuestionnaireLookup,
        pending_notes: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
        followups: Mapping[str, list[FollowUp]] | None = None,
    ) -> ImportReport:
        """Import assessments all or none (see :func:`.importing.import_assessments`)."""
        from assessor.storage import importing

        return importing.import_assessments(self, assessments, lookup, pending_notes, followups)

    def import_batches(self, batches: Sequence[ImportBatch]) -> list[ImportReport]:
        """Import several files' assessments in one transaction: all of them or none.

        An assessment whose UUID is not stored yet is added. One already stored is replaced
        only by a better copy: a complete one over a draft, or one of the same status updated
        later (see :func:`replacement_reason`); otherwise it is skipped, and the report says
        why. Completed assessments get their scores cached; the invitation a respondent file
        carries is recorded. Returns one report per batch, in order.
        """
        from assessor.storage import importing

        return importing.import_batches(self, batches)

    # --- action follow-up (see assessor.storage.followups) -------------------------------------

    def previous_actions(self, id_or_uuid: int | str) -> list[PreviousAction]:
        """The ranked actions of the previous period's report, with any status saved."""
        from assessor.storage import followups

        return followups.previous_actions(self, id_or_uuid)

    def save_followup(self, id_or_uuid: int | str, action_text: str, status: str) -> None:
        """Save what became of one previous action (done, in-progress, not-started)."""
        from assessor.storage import followups

        followups.save_followup(self, id_or_uuid, action_text, status)

    def followups(self, id_or_uuid: int | str) -> list[FollowUp]:
        """The follow-up answers saved with an assessment."""
        from assessor.storage import followups

        return followups.followups(self, id_or_uuid)

    # --- the organisation profile (see assessor.storage.profiles) -------------------------------

    def profile_answers(
        self, organisation: str, unit: str, period: str
    ) -> dict[str, dict[str, Answer]]:
        """The profile answers stored for this organisation, unit and period (latest first; see
        :func:`.profiles.profile_answers`), by questionnaire and item; empty when none."""
        from assessor.storage import profiles

        return profiles.profile_answers(self, organisation, unit, period)

    # --- invitations (see assessor.storage.invitations) ----------------------------------------

    def record_invitation(self, invitation: Invitation) -> None:
        """Record an invitation just sent out as a respondent file (committed on return)."""
        from assessor.storage import invitations

        invitations.record_invitation(self, invitation)

    def invitations(
        self, organisation: str, unit: str | None = None, period: str | None = None
    ) -> list[InvitationStatus]:
        """An organisation's invitations and where each stands, newest period first."""
        from assessor.storage import invitations

        return invitations.invitations(self, organisation, unit, period)

    def is_confidential(self, uuid: str) -> bool:
        """Whether the assessment with this UUID answers a confidential invitation."""
        from assessor.storage import invitations

        return invitations.is_confidential(self, uuid)

    def is_collected_confidential(self, uuid: str) -> bool:
        """Whether this database collected the assessment under a confidential invitation
        (sent or imported it back), rather than the respondent answering it here."""
        from assessor.storage import invitations

        return invitations.is_collected_confidential(self, uuid)

    def invitations_out(self, organisation: str, unit: str, period: str) -> InvitationsOut:
        """Invited and returned counts of one organisation, unit and period, and the roles
        still out (no names)."""
        from assessor.storage import invitations

        return invitations.invitations_out(self, organisation, unit, period)

    def scopes_with_invitations_out(self) -> list[tuple[str, str, str]]:
        """Every (organisation, unit, period) with an invitation still out, in one query."""
        from assessor.storage import invitations

        return invitations.scopes_with_invitations_out(self)

    def respondent_file(self, id_or_uuid: int | str) -> tuple[str, bytes]:
        """The file name and sealed bytes of an assessment as a respondent file (send back):
        only the notes its author shared go with it."""
        from assessor.storage import invitations

        return invitations.respondent_file_of(self, id_or_uuid)

    # --- which notes may leave (see assessor.storage.note_sharing) -----------------------------

    def note_sharing(self, id_or_uuid: int | str) -> NoteSharing:
        """The assessment's notes, shared with the team and kept private."""
        from assessor.storage import note_sharing

        return note_sharing.note_sharing(self, id_or_uuid)

    def set_note_shared(
        self, id_or_uuid: int | str, questionnaire_id: str, item_id: str, shared: bool
    ) -> bool:
        """Share (or keep private) the note on one item, committed on return; False when the
        item has nothing stored."""
        from assessor.storage import note_sharing

        return note_sharing.set_note_shared(self, id_or_uuid, questionnaire_id, item_id, shared)

    def share_all_notes(self, id_or_uuid: int | str, shared: bool = True) -> int:
        """Share (or make private) every note of the assessment, committed; how many changed."""
        from assessor.storage import note_sharing

        return note_sharing.share_all_notes(self, id_or_uuid, shared)

    # --- business outcomes (see assessor.storage.outcomes) -------------------------------------

    def save_outcomes(
        self, organisation: str, unit: str, values: Sequence[OutcomeValue]
    ) -> SavedOutcomes:
        """Store outcome values (each replacing its period's and metric's), all or none."""
        from assessor.storage import outcomes

        return outcomes.save_outcomes(self, organisation, unit, values)

    def set_period_outcomes(
        self,
        organisation: str,
        unit: str,
        period: str,
        values: Mapping[str, float | None],
        entered_by: str,
        source: str = "",
    ) -> int:
        """Store one period's outcomes as a form gives them (None removes a value); returns how
        many changed. Unchanged values keep who entered them and when."""
        from assessor.storage import outcomes

        return outcomes.set_period_outcomes(
            self, organisation, unit, period, values, entered_by, source
        )

    def outcomes(
        self,
        organisation: str,
        unit: str = "",
        first: str | None = None,
        last: str | None = None,
    ) -> list[OutcomeValue]:
        """An organisation's (and unit's) outcome values by period, in the metrics' order."""
        from assessor.storage import outcomes

        return outcomes.outcome_values(self, organisation, unit, first, last)

    def all_organisations(self) -> list[str]:
        """Every organisation stored, also those with outcomes and no assessment."""
        from assessor.storage import outcomes

        return outcomes.organisation_names(self)

    # --- backups -------------------------------------------------------------------------------

    def backup(self, label: str = "") -> Path:
        """Back up the database now (SQLite backup API), thin old backups; returns the file."""
        with translated(self.path, newest_good_backup):
            target = take_backup(self.connection(), self.path, label=label)
        thin_backups(self.path)
        return target

    def _daily_backup(self, *, at_open: bool) -> None:
        """Take a backup if the newest is a day old (or missing) and the data changed since."""
        if not self._automatic_backups or self.read_only:
            return
        backups = list_backups(self.path)
        now = datetime.datetime.now(datetime.UTC)
        newest = backups[0].taken if backups else None
        if newest is not None and now - newest < DAILY:
            return
        if at_open:
            row = self.connection().execute("SELECT max(updated) FROM assessments").fetchone()
            last_change = row[0] if row else None
            if not last_change:
                return
            if newest is not None and last_change <= newest.strftime("%Y-%m-%dT%H:%M:%SZ"):
                return
        elif not self.changed:
            return
        try:
            self.backup()
        except (OSError, StorageError) as error:
            self.warnings.append(f"{self.path}: the automatic backup failed: {error}")
