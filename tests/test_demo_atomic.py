"""`init --demo` is all or nothing: a demo cut short leaves no demo, and the next run loads
it whole (the meeting to hold now is 2, the guide's consents are there)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from facilitator import demo
from facilitator.meetings import consent, people
from facilitator.storage.store import Store
from tests.conftest import ROOT, TickingClock
from tests.figures import record

KILLS = 6
TABLES = (
    "citizens",
    "meetings",
    "participants",
    "notes",
    "plan_items",
    "consents",
    "corpus_entries",
)


def counts(store: Store) -> dict[str, int]:
    return {t: store.row(f"SELECT count(*) AS n FROM {t}")["n"] for t in TABLES}  # type: ignore[index]


def test_a_demo_cut_short_is_loaded_whole_next_time(
    home: Path, clock: TickingClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(clock=clock)
    calls = {"n": 0}
    grant = consent.grant

    def dies_on_the_second(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # stands in for a kill late in the load
        return grant(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(consent, "grant", dies_on_the_second)
        with pytest.raises(KeyboardInterrupt):
            demo.load_demo(store)
    assert counts(store)["citizens"] == 0  # nothing of the demo was kept
    meeting = demo.load_demo(store)
    assert meeting.id == 2
    assert counts(store)["consents"] == len(demo.DEMO_GUIDE_SCOPES)
    store.close()


def test_a_half_demo_from_an_earlier_version_is_redone(home: Path, clock: TickingClock) -> None:
    store = Store.open(clock=clock)
    whole = demo.load_demo(store)
    expected = counts(store)
    store.db.execute("DELETE FROM consents")  # what a kill left before loads were atomic
    again = demo.load_demo(store)
    # Redone whole, under new ids: an id is never handed out twice (m011).
    assert again.id > whole.id and again.title == whole.title == "Opfølgning"
    assert counts(store) == expected
    assert len(people.list_citizens(store)) == 1
    store.close()


@pytest.mark.slow
def test_init_demo_killed_anywhere_then_run_again_is_whole(home: Path, tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    child = [sys.executable, "-m", "tests.trust_children", "init_demo"]

    def start() -> subprocess.Popen[str]:
        proc = subprocess.Popen(child, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "READY"
        return proc

    proc = start()
    began = time.monotonic()
    out = proc.communicate(timeout=300)[0]
    span = time.monotonic() - began  # the load alone, imports done
    assert proc.returncode == 0, out
    with Store.open() as store:
        expected = counts(store)
    rng = random.Random(int(os.environ.get("FACILITATOR_KILL_SEED", "7")))
    found: dict[str, int] = {}
    kills = 0
    for _ in range(KILLS):
        for name in os.listdir(home):
            if (home / name).is_file():
                (home / name).unlink()
        proc = start()
        time.sleep(rng.uniform(0, 0.9 * span))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        kills += proc.returncode == -signal.SIGKILL
        state = "no_file"
        if (home / "facilitator.db").exists():
            with Store.open() as store:
                left = counts(store)
            # All or nothing: no demo citizen, or the whole demo.
            assert left["citizens"] == 0 or left == expected, left
            state = "no_demo" if left["citizens"] == 0 else "whole_demo"
        found[state] = found.get(state, 0) + 1
        again = subprocess.run(
            [sys.executable, "-m", "facilitator", "init", "--demo"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert again.returncode == 0, again.stderr
        assert "har id 2." in again.stdout, again.stdout
        with Store.open() as store:
            assert counts(store) == expected
    assert kills >= KILLS // 2  # a kill after the last commit finds nothing to kill
    record("demo_sigkill", kills=kills, left=found, load_seconds=round(span, 2))
