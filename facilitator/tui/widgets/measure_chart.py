"""Small terminal charts of the citizen's own measures: bars with dates, numbers beside them.

Every bar carries its number in text, so nothing is told by length or colour alone, and a
screen reader (plain mode) reads the numbers. Only the citizen's own readings are drawn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from facilitator.domain.privacy import mask_cpr
from facilitator.i18n import t
from facilitator.i18n.dates import short_date
from facilitator.meetings.measures import RULER_MAX, RulerRating
from facilitator.meetings.wellbeing import Who5
from facilitator.tui.markup import escape

FULL, EMPTY = "█", "░"
SPARKS = "▁▂▃▄▅▆▇█"
WHO5_CELLS = 20  # one cell per five points


def day_text(iso: str) -> str:
    """A chart's date: 2.7.2026 in Danish, 2 Jul 2026 in English (one style: short_date)."""
    return short_date(iso)


def bar(value: int, maximum: int, cells: int) -> str:
    """``value`` of ``maximum`` as ``cells`` blocks, filled from the left."""
    filled = round(cells * max(0, min(value, maximum)) / maximum)
    return FULL * filled + EMPTY * (cells - filled)


def sparkline(values: Sequence[int], lowest: int, highest: int) -> str:
    """One character per value, from ▁ (lowest) to █ (highest)."""
    span = highest - lowest
    return "".join(
        SPARKS[round((len(SPARKS) - 1) * (min(max(v, lowest), highest) - lowest) / span)]
        for v in values
    )


def apart(reading: RulerRating) -> str:
    """How far apart the citizen's and the professional's steps are (shown, not hidden)."""
    if reading.difference is None:
        return ""
    if reading.difference == 0:
        return t("ruler.same_step")
    return t("ruler.apart", n=abs(reading.difference))


def ruler_rows(readings: Sequence[RulerRating], citizen: str) -> list[str]:
    """One goal over time: per reading its date, the citizen's step and, beside it, the
    professional's, with the difference between them; the "Jeg kan …" statement beneath."""
    names = [mask_cpr(r.professional or t("ruler.professional"))[:20] for r in readings]
    width = max(
        (len(n) for n, r in zip(names, readings, strict=True) if r.professional_rating), default=0
    )
    lines = []
    for r, name in zip(readings, names, strict=True):
        own = f"{escape(citizen)} {bar(r.citizen_rating, RULER_MAX, 10)} {r.citizen_rating:>2}"
        line = f"{day_text(r.taken_on):<11}  [b]{own}[/b]"
        if r.professional_rating is not None:
            line += (
                f"  │ {escape(name.ljust(width))} {bar(r.professional_rating, RULER_MAX, 10)}"
                f" {r.professional_rating:>2}  │ {apart(r)}"
            )
        lines.append(line)
        if r.statement:
            quoted = t("ruler.statement", text=mask_cpr(r.statement))
            lines.append(f"{'':<12}[i]{escape(quoted)}[/i]")
    return lines


def who5_rows(history: Sequence[Who5]) -> list[str]:
    """The citizen's WHO-5 numbers over time: date, when, a bar of 0–100 and the number."""
    occasions = [t(f"who5.occasion.{w.occasion}") for w in history]
    width = max([len(o) for o in occasions] + [0])
    return [
        f"{day_text(w.taken_on):<11}  {escape(o.ljust(width))}  "
        f"{bar(w.score, 100, WHO5_CELLS)}  [b]{t('who5.score', score=w.score)}[/b]"
        for w, o in zip(history, occasions, strict=True)
    ]


def ruler_summary(by_goal: Mapping[str, Sequence[RulerRating]]) -> str:
    """One line for the screens that name the ruler's key: each goal's steps so far (the
    last four), e.g. "At tage bussen alene 3 → 6"."""
    parts = [
        f"{escape(mask_cpr(goal))} "
        + " → ".join(str(r.citizen_rating) for r in found[-4:-1])
        + (" → " if len(found) > 1 else "")
        + f"[b]{found[-1].citizen_rating}[/b]"
        for goal, found in by_goal.items()
        if found
    ]
    body = " · ".join(parts) if parts else t("ruler.summary_none")
    return f"[b]{escape(t('ruler.summary_title'))}:[/b] {body}"
