"""The home screen's overview: the same indices as the comparison, read from the score cache
alone, one organisation at a time, without loading the questionnaire model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assessor.demo import DEMO_ORGANISATION, DEMO_PERIODS, create_demo
from assessor.diagnosis.overall_bands import OVERALL_BAND_TABLE, overall_band_index
from assessor.diagnosis.scores import OVERALL_BANDS, band_for
from assessor.exchange.exchange_file import ROLES
from assessor.storage import Store
from assessor.storage.comparisons import comparison_for
from assessor.storage.database import connect
from assessor.storage.overview import ROLE_ORDER, OverviewReader, next_period
from tests.helpers.storage import bundled


def test_every_periods_index_is_the_comparisons(store: Store) -> None:
    create_demo(store)

    (scope,) = store.overview(DEMO_ORGANISATION)
    comparison = comparison_for(store, DEMO_ORGANISATION)

    assert [p.period for p in scope.periods] == list(DEMO_PERIODS)
    expected = [view.overall for view in comparison.period_views]
    assert [p.overall for p in scope.periods] == pytest.approx(expected)
    assert scope.change == pytest.approx(expected[-1] - expected[-2])
    latest = scope.latest
    assert latest is not None and scope.previous is not None
    assert [r.role for r in latest.respondents] == ["ceo", "marketing", "sales"]
    assert scope.band == band_for(OVERALL_BANDS, expected[-1]).label  # type: ignore[union-attr]
    assert scope.drafts == ()
    assert scope.next_period == "2026-Q3"


def test_drafts_units_and_a_first_period(store: Store) -> None:
    questionnaires = list(bundled())
    store.create_assessment("Acme", "Ann", "ceo", "2026-Q1", "", questionnaires)
    store.create_assessment("Acme", "Bo", "sales", "2026-Q2", "Europe", questionnaires)

    whole, europe = store.overview("acme")

    assert (whole.unit, europe.unit) == ("", "Europe")
    assert whole.periods == () and whole.latest is None and whole.change is None
    assert whole.band_index == -1 and whole.band == ""
    assert [d.respondent for d in whole.drafts] == ["Ann"]
    assert [d.respondent for d in europe.drafts] == ["Bo"]
    assert europe.next_period == "2026-Q3"
    assert store.overview("Nobody Ltd") == []


def test_the_reader_answers_like_the_store(store: Store, db_path: Path) -> None:
    create_demo(store)
    store.create_assessment("Acme", "Ann", "ceo", "2026-Q1", "", list(bundled()))
    connection = connect(db_path)
    try:
        reader = OverviewReader(db_path, connection)
        assert reader.organisations() == store.organisations()
        assert reader.list_assessments("Acme") == store.list_assessments("Acme")
        assert reader.overview(DEMO_ORGANISATION) == store.overview(DEMO_ORGANISATION)
        first = store.list_assessments()[0]
        assert reader.summary(first.id) == store.summary(first.id) == first
        assert reader.summary(10**6) is None
    finally:
        connection.close()


def test_the_overview_loads_without_the_questionnaire_model() -> None:
    code = (
        "import sys; import assessor.storage.overview, assessor.storage.opening; "
        "print(sorted(m for m in ('pydantic', 'sqlite_utils', 'assessor.questionnaire.model') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_roles_are_listed_in_the_exchange_formats_order() -> None:
    assert ROLE_ORDER == ROLES


@pytest.mark.parametrize("score", [0, 12.5, 39.999, 40, 59.5, 60, 79.99, 80, 100, None])
def test_the_overall_band_table_bands_as_scoring_does(score: float | None) -> None:
    index = overall_band_index(score)
    band = None if score is None else band_for(OVERALL_BANDS, score)
    assert (OVERALL_BAND_TABLE[index].label if index >= 0 else None) == (
        band.label if band else None
    )


def test_next_period_rolls_over_the_year() -> None:
    assert [next_period(p) for p in ("2026-Q1", "2026-Q3", "2026-Q4")] == [
        "2026-Q2",
        "2026-Q4",
        "2027-Q1",
    ]


def test_an_organisation_with_only_outcomes_is_listed_with_them(store: Store) -> None:
    from assessor.exchange.outcomes import OutcomeValue

    store.save_outcomes(
        "Figures Only Ltd",
        "",
        [
            OutcomeValue("2026-Q1", "win-rate", 21.0),
            OutcomeValue("2026-Q2", "win-rate", 24.0),
            OutcomeValue("2026-Q2", "lead-to-opportunity", 9.0),
        ],
    )
    store.create_assessment("Acme", "Ann", "ceo", "2026-Q1", "", list(bundled()))

    assert store.organisations() == ["Acme", "Figures Only Ltd"]
    (scope,) = store.overview("figures only ltd")
    assert (scope.organisation, scope.unit) == ("Figures Only Ltd", "")
    assert not scope.assessed and scope.periods == () and scope.drafts == ()
    assert (scope.outcome_values, scope.outcome_periods) == (3, ("2026-Q1", "2026-Q2"))
    assert scope.newest_period == scope.next_period == "2026-Q2"
    (acme,) = store.overview("Acme")
    assert acme.assessed and acme.outcome_values == 0
