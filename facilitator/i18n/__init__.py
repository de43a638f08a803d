"""One message catalog, Danish by default, English complete."""

from __future__ import annotations

import os

from facilitator.i18n.catalog import MESSAGES

LANGUAGES = ("da", "en")
_language: str | None = None


def current_language() -> str:
    """The language in force: set_language(), else $FACILITATOR_LANG, else Danish."""
    if _language:
        return _language
    env = os.environ.get("FACILITATOR_LANG", "da").lower()[:2]
    return env if env in LANGUAGES else "da"


def set_language(language: str) -> None:
    """Switch every message to ``language`` (da or en)."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _language = language


def t(key: str, language: str | None = None, **params: object) -> str:
    """The message ``key`` in the current language, with ``{params}`` filled in."""
    entry = MESSAGES.get(key)
    if entry is None:
        raise KeyError(f"message {key!r} is not in the catalog")
    text = entry[language or current_language()]
    return text.format(**params) if params else text


def missing_translations() -> list[str]:
    """Keys that lack a text in any language (a test keeps this empty)."""
    return sorted(
        key for key, entry in MESSAGES.items() for lang in LANGUAGES if not entry.get(lang)
    )
