"""The meeting model in plain Python: phases, round-robin turns, pass, pause, who has spoken.

The state is derived from records (participants, rounds, turns), so the same
object serves a fresh meeting, a resumed one and a property test. Methods that
change the state return the changes, which the store persists in one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from facilitator.domain.vocabulary import (
    OWN_NETWORK,
    NoteKind,
    ParticipantKind,
    Phase,
    TurnKind,
)


class MeetingRuleError(Exception):
    """An action the method does not allow right now (e.g. a note during a pause)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Participant:
    """Someone in the circle."""

    id: int
    name: str
    kind: ParticipantKind
    relation: str = ""
    department: str = ""
    position: int = 0
    joined_round: int = 1
    removed: bool = False

    @property
    def is_citizen(self) -> bool:
        return self.kind is ParticipantKind.BORGER

    @property
    def is_professional(self) -> bool:
        return self.kind is ParticipantKind.FAGPERSON


@dataclass(frozen=True)
class Round:
    """One pass around the circle; the roster is fixed when the round starts."""

    number: int
    phase: Phase
    roster: tuple[int, ...]


@dataclass(frozen=True)
class Turn:
    """One speaker's turn. ``ended_at`` is None while it is the current turn."""

    id: int
    round: int
    participant_id: int
    phase: Phase
    kind: TurnKind
    started_at: str
    ended_at: str | None = None
    passed: bool = False


@dataclass(frozen=True)
class NoteCount:
    """A note as counted by the model (text lives in the store)."""

    participant_id: int
    kind: NoteKind


# Changes the store applies -------------------------------------------------


@dataclass(frozen=True)
class CloseTurn:
    turn_id: int
    ended_at: str
    passed: bool


@dataclass(frozen=True)
class OpenTurn:
    turn: Turn


@dataclass(frozen=True)
class StartRound:
    round: Round


@dataclass(frozen=True)
class SetPhase:
    phase: Phase


@dataclass(frozen=True)
class SetPositions:
    positions: dict[int, int]


Change = CloseTurn | OpenTurn | StartRound | SetPhase | SetPositions


@dataclass
class MeetingState:
    """Everything the turn rules need to know about one meeting."""

    phase: Phase = Phase.FORBEREDELSE
    participants: list[Participant] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    notes: list[NoteCount] = field(default_factory=list)
    paused: bool = False
    _next_temp_id: int = -1

    # --- reading -----------------------------------------------------------

    def participant(self, participant_id: int) -> Participant:
        for p in self.participants:
            if p.id == participant_id:
                return p
        raise KeyError(participant_id)

    @property
    def active(self) -> list[Participant]:
        """Participants still in the circle, in speaking order."""
        return sorted((p for p in self.participants if not p.removed), key=_order_key)

    @property
    def citizen(self) -> Participant | None:
        return next((p for p in self.participants if p.is_citizen), None)

    @property
    def current_round(self) -> Round | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def current_turn(self) -> Turn | None:
        return next((t for t in reversed(self.turns) if t.ended_at is None), None)

    @property
    def current_speaker(self) -> Participant | None:
        turn = self.current_turn
        return self.participant(turn.participant_id) if turn else None

    def turns_in_round(self, number: int) -> list[Turn]:
        return [t for t in self.turns if t.round == number]

    def waiting(self) -> list[Participant]:
        """Those in the current round who have not had their turn (the speaker excluded)."""
        rnd = self.current_round
        if rnd is None or rnd.phase is not self.phase:
            return []
        had = {t.participant_id for t in self.turns_in_round(rnd.number)}
        removed = {p.id for p in self.participants if p.removed}
        return [
            self.participant(pid) for pid in rnd.roster if pid not in had and pid not in removed
        ]

    @property
    def next_speaker(self) -> Participant | None:
        """Who speaks after the current speaker: next in this round, else first of the next."""
        waiting = self.waiting()
        if waiting:
            return waiting[0]
        if self.phase.has_turns and (self.phase.repeats or not self.rounds_in_phase()):
            roster = self.roster_for(self.phase, self._next_round_number())
            return self.participant(roster[0]) if roster else None
        return None

    def not_yet_spoken(self) -> list[Participant]:
        """ "Hvem har ikke talt endnu?": in this round, everyone still waiting for a turn."""
        if self.current_round is not None and self.current_round.phase is self.phase:
            return self.waiting()
        return self.never_spoken()

    def never_spoken(self) -> list[Participant]:
        """Active participants who have not spoken (passing counts as not speaking) at all."""
        spoke = {t.participant_id for t in self.turns if not t.passed}
        return [p for p in self.active if p.id not in spoke]

    @property
    def round_complete(self) -> bool:
        """No one is speaking and no one in the current round is waiting."""
        return self.current_turn is None and not self.waiting()

    def rounds_in_phase(self, phase: Phase | None = None) -> list[Round]:
        phase = phase or self.phase
        return [r for r in self.rounds if r.phase is phase]

    def roster_for(self, phase: Phase, round_number: int) -> list[int]:
        """The speaking order of a new round in ``phase``.

        Runder and plan: the chosen order (citizen first by default).
        Refleksion: the professionals talk with each other, then the citizen answers
        first, then the rest of the network. Fremtidsdialog: the citizen first.
        """
        eligible = [p for p in self.active if p.joined_round <= round_number]
        if phase is Phase.REFLEKSION:
            pros = [p for p in eligible if p.is_professional]
            citizen = [p for p in eligible if p.is_citizen]
            rest = [p for p in eligible if not p.is_professional and not p.is_citizen]
            ordered = pros + citizen + rest
        elif phase is Phase.FREMTIDSDIALOG:
            ordered = [p for p in eligible if p.is_citizen] + [
                p for p in eligible if not p.is_citizen
            ]
        else:
            ordered = eligible
        return [p.id for p in ordered]

    def turn_kind(self, phase: Phase, participant: Participant) -> TurnKind:
        if phase is Phase.REFLEKSION:
            return TurnKind.REFLEKSION if participant.is_professional else TurnKind.SVAR
        if phase is Phase.FREMTIDSDIALOG:
            return TurnKind.FREMTID
        return TurnKind.TUR

    # --- counts --------------------------------------------------------------

    def turn_counts(self) -> Counter[int]:
        """Turns taken (not passed) per participant id."""
        return Counter(t.participant_id for t in self.turns if not t.passed)

    def note_counts(self) -> Counter[int]:
        """Notes per participant id."""
        return Counter(n.participant_id for n in self.notes)

    def note_kind_counts(self) -> Counter[NoteKind]:
        """Notes per kind."""
        return Counter(n.kind for n in self.notes)

    def citizen_share(self) -> float:
        """The citizen's share of all notes (0..1); 0 when nothing is written yet."""
        citizen = self.citizen
        if citizen is None or not self.notes:
            return 0.0
        return self.note_counts()[citizen.id] / len(self.notes)

    def own_network_count(self) -> int:
        return sum(1 for p in self.active if p.kind in OWN_NETWORK)

    def professional_count(self) -> int:
        return sum(1 for p in self.active if p.kind is ParticipantKind.FAGPERSON)

    def needs_balance_hint(self) -> bool:
        """Professionals outnumber the citizen's own people ("is that what you want?")."""
        return self.professional_count() > self.own_network_count()

    # --- changing ------------------------------------------------------------

    def _temp_id(self) -> int:
        value = self._next_temp_id
        self._next_temp_id -= 1
        return value

    def _next_round_number(self) -> int:
        return (self.rounds[-1].number + 1) if self.rounds else 1

    def _require_not_paused(self) -> None:
        if self.paused:
            raise MeetingRuleError("rule.paused")

    def _open_turn(self, participant_id: int, now: str) -> OpenTurn:
        rnd = self.current_round
        assert rnd is not None
        participant = self.participant(participant_id)
        turn = Turn(
            id=self._temp_id(),
            round=rnd.number,
            participant_id=participant_id,
            phase=rnd.phase,
            kind=self.turn_kind(rnd.phase, participant),
            started_at=now,
        )
        self.turns.append(turn)
        return OpenTurn(turn)

    def _close_current(self, now: str, passed: bool) -> list[Change]:
        turn = self.current_turn
        if turn is None:
            return []
        index = self.turns.index(turn)
        self.turns[index] = replace(turn, ended_at=now, passed=passed)
        return [CloseTurn(turn.id, now, passed)]

    def start_round(self, now: str) -> list[Change]:
        """Begin a new round in the current phase with everyone eligible, first speaker up."""
        self._require_not_paused()
        if not self.phase.has_turns:
            raise MeetingRuleError("rule.no_turns_in_phase")
        changes = self._close_current(now, passed=False)
        number = self._next_round_number()
        roster = tuple(self.roster_for(self.phase, number))
        if not roster:
            raise MeetingRuleError("rule.nobody_here")
        rnd = Round(number=number, phase=self.phase, roster=roster)
        self.rounds.append(rnd)
        changes.append(StartRound(rnd))
        changes.append(self._open_turn(roster[0], now))
        return changes

    def advance(self, now: str, passed: bool = False) -> list[Change]:
        """Give the word on: close the current turn and open the next one in this round.

        When the round is complete a new round starts only in phases that repeat
        (and only on this explicit call), so the order can be changed in between.
        """
        self._require_not_paused()
        if not self.phase.has_turns:
            raise MeetingRuleError("rule.no_turns_in_phase")
        if passed and self.current_turn is None:
            raise MeetingRuleError("rule.nobody_speaking")
        in_this_phase = self.current_round is not None and self.current_round.phase is self.phase
        if self.current_turn is None and (not in_this_phase or not self.waiting()):
            if in_this_phase and not self.phase.repeats:
                raise MeetingRuleError("rule.phase_round_done")
            return self.start_round(now)
        changes = self._close_current(now, passed)
        waiting = self.waiting()
        if waiting:
            changes.append(self._open_turn(waiting[0].id, now))
        return changes

    def set_phase(self, phase: Phase, now: str) -> list[Change]:
        """Move to another phase; a phase with turns starts its first round at once."""
        self._require_not_paused()
        if phase is self.phase and self.rounds_in_phase(phase):
            return []
        changes = self._close_current(now, passed=False)
        self.phase = phase
        changes.append(SetPhase(phase))
        if phase.has_turns and self.active:
            changes.extend(self.start_round(now))
        return changes

    def add_participant(self, participant: Participant) -> Participant:
        """Add someone; during a meeting they join from the next round."""
        joined = self._next_round_number() if self.rounds else 1
        position = max((p.position for p in self.participants), default=-1) + 1
        added = replace(participant, joined_round=joined, position=position)
        self.participants.append(added)
        return added

    def edit_participant(
        self, participant_id: int, name: str, kind: ParticipantKind, relation: str, department: str
    ) -> Participant:
        """Correct someone's name, relation, kind or department; their turns and notes stay
        theirs. The citizen is edited as the citizen, and nobody else becomes the citizen."""
        index = next(i for i, p in enumerate(self.participants) if p.id == participant_id)
        before = self.participants[index]
        if before.removed:
            raise MeetingRuleError("rule.edit_removed")
        if before.is_citizen:
            raise MeetingRuleError("rule.edit_citizen")
        if kind is ParticipantKind.BORGER:
            raise MeetingRuleError("err.one_citizen")
        edited = replace(before, name=name, kind=kind, relation=relation, department=department)
        self.participants[index] = edited
        return edited

    def remove_participant(self, participant_id: int, now: str) -> list[Change]:
        """Take someone out of the circle; their turns and notes stay."""
        changes: list[Change] = []
        current = self.current_turn
        if current is not None and current.participant_id == participant_id:
            changes.extend(self._close_current(now, passed=False))
        index = next(i for i, p in enumerate(self.participants) if p.id == participant_id)
        self.participants[index] = replace(self.participants[index], removed=True)
        if current is not None and current.participant_id == participant_id:
            waiting = self.waiting()
            if waiting and not self.paused:
                changes.append(self._open_turn(waiting[0].id, now))
        return changes

    def reorder(self, order: Sequence[int]) -> list[Change]:
        """Set a new speaking order; it applies from the next round."""
        active_ids = [p.id for p in self.active]
        if sorted(order) != sorted(active_ids):
            raise MeetingRuleError("rule.order_mismatch")
        positions = {pid: i for i, pid in enumerate(order)}
        self.participants = [
            replace(p, position=positions[p.id]) if p.id in positions else p
            for p in self.participants
        ]
        return [SetPositions(positions)]

    def check_can_note(self) -> Turn:
        """The turn a new note belongs to; refuses during a pause or with nobody speaking."""
        self._require_not_paused()
        turn = self.current_turn
        if turn is None:
            raise MeetingRuleError("rule.nobody_speaking")
        return turn

    def record_note(self, kind: NoteKind) -> Turn:
        """Count a note for the current speaker (text is kept by the store)."""
        turn = self.check_can_note()
        self.notes.append(NoteCount(turn.participant_id, kind))
        return turn


def _order_key(p: Participant) -> tuple[int, int]:
    return (p.position, p.id)


def default_positions(participants: Iterable[Participant]) -> list[Participant]:
    """Citizen first, then the others in the order they were invited."""
    ordered = sorted(participants, key=lambda p: (not p.is_citizen, p.position, p.id))
    return [replace(p, position=i) for i, p in enumerate(ordered)]
