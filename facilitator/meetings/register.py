"""The register of meetings: a citizen's meetings, their fields, and what the citizen wants
to talk about at each ("Det vil jeg gerne tale om")."""

from __future__ import annotations

from datetime import date, timedelta

from facilitator.domain.errors import NotFound
from facilitator.domain.records import MeetingInfo, Topic
from facilitator.domain.vocabulary import ParticipantKind
from facilitator.i18n import t
from facilitator.i18n.dates import long_date
from facilitator.meetings.people import MAX_TEXT, clean_field, get_citizen
from facilitator.storage.store import Store

# --- meetings ------------------------------------------------------------------


def default_title(when: date) -> str:
    """The title of a meeting nobody named: "Møde 30. november 2026" (English: "Meeting …")."""
    return t("meeting.default_title", date=long_date(when.isoformat()))


def add_meeting(
    store: Store,
    citizen_id: int,
    when: date | None = None,
    title: str = "",
    time_box_minutes: int = 90,
) -> MeetingInfo:
    """Create a meeting with the citizen already in the circle, first in the order.

    A meeting without a title is called by its date ("Møde 30. november 2026"), so no list
    shows a blank where the meeting should be named."""
    citizen = get_citizen(store, citizen_id)
    when = when or store.now_dt().date()
    title = title.strip() or default_title(when)
    with store.atomic():
        mid = store.insert(
            "meetings",
            {
                "citizen_id": citizen.id,
                "date": when.isoformat(),
                "title": title,
                "time_box_minutes": time_box_minutes,
                "next_meeting": (when + timedelta(weeks=8)).isoformat(),
                "created_at": store.now(),
            },
        )
        store.insert(
            "participants",
            {
                "meeting_id": mid,
                "name": citizen.name,
                "relation": "",
                "kind": ParticipantKind.BORGER.value,
                "department": "",
                "position": 0,
            },
        )
        store.audit("create", "meeting", mid, citizen.id)
    return get_meeting(store, mid)


def get_meeting(store: Store, meeting_id: int) -> MeetingInfo:
    row = store.row("SELECT * FROM meetings WHERE id = ?", [meeting_id])
    if row is None:
        raise NotFound(t("err.no_meeting", id=meeting_id))
    return MeetingInfo.from_row(row)


def list_meetings(store: Store, citizen_id: int | None = None) -> list[MeetingInfo]:
    if citizen_id is None:
        rows = store.rows("SELECT * FROM meetings ORDER BY date, id")
    else:
        rows = store.rows(
            "SELECT * FROM meetings WHERE citizen_id = ? ORDER BY date, id", [citizen_id]
        )
    return [MeetingInfo.from_row(r) for r in rows]


def previous_meeting(store: Store, meeting: MeetingInfo) -> MeetingInfo | None:
    """The citizen's meeting before this one, if any."""
    row = store.row(
        "SELECT * FROM meetings WHERE citizen_id = ? AND (date < ? OR (date = ? AND id < ?))"
        " ORDER BY date DESC, id DESC LIMIT 1",
        [meeting.citizen_id, meeting.date, meeting.date, meeting.id],
    )
    return MeetingInfo.from_row(row) if row else None


def set_meeting_fields(store: Store, meeting_id: int, **values: object) -> None:
    allowed = {"next_meeting", "handover", "title", "time_box_minutes", "status", "ended_at"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"not a meeting field: {sorted(unknown)}")
    with store.atomic():
        store.update("meetings", meeting_id, dict(values))
        meeting = get_meeting(store, meeting_id)
        store.audit("change", "meeting", meeting_id, meeting.citizen_id)


# --- topics ---------------------------------------------------------------------


def topics(store: Store, meeting_id: int) -> list[Topic]:
    return [
        Topic(r["id"], r["meeting_id"], r["text"], r["position"])
        for r in store.rows(
            "SELECT * FROM topics WHERE meeting_id = ? ORDER BY position, id", [meeting_id]
        )
    ]


def add_topic(store: Store, meeting_id: int, text: str) -> Topic:
    """A topic in the citizen's own words ("Det vil jeg gerne tale om")."""
    text = clean_field(text, MAX_TEXT, t("word.topic"))
    meeting = get_meeting(store, meeting_id)
    with store.atomic():
        position = len(topics(store, meeting_id))
        record = {"meeting_id": meeting_id, "text": text, "position": position}
        tid = store.create("topics", record, "topic", meeting.citizen_id)
    return Topic(tid, meeting_id, text, position)


def remove_topic(store: Store, topic_id: int) -> None:
    row = store.row(
        "SELECT m.citizen_id FROM topics tp JOIN meetings m ON m.id = tp.meeting_id"
        " WHERE tp.id = ?",
        [topic_id],
    )
    with store.atomic():
        store.db.execute("DELETE FROM topics WHERE id = ?", [topic_id])
        # With the citizen's id, so erasing the citizen erases this entry too.
        store.audit("delete", "topic", topic_id, row["citizen_id"] if row else None)
