"""What each assistance task works from, and what of it a language model may see.

:func:`for_model` is the only place that picks fields for a prompt, and it asks the consent
ledger (``consent.may_share``, recipient kind ``sprogmodel``) for every note,
topic and plan item. Names never go: a speaker is sent as a role ("borgeren", "fagperson
(bostøtte)"). CPR numbers are masked in every text that goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from facilitator.assist.fallback import draft_item, render_fallback
from facilitator.domain.errors import FacilitatorError, NotFound
from facilitator.domain.meeting import Participant
from facilitator.domain.privacy import mask_cpr
from facilitator.domain.records import Consent, MeetingInfo, Note
from facilitator.domain.vocabulary import NoteKind, PlanSection, Rating, RecipientKind, Who
from facilitator.i18n import t, tn
from facilitator.i18n.dates import long_date
from facilitator.meetings import consent, people, plan, register
from facilitator.storage.store import Store

MODEL_KIND = RecipientKind.SPROGMODEL
#: What the citizen is asked about for the model in Forberedelse ("dreams" alone also lets
#: the citizen's dream notes go).
MODEL_SCOPES = ("notes", "plan:all", "topics")
#: The most recent notes a summary prompt carries (a long meeting stays a short prompt).
SUMMARY_NOTES = 60
#: Note kinds of the citizen that can become a plan item without a model.
CITIZEN_DRAFTABLE = frozenset(
    {
        NoteKind.DROEM,
        NoteKind.OENSKE,
        NoteKind.BEHOV,
        NoteKind.BEKYMRING,
        NoteKind.IDE,
        NoteKind.AFTALE,
    }
)
#: From someone else's turn only an offer to do something together becomes a draft:
#: a relative's wish is not the citizen's wish.
OTHERS_DRAFTABLE = frozenset({NoteKind.RESSOURCE, NoteKind.IDE, NoteKind.AFTALE})


@dataclass(frozen=True)
class Context:
    """What a task works from: a turn's notes and speaker, or one plan item."""

    turn_id: int | None = None
    notes: tuple[Note, ...] = ()
    speaker: Participant | None = None
    item_id: int | None = None
    original: str = ""

    @property
    def note_ids(self) -> tuple[int, ...]:
        return tuple(n.id for n in self.notes)

    @property
    def speaker_is_citizen(self) -> bool:
        return self.speaker is None or self.speaker.is_citizen

    @property
    def speaker_name(self) -> str:
        return self.speaker.name if self.speaker else ""


def _turn_notes(store: Store, meeting_id: int, turn_id: int | None) -> tuple[int, list[Note]]:
    """The turn asked for; else the current turn if it has notes; else the last one that has."""
    if turn_id is None:
        current = store.row(
            "SELECT t.id FROM turns t JOIN notes n ON n.turn_id = t.id"
            " WHERE t.meeting_id = ? AND t.ended_at IS NULL LIMIT 1",
            [meeting_id],
        )
        last = current or store.row(
            "SELECT turn_id AS id FROM notes WHERE meeting_id = ? ORDER BY id DESC LIMIT 1",
            [meeting_id],
        )
        if last is None:
            raise FacilitatorError(t("assist.err_no_notes"))
        turn_id = int(last["id"])
    elif (
        store.row("SELECT id FROM turns WHERE id = ? AND meeting_id = ?", [turn_id, meeting_id])
        is None
    ):
        raise NotFound(t("assist.err_no_turn", id=turn_id))
    rows = store.rows("SELECT * FROM notes WHERE turn_id = ? ORDER BY id", [turn_id])
    if not rows:
        raise FacilitatorError(t("assist.err_no_notes"))
    return turn_id, [Note.from_row(r) for r in rows]


def context(
    store: Store, meeting_id: int, task: str, turn_id: int | None, item_id: int | None
) -> Context:
    """What the task works from; one clear sentence when there is nothing yet."""
    if task in ("draft", "questions"):
        found_turn, notes = _turn_notes(store, meeting_id, turn_id)
        speakers = {p.id: p for p in people.participants(store, meeting_id)}
        return Context(found_turn, tuple(notes), speakers.get(notes[0].participant_id))
    if task == "easy-read":
        if item_id is None:
            items = plan.plan_items(store, meeting_id, PlanSection.PLAN)
            if not items:
                raise FacilitatorError(t("assist.err_no_item"))
            item = items[0]
        else:
            item = plan.get_plan_item(store, item_id)
            if item.meeting_id != meeting_id:
                raise NotFound(t("err.no_plan_item", id=item_id))
        return Context(item_id=item.id, original=item.what)
    return Context()


def role(participant: Participant | None, language: str) -> str:
    """A speaker as a role, never a name: "borgeren", "fagperson (bostøtte)"."""
    if participant is None or participant.is_citizen:
        return t("assist.role.borger", language)
    label = t(f"assist.role.{participant.kind.value}", language)
    relation = " ".join(mask_cpr(participant.relation).split())
    return f"{label} ({relation})" if relation else label


def _note_allowed(
    consents: Sequence[Consent], recipient: str, note: Note, by_citizen: bool
) -> bool:
    """A note goes when the citizen shares the notes, or it is the citizen's dream and
    the citizen shares dreams."""
    if consent.may_share(consents, MODEL_KIND, recipient, "notes"):
        return True
    return (
        by_citizen
        and note.kind is NoteKind.DROEM
        and consent.may_share(consents, MODEL_KIND, recipient, "dreams")
    )


def _note(note: Note, language: str) -> dict[str, str]:
    return {"kind": t(f"notekind.{note.kind.value}", language), "text": mask_cpr(note.text)}


def for_model(
    store: Store,
    meeting: MeetingInfo,
    task: str,
    ctx: Context,
    recipient: str,
    language: str,
) -> dict[str, Any] | None:
    """Exactly the fields the task's prompt receives, or None when consent allows nothing."""
    consents = consent.active(store, meeting.citizen_id)
    if task in ("draft", "questions"):
        notes = [
            _note(n, language)
            for n in ctx.notes
            if _note_allowed(consents, recipient, n, ctx.speaker_is_citizen)
        ]
        if not notes:
            return None
        return {"speaker": role(ctx.speaker, language), "notes": notes}
    if task == "easy-read":
        assert ctx.item_id is not None
        if not consent.may_share(consents, MODEL_KIND, recipient, consent.item_scope(ctx.item_id)):
            return None
        return {"text": mask_cpr(ctx.original)}
    return _summary_fields(store, meeting, consents, recipient, language)


def _summary_fields(
    store: Store,
    meeting: MeetingInfo,
    consents: Sequence[Consent],
    recipient: str,
    language: str,
) -> dict[str, Any] | None:
    everyone = {p.id: p for p in people.participants(store, meeting.id)}
    topics = (
        [mask_cpr(tp.text) for tp in register.topics(store, meeting.id)]
        if consent.may_share(consents, MODEL_KIND, recipient, "topics")
        else []
    )
    rows = store.rows("SELECT * FROM notes WHERE meeting_id = ? ORDER BY id", [meeting.id])
    notes = []
    for note in (Note.from_row(r) for r in rows):
        speaker = everyone.get(note.participant_id)
        by_citizen = speaker is None or speaker.is_citizen
        if _note_allowed(consents, recipient, note, by_citizen):
            notes.append({"speaker": role(speaker, language), **_note(note, language)})
    notes = notes[-SUMMARY_NOTES:]
    by_id = {i.id: i for i in plan.plan_items(store, meeting.id, PlanSection.PLAN)}
    shared = consent.shareable_items(consents, MODEL_KIND, recipient, [{"id": i} for i in by_id])
    items = [
        {
            "what": mask_cpr(item.what),
            "who": t(f"who.{item.who.value}", language) if item.who else "",
            "by_when": mask_cpr(item.by_when),
        }
        for item in (by_id[int(row["id"])] for row in shared)
    ]
    if not (topics or notes or items):
        return None
    return {
        "topics": topics,
        "notes": notes,
        "items": items,
        "next_meeting": long_date(meeting.next_meeting, language),
    }


def shared_summary(fields: dict[str, Any], language: str) -> tuple[str, ...]:
    """What went to the model, in words, for the wall ("3 noter", "1 tekst fra planen")."""
    said = []
    for name in ("notes", "topics", "items"):
        count = len(fields.get(name) or ())
        if count:
            said.append(tn(f"assist.shared_{name}", count, language))
    if fields.get("text"):
        said.append(t("assist.shared_text", language))
    return tuple(said)


# --- fallbacks that need the store ----------------------------------------------------


def _glad_offer(store: Store, note_id: int) -> str:
    """The title of an offer the citizen said yes to (glad) for this note, if any."""
    row = store.row(
        "SELECT c.title FROM suggestions s JOIN corpus_entries c ON c.id = s.entry_id"
        " WHERE s.note_id = ? AND s.rating = ? ORDER BY s.id LIMIT 1",
        [note_id, Rating.GLAD.value],
    )
    return str(row["title"]) if row else ""


def fallback_items(
    store: Store, ctx: Context, language: str
) -> list[tuple[str, int, Who | None, str]]:
    """Plan item drafts from the turn's notes through the template: (text, note, who, with)."""
    found: list[tuple[str, int, Who | None, str]] = []
    for note in ctx.notes:
        if ctx.speaker_is_citizen and note.kind in CITIZEN_DRAFTABLE:
            offer = _glad_offer(store, note.id)
            text = draft_item(note.kind.value, mask_cpr(note.text), True, offer, language)
            found.append((text, note.id, None, ""))
        elif not ctx.speaker_is_citizen and note.kind in OTHERS_DRAFTABLE:
            text = draft_item(note.kind.value, mask_cpr(note.text), False, "", language)
            found.append((text, note.id, Who.SAMMEN, ctx.speaker_name))
    return found


def fallback_summary(store: Store, meeting_id: int, language: str) -> str:
    """A summary to the citizen from topics, the citizen's wishes and the plan (no model)."""
    meeting = register.get_meeting(store, meeting_id)
    citizen_ids = {p.id for p in people.participants(store, meeting_id) if p.is_citizen}
    rows = store.rows("SELECT * FROM notes WHERE meeting_id = ? ORDER BY id", [meeting_id])
    wishes = [
        mask_cpr(n.text)
        for n in (Note.from_row(r) for r in rows)
        if n.participant_id in citizen_ids and n.kind in (NoteKind.DROEM, NoteKind.OENSKE)
    ]
    items = [
        {"what": mask_cpr(i.what), "who": t(f"who.{i.who.value}", language) if i.who else ""}
        for i in plan.plan_items(store, meeting_id, PlanSection.PLAN)
    ]
    return render_fallback(
        "summary",
        language,
        topics=[mask_cpr(tp.text) for tp in register.topics(store, meeting_id)],
        wishes=wishes,
        items=items,
        next_meeting=long_date(meeting.next_meeting, language),
    )
