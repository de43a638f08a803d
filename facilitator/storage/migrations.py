"""Versioned schema migrations. Never edit a shipped migration: add the next one."""

from __future__ import annotations

import re
import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("facilitator")

_M001 = """
CREATE TABLE citizens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    born_year INTEGER,
    language TEXT NOT NULL DEFAULT 'da',
    created_at TEXT NOT NULL
);
CREATE TABLE mig_cards (
    citizen_id INTEGER PRIMARY KEY REFERENCES citizens(id) ON DELETE CASCADE,
    about TEXT NOT NULL DEFAULT '',
    likes TEXT NOT NULL DEFAULT '',
    dreams TEXT NOT NULL DEFAULT '',
    know_about_me TEXT NOT NULL DEFAULT '',
    show_on_wall INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    phase TEXT NOT NULL DEFAULT 'forberedelse',
    status TEXT NOT NULL DEFAULT 'planlagt'
        CHECK (status IN ('planlagt', 'i_gang', 'afsluttet')),
    time_box_minutes INTEGER NOT NULL DEFAULT 90,
    started_at TEXT,
    ended_at TEXT,
    paused_at TEXT,
    next_meeting TEXT,
    handover TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX meetings_citizen ON meetings(citizen_id);
CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    relation TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL
        CHECK (kind IN ('borger', 'privat', 'fagperson', 'medborgerguide', 'frivillig')),
    department TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    joined_round INTEGER NOT NULL DEFAULT 1,
    removed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX participants_meeting ON participants(meeting_id);
CREATE TABLE phases (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    phase TEXT NOT NULL,
    roster TEXT NOT NULL,
    UNIQUE (meeting_id, number)
);
CREATE TABLE turns (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('tur', 'refleksion', 'svar', 'fremtid')),
    passed INTEGER NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE INDEX turns_meeting ON turns(meeting_id);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('drøm', 'ønske', 'behov', 'ressource', 'bekymring',
                                       'idé', 'spørgsmål', 'aftale', 'refleksion')),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX notes_meeting ON notes(meeting_id);
CREATE TABLE departments (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'kommunal'
);
CREATE TABLE themes (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    label_en TEXT NOT NULL DEFAULT ''
);
CREATE TABLE corpus_entries (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('offer', 'friend')),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    silo TEXT NOT NULL DEFAULT '',
    source_kind TEXT NOT NULL DEFAULT '',
    themes TEXT NOT NULL DEFAULT '[]',
    can_contribute INTEGER NOT NULL DEFAULT 0,
    needs_decision INTEGER NOT NULL DEFAULT 0,
    last_confirmed TEXT,
    data TEXT NOT NULL DEFAULT '{}',
    content_hash TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE TABLE embeddings (
    model TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, content_hash)
);
CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    note_id INTEGER REFERENCES notes(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL,
    score REAL NOT NULL,
    why TEXT NOT NULL,
    rating TEXT CHECK (rating IS NULL OR rating IN ('glad', 'usikker', 'nej')),
    accepted INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (meeting_id, entry_id)
);
CREATE TABLE plan_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    section TEXT NOT NULL DEFAULT 'plan' CHECK (section IN ('plan', 'ikke_muligt', 'parkering')),
    what TEXT NOT NULL,
    who TEXT CHECK (who IS NULL OR who IN ('selv', 'sammen', 'andre')),
    with_whom TEXT NOT NULL DEFAULT '',
    by_when TEXT NOT NULL DEFAULT '',
    follow_up TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'aftalt'
        CHECK (status IN ('aftalt', 'gjort', 'delvist', 'ikke_gjort', 'droppet')),
    needs_decision INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    other_ways TEXT NOT NULL DEFAULT '',
    source_note_id INTEGER REFERENCES notes(id) ON DELETE SET NULL,
    source_suggestion_id INTEGER REFERENCES suggestions(id) ON DELETE SET NULL,
    carried_from INTEGER REFERENCES plan_items(id) ON DELETE SET NULL,
    review TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE plan_versions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    rendered_md TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    approved_at TEXT,
    approved_by TEXT NOT NULL DEFAULT '',
    changes_requested TEXT NOT NULL DEFAULT '[]',
    UNIQUE (meeting_id, version)
);
CREATE TRIGGER plan_versions_approved_are_final
BEFORE UPDATE ON plan_versions
WHEN OLD.approved_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'an approved plan version cannot be changed');
END;
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    recipient_kind TEXT NOT NULL
        CHECK (recipient_kind IN ('medborgerguide', 'ven', 'afdeling', 'forening', 'sprogmodel')),
    recipient TEXT NOT NULL,
    scope TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX consents_citizen ON consents(citizen_id);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    os_user TEXT NOT NULL,
    action TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id TEXT NOT NULL DEFAULT '',
    citizen_id INTEGER
);
"""


@migrations()
def m001_initial(db: Database) -> None:
    """Every table of the first release."""
    for statement in _split(_M001):
        db.execute(statement)


@migrations()
def m002_sparse_vectors(db: Database) -> None:
    """Sparse "latent term" vectors beside the dense ones, for hybrid ranking."""
    db.execute(
        "CREATE TABLE sparse_vectors (model TEXT NOT NULL, content_hash TEXT NOT NULL,"
        " indices BLOB NOT NULL, vals BLOB NOT NULL, PRIMARY KEY (model, content_hash))"
    )


def _split(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer: list[str] = []
    in_trigger = False
    for line in script.strip().splitlines():
        buffer.append(line)
        stripped = line.strip().upper()
        if stripped.startswith("CREATE TRIGGER"):
            in_trigger = True
        if (in_trigger and stripped == "END;") or (not in_trigger and stripped.endswith(";")):
            statements.append("\n".join(buffer).strip().rstrip(";"))
            buffer = []
            in_trigger = False
    return statements


def known_names() -> list[str]:
    """Names of every migration this version knows, in order."""
    return [m.name for m in migrations._migrations]


@migrations()
def m003_feedback(db: Database) -> None:
    """The citizen's answers to the three feedback questions at "Afrunding"."""
    db.execute(
        "CREATE TABLE feedback (id INTEGER PRIMARY KEY,"
        " meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
        " question TEXT NOT NULL, answer TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,"
        " UNIQUE (meeting_id, question))"
    )


@migrations()
def m004_measures(db: Database) -> None:
    """Measures the citizen owns: the dialogue ruler per goal and the WHO-5 index (opt-in)."""
    db.execute(
        "CREATE TABLE ruler_ratings (id INTEGER PRIMARY KEY,"
        " citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,"
        " meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,"
        " goal TEXT NOT NULL,"
        " taken_on TEXT NOT NULL,"
        " citizen_rating INTEGER NOT NULL CHECK (citizen_rating BETWEEN 1 AND 10),"
        " statement TEXT NOT NULL DEFAULT '',"
        " professional_rating INTEGER CHECK (professional_rating BETWEEN 1 AND 10),"
        " professional TEXT NOT NULL DEFAULT '',"
        " created_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX ruler_ratings_citizen ON ruler_ratings(citizen_id, goal)")
    db.execute(
        "CREATE TABLE who5_answers (id INTEGER PRIMARY KEY,"
        " citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,"
        " taken_on TEXT NOT NULL,"
        " occasion TEXT NOT NULL DEFAULT '',"
        " a1 INTEGER NOT NULL CHECK (a1 BETWEEN 0 AND 5),"
        " a2 INTEGER NOT NULL CHECK (a2 BETWEEN 0 AND 5),"
        " a3 INTEGER NOT NULL CHECK (a3 BETWEEN 0 AND 5),"
        " a4 INTEGER NOT NULL CHECK (a4 BETWEEN 0 AND 5),"
        " a5 INTEGER NOT NULL CHECK (a5 BETWEEN 0 AND 5),"
        " created_at TEXT NOT NULL)"
    )
    db.execute("ALTER TABLE citizens ADD COLUMN who5_opt_in INTEGER NOT NULL DEFAULT 0")


@migrations()
def m007_ruler_follow_up(db: Database) -> None:
    """When the citizen wants to take the dialogue ruler again: after 3 or 6 months."""
    db.execute(
        "ALTER TABLE citizens ADD COLUMN ruler_follow_up_months INTEGER NOT NULL DEFAULT 3"
        " CHECK (ruler_follow_up_months IN (3, 6))"
    )


@migrations()
def m008_contact(db: Database) -> None:
    """How to reach the citizen, kept with the Mig card; shared only by a "contact" consent."""
    db.execute("ALTER TABLE mig_cards ADD COLUMN contact TEXT NOT NULL DEFAULT ''")


@migrations()
def m009_meeting_lease(db: Database) -> None:
    """One writer per meeting: the app that leads a meeting holds its lease and renews it."""
    db.execute(
        "CREATE TABLE meeting_leases ("
        " meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,"
        " host TEXT NOT NULL, pid INTEGER NOT NULL, token TEXT NOT NULL,"
        " label TEXT NOT NULL DEFAULT '',"
        " acquired_at TEXT NOT NULL, heartbeat_at TEXT NOT NULL)"
    )


@migrations()
def m010_erasure_journal(db: Database) -> None:
    """The erasure journal: an erasure is written down before it starts, so one cut short
    (a kill, a full disk, another program holding the file) is finished at the next start.
    ``name`` and ``created_at`` find the citizen in backup copies; they are blanked once the
    copies are clean. AUTOINCREMENT: an erasure's number is never handed out again."""
    db.execute(
        "CREATE TABLE erasure (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " citizen_id INTEGER NOT NULL,"
        " name TEXT NOT NULL DEFAULT '',"
        " created_at TEXT NOT NULL DEFAULT '',"
        " step TEXT NOT NULL DEFAULT 'rows'"
        " CHECK (step IN ('rows', 'documents', 'backups', 'compact', 'done')),"
        " started_at TEXT NOT NULL,"
        " finished_at TEXT)"
    )


_PLAIN_ID = re.compile(r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b(?!\s+AUTOINCREMENT)", re.IGNORECASE)


def _ids_ever_used(db: Database) -> int:
    """The highest id any table holds or any audit entry names (object or citizen): an id
    used once, even of a row since deleted, is at most this."""
    highest = 0
    for table in db.table_names():
        if table.startswith("_"):  # the migrations' own bookkeeping
            continue
        if "id" in db[table].columns_dict and db[table].columns_dict["id"] is int:
            found = db.execute(f'SELECT MAX(id) FROM "{table}"').fetchone()[0]
            highest = max(highest, int(found or 0))
    if "audit_log" in db.table_names():
        found = db.execute(
            "SELECT MAX(MAX(COALESCE(citizen_id, 0)),"
            " MAX(CASE WHEN object_id != '' AND object_id NOT GLOB '*[^0-9]*'"
            " AND length(object_id) < 16 THEN CAST(object_id AS INTEGER) ELSE 0 END))"
            " FROM audit_log"
        ).fetchone()[0]
        highest = max(highest, int(found or 0))
    return highest


def _rebuild_with_autoincrement(db: Database, table: str, create_sql: str) -> None:
    """SQLite's twelve steps: a new table with AUTOINCREMENT, the rows copied, the old one
    dropped, the new one renamed, and its indexes and triggers made again."""
    extras = [
        str(r[0])
        for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger')"
            " AND sql IS NOT NULL ORDER BY type, name",
            [table],
        )
    ]
    temporary = f"_new_{table}"
    header = re.compile(rf'^\s*CREATE\s+TABLE\s+"?{re.escape(table)}"?', re.IGNORECASE)
    new_sql = header.sub(
        f'CREATE TABLE "{temporary}"',
        _PLAIN_ID.sub("id INTEGER PRIMARY KEY AUTOINCREMENT", create_sql, count=1),
        count=1,
    )
    columns = ", ".join(f'"{c}"' for c in db[table].columns_dict)
    db.execute(new_sql)
    db.execute(f'INSERT INTO "{temporary}" ({columns}) SELECT {columns} FROM "{table}"')
    db.execute(f'DROP TABLE "{table}"')
    db.execute(f'ALTER TABLE "{temporary}" RENAME TO "{table}"')
    for sql in extras:
        db.execute(sql)


@migrations(transactional=False)
def m011_ids_never_reused(db: Database) -> None:
    """Every id is handed out once: a deleted plan item's, consent's or forgotten citizen's id
    never comes back to name something else (a consent, an audit entry or an export that
    pointed to the old one would then point to the new one).

    Each table with a plain ``id INTEGER PRIMARY KEY`` is rebuilt with AUTOINCREMENT (data,
    foreign keys, indexes and triggers kept), and its sequence starts above every id used so
    far, including ids only the audit log still names. Foreign keys are off while the tables
    are swapped (SQLite's way to rebuild a table; a PRAGMA cannot change inside a
    transaction, hence not transactional) and checked before they are turned on again.
    """
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            floor = _ids_ever_used(db)
            plain = [
                (str(r[0]), str(r[1]))
                for r in db.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
                if _PLAIN_ID.search(str(r[1]))
            ]
            for table, create_sql in plain:
                _rebuild_with_autoincrement(db, table, create_sql)
            for table, _ in plain:
                db.execute("DELETE FROM sqlite_sequence WHERE name = ?", [table])
                db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [table, floor])
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.IntegrityError(f"foreign keys broken by the rebuild: {broken[:3]}")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


@migrations()
def m012_agreement_skipped(db: Database) -> None:
    """An *aftale* note that Afrunding offered as a plan item and the room skipped: it is
    remembered, so it is not offered again."""
    db.execute("ALTER TABLE notes ADD COLUMN agreement_skipped INTEGER NOT NULL DEFAULT 0")


@migrations()
def m013_needs(db: Database) -> None:
    """The needs taxonomy: which needs each entry is tagged with (at import, per model and
    taxonomy version), and which needs an idea was shown for."""
    db.execute("ALTER TABLE suggestions ADD COLUMN needs TEXT NOT NULL DEFAULT '[]'")
    db.execute(
        """
        CREATE TABLE entry_needs (
            content_hash TEXT NOT NULL,
            model TEXT NOT NULL,
            taxonomy TEXT NOT NULL,
            need_id TEXT NOT NULL,
            score REAL NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (content_hash, model, taxonomy, need_id)
        )
        """
    )
