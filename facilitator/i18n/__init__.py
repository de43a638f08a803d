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

from facilitator.i18n.files import DOMAIN as DOMAIN
from facilitator.i18n.files import LANGUAGES as LANGUAGES
from facilitator.i18n.files import LOCALE_DIR as LOCALE_DIR
from facilitator.i18n.files import po_path as po_path

_language: str | None = None


#: The locale variables that name the language of messages, strongest first (POSIX).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def locale_language() -> str | None:
    """The language the locale asks for (da_DK.UTF-8 -> da), if it is one we speak."""
    for name in LOCALE_VARIABLES:
        value = os.environ.get(name, "")
        if value:  # the first one set decides, as in POSIX; C or de_DE falls through to Danish
            code = value.lower()[:2]
            return code if code in LANGUAGES else None
    return None


def current_language() -> str:
    """The language in force: set_language() (--lang), else $FACILITATOR_LANG, else the
    locale (LC_ALL, LC_MESSAGES, LANG: en_* is English), else Danish, the product's own."""
    if _language:
        return _language
    env = os.environ.get("FACILITATOR_LANG", "").lower()[:2]
    if env in LANGUAGES:
        return env
    return locale_language() or "da"


def set_language(language: str) -> None:
    """Switch every message to ``language`` (da or en)."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _language = language


@cache
def translations(language: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The compiled catalog of ``language``, read once per process (none: texts as given)."""
    po = po_path(language, domain)
    mo = po.with_suffix(".mo")
    if domain != DOMAIN and not po.exists() and not mo.exists():
        return gettext.NullTranslations()  # English click messages are click's own
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
