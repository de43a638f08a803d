"""The right to be forgotten in backup copies: a copy made before a migration is cleaned of
the citizen the same way as the database (or removed when that cannot be done)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from facilitator.rights.holdings import table_names
from facilitator.storage import paths

EraseRows = Callable[[sqlite3.Connection, int], dict[str, int]]


@dataclass(frozen=True)
class Subject:
    """Who is erased, as a backup copy knows them: the id alone may since have been reused."""

    citizen_id: int
    name: str
    created_at: str


def _holds(path: Path, who: Subject) -> bool | None:
    """Whether a backup holds this citizen (None when it cannot be read as ours). Opened for
    writing, so a journal a killed erasure left beside it is rolled back or replayed first."""
    try:
        conn = sqlite3.connect(path, timeout=15)
        try:
            row = conn.execute(
                "SELECT 1 FROM citizens WHERE id = ? AND name = ? AND created_at = ?",
                [who.citizen_id, who.name, who.created_at],
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return row is not None


def _erase_in_file(path: Path, who: Subject | None, erase_rows: EraseRows) -> bool:
    """Erase the citizen inside a backup copy (``who`` None: only compact it, for a copy an
    interrupted erasure may have left with deleted pages); False if it could not be done."""
    try:
        conn = sqlite3.connect(path, timeout=15)
        try:
            conn.isolation_level = None
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            if who is not None:
                if not {"citizens", "meetings"} <= set(table_names(conn)):
                    return False
                conn.execute("BEGIN IMMEDIATE")
                try:
                    erase_rows(conn, who.citizen_id)
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return True


def _remove(backup: Path) -> None:
    backup.unlink()
    for suffix in ("-journal", "-wal", "-shm"):
        Path(f"{backup}{suffix}").unlink(missing_ok=True)


def clean_backups(who: Subject, erase_rows: EraseRows, *, resumed: bool) -> tuple[int, int]:
    """Clean every backup copy holding the citizen; return (cleaned, removed).

    When an erasure is resumed, a copy that no longer holds the citizen may still hold their
    bytes in deleted pages (the kill came between the delete and the compaction): every copy
    is compacted then. A copy that cannot be cleaned goes, rather than the data stays.
    """
    cleaned = removed = 0
    folder = paths.backups_dir()
    if not folder.is_dir():
        return cleaned, removed
    for backup in sorted(folder.glob("*.db")):
        holds = _holds(backup, who)
        if holds is False and not resumed:
            continue
        if holds is not None and _erase_in_file(backup, who if holds else None, erase_rows):
            cleaned += 1 if holds else 0
        else:
            _remove(backup)
            removed += 1
    return cleaned, removed
