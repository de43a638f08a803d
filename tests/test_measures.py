"""Measures the citizen owns: ruler readings and WHO-5 scoring."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.vocabulary import RecipientKind
from facilitator.meetings import consent, measures, people, plan, register, wellbeing
from facilitator.storage.store import Store


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([0, 0, 0, 0, 0], 0),  # 0 raw points * 4 = 0
        ([5, 5, 5, 5, 5], 100),  # 25 * 4 = 100, the top of the scale
        ([3, 4, 3, 4, 3], 68),  # 3+4+3+4+3 = 17; 17 * 4 = 68
        ([2, 1, 0, 5, 3], 44),  # 2+1+0+5+3 = 11; 11 * 4 = 44
        ([1, 2, 2, 1, 1], 28),  # 7 * 4 = 28, at or below 28 suggests depression (WHO-5 guide)
    ],
)
def test_who5_score_is_the_raw_sum_times_four(answers: list[int], expected: int) -> None:
    assert wellbeing.who5_score(answers) == expected


@given(st.lists(st.integers(0, 5), min_size=5, max_size=5))
def test_who5_score_is_sum_times_four(answers: list[int]) -> None:
    score = wellbeing.who5_score(answers)
    assert score == sum(answers) * 4 and 0 <= score <= 100


@pytest.mark.parametrize("answers", [[1, 2, 3, 4], [0, 0, 0, 0, 6], [1, 1, 1, 1, -1], [True] * 5])
def test_who5_refuses_wrong_answers(answers: list[int]) -> None:
    with pytest.raises(FacilitatorError):
        wellbeing.who5_score(answers)


def test_who5_needs_the_citizens_yes(store: Store) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    with pytest.raises(FacilitatorError):
        wellbeing.record_who5(store, citizen.id, [3, 3, 3, 3, 3])
    wellbeing.set_who5_opt_in(store, citizen.id, True)
    first = wellbeing.record_who5(store, citizen.id, [2, 2, 2, 2, 2], "start", "2026-01-05")
    wellbeing.record_who5(store, citizen.id, [3, 4, 3, 4, 3], "tre_maaneder", "2026-04-05")
    assert first.score == 40
    assert [w.score for w in wellbeing.who5_history(store, citizen.id)] == [40, 68]


def test_ruler_keeps_both_ratings_and_groups_by_goal(store: Store) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    measures.rate_goal(
        store,
        citizen.id,
        "Tage bussen",
        3,
        "Jeg kan tage bussen med hjælp",
        professional_rating=5,
        professional="Mette",
        taken_on="2026-01-05",
    )
    later = measures.rate_goal(store, citizen.id, "Tage bussen", 6, taken_on="2026-03-05")
    measures.rate_goal(store, citizen.id, "Svømme", 2, taken_on="2026-03-05")
    grouped = measures.ruler_by_goal(store, citizen.id)
    assert list(grouped) == ["Tage bussen", "Svømme"]
    assert [r.citizen_rating for r in grouped["Tage bussen"]] == [3, 6]
    assert grouped["Tage bussen"][0].difference == -2 and later.difference is None
    for bad in (0, 11):
        with pytest.raises(FacilitatorError):
            measures.rate_goal(store, citizen.id, "Svømme", bad)


# --- the standard WHO-5 wording, in both languages -----------------------------------


def test_who5_uses_the_standard_statements_and_answers() -> None:
    assert wellbeing.who5_statement(1, "da") == "har jeg været glad og i godt humør"
    assert wellbeing.who5_statement(5, "en") == (
        "my daily life has been filled with things that interest me"
    )
    assert [wellbeing.who5_answer_label(v, "da") for v in wellbeing.WHO5_ANSWERS] == [
        "Hele tiden",
        "Det meste af tiden",
        "Lidt mere end halvdelen af tiden",
        "Lidt mindre end halvdelen af tiden",
        "Lidt af tiden",
        "På intet tidspunkt",
    ]
    assert [wellbeing.who5_answer_label(v, "en") for v in wellbeing.WHO5_ANSWERS] == [
        "All of the time",
        "Most of the time",
        "More than half of the time",
        "Less than half of the time",
        "Some of the time",
        "At no time",
    ]
    with pytest.raises(FacilitatorError):
        wellbeing.who5_answer_label(6)


#: Words that would turn the citizen's own number into a verdict.
VERDICTS = (
    "depression",
    "depressiv",
    "deprimeret",
    "cut-off",
    "grænseværdi",
    "lav trivsel",
    "low wellbeing",
    "poor wellbeing",
    "risiko",
    "risk",
    "diagnos",
    "screening",
    "klinisk",
    "clinical",
    "normal",
    "patient",
)


def test_no_cut_off_or_label_in_any_measures_text() -> None:
    from facilitator.i18n.po import messages

    MESSAGES = messages()

    verdict = re.compile(r"\b(" + "|".join(map(re.escape, VERDICTS)) + r")", re.IGNORECASE)
    for key, entry in MESSAGES.items():
        if key.startswith(("who5.", "ruler.", "measures.")):
            for language in ("da", "en"):
                assert not verdict.search(entry[language]), (key, language)


def test_next_occasion_offers_start_then_end_then_three_months(store: Store) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    wellbeing.set_who5_opt_in(store, citizen.id, True)
    offered = []
    for _ in range(4):
        occasion = wellbeing.next_who5_occasion(store, citizen.id)
        offered.append(occasion)
        wellbeing.record_who5(store, citizen.id, [3] * 5, occasion)
    assert offered == ["start", "slut", "tre_maaneder", "andet"]


# --- the ruler: when to take it again, goals to offer, corrections ---------------------


def test_follow_up_is_three_or_six_months_the_citizen_chooses(store: Store) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    assert measures.follow_up_months(store, citizen.id) == 3
    assert measures.next_ruler_date(store, citizen.id) is None
    measures.rate_goal(store, citizen.id, "Svømme", 2, taken_on="2026-08-31")
    assert measures.next_ruler_date(store, citizen.id) == date(2026, 11, 30)
    measures.set_follow_up_months(store, citizen.id, 6)
    assert measures.next_ruler_date(store, citizen.id) == date(2027, 2, 28)
    for months in (0, 4, 12):
        with pytest.raises(FacilitatorError):
            measures.set_follow_up_months(store, citizen.id, months)
    assert measures.follow_up_months(store, citizen.id) == 6


def test_goals_offered_are_rated_ones_then_the_plans_own_words(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    plan.add_plan_item(store, meeting_id, "at tage bussen ALENE")  # the same goal, other case
    plan.add_plan_item(store, meeting_id, "Jeg lærer at bruge netbank")
    assert measures.goals(store, citizen_id, meeting_id) == [
        "At tage bussen alene",
        "At have styr på posten",
        "At svømme igen",
        "Jeg lærer at bruge netbank",
        "Jeg øver busruten til genoptræningen",
        "Vi åbner posten sammen om søndagen",
        "Jeg vil gerne have en følgeven til svømning",
    ]


def test_a_reading_set_by_mistake_can_be_taken_back(store: Store) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    wellbeing.set_who5_opt_in(store, citizen.id, True)
    kept = measures.rate_goal(store, citizen.id, "Svømme", 2)
    wrong = measures.rate_goal(store, citizen.id, "Svømme", 9)
    measures.remove_ruler_rating(store, wrong.id)
    assert measures.ruler_ratings(store, citizen.id) == [kept]
    answers = wellbeing.record_who5(store, citizen.id, [1, 1, 1, 1, 1])
    wellbeing.remove_who5(store, answers.id)
    assert wellbeing.who5_history(store, citizen.id) == []
    with pytest.raises(FacilitatorError):
        measures.remove_ruler_rating(store, wrong.id)
    with pytest.raises(FacilitatorError):
        wellbeing.remove_who5(store, answers.id)


# --- the demo: two earlier meetings with readings ---------------------------------------


def test_the_demo_citizen_has_readings_at_both_earlier_meetings(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    earlier = [m for m in register.list_meetings(store, citizen_id) if m.id != meeting_id]
    assert [m.id for m in earlier] == [1, 3] and meeting_id == 2
    by_goal = measures.ruler_by_goal(store, citizen_id)
    assert len(by_goal) == 3
    for readings in by_goal.values():
        assert [r.meeting_id for r in readings] == [1, 3]
        assert all(r.statement.startswith("Jeg kan") for r in readings)
    assert any(r.professional_rating is not None for r in by_goal["At tage bussen alene"])
    assert wellbeing.who5_opted_in(store, citizen_id)
    history = wellbeing.who5_history(store, citizen_id)
    assert [w.occasion for w in history] == ["start", "tre_maaneder"]
    assert [w.taken_on for w in history] == [m.date for m in earlier]
    first, second = (date.fromisoformat(m.date) for m in earlier)
    assert 84 <= (second - first).days <= 95  # three months


# --- the citizen's own data: export, consent, erasure -----------------------------------


def test_export_holds_every_reading_as_plain_json(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    data = measures.export_measures(store, citizen_id)
    assert json.loads(json.dumps(data)) == data
    assert data["who5_opt_in"] is True and data["ruler_follow_up_months"] == 3
    assert len(data["ruler"]) == 6
    assert [w["answers"] for w in data["who5"]] == [[2, 2, 1, 1, 2], [3, 3, 2, 3, 3]]
    assert [w["score"] for w in data["who5"]] == [32, 56]
    bus = [r for r in data["ruler"] if r["goal"] == "At tage bussen alene"]
    assert [(r["citizen_rating"], r["professional_rating"], r["difference"]) for r in bus] == [
        (3, 4, -1),
        (6, 5, 1),
    ]


def test_chart_data_stops_at_a_plans_day(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    first = register.list_meetings(store, citizen_id)[0]
    then = measures.chart_data(store, citizen_id, until=first.date)
    assert [len(g["readings"]) for g in then["ruler"]] == [1, 1, 1]
    assert [w["score"] for w in then["who5"]] == [32]
    now = measures.chart_data(store, citizen_id)
    assert [len(g["readings"]) for g in now["ruler"]] == [2, 2, 2]


def test_chart_data_masks_a_cpr_number(store: Store) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    measures.rate_goal(store, citizen.id, "Svømme 010190-1234", 2, "Jeg kan 010190-1234")
    data = measures.chart_data(store, citizen.id)
    assert "010190-1234" not in json.dumps(data)
    assert "010190-1234" in json.dumps(measures.export_measures(store, citizen.id))


def test_measures_is_a_consent_scope() -> None:
    assert measures.SCOPE in consent.CATEGORIES
    assert consent.is_valid_scope("measures")
    assert "``measures``" in (consent.__doc__ or "")


def test_measures_are_shared_only_with_consent(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    cid = register.get_meeting(store, meeting_id).citizen_id
    guide = (RecipientKind.MEDBORGERGUIDE, "Per Guidesen")
    assert measures.shareable_measures(store, cid, *guide) == {}
    consent.grant(store, cid, *guide, "plan:all")  # the whole plan is not the measures
    consent.grant(store, cid, *guide, "mig_card")
    assert measures.shareable_measures(store, cid, *guide) == {}
    given = consent.grant(store, cid, *guide, "measures")
    shared = measures.shareable_measures(
        store, cid, RecipientKind.MEDBORGERGUIDE, "  per  GUIDESEN "
    )
    assert shared == measures.chart_data(store, cid)
    assert "answers" not in json.dumps(shared)  # scores and steps, not the answer sheets
    assert measures.shareable_measures(store, cid, RecipientKind.VEN, "Per Guidesen") == {}
    assert (
        measures.shareable_measures(store, cid, RecipientKind.MEDBORGERGUIDE, "Lone Demo-Lund")
        == {}
    )
    consent.revoke(store, given.id)
    assert measures.shareable_measures(store, cid, *guide) == {}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    grants=st.lists(
        st.tuples(
            st.sampled_from(
                [RecipientKind.MEDBORGERGUIDE, RecipientKind.VEN, RecipientKind.FORENING]
            ),
            st.sampled_from(["Per Guidesen", "per guidesen", "Lone", "Ali"]),
            st.sampled_from(["measures", "mig_card", "plan", "plan:all", "topics"]),
            st.booleans(),
        ),
        max_size=6,
    ),
    asked=st.tuples(
        st.sampled_from([RecipientKind.MEDBORGERGUIDE, RecipientKind.VEN, RecipientKind.FORENING]),
        st.sampled_from(["Per Guidesen", "Lone", "Ali", ""]),
    ),
)
def test_sharing_measures_follows_may_share_exactly(
    store: Store,
    grants: list[tuple[RecipientKind, str, str, bool]],
    asked: tuple[RecipientKind, str],
) -> None:
    with store.atomic():
        store.db.execute("DELETE FROM citizens")
    citizen = people.add_citizen(store, "Test Borger")
    measures.rate_goal(store, citizen.id, "Svømme", 4)
    for kind, recipient, scope, revoke in grants:
        granted = consent.grant(store, citizen.id, kind, recipient, scope)
        if revoke:
            consent.revoke(store, granted.id)
    allowed = consent.may_share(consent.active(store, citizen.id), *asked, "measures")
    shared = measures.shareable_measures(store, citizen.id, *asked)
    assert bool(shared) == allowed


def test_deleting_the_citizen_erases_every_measure(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    cid = register.get_meeting(store, meeting_id).citizen_id
    other = people.add_citizen(store, "Anden Borger")
    wellbeing.set_who5_opt_in(store, other.id, True)
    measures.rate_goal(store, other.id, "Svømme", 4)
    wellbeing.record_who5(store, other.id, [2] * 5)
    assert store.row("SELECT count(*) AS n FROM ruler_ratings WHERE citizen_id = ?", [cid])
    with store.atomic():
        store.db.execute("DELETE FROM citizens WHERE id = ?", [cid])
    for table in ("ruler_ratings", "who5_answers"):
        left = store.rows(f"SELECT citizen_id FROM {table}")
        assert {r["citizen_id"] for r in left} == {other.id}, table


def test_deleting_a_meeting_keeps_the_citizens_readings(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    cid = register.get_meeting(store, meeting_id).citizen_id
    with store.atomic():
        store.db.execute("DELETE FROM meetings WHERE id = 1")
    readings = measures.ruler_ratings(store, cid)
    assert len(readings) == 6
    assert sorted(r.meeting_id or 0 for r in readings) == [0, 0, 0, 3, 3, 3]


def test_nothing_in_measures_adds_up_across_citizens() -> None:
    """Every public function that reads the store is about one citizen (or one reading)."""
    import inspect

    for module in (measures, wellbeing):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__:
                continue
            params = list(inspect.signature(fn).parameters)
            if params[:1] == ["store"]:
                assert params[1] in ("citizen_id", "rating_id", "who5_id"), name


def test_the_citizens_export_holds_the_measures_and_forget_erases_them(demo_store: Store) -> None:
    from facilitator.rights import erasure, export

    citizen_id = people.list_citizens(demo_store)[0].id
    measures.rate_goal(demo_store, citizen_id, "At svømme igen", 4)  # between meetings
    document = export.export_citizen(demo_store, citizen_id)
    at_meetings = [r for m in document["meetings"] for r in m.get("ruler_ratings", [])]
    between = document["ruler_ratings"]
    assert len(at_meetings) + len(between) == len(measures.ruler_ratings(demo_store, citizen_id))
    assert [r["goal"] for r in between] == ["At svømme igen"]
    assert document["measures"]["who5"] and document["who5_answers"]
    assert all("score" in w for w in document["measures"]["who5"])
    erasure.forget_citizen(demo_store, citizen_id)
    for table in ("ruler_ratings", "who5_answers"):
        assert demo_store.rows(f"SELECT * FROM {table}") == []
