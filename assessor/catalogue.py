"""The catalogue: every questionnaire the app can offer, bundled and the user's own.

Bundled questionnaires ship in the ``questionnaires`` package. Users may add files to
``<data dir>/questionnaires``; a broken user file is reported and skipped while the others load,
and a user file with a bundled id wins only when its version is higher.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from assessor.errors import QuestionnaireError, printable
from assessor.loader import load_questionnaire
from assessor.model import AnswerTest, Questionnaire
from assessor.paths import user_questionnaire_dir
from assessor.validation import external_tests

BUNDLED = "bundled"
#: The order in which the bundled questionnaires are presented.
DEFAULT_ORDER: tuple[str, ...] = ("four-freedoms", "role-clarity", "collaboration")


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

    def __iter__(self) -> Iterator[Questionnaire]:
        order = {identifier: index for index, identifier in enumerate(DEFAULT_ORDER)}
        ranked = sorted(self.entries, key=lambda qid: (order.get(qid, len(order)), qid))
        return (self.entries[qid].questionnaire for qid in ranked)

    def __contains__(self, questionnaire_id: object) -> bool:
        return questionnaire_id in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, questionnaire_id: str) -> Questionnaire:
        """The questionnaire with this id (KeyError if the catalogue has none)."""
        return self.entries[questionnaire_id].questionnaire

    def find(self, questionnaire_id: str, version: int) -> Questionnaire | None:
        """The questionnaire with this id and exactly this version, if the catalogue has it.

        This is the lookup that reading an exchange file needs.
        """
        entry = self.entries.get(questionnaire_id)
        if entry is None or entry.questionnaire.version != version:
            return None
        return entry.questionnaire

    def origin(self, questionnaire_id: str) -> str:
        """Where the questionnaire with this id came from."""
        return self.entries[questionnaire_id].origin


def bundled_dir() -> Path:
    """The folder of the questionnaire files shipped with the app."""
    return Path(str(resources.files("questionnaires")))


def bundled_files() -> list[Path]:
    """The bundled questionnaire files, sorted by name."""
    return sorted(bundled_dir().glob("*.toml"))


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
            if isinstance(test, AnswerTest):
                kind, wanted = "item", test.item
                defined = [item.id for item in other.items]
            elif test.dimension is None:
                continue
            else:
                kind, wanted = "dimension", test.dimension
                defined = [dimension.id for dimension in other.dimensions]
            if wanted not in defined:
                place = ".".join(str(part) for part in where)
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
    """Load the bundled questionnaires, then the user's (default: the data folder's)."""
    catalogue = Catalogue()
    load_files(catalogue, bundled_files(), BUNDLED)
    folder = user_questionnaire_dir() if user_dir is None else user_dir
    if folder.is_dir():
        load_files(catalogue, sorted(folder.glob("*.toml")))
    catalogue.problems.extend(check_cross_references(catalogue))
    return catalogue
