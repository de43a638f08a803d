"""Who said a note: their name, their role in the circle, and the phase it was said in.

The why of an idea (``directory.why``) and the plan's "Lone (søster) sagde det." both read it
from here, so an idea and the plan item made from it always name the same person.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from facilitator.domain.vocabulary import ParticipantKind, Phase, TurnKind
from facilitator.i18n import t
from facilitator.storage.store import Store

#: ``said_by`` for the citizen's own words in machine-readable output (stable across languages).
CITIZEN_LABEL = "borgeren"


@dataclass(frozen=True)
class SaidBy:
    """Who said a note, in which role, and in which phase of the meeting."""

    name: str
    kind: ParticipantKind
    relation: str = ""
    phase: Phase | None = None
    future_dialogue: bool = False

    @property
    def is_citizen(self) -> bool:
        return self.kind is ParticipantKind.BORGER

    @property
    def role(self) -> str:
        """The relation or role in the circle ("søster", "ergoterapeut"), else the kind."""
        return self.relation.strip() or t(f"why.role.{self.kind.value}")

    @property
    def first_name(self) -> str:
        parts = self.name.split()
        return parts[0] if parts else self.name

    def label(self) -> str:
        """Who said it, for lists and JSON: "borgeren", or "Lone Demo-Lund (søster)"."""
        if self.is_citizen:
            return CITIZEN_LABEL
        return f"{self.name} ({self.role})"


def _phase(value: object) -> Phase | None:
    try:
        return Phase(str(value))
    except ValueError:
        return None


def said_by(store: Store, note_ids: Iterable[int | None]) -> dict[int, SaidBy]:
    """Who said each note, and in which phase (read from the note's turn)."""
    wanted = sorted({n for n in note_ids if n is not None})
    if not wanted:
        return {}
    rows = store.rows(
        "SELECT n.id AS note_id, p.name, p.kind, p.relation, t.phase, t.kind AS turn_kind"
        " FROM notes n JOIN participants p ON p.id = n.participant_id"
        " JOIN turns t ON t.id = n.turn_id"
        " WHERE n.id IN (SELECT value FROM json_each(?))",
        [json.dumps(wanted)],
    )
    found: dict[int, SaidBy] = {}
    for r in rows:
        phase = _phase(r["phase"])
        found[int(r["note_id"])] = SaidBy(
            name=str(r["name"]),
            kind=ParticipantKind(r["kind"]),
            relation=str(r["relation"] or ""),
            phase=phase,
            future_dialogue=phase is Phase.FREMTIDSDIALOG or r["turn_kind"] == TurnKind.FREMTID,
        )
    return found
