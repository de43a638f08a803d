"""Siden sidst: the next meeting opens with last time's plan — did it happen, and what now?

The review is written on the earlier meeting's plan items (status and "what now"); the
approved plan version that the citizen said yes to is never touched (a trigger forbids it).
"""

from __future__ import annotations

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import MeetingInfo, PlanItem
from facilitator.domain.vocabulary import PlanSection, PlanStatus
from facilitator.i18n import t
from facilitator.meetings import plan, register
from facilitator.storage.store import Store

#: The answers to "Skete det?" — every status except the one an item starts with.
REVIEW_STATUSES: tuple[PlanStatus, ...] = (
    PlanStatus.GJORT,
    PlanStatus.DELVIST,
    PlanStatus.IKKE_GJORT,
    PlanStatus.DROPPET,
)
MAX_WHAT_NOW = 2000


def earlier_meeting(store: Store, meeting_id: int) -> MeetingInfo | None:
    """The citizen's meeting before this one, if any."""
    return register.previous_meeting(store, register.get_meeting(store, meeting_id))


def earlier_items(store: Store, meeting_id: int) -> list[PlanItem]:
    """The plan items of the previous meeting, in the order of its last approved plan.

    Without an approved version, the previous meeting's current plan items are used.
    Items added after the approval are not part of what was agreed, so they are left out.
    """
    previous = earlier_meeting(store, meeting_id)
    if previous is None:
        return []
    current = plan.plan_items(store, previous.id, PlanSection.PLAN)
    approved = plan.last_approved(store, previous.id)
    if approved is None:
        return current
    by_id = {item.id: item for item in current}
    ids = [int(entry["id"]) for entry in approved.snapshot.get("items", [])]
    return [by_id[i] for i in ids if i in by_id]


def _earlier_item(store: Store, meeting_id: int, item_id: int) -> PlanItem:
    for item in earlier_items(store, meeting_id):
        if item.id == item_id:
            return item
    raise FacilitatorError(t("since.err_not_earlier", id=item_id))


def review(
    store: Store,
    meeting_id: int,
    item_id: int,
    status: PlanStatus | str | None = None,
    what_now: str | None = None,
) -> PlanItem:
    """Record "Skete det?" (gjort, delvist, ikke_gjort, droppet) and "Hvad nu?" on an earlier item.

    ``None`` leaves that part as it is, so the status and the text can be given one at a time.
    """
    item = _earlier_item(store, meeting_id, item_id)
    fields: dict[str, object] = {}
    if status is not None:
        try:
            chosen = PlanStatus(status)
        except ValueError:
            chosen = None
        if chosen not in REVIEW_STATUSES:
            raise FacilitatorError(t("since.err_status"))
        fields["status"] = chosen
    if what_now is not None:
        text = " ".join(what_now.replace("\x00", "").split())
        if len(text) > MAX_WHAT_NOW:
            raise FacilitatorError(
                t("err.too_long", what=t("since.what_now_word"), limit=MAX_WHAT_NOW)
            )
        fields["review"] = text
    if not fields:
        return item
    return plan.update_plan_item(store, item.id, **fields)


def carried_item(store: Store, meeting_id: int, item_id: int) -> PlanItem | None:
    """The item in this meeting's plan that carries the earlier item on, if there is one."""
    for item in plan.plan_items(store, meeting_id):
        if item.carried_from == item_id:
            return item
    return None


def carry_on(store: Store, meeting_id: int, item_id: int) -> PlanItem:
    """The citizen wants to keep working on it: copy it into this meeting's plan (once).

    The what, who, with whom, by when and who follows up come along: nothing agreed is
    lost (the plan phase may change any of it). "Hvad nu?" stays on the earlier item and
    is shown with the carried one (plan.snapshot), so a later edit there is seen too.
    """
    item = _earlier_item(store, meeting_id, item_id)
    existing = carried_item(store, meeting_id, item.id)
    if existing is not None:
        return existing
    return plan.add_plan_item(
        store,
        meeting_id,
        item.what,
        section=PlanSection.PLAN,
        who=item.who,
        with_whom=item.with_whom,
        by_when=item.by_when,
        follow_up=item.follow_up,
        needs_decision=item.needs_decision,
        carried_from=item.id,
    )


def carried_ids(store: Store, meeting_id: int) -> set[int]:
    """Ids of the earlier items this meeting's plan already carries on."""
    return {i.carried_from for i in plan.plan_items(store, meeting_id) if i.carried_from}


def first_open(items: list[PlanItem]) -> int:
    """Index of the first item nobody has looked at yet (0 when all are reviewed)."""
    for index, item in enumerate(items):
        if item.status is PlanStatus.AFTALT and not item.review:
            return index
    return 0
