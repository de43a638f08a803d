"""One message catalog: every key in Danish and English, every key used exists."""

from __future__ import annotations

import re
from pathlib import Path

from facilitator.i18n import missing_translations, t
from facilitator.i18n.catalog import MESSAGES

PACKAGE = Path(__file__).resolve().parent.parent / "facilitator"
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.æøå]+)["']""")
BINDING_KEY = re.compile(r"""Binding\([^)]*?["']([a-z_]+\.[a-z_]+)["']\s*,\s*id=""")


def test_no_missing_translations() -> None:
    assert missing_translations() == []


def test_placeholders_match_between_languages() -> None:
    field = re.compile(r"{(\w+)}")
    for key, entry in MESSAGES.items():
        assert set(field.findall(entry["da"])) == set(field.findall(entry["en"])), key


def test_every_key_used_in_code_exists() -> None:
    used: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(LITERAL_KEY.findall(text))
        used |= set(BINDING_KEY.findall(text))
    for template in (PACKAGE / "templates").glob("*.j2"):
        used |= set(LITERAL_KEY.findall(template.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in MESSAGES)
    assert missing == []


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
