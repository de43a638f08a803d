"""Muligheder og plan by keys: ideas rated by the citizen, a yes becomes a plan item."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from facilitator.directory.embeddings import HashingEmbedder
from facilitator.domain.vocabulary import NoteKind, Phase, PlanSection, Rating, Who
from facilitator.i18n import set_language
from facilitator.meetings import plan, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.plan import PlanScreen
from facilitator.tui.widgets.plan_form import PlanItemForm
from tests.conftest import frozen

SIZE = (140, 42)


def in_plan_phase(store: Store) -> int:
    meeting = register.list_meetings(store)[-1]
    session = MeetingSession(store, meeting.id)
    session.set_phase(Phase.RUNDER)
    session.add_note(NoteKind.OENSKE, "Jeg vil gerne lære at tage bussen selv.")
    session.advance()
    session.add_note(NoteKind.BEKYMRING, "Posten hober sig op.")
    session.set_phase(Phase.PLAN)
    return meeting.id


async def settle(app: object, pilot: object) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]


async def test_rate_accept_and_write_the_plan(demo_store: Store) -> None:
    meeting_id = in_plan_phase(demo_store)
    app = make_app(demo_store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PlanScreen)
        assert app.ranked[meeting_id]
        await pilot.press("a")  # not yet: the citizen has not said yes
        assert plan.plan_items(demo_store, meeting_id) == []
        await pilot.press("1", "a")  # glad, then into the plan
        await pilot.press("down", "3")  # the next idea: ikke for mig
        await pilot.press("tab")  # to the plan grid
        await pilot.press("n")
        assert isinstance(app.screen, PlanItemForm)
        app.screen.query_one("#what", Input).value = "Jeg ringer til Lone om posten"
        await pilot.click("#who-selv")
        app.screen.query_one("#follow_up", Input).value = "Lone"
        await pilot.press("ctrl+s")
        await pilot.press("i")
        app.screen.query_one("#what", Input).value = "Taxa til alt"
        app.screen.query_one("#reason", Input).value = "Der er ikke kørsel til korte ture."
        await pilot.press("ctrl+s")
        await pilot.press("p")
        app.screen.query_one("#what", Input).value = "Busplanen"
        await pilot.press("ctrl+s")
    items = plan.plan_items(demo_store, meeting_id)
    by_section = {s: [i for i in items if i.section is s] for s in PlanSection}
    whats = [i.what for i in by_section[PlanSection.PLAN]]
    assert whats == ["Jeg vil gerne lære at tage bussen selv.", "Jeg ringer til Lone om posten"]
    assert by_section[PlanSection.PLAN][1].who is Who.SELV
    assert by_section[PlanSection.PLAN][1].follow_up == "Lone"
    assert by_section[PlanSection.IKKE_MULIGT][0].reason.startswith("Der er ikke")
    assert [i.what for i in by_section[PlanSection.PARKERING]] == ["Busplanen"]
    ratings = {
        r["rating"]
        for r in demo_store.rows(
            "SELECT rating FROM suggestions WHERE meeting_id = ?", [meeting_id]
        )
    }
    assert {Rating.GLAD.value, Rating.NEJ.value} <= ratings


async def test_the_ui_answers_before_the_model_is_ready(demo_store: Store) -> None:
    import threading

    gate = threading.Event()

    def slow_embedder() -> HashingEmbedder:
        gate.wait(10)
        return HashingEmbedder()

    meeting_id = in_plan_phase(demo_store)
    app = make_app(demo_store, meeting_id, embedder_factory=slow_embedder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.index_status == "loading"
        status = str(app.screen.query_one("#suggestions-status").render())
        assert "gjort klar" in status
        await pilot.press("f2")  # the meeting goes on meanwhile
        gate.set()
        await settle(app, pilot)
        assert app.index_status == "ready"


@pytest.mark.parametrize("language", ["da", "en"])
def test_snapshot_plan_phase(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    meeting_id = in_plan_phase(demo_store)
    app = make_app(frozen(demo_store), meeting_id, embedder_factory=HashingEmbedder)

    async def run_before(pilot: object) -> None:
        await settle(pilot.app, pilot)  # type: ignore[attr-defined]

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)  # type: ignore[operator]
