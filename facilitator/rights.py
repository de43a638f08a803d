"""The citizen's rights: see everything held about them, share only what they chose, be forgotten.

* :func:`export_citizen` — everything held about one citizen, as one JSON-ready document
  (data portability; it is for the citizen, so nothing is left out or masked).
* :func:`export_for` — what one recipient may see: every part asks :func:`consent.may_share`,
  and every CPR number is masked.
* :func:`forget_citizen` — erase the citizen and every trace: meetings, notes, embeddings of
  their texts, suggestions, plans, rendered files, audit entries, and the same in backups.

Tables are found by their columns (``citizen_id``, ``meeting_id``, ``content_hash``), so a
table a later migration adds is exported and erased without a change here.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facilitator import __version__, consent, paths, people
from facilitator.corpus import content_hash
from facilitator.privacy import for_matching, mask_deep
from facilitator.records import Citizen
from facilitator.store import Store
from facilitator.suggest import split_sentences

EXPORT_FORMAT = "facilitator-citizen-export/1"
SHARE_FORMAT = "facilitator-shared-export/1"
#: Handled on their own, never by the column search.
_SPECIAL = {"citizens", "meetings", "audit_log", "corpus_entries", "_sqlite_migrations"}


# --- reading the schema --------------------------------------------------------------


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')}


def _tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary tables (no SQLite internals, no FTS shadow tables)."""
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]


def _tables_with(conn: sqlite3.Connection, column: str) -> list[str]:
    return [t for t in _tables(conn) if t not in _SPECIAL and column in _columns(conn, t)]


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _portable(row: dict[str, Any]) -> dict[str, Any]:
    """A row as JSON can hold it: a BLOB (an embedding) becomes its length, JSON text is parsed."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, bytes):
            out[key] = {"bytes": len(value)}
        elif key in ("snapshot", "roster", "changes_requested") and isinstance(value, str):
            try:
                out[key] = json.loads(value)
            except ValueError:
                out[key] = value
        else:
            out[key] = value
    return out


# --- export: everything, for the citizen -----------------------------------------------


def _documents(citizen_id: int) -> list[str]:
    folder = paths.citizen_documents_dir(citizen_id)
    if not folder.is_dir():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def record_export(store: Store, citizen_id: int, shared: bool) -> None:
    """The audit entry of an export: "export" (for the citizen) or "share" (for a recipient)."""
    store.audit("share" if shared else "export", "citizen", citizen_id, citizen_id)


def export_citizen(store: Store, citizen_id: int, audit: bool = True) -> dict[str, Any]:
    """Everything held about the citizen, as one document (audited unless ``audit`` is off,
    for a caller that audits once the document is handed out)."""
    citizen = people.get_citizen(store, citizen_id)
    conn = store.db.conn
    meetings = _rows(conn, "SELECT * FROM meetings WHERE citizen_id = ? ORDER BY date, id",
                     [citizen.id])
    per_meeting = _tables_with(conn, "meeting_id")
    titles = {str(r[0]): str(r[1]) for r in conn.execute("SELECT id, title FROM corpus_entries")}
    for meeting in meetings:
        for table in per_meeting:
            sql = f'SELECT * FROM "{table}" WHERE meeting_id = ? ORDER BY rowid'
            found = _rows(conn, sql, [meeting["id"]])
            if table == "suggestions":  # the idea's name, not only its id
                found = [{**r, "entry_title": titles.get(str(r["entry_id"]), "")} for r in found]
            meeting[table] = [_portable(r) for r in found]
    held: dict[str, Any] = {}
    for table in _tables_with(conn, "citizen_id"):
        if table in per_meeting:
            continue
        held[table] = [
            _portable(r)
            for r in _rows(conn, f'SELECT * FROM "{table}" WHERE citizen_id = ? ORDER BY rowid',
                           [citizen.id])
        ]
    document = {
        "format": EXPORT_FORMAT,
        "program": f"facilitator {__version__}",
        "exported_at": store.now(),
        "citizen": _rows(conn, "SELECT * FROM citizens WHERE id = ?", [citizen.id])[0],
        **held,
        "meetings": [_portable(m) for m in meetings],
        "documents": _documents(citizen.id),
        "embeddings": _embeddings_held(conn, citizen.id, [int(m["id"]) for m in meetings]),
        "audit_log": _rows(
            conn, "SELECT * FROM audit_log WHERE citizen_id = ? ORDER BY id", [citizen.id]
        ),
    }
    if audit:
        record_export(store, citizen.id, shared=False)
    return document


def _hashes(conn: sqlite3.Connection, citizen_id: int, meeting_ids: list[int]) -> list[str]:
    return sorted({content_hash(t) for t in _texts(conn, citizen_id, meeting_ids)})


def _embeddings_held(
    conn: sqlite3.Connection, citizen_id: int, meeting_ids: list[int]
) -> dict[str, int]:
    """How many stored vectors were made from the citizen's texts, per table."""
    hashes = _hashes(conn, citizen_id, meeting_ids)
    held: dict[str, int] = {}
    for table in _tables_with(conn, "content_hash"):
        count = 0
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            marks = ",".join("?" for _ in chunk)
            row = conn.execute(
                f'SELECT count(*) FROM "{table}" WHERE content_hash IN ({marks})', chunk
            ).fetchone()
            count += int(row[0])
        if count:
            held[table] = count
    return held


# --- export for a recipient: only what the citizen consented to -------------------------


def _name_parts(text: str) -> set[str]:
    """The names in a "with whom" or "follow-up" field: "Per (medborgerguide), Lone" gives
    {"per", "lone"}; a parenthesis is a role, not a name."""
    cleaned = text
    while "(" in cleaned and ")" in cleaned.split("(", 1)[1]:
        before, rest = cleaned.split("(", 1)
        cleaned = before + " " + rest.split(")", 1)[1]
    for sep in (",", "/", "&", ";", " og ", " and ", "+"):
        cleaned = cleaned.replace(sep, "|")
    return {consent.normalise_recipient(p) for p in cleaned.split("|") if p.strip()}


def takes_part(item: dict[str, Any], recipient: str) -> bool:
    """Whether the recipient is named in a plan item's "with whom" or "follow-up", by full name
    or by first name."""
    who = consent.normalise_recipient(recipient)
    if not who:
        return False
    names = {who, who.split()[0]}
    named = _name_parts(str(item.get("with_whom", ""))) | _name_parts(
        str(item.get("follow_up", ""))
    )
    return bool(names & named)


_ITEM_FIELDS = ("what", "who", "with_whom", "by_when", "follow_up", "status", "needs_decision")


def export_for(
    store: Store, citizen_id: int, recipient_kind: str, recipient: str, audit: bool = True
) -> dict[str, Any]:
    """What this recipient may see, and nothing more: each part is asked of
    :func:`consent.may_share`; CPR numbers are masked everywhere. Audited as "share"."""
    citizen = people.get_citizen(store, citizen_id)
    ledger = consent.active(store, citizen.id)

    def allowed(scope: str, part: bool = False) -> bool:
        return consent.may_share(ledger, recipient_kind, recipient, scope, takes_part=part)

    document: dict[str, Any] = {
        "format": SHARE_FORMAT,
        "exported_at": store.now(),
        "recipient": {"kind": recipient_kind, "name": " ".join(recipient.split())},
        "citizen": {"name": citizen.name},
        "consents": sorted(
            {c.scope for c in ledger
             if c.recipient_kind == recipient_kind
             and consent.normalise_recipient(c.recipient)
             == consent.normalise_recipient(recipient)}
        ),
    }
    card = people.get_mig_card(store, citizen.id)
    if allowed("mig_card"):
        document["mig_card"] = {
            "about": card.about,
            "likes": card.likes,
            "dreams": card.dreams,
            "know_about_me": card.know_about_me,
        }
    meetings: list[dict[str, Any]] = []
    for meeting in people.list_meetings(store, citizen.id):
        shared: dict[str, Any] = {"date": meeting.date}
        if allowed("topics"):
            shared["topics"] = [tp.text for tp in people.topics(store, meeting.id)]
        if allowed("dreams"):
            shared["dreams"] = [
                r["text"]
                for r in store.rows(
                    "SELECT n.text FROM notes n JOIN participants p ON p.id = n.participant_id"
                    " WHERE n.meeting_id = ? AND p.kind = 'borger' AND n.kind = 'drøm'"
                    " ORDER BY n.id",
                    [meeting.id],
                )
            ]
        rows = store.rows(
            "SELECT * FROM plan_items WHERE meeting_id = ? AND section = 'plan'"
            " ORDER BY position, id",
            [meeting.id],
        )
        part = [int(r["id"]) for r in rows if takes_part(r, recipient)]
        items = consent.shareable_items(ledger, recipient_kind, recipient, rows, part)
        if items:
            shared["plan"] = [{k: r[k] for k in _ITEM_FIELDS} for r in items]
        if len(shared) > 1:
            meetings.append(shared)
    if allowed("dreams"):
        document["dreams"] = card.dreams
    document["meetings"] = meetings
    if audit:
        record_export(store, citizen.id, shared=True)
    masked: dict[str, Any] = mask_deep(document)
    return masked


# --- forget: erase the citizen and every trace -----------------------------------------


@dataclass
class ForgetReport:
    """What an erasure removed, in numbers (never the content)."""

    citizen_id: int
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    backups_cleaned: int = 0
    backups_removed: int = 0
    #: False when another program held the database open, so the journal could not be
    #: emptied yet (it is when that program closes).
    journal_clean: bool = True

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _texts(conn: sqlite3.Connection, citizen_id: int, meeting_ids: list[int]) -> set[str]:
    """Every text of the citizen that could have been embedded (whole, per sentence, and as
    prepared for matching)."""
    texts: set[str] = set()
    marks = ",".join("?" for _ in meeting_ids)
    sources = [
        (f"SELECT text FROM notes WHERE meeting_id IN ({marks})", meeting_ids),
        (f"SELECT text FROM topics WHERE meeting_id IN ({marks})", meeting_ids),
        (f"SELECT what AS text FROM plan_items WHERE meeting_id IN ({marks})", meeting_ids),
        (f"SELECT why AS text FROM suggestions WHERE meeting_id IN ({marks})", meeting_ids),
        ("SELECT about || char(10) || likes || char(10) || dreams || char(10) || know_about_me"
         " AS text FROM mig_cards WHERE citizen_id = ?", [citizen_id]),
    ]
    tables = set(_tables(conn))
    for sql, params in sources:
        table = sql.split(" FROM ", 1)[1].split()[0]
        if table not in tables or (not params):
            continue
        for (text,) in conn.execute(sql, params):
            if not text:
                continue
            texts.add(text)
            for sentence in split_sentences(text) or [text]:
                texts.update({sentence, for_matching(sentence)})
    return {t for t in texts if t}


def _object_refs(conn: sqlite3.Connection, citizen_id: int, meeting_ids: list[int]) -> set[
    tuple[str, str]
]:
    """(object_kind, object_id) of everything the audit log may name for this citizen."""
    refs = {("citizen", str(citizen_id)), ("mig_card", str(citizen_id))}
    marks = ",".join("?" for _ in meeting_ids)
    tables = set(_tables(conn))
    for mid in meeting_ids:
        refs.add(("meeting", str(mid)))
        refs.add(("plan", str(mid)))
    by_meeting = {
        "note": "notes",
        "participant": "participants",
        "topic": "topics",
        "plan_item": "plan_items",
        "suggestion": "suggestions",
    }
    if meeting_ids:
        for kind, table in by_meeting.items():
            if table in tables:
                refs |= {
                    (kind, str(r[0]))
                    for r in conn.execute(
                        f'SELECT id FROM "{table}" WHERE meeting_id IN ({marks})', meeting_ids
                    )
                }
        if "plan_versions" in tables:
            refs |= {
                ("plan", f"{r[0]}/{r[1]}")
                for r in conn.execute(
                    f"SELECT meeting_id, version FROM plan_versions WHERE meeting_id IN ({marks})",
                    meeting_ids,
                )
            }
    if "consents" in tables:
        refs |= {
            ("consent", str(r[0]))
            for r in conn.execute("SELECT id FROM consents WHERE citizen_id = ?", [citizen_id])
        }
    return refs


def _erase_rows(conn: sqlite3.Connection, citizen_id: int) -> dict[str, int]:
    """Delete every row about the citizen on an open connection (inside a transaction)."""
    counts: dict[str, int] = {}
    tables = set(_tables(conn))
    meeting_ids = [
        int(r[0]) for r in conn.execute("SELECT id FROM meetings WHERE citizen_id = ?",
                                        [citizen_id])
    ]
    hashes = _hashes(conn, citizen_id, meeting_ids)
    refs = _object_refs(conn, citizen_id, meeting_ids)

    def delete(table: str, where: str, params: list[Any]) -> None:
        cursor = conn.execute(f'DELETE FROM "{table}" WHERE {where}', params)
        if cursor.rowcount > 0:
            counts[table] = counts.get(table, 0) + cursor.rowcount

    # Embeddings are keyed by the hash of the text they were made from.
    for table in _tables_with(conn, "content_hash"):
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            delete(table, f"content_hash IN ({','.join('?' for _ in chunk)})", chunk)
    if meeting_ids:
        marks = ",".join("?" for _ in meeting_ids)
        # Children first, so tables without a cascading foreign key go too.
        for table in sorted(_tables_with(conn, "meeting_id"), key=_child_first):
            delete(table, f"meeting_id IN ({marks})", meeting_ids)
    for table in _tables_with(conn, "citizen_id"):
        delete(table, "citizen_id = ?", [citizen_id])
    delete("meetings", "citizen_id = ?", [citizen_id])
    if "audit_log" in tables:
        delete("audit_log", "citizen_id = ?", [citizen_id])
        # Entries written without the citizen's id still name one of their objects.
        keys = json.dumps(sorted(f"{kind}:{object_id}" for kind, object_id in refs))
        delete("audit_log", "object_kind || ':' || object_id IN (SELECT value FROM json_each(?))",
               [keys])
    delete("citizens", "id = ?", [citizen_id])
    return counts


def _child_first(table: str) -> int:
    """Delete order: rows that point at notes or suggestions before the notes themselves."""
    order = ["plan_versions", "plan_items", "suggestions", "feedback", "notes", "turns"]
    return order.index(table) if table in order else -1


def _erase_in_file(path: Path, citizen_id: int) -> bool:
    """Erase the citizen inside a backup copy and compact it; False if it could not be done."""
    try:
        conn = sqlite3.connect(path, timeout=15)
        try:
            conn.isolation_level = None
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            tables = set(_tables(conn))
            if not {"citizens", "meetings"} <= tables:
                return False
            conn.execute("BEGIN IMMEDIATE")
            try:
                _erase_rows(conn, citizen_id)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("VACUUM")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return True


def _backup_holds(path: Path, citizen: Citizen) -> bool | None:
    """Whether a backup holds this citizen (None when it cannot be read as ours). The name
    and creation time must match too: an id freed by an earlier erasure may have been reused."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT 1 FROM citizens WHERE id = ? AND name = ? AND created_at = ?",
                [citizen.id, citizen.name, citizen.created_at],
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return row is not None


def forget_citizen(store: Store, citizen_id: int) -> ForgetReport:
    """Erase the citizen and every trace of them; one audit entry records that it was done.

    Deleted pages are overwritten (``secure_delete``), the file is rebuilt (``VACUUM``) and
    the write-ahead journal emptied, so no byte of what was erased stays in the data folder.
    Backups made before migrations are cleaned the same way (or removed if that fails).
    """
    citizen = people.get_citizen(store, citizen_id)
    report = ForgetReport(citizen.id)
    conn = store.db.conn
    conn.execute("PRAGMA secure_delete = ON")
    with store.atomic():
        report.rows = _erase_rows(conn, citizen.id)
        store.audit("erase", "citizen", citizen.id, citizen.id)
    try:
        conn.execute("VACUUM")
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        report.journal_clean = busy == 0
    except sqlite3.OperationalError:  # another program holds the file: erased, not compacted
        report.journal_clean = False
    folder = paths.citizen_documents_dir(citizen.id)
    if folder.exists():
        report.files = sum(1 for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
    backups = paths.backups_dir()
    if backups.is_dir():
        for backup in sorted(backups.glob("*.db")):
            holds = _backup_holds(backup, citizen)
            if holds is False:
                continue
            if holds and _erase_in_file(backup, citizen.id):
                report.backups_cleaned += 1
            else:  # unreadable, or the erasure failed: the copy goes rather than the data stays
                backup.unlink()
                for suffix in ("-journal", "-wal", "-shm"):
                    Path(f"{backup}{suffix}").unlink(missing_ok=True)
                report.backups_removed += 1
    return report
