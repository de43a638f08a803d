"""The .po catalogs read with Babel: in-memory compiling for a checkout, and checks for tests.

Babel is needed only where the .po files are read (a checkout, the build, the tests); an
installed wheel carries the compiled .mo files and reads them with the stdlib.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from facilitator.i18n.files import LANGUAGES, po_path


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


# --- what the code uses (pybabel extract over babel.cfg), for `make messages` and the tests ---

#: Keywords as pybabel takes them: t("key", ...) and tn("key", n, ...); the templates use
#: jinja2's own _(), gettext() and ngettext().
KEYWORDS = {"t": None, "tn": (1,), "_": None, "gettext": None, "ngettext": (1, 2)}
#: Keys the code builds at run time (f"date.month.{n}"): a key under one of these prefixes
#: counts as used.
DYNAMIC_PREFIXES = (
    "assist.no_consent.", "assist.shared_", "assist.role.", "assist.task.", "audit.",
    "consent.scope_",
    "date.", "doc.consent_", "doc.legend.", "doc.recipient.", "entry.", "form.title.",
    "future.q", "kind.", "notekind.", "phase.", "prep.", "rights.", "rules.", "s141.kind.",
    "s141.who.", "since.status.", "source.", "status.", "suggestions.status.", "who.",
    "who5.answer.", "who5.occasion.", "who5.q",
)  # fmt: skip


def used_keys(root: Path) -> dict[str, list[str]]:
    """Every literal key t/tn/_/ngettext receive in code and templates: key -> locations."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (root / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)  # type: ignore[no-untyped-call]
    used: dict[str, list[str]] = {}
    with contextlib.redirect_stderr(io.StringIO()):
        # Babel warns on stderr about every f-string key; those are the DYNAMIC_PREFIXES.
        found = list(extract_from_dir(str(root), method_map, options_map, keywords=KEYWORDS))
    for filename, lineno, message, _comments, _context in found:
        key = message if isinstance(message, str) else message[0]
        if key and "." in key and " " not in key and not key.endswith("."):
            used.setdefault(key, []).append(f"{filename}:{lineno}")
    return used


def _literals(root: Path) -> set[str]:
    """Every string literal in the package's Python (keys kept in tuples, Binding texts)."""
    import ast

    found: set[str] = set()
    for path in (root / "facilitator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def report(root: Path) -> int:
    """Print keys used but missing from a catalog, and catalog keys nothing uses; 1 if missing."""
    used = used_keys(root)
    literals = _literals(root)
    status = 0
    for lang in LANGUAGES:
        known = catalog_texts(lang)
        for key in sorted(set(used) - set(known)):
            print(f"missing in {lang}: {key}  ({', '.join(used[key][:3])})")
            status = 1
    for key in sorted(catalog_texts("da")):
        if key not in used and key not in literals and not key.startswith(DYNAMIC_PREFIXES):
            print(f"unused: {key}")
    return status


if __name__ == "__main__":  # make messages
    import sys

    sys.exit(report(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()))
