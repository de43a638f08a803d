"""The SQLite store: one file, WAL, foreign keys, migrations, and a backup before each upgrade."""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from facilitator.domain.clock import Clock, system_now
from facilitator.domain.errors import MeetingHeld, StoreError
from facilitator.i18n import t
from facilitator.storage import paths
from facilitator.storage.faults import translate
from facilitator.storage.leases import Owner, citizen_held_by_other
from facilitator.storage.migrations import known_names, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000
#: Audited actions that only read (or hand out a copy): allowed to an app that only looks.
#: Every other audited action writes and is refused while another app leads the citizen.
READING_ACTIONS = frozenset({"open", "read", "render", "export", "share", "share_nothing", "send"})


def os_user() -> str:
    """The operating-system user, for the audit log."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid:{os.getuid()}"


def _check_existing(path: Path) -> list[str]:
    """Refuse a file that is not ours; return the migrations already applied.

    Runs on a read-only connection, so a foreign or broken file is never written to.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StoreError(t("err.store_unreadable", path=path)) from exc
    if not header:
        return []
    if header != SQLITE_HEADER:
        raise StoreError(t("err.store_not_sqlite", path=path))
    try:
        # Without a WAL file there is nothing newer than the main file: open it immutable, so
        # looking at a foreign or damaged file does not even create -wal/-shm beside it.
        wal = Path(f"{path}-wal")
        flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True, timeout=15)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise StoreError(t("err.store_corrupt", path=path))
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "_sqlite_migrations" not in tables:
                if tables:
                    raise StoreError(t("err.store_foreign", path=path))
                return []
            applied = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
                    ["facilitator"],
                )
            ]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(t("err.store_corrupt", path=path)) from exc
    if not applied and tables == {"_sqlite_migrations"}:
        # Our own first start, stopped after the bookkeeping table was made and before the
        # first migration committed (a kill, a power cut): nothing else is there, so carry on.
        return []
    if not applied:
        raise StoreError(t("err.store_foreign", path=path))
    unknown = [name for name in applied if name not in known_names()]
    if unknown:
        raise StoreError(t("err.store_newer", path=path))
    return applied


@contextmanager
def _translated() -> Iterator[None]:
    """Raise a failed write as the FacilitatorError that names its cause (storage.faults)."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        error = translate(exc)
        if error is None:
            raise
        raise error from exc


def _backup(path: Path, clock: Clock) -> Path:
    """Copy the database (consistently, through SQLite) before migrating it."""
    folder = paths.ensure_private_dir(path.parent / "backups")
    target = folder / f"facilitator-{clock().strftime('%Y%m%d-%H%M%S')}.db"
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    os.chmod(target, 0o600)
    return target


class Store:
    """Everything facilitator holds, in one SQLite file anyone can open."""

    def __init__(
        self, db: Database, path: Path, clock: Clock = system_now, owner: Owner | None = None
    ) -> None:
        self.db = db
        self.path = path
        self.clock = clock
        self.backup_path: Path | None = None
        #: Whose meeting leases this connection writes under (one per app; a worker thread's
        #: connection shares its app's). Without a lease it may write only what no app leads.
        self.owner = owner or Owner.here(os_user())

    # --- opening -------------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path | None = None, *, create: bool = True, clock: Clock = system_now
    ) -> Store:
        """Open (and if needed create or migrate) the store; StoreError says why it cannot."""
        path = path or paths.db_path()
        problem = paths.home_problem(path.parent)
        if problem is not None:  # refused, never "fixed" with a chmod of someone's folder
            raise StoreError(t(f"home.err_{problem}", path=path.parent))
        exists = path.exists()
        if not exists and not create:
            raise StoreError(t("err.no_store", path=path))
        if exists and path.is_dir():
            raise StoreError(t("err.store_not_sqlite", path=path))
        applied = _check_existing(path) if exists else []
        try:
            if not exists:
                paths.ensure_private_dir(path.parent)
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                os.close(fd)
            elif not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
                raise StoreError(t("err.store_readonly", path=path))
        except OSError as exc:
            raise StoreError(t("err.home_unwritable", path=path.parent)) from exc
        store = cls(cls._connect(path), path, clock)
        try:
            pending = migrations.pending(store.db)
            if pending and applied:
                store.backup_path = _backup(path, clock)
            if pending:
                migrations.apply(store.db)
        except sqlite3.DatabaseError as exc:
            store.close()
            raise StoreError(t("err.store_corrupt", path=path)) from exc
        return store

    @classmethod
    def another_connection(cls, store: Store) -> Store:
        """A second connection to an open store, for a worker thread (a connection belongs to
        the thread that opened it). The file was checked and migrated by the first."""
        return cls(cls._connect(store.path), store.path, store.clock, store.owner)

    @staticmethod
    def _connect(path: Path) -> Database:
        try:
            # check_same_thread stays on: each thread opens its own connection.
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a note shown as saved survives a crash or power cut.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.OperationalError as exc:
            raise StoreError(t("err.store_readonly", path=path)) from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(t("err.store_corrupt", path=path)) from exc
        return Database(conn)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- helpers -------------------------------------------------------------

    def now(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def now_dt(self) -> datetime:
        return self.clock()

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction: everything inside is committed together or not at all.

        The write lock is taken at the start (``BEGIN IMMEDIATE``), waiting up to the busy
        timeout for another writer. A transaction that reads first and writes later cannot
        wait once it holds a read snapshot: SQLite fails it at once with "database is locked"
        whenever another process wrote in between (measured, RELIABILITY.md). Nested blocks
        are savepoints. A full disk, a read-only file system, a lock held too long or a unique
        rule met raises a FacilitatorError (storage.faults) after the rollback: nothing is
        half-written, and no sqlite3 error reaches a person.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with _translated(), self.db.atomic() as db:
                yield db
            return
        with _translated():
            conn.execute("BEGIN IMMEDIATE")
        try:
            with _translated():
                yield self.db
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            with _translated():
                conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def rows(
        self, sql: str, params: list[Any] | dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def row(
        self, sql: str, params: list[Any] | dict[str, Any] | None = None
    ) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def insert(self, table: str, record: dict[str, Any]) -> int:
        """Insert one row and return its rowid."""
        columns = ", ".join(f'"{c}"' for c in record)
        marks = ", ".join("?" for _ in record)
        with _translated():
            cursor = self.db.execute(
                f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(record.values())
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def update(self, table: str, key: Any, values: dict[str, Any], pk: str = "id") -> None:
        sets = ", ".join(f'"{c}" = ?' for c in values)
        with _translated():
            self.db.execute(
                f'UPDATE "{table}" SET {sets} WHERE "{pk}" = ?', [*values.values(), key]
            )

    def create(
        self,
        table: str,
        record: dict[str, Any],
        object_kind: str,
        citizen_id: int | None,
        action: str = "create",
    ) -> int:
        """Insert one row and log its creation in the same transaction; return its rowid."""
        with self.atomic():
            rowid = self.insert(table, record)
            self.audit(action, object_kind, rowid, citizen_id)
        return rowid

    def check_writer(self, citizen_id: int) -> None:
        """Refuse (MeetingHeld) a write about the citizen while another live app leads one of
        their meetings and this connection leads none: one writer per meeting, and the
        citizen's plan, Mig card, measures and consents are written where the meeting is led.

        ``audit`` calls this for every write it records, inside the write's transaction, so a
        refused write is rolled back whole; call it first where a write is not audited or
        touches more than the database (a file, an erasure)."""
        holder = citizen_held_by_other(self, citizen_id, self.owner)
        if holder is not None:
            raise MeetingHeld(t("lease.held", who=holder.owner.label))

    def audit(
        self,
        action: str,
        object_kind: str,
        object_id: str | int = "",
        citizen_id: int | None = None,
    ) -> None:
        """Record who did what to which object, never the note text itself.

        A write about a citizen (any action but ``READING_ACTIONS``) is refused here, before
        it is recorded, while another app leads the citizen's meeting (``check_writer``).
        """
        if citizen_id is not None and action not in READING_ACTIONS:
            self.check_writer(citizen_id)
        self.insert(
            "audit_log",
            {
                "at": self.now(),
                "os_user": os_user(),
                "action": action,
                "object_kind": object_kind,
                "object_id": str(object_id),
                "citizen_id": citizen_id,
            },
        )

    def applied_migrations(self) -> list[str]:
        return [m.name for m in migrations.applied(self.db)]
