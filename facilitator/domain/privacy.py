"""Things that must never travel: CPR numbers, and diagnoses as a basis for matching."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

# The ways people write a CPR number: DDMMYY and SSSS joined by "-", "–", ".", a space, a
# no-break space, a line break or nothing; the date itself may be spaced or dotted ("01 01 90
# 1234", "01.01.90-1234"), the same mark between each pair; "CPR-0101901234" counts. Not inside
# a longer number or code ("1-0101901234"), and the date must be a real day, so an
# eight-digit phone number ("70 10 20 30") never matches: the serial is four digits together.
_DATE_SEP = "[-. \u00a0]"
_SERIAL_SEP = "[-\u2013. \u00a0\n]"
_CPR = re.compile(
    r"(?<!\d)(?<!\d[-\u2013.])"
    r"(\d{2})(" + _DATE_SEP + r"?)(\d{2})\2(\d{2})" + _SERIAL_SEP + r"?(\d{4})(?!\d)"
)

# Matching is on interests, wishes and everyday dreams: these words are taken out first.
DIAGNOSIS_TERMS = (
    "hjerneskade",
    "erhvervet hjerneskade",
    "apopleksi",
    "blodprop i hjernen",
    "demens",
    "alzheimer",
    "kol",
    "copd",
    "depression",
    "skizofreni",
    "bipolar",
    "adhd",
    "autisme",
    "asperger",
    "angst",
    "ocd",
    "ptsd",
    "alkoholisme",
    "alkoholiker",
    "misbrug",
    "diabetes",
    "kræft",
    "cancer",
    "sklerose",
    "parkinson",
    "epilepsi",
    "psykose",
    "spiseforstyrrelse",
    "udviklingshæmning",
    "cerebral parese",
    "gigt",
    "hjertesvigt",
)
_LONG = sorted((t for t in DIAGNOSIS_TERMS if len(t) >= 5), key=len, reverse=True)
_SHORT = sorted((t for t in DIAGNOSIS_TERMS if len(t) < 5), key=len, reverse=True)
# Long stems also go when they open a compound ("hjerneskadeteamet", "demensvenlig"); short
# acronyms only as whole words or before a hyphen ("KOL", "KOL-gruppe"), so "kolleger" stays.
_DIAGNOSIS = re.compile(
    r"\b(?:(?:"
    + "|".join(re.escape(t) for t in _LONG)
    + r")\w*"
    + r"|(?:"
    + "|".join(re.escape(t) for t in _SHORT)
    + r")(?:-\w+)?\b)",
    re.IGNORECASE,
)


def _valid_cpr_date(dd: str, mm: str, yy: str) -> bool:
    day, month, year = int(dd), int(mm), int(yy)
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def find_cpr(text: str) -> list[str]:
    """CPR numbers (valid date) in ``text``."""
    return [
        m.group(0)
        for m in _CPR.finditer(text)
        if _valid_cpr_date(m.group(1), m.group(3), m.group(4))
    ]


def has_cpr(text: str) -> bool:
    return bool(find_cpr(text))


def mask_cpr(text: str) -> str:
    """Replace every CPR number with a mask of the same shape."""

    def repl(m: re.Match[str]) -> str:
        if not _valid_cpr_date(m.group(1), m.group(3), m.group(4)):
            return m.group(0)
        return "XXXXXX-XXXX"

    return _CPR.sub(repl, text)


def strip_diagnoses(text: str) -> str:
    """The text without diagnosis words, so a match rests on what the person wants."""
    return " ".join(_DIAGNOSIS.sub(" ", text).split())


def for_matching(text: str) -> str:
    """What may be embedded: no CPR number, no diagnosis."""
    return strip_diagnoses(mask_cpr(text).replace("XXXXXX-XXXX", " "))


def mask_deep(value: Any) -> Any:
    """The same data with every CPR number masked in every text, however deep it sits."""
    if isinstance(value, str):
        return mask_cpr(value)
    if isinstance(value, dict):
        return {key: mask_deep(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [mask_deep(item) for item in value]
    return value
