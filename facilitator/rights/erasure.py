"""The right to be forgotten: erase a citizen and every trace of them, down to the bytes.

Rows about the citizen (found by :mod:`facilitator.rights.holdings`), vectors made from their texts,
audit entries naming them or their objects, their documents folder, and the same in every
backup copy. Deleted pages are overwritten (``secure_delete``), the file is rebuilt
(``VACUUM``) and the write-ahead journal emptied. One audit entry records the erasure.

An erasure always finishes. It is written down first, in the ``erasure`` journal, and then
done step by step (rows, documents, backups, compaction), each step recorded as done. One cut
short - a kill, a full disk, another program holding the file - is carried on from its step
at the next start (:func:`resume_unfinished`) or by ``facilitator forget --resume N``.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from facilitator.domain.errors import FacilitatorError
from facilitator.i18n import t
from facilitator.meetings import people
from facilitator.rights.backups import Subject, clean_backups
from facilitator.rights.holdings import object_refs, table_names, tables_with, text_hashes
from facilitator.storage import failures, paths
from facilitator.storage.store import BUSY_TIMEOUT_MS, Store

#: How long the last clean-up waits for another program to let go of the file.
COMPACT_WAIT_MS = 2_000

#: Called with a step's name once it is recorded as done (the crash tests kill there).
after_step: Callable[[str], None] | None = None


class ErasureUnfinished(FacilitatorError):
    """An erasure stopped part-way; the message says why and how to finish it."""


@dataclass
class ForgetReport:
    """What an erasure removed, in numbers (never the content)."""

    citizen_id: int
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    backups_cleaned: int = 0
    backups_removed: int = 0
    #: The erasure's number in the journal (``facilitator forget --resume N``).
    erasure_id: int = 0
    #: False when another program held the database open, so the last clean-up (compaction
    #: and emptying the write-ahead log) waits for the next start or ``--resume``.
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


def forget_citizen(store: Store, citizen_id: int) -> ForgetReport:
    """Erase the citizen and every trace of them; one audit entry records that it was done.

    The intent is written to the erasure journal first, so an erasure cut short is finished
    later (:func:`resume`). Deleted pages are overwritten (``secure_delete``), the file is
    rebuilt (``VACUUM``) and the write-ahead log emptied, so no byte of what was erased stays
    in the data folder. Backups made before migrations are cleaned the same way (or removed
    if that fails). Raises :class:`ErasureUnfinished` when a step cannot be done now.
    """
    citizen = people.get_citizen(store, citizen_id)
    try:
        with store.atomic():
            # Not while another app leads the citizen's meeting (its lease would go with the rows).
            store.check_writer(citizen.id)
            erasure_id = store.insert(
                "erasure",
                {
                    "citizen_id": citizen.id,
                    "name": citizen.name,
                    "created_at": citizen.created_at,
                    "step": "rows",
                    "started_at": store.now(),
                },
            )
    except sqlite3.Error as exc:  # nothing was erased: say why, without an erasure to resume
        raise ErasureUnfinished(_why(exc, store, None)) from exc
    _announce("journal")
    return _carry_on(store, erasure_id, resumed=False)


def unfinished(store: Store) -> list[dict[str, Any]]:
    """The erasures cut short, oldest first (id and citizen id; never the name)."""
    return store.rows("SELECT id, citizen_id, step FROM erasure WHERE step <> 'done' ORDER BY id")


def find_unfinished(
    store: Store, number: int, *, by_citizen: bool = False
) -> dict[str, Any] | None:
    """One unfinished erasure by its number (else by the citizen id it erases)."""
    if not by_citizen:
        found = store.row("SELECT * FROM erasure WHERE id = ? AND step <> 'done'", [number])
        if found is not None:
            return found
    return store.row(
        "SELECT * FROM erasure WHERE citizen_id = ? AND step <> 'done' ORDER BY id LIMIT 1",
        [number],
    )


def resume(store: Store, erasure_id: int) -> ForgetReport:
    """Carry an erasure cut short on from the step it reached."""
    return _carry_on(store, erasure_id, resumed=True)


def resume_unfinished(store: Store) -> list[ForgetReport]:
    """Finish every erasure cut short (at each start). One still blocked stays unfinished
    and is reported with ``journal_clean`` False; other failures raise."""
    return [resume(store, int(row["id"])) for row in unfinished(store)]


def _announce(step: str) -> None:
    if after_step is not None:
        after_step(step)


def _carry_on(store: Store, erasure_id: int, *, resumed: bool) -> ForgetReport:
    job = store.row("SELECT * FROM erasure WHERE id = ?", [erasure_id])
    if job is None:
        raise FacilitatorError(t("forget.err_no_erasure", id=erasure_id))
    citizen_id = int(job["citizen_id"])
    report = ForgetReport(citizen_id, erasure_id=erasure_id)
    conn = store.db.conn
    step = str(job["step"])
    try:
        conn.execute("PRAGMA secure_delete = ON")
        if step == "rows":
            with store.atomic():
                report.rows = _erase_rows(conn, citizen_id)
                store.audit("erase", "citizen", citizen_id, citizen_id)
                step = _record(store, erasure_id, "documents")
            _announce(step)
        if step == "documents":
            # Only this step may touch citizen-N/: the id may be handed out again later.
            folder = paths.citizen_documents_dir(citizen_id)
            if folder.exists():
                report.files = sum(1 for p in folder.rglob("*") if p.is_file())
                shutil.rmtree(folder)
            step = _record(store, erasure_id, "backups")
            _announce(step)
        if step == "backups":
            who = Subject(citizen_id, str(job["name"]), str(job["created_at"]))
            report.backups_cleaned, report.backups_removed = clean_backups(
                who, _erase_rows, resumed=resumed
            )
            # Backups are clean: the journal forgets the name it kept to find them.
            step = _record(store, erasure_id, "compact", name="", created_at="")
            _announce(step)
        if step == "compact":
            report.journal_clean = _compact(conn)
            if report.journal_clean:
                _announce(_record(store, erasure_id, "done", finished_at=store.now()))
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except (sqlite3.Error, OSError) as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise ErasureUnfinished(_why(exc, store, erasure_id)) from exc
    return report


def _record(store: Store, erasure_id: int, step: str, **values: str) -> str:
    """Record ``step`` as the next one to do (in the caller's transaction, if any)."""
    with store.atomic():
        store.update("erasure", erasure_id, {"step": step, **values})
    return step


def _compact(conn: sqlite3.Connection) -> bool:
    """Rebuild the file and empty the write-ahead log; False when another program's open
    read keeps the old pages (then the erasure stays unfinished, to be resumed)."""
    conn.execute(f"PRAGMA busy_timeout = {COMPACT_WAIT_MS}")
    try:
        conn.execute("VACUUM")
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return bool(busy == 0)
    except sqlite3.OperationalError as exc:
        if failures.cause(exc) == "busy":
            return False
        raise
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _why(exc: BaseException, store: Store, erasure_id: int | None) -> str:
    """One sentence: what stopped the erasure (busy, full, read-only) and what to do."""
    kind = failures.cause(exc)
    where = getattr(exc, "filename", None) or store.path
    key = f"forget.stopped_{kind}" if erasure_id is not None else f"forget.not_started_{kind}"
    return t(key, path=where, id=erasure_id or "", error=str(exc)[:200])


def blocked_message(store: Store, report: ForgetReport) -> str:
    """What to do when another program kept the last clean-up from finishing."""
    return t("forget.blocked", path=store.path, id=report.erasure_id)
