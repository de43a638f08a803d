"""Afrunding on the demo: next meeting, handover, three questions, the quality check, finish."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.vocabulary import NoteKind, Phase, Who
from facilitator.i18n import set_language, t
from facilitator.i18n.dates import weekday_date
from facilitator.meetings import closing, plan, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store


@pytest.fixture
def meeting_id(demo_store: Store) -> int:
    return register.list_meetings(demo_store)[-1].id


def test_next_meeting_defaults_to_eight_weeks_after(demo_store: Store, meeting_id: int) -> None:
    held = date.fromisoformat(register.get_meeting(demo_store, meeting_id).date)
    assert closing.next_meeting(demo_store, meeting_id) == date(2027, 1, 21)
    assert (closing.default_next_meeting(demo_store, meeting_id) - held).days == 56
    register.set_meeting_fields(demo_store, meeting_id, next_meeting=None)
    assert closing.next_meeting(demo_store, meeting_id) == date(2027, 1, 21)


def test_set_next_meeting_validates(demo_store: Store, meeting_id: int) -> None:
    assert closing.set_next_meeting(demo_store, meeting_id, "2027-02-04") == date(2027, 2, 4)
    assert register.get_meeting(demo_store, meeting_id).next_meeting == "2027-02-04"
    assert closing.set_next_meeting(demo_store, meeting_id, "11.2.2027") == date(2027, 2, 11)
    assert closing.set_next_meeting(demo_store, meeting_id, date(2026, 11, 26)) == date(
        2026, 11, 26
    )
    with pytest.raises(FacilitatorError, match="ikke en dato"):
        closing.set_next_meeting(demo_store, meeting_id, "næste torsdag")
    with pytest.raises(FacilitatorError, match="ikke en dato"):
        closing.set_next_meeting(demo_store, meeting_id, "2027-02-30")
    with pytest.raises(FacilitatorError, match="før dette møde"):
        closing.set_next_meeting(demo_store, meeting_id, "2026-11-25")
    assert register.get_meeting(demo_store, meeting_id).next_meeting == "2026-11-26"


def test_long_date_in_both_languages() -> None:
    assert weekday_date(date(2027, 1, 21)) == "torsdag den 21. januar 2027"
    assert weekday_date(date(2027, 1, 21), "en") == "Thursday 21 January 2027"
    set_language("en")
    assert weekday_date(date(2026, 5, 3)) == "Sunday 3 May 2026"


def test_handover_is_stored_and_shown_in_the_plan(demo_store: Store, meeting_id: int) -> None:
    text = closing.set_handover(demo_store, meeting_id, "  Mette  fortæller jobcentret om bussen ")
    assert text == "Mette fortæller jobcentret om bussen"
    assert register.get_meeting(demo_store, meeting_id).handover == text
    assert plan.snapshot(demo_store, meeting_id)["meeting"]["handover"] == text
    with pytest.raises(FacilitatorError, match="for lang"):
        closing.set_handover(demo_store, meeting_id, "x" * 2001)
    assert closing.set_handover(demo_store, meeting_id, "") == ""


def test_feedback_answers_in_their_own_table(demo_store: Store, meeting_id: int) -> None:
    assert [f.answer for f in closing.feedback(demo_store, meeting_id)] == ["", "", ""]
    closing.answer(demo_store, meeting_id, 1, "Det var rart, at alle lyttede.")
    closing.answer(demo_store, meeting_id, "feedback.q2", "Ja, om bussen.")
    closing.answer(demo_store, meeting_id, 2, "Ja, om bussen og posten.")  # a changed answer
    answers = closing.feedback(demo_store, meeting_id)
    assert [a.question for a in answers] == list(closing.QUESTIONS)
    assert [a.answer for a in answers] == [
        "Det var rart, at alle lyttede.",
        "Ja, om bussen og posten.",
        "",
    ]
    assert answers[0].text == "Hvordan var det for dig at være med i mødet i dag?"
    rows = demo_store.rows("SELECT * FROM feedback WHERE meeting_id = ?", [meeting_id])
    assert len(rows) == 2 and all(r["created_at"] for r in rows)
    closing.answer(demo_store, meeting_id, 1, "   ")  # nobody has to say anything
    assert closing.feedback(demo_store, meeting_id)[0].answer == ""
    with pytest.raises(ValueError):
        closing.answer(demo_store, meeting_id, "feedback.q9", "?")
    with pytest.raises(FacilitatorError):
        closing.answer(demo_store, meeting_id, 3, "x" * 2001)


def test_feedback_goes_when_the_meeting_goes(demo_store: Store, meeting_id: int) -> None:
    closing.answer(demo_store, meeting_id, 3, "Kortere næste gang.")
    with demo_store.atomic():
        demo_store.db.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])
    assert demo_store.rows("SELECT * FROM feedback") == []


def test_the_questions_are_in_everyday_words() -> None:
    assert [t(q) for q in closing.QUESTIONS] == [
        "Hvordan var det for dig at være med i mødet i dag?",
        "Fik du talt om det, der var vigtigt for dig?",
        "Er der noget, vi skal gøre anderledes næste gang?",
    ]
    assert all(t(q, "en").endswith("?") for q in closing.QUESTIONS)


def test_quality_check_of_the_earlier_demo_meeting(demo_store: Store, meeting_id: int) -> None:
    previous = register.list_meetings(demo_store)[0]
    check = closing.quality_check(demo_store, previous.id)
    assert check.everyone_spoke and check.not_spoken == []
    assert check.citizen_notes == 5 and check.note_count == 13
    assert check.citizen_share == pytest.approx(5 / 13)
    assert check.citizen_share_ok  # above an even share of 1/6
    assert check.had_reflection and check.reflection_turns == 2
    assert check.plan_complete and check.plan_item_count == 3
    assert (check.turn_count, check.pass_count, check.round_count) == (10, 3, 3)
    assert check.all_good


def test_quality_check_names_what_is_missing(demo_store: Store, meeting_id: int) -> None:
    session = MeetingSession(demo_store, meeting_id)
    session.set_phase(Phase.RUNDER)
    session.add_note(NoteKind.OENSKE, "Jeg vil gerne svømme om torsdagen.")
    session.advance()
    session.add_note(NoteKind.RESSOURCE, "Jeg kan køre ham.")
    session.add_note(NoteKind.BEKYMRING, "Jeg er bange for, at han bliver træt.")
    session.advance()
    session.pass_turn()  # Bent passes: passing is not speaking
    session.set_phase(Phase.AFRUNDING)  # Mette had the word when the round was left
    plan.add_plan_item(demo_store, meeting_id, "Svømning om torsdagen", who=Who.SELV)
    plan.add_plan_item(demo_store, meeting_id, "Find en følgeven", follow_up="Per")
    plan.add_plan_item(demo_store, meeting_id, "Taxa", section="ikke_muligt")

    check = closing.quality_check(demo_store, meeting_id)
    assert check.not_spoken == ["Bent Nabosen", "Ali Eksempel", "Per Guidesen"]
    assert not check.everyone_spoke
    assert check.citizen_share == pytest.approx(1 / 3)
    assert check.citizen_share_ok  # 1/3 is above an even share of 1/6
    assert not check.had_reflection
    assert [i.what for i in check.without_owner] == ["Find en følgeven"]
    assert [i.what for i in check.without_follow_up] == ["Svømning om torsdagen"]
    assert check.plan_item_count == 2  # "ikke muligt" is not checked
    assert not check.plan_complete and not check.all_good
    assert (check.turn_count, check.pass_count, check.round_count) == (3, 1, 1)
    assert check.per_kind == {"ønske": 1, "ressource": 1, "bekymring": 1}


def test_quality_check_of_an_empty_meeting(demo_store: Store, meeting_id: int) -> None:
    check = closing.quality_check(demo_store, meeting_id)
    assert len(check.not_spoken) == 6
    assert check.citizen_share == 0.0 and not check.citizen_share_ok
    assert not check.plan_complete  # no plan yet is worth noticing


def test_finish_sets_status_and_end_time(demo_store: Store, meeting_id: int) -> None:
    session = MeetingSession(demo_store, meeting_id)
    session.set_phase(Phase.RUNDER)
    session.pause()
    closing.finish(demo_store, meeting_id)
    meeting = register.get_meeting(demo_store, meeting_id)
    assert meeting.status == "afsluttet"
    assert meeting.ended_at is not None
    assert meeting.paused_at is None
    open_turns = demo_store.rows(
        "SELECT * FROM turns WHERE meeting_id = ? AND ended_at IS NULL", [meeting_id]
    )
    assert open_turns == []
    ended = meeting.ended_at
    closing.finish(demo_store, meeting_id)  # finishing twice keeps the first end time
    assert register.get_meeting(demo_store, meeting_id).ended_at == ended
