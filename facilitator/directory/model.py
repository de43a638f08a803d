"""What corpus and HSDS imports share: the bundle of checked entries, the error a person
reads, the field checker that names file, record and field, and reading a file safely.

May import: facilitator.domain, facilitator.i18n (nothing of corpus or hsds).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.vocabulary import SourceKind
from facilitator.i18n import message, t
from facilitator.i18n.sizes import file_size

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FIELD = 5000
_CHUNK = 1024 * 1024
SOURCE_KINDS = {k.value for k in SourceKind}


class CorpusError(FacilitatorError):
    """A corpus file that is refused whole, naming the file, the record and the field."""

    exit_code = 2


def too_large(source: object) -> CorpusError:
    """A file over the size limit, the limit written as people read it (one formatter)."""
    return CorpusError(t("size.err_file_too_large", path=source, limit=file_size(MAX_FILE_BYTES)))


@dataclass
class Bundle:
    """What one file holds, validated and normalised, before anything touches the store."""

    departments: dict[str, dict[str, str]] = field(default_factory=dict)
    themes: dict[str, dict[str, str]] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)


def line(number: int) -> str:
    """A record named by its line in a CSV file ("line 3" / "linje 3")."""
    return t("corpus.rec.line", n=number)


def part(name: str) -> str:
    """A part of a file that is not a field: "(record)", "(row)", "(header)" and the like."""
    return t(f"corpus.rec.{name}")


class Checker:
    """Field checks that name the file, the record and the field in one sentence."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, record: str, fieldname: str, problem: str, **params: object) -> CorpusError:
        """The file, the record and the field, and ``problem`` (a ``corpus.p.*`` message)."""
        return CorpusError(
            t(
                "corpus.err.field",
                source=self.source,
                record=record,
                field=fieldname,
                problem=message(f"corpus.p.{problem}").format(**params),
            )
        )

    def text(self, obj: dict[str, Any], key: str, record: str, required: bool = True) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                raise self.fail(record, key, "missing")
            return ""
        if not isinstance(value, str):
            raise self.fail(record, key, "not_text", type=type(value).__name__)
        if len(value) > MAX_FIELD:
            raise self.fail(record, key, "too_long", limit=MAX_FIELD)
        if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
            raise self.fail(record, key, "control")
        return value.strip()

    def boolean(self, obj: dict[str, Any], key: str, record: str) -> bool:
        value = obj.get(key, False)
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {"true", "ja", "yes", "1"}:
            return True
        if isinstance(value, str) and value.strip().lower() in {"false", "nej", "no", "0", ""}:
            return False
        raise self.fail(record, key, "not_bool")

    def day(self, obj: dict[str, Any], key: str, record: str) -> str | None:
        value = self.text(obj, key, record, required=False)
        if not value:
            return None
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            raise self.fail(record, key, "not_date", value=value) from None

    def strings(self, obj: dict[str, Any], key: str, record: str) -> list[str]:
        value = obj.get(key, [])
        if isinstance(value, str):
            return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(record, key, "not_list")
        return [v.strip() for v in value if v.strip()]

    def mapping(self, obj: dict[str, Any], key: str, record: str) -> dict[str, Any]:
        value = obj.get(key, {})
        if value is None:
            return {}
        if isinstance(value, str):
            return {"name": value}
        if not isinstance(value, dict) or not all(
            isinstance(v, str | int | float | bool | None) for v in value.values()
        ):
            raise self.fail(record, key, "not_mapping")
        return value


def read_limited(path: Path, source: object = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file no larger than ``limit``, or one sentence why not.

    A device (/dev/zero), a pipe (FIFO) or a socket, also behind a symlink, is refused before
    it is opened: it has no size to check, and reading it never ends or never starts. The file
    is opened without blocking and checked again (it may have been swapped since), then read
    in pieces that stop at the limit, so a file that grows while read is refused too.
    """
    source = path if source is None else source
    try:
        info = os.stat(path)  # follows symlinks: what would actually be read
    except (OSError, ValueError):
        raise CorpusError(t("corpus.err.unreadable", source=source)) from None
    if stat.S_ISDIR(info.st_mode):
        raise CorpusError(t("corpus.err.folder", source=source))
    if not stat.S_ISREG(info.st_mode):
        raise CorpusError(t("corpus.err.not_regular", source=source))
    if info.st_size > limit:
        raise too_large(source)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        raise CorpusError(t("corpus.err.unreadable", source=source)) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise CorpusError(t("corpus.err.not_regular", source=source))
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise too_large(source)
                chunks.append(chunk)
        except OSError:
            raise CorpusError(t("corpus.err.unreadable", source=source)) from None
    return b"".join(chunks)
