"""The one exception a person is meant to read."""

from facilitator.domain.privacy import mask_cpr
from facilitator.domain.safetext import printable


class FacilitatorError(Exception):
    """A problem explained in one sentence; the CLI prints it and exits non-zero."""

    exit_code = 1

    def __init__(self, message: str = "", *args: object) -> None:
        # What a person typed may be quoted in the sentence: keep it one printable line
        # (no control characters, invalid UTF-8 shown as "�", which any terminal can print),
        # and never a CPR number: the sentence goes to a terminal, a log, a screen.
        super().__init__(mask_cpr(printable(str(message))), *args)


class NotFound(FacilitatorError):
    """An id or name that does not exist."""


class StoreError(FacilitatorError):
    """The database file cannot be used as it is (corrupt, foreign, newer, read-only)."""

    exit_code = 3


class WriteFailed(StoreError):
    """Nothing was saved: the disk, the file system or another program stopped the write."""


class DiskFull(WriteFailed):
    """The disk (or the file system holding the database) is full."""


class ReadOnlyStore(WriteFailed):
    """The database or its file system can only be read just now."""


class StoreBusy(WriteFailed):
    """Another program held the database past the busy timeout."""


class Conflict(FacilitatorError):
    """A write met a change made elsewhere at the same time (a unique rule, a stale screen)."""


class MeetingHeld(FacilitatorError):
    """Another app leads this meeting: here it can be seen, not changed."""
