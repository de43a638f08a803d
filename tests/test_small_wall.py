"""At 100×30 the speaker's name is big, Velkomst has no empty name box, the placeholder fits."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from facilitator.domain.vocabulary import Phase
from facilitator.i18n import set_language
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.widgets.speaker import SpeakerName

SIZE = (100, 30)


async def test_the_speaker_is_in_big_letters_at_100_columns(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.RUNDER)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one(SpeakerName).render())
    assert "█" in shown  # block letters, not the plain fallback
    assert "Karsten Demo-Lund" in shown  # and the whole name under them


async def test_velkomst_has_no_empty_name_box(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.VELKOMST)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(SpeakerName).display
        await pilot.press("f7", "f7")  # Siden sidst, then Runder: the name is back
        await pilot.pause()
        assert app.screen.query_one(SpeakerName).display


@pytest.mark.parametrize("language", ["da", "en"])
async def test_the_note_placeholder_fits(language: str, demo_meeting: tuple[Store, int]) -> None:
    set_language(language)
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.RUNDER)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#note-input", Input)
        assert len(field.placeholder) <= field.content_size.width - 1
