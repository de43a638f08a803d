"""The app driven by keystrokes (Pilot); assertions on what the store holds afterwards."""

from __future__ import annotations

import pytest

from facilitator.domain.vocabulary import NoteKind, Phase
from facilitator.i18n import set_language
from facilitator.meetings import register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.meeting import MeetingScreen, PauseScreen
from facilitator.tui.screens.prepare import PrepareScreen
from facilitator.tui.widgets.note_field import NoteField
from tests.conftest import frozen, keys_for

SIZE = (140, 42)


async def test_a_turn_by_keys_is_in_the_store(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PrepareScreen)  # the demo meeting is being prepared
        await pilot.press("f7", "f7", "f7")  # velkomst, siden sidst, runder
        assert isinstance(app.screen, MeetingScreen)
        session = MeetingSession(store, meeting_id)
        assert session.state.phase is Phase.RUNDER
        assert (
            session.state.current_speaker
            and session.state.current_speaker.name == "Karsten Demo-Lund"
        )
        await pilot.press(*keys_for("Jeg vil gerne tage bussen alene"), "enter", "2")
        await pilot.press(*keys_for("Jeg kan lave mad"), "enter", "4")
        await pilot.press("f2")
        await pilot.press(
            *keys_for("Jeg kan komme om søndagen"), "enter", "enter"
        )  # same kind again
        await pilot.press("f3")  # refused: Lone has said something
        await pilot.press("f2", "f3")  # Bent passes
    session = MeetingSession(store, meeting_id)
    notes = session.notes()
    assert [(n.kind, n.text) for n in notes] == [
        (NoteKind.OENSKE, "Jeg vil gerne tage bussen alene"),
        (NoteKind.RESSOURCE, "Jeg kan lave mad"),
        (NoteKind.RESSOURCE, "Jeg kan komme om søndagen"),
    ]
    names = {p.id: p.name for p in session.state.participants}
    assert [names[n.participant_id] for n in notes] == [
        "Karsten Demo-Lund",
        "Karsten Demo-Lund",
        "Lone Demo-Lund",
    ]
    passed = [t for t in session.state.turns if t.passed]
    assert [names[t.participant_id] for t in passed] == ["Bent Nabosen"]
    assert session.state.current_speaker and session.state.current_speaker.name == "Mette Testesen"


async def test_pause_records_nothing_and_resumes(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7", "f7", "f7", "f4")
        assert isinstance(app.screen, PauseScreen)
        assert MeetingSession(store, meeting_id).state.paused
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
    assert not MeetingSession(store, meeting_id).state.paused


async def test_resume_after_restart_at_same_phase_and_speaker(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7", "f7", "f7", "f2", "f2")
    again = make_app(store, meeting_id)
    async with again.run_test(size=SIZE):
        screen = again.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.session.state.phase is Phase.RUNDER
        speaker = screen.session.state.current_speaker
        assert speaker is not None and speaker.name == "Bent Nabosen"


async def test_a_note_during_pause_is_refused_and_kept_in_the_field(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.RUNDER)
    before = len(MeetingSession(store, meeting_id).notes())
    words = "Jeg vil gerne tage bussen"
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press(*keys_for(words))
        # The meeting is paused while the words are still in the field (the pause screen
        # would cover the field; here the session is paused under it), then the kind is chosen.
        screen.session.pause()
        await pilot.press("enter", "2")
        await pilot.pause()
        assert screen.query_one(NoteField).input.value == words
    after = MeetingSession(store, meeting_id)
    assert after.state.paused
    assert len(after.notes()) == before


@pytest.mark.parametrize("language", ["da", "en"])
def test_snapshot_home(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    app = make_app(frozen(demo_store), None, theme="textual-dark")
    assert snap_compare(app, terminal_size=SIZE)  # type: ignore[operator]


@pytest.mark.parametrize("language", ["da", "en"])
def test_snapshot_meeting_rounds(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    meeting = register.list_meetings(demo_store)[-1]
    session = MeetingSession(demo_store, meeting.id)
    session.set_phase(Phase.RUNDER)
    session.add_note(NoteKind.OENSKE, "Jeg vil gerne tage bussen alene til genoptræning.")
    session.add_note(NoteKind.RESSOURCE, "Jeg er god til at lave mad.")
    app = make_app(frozen(demo_store), meeting.id, theme="textual-dark")
    assert snap_compare(app, terminal_size=SIZE)  # type: ignore[operator]


@pytest.mark.parametrize("language", ["da", "en"])
def test_snapshot_preparation(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    meeting = register.list_meetings(demo_store)[-1]
    app = make_app(frozen(demo_store), meeting.id, theme="textual-light")
    assert snap_compare(app, terminal_size=SIZE)  # type: ignore[operator]


async def test_every_action_is_in_the_command_palette(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.RUNDER)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*keys_for("Giv ordet"))
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
    speaker = MeetingSession(store, meeting_id).state.current_speaker
    assert speaker is not None and speaker.name == "Lone Demo-Lund"


async def test_plain_mode_has_no_box_drawing(demo_meeting: tuple[Store, int]) -> None:
    from facilitator.tui.widgets.speaker import SpeakerName

    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.RUNDER)
    app = make_app(store, meeting_id, plain=True)
    async with app.run_test(size=SIZE):
        name = app.screen.query_one(SpeakerName)
        assert str(name.render()).strip() == "Karsten Demo-Lund"
        panel = app.screen.query_one("#speaker-panel")
        assert panel.styles.border_top[0] in ("", "none")


def test_big_letters_cover_danish_names() -> None:
    from facilitator.tui.widgets.speaker import big_lines

    art = big_lines("Søren Ærø-Åberg")
    assert art is not None and len(art) == 3
    assert len({len(line) for line in art}) == 1


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("screen", ["rules", "pause", "plan_view"])
def test_snapshot_modal_screens(
    screen: str, language: str, demo_store: Store, snap_compare: object
) -> None:
    set_language(language)
    meeting = register.list_meetings(demo_store)[-1]
    session = MeetingSession(demo_store, meeting.id)
    session.set_phase(Phase.RUNDER)
    if screen == "pause":
        session.pause()
    target = meeting.id if screen != "plan_view" else None
    app = make_app(frozen(demo_store), target, theme="textual-dark")

    async def run_before(pilot: object) -> None:
        if screen == "rules":
            await pilot.press("f1")  # type: ignore[attr-defined]
        elif screen == "plan_view":
            await pilot.press("down", "p")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)  # type: ignore[operator]


async def test_an_app_without_blink_keeps_the_cursor_still(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.RUNDER)
    app = make_app(store, meeting_id, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.screen.query_one(NoteField).input
        assert field.has_focus
        assert not field.cursor_blink
