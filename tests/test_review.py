"""The citizen reads the plan item by item and says yes; an approved version never changes."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.vocabulary import Who
from facilitator.i18n import set_language, t
from facilitator.meetings import plan, register
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.plan import PlanScreen
from facilitator.tui.screens.plan_review import PlanReviewScreen
from facilitator.tui.widgets.confirm import Confirm
from tests.conftest import frozen
from tests.test_plan_screen import SIZE, in_plan_phase


def with_items(store: Store) -> int:
    meeting_id = in_plan_phase(store)
    plan.add_plan_item(
        store, meeting_id, "Jeg øver bussen med Mette", who=Who.SAMMEN, follow_up="Mette"
    )
    plan.add_plan_item(
        store,
        meeting_id,
        "Per tager med i svømmehallen",
        who=Who.ANDRE,
        with_whom="Per",
        follow_up="Per",
    )
    return meeting_id


async def test_read_mark_and_approve_by_keys(demo_store: Store) -> None:
    meeting_id = with_items(demo_store)
    app = make_app(demo_store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("ctrl+g")
        review = app.screen
        assert isinstance(review, PlanReviewScreen)
        assert review.version.version == 1
        first = next(i for i, page in enumerate(review.pages) if page.item_id is not None)
        await pilot.press(*["right"] * first)  # the first item, large
        assert "Jeg øver bussen med Mette" in str(review.query_one("#review-what").render())
        await pilot.press("space")  # the citizen wants this one changed
        stored = plan.get_version(demo_store, meeting_id, 1)
        assert stored is not None and stored.changes_requested == [review.pages[first].item_id]
        await pilot.press("j")  # no yes while an item is marked
        assert not isinstance(app.screen, Confirm)
        await pilot.press("space")  # unmarked
        await pilot.press(*["right"] * len(review.pages))  # to the question, last
        assert str(review.query_one("#review-what").render()) == t("review.ask")
        await pilot.press("j")
        assert isinstance(app.screen, Confirm)
        assert "Er det din plan?" in str(app.screen.question)
        await pilot.press("enter")
        assert isinstance(app.screen, PlanReviewScreen)
        assert "sagde ja" in str(review.query_one("#review-state").render())
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)
    approved = plan.get_version(demo_store, meeting_id, 1)
    assert approved is not None and approved.approved_by == "Karsten Demo-Lund"


def test_an_approved_version_is_never_altered(demo_store: Store) -> None:
    meeting_id = with_items(demo_store)
    first = plan.save_version(demo_store, meeting_id)
    plan.approve(demo_store, meeting_id, first.version, "Karsten Demo-Lund")
    frozen_snapshot = plan.get_version(demo_store, meeting_id, 1)
    item = plan.plan_items(demo_store, meeting_id)[0]
    plan.update_plan_item(demo_store, item.id, what="Jeg tager bussen alene")
    second = plan.save_version(demo_store, meeting_id)
    assert second.version == 2 and second.approved_at is None
    assert plan.get_version(demo_store, meeting_id, 1) == frozen_snapshot
    with pytest.raises(FacilitatorError):
        plan.request_changes(demo_store, meeting_id, 1, [item.id])
    with pytest.raises(sqlite3.IntegrityError):  # not even by hand, past the code
        demo_store.db.execute(
            "UPDATE plan_versions SET snapshot = '{}' WHERE meeting_id = ? AND version = 1",
            [meeting_id],
        )
    assert plan.get_version(demo_store, meeting_id, 1) == frozen_snapshot


async def test_save_writes_the_citizens_copies(demo_store: Store) -> None:
    meeting_id = with_items(demo_store)
    app = make_app(demo_store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    from facilitator.storage import paths

    folder = paths.citizen_documents_dir(register.get_meeting(demo_store, meeting_id).citizen_id)
    names = sorted(p.suffix for p in folder.iterdir())
    assert names == [".html", ".md", ".pdf", ".pdf"]
    said = [n.message for n in app._notifications if str(folder) in n.message]
    assert said and all(p.name in said[-1] for p in folder.iterdir())  # every file named
    assert all((p.stat().st_mode & 0o777) == 0o600 for p in folder.iterdir())
    assert (folder.stat().st_mode & 0o777) == 0o700


@pytest.mark.parametrize("language", ["da", "en"])
def test_snapshot_review(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    meeting_id = with_items(demo_store)
    app = make_app(frozen(demo_store), meeting_id, theme="textual-dark")

    async def run_before(pilot: object) -> None:
        # the first item ("Det gør vi" follows the title and the Mig card), marked to change
        await pilot.press("ctrl+g", "right", "right", "space")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)  # type: ignore[operator]


def test_snapshot_review_small_wall(demo_store: Store, snap_compare: object) -> None:
    """100×30: the page, the question and the keys still fit."""
    set_language("da")
    meeting_id = with_items(demo_store)
    app = make_app(frozen(demo_store), meeting_id, theme="textual-dark")

    async def run_before(pilot: object) -> None:
        await pilot.press("ctrl+g")  # type: ignore[attr-defined]
        for _ in range(12):
            await pilot.press("right")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)  # type: ignore[operator]


async def test_brackets_and_backslashes_in_the_plan_never_take_the_wall_down(
    demo_store: Store,
) -> None:
    meeting_id = in_plan_phase(demo_store)
    for text in ("Ring [til Lone", "[/b] og [0m", "Mappen C:\\"):
        plan.add_plan_item(demo_store, meeting_id, text, with_whom=text, follow_up=text)
        plan.add_plan_item(demo_store, meeting_id, text, section="ikke_muligt", reason=text)
    app = make_app(demo_store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        review = app.screen
        assert isinstance(review, PlanReviewScreen)
        shown = []
        for _ in review.pages:
            await pilot.pause()
            shown.append(str(review.query_one("#review-what").render()))
            await pilot.press("right")
        assert "[/b] og [0m" in shown and "Mappen C:\\" in " ".join(shown)
        await pilot.press("escape", "f7")  # on to Afrunding, whose quality check quotes items
        await pilot.pause()
    assert app.return_code in (None, 0)


async def test_an_empty_plan_cannot_be_approved(demo_store: Store) -> None:
    meeting_id = in_plan_phase(demo_store)
    app = make_app(demo_store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "right", "j")
        assert isinstance(app.screen, PlanReviewScreen)  # no question asked
    latest = plan.get_version(demo_store, meeting_id)
    assert latest is not None and latest.approved_at is None
