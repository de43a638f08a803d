"""One writer per meeting: the app that leads a meeting holds its lease.

Two apps on one meeting (a second laptop on a shared folder, the app opened twice) each keep
their own picture of whose turn it is; both writing put notes under the wrong speaker and
opened two turns at once. So the app that opens a meeting first takes its lease and renews it
with a heartbeat; another app opens the meeting to look at only. A lease whose heartbeat is
older than ``stale_after()`` seconds, or whose process is gone from this machine, was left by
a crashed app and is taken over.

The lease is read, and a write about the citizen refused while another app leads, by the
store itself (``facilitator.storage.leases``, ``Store.check_writer``): every write that is
audited is covered there, whichever module makes it. This module takes and gives it back.
"""

from __future__ import annotations

from facilitator.storage.leases import (
    STALE_AFTER,
    Lease,
    Owner,
    current,
    held_by_other,
    stale_after,
    wall_now,
)
from facilitator.storage.store import Store

__all__ = [
    "HEARTBEAT",
    "STALE_AFTER",
    "Lease",
    "Owner",
    "acquire",
    "current",
    "held_by_other",
    "release",
    "stale_after",
    "wall_now",
]

#: Seconds between heartbeats of the app that leads a meeting.
HEARTBEAT = 10.0


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
