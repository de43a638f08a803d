"""One writer per meeting: the app that leads a meeting holds its lease.

Two apps on one meeting (a second laptop on a shared folder, the app opened twice) each keep
their own picture of whose turn it is; both writing put notes under the wrong speaker and
opened two turns at once. So the app that opens a meeting first takes its lease and renews it
with a heartbeat; another app opens the meeting to look at only. A lease whose heartbeat is
older than ``stale_after()`` seconds, or whose process is gone from this machine, was left by
a crashed app and is taken over.

Times here are the real wall clock in UTC, not the store's clock: a lease is about living
processes, and a test's frozen clock must not make one look fresh or stale.
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from facilitator.storage.store import Store, os_user

#: Seconds without a heartbeat after which a lease counts as left by a crashed app.
STALE_AFTER = 60.0
#: Seconds between heartbeats of the app that leads a meeting.
HEARTBEAT = 10.0


def stale_after() -> float:
    """The stale timeout; FACILITATOR_LEASE_STALE (seconds) sets it, for tests."""
    value = os.environ.get("FACILITATOR_LEASE_STALE", "")
    try:
        return float(value) if value else STALE_AFTER
    except ValueError:
        return STALE_AFTER


def wall_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Owner:
    """Who holds a lease: a process on a host, told apart by a random token (two apps in one
    process are two owners), with a label a person can read."""

    host: str
    pid: int
    token: str
    label: str

    @classmethod
    def here(cls) -> Owner:
        host = socket.gethostname()
        return cls(host, os.getpid(), secrets.token_hex(8), f"{os_user()}@{host}")


@dataclass(frozen=True)
class Lease:
    meeting_id: int
    owner: Owner
    acquired_at: datetime
    heartbeat_at: datetime

    def is_stale(self, now: datetime, after: float) -> bool:
        """Left by a crashed app: no heartbeat for ``after`` seconds, or its process is gone."""
        if now - self.heartbeat_at > timedelta(seconds=after):
            return True
        return self.owner.host == socket.gethostname() and not _alive(self.owner.pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def current(store: Store, meeting_id: int) -> Lease | None:
    """The meeting's lease as stored (perhaps stale), or None."""
    row = store.row("SELECT * FROM meeting_leases WHERE meeting_id = ?", [meeting_id])
    if row is None:
        return None
    return Lease(
        meeting_id,
        Owner(row["host"], row["pid"], row["token"], row["label"]),
        datetime.fromisoformat(row["acquired_at"]),
        datetime.fromisoformat(row["heartbeat_at"]),
    )


def held_by_other(store: Store, meeting_id: int, owner: Owner | None) -> Lease | None:
    """The live lease of someone other than ``owner``, or None (free, stale or ours)."""
    lease = current(store, meeting_id)
    if lease is None or (owner is not None and lease.owner.token == owner.token):
        return None
    return None if lease.is_stale(wall_now(), stale_after()) else lease


def acquire(store: Store, meeting_id: int, owner: Owner) -> Lease | None:
    """Take (or keep) the lease; return None when ``owner`` holds it now, else the holder.

    One transaction with the write lock taken first, so two apps opening the meeting at the
    same moment cannot both win.
    """
    with store.atomic():
        other = held_by_other(store, meeting_id, owner)
        if other is not None:
            return other
        now = wall_now().isoformat()
        mine = current(store, meeting_id)
        if mine is not None and mine.owner.token == owner.token:
            store.db.execute(
                "UPDATE meeting_leases SET heartbeat_at = ? WHERE meeting_id = ?",
                [now, meeting_id],
            )
        else:  # free, or left stale by a crashed app: taken over
            store.db.execute(
                "INSERT OR REPLACE INTO meeting_leases"
                " (meeting_id, host, pid, token, label, acquired_at, heartbeat_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [meeting_id, owner.host, owner.pid, owner.token, owner.label, now, now],
            )
    return None


def release(store: Store, meeting_id: int, owner: Owner) -> None:
    """Give the lease back (leaving the meeting, quitting); someone else's is left alone."""
    with store.atomic():
        store.db.execute(
            "DELETE FROM meeting_leases WHERE meeting_id = ? AND token = ?",
            [meeting_id, owner.token],
        )
