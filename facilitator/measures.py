"""Measures the citizen owns: the dialogue ruler per goal and the WHO-5 wellbeing index.

The dialogue ruler (dialoglineal) is 1–10 per goal, set together with the citizen, with a
short "Jeg kan …" statement; a professional's rating may stand beside it, if the citizen
wants it. WHO-5 is five statements about the last two weeks, each 0–5; the score is the sum
times four (0–100). Only the citizen's own trend is shown — never a cut-off or a label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from facilitator import people
from facilitator.errors import FacilitatorError
from facilitator.i18n import t
from facilitator.store import Store

RULER_MIN, RULER_MAX = 1, 10
WHO5_ITEMS = 5
WHO5_MAX_ANSWER = 5
WHO5_OCCASIONS = ("start", "slut", "tre_maaneder", "andet")


@dataclass(frozen=True)
class RulerRating:
    """One reading of the dialogue ruler for one goal."""

    id: int
    citizen_id: int
    meeting_id: int | None
    goal: str
    taken_on: str
    citizen_rating: int
    statement: str
    professional_rating: int | None
    professional: str

    @property
    def difference(self) -> int | None:
        """Citizen's rating minus the professional's; shown, never hidden."""
        if self.professional_rating is None:
            return None
        return self.citizen_rating - self.professional_rating


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


def _clean(text: str) -> str:
    return " ".join(text.replace("\x00", "").split())


def _day(value: date | str | None, store: Store) -> str:
    if value is None:
        return store.now_dt().date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError as exc:
        raise FacilitatorError(t("closing.err_bad_date", value=value)) from exc


def _check_rating(value: int | None, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not RULER_MIN <= value <= RULER_MAX:
        raise FacilitatorError(t("measures.err_ruler", what=what, lo=RULER_MIN, hi=RULER_MAX))


def rate_goal(
    store: Store,
    citizen_id: int,
    goal: str,
    citizen_rating: int,
    statement: str = "",
    professional_rating: int | None = None,
    professional: str = "",
    meeting_id: int | None = None,
    taken_on: date | str | None = None,
) -> RulerRating:
    """Record the citizen's step on the ruler for a goal (and a professional's, if wanted)."""
    goal = _clean(goal)[:300]
    if not goal:
        raise FacilitatorError(t("err.empty", what=t("measures.word_goal")))
    _check_rating(citizen_rating, t("measures.word_citizen_rating"))
    _check_rating(professional_rating, t("measures.word_professional_rating"))
    people.get_citizen(store, citizen_id)
    day = _day(taken_on, store)
    with store.atomic():
        rid = store.insert(
            "ruler_ratings",
            {
                "citizen_id": citizen_id,
                "meeting_id": meeting_id,
                "goal": goal,
                "taken_on": day,
                "citizen_rating": citizen_rating,
                "statement": _clean(statement)[:500],
                "professional_rating": professional_rating,
                "professional": _clean(professional)[:200] if professional_rating else "",
                "created_at": store.now(),
            },
        )
        store.audit("create", "ruler_rating", rid, citizen_id)
    return ruler_ratings(store, citizen_id, rid=rid)[0]


def ruler_ratings(store: Store, citizen_id: int, rid: int | None = None) -> list[RulerRating]:
    """Every ruler reading of the citizen, oldest first."""
    sql = "SELECT * FROM ruler_ratings WHERE citizen_id = ?"
    params: list[object] = [citizen_id]
    if rid is not None:
        sql += " AND id = ?"
        params.append(rid)
    return [
        RulerRating(
            id=int(r["id"]),
            citizen_id=int(r["citizen_id"]),
            meeting_id=r["meeting_id"],
            goal=str(r["goal"]),
            taken_on=str(r["taken_on"]),
            citizen_rating=int(r["citizen_rating"]),
            statement=str(r["statement"]),
            professional_rating=r["professional_rating"],
            professional=str(r["professional"]),
        )
        for r in store.rows(sql + " ORDER BY taken_on, id", params)
    ]


def ruler_by_goal(store: Store, citizen_id: int) -> dict[str, list[RulerRating]]:
    """The readings grouped per goal (goals in the order they were first rated)."""
    grouped: dict[str, list[RulerRating]] = {}
    for rating in ruler_ratings(store, citizen_id):
        grouped.setdefault(rating.goal, []).append(rating)
    return grouped


# --- WHO-5 -------------------------------------------------------------------------


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
    day = _day(taken_on, store)
    with store.atomic():
        wid = store.insert(
            "who5_answers",
            {
                "citizen_id": citizen_id,
                "taken_on": day,
                "occasion": occasion,
                **{f"a{i + 1}": int(a) for i, a in enumerate(answers)},
                "created_at": store.now(),
            },
        )
        store.audit("create", "who5", wid, citizen_id)
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
