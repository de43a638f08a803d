"""Citizens, the people they invite to a meeting, and their "Mig" card.

The meetings themselves and their topics are in :mod:`facilitator.meetings.register`."""

from __future__ import annotations

from pathlib import Path

from facilitator.domain.errors import FacilitatorError, NotFound
from facilitator.domain.meeting import Participant
from facilitator.domain.records import Citizen, MigCard
from facilitator.domain.safetext import clean_text
from facilitator.domain.vocabulary import ParticipantKind
from facilitator.i18n import t
from facilitator.storage import paths
from facilitator.storage.store import Store

MAX_NAME = 200
MAX_TEXT = 2000


def clean_field(text: str, limit: int, what: str) -> str:
    """Trim and refuse empty or oversized text with one clear sentence."""
    cleaned = " ".join(clean_text(text).split())
    if not cleaned:
        raise FacilitatorError(t("err.empty", what=what))
    if len(cleaned) > limit:
        raise FacilitatorError(t("err.too_long", what=what, limit=limit))
    return cleaned


# --- citizens ------------------------------------------------------------------


FIRST_BORN_YEAR, LAST_BORN_YEAR = 1900, 2100


def parse_born_year(text: str) -> int | None:
    """The year a citizen was born, as typed: None when left empty; a year that cannot be
    right is refused with a sentence (never dropped without a word)."""
    value = text.strip()
    if not value:
        return None
    if value.isdigit() and FIRST_BORN_YEAR <= int(value) <= LAST_BORN_YEAR:
        return int(value)
    raise FacilitatorError(
        t("err.born_year", value=value, first=FIRST_BORN_YEAR, last=LAST_BORN_YEAR)
    )


def add_citizen(store: Store, name: str, born_year: int | None = None) -> Citizen:
    """Create a citizen; the citizen is the first participant of each meeting."""
    name = clean_field(name, MAX_NAME, t("word.name"))
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
