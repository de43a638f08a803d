"""The main screens at 100×30 (a small projector or a laptop) and the plan with items at both
sizes: nothing cut, footers whole, the speaker's name big."""

from __future__ import annotations

import pytest

from facilitator.domain.vocabulary import NoteKind, Phase
from facilitator.i18n import set_language
from facilitator.meetings import register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from tests.conftest import frozen
from tests.test_plan_screen import settle
from tests.test_since_closing import _held, _reviewed, at_phase
from tests.test_small_wall import with_last_plan

SMALL = (100, 30)
LARGE = (140, 42)


def _meeting(store: Store) -> int:
    return register.list_meetings(store)[-1].id


@pytest.mark.parametrize("language", ["da", "en"])
def test_snapshot_rounds_small(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    session = MeetingSession(demo_store, _meeting(demo_store))
    session.set_phase(Phase.RUNDER)
    session.add_note(NoteKind.OENSKE, "Jeg vil gerne tage bussen alene til genoptræning.")
    app = make_app(frozen(demo_store), session.meeting_id, theme="textual-dark")
    assert snap_compare(app, terminal_size=SMALL)  # type: ignore[operator]


def test_snapshot_welcome_small(demo_store: Store, snap_compare: object) -> None:
    session = MeetingSession(demo_store, _meeting(demo_store))
    session.set_phase(Phase.VELKOMST)
    app = make_app(frozen(demo_store), session.meeting_id, theme="textual-dark")
    assert snap_compare(app, terminal_size=SMALL)  # type: ignore[operator]


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["100x30", "140x42"])
def test_snapshot_plan_with_items(
    size: tuple[int, int], demo_store: Store, snap_compare: object
) -> None:
    meeting_id = _meeting(demo_store)
    with_last_plan(demo_store, meeting_id)
    MeetingSession(demo_store, meeting_id).set_phase(Phase.PLAN)
    app = make_app(frozen(demo_store), meeting_id, theme="textual-dark")

    async def run_before(pilot: object) -> None:
        await settle(pilot.app, pilot)  # type: ignore[attr-defined]

    assert snap_compare(app, terminal_size=size, run_before=run_before)  # type: ignore[operator]


def test_snapshot_since_small(demo_store: Store, snap_compare: object) -> None:
    meeting_id = _meeting(demo_store)
    _reviewed(demo_store, meeting_id)
    at_phase(demo_store, meeting_id, Phase.SIDEN_SIDST)
    app = make_app(frozen(demo_store), meeting_id, theme="textual-dark")
    assert snap_compare(app, terminal_size=SMALL, press=["p", "p"])  # type: ignore[operator]


def test_snapshot_closing_small(demo_store: Store, snap_compare: object) -> None:
    meeting_id = _meeting(demo_store)
    _held(demo_store, meeting_id)
    app = make_app(frozen(demo_store), meeting_id, theme="textual-dark")
    assert snap_compare(app, terminal_size=SMALL)  # type: ignore[operator]


def test_snapshot_plan_view_small(demo_store: Store, snap_compare: object) -> None:
    app = make_app(frozen(demo_store), None, theme="textual-dark")

    async def run_before(pilot: object) -> None:
        await pilot.press("down", "p", "pagedown")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)  # type: ignore[operator]
