"""Afrunding: agreements from the rounds come up as plan items; no answer is skipped or
dropped without a word (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import facilitator.tui
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.vocabulary import NoteKind, Phase, Who
from facilitator.meetings import closing, plan, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.closing import ClosingScreen
from facilitator.tui.widgets.field import Field
from tests.conftest import keys_for

SIZE = (140, 42)
FISHING = "Jeg tager Karsten med til fiskeklubben om lørdagen"


def with_agreements(store: Store, meeting_id: int) -> tuple[int, int]:
    """A round where the citizen and one other person each make an agreement."""
    session = MeetingSession(store, meeting_id)
    session.set_phase(Phase.RUNDER)
    ids = []
    while session.state.current_speaker is not None:
        speaker = session.state.current_speaker
        if speaker.is_citizen:
            ids.append(session.add_note(NoteKind.AFTALE, "Jeg ringer selv til banken").id)
            session.add_note(NoteKind.OENSKE, "Jeg vil gerne fiske")
            session.advance()
        elif len(ids) == 1:
            ids.append(session.add_note(NoteKind.AFTALE, FISHING).id)
            session.advance()
        else:
            session.pass_turn()
    session.set_phase(Phase.AFRUNDING)
    return ids[0], ids[1]


def speaker_name(store: Store, meeting_id: int, note_id: int) -> str:
    session = MeetingSession(store, meeting_id)
    note = next(n for n in session.notes() if n.id == note_id)
    return session.state.participant(note.participant_id).name


# --- the core -----------------------------------------------------------------------


def test_agreements_become_plan_items_or_are_skipped_once(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    own, other = with_agreements(store, meeting_id)
    assert [a.note.id for a in closing.open_agreements(store, meeting_id)] == [own, other]
    item = closing.accept_agreement(store, meeting_id, other)
    who = speaker_name(store, meeting_id, other)
    assert (item.what, item.who, item.with_whom, item.source_note_id) == (
        FISHING,
        Who.SAMMEN,
        who,
        other,
    )
    closing.skip_agreement(store, meeting_id, own)
    assert closing.open_agreements(store, meeting_id) == []
    with pytest.raises(FacilitatorError):
        closing.skip_agreement(store, meeting_id, own)  # not asked again
    assert [i.what for i in plan.plan_items(store, meeting_id)] == [FISHING]


def test_the_citizens_own_agreement_is_done_by_herself(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    own, _ = with_agreements(store, meeting_id)
    item = closing.accept_agreement(store, meeting_id, own)
    assert (item.who, item.with_whom) == (Who.SELV, "")


# --- on the wall --------------------------------------------------------------------


async def test_afrunding_offers_each_agreement_by_keys(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    own, other = with_agreements(store, meeting_id)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ClosingScreen)
        shown = str(app.screen.query_one("#agreement").render())
        assert "Jeg ringer selv til banken" in shown
        await pilot.press("f3")  # skip the first
        await pilot.press("f2")  # the fishing club goes into the plan
        await pilot.pause()
        assert not app.screen.query_one("#agreements").display
    assert [i.source_note_id for i in plan.plan_items(store, meeting_id)] == [other]
    assert closing.open_agreements(store, meeting_id) == []
    # skipped stays skipped: a new visit to Afrunding asks nothing
    again = make_app(store, meeting_id)
    async with again.run_test(size=SIZE):
        assert not again.screen.query_one("#agreements").display
    assert own not in [i.source_note_id for i in plan.plan_items(store, meeting_id)]


async def test_tab_into_a_filled_answer_adds_to_it(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.AFRUNDING)
    closing.answer(store, meeting_id, 1, "Ja")
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", *keys_for(" tak"), "tab")
    assert closing.feedback(store, meeting_id)[0].answer == "Ja tak"


async def test_enter_goes_to_the_next_field_once(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.AFRUNDING)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", *keys_for("Mette ringer"), "enter")
        assert app.focused is not None and app.focused.id == "answer-1"
        assert register.get_meeting(store, meeting_id).handover == "Mette ringer"
        await pilot.press(*keys_for("Ja"), "tab")
        assert app.focused is not None and app.focused.id == "answer-2"
    assert closing.feedback(store, meeting_id)[0].answer == "Ja"


async def test_after_the_last_answer_typing_is_never_lost(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.AFRUNDING)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "tab", *keys_for("Ja"), "enter")
        assert app.focused is not None and app.focused.id == "answer-3"
        await pilot.press(*keys_for("Nej"), "enter")
        # on to a field (the first again), not to a place where typing goes nowhere
        assert isinstance(app.focused, Field)
    assert [f.answer for f in closing.feedback(store, meeting_id)] == ["", "Ja", "Nej"]


def test_every_form_uses_the_field_that_keeps_the_cursor_at_the_end() -> None:
    # Textual's Input selects its text on Tab, so typing replaced an answer: every text field
    # in the app is a Field (tui/widgets/field.py), which does not.
    tui = Path(facilitator.tui.__file__).parent
    plain = [
        str(path.relative_to(tui))
        for path in tui.rglob("*.py")
        if re.search(r"\bInput\(", path.read_text(encoding="utf-8"))
    ]
    assert plain == []


async def test_tab_into_a_filled_plan_field_adds_to_it() -> None:
    from textual.app import App

    from facilitator.domain.records import PlanItem
    from facilitator.domain.vocabulary import PlanSection
    from facilitator.tui.widgets.plan_form import PlanItemForm

    item = PlanItem.from_row(
        {
            "id": 1,
            "meeting_id": 1,
            "section": "plan",
            "what": "Jeg øver bussen",
            "who": "sammen",
            "with_whom": "Mette",
            "by_when": "",
            "follow_up": "",
            "status": "aftalt",
            "needs_decision": 0,
            "reason": "",
            "other_ways": "",
            "source_note_id": None,
            "source_suggestion_id": None,
            "carried_from": None,
            "review": "",
            "position": 0,
            "created_at": "",
            "updated_at": "",
        }
    )
    results: list[object] = []

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(PlanItemForm(PlanSection.PLAN, item), results.append)

    async with Host().run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#with_whom").focus()
        await pilot.press("shift+tab")  # away, then back with Tab: the way a leader moves
        await pilot.press("tab")
        assert pilot.app.focused is not None and pilot.app.focused.id == "with_whom"
        await pilot.press(*keys_for(" og Per"), "ctrl+s")
    assert results and isinstance(results[0], dict)
    assert results[0]["with_whom"] == "Mette og Per"


def test_a_birth_year_that_cannot_be_right_is_refused() -> None:
    from facilitator.meetings import people

    assert people.parse_born_year(" 1961 ") == 1961
    assert people.parse_born_year("") is None
    with pytest.raises(FacilitatorError, match="1850"):
        people.parse_born_year("1850")


async def test_the_citizen_form_says_why_a_year_is_refused() -> None:
    from textual.app import App

    from facilitator.tui.screens.citizen_form import CitizenForm

    results: list[object] = []

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(CitizenForm(), results.append)

    async with Host().run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys_for("Karsten"), "tab", *keys_for("1850"), "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CitizenForm)  # the form stays, the year kept
        assert any("1850" in str(n.message) for n in pilot.app._notifications)
        await pilot.press("backspace", "backspace", "backspace", "9", "6", "1", "enter")
        await pilot.pause()
        await pilot.pause()
    assert results == [("Karsten", 1961)]
