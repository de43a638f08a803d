"""The .po catalogs read with Babel: in-memory compiling for a checkout, and checks for tests.

Babel is needed only where the .po files are read (a checkout, the build, the tests); an
installed wheel carries the compiled .mo files and reads them with the stdlib.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from facilitator.i18n import LANGUAGES, po_path


def read_catalog(language: str) -> Catalog:
    """The .po catalog of ``language``."""
    with po_path(language).open("rb") as fh:
        return read_po(fh, locale=language, domain="facilitator")


def compile_po(po: Path) -> bytes:
    """The .mo bytes of the catalog at ``po`` (fuzzy entries left out, as msgfmt does)."""
    with po.open("rb") as fh:
        catalog = read_po(fh)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _forms(string: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if string is None:
        return ("",)
    return (string,) if isinstance(string, str) else tuple(string)


def catalog_texts(language: str) -> dict[str, tuple[str, ...]]:
    """Every key's text(s) in ``language``: one, or the singular and plural forms."""
    texts = {}
    for message in read_catalog(language):
        if not message.id:
            continue  # the header
        key = message.id if isinstance(message.id, str) else message.id[0]
        texts[key] = _forms(message.string)
    return texts


def plural_keys(language: str = "da") -> set[str]:
    """The keys that have a plural form (read with ``tn``)."""
    return {m.id[0] for m in read_catalog(language) if m.id and not isinstance(m.id, str)}


def fuzzy_keys(language: str) -> list[str]:
    """Keys marked fuzzy in ``language`` (gettext would ignore them)."""
    return sorted(str(m.id) for m in read_catalog(language) if m.id and m.fuzzy)


def messages() -> dict[str, dict[str, str]]:
    """Key -> {language: text} (the plural form for plural keys), for checks over all texts."""
    texts = {lang: catalog_texts(lang) for lang in LANGUAGES}
    keys = set().union(*(set(found) for found in texts.values()))
    return {
        key: {lang: texts[lang].get(key, ("",))[-1] for lang in LANGUAGES} for key in sorted(keys)
    }
