"""Who may write a citizen's records just now: the meeting leases as the store reads them.

The lease of a meeting (``facilitator.meetings.lease`` takes, renews and gives it back) says
which app leads it. The store itself refuses a write about a citizen while another live app
leads one of their meetings and this connection leads none of them (``Store.check_writer``),
so every write that is audited, whichever module makes it, is covered at one place.

Times here are the real wall clock in UTC, not the store's clock: a lease is about living
processes, and a test's frozen clock must not make one look fresh or stale.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from facilitator.storage.store import Store


def _host() -> str:
    """This machine's name, read locally (no name lookup, nothing on the network)."""
    return os.uname().nodename


#: Seconds without a heartbeat after which a lease counts as left by a crashed app.
STALE_AFTER = 60.0


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
    def here(cls, user: str) -> Owner:
        """A new owner in this process; ``user`` (the OS user) makes the label user@host."""
        host = _host()
        return cls(host, os.getpid(), secrets.token_hex(8), f"{user}@{host}")


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
        return self.owner.host == _host() and not _alive(self.owner.pid)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Lease:
        return cls(
            row["meeting_id"],
            Owner(row["host"], row["pid"], row["token"], row["label"]),
            datetime.fromisoformat(row["acquired_at"]),
            datetime.fromisoformat(row["heartbeat_at"]),
        )


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
    return None if row is None else Lease.from_row(row)


def held_by_other(store: Store, meeting_id: int, owner: Owner | None) -> Lease | None:
    """The live lease of someone other than ``owner``, or None (free, stale or ours)."""
    lease = current(store, meeting_id)
    if lease is None or (owner is not None and lease.owner.token == owner.token):
        return None
    return None if lease.is_stale(wall_now(), stale_after()) else lease


def citizen_held_by_other(store: Store, citizen_id: int, owner: Owner | None) -> Lease | None:
    """The live lease of another app on one of the citizen's meetings, when ``owner`` leads
    none of them; else None. The CLI (``owner`` None) is refused only while an app leads."""
    leases = [
        Lease.from_row(row)
        for row in store.rows(
            "SELECT l.* FROM meeting_leases l JOIN meetings m ON m.id = l.meeting_id"
            " WHERE m.citizen_id = ? ORDER BY l.meeting_id",
            [citizen_id],
        )
    ]
    if owner is not None and any(lease.owner.token == owner.token for lease in leases):
        return None
    now, after = wall_now(), stale_after()
    return next((lease for lease in leases if not lease.is_stale(now, after)), None)
