"""A read is audited by the core, the same way whether a screen or a command shows it."""

from __future__ import annotations

from typing import Any

from click.testing import CliRunner

from facilitator.cli.main import cli
from facilitator.meetings import measures, people, plan, register, wellbeing
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.plan_review import PlanReviewScreen
from facilitator.tui.screens.plan_view import PlanViewScreen
from facilitator.tui.screens.ruler import RulerScreen
from facilitator.tui.screens.who5 import Who5Screen
from tests.test_review import with_items
from tests.test_tui import SIZE

Entry = tuple[str, str, str, Any]


def reads(store: Store, kind: str) -> list[Entry]:
    """The "read" entries about ``kind``: (action, object kind, object id, citizen id)."""
    return [
        (r["action"], r["object_kind"], r["object_id"], r["citizen_id"])
        for r in store.rows(
            "SELECT * FROM audit_log WHERE action = 'read' AND object_kind = ? ORDER BY id",
            [kind],
        )
    ]


async def test_the_cli_reads_the_plan_as_the_screen_does(demo_store: Store) -> None:
    meeting_id = with_items(demo_store)
    citizen_id = register.get_meeting(demo_store, meeting_id).citizen_id
    app = make_app(demo_store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(PlanViewScreen(demo_store, meeting_id))
        await pilot.pause()
    on_the_wall = reads(demo_store, "plan")
    assert on_the_wall == [("read", "plan", str(meeting_id), citizen_id)]

    result = CliRunner().invoke(cli, ["plan", str(meeting_id)])
    assert result.exit_code == 0, result.output
    assert "Jeg øver bussen med Mette" in result.output
    assert reads(demo_store, "plan") == on_the_wall * 2  # the very same entry, once more


async def test_a_stored_version_is_read_as_the_review_reads_it(demo_store: Store) -> None:
    meeting_id = with_items(demo_store)
    citizen_id = register.get_meeting(demo_store, meeting_id).citizen_id
    app = make_app(demo_store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, PlanReviewScreen)
        version = app.screen.version.version
    # with the citizen's id: the entry is in the citizen's export and goes when they are forgotten
    in_review = [("read", "plan", f"{meeting_id}/{version}", citizen_id)]
    assert reads(demo_store, "plan") == in_review

    result = CliRunner().invoke(cli, ["plan", str(meeting_id), "--version", str(version)])
    assert result.exit_code == 0, result.output
    assert reads(demo_store, "plan") == in_review * 2


def test_the_citizens_copies_are_filed_not_read(demo_store: Store) -> None:
    from facilitator.documents import compose

    meeting_id = with_items(demo_store)
    version = plan.save_version(demo_store, meeting_id)
    compose.save_for_citizen(demo_store, meeting_id, version.version)
    assert reads(demo_store, "plan") == []


async def test_the_measures_screens_read_through_the_core(demo_store: Store) -> None:
    meeting_id = register.list_meetings(demo_store)[-1].id
    citizen_id = register.get_meeting(demo_store, meeting_id).citizen_id
    session = MeetingSession(demo_store, meeting_id)
    app = make_app(demo_store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(RulerScreen(session))
        await pilot.pause()
        await app.push_screen(Who5Screen(session))
        await pilot.pause()
    on_the_wall = reads(demo_store, "ruler") + reads(demo_store, "who5")
    assert on_the_wall == [
        ("read", "ruler", str(citizen_id), citizen_id),
        ("read", "who5", str(citizen_id), citizen_id),
    ]
    assert measures.read_ruler(demo_store, citizen_id) == measures.ruler_by_goal(
        demo_store, citizen_id
    )
    assert wellbeing.read_who5(demo_store, citizen_id) == wellbeing.who5_history(
        demo_store, citizen_id
    )
    assert reads(demo_store, "ruler") + reads(demo_store, "who5") == [
        on_the_wall[0],
        on_the_wall[0],
        on_the_wall[1],
        on_the_wall[1],
    ]


def test_default_professional_last_time_else_the_only_one(store: Store) -> None:
    from facilitator.domain.vocabulary import ParticipantKind

    citizen = people.add_citizen(store, "Mette Hansen")
    session = MeetingSession(store, register.add_meeting(store, citizen.id).id)
    session.add_participant("Karsten Lund", ParticipantKind.FAGPERSON, "sagsbehandler")
    invited = session.state.active
    assert measures.default_professional(store, citizen.id, None, invited) == (
        "Karsten (sagsbehandler)"
    )
    measures.rate_goal(store, citizen.id, "Bussen", 4, professional_rating=5, professional="Lone")
    assert measures.default_professional(store, citizen.id, "Bussen", invited) == "Lone"
    session.add_participant("Lone Hald", ParticipantKind.FAGPERSON)
    two = session.state.active
    assert measures.default_professional(store, citizen.id, "Svømning", two) == ""


def test_a_reading_needs_the_citizens_step(store: Store) -> None:
    import pytest

    from facilitator.domain.errors import FacilitatorError
    from facilitator.i18n import t

    citizen = people.add_citizen(store, "Mette Hansen")
    with pytest.raises(FacilitatorError) as refused:
        measures.rate_goal(store, citizen.id, "Bussen", None)
    what = t("measures.word_citizen_rating")
    assert str(refused.value) == t("measures.err_ruler", what=what, lo=1, hi=10)
    with pytest.raises(FacilitatorError, match=t("measures.word_goal")):
        measures.rate_goal(store, citizen.id, "  ", 5)
    assert measures.ruler_ratings(store, citizen.id) == []


async def test_the_ruler_form_shows_the_cores_sentence(demo_store: Store) -> None:
    from facilitator.i18n import t
    from facilitator.tui.screens.ruler import RulerForm

    meeting_id = register.list_meetings(demo_store)[-1].id
    session = MeetingSession(demo_store, meeting_id)
    app = make_app(demo_store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(RulerScreen(session))
        await pilot.pause()
        await pilot.press("m", "ctrl+s")  # a new goal with no words and no step
        await pilot.pause()
        assert isinstance(app.screen, RulerForm)  # refused; the form stays open
        shown = [n.message for n in app._notifications]
        assert t("err.empty", what=t("measures.word_goal")) in shown
