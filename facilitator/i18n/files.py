"""Where the catalogs live: one folder per language, one .po (and its .mo) per domain."""

from __future__ import annotations

from pathlib import Path

LANGUAGES = ("da", "en")
DOMAIN = "facilitator"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def po_path(language: str, domain: str = DOMAIN) -> Path:
    """The editable catalog of ``language`` (``domain`` "click" holds click's own messages)."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
