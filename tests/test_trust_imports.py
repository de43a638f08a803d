"""Import reads only regular files, and never more than the limit: a device, a pipe, a symlink
to either, or a (sparse) file too large is refused in one sentence, unread, the store unchanged.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from facilitator.directory import corpus
from facilitator.directory.corpus import MAX_FILE_BYTES, CorpusError
from facilitator.storage.store import Store
from tests.figures import record

REFUSED: dict[str, int] = {}
FIXTURES = Path(__file__).parent / "fixtures"
LARGE = 200 * 1024 * 1024
# Address space for the import: enough for Python and the store, not for a 200 MB file read
# whole (old code read a datapackage table whole before refusing it).
_MEMORY = 200 * 1024 * 1024


def _entries(store: Store) -> int:
    return int(store.rows("SELECT count(*) AS n FROM corpus_entries")[0]["n"])


def _limit_memory() -> None:
    # Old code read /dev/zero until memory ran out: a cap keeps that from taking the machine.
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY, _MEMORY))


def _refused(store: Store, path: Path) -> str:
    """``facilitator corpus import PATH`` as a person runs it: refused in one sentence (exit
    2, not a crash, not a hang), and the store holds what it held before."""
    corpus.import_file(store, corpus.demo_corpus_path())
    before = _entries(store)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "facilitator", "corpus", "import", str(path)],
            capture_output=True,
            text=True,
            timeout=float(
                os.environ.get("IMPORT_TEST_TIMEOUT", "120")
            ),  # a hang fails the test instead of stopping the suite
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"importing {path} did not return")
    message = proc.stderr.strip()
    assert proc.returncode == 2, (proc.returncode, message)
    assert "\n" not in message and message.endswith(".")  # one sentence
    assert _entries(store) == before
    REFUSED[path.name] = REFUSED.get(path.name, 0) + 1
    record("imports", refused=sum(REFUSED.values()), store_changed=0, hung=0, crashed=0)
    return message


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _zero_link(folder: Path, name: str) -> Path:
    path = folder / name
    path.symlink_to("/dev/zero")
    return path


def _sparse(folder: Path, name: str) -> Path:
    path = folder / name
    with path.open("wb") as handle:
        handle.truncate(LARGE)  # 200 MB that take no disk
    return path


MAKERS: dict[str, Callable[[Path], Path]] = {
    "a FIFO (.json)": lambda d: _fifo(d, "offers.json"),
    "a FIFO (.csv)": lambda d: _fifo(d, "offers.csv"),
    "a symlink to /dev/zero": lambda d: _zero_link(d, "offers.json"),
    "a sparse 200 MB CSV": lambda d: _sparse(d, "offers.csv"),
}


@pytest.mark.parametrize("kind", MAKERS)
def test_a_file_that_is_not_a_small_regular_file_is_refused(
    store: Store, tmp_path: Path, kind: str
) -> None:
    path = MAKERS[kind](tmp_path)
    message = _refused(store, path)
    assert str(path) in message


def test_dev_zero_itself_is_refused(store: Store) -> None:
    assert "almindelig fil" in _refused(store, Path("/dev/zero"))


def _package(tmp_path: Path) -> Path:
    folder = tmp_path / "hsds"
    shutil.copytree(FIXTURES / "hsds", folder)
    return folder


@pytest.mark.parametrize(
    "swap",
    [
        pytest.param(lambda p: _sparse(p.parent, p.name), id="a sparse 200 MB services.csv"),
        pytest.param(lambda p: _fifo(p.parent, p.name), id="services.csv is a FIFO"),
        pytest.param(lambda p: _zero_link(p.parent, p.name), id="services.csv -> /dev/zero"),
    ],
)
def test_every_table_of_a_datapackage_is_checked(
    store: Store, tmp_path: Path, swap: Callable[[Path], Path]
) -> None:
    folder = _package(tmp_path)
    services = folder / "services.csv"
    services.unlink()
    swap(services)
    message = _refused(store, folder)
    assert "services.csv" in message


def test_datapackage_json_itself_is_checked(store: Store, tmp_path: Path) -> None:
    folder = _package(tmp_path)
    (folder / "datapackage.json").unlink()
    _sparse(folder, "datapackage.json")
    assert "datapackage.json" in _refused(store, folder)


def test_a_file_growing_past_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    """The limit holds on the bytes read, not only on the size stat() gave beforehand."""
    path = tmp_path / "offers.csv"
    path.write_bytes(b"x" * 1000)
    with pytest.raises(CorpusError, match="større end 50 MiB"):
        corpus.read_limited(path, limit=999)
    assert corpus.read_limited(path, limit=1000) == b"x" * 1000


def test_the_limit_is_the_same_for_every_reader() -> None:
    assert MAX_FILE_BYTES < LARGE
