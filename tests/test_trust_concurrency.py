"""Reading while the app writes: never "database is locked" (WAL, a busy timeout, and write
transactions that take the lock before they read)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.domain.vocabulary import ParticipantKind, Phase, RecipientKind
from facilitator.meetings import consent, people, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from tests.conftest import ROOT, run_cli
from tests.figures import record
from tests.test_trust_crash import child_env

pytestmark = pytest.mark.slow

SECONDS = 8.0
LOCK_WORDS = ("locked", "busy", "låst")


def meeting_with_guide() -> tuple[int, int]:
    with Store.open() as store:
        citizen = people.add_citizen(store, "Carla Samtidig")
        meeting = register.add_meeting(store, citizen.id)
        session = MeetingSession(store, meeting.id)
        session.add_participant("Per Guidesen", ParticipantKind.MEDBORGERGUIDE, "medborgerguide")
        session.add_participant("Bo Støtte", ParticipantKind.FAGPERSON, "bostøtte")
        session.set_phase(Phase.VELKOMST)
        session.set_phase(Phase.RUNDER)
        consent.grant(store, citizen.id, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "plan")
        return citizen.id, meeting.id


def child(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.trust_children", *args],
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def counts(out: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            found[parts[0]] = int(parts[1])
    return found


def test_readers_and_writers_at_once_never_meet_a_lock(home: Path) -> None:
    citizen_id, meeting_id = meeting_with_guide()
    app = child("app", str(meeting_id), "c", "100000")
    assert app.stdout is not None
    assert app.stdout.readline().strip() == "READY"
    writer = child("writer", str(meeting_id), str(SECONDS))
    reader = child("reader", str(citizen_id), str(meeting_id), str(SECONDS))
    cli_runs: list[tuple[tuple[str, ...], int, str]] = []
    end = time.monotonic() + SECONDS
    commands = [
        ("plan", str(meeting_id)),
        ("export", str(citizen_id)),
        ("export", str(citizen_id), "--to", "medborgerguide:Per Guidesen"),
        ("plan", str(meeting_id), "--format", "html"),
    ]
    while time.monotonic() < end:
        args = commands[len(cli_runs) % len(commands)]
        result = run_cli(*args)
        cli_runs.append((args, result.code, result.err))
    writer_out, writer_err = writer.communicate(timeout=120)
    reader_out, reader_err = reader.communicate(timeout=120)
    app.send_signal(signal.SIGTERM)
    app_out, app_err = app.communicate(timeout=30)

    assert writer.returncode == 0, writer_err
    assert reader.returncode == 0, reader_err
    for args, code, err in cli_runs:
        assert code == 0, (args, err)
        assert not any(word in err for word in LOCK_WORDS), (args, err)
    for err in (app_err, writer_err, reader_err):
        assert "Traceback" not in err and not any(word in err for word in LOCK_WORDS), err
    written, read = counts(writer_out), counts(reader_out)
    saved = [line for line in app_out.splitlines() if line.startswith("SAVED ")]
    not_shown = [line for line in app_out.splitlines() if line.startswith("NOT_SHOWN ")]
    assert written["LOCKED"] == 0 and read["LOCKED"] == 0
    assert not not_shown, not_shown
    assert written["WRITES"] > 0 and read["RUNS"] > 0 and saved and cli_runs
    record(
        "concurrency",
        seconds=SECONDS,
        app_notes_saved=len(saved),
        writer_transactions=written["WRITES"] * 3,
        reader_runs=read["RUNS"],
        cli_runs=len(cli_runs),
        lock_errors=written["LOCKED"]
        + read["LOCKED"]
        + sum(1 for _, _, err in cli_runs if any(w in err for w in LOCK_WORDS)),
    )
    assert os.path.exists(home / "facilitator.db")
