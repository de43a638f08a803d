"""The corpus of offers and friends across silos: validate a file whole, then import by id."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from facilitator.directory.model import MAX_FIELD as MAX_FIELD
from facilitator.directory.model import MAX_FILE_BYTES as MAX_FILE_BYTES
from facilitator.directory.model import SOURCE_KINDS as SOURCE_KINDS
from facilitator.directory.model import Bundle as Bundle
from facilitator.directory.model import Checker, line, part
from facilitator.directory.model import CorpusError as CorpusError
from facilitator.directory.model import read_limited as read_limited
from facilitator.directory.model import too_large as too_large
from facilitator.domain.records import entry_passage
from facilitator.domain.vocabulary import EntryKind
from facilitator.i18n import t
from facilitator.storage.store import Store

CSV_REQUIRED = ("id", "kind", "title", "description")


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    departments: int


def content_hash(text: str) -> str:
    """The key an embedding is stored under: unchanged text is never embedded twice."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def passage_text(entry: dict[str, Any]) -> str:
    """The text of a normalised entry that is embedded and matched."""
    return entry_passage(
        entry["kind"], entry["title"], entry["description"], entry["data"], entry["can_contribute"]
    )


def _record_name(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"]:
        return f"'{raw['id']}'"
    return f"#{index + 1}"


def _normalise_offer(c: Checker, raw: Any, index: int, silo_default: str = "") -> dict[str, Any]:
    rec = _record_name(raw, index)
    if not isinstance(raw, dict):
        raise c.fail(rec, part("record"), "not_object")
    source_kind = c.text(raw, "source_kind", rec, required=False) or "forening"
    if source_kind not in SOURCE_KINDS:
        raise c.fail(rec, "source_kind", "one_of", values=", ".join(sorted(SOURCE_KINDS)))
    data = {
        "organization": c.text(raw, "organization", rec, required=False),
        "target_group": c.text(raw, "target_group", rec, required=False),
        "eligibility": c.text(raw, "eligibility", rec, required=False),
        "schedule": c.text(raw, "schedule", rec, required=False),
        "accessibility": c.text(raw, "accessibility", rec, required=False),
        "contribute_text": c.text(raw, "contribute_text", rec, required=False),
        "location": c.mapping(raw, "location", rec),
        "contact": c.mapping(raw, "contact", rec),
        "url": c.text(raw, "url", rec, required=False),
    }
    return {
        "id": c.text(raw, "id", rec),
        "kind": EntryKind.OFFER,
        "title": c.text(raw, "title", rec),
        "description": c.text(raw, "description", rec),
        "silo": c.text(raw, "department", rec, required=not silo_default) or silo_default,
        "source_kind": source_kind,
        "themes": c.strings(raw, "themes", rec),
        "can_contribute": c.boolean(raw, "can_contribute", rec),
        "needs_decision": c.boolean(raw, "needs_decision", rec),
        "last_confirmed": c.day(raw, "last_assured_date", rec),
        "data": data,
    }


def _normalise_friend(c: Checker, raw: Any, index: int) -> dict[str, Any]:
    rec = _record_name(raw, index)
    if not isinstance(raw, dict):
        raise c.fail(rec, part("record"), "not_object")
    data = {
        "role": c.text(raw, "role", rec),
        "networks": c.strings(raw, "networks", rec),
        "can_help_with": c.text(raw, "can_help_with", rec),
        "right_when": c.text(raw, "right_when", rec, required=False),
        "contact": c.mapping(raw, "contact", rec),
        "opted_in": c.day(raw, "opted_in", rec),
    }
    return {
        "id": c.text(raw, "id", rec),
        "kind": EntryKind.FRIEND,
        "title": c.text(raw, "name", rec),
        "description": data["can_help_with"],
        "silo": c.text(raw, "department", rec),
        "source_kind": "",
        "themes": c.strings(raw, "themes", rec),
        "can_contribute": False,
        "needs_decision": False,
        "last_confirmed": c.day(raw, "last_confirmed", rec),
        "data": data,
    }


def parse_json(text: str, source: str, known_departments: set[str]) -> Bundle:
    """Our JSON format (see corpus/SCHEMA.md)."""
    c = Checker(source)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(
            t("corpus.err.not_json", source=source, line=exc.lineno, column=exc.colno)
        ) from None
    except RecursionError:
        raise CorpusError(t("corpus.err.too_deep", source=source)) from None
    if not isinstance(doc, dict):
        raise CorpusError(t("corpus.err.top_level", source=source))
    bundle = Bundle()
    for key in ("departments", "themes", "offers", "friends"):
        if key in doc and not isinstance(doc[key], list):
            raise CorpusError(t("corpus.err.not_list", source=source, name=key))
    if "offers" not in doc and "friends" not in doc:
        raise CorpusError(t("corpus.err.no_offers", source=source))
    for i, raw in enumerate(doc.get("departments", [])):
        rec = _record_name(raw, i)
        if not isinstance(raw, dict):
            raise c.fail(rec, part("record"), "not_object")
        dep_id = c.text(raw, "id", rec)
        bundle.departments[dep_id] = {
            "id": dep_id,
            "name": c.text(raw, "name", rec),
            "name_en": c.text(raw, "name_en", rec, required=False),
            "kind": c.text(raw, "kind", rec, required=False) or "kommunal",
        }
    for i, raw in enumerate(doc.get("themes", [])):
        rec = _record_name(raw, i)
        if not isinstance(raw, dict):
            raise c.fail(rec, part("record"), "not_object")
        theme_id = c.text(raw, "id", rec)
        bundle.themes[theme_id] = {
            "id": theme_id,
            "label": c.text(raw, "label", rec),
            "label_en": c.text(raw, "label_en", rec, required=False),
        }
    bundle.entries += [_normalise_offer(c, raw, i) for i, raw in enumerate(doc.get("offers", []))]
    bundle.entries += [_normalise_friend(c, raw, i) for i, raw in enumerate(doc.get("friends", []))]
    departments = known_departments | set(bundle.departments)
    for entry in bundle.entries:
        if entry["silo"] not in departments:
            raise c.fail(f"'{entry['id']}'", "department", "unknown_department", id=entry["silo"])
    return bundle


def parse_csv(text: str, source: str) -> Bundle:
    """A plain CSV: id,kind,title,description are enough; department names the silo."""
    c = Checker(source)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [h.strip() for h in (reader.fieldnames or [])]
        rows = list(reader)
    except csv.Error as exc:
        raise CorpusError(t("corpus.err.csv_unreadable", source=source, error=exc)) from None
    missing = [col for col in CSV_REQUIRED if col not in header]
    if missing:
        raise CorpusError(t("corpus.err.csv_columns", source=source, columns=", ".join(missing)))
    bundle = Bundle()
    for i, raw_row in enumerate(rows):
        if None in raw_row:
            raise c.fail(line(i + 2), part("row"), "more_cells")
        row = {(k or "").strip(): v for k, v in raw_row.items()}
        rec = line(i + 2)
        kind = (row.get("kind") or "").strip().lower()
        silo = (row.get("department") or "").strip()
        if silo and silo not in bundle.departments:
            bundle.departments[silo] = {"id": silo, "name": silo, "name_en": "", "kind": "kommunal"}
        base = {k: v for k, v in row.items() if v is not None and v != ""}
        if kind == "offer":
            base.setdefault("department", silo)
            entry = _normalise_offer(c, base, i, silo_default=silo or "ukendt")
        elif kind == "friend":
            base.setdefault("name", row.get("title", ""))
            base.setdefault("can_help_with", row.get("description", ""))
            base["department"] = silo or "ukendt"
            base.setdefault("role", "-")  # a plain CSV need not name the friend's role
            entry = _normalise_friend(c, base, i)
            entry["title"] = c.text(row, "title", rec)
            entry["description"] = c.text(row, "description", rec)
        else:
            raise c.fail(rec, "kind", "kind", kind=kind)
        if entry["silo"] == "ukendt" and "ukendt" not in bundle.departments:
            bundle.departments["ukendt"] = {
                "id": "ukendt",
                "name": "Ukendt afdeling",
                "name_en": "Unknown",
                "kind": "kommunal",
            }
        bundle.entries.append(entry)
    return bundle


def _load_text_file(path: Path, source: str, known_departments: set[str]) -> Bundle:
    """Our JSON or a plain CSV, read as UTF-8 text."""
    raw = read_limited(path, source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(t("corpus.err.not_utf8", source=source, byte=exc.start)) from None
    if "\x00" in text:
        raise CorpusError(t("corpus.err.nul", source=source))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return parse_csv(text, source)
    if suffix == ".json":
        return parse_json(text, source, known_departments)
    raise CorpusError(t("corpus.err.suffix", source=source))


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def _refuse_lone_surrogates(bundle: Bundle, source: str) -> None:
    """JSON may escape half a character ("\\ud800"); such text cannot be stored as UTF-8."""
    for index, entry in enumerate(bundle.entries):
        if _has_lone_surrogate(entry):
            raise CorpusError(t("corpus.err.surrogate", source=source, record=index + 1))
    if _has_lone_surrogate(bundle.departments) or _has_lone_surrogate(bundle.themes):
        raise CorpusError(t("corpus.err.surrogate_meta", source=source))


def load_file(path: Path, known_departments: set[str]) -> Bundle:
    """Read and validate a corpus file whole; nothing is imported if anything is wrong."""
    source = str(path)
    try:
        exists = path.exists()
        package = path.name == "datapackage.json" or (path / "datapackage.json").is_file()
    except (OSError, ValueError):  # a name too long, or one no file system takes
        raise CorpusError(t("corpus.err.unreadable", source=source)) from None
    if not exists:
        raise CorpusError(t("corpus.err.no_file", source=source))
    if package:
        from facilitator.directory.hsds import parse_hsds

        bundle = parse_hsds(path, source, known_departments)
    else:
        bundle = _load_text_file(path, source, known_departments)
    _refuse_lone_surrogates(bundle, source)
    seen: set[str] = set()
    for entry in bundle.entries:
        if entry["id"] in seen:
            raise Checker(source).fail(f"'{entry['id']}'", "id", "twice")
        seen.add(entry["id"])
    if not bundle.entries:
        raise CorpusError(t("corpus.err.empty", source=source))
    return bundle


def import_bundle(store: Store, bundle: Bundle) -> ImportResult:
    """Upsert a validated bundle in one transaction; re-import updates by id."""
    now = store.now()
    compared = (
        "kind",
        "title",
        "description",
        "silo",
        "source_kind",
        "themes",
        "can_contribute",
        "needs_decision",
        "last_confirmed",
        "data",
        "content_hash",
    )
    existing = {
        r["id"]: tuple(r[k] for k in compared)
        for r in store.rows(f"SELECT id, {', '.join(compared)} FROM corpus_entries")
    }
    added = updated = unchanged = 0
    with store.atomic():
        for dep in bundle.departments.values():
            store.db.execute(
                "INSERT INTO departments (id, name, name_en, kind) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
                " name_en = coalesce(nullif(excluded.name_en, ''), departments.name_en),"
                " kind = excluded.kind",
                [dep["id"], dep["name"], dep["name_en"], dep["kind"]],
            )
        for theme in bundle.themes.values():
            store.db.execute(
                "INSERT INTO themes (id, label, label_en) VALUES (?, ?, ?) ON CONFLICT(id)"
                " DO UPDATE SET label = excluded.label,"
                " label_en = coalesce(nullif(excluded.label_en, ''), themes.label_en)",
                [theme["id"], theme["label"], theme["label_en"]],
            )
        for entry in bundle.entries:
            record = {
                "id": entry["id"],
                "kind": entry["kind"].value,
                "title": entry["title"],
                "description": entry["description"],
                "silo": entry["silo"],
                "source_kind": entry["source_kind"],
                "themes": json.dumps(entry["themes"], ensure_ascii=False),
                "can_contribute": int(entry["can_contribute"]),
                "needs_decision": int(entry["needs_decision"]),
                "last_confirmed": entry["last_confirmed"],
                "data": json.dumps(entry["data"], ensure_ascii=False, sort_keys=True),
                "content_hash": content_hash(passage_text(entry)),
                "imported_at": now,
            }
            fingerprint = tuple(record[k] for k in compared)
            if entry["id"] not in existing:
                added += 1
            elif existing[entry["id"]] == fingerprint:
                unchanged += 1
                continue
            else:
                updated += 1
            columns = ", ".join(record)
            marks = ", ".join("?" for _ in record)
            updates = ", ".join(f"{k} = excluded.{k}" for k in record if k != "id")
            store.db.execute(
                f"INSERT INTO corpus_entries ({columns}) VALUES ({marks})"
                f" ON CONFLICT(id) DO UPDATE SET {updates}",
                list(record.values()),
            )
        store.audit("import", "corpus", f"{added}+{updated}")
    return ImportResult(added, updated, unchanged, len(bundle.departments))


def has_entries(store: Store) -> bool:
    """Whether any offer or friend has been imported."""
    return store.row("SELECT 1 AS x FROM corpus_entries LIMIT 1") is not None


def import_file(store: Store, path: Path) -> ImportResult:
    """Validate ``path`` whole, then import it; a broken file changes nothing.

    Vectors shipped beside the file (NAME.vectors.npz) are taken for every entry whose text
    they were made from, so only new and changed entries are left to embed.
    """
    from facilitator.directory.vectors import load_vectors, sidecar_path

    known = {r["id"] for r in store.rows("SELECT id FROM departments")}
    result = import_bundle(store, load_file(path, known))
    load_vectors(store, sidecar_path(path))
    return result


def demo_corpus_path() -> Path:
    from facilitator.storage.paths import corpus_dir

    return corpus_dir() / "demo_kommune.json"


@dataclass(frozen=True)
class Stats:
    by_kind: dict[str, int]
    by_silo: dict[str, int]
    by_theme: dict[str, int]
    stale: list[tuple[str, str, str | None]]
    total: int


def stats(store: Store, today: date) -> Stats:
    """Counts per kind, silo and theme, and entries not confirmed in the last 12 months."""
    rows = store.rows(
        "SELECT e.id, e.kind, e.title, e.themes, e.last_confirmed,"
        " coalesce(d.name, e.silo) AS silo_name FROM corpus_entries e"
        " LEFT JOIN departments d ON d.id = e.silo ORDER BY e.id"
    )
    theme_labels = {r["id"]: r["label"] for r in store.rows("SELECT id, label FROM themes")}
    by_kind: Counter[str] = Counter()
    by_silo: Counter[str] = Counter()
    by_theme: Counter[str] = Counter()
    stale: list[tuple[str, str, str | None]] = []
    cutoff = (today - timedelta(days=365)).isoformat()
    for r in rows:
        by_kind[r["kind"]] += 1
        by_silo[r["silo_name"]] += 1
        for theme in json.loads(r["themes"]):
            by_theme[theme_labels.get(theme, theme)] += 1
        if r["last_confirmed"] is None or r["last_confirmed"] < cutoff:
            stale.append((r["id"], r["title"], r["last_confirmed"]))
    return Stats(dict(by_kind), dict(by_silo), dict(by_theme), stale, len(rows))
