"""Siden sidst and Afrunding driven by keystrokes (Pilot), asserted on the store; snapshots."""

from __future__ import annotations

import pytest

from facilitator.domain.vocabulary import NoteKind, Phase, PlanStatus, Who
from facilitator.i18n import set_language
from facilitator.meetings import closing, followup, people, plan, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.closing import ClosingScreen
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.since import SinceScreen
from facilitator.tui.widgets.confirm import Confirm
from tests.conftest import frozen, keys_for

SIZE = (140, 42)


def at_phase(store: Store, meeting_id: int, phase: Phase) -> None:
    MeetingSession(store, meeting_id).set_phase(phase)


# --- Siden sidst ---------------------------------------------------------------------


@pytest.mark.slow  # a long journey by keys: `make test` runs it, `make check` not
async def test_since_then_closing_by_keys(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    at_phase(store, meeting_id, Phase.SIDEN_SIDST)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, SinceScreen)
        assert screen.index == 0
        # 1: partly, what now, and the citizen wants to keep working on it
        await pilot.press("d", "enter", *keys_for("Vi øver to gange mere"), "enter", "v", "n")
        # 2: done, nothing more to say
        await pilot.press("g", "right")
        # 3: not done, then changed to dropped, with what now
        await pilot.press("i", "x", "enter", *keys_for("Han vil hellere gå"), "enter")
        assert screen.index == 2
        await pilot.press("n")  # stays on the last item
        assert screen.index == 2
        await pilot.press("p", "left", "left")
        assert screen.index == 0

        items = followup.earlier_items(store, meeting_id)
        assert [(i.status, i.review) for i in items] == [
            (PlanStatus.DELVIST, "Vi øver to gange mere"),
            (PlanStatus.GJORT, ""),
            (PlanStatus.DROPPET, "Han vil hellere gå"),
        ]
        carried = plan.plan_items(store, meeting_id)
        assert [(i.what, i.carried_from) for i in carried] == [
            ("Jeg øver busruten til genoptræningen", items[0].id)
        ]

        # Afrunding: the date, the handover, the three questions, then finish
        session = MeetingSession(store, meeting_id)
        session.set_phase(Phase.AFRUNDING)
        app.show_phase(session)
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen)
        await pilot.press("home", "ctrl+k", *keys_for("2027-02-04"), "enter")
        await pilot.press(*keys_for("Mette ringer til genoptræningen"), "enter")
        await pilot.press(*keys_for("Rart at alle lyttede"), "enter")
        await pilot.press("enter")  # nobody has to answer
        await pilot.press(*keys_for("Kortere pauser"), "enter")
        await pilot.press("f8")
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    meeting = register.get_meeting(store, meeting_id)
    assert meeting.next_meeting == "2027-02-04"
    assert meeting.handover == "Mette ringer til genoptræningen"
    assert [f.answer for f in closing.feedback(store, meeting_id)] == [
        "Rart at alle lyttede",
        "",
        "Kortere pauser",
    ]
    assert meeting.status == "afsluttet" and meeting.ended_at is not None


async def test_escape_undoes_what_now_and_typing_never_rates(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    at_phase(store, meeting_id, Phase.SIDEN_SIDST)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        # letters typed in the field are text, not the rating keys
        await pilot.press("enter", *keys_for("gdix"), "escape")
        await pilot.press("enter", *keys_for("Skal ikke gemmes"), "escape")
    first = followup.earlier_items(store, meeting_id)[0]
    assert (first.status, first.review) == (PlanStatus.AFTALT, "")


async def test_leaving_the_field_keeps_what_was_typed(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    at_phase(store, meeting_id, Phase.SIDEN_SIDST)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *keys_for("Vi ses om torsdagen"), "tab")
    assert followup.earlier_items(store, meeting_id)[0].review == "Vi ses om torsdagen"


async def test_changing_phase_keeps_what_was_typed(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    at_phase(store, meeting_id, Phase.SIDEN_SIDST)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "enter", *keys_for("Godt gået"), "f7")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    first = followup.earlier_items(store, meeting_id)[0]
    assert (first.status, first.review) == (PlanStatus.GJORT, "Godt gået")


async def test_since_resumes_at_the_first_item_not_looked_at(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    first = followup.earlier_items(store, meeting_id)[0]
    followup.review(store, meeting_id, first.id, PlanStatus.GJORT)
    at_phase(store, meeting_id, Phase.SIDEN_SIDST)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, SinceScreen) and screen.index == 1
        await pilot.press("f7")  # the phase keys keep working
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    assert MeetingSession(store, meeting_id).state.phase is Phase.RUNDER


async def test_without_an_earlier_plan_the_screen_says_so(store: Store) -> None:
    citizen = people.add_citizen(store, "Ny Borger")
    meeting = register.add_meeting(store, citizen.id)
    at_phase(store, meeting.id, Phase.SIDEN_SIDST)
    app = make_app(store, meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, SinceScreen)
        assert screen.query_one("#since-none").display
        assert not screen.query_one("#since-body").display
        await pilot.press("g", "v", "n", "enter")  # nothing to act on, nothing breaks
    assert plan.plan_items(store, meeting.id) == []


# --- Afrunding ---------------------------------------------------------------------


async def test_a_date_before_the_meeting_is_refused(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    at_phase(store, meeting_id, Phase.AFRUNDING)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ClosingScreen)
        await pilot.press("home", "ctrl+k", *keys_for("2026-01-01"), "enter")
        await pilot.press("home", "ctrl+k", *keys_for("i morgen"), "enter")
        assert register.get_meeting(store, meeting_id).next_meeting == "2027-01-21"
        # refused twice: the field keeps the leader's text to correct, and focus stays
        assert app.focused is not None and app.focused.id == "next-date"
        await pilot.press("tab")  # leaving the field shows the stored date again
        field = app.screen.query_one("#next-date")
        assert getattr(field, "value", None) == "2027-01-21"
        await pilot.press("f8", "escape")  # not finished after all
        assert isinstance(app.screen, ClosingScreen)
    assert register.get_meeting(store, meeting_id).status == "i_gang"


async def test_leaving_the_meeting_keeps_what_was_typed(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    at_phase(store, meeting_id, Phase.AFRUNDING)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", *keys_for("Per ringer til svømmehallen"), "f10")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    meeting = register.get_meeting(store, meeting_id)
    assert meeting.handover == "Per ringer til svømmehallen"
    assert meeting.status == "i_gang"  # leaving is not finishing


# --- snapshots ---------------------------------------------------------------------


def _reviewed(store: Store, meeting_id: int) -> None:
    first, second, _third = followup.earlier_items(store, meeting_id)
    followup.review(store, meeting_id, first.id, PlanStatus.DELVIST, "Vi øver to gange mere")
    followup.carry_on(store, meeting_id, first.id)
    followup.review(store, meeting_id, second.id, PlanStatus.GJORT, "Det fortsætter vi med")


def _held(store: Store, meeting_id: int) -> None:
    """A meeting up to Afrunding: one round, a reflection, a plan with a gap."""
    _reviewed(store, meeting_id)
    session = MeetingSession(store, meeting_id)
    session.set_phase(Phase.RUNDER)
    notes = {
        "Karsten Demo-Lund": [
            (NoteKind.OENSKE, "Jeg vil gerne tage bussen alene til genoptræning."),
            (NoteKind.DROEM, "Jeg vil gerne svømme om torsdagen."),
        ],
        "Lone Demo-Lund": [(NoteKind.RESSOURCE, "Jeg kan stadig komme om søndagen.")],
        "Mette Testesen": [(NoteKind.IDE, "Vi kan øve ruten to gange mere.")],
    }
    while session.state.current_speaker is not None:
        speaker = session.state.current_speaker
        if speaker.name in notes:
            for kind, text in notes[speaker.name]:
                session.add_note(kind, text)
            session.advance()
        else:
            session.pass_turn()
    session.set_phase(Phase.REFLEKSION)
    session.add_note(NoteKind.REFLEKSION, "Jeg undrer mig over, om svømning kan give ro.")
    session.set_phase(Phase.AFRUNDING)
    plan.add_plan_item(
        store, meeting_id, "Jeg prøver svømning om torsdagen", who=Who.SELV, with_whom="Per"
    )
    closing.set_handover(store, meeting_id, "Mette fortæller genoptræningen om bussen.")
    closing.answer(store, meeting_id, 1, "Det var rart, at alle lyttede.")


@pytest.mark.parametrize("language", ["da", "en"])
def test_snapshot_since(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    meeting_id = register.list_meetings(demo_store)[-1].id
    _reviewed(demo_store, meeting_id)
    at_phase(demo_store, meeting_id, Phase.SIDEN_SIDST)
    app = make_app(frozen(demo_store), meeting_id, theme="textual-dark")
    # it opens at item 3 (not looked at yet); step back to show a recorded one
    assert snap_compare(app, terminal_size=SIZE, press=["p", "p"])  # type: ignore[operator]


@pytest.mark.parametrize("language", ["da", "en"])
def test_snapshot_closing(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    meeting_id = register.list_meetings(demo_store)[-1].id
    _held(demo_store, meeting_id)
    app = make_app(frozen(demo_store), meeting_id, theme="textual-dark")
    assert snap_compare(app, terminal_size=SIZE)  # type: ignore[operator]
