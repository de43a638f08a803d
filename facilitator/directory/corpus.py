"""The corpus of offers and friends across silos: validate a file whole, then import by id."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import entry_passage
from facilitator.domain.vocabulary import EntryKind, SourceKind
from facilitator.storage.store import Store

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FIELD = 5000
SOURCE_KINDS = {k.value for k in SourceKind}
CSV_REQUIRED = ("id", "kind", "title", "description")


class CorpusError(FacilitatorError):
    """A corpus file that is refused whole, naming the file, the record and the field."""

    exit_code = 2


@dataclass
class Bundle:
    """What one file holds, validated and normalised, before anything touches the store."""

    departments: dict[str, dict[str, str]] = field(default_factory=dict)
    themes: dict[str, dict[str, str]] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)


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


class _Checker:
    """Field checks that name the file, the record and the field in one sentence."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, record: str, fieldname: str, problem: str) -> CorpusError:
        return CorpusError(f"{self.source}: record {record}, field '{fieldname}': {problem}.")

    def text(self, obj: dict[str, Any], key: str, record: str, required: bool = True) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                raise self.fail(record, key, "is missing")
            return ""
        if not isinstance(value, str):
            raise self.fail(record, key, f"must be text, not {type(value).__name__}")
        if len(value) > MAX_FIELD:
            raise self.fail(record, key, f"is longer than {MAX_FIELD} characters")
        if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
            raise self.fail(record, key, "contains control characters")
        return value.strip()

    def boolean(self, obj: dict[str, Any], key: str, record: str) -> bool:
        value = obj.get(key, False)
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {"true", "ja", "yes", "1"}:
            return True
        if isinstance(value, str) and value.strip().lower() in {"false", "nej", "no", "0", ""}:
            return False
        raise self.fail(record, key, "must be true or false")

    def day(self, obj: dict[str, Any], key: str, record: str) -> str | None:
        value = self.text(obj, key, record, required=False)
        if not value:
            return None
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            raise self.fail(record, key, f"'{value}' is not a date (YYYY-MM-DD)") from None

    def strings(self, obj: dict[str, Any], key: str, record: str) -> list[str]:
        value = obj.get(key, [])
        if isinstance(value, str):
            return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(record, key, "must be a list of texts")
        return [v.strip() for v in value if v.strip()]

    def mapping(self, obj: dict[str, Any], key: str, record: str) -> dict[str, Any]:
        value = obj.get(key, {})
        if value is None:
            return {}
        if isinstance(value, str):
            return {"name": value}
        if not isinstance(value, dict) or not all(
            isinstance(v, str | int | float | bool | None) for v in value.values()
        ):
            raise self.fail(record, key, "must be an object of plain values")
        return value


def _record_name(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"]:
        return f"'{raw['id']}'"
    return f"#{index + 1}"


def _normalise_offer(c: _Checker, raw: Any, index: int, silo_default: str = "") -> dict[str, Any]:
    rec = _record_name(raw, index)
    if not isinstance(raw, dict):
        raise c.fail(rec, "(record)", "must be an object")
    source_kind = c.text(raw, "source_kind", rec, required=False) or "forening"
    if source_kind not in SOURCE_KINDS:
        raise c.fail(rec, "source_kind", f"must be one of {', '.join(sorted(SOURCE_KINDS))}")
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


def _normalise_friend(c: _Checker, raw: Any, index: int) -> dict[str, Any]:
    rec = _record_name(raw, index)
    if not isinstance(raw, dict):
        raise c.fail(rec, "(record)", "must be an object")
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
    c = _Checker(source)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(
            f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from None
    except RecursionError:
        raise CorpusError(f"{source}: the JSON is nested too deeply.") from None
    if not isinstance(doc, dict):
        raise CorpusError(f"{source}: the top level must be an object with 'offers' and 'friends'.")
    bundle = Bundle()
    for key in ("departments", "themes", "offers", "friends"):
        if key in doc and not isinstance(doc[key], list):
            raise CorpusError(f"{source}: '{key}' must be a list.")
    if "offers" not in doc and "friends" not in doc:
        raise CorpusError(f"{source}: there are no 'offers' or 'friends' in the file.")
    for i, raw in enumerate(doc.get("departments", [])):
        rec = _record_name(raw, i)
        if not isinstance(raw, dict):
            raise c.fail(rec, "(record)", "must be an object")
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
            raise c.fail(rec, "(record)", "must be an object")
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
            raise c.fail(
                f"'{entry['id']}'", "department", f"'{entry['silo']}' is not a declared department"
            )
    return bundle


def parse_csv(text: str, source: str) -> Bundle:
    """A plain CSV: id,kind,title,description are enough; department names the silo."""
    c = _Checker(source)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [h.strip() for h in (reader.fieldnames or [])]
        rows = list(reader)
    except csv.Error as exc:
        raise CorpusError(f"{source}: not a readable CSV file ({exc}).") from None
    missing = [col for col in CSV_REQUIRED if col not in header]
    if missing:
        raise CorpusError(f"{source}: the header row lacks the column(s) {', '.join(missing)}.")
    bundle = Bundle()
    for i, raw_row in enumerate(rows):
        if None in raw_row:
            raise c.fail(f"line {i + 2}", "(row)", "has more cells than the header")
        row = {(k or "").strip(): v for k, v in raw_row.items()}
        rec = f"line {i + 2}"
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
            raise c.fail(rec, "kind", f"must be 'offer' or 'friend', not '{kind}'")
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
    if path.is_dir():
        raise CorpusError(f"{source}: is a folder without datapackage.json, not a corpus file.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CorpusError(f"{source}: the file is larger than {MAX_FILE_BYTES // 1_000_000} MB.")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{source}: not UTF-8 text (byte {exc.start}).") from None
    except OSError:
        raise CorpusError(f"{source}: the file cannot be read.") from None
    if "\x00" in text:
        raise CorpusError(f"{source}: contains NUL bytes, so it is not a text file.")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return parse_csv(text, source)
    if suffix == ".json":
        return parse_json(text, source, known_departments)
    raise CorpusError(f"{source}: use a .json or .csv file, or an HSDS datapackage folder.")


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
            raise CorpusError(
                f"{source}: record #{index + 1} holds text that is not valid Unicode"
                " (half of a character, such as \\ud800)."
            )
    if _has_lone_surrogate(bundle.departments) or _has_lone_surrogate(bundle.themes):
        raise CorpusError(f"{source}: a department or theme holds text that is not valid Unicode.")


def load_file(path: Path, known_departments: set[str]) -> Bundle:
    """Read and validate a corpus file whole; nothing is imported if anything is wrong."""
    source = str(path)
    try:
        exists = path.exists()
        package = path.name == "datapackage.json" or (path / "datapackage.json").is_file()
    except (OSError, ValueError):  # a name too long, or one no file system takes
        raise CorpusError(f"{source}: the file cannot be read.") from None
    if not exists:
        raise CorpusError(f"{source}: the file does not exist.")
    if package:
        from facilitator.directory.hsds import parse_hsds

        bundle = parse_hsds(path, source, known_departments)
    else:
        bundle = _load_text_file(path, source, known_departments)
    _refuse_lone_surrogates(bundle, source)
    seen: set[str] = set()
    for entry in bundle.entries:
        if entry["id"] in seen:
            raise CorpusError(f"{source}: record '{entry['id']}', field 'id': is used twice.")
        seen.add(entry["id"])
    if not bundle.entries:
        raise CorpusError(f"{source}: there are no entries in the file.")
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
