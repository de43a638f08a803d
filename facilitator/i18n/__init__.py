"""One message catalog (gettext), Danish by default, English complete.

The catalogs are ``locale/<lang>/LC_MESSAGES/facilitator.po``; the msgid of every message
is its dotted key (``err.no_store``) and both languages carry a msgstr. At run time the
stdlib ``gettext`` module reads the compiled ``.mo`` (built into the wheel by
hatch_build.py, or by ``make install`` in a checkout). A checkout whose ``.mo`` is missing
or older than its ``.po`` compiles the ``.po`` in memory with Babel instead, so a test
never reads a stale catalog.
"""

from __future__ import annotations

import gettext
import io
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("da", "en")
DOMAIN = "facilitator"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
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


def po_path(language: str) -> Path:
    """The editable catalog of ``language``."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.GNUTranslations:
    """The compiled catalog of ``language``, read once per process."""
    po = po_path(language)
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    # A checkout without a fresh .mo: compile in memory (Babel is a dev/build dependency).
    from facilitator.i18n.po import compile_po

    return gettext.GNUTranslations(io.BytesIO(compile_po(po)))


def _missing(key: str) -> KeyError:
    return KeyError(f"message {key!r} is not in the catalog")


def message(key: str, language: str | None = None) -> str:
    """The text of ``key`` as the catalog has it, ``{placeholders}`` and all."""
    text = translations(language or current_language()).gettext(key)
    # gettext hands back the msgid when there is no msgstr ("" is the catalog's header).
    if text == key or not key:
        raise _missing(key)
    return text


def plural_message(key: str, n: int, language: str | None = None) -> str:
    """The singular or plural text of ``key`` for count ``n``, placeholders unfilled."""
    text = translations(language or current_language()).ngettext(key, key, n)
    if text == key or not key:
        raise _missing(key)
    return text


def t(key: str, language: str | None = None, **params: object) -> str:
    """The message ``key`` in the current language, with ``{params}`` filled in."""
    text = message(key, language)
    return text.format(**params) if params else text


def tn(key: str, n: int, language: str | None = None, **params: object) -> str:
    """The singular or plural form of message ``key`` for count ``n`` (``{n}`` is filled in)."""
    return plural_message(key, n, language).format(n=n, **params)


def has_message(key: str) -> bool:
    """Whether ``key`` is a (singular) message of the catalog."""
    return bool(key) and translations("da").gettext(key) != key


def missing_translations() -> list[str]:
    """Keys that lack a text in any language (a test keeps this empty)."""
    from facilitator.i18n.po import catalog_texts

    texts = {lang: catalog_texts(lang) for lang in LANGUAGES}
    keys = set().union(*(set(found) for found in texts.values()))
    return sorted(
        key
        for key in keys
        for lang in LANGUAGES
        if not texts[lang].get(key) or not all(texts[lang][key])
    )
