"""Drafts in the app: they appear on the wall, and enter the plan only by the leader's key."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static, TextArea

from facilitator.assist.client import LOCAL_RECIPIENT
from facilitator.directory.embeddings import HashingEmbedder
from facilitator.domain.vocabulary import NoteKind, Phase, PlanSection, RecipientKind
from facilitator.meetings import consent, plan, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.assist import AssistMenu, AssistPanel
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.plan import PlanGrid, PlanScreen
from tests.llm_server import ChatServer, chat_server, write_settings

__all__ = ["chat_server"]
SIZE = (140, 42)


def in_plan_phase(store: Store, meeting_id: int) -> None:
    session = MeetingSession(store, meeting_id)
    session.set_phase(Phase.RUNDER)
    session.add_note(NoteKind.OENSKE, "Jeg vil gerne lære at tage bussen selv.")
    session.advance()
    session.add_note(NoteKind.BEKYMRING, "Posten hober sig op.")
    session.set_phase(Phase.PLAN)
    session.add_note(NoteKind.DROEM, "Jeg drømmer om at svømme om torsdagen.")


def grant(store: Store, meeting_id: int, *scopes: str) -> None:
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    for scope in scopes:
        consent.grant(store, citizen_id, RecipientKind.SPROGMODEL, LOCAL_RECIPIENT, scope)


def whats(store: Store, meeting_id: int) -> list[str]:
    return [i.what for i in plan.plan_items(store, meeting_id, PlanSection.PLAN)]


def text_of(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def settle(app: object, pilot: object) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]


async def test_a_model_draft_enters_the_plan_only_by_the_leaders_key(
    demo_meeting: tuple[Store, int], chat_server: ChatServer, home: Path
) -> None:
    store, meeting_id = demo_meeting
    in_plan_phase(store, meeting_id)
    grant(store, meeting_id, "notes")
    write_settings(home, chat_server.url, model="lokal-test", timeout=5)
    chat_server.answer = "- Jeg svømmer om torsdagen.\n- Jeg finder en svømmeven."
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("f12")
        assert isinstance(app.screen, AssistMenu)
        await pilot.press("1")
        assert isinstance(app.screen, AssistPanel)
        await settle(app, pilot)
        fields = list(app.screen.query(".proposal").results(TextArea))
        assert [f.text for f in fields] == [
            "Jeg svømmer om torsdagen.",
            "Jeg finder en svømmeven.",
        ]
        assert "sprogmodellen lokal-test" in text_of(app, "#assist-source")
        assert "Sendt til sprogmodellen: 1 note (uden navne" in text_of(app, "#assist-shared")
        assert whats(store, meeting_id) == []  # on the wall, not in the plan
        await pilot.press("enter")  # the leader's keystroke
        assert whats(store, meeting_id) == ["Jeg svømmer om torsdagen."]
        assert fields[0].disabled and fields[1].has_focus
        await pilot.press("end", "backspace", "space", "i", "g", "e", "n")  # edited by keys
        assert whats(store, meeting_id) == ["Jeg svømmer om torsdagen."]
        await pilot.press("enter")
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)
        grid_rows = app.screen.query_one("#plan-grid", PlanGrid).row_count
    assert whats(store, meeting_id) == [
        "Jeg svømmer om torsdagen.",
        "Jeg finder en svømmeven igen",
    ]
    assert grid_rows == 2
    sent = chat_server.received[0].raw.decode("utf-8")
    assert "drømmer om at svømme" in sent and "Karsten" not in sent


async def test_without_a_model_the_same_key_gives_the_fallback(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    in_plan_phase(store, meeting_id)
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f12", "1")
        await settle(app, pilot)
        assert "uden sprogmodel" in text_of(app, "#assist-source")
        assert "Ingen sprogmodel er sat op" in text_of(app, "#assist-notice")
        await pilot.press("escape")  # discarded: nothing kept
        assert whats(store, meeting_id) == []
        await pilot.press("f12", "1")
        await settle(app, pilot)
        await pilot.press("enter")
    assert whats(store, meeting_id) == ["Jeg drømmer om at svømme om torsdagen."]


async def test_easy_read_rewrites_the_chosen_item(
    demo_meeting: tuple[Store, int], chat_server: ChatServer, home: Path
) -> None:
    store, meeting_id = demo_meeting
    in_plan_phase(store, meeting_id)
    plan.add_plan_item(store, meeting_id, "Jeg tager bussen.")
    hard = plan.add_plan_item(
        store, meeting_id, "Borgeren skal iht. handleplanen påbegynde rehabiliterende træning."
    )
    grant(store, meeting_id, consent.item_scope(hard.id))
    write_settings(home, chat_server.url, timeout=5)
    chat_server.answer = "Jeg skal træne.\nJeg får hjælp."
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#plan-grid").move_cursor(row=1)  # type: ignore[attr-defined]
        await pilot.press("f12", "2")
        await settle(app, pilot)
        lix_line = text_of(app, "#assist-lix")
        assert "LIX før:" in lix_line and "efter:" in lix_line
        [field] = app.screen.query(".proposal").results(TextArea)
        assert field.text == "Jeg skal træne. Jeg får hjælp."
        await pilot.press("enter")
        await pilot.press("escape")
    assert whats(store, meeting_id) == ["Jeg tager bussen.", "Jeg skal træne. Jeg får hjælp."]
    sent = chat_server.received[0].raw.decode("utf-8")
    assert hard.what in sent and "Jeg tager bussen." not in sent  # only the consented item


async def test_easy_read_needs_a_chosen_item(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    in_plan_phase(store, meeting_id)
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f12", "2")
        assert isinstance(app.screen, AssistMenu)  # refused with a reason, the menu stays


async def test_questions_on_the_rounds_screen_are_never_saved(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    session = MeetingSession(store, meeting_id)
    session.set_phase(Phase.RUNDER)
    session.add_note(NoteKind.BEHOV, "Jeg har brug for hjælp til posten.")
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("f12")
        await settle(app, pilot)
        assert isinstance(app.screen, AssistPanel)
        questions = [str(s.render()) for s in app.screen.query(".question").results(Static)]
        assert (
            questions[0]
            == "• Hvad har du brug for, at vi gør, så du kan lykkes med det, du gerne vil?"
        )
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
    assert plan.plan_items(store, meeting_id) == []


async def test_a_slow_model_does_not_stop_the_meeting(
    demo_meeting: tuple[Store, int], chat_server: ChatServer, home: Path
) -> None:
    store, meeting_id = demo_meeting
    in_plan_phase(store, meeting_id)
    grant(store, meeting_id, "notes")
    write_settings(home, chat_server.url, timeout=1)
    chat_server.mode = "slow"
    chat_server.delay = 3.0
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f12", "3")
        await pilot.pause()
        assert "skriver et udkast" in text_of(app, "#assist-source")
        await settle(app, pilot)
        assert "uden sprogmodel" in text_of(app, "#assist-source")
        assert text_of(app, "#assist-notice") == "Sprogmodellen svarede ikke inden for 1 sekunder."
        assert app.screen.query(".question")


async def test_a_summary_is_saved_for_the_citizen_by_ctrl_s(
    demo_meeting: tuple[Store, int], home: Path
) -> None:
    store, meeting_id = demo_meeting
    in_plan_phase(store, meeting_id)
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f12", "4")
        await settle(app, pilot)
        area = app.screen.query_one("#summary-text", TextArea)
        assert area.text.startswith("Tak for mødet i dag.")
        area.text = "Tak for i dag. Vi ses i januar."
        await pilot.press("ctrl+s")
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    saved = home / "documents" / f"citizen-{citizen_id}" / f"opsummering-{meeting_id}.md"
    assert saved.read_text(encoding="utf-8") == "Tak for i dag. Vi ses i januar.\n"


async def test_a_remote_model_is_warned_on_the_wall(
    demo_meeting: tuple[Store, int], home: Path
) -> None:
    store, meeting_id = demo_meeting
    in_plan_phase(store, meeting_id)
    grant(store, meeting_id, "notes")  # to the local model: it does not cover the remote one
    write_settings(home, "https://models.example.org/v1", allow_remote=True)
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f12")
        assert "models.example.org" in text_of(app, "#menu-warning")
        await pilot.press("1")
        await settle(app, pilot)
        warning = app.screen.query_one("#assist-warning", Static)
        assert warning.display and "uden for kommunens netværk" in str(warning.render())
        assert "intet blev sendt" in text_of(app, "#assist-notice")


@pytest.mark.parametrize("configured", [True, False])
async def test_forberedelse_asks_about_the_model_only_when_there_is_one(
    demo_meeting: tuple[Store, int], chat_server: ChatServer, home: Path, configured: bool
) -> None:
    store, meeting_id = demo_meeting
    if configured:
        write_settings(home, chat_server.url)
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        options = app.screen.query_one("#consents", OptionList)
        lines = app.screen.consent_lines  # type: ignore[attr-defined]
        ids = [lines.get(options.get_option_at_index(i).id) for i in range(options.option_count)]
        wanted = ("sprogmodel", LOCAL_RECIPIENT, "notes")
        assert (wanted in ids) is configured
        if configured:
            assert ("sprogmodel", LOCAL_RECIPIENT, "plan:all") in ids
            options.focus()
            options.highlighted = ids.index(wanted)
            await pilot.press("space")
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    held = [(c.recipient_kind, c.scope) for c in consent.active(store, citizen_id)]
    assert (("sprogmodel", "notes") in held) is configured
    assert chat_server.received == []  # asking about consent sends nothing
