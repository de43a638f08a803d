"""What the disk, the file system and SQLite can refuse, as one sentence a person can act on.

A write that fails is rolled back by the caller (``Store.atomic``); this module only names
the cause, so a screen can keep what was typed and say why it is not saved yet.
"""

from __future__ import annotations

import errno
import sqlite3

from facilitator.domain.errors import (
    Conflict,
    DiskFull,
    FacilitatorError,
    ReadOnlyStore,
    StoreBusy,
    WriteFailed,
)
from facilitator.i18n import t


def translate(exc: BaseException) -> FacilitatorError | None:
    """The FacilitatorError for a failed write, or None when it is not a storage fault."""
    if isinstance(exc, sqlite3.IntegrityError):
        return Conflict(t("store.err_conflict"))
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "full" in text:  # "database or disk is full"
            return DiskFull(t("store.err_full"))
        if "readonly" in text or "read-only" in text:  # "attempt to write a readonly database"
            return ReadOnlyStore(t("store.err_readonly"))
        if "locked" in text or "busy" in text:  # "database is locked", past the busy timeout
            return StoreBusy(t("store.err_busy"))
        if "i/o" in text:  # "disk I/O error"
            return WriteFailed(t("store.err_io"))
        return None
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFull(t("store.err_full"))
        if exc.errno == errno.EROFS:
            return ReadOnlyStore(t("store.err_readonly"))
        if exc.errno == errno.EIO:
            return WriteFailed(t("store.err_io"))
    return None
