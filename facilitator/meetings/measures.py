"""Measures the citizen owns: the dialogue ruler per goal and the WHO-5 wellbeing index.

The dialogue ruler (dialoglineal) is 1–10 per goal, set together with the citizen, with a
short "Jeg kan …" statement; a professional's rating may stand beside it, if the citizen
wants it. WHO-5 is five statements about the last two weeks, each 0–5; the score is the sum
times four (0–100); it lives in :mod:`facilitator.meetings.wellbeing`. Only the citizen's own
trend is shown — never a cut-off or a label.

Measures belong to the citizen: every function here is about one citizen (nothing adds up
across citizens), :func:`export_measures` is what the export includes, deleting the citizen
deletes every reading (the tables cascade), and :func:`shareable_measures` is the only way
measures reach anyone else — through :func:`facilitator.meetings.consent.may_share`.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from facilitator.domain.errors import FacilitatorError, NotFound
from facilitator.domain.meeting import Participant
from facilitator.domain.privacy import mask_cpr
from facilitator.domain.vocabulary import ConsentScope, ParticipantKind, PlanSection, RecipientKind
from facilitator.i18n import t
from facilitator.meetings import consent, people, plan, register, wellbeing
from facilitator.storage.store import Store

RULER_MIN, RULER_MAX = 1, 10
#: The citizen chooses when to take the ruler again: after three or after six months.
FOLLOW_UP_MONTHS = (3, 6)
#: The consent scope that lets a recipient see the measures (see facilitator.meetings.consent).
SCOPE = ConsentScope.MEASURES


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


def _clean(text: str) -> str:
    return " ".join(text.replace("\x00", "").split())


def _check_rating(value: int | None, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not RULER_MIN <= value <= RULER_MAX:
        raise FacilitatorError(t("measures.err_ruler", what=what, lo=RULER_MIN, hi=RULER_MAX))


def rate_goal(
    store: Store,
    citizen_id: int,
    goal: str,
    citizen_rating: int | None,
    statement: str = "",
    professional_rating: int | None = None,
    professional: str = "",
    meeting_id: int | None = None,
    taken_on: date | str | None = None,
) -> RulerRating:
    """Record the citizen's step on the ruler for a goal (and a professional's, if wanted).

    The goal and the citizen's step are needed; what is missing or out of range is refused
    with one sentence (a form shows it as it is)."""
    goal = _clean(goal)[:300]
    if not goal:
        raise FacilitatorError(t("err.empty", what=t("measures.word_goal")))
    if citizen_rating is None:
        raise FacilitatorError(
            t(
                "measures.err_ruler",
                what=t("measures.word_citizen_rating"),
                lo=RULER_MIN,
                hi=RULER_MAX,
            )
        )
    _check_rating(citizen_rating, t("measures.word_citizen_rating"))
    _check_rating(professional_rating, t("measures.word_professional_rating"))
    people.get_citizen(store, citizen_id)
    day = wellbeing.day_taken(taken_on, store)
    rid = store.create(
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
        "ruler_rating",
        citizen_id,
    )
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


def first_name(name: str) -> str:
    """The first of a person's names ("Mette" for "Mette Bostøtte")."""
    return name.split()[0] if name.split() else name


def default_professional(
    store: Store, citizen_id: int, goal: str | None, invited: Sequence[Participant]
) -> str:
    """Whom a new reading offers as the professional beside the citizen: the one who rated
    this goal last time, else the meeting's only professional ("Mette (bostøtte)"), else
    nobody. ``invited`` are the participants still in the meeting."""
    if goal:
        for reading in reversed(ruler_by_goal(store, citizen_id).get(goal, [])):
            if reading.professional:
                return reading.professional
    pros = [p for p in invited if p.kind is ParticipantKind.FAGPERSON]
    if len(pros) == 1:
        relation = f" ({pros[0].relation})" if pros[0].relation else ""
        return f"{first_name(pros[0].name)}{relation}"
    return ""


def ruler_by_goal(store: Store, citizen_id: int) -> dict[str, list[RulerRating]]:
    """The readings grouped per goal (goals in the order they were first rated)."""
    grouped: dict[str, list[RulerRating]] = {}
    for rating in ruler_ratings(store, citizen_id):
        grouped.setdefault(rating.goal, []).append(rating)
    return grouped


def read_ruler(store: Store, citizen_id: int) -> dict[str, list[RulerRating]]:
    """The citizen's ruler readings per goal, for someone to look at: the reading is noted in
    the audit log (the one place that does it for the ruler)."""
    people.get_citizen(store, citizen_id)
    store.audit("read", "ruler", citizen_id, citizen_id)
    return ruler_by_goal(store, citizen_id)


# --- corrections -------------------------------------------------------------------


def remove_ruler_rating(store: Store, rating_id: int) -> None:
    """Take back a ruler reading that was set by mistake."""
    row = store.row("SELECT citizen_id FROM ruler_ratings WHERE id = ?", [rating_id])
    if row is None:
        raise NotFound(t("measures.err_no_reading", id=rating_id))
    with store.atomic():
        store.db.execute("DELETE FROM ruler_ratings WHERE id = ?", [rating_id])
        store.audit("delete", "ruler_rating", rating_id, int(row["citizen_id"]))


# --- when to take the ruler again ---------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_months(store: Store, citizen_id: int) -> int:
    """After how many months the citizen wants to take the ruler again (3 or 6)."""
    row = store.row("SELECT ruler_follow_up_months FROM citizens WHERE id = ?", [citizen_id])
    if row is None:
        raise NotFound(t("err.no_citizen", id=citizen_id))
    return int(row["ruler_follow_up_months"])


def set_follow_up_months(store: Store, citizen_id: int, months: int) -> None:
    """The citizen chooses: take the ruler again after 3 or after 6 months."""
    if months not in FOLLOW_UP_MONTHS:
        raise FacilitatorError(t("measures.err_months", months=months))
    people.get_citizen(store, citizen_id)
    with store.atomic():
        store.update("citizens", citizen_id, {"ruler_follow_up_months": months})
        store.audit("change", "citizen", citizen_id, citizen_id)


def next_ruler_date(store: Store, citizen_id: int) -> date | None:
    """When to take the ruler again: the chosen months after the latest reading."""
    readings = ruler_ratings(store, citizen_id)
    if not readings:
        return None
    latest = max(date.fromisoformat(r.taken_on) for r in readings)
    return add_months(latest, follow_up_months(store, citizen_id))


# --- goals to rate --------------------------------------------------------------------


def goals(store: Store, citizen_id: int, meeting_id: int | None = None) -> list[str]:
    """The goals to offer: those rated before (in that order), then the plan's own items.

    The plan items come from this meeting and the one before it, in the citizen's words;
    a goal already on the list (compared without case) is not offered twice.
    """
    found = list(ruler_by_goal(store, citizen_id))
    if meeting_id is not None:
        meeting = register.get_meeting(store, meeting_id)
        earlier = register.previous_meeting(store, meeting)
        for mid in [meeting.id] + ([earlier.id] if earlier else []):
            found += [i.what for i in plan.plan_items(store, mid, PlanSection.PLAN)]
    seen: set[str] = set()
    offered: list[str] = []
    for goal in found:
        key = _clean(goal).casefold()
        if key and key not in seen:
            seen.add(key)
            offered.append(_clean(goal))
    return offered


# --- the citizen's own data: charts, export, sharing -----------------------------------


def _reading(r: RulerRating, masked: bool) -> dict[str, Any]:
    text = mask_cpr if masked else str
    return {
        "taken_on": r.taken_on,
        "meeting_id": r.meeting_id,
        "citizen_rating": r.citizen_rating,
        "statement": text(r.statement),
        "professional_rating": r.professional_rating,
        "professional": text(r.professional),
        "difference": r.difference,
    }


def chart_data(store: Store, citizen_id: int, until: str | None = None) -> dict[str, Any]:
    """The citizen's measures as plain data for a chart (CPR numbers masked).

    ``ruler``: one entry per goal with its readings, oldest first; ``who5``: the scores,
    oldest first, with the occasion. ``until`` (an ISO date) leaves out later readings, so a
    plan shows what was known on its day. Nothing here compares the citizen with anyone.
    """

    def known(day: str) -> bool:
        return until is None or day <= until[:10]

    ruler = [
        {
            "goal": mask_cpr(goal),
            "readings": [_reading(r, masked=True) for r in found if known(r.taken_on)],
        }
        for goal, found in ruler_by_goal(store, citizen_id).items()
    ]
    return {
        "ruler": [g for g in ruler if g["readings"]],
        "ruler_scale": [RULER_MIN, RULER_MAX],
        "follow_up_months": follow_up_months(store, citizen_id),
        "who5_opt_in": wellbeing.who5_opted_in(store, citizen_id),
        "who5": [
            {"taken_on": w.taken_on, "occasion": w.occasion, "score": w.score}
            for w in wellbeing.who5_history(store, citizen_id)
            if known(w.taken_on)
        ],
        "who5_scale": [0, wellbeing.WHO5_ITEMS * wellbeing.WHO5_MAX_ANSWER * 4],
    }


def export_measures(store: Store, citizen_id: int) -> dict[str, Any]:
    """Everything held about the citizen's measures, as plain JSON-able data (for ``export``).

    The citizen's own words are exported as written; each WHO-5 answer set comes with its
    five answers and its score.
    """
    people.get_citizen(store, citizen_id)
    return {
        "who5_opt_in": wellbeing.who5_opted_in(store, citizen_id),
        "ruler_follow_up_months": follow_up_months(store, citizen_id),
        "ruler": [
            {"id": r.id, "goal": r.goal, **_reading(r, masked=False)}
            for r in ruler_ratings(store, citizen_id)
        ],
        "who5": [
            {
                "id": w.id,
                "taken_on": w.taken_on,
                "occasion": w.occasion,
                "answers": list(w.answers),
                "score": w.score,
            }
            for w in wellbeing.who5_history(store, citizen_id)
        ],
    }


def shareable_measures(
    store: Store, citizen_id: int, recipient_kind: RecipientKind, recipient: str
) -> dict[str, Any]:
    """What of the measures a recipient may see: the chart data with consent, else nothing.

    The decision is :func:`facilitator.meetings.consent.may_share` on the scope ``measures`` — the
    one place that decides; without an active consent for exactly this recipient the
    answer is an empty dict.
    """
    given = consent.active(store, citizen_id)
    if not consent.may_share(given, recipient_kind, recipient, SCOPE):
        return {}
    return chart_data(store, citizen_id)
