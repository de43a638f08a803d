"""Time, injectable: tests and snapshots fix it with FACILITATOR_NOW."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime

Clock = Callable[[], datetime]


def system_now() -> datetime:
    """Local wall-clock time without microseconds, or the fixed FACILITATOR_NOW."""
    fixed = os.environ.get("FACILITATOR_NOW")
    if fixed:
        return datetime.fromisoformat(fixed)
    return datetime.now().replace(microsecond=0)


def today(clock: Clock = system_now) -> date:
    """Today's date by the given clock."""
    return clock().date()


def stamp(clock: Clock = system_now) -> str:
    """An ISO timestamp for the store."""
    return clock().isoformat(timespec="seconds")
