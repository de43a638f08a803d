"""Dates as people read them, in the language in force: one style per use.

- running text: long_date, "30. november 2026" / "30 November 2026";
- the weekday form, weekday_date, only where the weekday matters (the next meeting);
- tables, charts and lists: short_date, "30.11.2026" / "30 Nov 2026" (short_datetime adds
  the time of day, for the audit log).

ISO dates ("2026-11-30") are for --json output, file names and date inputs only.
"""

from __future__ import annotations

from datetime import date

from facilitator.i18n import current_language, t


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def long_date(value: str | None, language: str | None = None) -> str:
    """'2026-11-26' as '26. november 2026' (da) or '26 November 2026' (en)."""
    day = _day(value or "")
    if day is None:
        return value or ""
    lang = language or current_language()
    month = t(f"date.month.{day.month}", lang)  # month names live once, in the catalog
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


def short_date(value: str | None, language: str | None = None) -> str:
    """'2026-11-26' as '26.11.2026' (da) or '26 Nov 2026' (en), for chart labels."""
    day = _day(value or "")
    if day is None:
        return value or ""
    lang = language or current_language()
    if lang == "da":
        return f"{day.day}.{day.month}.{day.year}"
    return f"{day.day} {t(f'date.month.{day.month}', lang)[:3]} {day.year}"


def weekday_date(day: date, language: str | None = None) -> str:
    """A date in words: "torsdag den 21. januar 2027" / "Thursday 21 January 2027"."""
    return t(
        "closing.long_date",
        language,
        weekday=t(f"date.weekday.{day.weekday()}", language),
        day=day.day,
        month=t(f"date.month.{day.month}", language),
        year=day.year,
    )


def short_datetime(value: str | None, language: str | None = None) -> str:
    """'2026-11-26T10:05:00' as '26.11.2026 10:05' (da) or '26 Nov 2026 10:05' (en)."""
    text = value or ""
    day = short_date(text, language)
    clock = text[11:16] if len(text) >= 16 and text[10] in "T " else ""
    return f"{day} {clock}" if clock and day != text else day
