"""A meeting's suggestions: ranked from its notes, rated by the citizen, accepted into the plan.

A suggestion is an idea, not an agreement: it becomes a plan item only when the citizen says
yes, and "ikke for mig" is kept as the citizen's choice and not shown again (unless asked for).
Each idea says why, in the words of whoever said them (``why.why_line``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace

from facilitator.directory.needs import Need
from facilitator.directory.needs import load as load_needs
from facilitator.directory.ranking import (
    Ranked,
    SuggestionIndex,
    declined_entries,
    queries_from_notes,
)
from facilitator.directory.why import SaidBy, said_by, why_line
from facilitator.domain.errors import FacilitatorError, NotFound
from facilitator.domain.records import CorpusEntry, Note, PlanItem, Suggestion
from facilitator.domain.vocabulary import ParticipantKind, Rating, Who
from facilitator.i18n import current_language, t
from facilitator.meetings import people, plan, register
from facilitator.storage.store import Store

#: How many ideas the wall ranks for a meeting (the command line shows the same).
SHOWN = 8


@dataclass(frozen=True)
class ShownSuggestion:
    """What the suggestions pane shows: the stored suggestion, its entry and who said why."""

    suggestion: Suggestion
    entry: CorpusEntry
    silo_name: str
    contribute: bool
    said: SaidBy | None = None

    @property
    def why(self) -> str:
        """ "Fordi du sagde: …", "Fordi Lone (søster) sagde: …" or "Fra fremtidsdialogen: …"."""
        return why_line(self.suggestion.why, self.said)

    @property
    def needs(self) -> list[Need]:
        """The needs the idea was shown for, as the taxonomy in force names them."""
        taxonomy = load_needs()
        found = (taxonomy.by_id(n) for n in self.suggestion.needs)
        return [n for n in found if n is not None]

    @property
    def need_line(self) -> str:
        """ "Behov: ensomhed om aftenen", or nothing when no need is named."""
        return need_line(self.needs)

    @property
    def declined(self) -> bool:
        """The citizen said "ikke for mig" (kept, and hidden unless asked for)."""
        return self.suggestion.rating is Rating.NEJ


def present_silos(store: Store, meeting_id: int) -> set[str]:
    """Departments already in the room (by id or by name), from the professionals present."""
    departments = {r["id"]: r["name"] for r in store.rows("SELECT id, name FROM departments")}
    by_name = {name.lower(): dep_id for dep_id, name in departments.items()}
    present: set[str] = set()
    for p in people.participants(store, meeting_id, include_removed=False):
        if p.kind is not ParticipantKind.FAGPERSON or not p.department:
            continue
        dep = p.department.strip()
        if dep in departments:
            present.add(dep)
        elif dep.lower() in by_name:
            present.add(by_name[dep.lower()])
    return present


def rank_for_meeting(
    store: Store, index: SuggestionIndex, meeting_id: int, k: int = 8
) -> list[Ranked]:
    """Rank the corpus against the meeting's recent notes (nothing is stored)."""
    meeting = register.get_meeting(store, meeting_id)
    notes = [
        Note.from_row(r)
        for r in store.rows("SELECT * FROM notes WHERE meeting_id = ? ORDER BY id", [meeting_id])
    ]
    if not notes:
        return []
    kinds = {p.id: p.kind for p in people.participants(store, meeting_id)}
    return index.search(
        queries_from_notes(notes, kinds),
        k=k,
        exclude=declined_entries(store, meeting.citizen_id),
        present_silos=present_silos(store, meeting_id),
    )


def need_line(needs: Sequence[Need]) -> str:
    """The needs an idea meets, in the words of the taxonomy: "Behov: ensomhed om aftenen"."""
    names = [n.name(current_language()) for n in needs]
    return t("why.needs", needs=", ".join(names)) if names else ""


def need_ids(ranked: Ranked) -> str:
    """The needs a ranked idea shares with what was said, as stored (a JSON list of ids)."""
    return json.dumps([n.id for n in ranked.needs])


def store_ranked(store: Store, meeting_id: int, ranked: list[Ranked]) -> None:
    """Keep the ranking: new ideas are added, rated ones keep the citizen's rating."""
    now = store.now()
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    with store.atomic():
        store.check_writer(citizen_id)  # a cache, not audited: the app that leads keeps it
        for r in ranked:
            store.db.execute(
                "INSERT INTO suggestions"
                " (meeting_id, note_id, entry_id, score, why, needs, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(meeting_id, entry_id) DO UPDATE SET"
                " score = excluded.score, why = excluded.why, note_id = excluded.note_id,"
                " needs = excluded.needs"
                " WHERE suggestions.rating IS NULL AND suggestions.accepted = 0",
                [meeting_id, r.note_id, r.entry.id, r.score, r.why, need_ids(r), now],
            )


def shown(
    store: Store,
    meeting_id: int,
    ranked: list[Ranked],
    show_declined: bool = False,
    unstored: bool = False,
) -> list[ShownSuggestion]:
    """The ranked ideas as stored, in rank order, followed by those the citizen rated earlier.

    Ideas the citizen said "ikke for mig" to are left out unless ``show_declined``. With
    ``unstored``, ranked ideas not stored yet are shown too (with id 0): the command line
    reads the ranking without keeping it, where the wall stores it first.
    """
    rows = {
        r["entry_id"]: Suggestion.from_row(r)
        for r in store.rows("SELECT * FROM suggestions WHERE meeting_id = ?", [meeting_id])
    }
    if unstored:
        for r in ranked:
            rows.setdefault(
                r.entry.id,
                Suggestion(
                    0,
                    meeting_id,
                    r.note_id,
                    r.entry.id,
                    r.score,
                    r.why,
                    None,
                    False,
                    tuple(n.id for n in r.needs),
                ),
            )
    silos = {r["id"]: r["name"] for r in store.rows("SELECT id, name FROM departments")}
    result: list[ShownSuggestion] = []
    seen: set[str] = set()
    for r in ranked:
        if r.entry.id in rows:
            result.append(
                ShownSuggestion(
                    rows[r.entry.id], r.entry, silos.get(r.entry.silo, r.entry.silo), r.contribute
                )
            )
            seen.add(r.entry.id)
    earlier = [
        entry_id
        for entry_id, s in rows.items()
        if entry_id not in seen and (s.rating is not None or s.accepted)
    ]
    entries = {
        r["id"]: CorpusEntry.from_row(r)
        for r in store.rows(
            "SELECT * FROM corpus_entries WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(earlier)],
        )
    }
    for entry_id in earlier:
        entry = entries.get(entry_id)
        if entry is not None:
            result.append(
                ShownSuggestion(rows[entry_id], entry, silos.get(entry.silo, entry.silo), False)
            )
    speakers = said_by(store, (s.suggestion.note_id for s in result))
    return [
        replace(s, said=speakers.get(s.suggestion.note_id) if s.suggestion.note_id else None)
        for s in result
        if show_declined or not s.declined
    ]


def declined_here(store: Store, meeting_id: int) -> int:
    """How many of the meeting's ideas the citizen said "ikke for mig" to."""
    row = store.row(
        "SELECT COUNT(*) AS n FROM suggestions WHERE meeting_id = ? AND rating = ?",
        [meeting_id, Rating.NEJ.value],
    )
    return int(row["n"]) if row else 0


def ideas_for_meeting(
    store: Store, index: SuggestionIndex, meeting_id: int, show_declined: bool = False
) -> list[ShownSuggestion]:
    """A meeting's ideas as the wall shows them (the same ranking, exclusions and order),
    without storing the ranking: for reading them elsewhere (the command line)."""
    meeting = register.get_meeting(store, meeting_id)
    ranked = rank_for_meeting(store, index, meeting_id, k=SHOWN)
    found = shown(store, meeting_id, ranked, show_declined=show_declined, unstored=True)
    store.audit("read", "ideas", meeting_id, meeting.citizen_id)
    return found


def get_suggestion(store: Store, suggestion_id: int) -> Suggestion:
    row = store.row("SELECT * FROM suggestions WHERE id = ?", [suggestion_id])
    if row is None:
        raise NotFound(t("err.no_suggestion", id=suggestion_id))
    return Suggestion.from_row(row)


def rate(store: Store, suggestion_id: int, rating: Rating) -> Suggestion:
    """The citizen's rating: glad, usikker or ikke for mig (a choice, not a failure)."""
    suggestion = get_suggestion(store, suggestion_id)
    meeting = register.get_meeting(store, suggestion.meeting_id)
    with store.atomic():
        store.update("suggestions", suggestion_id, {"rating": Rating(rating).value})
        store.audit("rate", "suggestion", suggestion_id, meeting.citizen_id)
    return get_suggestion(store, suggestion_id)


def accept(store: Store, suggestion_id: int) -> PlanItem:
    """Turn an idea the citizen is glad about into a plan item in the citizen's own words."""
    suggestion = get_suggestion(store, suggestion_id)
    if suggestion.rating is not Rating.GLAD:
        raise FacilitatorError(t("err.accept_needs_yes"))
    row = store.row("SELECT * FROM corpus_entries WHERE id = ?", [suggestion.entry_id])
    if row is None:
        raise NotFound(t("err.no_suggestion", id=suggestion_id))
    entry = CorpusEntry.from_row(row)
    if suggestion.accepted:
        existing = store.row(
            "SELECT id FROM plan_items WHERE source_suggestion_id = ?", [suggestion_id]
        )
        if existing:
            return plan.get_plan_item(store, existing["id"])
    item = plan.add_plan_item(
        store,
        suggestion.meeting_id,
        suggestion.why,
        who=Who.SAMMEN if entry.kind.value == "friend" else Who.ANDRE,
        with_whom=entry.title,
        needs_decision=entry.needs_decision,
        source_note_id=suggestion.note_id,
        source_suggestion_id=suggestion.id,
    )
    with store.atomic():
        store.update("suggestions", suggestion_id, {"accepted": 1})
    return item
