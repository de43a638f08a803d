"""The right to be forgotten: erase a citizen and every trace of them, down to the bytes.

Rows about the citizen (found by :mod:`facilitator.rights.holdings`), vectors made from their texts,
audit entries naming them or their objects, their documents folder, and the same in every
backup copy. Deleted pages are overwritten (``secure_delete``), the file is rebuilt
(``VACUUM``) and the write-ahead journal emptied. One audit entry records the erasure.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facilitator.domain.records import Citizen
from facilitator.meetings import people
from facilitator.rights.holdings import object_refs, table_names, tables_with, text_hashes
from facilitator.storage import paths
from facilitator.storage.store import Store


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


def _erase_rows(conn: sqlite3.Connection, citizen_id: int) -> dict[str, int]:
    """Delete every row about the citizen on an open connection (inside a transaction)."""
    counts: dict[str, int] = {}
    tables = set(table_names(conn))
    meeting_ids = [
        int(r[0])
        for r in conn.execute("SELECT id FROM meetings WHERE citizen_id = ?", [citizen_id])
    ]
    hashes = text_hashes(conn, citizen_id, meeting_ids)
    refs = object_refs(conn, citizen_id, meeting_ids)

    def delete(table: str, where: str, params: list[Any]) -> None:
        cursor = conn.execute(f'DELETE FROM "{table}" WHERE {where}', params)
        if cursor.rowcount > 0:
            counts[table] = counts.get(table, 0) + cursor.rowcount

    # Embeddings are keyed by the hash of the text they were made from.
    for table in tables_with(conn, "content_hash"):
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            delete(table, f"content_hash IN ({','.join('?' for _ in chunk)})", chunk)
    if meeting_ids:
        marks = ",".join("?" for _ in meeting_ids)
        # Children first, so tables without a cascading foreign key go too.
        for table in sorted(tables_with(conn, "meeting_id"), key=_child_first):
            delete(table, f"meeting_id IN ({marks})", meeting_ids)
    for table in tables_with(conn, "citizen_id"):
        delete(table, "citizen_id = ?", [citizen_id])
    delete("meetings", "citizen_id = ?", [citizen_id])
    if "audit_log" in tables:
        delete("audit_log", "citizen_id = ?", [citizen_id])
        # Entries written without the citizen's id still name one of their objects.
        keys = json.dumps(sorted(f"{kind}:{object_id}" for kind, object_id in refs))
        delete(
            "audit_log",
            "object_kind || ':' || object_id IN (SELECT value FROM json_each(?))",
            [keys],
        )
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
            tables = set(table_names(conn))
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
        # Before the rows go: the meetings' leases go with them, and with them the refusal.
        store.check_writer(citizen.id)
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
