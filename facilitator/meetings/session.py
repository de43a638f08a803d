"""Running a meeting: the model's rules applied to the store, one transaction per action."""

from __future__ import annotations

import json

from facilitator.domain.errors import Conflict, FacilitatorError, MeetingHeld
from facilitator.domain.meeting import (
    Change,
    CloseTurn,
    MeetingRuleError,
    MeetingState,
    NoteCount,
    OpenTurn,
    Participant,
    Round,
    SetPhase,
    SetPositions,
    StartRound,
    Turn,
)
from facilitator.domain.records import Consent, MeetingInfo, Note
from facilitator.domain.safetext import clean_text
from facilitator.domain.vocabulary import (
    PHASE_ORDER,
    NoteKind,
    ParticipantKind,
    Phase,
    RecipientKind,
    TurnKind,
)
from facilitator.i18n import t
from facilitator.meetings import consent, consent_questions, lease, people, register
from facilitator.meetings.lease import Lease, Owner
from facilitator.storage.store import Store

MAX_NOTE = 4000


def load_state(store: Store, meeting_id: int) -> MeetingState:
    """Rebuild the meeting's state from its records (resume after a quit or a crash)."""
    meeting = register.get_meeting(store, meeting_id)
    rounds = [
        Round(r["number"], Phase(r["phase"]), tuple(json.loads(r["roster"])))
        for r in store.rows(
            "SELECT * FROM rounds WHERE meeting_id = ? ORDER BY number", [meeting_id]
        )
    ]
    turns = [
        Turn(
            id=r["id"],
            round=r["round"],
            participant_id=r["participant_id"],
            phase=Phase(r["phase"]),
            kind=TurnKind(r["kind"]),
            started_at=r["started_at"],
            ended_at=r["ended_at"],
            passed=bool(r["passed"]),
        )
        for r in store.rows("SELECT * FROM turns WHERE meeting_id = ? ORDER BY id", [meeting_id])
    ]
    notes = [
        NoteCount(r["participant_id"], NoteKind(r["kind"]))
        for r in store.rows(
            "SELECT participant_id, kind FROM notes WHERE meeting_id = ? ORDER BY id", [meeting_id]
        )
    ]
    return MeetingState(
        phase=meeting.phase,
        participants=people.participants(store, meeting_id),
        rounds=rounds,
        turns=turns,
        notes=notes,
        paused=meeting.paused_at is not None,
    )


class MeetingSession:
    """The meeting leader's actions on one meeting. Every action is committed before it returns.

    Every write first checks, inside its transaction, that no other app holds the meeting's
    lease (``take_lease``) and that the meeting is as this session last read it; otherwise it
    writes nothing and raises a FacilitatorError that says why.
    """

    def __init__(self, store: Store, meeting_id: int, owner: Owner | None = None) -> None:
        self.store = store
        self.meeting_id = meeting_id
        # The store's owner: its guard (Store.check_writer) and this session's agree on who leads.
        self.owner = owner or store.owner
        #: The lease of another app that leads this meeting: this session only looks.
        self.holder: Lease | None = None
        self._leading = False
        self.info: MeetingInfo = register.get_meeting(store, meeting_id)
        self.state: MeetingState = load_state(store, meeting_id)
        self._earlier_plan: bool | None = None

    # --- the lease -----------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """Another app leads the meeting (as last seen): writes are refused."""
        return self.holder is not None

    def take_lease(self) -> Lease | None:
        """Lead the meeting from here: None when this session holds the lease, else the lease
        of the app that does (this session then only looks). Also the heartbeat."""
        holder = lease.acquire(self.store, self.meeting_id, self.owner)
        if holder is None and not self._leading:
            # Led from here from now on: start from the meeting as it is, not as last read.
            self.reload()
        self._leading = holder is None
        self.holder = holder
        return holder

    def release_lease(self) -> None:
        lease.release(self.store, self.meeting_id, self.owner)
        self._leading = False

    def _guard(self, known: tuple[object, ...] | None = None) -> None:
        """Inside a write transaction: refuse when another app leads the meeting, or when the
        turns, rounds, phase or circle are no longer ``known`` (``_known_shape()`` taken before
        the model changed its state): then this session's picture is stale."""
        other = lease.held_by_other(self.store, self.meeting_id, self.owner)
        if other is not None:
            self.holder = other
            self._leading = False
            raise MeetingHeld(t("lease.held", who=other.owner.label))
        if known is not None and self._stored_shape() != known:
            raise Conflict(t("meeting.changed_elsewhere"))

    def _stored_shape(self) -> tuple[object, ...]:
        row = self.store.row(
            "SELECT (SELECT count(*) FROM turns WHERE meeting_id = :m) AS turns,"
            " (SELECT max(id) FROM turns WHERE meeting_id = :m) AS last,"
            " (SELECT count(*) FROM turns WHERE meeting_id = :m AND ended_at IS NULL) AS open,"
            " (SELECT count(*) FROM rounds WHERE meeting_id = :m) AS rounds,"
            " (SELECT phase FROM meetings WHERE id = :m) AS phase,"
            " (SELECT count(*) FROM participants WHERE meeting_id = :m AND NOT removed) AS circle",
            {"m": self.meeting_id},
        )
        assert row is not None
        return (row["turns"], row["last"], row["open"], row["rounds"], row["phase"], row["circle"])

    def _known_shape(self) -> tuple[object, ...]:
        turns = self.state.turns
        return (
            len(turns),
            turns[-1].id if turns else None,
            sum(1 for turn in turns if turn.ended_at is None),
            len(self.state.rounds),
            self.state.phase.value,
            sum(1 for p in self.state.participants if not p.removed),
        )

    @classmethod
    def open(cls, store: Store, meeting_id: int) -> MeetingSession:
        """Open a meeting to hold it on the wall; the opening is noted in the audit log."""
        session = cls(store, meeting_id)
        session.record_open()
        return session

    def record_open(self) -> None:
        """Note in the audit log that the meeting was opened (to lead it or to look)."""
        self.store.audit("open", "meeting", self.meeting_id, self.info.citizen_id)

    # --- reading -----------------------------------------------------------------

    def reload(self) -> None:
        self.info = register.get_meeting(self.store, self.meeting_id)
        self.state = load_state(self.store, self.meeting_id)

    def notes(self, turn_id: int | None = None) -> list[Note]:
        """Notes of the meeting, or of one turn, in the order written."""
        if turn_id is None:
            rows = self.store.rows(
                "SELECT * FROM notes WHERE meeting_id = ? ORDER BY id", [self.meeting_id]
            )
        else:
            rows = self.store.rows("SELECT * FROM notes WHERE turn_id = ? ORDER BY id", [turn_id])
        return [Note.from_row(r) for r in rows]

    def current_notes(self) -> list[Note]:
        turn = self.state.current_turn
        return self.notes(turn.id) if turn else []

    # --- changing ------------------------------------------------------------------

    def _apply(self, changes: list[Change], audit: str, known: tuple[object, ...]) -> None:
        """Persist the model's changes in one transaction, then reload the state."""
        now = self.store.now()
        temp_ids: dict[int, int] = {}
        try:
            with self.store.atomic():
                self._guard(known)
                for change in changes:
                    self._persist(change, now, temp_ids)
                if changes:
                    self.store.audit(audit, "meeting", self.meeting_id, self.info.citizen_id)
        finally:
            self.reload()

    def _persist(self, change: Change, now: str, temp_ids: dict[int, int]) -> None:
        store = self.store
        if isinstance(change, CloseTurn):
            turn_id = temp_ids.get(change.turn_id, change.turn_id)
            store.update(
                "turns", turn_id, {"ended_at": change.ended_at, "passed": int(change.passed)}
            )
        elif isinstance(change, OpenTurn):
            turn = change.turn
            temp_ids[turn.id] = store.insert(
                "turns",
                {
                    "meeting_id": self.meeting_id,
                    "round": turn.round,
                    "participant_id": turn.participant_id,
                    "phase": turn.phase.value,
                    "kind": turn.kind.value,
                    "passed": 0,
                    "started_at": turn.started_at,
                },
            )
        elif isinstance(change, StartRound):
            store.insert(
                "rounds",
                {
                    "meeting_id": self.meeting_id,
                    "number": change.round.number,
                    "phase": change.round.phase.value,
                    "roster": json.dumps(list(change.round.roster)),
                },
            )
        elif isinstance(change, SetPhase):
            store.db.execute(
                "UPDATE phases SET ended_at = ? WHERE meeting_id = ? AND ended_at IS NULL",
                [now, self.meeting_id],
            )
            store.insert(
                "phases",
                {"meeting_id": self.meeting_id, "phase": change.phase.value, "started_at": now},
            )
            values: dict[str, object] = {"phase": change.phase.value}
            if self.info.started_at is None and change.phase is not Phase.FORBEREDELSE:
                values.update(started_at=now, status="i_gang")
            store.update("meetings", self.meeting_id, values)
        elif isinstance(change, SetPositions):
            for pid, position in change.positions.items():
                store.update("participants", pid, {"position": position})

    def _run(self, action: str, fn: object) -> None:
        known = self._known_shape()
        try:
            changes = fn()  # type: ignore[operator]
        except MeetingRuleError as exc:
            self.reload()
            raise FacilitatorError(t(exc.key)) from exc
        self._apply(changes, action, known)

    def set_phase(self, phase: Phase) -> None:
        """Go to a phase; phases with turns start their first round, citizen first by default."""
        now = self.store.now()
        self._run("phase", lambda: self.state.set_phase(phase, now))

    def next_phase(self) -> Phase:
        """Step to the next phase ("Siden sidst" is skipped when there is no earlier plan)."""
        index = PHASE_ORDER.index(self.state.phase)
        target = PHASE_ORDER[min(index + 1, len(PHASE_ORDER) - 1)]
        if target is Phase.SIDEN_SIDST and not self.has_earlier_plan():
            target = PHASE_ORDER[PHASE_ORDER.index(target) + 1]
        if target is not self.state.phase:
            self.set_phase(target)
        return self.state.phase

    def previous_phase(self) -> Phase:
        index = PHASE_ORDER.index(self.state.phase)
        target = PHASE_ORDER[max(index - 1, 0)]
        if target is Phase.SIDEN_SIDST and not self.has_earlier_plan():
            target = PHASE_ORDER[max(PHASE_ORDER.index(target) - 1, 0)]
        if target is not self.state.phase:
            self.set_phase(target)
        return self.state.phase

    def has_earlier_plan(self) -> bool:
        """Whether the citizen's previous meeting has plan items (asked once per session:
        the wall redraws the phase strip on every note)."""
        if self._earlier_plan is None:
            prev = register.previous_meeting(self.store, self.info)
            row = prev and self.store.row(
                "SELECT count(*) AS n FROM plan_items WHERE meeting_id = ? AND section = 'plan'",
                [prev.id],
            )
            self._earlier_plan = bool(row and row["n"])
        return self._earlier_plan

    def advance(self) -> None:
        """Give the word to the next person (or start the next round)."""
        now = self.store.now()
        self._run("advance", lambda: self.state.advance(now, passed=False))

    def pass_turn(self) -> None:
        """The speaker passes; nobody has to say anything."""
        if self.current_notes():
            raise FacilitatorError(t("rule.pass_after_notes"))
        now = self.store.now()
        self._run("pass", lambda: self.state.advance(now, passed=True))

    def pause(self) -> None:
        """Pause og refleksion: nothing is recorded until the pause ends."""
        if self.state.paused:
            return
        with self.store.atomic():
            self._guard()
            self.store.update("meetings", self.meeting_id, {"paused_at": self.store.now()})
            self.store.audit("pause", "meeting", self.meeting_id, self.info.citizen_id)
        self.reload()

    def resume(self) -> None:
        with self.store.atomic():
            self._guard()
            self.store.update("meetings", self.meeting_id, {"paused_at": None})
            self.store.audit("resume", "meeting", self.meeting_id, self.info.citizen_id)
        self.reload()

    def add_note(self, kind: NoteKind, text: str) -> Note:
        """Write a note for the current speaker; it is committed before this returns."""
        cleaned = clean_text(text).strip()
        if not cleaned:
            raise FacilitatorError(t("err.empty", what=t("word.note")))
        if len(cleaned) > MAX_NOTE:
            raise FacilitatorError(t("err.too_long", what=t("word.note"), limit=MAX_NOTE))
        try:
            turn = self.state.check_can_note()
        except MeetingRuleError as exc:
            raise FacilitatorError(t(exc.key)) from exc
        try:
            with self.store.atomic():
                # The speaker the leader sees is the speaker the note is stored under.
                self._guard(self._known_shape())
                nid = self._insert_note(turn, kind, cleaned)
        except FacilitatorError:
            self.reload()
            raise
        self.state.record_note(kind)
        row = self.store.row("SELECT * FROM notes WHERE id = ?", [nid])
        assert row is not None
        return Note.from_row(row)

    def _insert_note(self, turn: Turn, kind: NoteKind, text: str) -> int:
        """The note and its audit line (inside the caller's transaction)."""
        nid = self.store.insert(
            "notes",
            {
                "turn_id": turn.id,
                "meeting_id": self.meeting_id,
                "participant_id": turn.participant_id,
                "kind": kind.value,
                "text": text,
                "created_at": self.store.now(),
            },
        )
        self.store.audit("create", "note", nid, self.info.citizen_id)
        return nid

    def earlier_notes(self) -> list[Note]:
        """Every note of the meeting, newest first: the ones the leader may correct."""
        return list(reversed(self.notes()))

    def _own_note(self, note_id: int) -> Note:
        row = self.store.row(
            "SELECT * FROM notes WHERE id = ? AND meeting_id = ?", [note_id, self.meeting_id]
        )
        if row is None:
            raise FacilitatorError(t("note.err_gone"))
        return Note.from_row(row)

    def edit_note(self, note_id: int, text: str, kind: NoteKind | None = None) -> Note:
        """Correct a note's words and, if given, its kind; the change is audited."""
        cleaned = clean_text(text).strip()
        if not cleaned:
            raise FacilitatorError(t("err.empty", what=t("word.note")))
        if len(cleaned) > MAX_NOTE:
            raise FacilitatorError(t("err.too_long", what=t("word.note"), limit=MAX_NOTE))
        values: dict[str, object] = {"text": cleaned}
        if kind is not None:
            values["kind"] = kind.value
        try:
            with self.store.atomic():
                self._guard()
                self._own_note(note_id)
                self.store.update("notes", note_id, values)
                self.store.audit("change", "note", note_id, self.info.citizen_id)
        finally:
            self.reload()  # the kind counts on the wall follow the corrected kind
        return self._own_note(note_id)

    def delete_note(self, note_id: int) -> None:
        """Take a note out of the record (asked first on the wall); the deletion is audited."""
        try:
            with self.store.atomic():
                self._guard()
                self._own_note(note_id)
                self.store.db.execute("DELETE FROM notes WHERE id = ?", [note_id])
                self.store.audit("delete", "note", note_id, self.info.citizen_id)
        finally:
            self.reload()

    def add_participant(
        self,
        name: str,
        kind: ParticipantKind,
        relation: str = "",
        department: str = "",
    ) -> Participant:
        """Invite someone; during the meeting they join from the next round."""
        name = people.clean_field(name, people.MAX_NAME, t("word.name"))
        if kind is ParticipantKind.BORGER:
            raise FacilitatorError(t("err.one_citizen"))
        placeholder = Participant(
            id=0, name=name, kind=kind, relation=relation.strip(), department=department.strip()
        )
        known = self._known_shape()
        added = self.state.add_participant(placeholder)
        try:
            with self.store.atomic():
                self._guard(known)
                pid = self.store.insert(
                    "participants",
                    {
                        "meeting_id": self.meeting_id,
                        "name": added.name,
                        "relation": added.relation,
                        "kind": added.kind.value,
                        "department": added.department,
                        "position": added.position,
                        "joined_round": added.joined_round,
                    },
                )
                self.store.audit("create", "participant", pid, self.info.citizen_id)
        finally:
            self.reload()
        return self.state.participant(pid)

    def edit_participant(
        self,
        participant_id: int,
        name: str,
        kind: ParticipantKind,
        relation: str = "",
        department: str = "",
    ) -> list[Consent]:
        """Correct an invitee's name, relation, kind or department (what they said stays
        theirs). A consent given to a peer guide or volunteer by name follows the corrected
        name when the kind stays; returns the consents that followed."""
        name = people.clean_field(name, people.MAX_NAME, t("word.name"))
        relation = " ".join(clean_text(relation).split())
        if len(relation) > people.MAX_NAME:
            raise FacilitatorError(
                t("err.too_long", what=t("prep.field_relation"), limit=people.MAX_NAME)
            )
        department = department.strip() if kind is ParticipantKind.FAGPERSON else ""
        before = self.state.participant(participant_id)
        known = self._known_shape()
        try:
            edited = self.state.edit_participant(participant_id, name, kind, relation, department)
        except MeetingRuleError as exc:
            self.reload()
            raise FacilitatorError(t(exc.key)) from exc
        followed: list[Consent] = []
        try:
            with self.store.atomic():
                self._guard(known)
                self.store.update(
                    "participants",
                    participant_id,
                    {
                        "name": edited.name,
                        "relation": edited.relation,
                        "kind": edited.kind.value,
                        "department": edited.department,
                    },
                )
                self.store.audit("change", "participant", participant_id, self.info.citizen_id)
                recipient = consent_questions.RECIPIENT_KIND.get(before.kind)
                if recipient is not None and edited.kind is before.kind:
                    followed = self._follow_rename(recipient, before, edited)
        finally:
            self.reload()
        return followed

    def _follow_rename(
        self, recipient: RecipientKind, before: Participant, edited: Participant
    ) -> list[Consent]:
        """Consents to the old name follow the new one, unless someone else in the circle of
        the same kind still has the old name (then the consent is still theirs)."""
        old = consent.normalise_recipient(before.name)
        if any(
            p.id != before.id
            and p.kind is before.kind
            and consent.normalise_recipient(p.name) == old
            for p in self.state.active
        ):
            return []
        return consent.follow_rename(
            self.store, self.info.citizen_id, recipient, before.name, edited.name
        )

    def remove_participant(self, participant_id: int) -> None:
        """Take someone out of the circle; what they said stays in the record."""
        participant = self.state.participant(participant_id)
        if participant.is_citizen:
            raise FacilitatorError(t("err.citizen_stays"))
        now = self.store.now()
        known = self._known_shape()
        changes = self.state.remove_participant(participant_id, now)
        try:
            with self.store.atomic():
                self._guard(known)
                self.store.update("participants", participant_id, {"removed": 1})
                temp: dict[int, int] = {}
                for c in changes:
                    self._persist(c, now, temp)
                self.store.audit("remove", "participant", participant_id, self.info.citizen_id)
        finally:
            self.reload()

    def reorder(self, order: list[int]) -> None:
        """A new speaking order, from the next round on."""
        self._run("reorder", lambda: self.state.reorder(order))

    def move_participant(self, participant_id: int, delta: int) -> None:
        """Move someone up (-1) or down (+1) in the speaking order."""
        order = [p.id for p in self.state.active]
        if participant_id not in order:
            return
        index = order.index(participant_id)
        target = max(0, min(len(order) - 1, index + delta))
        order.insert(target, order.pop(index))
        self.reorder(order)
