"""Dates as people read them, in the language in force."""

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
