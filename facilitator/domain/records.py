"""Small dataclasses the store hands out; the UI never sees raw row dicts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from facilitator.domain.snapshot import MigWords, PlanSnapshot
from facilitator.domain.vocabulary import (
    EntryKind,
    NoteKind,
    Phase,
    PlanSection,
    PlanStatus,
    Rating,
    RecipientKind,
    Who,
)


@dataclass(frozen=True)
class Citizen:
    id: int
    name: str
    born_year: int | None
    language: str
    created_at: str


@dataclass(frozen=True)
class MigCard:
    """The citizen's "Mig" card, in their own words."""

    citizen_id: int
    about: str = ""
    likes: str = ""
    dreams: str = ""
    know_about_me: str = ""
    show_on_wall: bool = False
    #: How to reach the citizen; never on the wall or in Min plan, shared only by a
    #: ``contact`` consent (a guide's brief), not by the Mig card's.
    contact: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(self.words().values())

    def words(self) -> MigWords:
        """The four texts by field name; not the contact, which has a consent of its own."""
        return {
            "about": self.about,
            "likes": self.likes,
            "dreams": self.dreams,
            "know_about_me": self.know_about_me,
        }


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    citizen_id: int
    date: str
    title: str
    phase: Phase
    status: str
    time_box_minutes: int
    started_at: str | None
    ended_at: str | None
    paused_at: str | None
    next_meeting: str | None
    handover: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MeetingInfo:
        return cls(
            id=row["id"],
            citizen_id=row["citizen_id"],
            date=row["date"],
            title=row["title"],
            phase=Phase(row["phase"]),
            status=row["status"],
            time_box_minutes=row["time_box_minutes"],
            started_at=row["started_at"],
            ended_at=row["ended_at"],
            paused_at=row["paused_at"],
            next_meeting=row["next_meeting"],
            handover=row["handover"],
        )


@dataclass(frozen=True)
class Topic:
    id: int
    meeting_id: int
    text: str
    position: int


@dataclass(frozen=True)
class Note:
    """A note in the speaker's own words."""

    id: int
    turn_id: int
    meeting_id: int
    participant_id: int
    kind: NoteKind
    text: str
    created_at: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Note:
        return cls(
            id=row["id"],
            turn_id=row["turn_id"],
            meeting_id=row["meeting_id"],
            participant_id=row["participant_id"],
            kind=NoteKind(row["kind"]),
            text=row["text"],
            created_at=row["created_at"],
        )


@dataclass(frozen=True)
class PlanItem:
    id: int
    meeting_id: int
    section: PlanSection
    what: str
    who: Who | None
    with_whom: str
    by_when: str
    follow_up: str
    status: PlanStatus
    needs_decision: bool
    reason: str
    other_ways: str
    source_note_id: int | None
    source_suggestion_id: int | None
    carried_from: int | None
    review: str
    position: int

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PlanItem:
        return cls(
            id=row["id"],
            meeting_id=row["meeting_id"],
            section=PlanSection(row["section"]),
            what=row["what"],
            who=Who(row["who"]) if row["who"] else None,
            with_whom=row["with_whom"],
            by_when=row["by_when"],
            follow_up=row["follow_up"],
            status=PlanStatus(row["status"]),
            needs_decision=bool(row["needs_decision"]),
            reason=row["reason"],
            other_ways=row["other_ways"],
            source_note_id=row["source_note_id"],
            source_suggestion_id=row["source_suggestion_id"],
            carried_from=row["carried_from"],
            review=row["review"],
            position=row["position"],
        )

    @property
    def has_owner(self) -> bool:
        return self.who is not None

    @property
    def has_follow_up(self) -> bool:
        return bool(self.follow_up.strip())


@dataclass(frozen=True)
class PlanVersion:
    id: int
    meeting_id: int
    version: int
    snapshot: PlanSnapshot
    rendered_md: str
    created_at: str
    approved_at: str | None
    approved_by: str
    changes_requested: list[int] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PlanVersion:
        return cls(
            id=row["id"],
            meeting_id=row["meeting_id"],
            version=row["version"],
            snapshot=json.loads(row["snapshot"]),
            rendered_md=row["rendered_md"],
            created_at=row["created_at"],
            approved_at=row["approved_at"],
            approved_by=row["approved_by"],
            changes_requested=json.loads(row["changes_requested"]),
        )


@dataclass(frozen=True)
class CorpusEntry:
    """An offer or a friend across silos."""

    id: str
    kind: EntryKind
    title: str
    description: str
    silo: str
    source_kind: str
    themes: tuple[str, ...]
    can_contribute: bool
    needs_decision: bool
    last_confirmed: str | None
    data: dict[str, Any]
    content_hash: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CorpusEntry:
        return cls(
            id=row["id"],
            kind=EntryKind(row["kind"]),
            title=row["title"],
            description=row["description"],
            silo=row["silo"],
            source_kind=row["source_kind"],
            themes=tuple(json.loads(row["themes"])),
            can_contribute=bool(row["can_contribute"]),
            needs_decision=bool(row["needs_decision"]),
            last_confirmed=row["last_confirmed"],
            data=json.loads(row["data"]),
            content_hash=row["content_hash"],
        )

    @property
    def passage(self) -> str:
        """The text that is embedded and matched."""
        return entry_passage(
            self.kind, self.title, self.description, self.data, self.can_contribute
        )

    def months_since_confirmed(self, today: date) -> int | None:
        """Whole months since the entry was last confirmed (None when never)."""
        if not self.last_confirmed:
            return None
        confirmed = date.fromisoformat(self.last_confirmed[:10])
        return max(0, (today.year - confirmed.year) * 12 + today.month - confirmed.month)

    def is_stale(self, today: date) -> bool:
        """Not confirmed in the last 12 months."""
        months = self.months_since_confirmed(today)
        return months is None or months > 12


def entry_passage(
    kind: EntryKind | str,
    title: str,
    description: str,
    data: dict[str, Any],
    can_contribute: bool,
) -> str:
    """What an entry is matched on: what it offers and whom it is for, never a diagnosis.

    Offers add their target group (measured: better matches on the dev set); friends add
    their role and when they are the right one to call.
    """
    parts = [title, description]
    if EntryKind(kind) is EntryKind.FRIEND:
        parts += [str(data.get("role", "")), str(data.get("right_when", ""))]
    else:
        parts.append(str(data.get("target_group", "")))
        if can_contribute:
            parts.append(str(data.get("contribute_text", "")))
    return " ".join(p.strip() for p in parts if p and p.strip())


@dataclass(frozen=True)
class Suggestion:
    id: int
    meeting_id: int
    note_id: int | None
    entry_id: str
    score: float
    why: str
    rating: Rating | None
    accepted: bool
    needs: tuple[str, ...] = ()  # ids in the needs taxonomy the idea was shown for

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Suggestion:
        return cls(
            id=row["id"],
            meeting_id=row["meeting_id"],
            note_id=row["note_id"],
            entry_id=row["entry_id"],
            score=row["score"],
            why=row["why"],
            rating=Rating(row["rating"]) if row["rating"] else None,
            accepted=bool(row["accepted"]),
            needs=tuple(json.loads(row.get("needs") or "[]")),
        )


@dataclass(frozen=True)
class Consent:
    id: int
    citizen_id: int
    recipient_kind: RecipientKind
    recipient: str
    scope: str
    granted_at: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    os_user: str
    action: str
    object_kind: str
    object_id: str
    citizen_id: int | None
