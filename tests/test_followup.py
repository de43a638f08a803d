"""Siden sidst on the demo: last time's plan, reviewed item by item, carried on when wanted."""

from __future__ import annotations

import pytest

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.vocabulary import PlanSection, PlanStatus, Who
from facilitator.meetings import followup, people, plan, register
from facilitator.storage.store import Store


@pytest.fixture
def meeting_id(demo_store: Store) -> int:
    return register.list_meetings(demo_store)[-1].id


def test_earlier_items_are_last_times_approved_plan_in_order(
    demo_store: Store, meeting_id: int
) -> None:
    items = followup.earlier_items(demo_store, meeting_id)
    assert [i.what for i in items] == [
        "Jeg øver busruten til genoptræningen",
        "Vi åbner posten sammen om søndagen",
        "Jeg vil gerne have en følgeven til svømning",
    ]
    previous = followup.earlier_meeting(demo_store, meeting_id)
    assert previous is not None and previous.title == "Opfølgning efter tre måneder"
    assert all(i.meeting_id == previous.id for i in items)
    # "ikke muligt" is not something to follow up on
    assert all(i.section is PlanSection.PLAN for i in items)


def test_items_added_after_the_approval_are_not_part_of_the_agreed_plan(
    demo_store: Store, meeting_id: int
) -> None:
    previous = followup.earlier_meeting(demo_store, meeting_id)
    assert previous is not None
    plan.add_plan_item(demo_store, previous.id, "Skrevet ind bagefter")
    assert "Skrevet ind bagefter" not in [
        i.what for i in followup.earlier_items(demo_store, meeting_id)
    ]


def test_without_an_approved_version_the_current_items_count(store: Store) -> None:
    citizen = people.add_citizen(store, "Ny Borger")
    from datetime import date

    first = register.add_meeting(store, citizen.id, date(2026, 1, 5))
    plan.add_plan_item(store, first.id, "Gå en tur hver dag", who=Who.SELV)
    second = register.add_meeting(store, citizen.id, date(2026, 3, 2))
    assert [i.what for i in followup.earlier_items(store, second.id)] == ["Gå en tur hver dag"]
    assert followup.earlier_items(store, first.id) == []


def test_review_records_status_and_what_now(demo_store: Store, meeting_id: int) -> None:
    first, second, third = followup.earlier_items(demo_store, meeting_id)
    done = followup.review(
        demo_store, meeting_id, first.id, PlanStatus.DELVIST, "Vi øver to gange mere"
    )
    assert done.status is PlanStatus.DELVIST
    assert done.review == "Vi øver to gange mere"
    # one part at a time: the text stays when only the status changes, and the other way round
    assert followup.review(demo_store, meeting_id, first.id, "gjort").review == (
        "Vi øver to gange mere"
    )
    again = followup.review(demo_store, meeting_id, first.id, what_now="  Færdig  ")
    assert (again.status, again.review) == (PlanStatus.GJORT, "Færdig")
    followup.review(demo_store, meeting_id, second.id, PlanStatus.IKKE_GJORT, "")
    followup.review(demo_store, meeting_id, third.id, PlanStatus.DROPPET, "Han vil hellere gå")
    statuses = [i.status for i in followup.earlier_items(demo_store, meeting_id)]
    assert statuses == [PlanStatus.GJORT, PlanStatus.IKKE_GJORT, PlanStatus.DROPPET]


def test_review_never_alters_the_approved_version(demo_store: Store, meeting_id: int) -> None:
    previous = followup.earlier_meeting(demo_store, meeting_id)
    assert previous is not None
    before = plan.last_approved(demo_store, previous.id)
    assert before is not None
    for item in followup.earlier_items(demo_store, meeting_id):
        followup.review(demo_store, meeting_id, item.id, PlanStatus.GJORT, "Det gik godt")
        followup.carry_on(demo_store, meeting_id, item.id)
    after = plan.last_approved(demo_store, previous.id)
    assert after == before
    assert [v.version for v in plan.versions(demo_store, previous.id)] == [before.version]
    assert all(i["status"] == "aftalt" and i["review"] == "" for i in after.snapshot["items"])


def test_review_refuses_the_starting_status_and_unknown_items(
    demo_store: Store, meeting_id: int
) -> None:
    first = followup.earlier_items(demo_store, meeting_id)[0]
    with pytest.raises(FacilitatorError, match="gjort, delvist"):
        followup.review(demo_store, meeting_id, first.id, PlanStatus.AFTALT)
    with pytest.raises(FacilitatorError, match="gjort, delvist"):
        followup.review(demo_store, meeting_id, first.id, "måske")
    current_item = plan.add_plan_item(demo_store, meeting_id, "Noget nyt")
    with pytest.raises(FacilitatorError, match="ikke med i planen fra sidst"):
        followup.review(demo_store, meeting_id, current_item.id, PlanStatus.GJORT)
    with pytest.raises(FacilitatorError, match="for lang"):
        followup.review(demo_store, meeting_id, first.id, what_now="x" * 2001)


def test_carry_on_copies_into_todays_plan_once(demo_store: Store, meeting_id: int) -> None:
    first = followup.earlier_items(demo_store, meeting_id)[0]
    carried = followup.carry_on(demo_store, meeting_id, first.id)
    assert carried.meeting_id == meeting_id
    assert carried.carried_from == first.id
    assert (carried.what, carried.who, carried.with_whom, carried.follow_up) == (
        first.what,
        first.who,
        first.with_whom,
        first.follow_up,
    )
    assert carried.section is PlanSection.PLAN
    assert carried.status is PlanStatus.AFTALT
    assert carried.by_when == first.by_when != ""  # nothing agreed is lost
    assert followup.carry_on(demo_store, meeting_id, first.id) == carried
    assert len(plan.plan_items(demo_store, meeting_id)) == 1
    assert followup.carried_item(demo_store, meeting_id, first.id) == carried
    assert followup.carried_ids(demo_store, meeting_id) == {first.id}


def test_first_open_points_at_the_first_item_not_looked_at(
    demo_store: Store, meeting_id: int
) -> None:
    items = followup.earlier_items(demo_store, meeting_id)
    assert followup.first_open(items) == 0
    followup.review(demo_store, meeting_id, items[0].id, PlanStatus.GJORT)
    assert followup.first_open(followup.earlier_items(demo_store, meeting_id)) == 1
    for item in items:
        followup.review(demo_store, meeting_id, item.id, PlanStatus.GJORT)
    assert followup.first_open(followup.earlier_items(demo_store, meeting_id)) == 0


def test_what_now_goes_with_the_carried_item_into_the_documents(
    demo_store: Store, meeting_id: int
) -> None:
    from facilitator.documents import compose

    first, second = followup.earlier_items(demo_store, meeting_id)[:2]
    carried = followup.carry_on(demo_store, meeting_id, first.id)
    # "Hvad nu?" may be written after the item was carried on: the documents still show it.
    followup.review(demo_store, meeting_id, first.id, PlanStatus.DELVIST, "Nu kun de sidste stop")
    followup.review(demo_store, meeting_id, second.id, PlanStatus.GJORT, "Ikke båret videre")
    data = plan.snapshot(demo_store, meeting_id)
    (shown,) = data["items"]
    assert shown["id"] == carried.id and shown["what_now"] == "Nu kun de sidste stop"
    assert shown["by_when"] == first.by_when
    for kind in ("citizen", "s141"):
        for fmt in ("md", "html"):
            text = compose.render_plan_document(demo_store, meeting_id, kind, fmt).content
            assert isinstance(text, str)
            assert "Hvad nu?" in text and "Nu kun de sidste stop" in text, (kind, fmt)
            assert first.by_when in text and "Ikke båret videre" not in text
