"""The store: one SQLite file, WAL, foreign keys, migrations, refusals that touch nothing."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from facilitator.domain.errors import Conflict, StoreError
from facilitator.domain.vocabulary import NoteKind, ParticipantKind, Phase
from facilitator.meetings import people, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage import migrations as migrations_module
from facilitator.storage import paths
from facilitator.storage.store import Store


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_home_is_relocatable_and_private(home: Path) -> None:
    with Store.open() as store:
        assert store.path == home / "facilitator.db"
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(home / "facilitator.db").st_mode) == 0o600


def test_pragmas(store: Store) -> None:
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_tables_exist(store: Store) -> None:
    names = set(store.db.table_names())
    for table in (
        "citizens",
        "meetings",
        "participants",
        "phases",
        "turns",
        "notes",
        "plan_items",
        "plan_versions",
        "suggestions",
        "corpus_entries",
        "embeddings",
        "consents",
        "audit_log",
        "rounds",
        "topics",
        "departments",
    ):
        assert table in names


def test_migrations_are_recorded_in_order(store: Store) -> None:
    assert store.applied_migrations() == migrations_module.known_names()


def test_foreign_keys_enforced(store: Store) -> None:
    # Enforced by SQLite, told to a person as a sentence (issue 14: no IntegrityError shown).
    with pytest.raises(Conflict) as caught:
        store.insert("meetings", {"citizen_id": 999, "date": "2026-01-01", "created_at": "x"})
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError)


def test_note_is_committed_before_it_is_returned(store: Store) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    meeting = register.add_meeting(store, citizen.id)
    session = MeetingSession(store, meeting.id)
    session.set_phase(Phase.RUNDER)
    note = session.add_note(NoteKind.DROEM, "Jeg drømmer om at svømme")
    other = sqlite3.connect(store.path)  # a second connection sees it at once
    row = other.execute("SELECT text FROM notes WHERE id = ?", [note.id]).fetchone()
    other.close()
    assert row == ("Jeg drømmer om at svømme",)


def test_session_resumes_phase_and_speaker(store: Store) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    meeting = register.add_meeting(store, citizen.id)
    session = MeetingSession(store, meeting.id)
    session.add_participant("Søster", ParticipantKind.PRIVAT, "søster")
    session.set_phase(Phase.RUNDER)
    session.add_note(NoteKind.OENSKE, "Jeg vil gerne tage bussen")
    session.advance()
    again = MeetingSession(store, meeting.id)
    assert again.state.phase is Phase.RUNDER
    assert again.state.current_speaker and again.state.current_speaker.name == "Søster"
    assert [n.text for n in again.notes()] == ["Jeg vil gerne tage bussen"]


def test_removed_participant_keeps_notes(store: Store) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    meeting = register.add_meeting(store, citizen.id)
    session = MeetingSession(store, meeting.id)
    sister = session.add_participant("Søster", ParticipantKind.PRIVAT)
    session.set_phase(Phase.RUNDER)
    session.advance()
    session.add_note(NoteKind.BEKYMRING, "Jeg er bekymret for posten")
    session.remove_participant(sister.id)
    assert [n.participant_id for n in session.notes()] == [sister.id]
    assert sister.id not in [p.id for p in session.state.active]


def test_refuses_non_sqlite_file_and_leaves_it(home: Path) -> None:
    home.mkdir(parents=True)
    db = home / "facilitator.db"
    db.write_text("this is my shopping list\n")
    before = digest(db)
    with pytest.raises(StoreError, match="ikke en facilitator-database"):
        Store.open()
    assert digest(db) == before


def test_refuses_foreign_sqlite_and_leaves_it(home: Path) -> None:
    home.mkdir(parents=True)
    db = home / "facilitator.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = digest(db)
    with pytest.raises(StoreError, match="anden programs database"):
        Store.open()
    assert digest(db) == before
    assert not (home / "facilitator.db-wal").exists()


def test_a_first_start_stopped_before_its_first_migration_opens(home: Path) -> None:
    # A kill right after the bookkeeping table was made (seen in test_demo_atomic's kills):
    # the file holds our empty _sqlite_migrations and nothing else. It is ours; carry on.
    home.mkdir(parents=True)
    conn = sqlite3.connect(home / "facilitator.db")
    conn.execute(
        "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT,"
        " name TEXT, applied_at TEXT)"
    )
    conn.commit()
    conn.close()
    with Store.open() as store:
        assert store.applied_migrations()[0] == "m001_initial"


def test_refuses_corrupt_database(home: Path) -> None:
    with Store.open() as store:
        people.add_citizen(store, "Test Borger")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db = home / "facilitator.db"
    data = bytearray(db.read_bytes())
    data[4096:8192] = os.urandom(4096)  # a damaged page after the header
    db.write_bytes(bytes(data))
    before = digest(db)
    with pytest.raises(StoreError):
        Store.open()
    assert digest(db) == before


def test_refuses_newer_database(home: Path) -> None:
    with Store.open() as store:
        store.db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            ["facilitator", "m999_from_the_future", "2030-01-01"],
        )
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(home / "facilitator.db")
    with pytest.raises(StoreError, match="nyere version"):
        Store.open()
    assert digest(home / "facilitator.db") == before


def test_older_database_is_backed_up_then_migrated(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open() as store:
        people.add_citizen(store, "Gammel Borger")

    @migrations_module.migrations()
    def m900_test_only(db: object) -> None:
        db.execute("CREATE TABLE test_only (x INTEGER)")  # type: ignore[attr-defined]

    try:
        with Store.open() as store:
            assert store.backup_path is not None
            assert "test_only" in store.db.table_names()
            backup = sqlite3.connect(store.backup_path)
            names = [r[0] for r in backup.execute("SELECT name FROM citizens")]
            tables = [r[0] for r in backup.execute("SELECT name FROM sqlite_master")]
            backup.close()
            assert names == ["Gammel Borger"]
            assert "test_only" not in tables
            assert stat.S_IMODE(os.stat(store.backup_path).st_mode) == 0o600
    finally:
        migrations_module.migrations._migrations.pop()


def test_missing_store_is_not_created_for_reading(home: Path) -> None:
    with pytest.raises(StoreError, match="init"):
        Store.open(create=False)
    assert not home.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_home(home: Path) -> None:
    home.mkdir(parents=True, mode=0o500)
    with pytest.raises(StoreError):
        Store.open()


def test_read_only_database_file(home: Path) -> None:
    with Store.open():
        pass
    db = home / "facilitator.db"
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    os.chmod(db, 0o400)
    if os.geteuid() == 0:
        pytest.skip("root ignores file modes")
    with pytest.raises(StoreError):
        Store.open()


def test_paths_follow_facilitator_home(home: Path) -> None:
    assert paths.home() == home
    assert paths.templates_dir() == home / "templates"


@pytest.mark.parametrize("where", ["/proc/facilitator-home", "file"])
def test_unwritable_home_even_for_root(
    where: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if where == "file":
        home.parent.mkdir(parents=True, exist_ok=True)
        blocker = home.parent / "not-a-folder"
        blocker.write_text("x")
        target = blocker / "home"
    else:
        target = Path(where)
    monkeypatch.setenv("FACILITATOR_HOME", str(target))
    with pytest.raises(StoreError, match="kan ikke skrives"):
        Store.open()
