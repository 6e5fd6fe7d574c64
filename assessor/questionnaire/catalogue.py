"""The catalogue: every questionnaire the app can offer, bundled and the user's own.

Bundled questionnaires ship in the ``questionnaires`` package. Users may add files to
``<data dir>/questionnaires``; a broken user file is reported and skipped while the others load,
and a user file with a bundled id wins only when its version is higher.

Earlier versions of the bundled questionnaires ship in ``questionnaires/archive/`` (for example
``four_freedoms.v1.toml``). They are never offered for a new assessment and never listed with
the current ones: :meth:`Catalogue.find` alone reaches them, so that an exchange file answered
on an earlier version can still be read, scored and imported. (Assessments already in the
database do not need them: the store keeps a snapshot of the definitions each one used.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from assessor.errors import QuestionnaireError, printable
from assessor.files.paths import user_questionnaire_dir
from assessor.questionnaire.loading import load_questionnaire
from assessor.questionnaire.model import AnswerTest, EveryDimensionTest, Questionnaire
from assessor.questionnaire.validation import external_tests

BUNDLED = "bundled"
#: The origin of an archived (earlier) version of a bundled questionnaire.
ARCHIVED = "bundled archive"
#: The sub-folder of the bundled questionnaires that holds their earlier versions.
ARCHIVE_FOLDER = "archive"
#: The file of outcome metrics beside the questionnaires (not a questionnaire; see
#: :mod:`assessor.questionnaire.metrics`).
METRICS_FILE = "outcomes.toml"
#: The order in which the bundled questionnaires are presented (the organisation profile of the
#: v3 content first, once it ships; profiles are walked first whatever their place).
DEFAULT_ORDER: tuple[str, ...] = (
    "organisation-profile",
    "four-freedoms",
    "role-clarity",
    "collaboration",
)


def _rank(questionnaire_id: str) -> tuple[int, str]:
    """Sort key of the usual order: the bundled questionnaires first, then by id."""
    order = {identifier: index for index, identifier in enumerate(DEFAULT_ORDER)}
    return order.get(questionnaire_id, len(order)), questionnaire_id


@dataclass(frozen=True)
class Entry:
    """A loaded questionnaire and where it came from (``"bundled"`` or the user file's path)."""

    questionnaire: Questionnaire
    origin: str


@dataclass
class Catalogue:
    """The questionnaires available, by id, plus the problems met while loading them."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: earlier versions of bundled questionnaires by (id, version), reached only through find()
    archived: dict[tuple[str, int], Questionnaire] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Questionnaire]:
        return (self.entries[qid].questionnaire for qid in sorted(self.entries, key=_rank))

    def __contains__(self, questionnaire_id: object) -> bool:
        return questionnaire_id in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, questionnaire_id: str) -> Questionnaire:
        """The questionnaire with this id (KeyError if the catalogue has none)."""
        return self.entries[questionnaire_id].questionnaire

    def find(self, questionnaire_id: str, version: int) -> Questionnaire | None:
        """The questionnaire with this id and exactly this version, if the catalogue has it.

        This is the lookup that reading an exchange file needs: the current version, or an
        archived earlier one.
        """
        entry = self.entries.get(questionnaire_id)
        if entry is not None and entry.questionnaire.version == version:
            return entry.questionnaire
        return self.archived.get((questionnaire_id, version))

    def definitions_for(self, versions: Mapping[str, int]) -> dict[str, Questionnaire]:
        """The definitions of ``versions`` (id → version) that :meth:`find` has, in the usual
        order: what scoring an exchange file needs."""
        found = {
            qid: questionnaire
            for qid, version in versions.items()
            if (questionnaire := self.find(qid, version)) is not None
        }
        return {qid: found[qid] for qid in sorted(found, key=_rank)}

    def archived_versions(self) -> list[Questionnaire]:
        """The archived earlier versions that :meth:`find` can reach (a current questionnaire of
        the same version shadows its archived copy), by id in the usual order and version."""
        ranked = sorted(self.archived, key=lambda key: (_rank(key[0]), key[1]))
        return [self.archived[key] for key in ranked if self.find(*key) is self.archived[key]]

    def origin(self, questionnaire_id: str) -> str:
        """Where the questionnaire with this id came from."""
        return self.entries[questionnaire_id].origin


def bundled_dir() -> Path:
    """The folder of the questionnaire files shipped with the app."""
    return Path(str(resources.files("questionnaires")))


def bundled_files() -> list[Path]:
    """The bundled questionnaire files, sorted by name (the outcome metrics file left out)."""
    return sorted(path for path in bundled_dir().glob("*.toml") if path.name != METRICS_FILE)


def archived_files() -> list[Path]:
    """The archived earlier versions of the bundled questionnaires, sorted by name."""
    return sorted((bundled_dir() / ARCHIVE_FOLDER).glob("*.toml"))


def load_archive(catalogue: Catalogue, files: Iterable[Path] | None = None) -> None:
    """Load archived questionnaire versions (default: the bundled archive) for ``find`` only."""
    for path in archived_files() if files is None else files:
        try:
            questionnaire = load_questionnaire(path, f"{ARCHIVED}: {path.name}")
        except QuestionnaireError as error:
            catalogue.problems.extend(error.lines)
            continue
        catalogue.archived[(questionnaire.id, questionnaire.version)] = questionnaire


def _add(catalogue: Catalogue, questionnaire: Questionnaire, origin: str) -> None:
    present = catalogue.entries.get(questionnaire.id)
    if present is None or questionnaire.version > present.questionnaire.version:
        catalogue.entries[questionnaire.id] = Entry(questionnaire, origin)
        return
    catalogue.problems.append(
        printable(
            f"{origin}: not used: questionnaire {questionnaire.id!r} version "
            f"{questionnaire.version} is not newer than the one from {present.origin} (version "
            f"{present.questionnaire.version}); raise its version to use it"
        )
    )


def check_cross_references(catalogue: Catalogue) -> list[str]:
    """Tests that read a dimension or an item another loaded questionnaire does not define."""
    problems: list[str] = []
    for entry in catalogue.entries.values():
        questionnaire = entry.questionnaire
        for where, test in external_tests(questionnaire):
            other_id = test.questionnaire
            if other_id is None or other_id not in catalogue:
                continue
            other = catalogue.get(other_id)
            place = ".".join(str(part) for part in where)
            if not isinstance(test, AnswerTest) and other.is_profile:
                problems.append(
                    printable(
                        f"{entry.origin}: {place}: questionnaire {other_id!r} is a profile, "
                        "which has no scores to test"
                    )
                )
                continue
            if isinstance(test, AnswerTest):
                kind, wanted = "item", test.item
                defined = [item.id for item in other.items]
            elif isinstance(test, EveryDimensionTest) or test.dimension is None:
                continue
            else:
                kind, wanted = "dimension", test.dimension
                defined = [dimension.id for dimension in other.dimensions]
            if wanted not in defined:
                problems.append(
                    printable(
                        f"{entry.origin}: {place}: questionnaire {other_id!r} has no {kind} "
                        f"{wanted!r} (defined: {', '.join(defined)})"
                    )
                )
    return problems


def load_files(catalogue: Catalogue, files: Iterable[Path], origin: str | None = None) -> None:
    """Load questionnaire files into the catalogue, recording each broken file's problems."""
    for path in files:
        try:
            questionnaire = load_questionnaire(path)
        except QuestionnaireError as error:
            catalogue.problems.extend(error.lines)
            continue
        _add(catalogue, questionnaire, origin or str(path))


def load_catalogue(user_dir: Path | None = None) -> Catalogue:
    """Load the bundled questionnaires, their archived versions, then the user's (default: the
    data folder's)."""
    catalogue = Catalogue()
    load_files(catalogue, bundled_files(), BUNDLED)
    load_archive(catalogue)
    folder = user_questionnaire_dir() if user_dir is None else user_dir
    if folder.is_dir():
        load_files(catalogue, sorted(folder.glob("*.toml")))
    catalogue.problems.extend(check_cross_references(catalogue))
    return catalogue
