"""A whole demo meeting led by keys, Forberedelse to Afrunding, in Danish and in English."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from facilitator.directory.embeddings import HashingEmbedder
from facilitator.domain.vocabulary import NoteKind, PlanSection, TurnKind
from facilitator.i18n import set_language
from facilitator.meetings import closing, plan, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.closing import ClosingScreen
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.plan import PlanScreen
from facilitator.tui.screens.prepare import PrepareScreen
from facilitator.tui.screens.since import SinceScreen

SIZE = (140, 42)


async def note(app: object, pilot: object, text: str, key: str) -> None:
    app.screen.query_one("#note-input", Input).value = text  # type: ignore[attr-defined]
    await pilot.press("enter", key)  # type: ignore[attr-defined]


@pytest.mark.slow  # a long journey by keys: `make test` runs it, `make check` not
@pytest.mark.parametrize("language", ["da", "en"])
async def test_whole_meeting_by_keys(language: str, demo_store: Store) -> None:
    set_language(language)
    meeting = register.list_meetings(demo_store)[-1]
    app = make_app(demo_store, meeting.id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PrepareScreen)
        await pilot.press("f7")  # Velkomst: the rules
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("f1", "enter")  # the rules card on demand, closed again
        await pilot.press("f7")  # Siden sidst
        assert isinstance(app.screen, SinceScreen)
        await pilot.press("g", "n", "d", "n", "i")
        await pilot.press("f7")  # Runder
        assert isinstance(app.screen, MeetingScreen)
        await note(app, pilot, "Jeg vil gerne tage bussen alene til svømning.", "2")
        await note(app, pilot, "Jeg er god til at lave mad.", "4")
        await pilot.press("f2")
        await note(app, pilot, "Jeg er bekymret for regningerne.", "5")
        await pilot.press("f2", "f3")  # Bent passes
        for _ in range(3):
            await pilot.press("f2")
        await pilot.press("f4", "enter")  # a pause, then on
        await pilot.press("f7")  # Refleksion: the professionals first
        assert isinstance(app.screen, MeetingScreen)
        await note(app, pilot, "Jeg undrer mig over, om bussen er nøglen.", "9")
        for _ in range(6):
            await pilot.press("f2")
        await pilot.press("f7")  # Fremtidsdialog: the citizen first
        await note(app, pilot, "Jeg tager bussen alene og svømmer om torsdagen.", "1")
        await pilot.press("f7")  # Muligheder og plan
        assert isinstance(app.screen, PlanScreen)
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("1", "a")
        await pilot.press("tab", "n")
        app.screen.query_one("#what", Input).value = "Jeg øver bussen med Per"
        app.screen.query_one("#follow_up", Input).value = "Per"
        await pilot.click("#who-sammen")
        await pilot.press("ctrl+s")
        await pilot.press("f7")  # Afrunding
        assert isinstance(app.screen, ClosingScreen)
        app.screen.query_one("#handover", Input).value = "Per får besøgsbrevet."
        await pilot.press("ctrl+s", "f8", "enter")  # save, finish, yes
        assert isinstance(app.screen, HomeScreen)

    session = MeetingSession(demo_store, meeting.id)
    info = register.get_meeting(demo_store, meeting.id)
    assert info.status == "afsluttet" and info.ended_at
    assert info.handover == "Per får besøgsbrevet."
    kinds = [n.kind for n in session.notes()]
    assert kinds == [
        NoteKind.OENSKE,
        NoteKind.RESSOURCE,
        NoteKind.BEKYMRING,
        NoteKind.REFLEKSION,
        NoteKind.DROEM,
    ]
    turn_kinds = {t.kind for t in session.state.turns}
    assert {TurnKind.TUR, TurnKind.REFLEKSION, TurnKind.SVAR, TurnKind.FREMTID} <= turn_kinds
    assert [t.passed for t in session.state.turns].count(True) == 1
    items = plan.plan_items(demo_store, meeting.id, PlanSection.PLAN)
    assert items[0].what in {n.text for n in session.notes()}  # in the words that were said
    assert items[0].source_suggestion_id is not None
    assert items[-1].what == "Jeg øver bussen med Per"
    earlier = register.previous_meeting(demo_store, info)
    assert earlier is not None
    statuses = [i.status.value for i in plan.plan_items(demo_store, earlier.id, PlanSection.PLAN)]
    assert statuses == ["gjort", "delvist", "ikke_gjort"]
    check = closing.quality_check(demo_store, meeting.id)
    assert check is not None
