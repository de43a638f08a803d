"""A forget that always finishes, and says truly why it could not finish yet."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli.main import cli
from facilitator.domain.errors import FacilitatorError
from facilitator.meetings import people
from facilitator.rights import erasure
from facilitator.storage.store import Store, _backup
from tests.conftest import TickingClock
from tests.test_rights import CPR, MARKER, marked_citizen, marker_hits

NEEDLES = [MARKER.encode(), CPR.encode()]


def command(*args: str) -> tuple[int, str]:
    """The CLI in-process; a FacilitatorError is its one sentence and exit code, as in main."""
    result = CliRunner().invoke(cli, list(args))
    if isinstance(result.exception, FacilitatorError):
        return result.exception.exit_code, result.output + str(result.exception)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def forget(*args: str) -> tuple[int, str]:
    return command("forget", *args)


def test_forget_cut_short_after_the_rows_finishes_when_run_again(
    home: Path, demo_store: Store, clock: TickingClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = demo_store
    cid, _ = marked_citizen(store)
    _backup(store.path, clock)
    store.close()

    def disk_full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # The rows are gone, then the documents cannot be removed: a full disk, said as such.
    with monkeypatch.context() as patched:
        patched.setattr(shutil, "rmtree", disk_full)
        code, out = forget(str(cid), "--yes")
    assert code != 0
    assert "disken" in out and "fuld" in out and "--resume 1" in out, out
    assert "journal" not in out and "låst" not in out
    assert marker_hits(home, NEEDLES)  # the documents and the backup still hold the citizen
    # `forget N` again finds the erasure cut short (the citizen is gone) and finishes it.
    code, out = forget(str(cid), "--yes")
    assert code == 0, out
    assert "Sletning nr. 1" in out
    assert marker_hits(home, NEEDLES) == {}
    with Store.open() as store:
        assert store.rows("SELECT name, created_at, step FROM erasure") == [
            {"name": "", "created_at": "", "step": "done"}
        ]


def test_an_erasure_cut_short_is_finished_at_the_next_start(
    home: Path, demo_store: Store, clock: TickingClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = demo_store
    cid, _ = marked_citizen(store)
    keep = people.add_citizen(store, "Anden Borger").id

    def killed(step: str) -> None:
        if step == "documents":
            raise KeyboardInterrupt  # stands in for the kill, right after the rows

    monkeypatch.setattr(erasure, "after_step", killed)
    with pytest.raises(KeyboardInterrupt):
        erasure.forget_citizen(store, cid)
    store.close()
    monkeypatch.setattr(erasure, "after_step", None)
    assert marker_hits(home, NEEDLES)
    code, out = command("citizens")  # any start
    assert code == 0
    assert "Sletning nr. 1 (borger" in out
    assert marker_hits(home, NEEDLES) == {}
    with Store.open() as store:
        assert cid not in [c.id for c in people.list_citizens(store)]
        assert keep in [c.id for c in people.list_citizens(store)]
    code, out = forget("--resume", "1")
    assert code != 0 and "ingen ufærdig sletning nr. 1" in out


def test_a_reader_in_another_program_is_named_and_the_erasure_finishes_later(
    home: Path, demo_store: Store
) -> None:
    store = demo_store
    cid, _ = marked_citizen(store)
    store.close()
    db = home / "facilitator.db"
    reader = sqlite3.connect(db)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM notes").fetchone()  # holds a read snapshot
    code, out = forget(str(cid), "--yes")
    assert code != 0
    assert f"Luk det andet program, der bruger {db}" in out, out
    assert "forget --resume 1" in out and "journal" not in out
    assert marker_hits(home, NEEDLES)  # the old pages are still on disk: not yet finished
    reader.close()
    code, out = forget("--resume", "1")
    assert code == 0, out
    assert marker_hits(home, NEEDLES) == {}


def test_causes_are_told_apart() -> None:
    from facilitator.storage import failures

    assert failures.cause(OSError(errno.ENOSPC, "full")) == "full"
    assert failures.cause(OSError(errno.EROFS, "ro")) == "readonly"
    assert failures.cause(OSError(errno.EACCES, "denied")) == "readonly"
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = 5
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13
    readonly = sqlite3.OperationalError("attempt to write a readonly database")
    readonly.sqlite_errorcode = 8
    assert [failures.cause(e) for e in (busy, full, readonly)] == ["busy", "full", "readonly"]
