"""The Mig card, the dialogue ruler and WHO-5 driven by keystrokes (Pilot), in both languages.

Assertions are on what the store holds afterwards; snapshots show the ruler and WHO-5 screens.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from facilitator.domain.vocabulary import Phase, RecipientKind
from facilitator.i18n import set_language, t
from facilitator.meetings import consent, measures, people, register, wellbeing
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.plan import PlanScreen
from facilitator.tui.screens.prepare import ConsentList, PrepareScreen, Who5OptIn
from facilitator.tui.screens.prepare_forms import MigForm
from facilitator.tui.screens.ruler import RulerForm, RulerScreen
from facilitator.tui.screens.since import SinceScreen
from facilitator.tui.screens.who5 import Who5Form, Who5Screen
from facilitator.tui.widgets.measure_chart import (
    bar,
    ruler_rows,
    ruler_summary,
    sparkline,
    who5_rows,
)
from facilitator.tui.widgets.step_picker import StepPicker
from tests.conftest import frozen, keys_for
from tests.test_prepare import tab_to

SIZE = (140, 42)
LANGUAGES = ["da", "en"]


def at_phase(store: Store, meeting_id: int, phase: Phase) -> int:
    """Put the meeting at ``phase``; return the citizen's id."""
    MeetingSession(store, meeting_id).set_phase(phase)
    return register.get_meeting(store, meeting_id).citizen_id


def texts(pilot: Pilot[None]) -> list[str]:
    return [n.message for n in pilot.app._notifications]


# --- the dialogue ruler --------------------------------------------------------------


@pytest.mark.slow  # a long journey by keys: `make test` runs it, `make check` not
@pytest.mark.parametrize("language", LANGUAGES)
async def test_ruler_by_keys_in_the_plan_phase(
    language: str, demo_meeting: tuple[Store, int]
) -> None:
    set_language(language)
    store, meeting_id = demo_meeting
    citizen_id = at_phase(store, meeting_id, Phase.PLAN)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, RulerScreen)
        # the first goal: "At tage bussen alene", with Mette's step beside the citizen's
        await pilot.press("enter")
        assert isinstance(app.screen, RulerForm)
        assert isinstance(app.focused, StepPicker)
        await pilot.press("8", "left", "tab", *keys_for("Jeg kan skifte bus alene"), "tab")
        await pilot.press("right", "right", "right", "right", "right", "right")  # none → 6
        assert "1" in str(app.screen.query_one("#difference").render())
        await pilot.press("enter")  # Enter in a field saves
        await pilot.pause()
        assert isinstance(app.screen, RulerScreen)
        # a new goal in the citizen's own words, the citizen's step only
        await pilot.press("m", *keys_for("Jeg lærer netbank"), "tab", "0", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RulerScreen)
        await pilot.press("f")  # measure again after six months
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)

    readings = measures.ruler_by_goal(store, citizen_id)
    bus = readings["At tage bussen alene"][-1]
    assert (bus.citizen_rating, bus.statement, bus.professional_rating, bus.professional) == (
        7,
        "Jeg kan skifte bus alene",
        6,
        "Mette (bostøtte)",
    )
    assert bus.meeting_id == meeting_id and bus.difference == 1
    new = readings["Jeg lærer netbank"]
    assert [(r.citizen_rating, r.professional_rating) for r in new] == [(10, None)]
    assert measures.follow_up_months(store, citizen_id) == 6


async def test_ruler_from_since_last_time_and_a_reading_taken_back(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    citizen_id = at_phase(store, meeting_id, Phase.SIDEN_SIDST)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SinceScreen)
        await pilot.press("ctrl+l", "down", "down")  # "At svømme igen"
        assert isinstance(app.screen, RulerScreen)
        await pilot.press("n", "escape")  # a form opened and cancelled saves nothing
        assert isinstance(app.screen, RulerScreen)
        await pilot.press("enter", "ctrl+s")  # no step chosen yet: refused, form stays
        assert isinstance(app.screen, RulerForm)
        await pilot.press("escape", "delete", "enter")  # take back the latest reading
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, SinceScreen)
    swim = measures.ruler_by_goal(store, citizen_id)["At svømme igen"]
    assert [r.citizen_rating for r in swim] == [1]


# --- WHO-5 ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
async def test_who5_by_keys(language: str, demo_meeting: tuple[Store, int]) -> None:
    set_language(language)
    store, meeting_id = demo_meeting
    citizen_id = at_phase(store, meeting_id, Phase.AFRUNDING)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, Who5Screen)
        await pilot.press("n")
        assert isinstance(app.screen, Who5Form)
        await pilot.press("4", "3", "4")
        await pilot.press("ctrl+s")  # two statements unanswered: refused, the form stays
        assert isinstance(app.screen, Who5Form)
        assert t("who5.err_unanswered") in texts(pilot)
        await pilot.press("3", "4", "up", "2")  # the fourth answer changed to 2
        assert t("who5.score_line", score=68) in str(app.screen.query_one("#score").render())
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, Who5Screen)
        shown = str(app.screen.query_one("#who5-trend").render())
        assert t("who5.score", score=68) in shown
        await pilot.press("escape")
    latest = wellbeing.who5_history(store, citizen_id)[-1]
    assert latest.answers == (4, 3, 4, 2, 4) and latest.score == 68
    assert latest.occasion == "slut"  # start and three months were taken before


async def test_who5_only_with_the_citizens_yes_given_in_forberedelse(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    wellbeing.set_who5_opt_in(store, citizen_id, False)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PrepareScreen)
        await pilot.press("ctrl+t", "n")  # no yes: nothing to answer
        assert isinstance(app.screen, Who5Screen)
        assert t("who5.not_opted_in") in str(app.screen.query_one("#who5-state").render())
        await pilot.press("escape")
        await tab_to(pilot, Who5OptIn)
        await pilot.press("space")
        assert wellbeing.who5_opted_in(store, citizen_id)
        await pilot.press("f8")  # and the key says no again
        assert not wellbeing.who5_opted_in(store, citizen_id)
        await pilot.press("f8", "ctrl+t", "n")
        assert isinstance(app.screen, Who5Form)
    assert wellbeing.who5_opted_in(store, citizen_id)


async def test_consent_to_measures_is_asked_in_forberedelse(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await tab_to(pilot, ConsentList)
        await pilot.press("down", "down", "down", "space")  # Per Guidesen: my measures
    held = consent.active(store, citizen_id)
    # the demo's consents (Mig card, his part of the plan) stay; measures are added
    assert [(c.recipient, c.scope) for c in held] == [
        ("Per Guidesen", "mig_card"),
        ("Per Guidesen", "plan"),
        ("Per Guidesen", "contact"),
        ("Per Guidesen", "measures"),
    ]
    assert measures.shareable_measures(
        store, citizen_id, RecipientKind.MEDBORGERGUIDE, "Per Guidesen"
    )
    assert not measures.shareable_measures(
        store, citizen_id, RecipientKind.AFDELING, "aeldre-handicap"
    )


# --- the Mig card at every meeting -------------------------------------------------------


@pytest.mark.slow  # a long journey by keys: `make test` runs it, `make check` not
@pytest.mark.parametrize("language", LANGUAGES)
async def test_mig_card_on_the_wall_at_velkomst_and_editable_in_any_phase(
    language: str, demo_meeting: tuple[Store, int]
) -> None:
    set_language(language)
    store, meeting_id = demo_meeting
    citizen_id = at_phase(store, meeting_id, Phase.VELKOMST)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, MeetingScreen)
        wall = str(app.screen.query_one("#turn-notes").render())
        assert t("mig.wall_title", name="Karsten Demo-Lund") in wall
        assert "Madlavning, svømning og gamle film." in wall
        await pilot.press("f7", "f7")  # Siden sidst, Runder: the note field has focus
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+b")
        assert isinstance(app.screen, MigForm)
        await pilot.press("tab", "end", *keys_for(" Og kortspil."), "enter")
        assert isinstance(app.screen, MeetingScreen)
        # about, likes, dreams, know about me, how to reach me: the wall checkbox is sixth
        await pilot.press("ctrl+b", *["tab"] * 5, "space", "shift+tab", "enter")
        await pilot.press("f6", "f6")  # back at Velkomst: not on the wall any more
        wall = str(app.screen.query_one("#turn-notes").render())
        assert "Madlavning" not in wall
    card = people.get_mig_card(store, citizen_id)
    assert card.likes == "Madlavning, svømning og gamle film. Og kortspil."
    assert not card.show_on_wall


# --- snapshots ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_snapshot_ruler(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    meeting = register.list_meetings(demo_store)[-1]
    MeetingSession(demo_store, meeting.id).set_phase(Phase.PLAN)
    app = make_app(frozen(demo_store), meeting.id, theme="textual-dark")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+l")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)  # type: ignore[operator]


@pytest.mark.parametrize("language", LANGUAGES)
def test_snapshot_ruler_form(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    meeting = register.list_meetings(demo_store)[-1]
    MeetingSession(demo_store, meeting.id).set_phase(Phase.SIDEN_SIDST)
    app = make_app(frozen(demo_store), meeting.id, theme="textual-dark")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+l", "enter", "7", "tab", *keys_for("Jeg kan skifte bus"))
        await pilot.press("tab", "6")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)  # type: ignore[operator]


@pytest.mark.parametrize("language", LANGUAGES)
def test_snapshot_who5(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    meeting = register.list_meetings(demo_store)[-1]
    MeetingSession(demo_store, meeting.id).set_phase(Phase.AFRUNDING)
    app = make_app(frozen(demo_store), meeting.id, theme="textual-dark")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)  # type: ignore[operator]


@pytest.mark.parametrize("language", LANGUAGES)
def test_snapshot_who5_form(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    meeting = register.list_meetings(demo_store)[-1]
    app = make_app(frozen(demo_store), meeting.id, theme="textual-dark")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+t", "n", "4", "3", "4")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)  # type: ignore[operator]


# --- the terminal charts -------------------------------------------------------------------


def test_chart_rows_carry_their_numbers_and_the_difference(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    bus = measures.ruler_by_goal(store, citizen_id)["At tage bussen alene"]
    rows = ruler_rows(bus, "Karsten")
    assert "███░░░░░░░  3" in rows[0] and "████░░░░░░  4" in rows[0]
    assert t("ruler.apart", n=1) in rows[0] and "Mette (bostøtte)" in rows[0]
    assert "Jeg kan tage bussen, når Mette er med." in rows[1]
    trend = who5_rows(wellbeing.who5_history(store, citizen_id))
    assert all(t("who5.score", score=s) in r for r, s in zip(trend, (32, 56), strict=True))
    occasions = ("start", "tre_maaneder")
    assert all(t(f"who5.occasion.{o}") in r for r, o in zip(trend, occasions, strict=True))
    summary = ruler_summary(measures.ruler_by_goal(store, citizen_id))
    assert "At tage bussen alene 3 → [b]6[/b]" in summary


def test_bars_and_sparklines() -> None:
    assert bar(0, 10, 10) == "░" * 10 and bar(10, 10, 10) == "█" * 10
    assert bar(56, 100, 20) == "█" * 11 + "░" * 9
    assert sparkline([1, 10, 5], 1, 10) == "▁█▄"
    assert ruler_summary({}).endswith(t("ruler.summary_none"))
