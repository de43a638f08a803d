"""Afrunding: next meeting, handover, three questions to the citizen, a quality check, finish.

The quality check is read off the turn log; it describes the meeting, it never blocks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import Note, PlanItem
from facilitator.domain.vocabulary import NoteKind, PlanSection, TurnKind, Who
from facilitator.i18n import t
from facilitator.i18n.dates import weekday_date
from facilitator.meetings import people, plan, register
from facilitator.meetings.session import load_state
from facilitator.storage.store import Store

DEFAULT_WEEKS = 8
MAX_HANDOVER = 2000
MAX_ANSWER = 2000
#: The three feedback questions, as catalog keys (the key is what the store keeps).
QUESTIONS: tuple[str, ...] = ("feedback.q1", "feedback.q2", "feedback.q3")
_DANISH_DATE = re.compile(r"^\s*(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})\s*$")


# --- next meeting ----------------------------------------------------------------


def default_next_meeting(store: Store, meeting_id: int) -> date:
    """Eight weeks after the meeting's date."""
    meeting = register.get_meeting(store, meeting_id)
    return date.fromisoformat(meeting.date) + timedelta(weeks=DEFAULT_WEEKS)


def next_meeting(store: Store, meeting_id: int) -> date:
    """The next meeting's date as stored, else the default eight weeks ahead."""
    meeting = register.get_meeting(store, meeting_id)
    if meeting.next_meeting:
        try:
            return date.fromisoformat(meeting.next_meeting[:10])
        except ValueError:
            pass
    return default_next_meeting(store, meeting_id)


def parse_date(text: str) -> date:
    """An ISO date (2027-01-21), or a Danish one (21.1.2027); FacilitatorError otherwise."""
    value = text.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = _DANISH_DATE.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise FacilitatorError(t("closing.err_bad_date", value=text.strip()))


def set_next_meeting(store: Store, meeting_id: int, when: date | str) -> date:
    """Store the next meeting's date; a date before this meeting is refused."""
    chosen = when if isinstance(when, date) else parse_date(when)
    meeting = register.get_meeting(store, meeting_id)
    held = date.fromisoformat(meeting.date[:10])
    if chosen < held:
        raise FacilitatorError(
            t("closing.err_date_before", date=weekday_date(held), value=weekday_date(chosen))
        )
    register.set_meeting_fields(store, meeting_id, next_meeting=chosen.isoformat())
    return chosen


# --- handover --------------------------------------------------------------------


def set_handover(store: Store, meeting_id: int, text: str) -> str:
    """Overlevering: who needs to know what (empty clears it)."""
    cleaned = " ".join(text.replace("\x00", "").split())
    if len(cleaned) > MAX_HANDOVER:
        raise FacilitatorError(
            t("err.too_long", what=t("closing.handover_word"), limit=MAX_HANDOVER)
        )
    register.set_meeting_fields(store, meeting_id, handover=cleaned)
    return cleaned


# --- feedback --------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackAnswer:
    """One of the three questions and the citizen's answer ("" when not answered)."""

    question: str
    answer: str

    @property
    def text(self) -> str:
        """The question in the current language."""
        return t(self.question)


def _question_key(question: int | str) -> str:
    key = QUESTIONS[question - 1] if isinstance(question, int) else question
    if key not in QUESTIONS:
        raise ValueError(f"not a feedback question: {question!r}")
    return key


def answer(store: Store, meeting_id: int, question: int | str, text: str) -> FeedbackAnswer:
    """Store the citizen's answer to question 1–3 (or its key); an empty answer removes it."""
    key = _question_key(question)
    cleaned = " ".join(text.replace("\x00", "").split())
    if len(cleaned) > MAX_ANSWER:
        raise FacilitatorError(t("err.too_long", what=t("feedback.answer_word"), limit=MAX_ANSWER))
    meeting = register.get_meeting(store, meeting_id)
    with store.atomic():
        if cleaned:
            store.db.execute(
                "INSERT INTO feedback (meeting_id, question, answer, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(meeting_id, question)"
                " DO UPDATE SET answer = excluded.answer",
                [meeting_id, key, cleaned, store.now()],
            )
        else:
            store.db.execute(
                "DELETE FROM feedback WHERE meeting_id = ? AND question = ?", [meeting_id, key]
            )
        store.audit("feedback", "meeting", meeting_id, meeting.citizen_id)
    return FeedbackAnswer(key, cleaned)


def feedback(store: Store, meeting_id: int) -> list[FeedbackAnswer]:
    """The three questions in order, each with the answer given so far."""
    rows = store.rows("SELECT question, answer FROM feedback WHERE meeting_id = ?", [meeting_id])
    given = {r["question"]: r["answer"] for r in rows}
    return [FeedbackAnswer(key, given.get(key, "")) for key in QUESTIONS]


# --- agreements made in the rounds --------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    """An *aftale* note from the rounds, offered as a plan item, and who said it."""

    note: Note
    speaker: str
    by_citizen: bool


def open_agreements(store: Store, meeting_id: int) -> list[Agreement]:
    """*Aftale* notes of the meeting that are neither a plan item yet nor skipped, in the
    order said: nothing agreed in the room is lost on the way to the plan."""
    rows = store.rows(
        "SELECT * FROM notes WHERE meeting_id = ? AND kind = ? AND NOT agreement_skipped"
        " AND id NOT IN (SELECT source_note_id FROM plan_items"
        " WHERE meeting_id = ? AND source_note_id IS NOT NULL) ORDER BY id",
        [meeting_id, NoteKind.AFTALE.value, meeting_id],
    )
    speakers = {p.id: p for p in people.participants(store, meeting_id)}
    found = []
    for row in rows:
        speaker = speakers.get(row["participant_id"])
        found.append(
            Agreement(
                Note.from_row(row),
                speaker.name if speaker else "",
                bool(speaker and speaker.is_citizen),
            )
        )
    return found


def _agreement(store: Store, meeting_id: int, note_id: int) -> Agreement:
    for agreement in open_agreements(store, meeting_id):
        if agreement.note.id == note_id:
            return agreement
    raise FacilitatorError(t("agreement.err_gone"))


def accept_agreement(store: Store, meeting_id: int, note_id: int) -> PlanItem:
    """The agreement becomes a plan item in the speaker's words: the citizen's own does it
    herself, anyone else's is done together with the one who said it."""
    agreement = _agreement(store, meeting_id, note_id)
    if agreement.by_citizen:
        who, with_whom = Who.SELV, ""
    else:
        who, with_whom = Who.SAMMEN, agreement.speaker
    return plan.add_plan_item(
        store,
        meeting_id,
        agreement.note.text,
        section=PlanSection.PLAN,
        who=who,
        with_whom=with_whom,
        source_note_id=note_id,
    )


def skip_agreement(store: Store, meeting_id: int, note_id: int) -> None:
    """Not a plan item: remembered as skipped, so Afrunding does not ask again."""
    _agreement(store, meeting_id, note_id)
    meeting = register.get_meeting(store, meeting_id)
    with store.atomic():
        store.update("notes", note_id, {"agreement_skipped": 1})
        store.audit("skip", "note", note_id, meeting.citizen_id)


# --- quality check ---------------------------------------------------------------


@dataclass(frozen=True)
class QualityCheck:
    """What the turn log says about the meeting, for the leader to read aloud."""

    not_spoken: list[str]
    citizen_share: float
    citizen_notes: int
    note_count: int
    participant_count: int
    reflection_turns: int
    without_owner: list[PlanItem]
    without_follow_up: list[PlanItem]
    plan_item_count: int
    turn_count: int
    pass_count: int
    round_count: int
    per_kind: dict[str, int] = field(default_factory=dict)

    @property
    def everyone_spoke(self) -> bool:
        """Everyone in the circle had at least one turn they did not pass."""
        return not self.not_spoken

    @property
    def even_share(self) -> float:
        """The share each person would have if everyone wrote as much (1 / participants)."""
        return 1 / self.participant_count if self.participant_count else 0.0

    @property
    def citizen_share_ok(self) -> bool:
        """The citizen has at least an even share of the notes."""
        return self.note_count > 0 and self.citizen_share >= self.even_share

    @property
    def had_reflection(self) -> bool:
        """A professional reflected aloud (a reflection turn that was not passed)."""
        return self.reflection_turns > 0

    @property
    def plan_complete(self) -> bool:
        """There is a plan, and every item has someone who does it and someone who follows up."""
        return self.plan_item_count > 0 and not self.without_owner and not self.without_follow_up

    @property
    def all_good(self) -> bool:
        """Every check holds."""
        return (
            self.everyone_spoke
            and self.citizen_share_ok
            and self.had_reflection
            and self.plan_complete
        )


def quality_check(store: Store, meeting_id: int) -> QualityCheck:
    """Did everyone speak, how much was the citizen's, was there a reflection, is the plan whole."""
    state = load_state(store, meeting_id)
    items = plan.plan_items(store, meeting_id, PlanSection.PLAN)
    citizen = state.citizen
    return QualityCheck(
        not_spoken=[p.name for p in state.never_spoken()],
        citizen_share=state.citizen_share(),
        citizen_notes=state.note_counts()[citizen.id] if citizen else 0,
        note_count=len(state.notes),
        participant_count=len(state.active),
        reflection_turns=sum(
            1 for turn in state.turns if turn.kind is TurnKind.REFLEKSION and not turn.passed
        ),
        without_owner=[i for i in items if not i.has_owner],
        without_follow_up=[i for i in items if not i.has_follow_up],
        plan_item_count=len(items),
        turn_count=sum(1 for turn in state.turns if not turn.passed),
        pass_count=sum(1 for turn in state.turns if turn.passed),
        round_count=len(state.rounds),
        per_kind={kind.value: n for kind, n in state.note_kind_counts().items()},
    )


# --- finishing -------------------------------------------------------------------


def finish(store: Store, meeting_id: int) -> None:
    """The meeting is over: status afsluttet, the end time, the open phase and turn closed."""
    meeting = register.get_meeting(store, meeting_id)
    if meeting.status == "afsluttet" and meeting.ended_at:
        return
    now = store.now()
    with store.atomic():
        store.db.execute(
            "UPDATE turns SET ended_at = ? WHERE meeting_id = ? AND ended_at IS NULL",
            [now, meeting_id],
        )
        store.db.execute(
            "UPDATE phases SET ended_at = ? WHERE meeting_id = ? AND ended_at IS NULL",
            [now, meeting_id],
        )
        store.update(
            "meetings",
            meeting_id,
            {"status": "afsluttet", "ended_at": now, "paused_at": None},
        )
        store.audit("finish", "meeting", meeting_id, meeting.citizen_id)
