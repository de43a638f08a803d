"""Citizens, their meetings, who they invite and what they want to talk about."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from facilitator.domain.errors import FacilitatorError, NotFound
from facilitator.domain.meeting import Participant
from facilitator.domain.records import Citizen, MeetingInfo, MigCard, Topic
from facilitator.domain.safetext import clean_text
from facilitator.domain.vocabulary import ParticipantKind
from facilitator.i18n import t
from facilitator.i18n.dates import long_date
from facilitator.storage import paths
from facilitator.storage.store import Store

MAX_NAME = 200
MAX_TEXT = 2000


def _clean(text: str, limit: int, what: str) -> str:
    """Trim and refuse empty or oversized text with one clear sentence."""
    cleaned = " ".join(clean_text(text).split())
    if not cleaned:
        raise FacilitatorError(t("err.empty", what=what))
    if len(cleaned) > limit:
        raise FacilitatorError(t("err.too_long", what=what, limit=limit))
    return cleaned


# --- citizens ------------------------------------------------------------------


def add_citizen(store: Store, name: str, born_year: int | None = None) -> Citizen:
    """Create a citizen; the citizen is the first participant of each meeting."""
    name = _clean(name, MAX_NAME, t("word.name"))
    with store.atomic():
        cid = store.insert(
            "citizens",
            {"name": name, "born_year": born_year, "language": "da", "created_at": store.now()},
        )
        store.audit("create", "citizen", cid, cid)
    return get_citizen(store, cid)


def get_citizen(store: Store, citizen_id: int) -> Citizen:
    row = store.row("SELECT * FROM citizens WHERE id = ?", [citizen_id])
    if row is None:
        raise NotFound(t("err.no_citizen", id=citizen_id))
    return Citizen(row["id"], row["name"], row["born_year"], row["language"], row["created_at"])


def list_citizens(store: Store) -> list[Citizen]:
    return [
        Citizen(r["id"], r["name"], r["born_year"], r["language"], r["created_at"])
        for r in store.rows("SELECT * FROM citizens ORDER BY name, id")
    ]


def find_citizen(store: Store, ref: str) -> Citizen:
    """A citizen by id or by exact (case-insensitive) name."""
    ref = " ".join(clean_text(ref).split())
    shown = ref if len(ref) <= 60 else f"{ref[:60]}…"  # quoted in the message
    if ref.isascii() and ref.isdigit():
        if len(ref) > 18:  # beyond SQLite's integers: no such citizen
            raise NotFound(t("err.no_citizen", id=shown))
        return get_citizen(store, int(ref))
    rows = store.rows("SELECT id FROM citizens WHERE lower(name) = lower(?)", [ref])
    if len(rows) == 1:
        return get_citizen(store, rows[0]["id"])
    if len(rows) > 1:
        raise FacilitatorError(t("err.citizen_ambiguous", name=ref))
    raise NotFound(t("err.no_citizen", id=shown))


def get_mig_card(store: Store, citizen_id: int) -> MigCard:
    row = store.row("SELECT * FROM mig_cards WHERE citizen_id = ?", [citizen_id])
    if row is None:
        return MigCard(citizen_id)
    return MigCard(
        citizen_id,
        row["about"],
        row["likes"],
        row["dreams"],
        row["know_about_me"],
        bool(row["show_on_wall"]),
        row["contact"],
    )


def save_mig_card(store: Store, card: MigCard) -> None:
    with store.atomic():
        store.db.execute(
            "INSERT INTO mig_cards (citizen_id, about, likes, dreams, know_about_me, show_on_wall,"
            " contact, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(citizen_id) DO"
            " UPDATE SET about = excluded.about, likes = excluded.likes,"
            " dreams = excluded.dreams, know_about_me = excluded.know_about_me,"
            " show_on_wall = excluded.show_on_wall, contact = excluded.contact,"
            " updated_at = excluded.updated_at",
            [
                card.citizen_id,
                card.about,
                card.likes,
                card.dreams,
                card.know_about_me,
                int(card.show_on_wall),
                card.contact,
                store.now(),
            ],
        )
        store.audit("change", "mig_card", card.citizen_id, card.citizen_id)


def demo_elsewhere(store: Store) -> Path | None:
    """The demo's home, when this home holds no citizen and `make demo` left one nearby:
    a person who ran `make demo` and then `facilitator` should not meet an empty wall."""
    if store.row("SELECT 1 AS x FROM citizens LIMIT 1") is not None:
        return None
    found = paths.demo_homes()
    return found[0] if found else None


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


# --- participants ---------------------------------------------------------------


def participant_from_row(row: dict[str, object]) -> Participant:
    return Participant(
        id=int(row["id"]),  # type: ignore[call-overload]
        name=str(row["name"]),
        kind=ParticipantKind(str(row["kind"])),
        relation=str(row["relation"]),
        department=str(row["department"]),
        position=int(row["position"]),  # type: ignore[call-overload]
        joined_round=int(row["joined_round"]),  # type: ignore[call-overload]
        removed=bool(row["removed"]),
    )


def participants(store: Store, meeting_id: int, include_removed: bool = True) -> list[Participant]:
    rows = store.rows(
        "SELECT * FROM participants WHERE meeting_id = ? ORDER BY position, id", [meeting_id]
    )
    found = [participant_from_row(r) for r in rows]
    return found if include_removed else [p for p in found if not p.removed]


def topics(store: Store, meeting_id: int) -> list[Topic]:
    return [
        Topic(r["id"], r["meeting_id"], r["text"], r["position"])
        for r in store.rows(
            "SELECT * FROM topics WHERE meeting_id = ? ORDER BY position, id", [meeting_id]
        )
    ]


def add_topic(store: Store, meeting_id: int, text: str) -> Topic:
    """A topic in the citizen's own words ("Det vil jeg gerne tale om")."""
    text = _clean(text, MAX_TEXT, t("word.topic"))
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


def department_names(store: Store, language: str = "da") -> dict[str, str]:
    """Department id → its name in the language (Danish when there is no translation)."""
    column = "name" if language == "da" else "name_en"
    rows = store.rows("SELECT id, name, name_en FROM departments")
    return {str(r["id"]): str(r[column] or r["name"]) for r in rows}
