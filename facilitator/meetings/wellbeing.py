"""WHO-5, the wellbeing index the citizen may choose to take: five statements about the last
two weeks, each 0–5; the score is the sum times four (0–100). Only the citizen's own trend is
shown — never a cut-off or a label. What WHO-5 shares with the dialogue ruler (charts, the
export, sharing with consent) is in :mod:`facilitator.meetings.measures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from facilitator.domain.errors import FacilitatorError, NotFound
from facilitator.i18n import t
from facilitator.meetings import people
from facilitator.storage.store import Store

WHO5_ITEMS = 5
WHO5_MAX_ANSWER = 5
#: When WHO-5 is taken: at the start, at the end of a course, three months after, or another time.
WHO5_OCCASIONS = ("start", "slut", "tre_maaneder", "andet")
#: The five standard statements (catalog keys), each about the last two weeks.
WHO5_STATEMENTS = tuple(f"who5.q{i}" for i in range(1, WHO5_ITEMS + 1))
#: The standard answers, in the order the form shows them: 5 "Hele tiden" … 0 "På intet tidspunkt".
WHO5_ANSWERS = tuple(range(WHO5_MAX_ANSWER, -1, -1))


@dataclass(frozen=True)
class Who5:
    """One WHO-5 answer set."""

    id: int
    citizen_id: int
    taken_on: str
    occasion: str
    answers: tuple[int, int, int, int, int]

    @property
    def score(self) -> int:
        return who5_score(self.answers)


def day_taken(value: date | str | None, store: Store) -> str:
    """The day a measure was taken: today, a date, or an ISO date (a bad one is refused)."""
    if value is None:
        return store.now_dt().date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError as exc:
        raise FacilitatorError(t("closing.err_bad_date", value=value)) from exc


def who5_score(answers: Sequence[int]) -> int:
    """The WHO-5 score: the five answers (each 0–5) summed, times four (0–100)."""
    if len(answers) != WHO5_ITEMS or any(
        isinstance(a, bool) or not isinstance(a, int) or not 0 <= a <= WHO5_MAX_ANSWER
        for a in answers
    ):
        raise FacilitatorError(t("measures.err_who5", n=WHO5_ITEMS, hi=WHO5_MAX_ANSWER))
    return sum(answers) * 4


def set_who5_opt_in(store: Store, citizen_id: int, opted_in: bool) -> None:
    """WHO-5 is offered only to a citizen who says yes to it."""
    people.get_citizen(store, citizen_id)
    with store.atomic():
        store.update("citizens", citizen_id, {"who5_opt_in": int(opted_in)})
        store.audit("change", "citizen", citizen_id, citizen_id)


def who5_opted_in(store: Store, citizen_id: int) -> bool:
    row = store.row("SELECT who5_opt_in FROM citizens WHERE id = ?", [citizen_id])
    return bool(row and row["who5_opt_in"])


def record_who5(
    store: Store,
    citizen_id: int,
    answers: Sequence[int],
    occasion: str = "andet",
    taken_on: date | str | None = None,
) -> Who5:
    """Store one WHO-5 answer set (the citizen must have opted in)."""
    who5_score(answers)
    if occasion not in WHO5_OCCASIONS:
        raise FacilitatorError(t("measures.err_occasion", occasion=occasion))
    if not who5_opted_in(store, citizen_id):
        raise FacilitatorError(t("measures.err_not_opted_in"))
    day = day_taken(taken_on, store)
    wid = store.create(
        "who5_answers",
        {
            "citizen_id": citizen_id,
            "taken_on": day,
            "occasion": occasion,
            **{f"a{i + 1}": int(a) for i, a in enumerate(answers)},
            "created_at": store.now(),
        },
        "who5",
        citizen_id,
    )
    return _who5(store, wid)


def _who5(store: Store, wid: int) -> Who5:
    row = store.row("SELECT * FROM who5_answers WHERE id = ?", [wid])
    assert row is not None
    return Who5(
        id=int(row["id"]),
        citizen_id=int(row["citizen_id"]),
        taken_on=str(row["taken_on"]),
        occasion=str(row["occasion"]),
        answers=(int(row["a1"]), int(row["a2"]), int(row["a3"]), int(row["a4"]), int(row["a5"])),
    )


def who5_history(store: Store, citizen_id: int) -> list[Who5]:
    """The citizen's WHO-5 answer sets, oldest first."""
    rows = store.rows(
        "SELECT id FROM who5_answers WHERE citizen_id = ? ORDER BY taken_on, id", [citizen_id]
    )
    return [_who5(store, int(r["id"])) for r in rows]


def read_who5(store: Store, citizen_id: int) -> list[Who5]:
    """The citizen's WHO-5 answer sets, for someone to look at: the reading is noted in the
    audit log (the one place that does it for WHO-5)."""
    people.get_citizen(store, citizen_id)
    store.audit("read", "who5", citizen_id, citizen_id)
    return who5_history(store, citizen_id)


def who5_statement(number: int, language: str | None = None) -> str:
    """The standard statement ``number`` (1–5), e.g. "har jeg været glad og i godt humør"."""
    return t(WHO5_STATEMENTS[number - 1], language)


def who5_answer_label(value: int, language: str | None = None) -> str:
    """The standard label of an answer 0–5, e.g. 5 "Hele tiden", 0 "På intet tidspunkt"."""
    if value not in WHO5_ANSWERS:
        raise FacilitatorError(t("measures.err_who5", n=WHO5_ITEMS, hi=WHO5_MAX_ANSWER))
    return t(f"who5.answer.{value}", language)


def next_who5_occasion(store: Store, citizen_id: int) -> str:
    """The occasion to offer first: the first of start, end and three months not yet taken."""
    taken = {w.occasion for w in who5_history(store, citizen_id)}
    return next((o for o in WHO5_OCCASIONS[:-1] if o not in taken), WHO5_OCCASIONS[-1])


def remove_who5(store: Store, who5_id: int) -> None:
    """Take back a WHO-5 answer set that was given by mistake."""
    row = store.row("SELECT citizen_id FROM who5_answers WHERE id = ?", [who5_id])
    if row is None:
        raise NotFound(t("measures.err_no_reading", id=who5_id))
    with store.atomic():
        store.db.execute("DELETE FROM who5_answers WHERE id = ?", [who5_id])
        store.audit("delete", "who5", who5_id, int(row["citizen_id"]))
