"""Notes can be corrected on the wall: words, kind, deletion after a question; all audited.

Before the second Enter the wall says which kind a kept kind will be (issue 15)."""

from __future__ import annotations

import pytest

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.vocabulary import NoteKind, Phase
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.widgets.confirm import Confirm
from facilitator.tui.widgets.note_field import KindBar, NoteField
from tests.conftest import keys_for

SIZE = (140, 42)
FEAR = "Jeg kan ikke åbne brevene fra banken, jeg bliver bange"


def in_rounds(store: Store, meeting_id: int) -> MeetingSession:
    session = MeetingSession(store, meeting_id)
    session.set_phase(Phase.RUNDER)
    return session


def audit(store: Store, action: str, note_id: int) -> int:
    row = store.row(
        "SELECT count(*) AS n FROM audit_log WHERE action = ? AND object_kind = 'note'"
        " AND object_id = ?",
        [action, str(note_id)],
    )
    assert row is not None
    return int(row["n"])


# --- the core ------------------------------------------------------------------------


def test_edit_note_changes_words_and_kind_and_is_audited(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    session = in_rounds(store, meeting_id)
    note = session.add_note(NoteKind.OENSKE, FEAR)
    changed = session.edit_note(note.id, FEAR + ".", NoteKind.BEKYMRING)
    assert (changed.kind, changed.text) == (NoteKind.BEKYMRING, FEAR + ".")
    # the meeting's kind counts follow the corrected kind
    assert session.state.note_kind_counts()[NoteKind.BEKYMRING] == 1
    assert audit(store, "change", note.id) == 1


def test_delete_note_is_audited_and_only_within_the_meeting(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    session = in_rounds(store, meeting_id)
    note = session.add_note(NoteKind.OENSKE, FEAR)
    session.delete_note(note.id)
    assert session.notes() == [] and len(session.state.notes) == 0
    assert audit(store, "delete", note.id) == 1
    with pytest.raises(FacilitatorError):
        session.delete_note(note.id)
    with pytest.raises(FacilitatorError):
        session.edit_note(note.id, "igen")


# --- on the wall -------------------------------------------------------------------


async def test_up_in_the_empty_field_corrects_words_and_kind(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    session = in_rounds(store, meeting_id)
    first = session.add_note(NoteKind.DROEM, "Jeg vil gerne svømme")
    wrong = session.add_note(NoteKind.OENSKE, FEAR)  # Enter twice kept the last kind
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, MeetingScreen)
        field = app.screen.query_one(NoteField)
        await pilot.press("up")  # the newest note comes into the field
        assert field.editing is not None and field.editing.id == wrong.id
        assert field.input.value == FEAR
        await pilot.press("up")  # an older one
        assert field.editing.id == first.id
        await pilot.press("down")  # back to the newest
        assert field.editing.id == wrong.id
        await pilot.press("end", *keys_for(" om aftenen"), "enter", "5")
        await pilot.pause()
        assert field.editing is None and field.input.value == ""
    fixed = {n.id: n for n in MeetingSession(store, meeting_id).notes()}
    assert (fixed[wrong.id].kind, fixed[wrong.id].text) == (
        NoteKind.BEKYMRING,
        FEAR + " om aftenen",
    )
    assert (fixed[first.id].kind, fixed[first.id].text) == (NoteKind.DROEM, "Jeg vil gerne svømme")
    assert audit(store, "change", wrong.id) == 1


async def test_escape_leaves_the_note_as_it_was(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    session = in_rounds(store, meeting_id)
    note = session.add_note(NoteKind.OENSKE, FEAR)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        field = app.screen.query_one(NoteField)
        await pilot.press("ctrl+r", *keys_for("xyz"), "escape")
        assert field.editing is None and field.input.value == ""
    assert MeetingSession(store, meeting_id).notes()[0].text == note.text
    assert audit(store, "change", note.id) == 0


async def test_delete_a_note_after_one_question(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    session = in_rounds(store, meeting_id)
    keep = session.add_note(NoteKind.DROEM, "Jeg vil gerne svømme")
    gone = session.add_note(NoteKind.OENSKE, "skrevet ved en fejl")
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("up", "ctrl+d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # not after all
        assert [n.id for n in MeetingSession(store, meeting_id).notes()] == [keep.id, gone.id]
        await pilot.press("ctrl+d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.query_one(NoteField).editing is None
    assert [n.id for n in MeetingSession(store, meeting_id).notes()] == [keep.id]
    assert audit(store, "delete", gone.id) == 1


async def test_ctrl_d_without_a_note_chosen_edits_the_text(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    session = in_rounds(store, meeting_id)
    session.add_note(NoteKind.OENSKE, FEAR)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        field = app.screen.query_one(NoteField)
        await pilot.press(*keys_for("abc"), "home", "ctrl+d")
        assert not isinstance(app.screen, Confirm)
        assert field.input.value == "bc"
        await pilot.press("up")  # words in the field: ↑ does not replace them
        assert field.editing is None and field.input.value == "bc"


@pytest.mark.slow  # a long journey by keys: `make test` runs it, `make check` not
async def test_the_wall_says_which_kind_a_second_enter_keeps(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    in_rounds(store, meeting_id)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.screen.query_one(KindBar)
        await pilot.press(*keys_for("Jeg vil gerne fiske"), "enter", "2")
        await pilot.press(*keys_for(FEAR), "enter")
        await pilot.pause()
        assert app.focused is bar
        assert "Enter igen: ønske" in str(bar.render())
        await pilot.press("5")
        await pilot.press(*keys_for("Det er svært"), "enter")
        await pilot.pause()
        assert "Enter igen: bekymring" in str(bar.render())
