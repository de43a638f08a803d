"""Ctrl+P in the meeting's language: every command named, explained and found by Danish words."""

from __future__ import annotations

import pytest

from facilitator.domain.vocabulary import Phase
from facilitator.i18n import set_language
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import FacilitatorApp, make_app
from facilitator.tui.commands import screen_commands
from facilitator.tui.screens.plan import PlanGrid
from tests.conftest import keys_for, screen_lines

SIZE = (100, 30)
#: Textual's own palette texts, in English; none may reach a Danish wall.
ENGLISH = (
    "Search for commands",
    "Scroll Up",
    "Scroll Down",
    "Maximize",
    "Screenshot",
    "Keys",
    "Change the current theme",
    "Quit the application",
    "Page Down",
    "Move cursor",
)


async def _palette(app: FacilitatorApp, pilot: object, query: str) -> str:
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await pilot.press(*keys_for(query))  # type: ignore[attr-defined]
    await pilot.pause(0.5)  # type: ignore[attr-defined]
    return "\n".join(screen_lines(app))


@pytest.mark.parametrize(
    ("phase", "word", "expected"),
    [
        (Phase.RUNDER, "fortryd", "Forrige fase"),
        (Phase.RUNDER, "pause", "Pause"),
        (Phase.RUNDER, "tema", "Tema: høj kontrast"),
        (Phase.PLAN, "godkend", "Godkend"),
        (Phase.FORBEREDELSE, "samtykke", "Samtykker"),
    ],
)
async def test_a_danish_word_finds_its_command(
    phase: Phase, word: str, expected: str, demo_meeting: tuple[Store, int]
) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(phase)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = await _palette(app, pilot, word)
    assert expected in shown
    assert not [english for english in ENGLISH if english in shown]


async def test_ret_finds_ret_punkt_on_the_plan(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.PLAN)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one(PlanGrid).focus()
        shown = await _palette(app, pilot, "ret")
    assert "Ret punkt" in shown


async def test_slags_finds_the_kinds_of_a_note(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.RUNDER)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys_for("Jeg vil gerne svømme"), "enter")
        shown = await _palette(app, pilot, "slags")
        await pilot.press("escape")
    assert "Slags: ønske" in shown


async def test_the_empty_palette_is_danish(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.RUNDER)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = await _palette(app, pilot, "")
    assert "Søg efter en handling" in shown
    assert "Handling på denne skærm" not in shown
    assert not [english for english in ENGLISH if english in shown]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("phase", [Phase.FORBEREDELSE, Phase.RUNDER, Phase.PLAN, Phase.AFRUNDING])
async def test_every_command_has_a_name_and_a_line(
    language: str, phase: Phase, demo_meeting: tuple[Store, int]
) -> None:
    set_language(language)
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(phase)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = screen_commands(app.screen)
    assert commands
    for command in commands:
        assert command.name and "." not in command.name.split()[0], command
        assert command.help and not command.help.startswith("palette."), command
