"""What is held about one citizen, found in the schema: tables by their ``citizen_id`` and
``meeting_id`` columns, stored vectors by the content hash of the citizen's texts, audit
entries by the objects they name. Export and erasure both start here, so a table a later
migration adds is exported and erased without a change in either.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from facilitator.directory.corpus import content_hash
from facilitator.directory.ranking import split_sentences
from facilitator.domain.privacy import for_matching

#: Handled on their own, never by the column search.
SPECIAL = {
    "citizens",
    "meetings",
    "audit_log",
    "corpus_entries",
    "_sqlite_migrations",
    "erasure",  # the erasure journal: it must outlive the rows it erases
}


def columns(conn: sqlite3.Connection, table: str) -> set[str]:
    """The column names of ``table``."""
    return {str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')}


def table_names(conn: sqlite3.Connection) -> list[str]:
    """Every table but SQLite's own."""
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]


def tables_with(conn: sqlite3.Connection, column: str) -> list[str]:
    """The tables with this column (``citizen_id``, ``meeting_id``, ``content_hash``)."""
    return [t for t in table_names(conn) if t not in SPECIAL and column in columns(conn, t)]


def rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """The result as dicts, on a bare connection (a backup copy has no Store)."""
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def portable(row: dict[str, Any]) -> dict[str, Any]:
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


def text_hashes(conn: sqlite3.Connection, citizen_id: int, meeting_ids: list[int]) -> list[str]:
    """The content hashes a stored vector of any of the citizen's texts would be keyed by."""
    return sorted({content_hash(t) for t in citizen_texts(conn, citizen_id, meeting_ids)})


def embeddings_held(
    conn: sqlite3.Connection, citizen_id: int, meeting_ids: list[int]
) -> dict[str, int]:
    """How many stored vectors were made from the citizen's texts, per table."""
    hashes = text_hashes(conn, citizen_id, meeting_ids)
    held: dict[str, int] = {}
    for table in tables_with(conn, "content_hash"):
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


def citizen_texts(conn: sqlite3.Connection, citizen_id: int, meeting_ids: list[int]) -> set[str]:
    """Every text of the citizen that could have been embedded (whole, per sentence, and as
    prepared for matching)."""
    texts: set[str] = set()
    marks = ",".join("?" for _ in meeting_ids)
    sources = [
        (f"SELECT text FROM notes WHERE meeting_id IN ({marks})", meeting_ids),
        (f"SELECT text FROM topics WHERE meeting_id IN ({marks})", meeting_ids),
        (f"SELECT what AS text FROM plan_items WHERE meeting_id IN ({marks})", meeting_ids),
        (f"SELECT why AS text FROM suggestions WHERE meeting_id IN ({marks})", meeting_ids),
        (
            "SELECT about || char(10) || likes || char(10) || dreams || char(10) || know_about_me"
            " AS text FROM mig_cards WHERE citizen_id = ?",
            [citizen_id],
        ),
    ]
    tables = set(table_names(conn))
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


def object_refs(
    conn: sqlite3.Connection, citizen_id: int, meeting_ids: list[int]
) -> set[tuple[str, str]]:
    """(object_kind, object_id) of everything the audit log may name for this citizen."""
    refs = {("citizen", str(citizen_id)), ("mig_card", str(citizen_id))}
    marks = ",".join("?" for _ in meeting_ids)
    tables = set(table_names(conn))
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
