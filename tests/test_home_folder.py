"""The home folder: the app never changes the mode of a folder it did not create, and refuses
an existing one anyone can write in or another user owns, with one sentence."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from facilitator.domain.errors import StoreError
from facilitator.storage.store import Store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_shared_folder_as_home_is_refused_and_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    monkeypatch.setenv("FACILITATOR_HOME", str(shared))
    with pytest.raises(StoreError) as refused:
        Store.open()
    message = str(refused.value)
    assert str(shared) in message and "FACILITATOR_HOME" in message
    assert len(message.splitlines()) == 1
    assert mode(shared) == 0o1777
    assert list(shared.iterdir()) == []  # nothing written into it either


def test_a_home_inside_a_shared_folder_is_made_private_and_the_shared_one_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    mine = shared / "mine" / "facilitator"
    monkeypatch.setenv("FACILITATOR_HOME", str(mine))
    Store.open().close()
    assert mode(mine) == mode(mine.parent) == 0o700
    assert mode(shared) == 0o1777


def test_an_existing_home_keeps_its_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    existing = tmp_path / "existing"
    existing.mkdir()
    os.chmod(existing, 0o750)  # a folder the person made, readable by their group
    monkeypatch.setenv("FACILITATOR_HOME", str(existing))
    Store.open().close()
    assert mode(existing) == 0o750
    assert mode(existing / "facilitator.db") == 0o600


def test_a_home_owned_by_someone_else_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    if os.getuid() != 0:
        pytest.skip("only root can give a folder to another user")
    os.chown(theirs, 4242, 4242)
    monkeypatch.setenv("FACILITATOR_HOME", str(theirs))
    with pytest.raises(StoreError) as refused:
        Store.open()
    assert str(theirs) in str(refused.value) and "anden bruger" in str(refused.value)
    assert mode(theirs) == 0o700 and theirs.stat().st_uid == 4242
