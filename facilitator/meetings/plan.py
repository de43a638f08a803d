"""Plan items, the plan as one snapshot, and its versions with the citizen's approval."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Literal

from facilitator.domain.errors import FacilitatorError, NotFound
from facilitator.domain.privacy import mask_deep
from facilitator.domain.records import Note, PlanItem, PlanVersion
from facilitator.domain.snapshot import OwnWords, PlanSnapshot, SaidWords, SnapshotItem
from facilitator.domain.vocabulary import (
    NoteKind,
    ParticipantKind,
    PlanSection,
    PlanStatus,
    Who,
)
from facilitator.i18n import t, tn
from facilitator.meetings import consent, people, register
from facilitator.meetings.speakers import said_by as said_by_notes
from facilitator.storage.store import Store

PLAN_FIELDS = (
    "section",
    "what",
    "who",
    "with_whom",
    "by_when",
    "follow_up",
    "status",
    "needs_decision",
    "reason",
    "other_ways",
    "source_note_id",
    "source_suggestion_id",
    "carried_from",
    "review",
)


def plan_items(store: Store, meeting_id: int, section: PlanSection | None = None) -> list[PlanItem]:
    rows = store.rows(
        "SELECT * FROM plan_items WHERE meeting_id = ? ORDER BY position, id", [meeting_id]
    )
    items = [PlanItem.from_row(r) for r in rows]
    return [i for i in items if section is None or i.section is section]


def get_plan_item(store: Store, item_id: int) -> PlanItem:
    row = store.row("SELECT * FROM plan_items WHERE id = ?", [item_id])
    if row is None:
        raise NotFound(t("err.no_plan_item", id=item_id))
    return PlanItem.from_row(row)


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"not a plan item field: {sorted(unknown)}")
    values: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "section":
            value = PlanSection(value).value
        elif key == "who":
            value = Who(value).value if value else None
        elif key == "status":
            value = PlanStatus(value).value
        elif key == "needs_decision":
            value = int(bool(value))
        elif isinstance(value, str):
            value = " ".join(value.replace("\x00", "").split())[:2000]
        values[key] = value
    return values


def add_plan_item(store: Store, meeting_id: int, what: str, **fields: Any) -> PlanItem:
    """A plan item in the citizen's words; only the citizen's yes puts a suggestion here."""
    what = " ".join(what.replace("\x00", "").split())
    if not what:
        raise FacilitatorError(t("err.empty", what=t("word.text")))
    meeting = register.get_meeting(store, meeting_id)
    values = _values(fields)
    now = store.now()
    with store.atomic():
        position = len(plan_items(store, meeting_id))
        item_id = store.create(
            "plan_items",
            {
                "meeting_id": meeting_id,
                "what": what[:2000],
                "position": position,
                "created_at": now,
                "updated_at": now,
                **values,
            },
            "plan_item",
            meeting.citizen_id,
        )
    return get_plan_item(store, item_id)


def update_plan_item(store: Store, item_id: int, **fields: Any) -> PlanItem:
    item = get_plan_item(store, item_id)
    meeting = register.get_meeting(store, item.meeting_id)
    values = _values({k: v for k, v in fields.items() if k != "what"})
    if "what" in fields:
        what = " ".join(str(fields["what"]).split())
        if not what:
            raise FacilitatorError(t("err.empty", what=t("word.text")))
        values["what"] = what[:2000]
    with store.atomic():
        store.update("plan_items", item_id, {**values, "updated_at": store.now()})
        store.audit("change", "plan_item", item_id, meeting.citizen_id)
    return get_plan_item(store, item_id)


def delete_plan_item(store: Store, item_id: int) -> None:
    item = get_plan_item(store, item_id)
    meeting = register.get_meeting(store, item.meeting_id)
    with store.atomic():
        store.db.execute("DELETE FROM plan_items WHERE id = ?", [item_id])
        store.audit("delete", "plan_item", item_id, meeting.citizen_id)
        # A consent to this item ends with it; its id is never handed out again (m011).
        consent.end_item(store, item_id, meeting.citizen_id)


#: Which of the citizen's own notes fill which part of Min plan.
OWN_NOTES: dict[str, frozenset[NoteKind]] = {
    "dreams": frozenset({NoteKind.DROEM, NoteKind.OENSKE}),
    "strengths": frozenset({NoteKind.RESSOURCE}),
    "needs": frozenset({NoteKind.BEHOV}),
    "worries": frozenset({NoteKind.BEKYMRING}),
}


def _own_notes(store: Store, meeting_id: int, participant_id: int | None) -> OwnWords:
    """The citizen's own notes of a meeting, by the part of the plan they belong in."""
    own = OwnWords(dreams=[], strengths=[], needs=[], worries=[])
    if participant_id is None:
        return own
    rows = store.rows(
        "SELECT * FROM notes WHERE meeting_id = ? AND participant_id = ? ORDER BY id",
        [meeting_id, participant_id],
    )
    for note in (Note.from_row(r) for r in rows):
        for key, kinds in OWN_NOTES.items():
            if note.kind in kinds:
                own[key].append(note.text)  # type: ignore[literal-required]
    return own


def snapshot(store: Store, meeting_id: int) -> PlanSnapshot:
    """Everything the plan documents show, as plain data (CPR numbers masked).

    Min plan, the § 141 view and a guide's brief all render from this one snapshot,
    so they can never disagree.
    """
    meeting = register.get_meeting(store, meeting_id)
    citizen = people.get_citizen(store, meeting.citizen_id)
    card = people.get_mig_card(store, citizen.id)
    everyone = people.participants(store, meeting_id)
    citizen_p = next((p for p in everyone if p.kind is ParticipantKind.BORGER), None)
    # Someone removed from the circle is in no plan document; what they said stays in the
    # record (and in the citizen's own export), but not under "Hvem er med".
    names = {p.id: p.name for p in everyone if not p.removed}
    own = _own_notes(store, meeting_id, citizen_p.id if citizen_p else None)

    def what_now(item: PlanItem) -> str | None:
        """ "Hvad nu?" from Siden sidst, written on the earlier item this one carries on."""
        if item.carried_from is None:
            return None
        row = store.row("SELECT review FROM plan_items WHERE id = ?", [item.carried_from])
        return str(row["review"]) if row is not None and row["review"] else None

    def item_data(item: PlanItem) -> SnapshotItem:
        data: SnapshotItem = {
            "id": item.id,
            "section": item.section.value,
            "what": item.what,
            "who": item.who.value if item.who else None,
            "with_whom": item.with_whom,
            "by_when": item.by_when,
            "follow_up": item.follow_up,
            "status": item.status.value,
            "needs_decision": item.needs_decision,
            "reason": item.reason,
            "other_ways": item.other_ways,
            "review": item.review,
        }
        said = what_now(item)
        if said:  # only a carried item has the key, so older versions compare unchanged
            data["what_now"] = said
        words = said_by(item)
        if words is not None:  # the same: only an item made from someone else's words
            data["said_by"] = words
        return data

    def said_by(item: PlanItem) -> SaidWords | None:
        """Whose words the item was made from, unless they were the citizen's own (now)."""
        said = speakers.get(item.source_note_id) if item.source_note_id else None
        if said is None or (said.is_citizen and not said.future_dialogue):
            return None
        return {
            "name": said.first_name,
            "role": said.relation.strip(),
            "kind": said.kind.value,
            "future": said.future_dialogue,
        }

    items = plan_items(store, meeting_id)
    speakers = said_by_notes(store, (i.source_note_id for i in items))  # one query for all
    data: PlanSnapshot = mask_deep(
        {  # every text masked, names and titles too
            "citizen": {"id": citizen.id, "name": citizen.name, "born_year": citizen.born_year},
            "meeting": {
                "id": meeting.id,
                "date": meeting.date,
                "title": meeting.title,
                "next_meeting": meeting.next_meeting,
                "handover": meeting.handover,
            },
            "mig": card.words(),
            "topics": [tp.text for tp in register.topics(store, meeting_id)],
            "own": own,
            "participants": [
                {
                    "name": p.name,
                    "kind": p.kind.value,
                    "relation": p.relation,
                    "department": p.department,
                }
                for p in everyone
                if not p.removed
            ],
            "items": [item_data(i) for i in items if i.section is PlanSection.PLAN],
            "not_possible": [item_data(i) for i in items if i.section is PlanSection.IKKE_MULIGT],
            "parked": [item_data(i) for i in items if i.section is PlanSection.PARKERING],
            "speaker_names": {str(k): v for k, v in names.items()},
        }
    )
    return data


# --- versions ------------------------------------------------------------------

#: What "Siden sidst" writes onto an item later (did it happen, what now): the follow-up of a
#: plan, not its content, so it never makes a new version or unsettles an approved one.
FOLLOW_UP_FIELDS = ("status", "review")
#: The sections of a snapshot that hold plan items.
Section = Literal["items", "not_possible", "parked"]


def plan_content(data: PlanSnapshot) -> dict[str, Any]:
    """A snapshot without the follow-up fields: what the citizen said yes to."""
    sections: tuple[Section, ...] = ("items", "not_possible", "parked")
    return {
        **data,
        **{
            key: [{k: v for k, v in i.items() if k not in FOLLOW_UP_FIELDS} for i in data[key]]
            for key in sections
            if key in data
        },
    }


def same_plan(a: PlanSnapshot, b: PlanSnapshot) -> bool:
    """Whether two snapshots hold the same plan (the follow-up left aside)."""
    return plan_content(a) == plan_content(b)


def versions(store: Store, meeting_id: int) -> list[PlanVersion]:
    return [
        PlanVersion.from_row(r)
        for r in store.rows(
            "SELECT * FROM plan_versions WHERE meeting_id = ? ORDER BY version", [meeting_id]
        )
    ]


def get_version(store: Store, meeting_id: int, version: int | None = None) -> PlanVersion | None:
    """A stored version (the latest when ``version`` is None)."""
    found = versions(store, meeting_id)
    if version is None:
        return found[-1] if found else None
    for v in found:
        if v.version == version:
            return v
    raise NotFound(t("err.no_plan_version", version=version, id=meeting_id))


def save_version(
    store: Store,
    meeting_id: int,
    render_md: Callable[[PlanSnapshot], str] | None = None,
) -> PlanVersion:
    """Store the plan as it is now; an approved version is never altered, a change is a new one.

    ``render_md`` turns the snapshot into the Markdown kept beside it (read once, used twice).
    """
    meeting = register.get_meeting(store, meeting_id)
    current = snapshot(store, meeting_id)
    rendered_md = render_md(current) if render_md else ""
    latest = get_version(store, meeting_id)
    if latest is not None and same_plan(latest.snapshot, current) and latest.approved_at is None:
        if rendered_md and rendered_md != latest.rendered_md:
            with store.atomic():
                store.check_writer(meeting.citizen_id)  # not audited: a new rendering only
                store.update("plan_versions", latest.id, {"rendered_md": rendered_md})
        return get_version(store, meeting_id, latest.version) or latest
    if latest is not None and same_plan(latest.snapshot, current):
        return latest
    number = (latest.version + 1) if latest else 1
    with store.atomic():
        store.insert(
            "plan_versions",
            {
                "meeting_id": meeting_id,
                "version": number,
                "snapshot": json.dumps(current, ensure_ascii=False, sort_keys=True),
                "rendered_md": rendered_md,
                "created_at": store.now(),
            },
        )
        store.audit("version", "plan", f"{meeting_id}/{number}", meeting.citizen_id)
    found = get_version(store, meeting_id, number)
    assert found is not None
    return found


def approve(store: Store, meeting_id: int, version: int, approved_by: str) -> PlanVersion:
    """The citizen approves this version; the approval is stored with it, for good."""
    meeting = register.get_meeting(store, meeting_id)
    target = get_version(store, meeting_id, version)
    assert target is not None
    if target.approved_at is not None:
        return target
    if target.changes_requested:
        raise FacilitatorError(tn("review.err_marked", len(target.changes_requested)))
    with store.atomic():
        store.update(
            "plan_versions",
            target.id,
            {"approved_at": store.now(), "approved_by": approved_by.strip() or "borger"},
        )
        store.audit("approve", "plan", f"{meeting_id}/{version}", meeting.citizen_id)
    found = get_version(store, meeting_id, version)
    assert found is not None
    return found


def record_read(store: Store, meeting_id: int, version: int | None = None) -> None:
    """Note in the audit log that someone read the citizen's plan (the plan as it is now, or
    one stored version), with the citizen's id so the entry is the citizen's to see and to
    have erased. Every screen and command that shows a plan writes it through here."""
    meeting = register.get_meeting(store, meeting_id)
    ref = str(meeting_id) if version is None else f"{meeting_id}/{version}"
    store.audit("read", "plan", ref, meeting.citizen_id)


def last_approved(store: Store, meeting_id: int) -> PlanVersion | None:
    approved = [v for v in versions(store, meeting_id) if v.approved_at]
    return approved[-1] if approved else None


def request_changes(
    store: Store, meeting_id: int, version: int, item_ids: list[int]
) -> PlanVersion:
    """The citizen marks items of a version to change; the marks are stored with the version.

    An approved version cannot be marked (it is final); the change itself makes a new version.
    """
    meeting = register.get_meeting(store, meeting_id)
    target = get_version(store, meeting_id, version)
    assert target is not None
    if target.approved_at is not None:
        raise FacilitatorError(t("review.err_approved", version=version))
    known = {int(i["id"]) for key in ("items", "not_possible") for i in target.snapshot[key]}
    marked = sorted({int(i) for i in item_ids} & known)
    with store.atomic():
        store.update("plan_versions", target.id, {"changes_requested": json.dumps(marked)})
        store.audit("change", "plan", f"{meeting_id}/{version}", meeting.citizen_id)
    found = get_version(store, meeting_id, version)
    assert found is not None
    return found
