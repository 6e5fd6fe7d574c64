"""The catalogue: bundled questionnaires plus the user's own, with broken files skipped."""

from __future__ import annotations

from pathlib import Path

from assessor.questionnaire.catalogue import BUNDLED, bundled_dir, load_catalogue
from tests.helpers.questionnaires import MINIMAL_TOML, mutate, write_questionnaire

BUNDLED_IDS = ["organisation-profile", "four-freedoms", "role-clarity", "collaboration"]


def test_bundled_questionnaires_load_in_order() -> None:
    catalogue = load_catalogue()

    assert [q.id for q in catalogue] == BUNDLED_IDS
    assert catalogue.problems == []
    assert all(catalogue.origin(qid) == BUNDLED for qid in BUNDLED_IDS)


def test_bundled_dir_is_the_questionnaires_package() -> None:
    assert (bundled_dir() / "__init__.py").is_file()
    assert (bundled_dir() / "schema.json").is_file()


def test_user_folder_defaults_to_the_data_home(data_home: Path) -> None:
    write_questionnaire(data_home / "questionnaires", "mini.toml", MINIMAL_TOML)

    catalogue = load_catalogue()

    assert "mini" in catalogue
    assert catalogue.origin("mini") == str(data_home / "questionnaires" / "mini.toml")


def test_broken_user_file_is_reported_and_others_still_load(data_home: Path) -> None:
    folder = data_home / "questionnaires"
    write_questionnaire(folder, "good.toml", MINIMAL_TOML)
    broken = write_questionnaire(folder, "bad.toml", mutate('id = "mini"', 'id = "other"\nbad ='))

    catalogue = load_catalogue()

    assert [q.id for q in catalogue] == [*BUNDLED_IDS, "mini"]
    assert len(catalogue.problems) == 1
    assert catalogue.problems[0].startswith(f"{broken}: line 2")


def test_user_file_with_higher_version_overrides_bundled(data_home: Path) -> None:
    bundled = (bundled_dir() / "collaboration.toml").read_text(encoding="utf-8")
    current = load_catalogue().get("collaboration").version
    newer = bundled.replace(f"version = {current}\n", "version = 7\n", 1)
    assert newer != bundled
    path = write_questionnaire(data_home / "questionnaires", "collab.toml", newer)

    catalogue = load_catalogue()

    assert catalogue.get("collaboration").version == 7
    assert catalogue.origin("collaboration") == str(path)


def test_user_file_with_same_version_is_not_used_and_says_why(data_home: Path) -> None:
    bundled = (bundled_dir() / "collaboration.toml").read_text(encoding="utf-8")
    write_questionnaire(data_home / "questionnaires", "collab.toml", bundled)

    catalogue = load_catalogue()

    assert catalogue.origin("collaboration") == BUNDLED
    assert len(catalogue.problems) == 1
    assert "raise its version to use it" in catalogue.problems[0]


def test_cross_questionnaire_reference_to_unknown_dimension_is_reported(data_home: Path) -> None:
    text = mutate(
        '{ dimension = "alpha", below = 50 }',
        '{ questionnaire = "collaboration", dimension = "nope", below = 50 }',
    )
    write_questionnaire(data_home / "questionnaires", "mini.toml", text)

    catalogue = load_catalogue()

    assert "mini" in catalogue
    assert any(
        "questionnaire 'collaboration' has no dimension 'nope'" in p for p in catalogue.problems
    )


def test_find_needs_the_exact_version() -> None:
    catalogue = load_catalogue()
    current = catalogue.get("collaboration")

    assert catalogue.find("collaboration", current.version) is current
    assert catalogue.find("collaboration", current.version + 1) is None
    archived = catalogue.find("collaboration", 1)  # the archived version 1, for old files
    assert archived is not None and archived is not current and archived.version == 1
    assert catalogue.find("nope", 1) is None
