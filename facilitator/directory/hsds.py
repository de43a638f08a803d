"""Import an Open Referral HSDS 3.0 tabular datapackage: datapackage.json plus CSV tables.

Field names follow the HSDS 3.0 schema (openreferral/specification, schema/*.json). Our Danish
fields travel as HSDS attributes whose taxonomy term has a code ``facilitator:<field>``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from facilitator.directory.model import (
    SOURCE_KINDS,
    Bundle,
    Checker,
    CorpusError,
    line,
    part,
    read_limited,
)
from facilitator.domain.vocabulary import EntryKind
from facilitator.i18n import t as msg

PACKAGE = "datapackage.json"
REQUIRED_RESOURCES = ("organization", "service")
REQUIRED_COLUMNS = {"service": ("id", "name"), "organization": ("id", "name")}
TABLES = (
    "organization", "service", "location", "address", "service_at_location", "contact",
    "phone", "schedule", "accessibility", "attribute", "taxonomy_term", "taxonomy",
)  # fmt: skip
EXTENSION = "facilitator:"
EXT_CODES = ("source_kind", "department", "target_group", "needs_decision", "can_contribute",
             "contribute_text")  # fmt: skip
SKIPPED_STATUS = {"inactive", "defunct"}
DAYS = {"MO": "man", "TU": "tir", "WE": "ons", "TH": "tor", "FR": "fre", "SA": "lør", "SU": "søn"}
ID_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")


@dataclass
class _Table:
    name: str
    check: Checker
    file: str
    rows: list[_Row] = field(default_factory=list)


@dataclass
class _Row:
    table: _Table
    rec: str
    data: dict[str, str]

    def text(self, key: str, required: bool = False) -> str:
        return self.table.check.text(self.data, key, self.rec, required)

    def fail(self, key: str, problem: str, **params: object) -> CorpusError:
        return self.table.check.fail(self.rec, key, problem, **params)


def _read_package(path: Path, source: str) -> dict[str, Path]:
    """The CSV file of every resource that datapackage.json lists, by resource name."""
    package = path / PACKAGE if path.is_dir() else path
    folder = package.parent
    c = Checker(str(package))
    if not package.is_file():
        raise CorpusError(msg("hsds.err.no_package", source=source, package=PACKAGE))
    raw = read_limited(package)
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise CorpusError(msg("corpus.err.not_utf8", source=package, byte=exc.start)) from None
    except json.JSONDecodeError as exc:
        raise CorpusError(
            msg("corpus.err.not_json", source=package, line=exc.lineno, column=exc.colno)
        ) from None
    except RecursionError:
        raise CorpusError(msg("corpus.err.too_deep", source=package)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("resources"), list):
        raise c.fail(part("package"), "resources", "not_tables")
    files: dict[str, Path] = {}
    for i, res in enumerate(doc["resources"]):
        if not isinstance(res, dict):
            raise c.fail(f"#{i + 1}", part("resource"), "not_object")
        name = c.text(res, "name", f"#{i + 1}")
        rel = c.text(res, "path", f"'{name}'")
        target = folder / rel
        if (
            "://" in rel
            or "\\" in rel
            or PurePosixPath(rel).is_absolute()
            or ".." in PurePosixPath(rel).parts
            or not target.resolve().is_relative_to(folder.resolve())
        ):
            raise c.fail(f"'{name}'", "path", "outside", path=rel)
        if name in files:
            raise c.fail(f"'{name}'", "name", "listed_twice")
        if not target.is_file():
            raise c.fail(f"'{name}'", "path", "no_table_file", path=rel)
        files[name] = target
    for name in REQUIRED_RESOURCES:
        if name not in files:
            raise c.fail(part("package"), "resources", "no_resource", name=name)
    return files


def _bad_byte_at(raw: bytes) -> tuple[str, str]:
    """The line and column of the first cell that is not UTF-8."""
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig", errors="replace"), newline=""))
    header: list[str] = []
    for row in reader:
        header = header or row
        for i, cell in enumerate(row):
            if "\ufffd" in cell:
                column = (
                    header[i].strip() if row is not header and i < len(header) else part("header")
                )
                return line(reader.line_num), column
    return part("file"), part("encoding")


def _read_table(name: str, file: Path | None) -> _Table:
    """One CSV table, refused whole if it is not UTF-8, malformed or lacks a required column."""
    if file is None:
        return _Table(
            name,
            Checker(msg("hsds.src.not_in_package", name=name)),
            msg("hsds.src.not_listed", name=name),
        )
    c = Checker(str(file))
    table = _Table(name, c, file.name)
    raw = read_limited(file)  # each table on its own: a 200 MB CSV is refused unread
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        rec, column = _bad_byte_at(raw)
        raise c.fail(rec, column, "not_utf8", byte=exc.start) from None
    if "\x00" in text:
        raise CorpusError(msg("corpus.err.nul", source=file))
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in reader.fieldnames or []]
        for col in header:
            if header.count(col) > 1:
                raise c.fail(part("header"), col, "column_twice")
        for col in REQUIRED_COLUMNS.get(name, ()):
            if col not in header:
                raise c.fail(part("header"), col, "column_missing")
        reader.fieldnames = header
        for raw_row in reader:
            at = line(reader.line_num)
            if None in raw_row:
                raise c.fail(at, part("row"), "more_cells")
            if any(v is None for v in raw_row.values()):
                raise c.fail(at, part("row"), "fewer_cells")
            data = {k: v.strip() for k, v in raw_row.items()}
            table.rows.append(_Row(table, f"'{data['id']}'" if data.get("id") else at, data))
    except csv.Error as exc:
        raise c.fail(line(reader.line_num), part("row"), "bad_csv", error=exc) from None
    return table


def _index(table: _Table) -> dict[str, _Row]:
    """Rows by id; an id used twice is refused."""
    found: dict[str, _Row] = {}
    for row in table.rows:
        key = row.text("id", required=True)
        if key in found:
            raise row.fail("id", "twice")
        found[key] = row
    return found


def _group(table: _Table, key: str) -> dict[str, list[_Row]]:
    groups: dict[str, list[_Row]] = {}
    for row in table.rows:
        if row.data.get(key):
            groups.setdefault(row.data[key], []).append(row)
    return groups


def _day(token: str) -> str:
    m = re.fullmatch(r"([+-]?\d+)?([A-Z]{2})", token.strip().upper())
    if not m or m[2] not in DAYS:
        return token.strip()
    nth = m[1] or ""
    return ("sidste " if nth == "-1" else f"{nth.lstrip('+')}. " if nth else "") + DAYS[m[2]]


def _schedule(rows: list[_Row]) -> str:
    """The schedule's own description, else a readable join of byday, opens_at and closes_at."""
    parts: list[str] = []
    for row in rows:
        text = row.text("description")
        if not text:
            days = ", ".join(_day(d) for d in row.text("byday").split(",") if d.strip())
            opens, closes = row.text("opens_at")[:5], row.text("closes_at")[:5]
            hours = (
                f"kl. {opens}–{closes}" if opens and closes
                else f"fra kl. {opens}" if opens else f"til kl. {closes}" if closes else ""
            )  # fmt: skip
            text = " ".join(p for p in (days, hours) if p)
        if text and text not in parts:
            parts.append(text)
    return "; ".join(parts)


def _flag(row: _Row, code: str) -> bool:
    try:
        return row.table.check.boolean(row.data, "value", row.rec)
    except CorpusError:
        raise row.fail("value", "flag", value=row.data["value"], code=code) from None


def parse_hsds(path: Path, source: str, known_departments: set[str] | None = None) -> Bundle:
    """An HSDS 3.0 datapackage (a folder with datapackage.json, or that file) as offers.

    ``source`` names the package when its datapackage.json is missing; every other problem names
    the exact file. Departments already in ``known_departments`` are not redeclared.
    """
    files = _read_package(path, source)
    t = {name: _read_table(name, files.get(name)) for name in TABLES}
    orgs, locations = _index(t["organization"]), _index(t["location"])
    terms = _index(t["taxonomy_term"])
    taxonomies = {k: r.text("name") for k, r in _index(t["taxonomy"]).items()}
    services = _index(t["service"])
    for row in services.values():
        org_id = row.text("organization_id", required=True)
        if org_id not in orgs:
            where = t["organization"].file
            raise row.fail("organization_id", "no_org", id=org_id, file=where)
    sals = _group(t["service_at_location"], "service_id")
    for row in [r for sid in services for r in sals.get(sid, [])]:
        loc_id = row.text("location_id", required=True)
        if loc_id not in locations:
            raise row.fail("location_id", "no_location", id=loc_id, file=t["location"].file)

    bundle = Bundle()
    ext: dict[str, dict[str, Any]] = {}
    themes: dict[str, list[str]] = {}
    for row in t["attribute"].rows:
        entity = row.text("link_entity") or row.text("link_type")
        if entity.lower() != "service":
            continue
        sid = row.text("link_id", required=True)
        if sid not in services:
            raise row.fail("link_id", "no_service", id=sid, file=t["service"].file)
        term_id = row.text("taxonomy_term_id", required=True)
        if term_id not in terms:
            raise row.fail("taxonomy_term_id", "no_term", id=term_id, file=t["taxonomy_term"].file)
        term = terms[term_id]
        code, name = term.text("code"), term.text("name")
        taxonomy = term.text("taxonomy") or taxonomies.get(term.data.get("taxonomy_id", ""), "")
        if code.startswith(EXTENSION) or taxonomy.strip().lower() == EXTENSION.rstrip(":"):
            key = code.removeprefix(EXTENSION)
            if key not in EXT_CODES:
                codes = ", ".join(EXTENSION + k for k in EXT_CODES)
                raise row.fail("taxonomy_term_id", "bad_code", code=code, codes=codes)
            if key in ext.setdefault(sid, {}):
                raise row.fail("link_id", "code_twice", code=EXTENSION + key, id=sid)
            value: Any = row.text("value")
            if key in ("needs_decision", "can_contribute"):
                value = _flag(row, EXTENSION + key)
            elif key == "source_kind" and value and value not in SOURCE_KINDS:
                kinds = ", ".join(sorted(SOURCE_KINDS))
                raise row.fail(
                    "value",
                    "bad_source_kind",
                    value=value,
                    code=f"{EXTENSION}source_kind",
                    kinds=kinds,
                )
            ext[sid][key] = value
            continue
        theme = code if ID_LIKE.fullmatch(code) else name or code
        if not theme:
            raise term.fail("name", "missing")
        if theme not in themes.setdefault(sid, []):
            themes[sid].append(theme)
        if name:
            bundle.themes[theme] = {"id": theme, "label": name, "label_en": ""}

    schedules = _group(t["schedule"], "service_id")
    sal_schedules = _group(t["schedule"], "service_at_location_id")
    addresses = _group(t["address"], "location_id")
    access = _group(t["accessibility"], "location_id")
    contacts = _group(t["contact"], "service_id")
    phones = _group(t["phone"], "service_id")
    contact_phones = _group(t["phone"], "contact_id")
    known = known_departments or set()
    for sid, row in services.items():
        if row.text("status").lower() in SKIPPED_STATUS:
            continue
        x = ext.get(sid, {})
        org = orgs[row.text("organization_id")]
        silo = x.get("department") or org.text("id")
        sal = sals.get(sid, [])
        location: dict[str, str] = {}
        accessibility = ""
        if sal:
            loc_id = sal[0].text("location_id")
            loc = locations[loc_id]
            addrs = addresses.get(loc_id, [])
            physical = [a for a in addrs if a.text("address_type") == "physical"]
            addr = (physical or addrs)[0] if addrs else None
            street = [addr.text("address_1"), addr.text("address_2")] if addr else []
            location = {
                "name": loc.text("name") or loc.text("alternate_name"),
                "address": ", ".join(p for p in street if p),
                "postal_code": addr.text("postal_code") if addr else "",
                "city": addr.text("city") if addr else "",
            }
            accessibility = "; ".join(
                a.text("description") or a.text("details") for a in access.get(loc_id, [])
            )
        person = contacts[sid][0] if sid in contacts else None
        numbers = (contact_phones.get(person.text("id")) or []) if person else []
        numbers = numbers or phones.get(sid, [])
        contact = {
            "name": (person.text("name") or person.text("title")) if person else "",
            "phone": numbers[0].text("number") if numbers else "",
            "email": row.text("email") or (person.text("email") if person else ""),
        }
        timetable = schedules.get(sid, []) + [
            s for link in sal for s in sal_schedules.get(link.text("id"), [])
        ]
        bundle.entries.append({
            "id": sid,
            "kind": EntryKind.OFFER,
            "title": row.text("name", required=True),
            "description": row.text("description") or row.text("name"),
            "silo": silo,
            "source_kind": x.get("source_kind") or "forening",
            "themes": themes.get(sid, []),
            "can_contribute": x.get("can_contribute", False),
            "needs_decision": x.get("needs_decision", False),
            "last_confirmed": row.table.check.day(row.data, "assured_date", row.rec)
            or row.table.check.day(row.data, "last_modified", row.rec),
            "data": {
                "organization": org.text("name"),
                "target_group": x.get("target_group", ""),
                "eligibility": row.text("eligibility_description"),
                "schedule": _schedule(timetable),
                "accessibility": accessibility,
                "contribute_text": x.get("contribute_text", ""),
                "location": location,
                "contact": contact if any(contact.values()) else {},
                "url": row.text("url"),
            },
        })  # fmt: skip
        if silo in orgs:
            bundle.departments[silo] = {
                "id": silo, "name": orgs[silo].text("name", required=True), "name_en": "",
                "kind": "civilsamfund",
            }  # fmt: skip
        elif silo not in known and silo not in bundle.departments:
            bundle.departments[silo] = {"id": silo, "name": silo, "name_en": "", "kind": "kommunal"}
    return bundle
