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


def with_last_plan(store: Store, meeting_id: int) -> list[str]:
    """Copy the items of the meeting before into this one (long words, several people)."""
    from facilitator.meetings import plan, register

    earlier = register.list_meetings(store)[-2].id
    whats = []
    for item in plan.plan_items(store, earlier):
        plan.add_plan_item(
            store,
            meeting_id,
            item.what,
            section=item.section,
            who=item.who,
            with_whom=item.with_whom,
            by_when=item.by_when,
            follow_up=item.follow_up,
        )
        whats.append(item.what)
    return whats


@pytest.mark.parametrize("size", [(100, 30), (140, 42)])
async def test_the_plan_grid_shows_every_word(
    size: tuple[int, int], demo_meeting: tuple[Store, int]
) -> None:
    from tests.conftest import screen_lines

    store, meeting_id = demo_meeting
    whats = with_last_plan(store, meeting_id)
    MeetingSession(store, meeting_id).set_phase(Phase.PLAN)
    app = make_app(store, meeting_id)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = " ".join(screen_lines(app)).split()
    for what in whats:
        for word in what.split():
            assert word in shown, (word, what)
    assert "(medborgerguide)" in shown
    assert not [word for word in shown if word.endswith("…")]


def test_the_what_column_takes_the_room() -> None:
    from facilitator.tui.screens.plan import column_widths

    rows: list[list[object]] = [["1", "Jeg øver busruten", "sammen – Mette\nHvornår: i dag"]]
    widths = column_widths(60, ["#", "Hvad", "Hvem og hvornår"], rows)  # type: ignore[arg-type]
    assert widths == [1, 60 - 1 - len("Hvem og hvornår"), len("Hvem og hvornår")]
    narrow = column_widths(40, ["#", "Hvad", "Hvem og hvornår"], [["1", "x", "y" * 40]])
    assert narrow[1] >= narrow[2]  # the citizen's words never get less than the details
