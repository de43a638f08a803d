"""What every command shares: opening the store, a meeting id, writing output safely."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import TextIO

import click

from facilitator.domain.errors import FacilitatorError, StoreError
from facilitator.domain.privacy import mask_cpr
from facilitator.i18n import t
from facilitator.storage import paths
from facilitator.storage.store import Store

MAX_K = 100


def open_store(create: bool = False, *, resume: bool = True) -> Store:
    """The store in FACILITATOR_HOME (or the user data folder); an erasure cut short is
    finished first (a kill, a full disk or another program may have stopped it)."""
    try:
        store = Store.open(create=create)
    except StoreError as exc:
        found = paths.demo_homes() if not paths.db_path().exists() else []
        if not found:
            raise
        hint = t("demo.elsewhere", path=found[0], quoted=shlex.quote(str(found[0])))
        raise StoreError(f"{exc} {hint}") from None
    if resume:
        finish_erasures(store)
    return store


def finish_erasures(store: Store) -> None:
    """Carry every unfinished erasure on; what still cannot be done is said on stderr."""
    if store.row("SELECT 1 AS x FROM erasure WHERE step <> 'done' LIMIT 1") is None:
        return
    from facilitator.rights import erasure  # only now: most starts have nothing to finish

    for job in erasure.unfinished(store):
        try:
            report = erasure.resume(store, int(job["id"]))
        except erasure.ErasureUnfinished as exc:
            click.echo(str(exc), err=True)
            continue
        if report.journal_clean:
            click.echo(t("forget.resumed", id=job["id"], citizen=job["citizen_id"]), err=True)
        else:
            click.echo(erasure.blocked_message(store, report), err=True)


def say(message: str | None = None, *, err: bool = False, nl: bool = True) -> None:
    """Print a line for the person at the terminal: never a CPR number (lists, messages,
    drafts, the audit log). Only the citizen's own export (``write_output``) is unmasked."""
    click.echo(None if message is None else mask_cpr(message), err=err, nl=nl)


class MaskedStream:
    """A text stream that masks CPR numbers in what is written to it (click's own errors)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(mask_cpr(text))

    def flush(self) -> None:
        self.stream.flush()


def write_output(text: str | bytes, output: str | None) -> None:
    """Print, or write ``output`` atomically (owner-only): never a half-written file."""
    if output is None or output == "-":
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            click.echo(text, nl=not text.endswith("\n"))
        return
    try:  # a name no file system takes (NUL, a lone surrogate, too long, ~nobody)
        target = Path(output).expanduser()
        os.fsencode(target)
        is_dir, parent_exists = target.is_dir(), target.parent.exists()
    except (OSError, ValueError, RuntimeError) as exc:
        raise FacilitatorError(t("err.output_unwritable", path=output[:200])) from exc
    if is_dir:
        raise FacilitatorError(t("err.output_unwritable", path=target))
    if not parent_exists:
        raise FacilitatorError(t("err.output_dir_missing", path=target))
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        paths.write_private(target, data)
    except paths.NotAFile as exc:
        raise FacilitatorError(t("err.output_not_file", path=target)) from exc
    except (OSError, ValueError) as exc:
        raise FacilitatorError(t("err.output_unwritable", path=target)) from exc


def parse_meeting_id(value: str) -> int:
    """A meeting id typed by a person, or one clear sentence."""
    try:
        number = int(value.strip())
    except ValueError:
        raise FacilitatorError(t("err.bad_meeting_id", value=value)) from None
    if number < 1 or number > 2**62:
        raise FacilitatorError(t("err.bad_meeting_id", value=value))
    return number


def table(header: list[str], rows: list[list[str]], right: frozenset[int] = frozenset()) -> str:
    """Rows under a header, each column as wide as its widest cell (``right``: numbers)."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        parts = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join(line(r) for r in [header, *rows])
