"""One gettext catalog: every key in Danish and English, every key used exists, plurals work."""

from __future__ import annotations

import gettext
import io
import os
import re
from pathlib import Path

import pytest

from facilitator.i18n import (
    LANGUAGES,
    missing_translations,
    po_path,
    t,
    tn,
    translations,
)
from facilitator.i18n import files as i18n_files
from facilitator.i18n.po import (
    catalog_texts,
    compile_po,
    fuzzy_keys,
    messages,
    plural_keys,
    used_keys,
)
from tests.conftest import ROOT

MESSAGES = messages()
FIELD = re.compile(r"{(\w+)}")


def test_both_catalogs_compile_with_the_same_keys() -> None:
    for lang in LANGUAGES:
        compiled = gettext.GNUTranslations(io.BytesIO(compile_po(po_path(lang))))
        assert compiled.info()["language"] == lang
        assert compiled.ngettext("x", "y", 1) == "x"  # Plural-Forms parsed
    assert set(catalog_texts("da")) == set(catalog_texts("en"))


def test_plural_forms_header_in_both_languages() -> None:
    for lang in LANGUAGES:
        assert "nplurals=2; plural=(n != 1);" in po_path(lang).read_text(encoding="utf-8")


def test_no_missing_or_empty_translations() -> None:
    assert missing_translations() == []


def test_no_fuzzy_entries() -> None:
    assert [fuzzy_keys(lang) for lang in LANGUAGES] == [[], []]


def test_placeholders_match_between_languages() -> None:
    da, en = catalog_texts("da"), catalog_texts("en")
    for key in da:
        fields = {frozenset(FIELD.findall(form)) for form in da[key] + en[key]}
        assert len(fields) == 1, key


def test_no_catalog_module_is_left() -> None:
    package = ROOT / "facilitator" / "i18n"
    assert not list(package.glob("catalog*.py"))


def test_every_key_used_in_code_and_templates_exists() -> None:
    used = used_keys(ROOT)
    assert "plan.title" in used and "review.err_marked" in used  # extraction works
    for lang in LANGUAGES:
        known = catalog_texts(lang)
        assert sorted(k for k in used if k not in known) == [], lang


def test_no_fake_plurals_are_left() -> None:
    assert {"review.marked_count", "review.err_marked", "assist.shared_notes"} <= plural_keys()
    assert not any("_one" in key for key in catalog_texts("da"))
    assert not any("(er)" in text or "(s)" in text for text in MESSAGES["review.err_marked"])


def test_tn_picks_singular_and_plural_in_both_languages() -> None:
    assert tn("review.marked_count", 1) == "1 punkt skal ændres. Så laver vi en ny version."
    assert tn("review.marked_count", 3).startswith("3 punkter skal ændres")
    assert tn("review.err_marked", 1, "en").startswith("1 item is marked")
    assert tn("review.err_marked", 2, "en").startswith("2 items are marked")
    assert tn("assist.shared_notes", 0, "en") == "0 notes"
    assert tn("assist.shared_notes", 1, "da") == "1 note"
    assert tn("assist.shared_topics", 1, "en") == "1 topic"
    assert tn("assist.shared_items", 5, "da") == "5 punkter fra planen"


def test_a_missing_key_raises() -> None:
    with pytest.raises(KeyError):
        t("no.such_key")
    with pytest.raises(KeyError):
        tn("no.such_key", 2)


def test_a_stale_mo_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A .mo older than its .po (an edited checkout) gives way to the .po compiled in memory.
    folder = tmp_path / "da" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "facilitator.po"
    source = po_path("da").read_text(encoding="utf-8")
    po.write_text(source.replace('msgstr "Min plan"', 'msgstr "Gammel plan"'), encoding="utf-8")
    mo = po.with_suffix(".mo")
    mo.write_bytes(compile_po(po))
    po.write_text(source, encoding="utf-8")
    os.utime(mo, (po.stat().st_mtime - 60, po.stat().st_mtime - 60))
    monkeypatch.setattr(i18n_files, "LOCALE_DIR", tmp_path)
    translations.cache_clear()
    try:
        assert t("plan.title") == "Min plan"
        translations.cache_clear()
        os.utime(mo, (po.stat().st_mtime + 60, po.stat().st_mtime + 60))
        assert t("plan.title") == "Gammel plan"  # a fresh .mo is what is read
    finally:
        translations.cache_clear()


def test_danish_is_default_and_english_complete() -> None:
    assert t("plan.title") == "Min plan"
    assert t("plan.title", "en") == "My plan"


def test_no_jargon_in_what_the_citizen_reads() -> None:
    forbidden = ("bruger", "indsats", "i centrum", "besparelse", "spare penge")
    for key, entry in MESSAGES.items():
        if key.startswith(("plan.", "who.", "rules.", "kind.")):
            assert not any(word in entry["da"].lower() for word in forbidden), key


def test_keys_built_from_the_vocabulary_exist() -> None:
    from facilitator.domain.vocabulary import EntryKind, NoteKind, ParticipantKind, Phase, Who

    keys = (
        [f"phase.{p.value}" for p in Phase]
        + [f"phase.short.{p.value}" for p in Phase]
        + [f"notekind.{k.value}" for k in NoteKind]
        + [f"kind.{k.value}" for k in ParticipantKind]
        + [f"who.{w.value}" for w in Who]
        + ["who.none"]
        + [f"entry.{e.value}" for e in EntryKind]
        + [f"status.{s}" for s in ("planlagt", "i_gang", "afsluttet")]
        + [f"rules.{i}" for i in range(1, 7)]
        + [f"future.q{i}" for i in range(1, 4)]
    )
    assert [k for k in keys if k not in MESSAGES] == []
