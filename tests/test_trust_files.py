"""Owner-only files: the database, its journal, backups, rendered documents and exports are
0600 and every folder 0700, even when the process's umask would let everyone read them."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from facilitator.cli.common import write_output
from facilitator.meetings import people
from facilitator.rights import export
from facilitator.storage import paths
from facilitator.storage.store import Store, _backup
from tests.conftest import CliResult, TickingClock, run_cli
from tests.figures import record


def facilitator(*args: str) -> CliResult:
    """The command line with umask 000 (files would be world-writable by default)."""
    old = os.umask(0)
    try:
        return run_cli(*args)
    finally:
        os.umask(old)


def modes(root: Path) -> dict[str, str]:
    found = {".": oct(stat.S_IMODE(root.stat().st_mode))}
    for path in sorted(root.rglob("*")):
        found[str(path.relative_to(root))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def test_everything_in_the_data_folder_is_owner_only(home: Path, clock: TickingClock) -> None:
    assert facilitator("init", "--demo").code == 0
    citizen = "1"
    meeting = "2"
    documents = paths.citizen_documents_dir(int(citizen))
    old = os.umask(0)
    try:
        paths.ensure_private_dir(documents)
        store = Store.open(clock=clock)
        _backup(store.path, clock)
        write_output(export.export_citizen(store, int(citizen)).__repr__(), str(home / "x.txt"))
        people.add_citizen(store, "Til Sletning")
    finally:
        os.umask(old)
    for args in (
        ["plan", meeting, "-o", str(documents / "plan.md")],
        ["plan", meeting, "--format", "html", "-o", str(documents / "plan.html")],
        ["export", citizen, "-o", str(documents / "export.json")],
        ["export", citizen, "--to", "ven:Sara", "-o", str(documents / "shared.json")],
        ["forget", "Til Sletning", "--yes"],
    ):
        done = facilitator(*args)
        assert done.code == 0, (args, done.err)
    # While a connection is open, the journal and its index exist too.
    found = modes(home)
    store.close()
    assert any(name.endswith("-wal") for name in found) and any(
        name.endswith("-shm") for name in found
    ), found
    folders = {name for name in found if name == "." or (home / name).is_dir()}
    wrong = {
        name: mode
        for name, mode in found.items()
        if mode != ("0o700" if name in folders else "0o600")
    }
    assert wrong == {}, wrong
    assert {"backups", "documents", f"documents/citizen-{citizen}"} <= folders
    record("file_modes", files=len(found) - len(folders), folders=len(folders), not_private=0)
