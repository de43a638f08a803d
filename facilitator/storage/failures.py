"""Why a write failed, in the words a person can act on: another program holds the file,
the disk is full, or the file or folder cannot be written. Never one for another."""

from __future__ import annotations

import errno
import sqlite3
from typing import Literal

Cause = Literal["busy", "full", "readonly", "other"]

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_FULL = 5, 6, 8, 13
_SQLITE_IOERR, _SQLITE_CANTOPEN, _SQLITE_PERM = 10, 14, 3


def cause(exc: BaseException) -> Cause:
    """Classify a failed write by its error code (never by guessing from the text first)."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return "full"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "readonly"
        if exc.errno in (errno.EBUSY, errno.ETXTBSY):
            return "busy"
        return "other"
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None:
            primary = int(code) & 0xFF
            if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
                return "busy"
            if primary == _SQLITE_FULL:
                return "full"
            if primary in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN):
                return "readonly"
            if primary == _SQLITE_IOERR:
                return "other"
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return "busy"
        if "full" in text:
            return "full"
        if "readonly" in text or "read-only" in text:
            return "readonly"
    return "other"
