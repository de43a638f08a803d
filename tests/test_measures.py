"""Measures the citizen owns: ruler readings and WHO-5 scoring."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator import measures, people
from facilitator.errors import FacilitatorError
from facilitator.store import Store


@given(st.lists(st.integers(0, 5), min_size=5, max_size=5))
def test_who5_score_is_sum_times_four(answers: list[int]) -> None:
    score = measures.who5_score(answers)
    assert score == sum(answers) * 4 and 0 <= score <= 100


@pytest.mark.parametrize("answers", [[1, 2, 3, 4], [0, 0, 0, 0, 6], [1, 1, 1, 1, -1], [True] * 5])
def test_who5_refuses_wrong_answers(answers: list[int]) -> None:
    with pytest.raises(FacilitatorError):
        measures.who5_score(answers)


def test_who5_needs_the_citizens_yes(store: Store) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    with pytest.raises(FacilitatorError):
        measures.record_who5(store, citizen.id, [3, 3, 3, 3, 3])
    measures.set_who5_opt_in(store, citizen.id, True)
    first = measures.record_who5(store, citizen.id, [2, 2, 2, 2, 2], "start", "2026-01-05")
    measures.record_who5(store, citizen.id, [3, 4, 3, 4, 3], "tre_maaneder", "2026-04-05")
    assert first.score == 40
    assert [w.score for w in measures.who5_history(store, citizen.id)] == [40, 68]


def test_ruler_keeps_both_ratings_and_groups_by_goal(store: Store) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    measures.rate_goal(store, citizen.id, "Tage bussen", 3, "Jeg kan tage bussen med hjælp",
                       professional_rating=5, professional="Mette", taken_on="2026-01-05")
    later = measures.rate_goal(store, citizen.id, "Tage bussen", 6, taken_on="2026-03-05")
    measures.rate_goal(store, citizen.id, "Svømme", 2, taken_on="2026-03-05")
    grouped = measures.ruler_by_goal(store, citizen.id)
    assert list(grouped) == ["Tage bussen", "Svømme"]
    assert [r.citizen_rating for r in grouped["Tage bussen"]] == [3, 6]
    assert grouped["Tage bussen"][0].difference == -2 and later.difference is None
    for bad in (0, 11):
        with pytest.raises(FacilitatorError):
            measures.rate_goal(store, citizen.id, "Svømme", bad)
