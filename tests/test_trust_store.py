"""Starting on an older, newer, foreign or broken database file, through the real entry point.

tests/test_store.py proves the rules in-process; here the program itself starts on the file:
an older one is copied to backups/ and then migrated, the others are refused in one sentence
and left byte for byte as they were (no -wal or -shm beside them either).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from facilitator.meetings import people
from facilitator.storage import migrations
from facilitator.storage.store import Store
from tests.conftest import run_cli


def digest_tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_an_older_database_is_backed_up_then_migrated_on_start(home: Path) -> None:
    with Store.open() as store:
        people.add_citizen(store, "Olga Ældre")
    # The database as the release before m003 left it: no feedback table, two migrations.
    conn = sqlite3.connect(home / "facilitator.db")
    conn.execute("DROP TABLE feedback")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_feedback'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    result = run_cli("citizens")
    assert result.code == 0, result
    assert "Olga Ældre" in result.out
    backups = sorted((home / "backups").glob("*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    names = [r[0] for r in copy.execute("SELECT name FROM citizens")]
    copy.close()
    assert "feedback" not in tables and names == ["Olga Ældre"]  # the copy is the old file
    with Store.open() as store:
        assert sorted(store.applied_migrations()) == sorted(migrations.known_names())
        assert "feedback" in store.db.table_names()
    assert run_cli("citizens").code == 0
    assert len(list((home / "backups").glob("*.db"))) == 1  # no second copy without a migration


def make(kind: str, db: Path) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    if kind == "empty text":
        db.write_text("\n")
    elif kind == "foreign":
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('æblekage')")
        conn.commit()
        conn.close()
    else:
        with Store.open(db) as store:
            people.add_citizen(store, "Nina Nyere")
            if kind == "newer":
                store.db.execute(
                    "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                    " VALUES ('facilitator', 'm042_from_the_future', '2031-01-01')"
                )
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if kind == "truncated":
            data = db.read_bytes()
            db.write_bytes(data[: len(data) // 2])
        elif kind == "corrupt":
            broken = bytearray(db.read_bytes())
            broken[4096 * 2 : 4096 * 4] = os.urandom(4096 * 2)
            db.write_bytes(bytes(broken))


@pytest.mark.parametrize("kind", ["empty text", "foreign", "newer", "truncated", "corrupt"])
def test_a_file_that_is_not_ours_to_change_is_refused_on_start(kind: str, home: Path) -> None:
    make(kind, home / "facilitator.db")
    before = digest_tree(home)
    for args in ([], ["init"], ["export", "1"], ["forget", "1", "--yes"], ["audit"]):
        result = run_cli(*args)  # [] is the app itself: it refuses before the wall opens
        assert result.code != 0, (kind, args, result)
        assert "Traceback" not in result.err
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert "facilitator.db" in result.err
    assert digest_tree(home) == before
