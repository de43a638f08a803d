"""The one exception a person is meant to read."""


class FacilitatorError(Exception):
    """A problem explained in one sentence; the CLI prints it and exits non-zero."""

    exit_code = 1


class NotFound(FacilitatorError):
    """An id or name that does not exist."""


class StoreError(FacilitatorError):
    """The database file cannot be used as it is (corrupt, foreign, newer, read-only)."""

    exit_code = 3
