"""One writer per meeting (a lease), and writes the disk refuses told on the wall (issue 14)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from facilitator.directory.embeddings import HashingEmbedder
from facilitator.domain.errors import DiskFull, MeetingHeld, ReadOnlyStore, StoreBusy
from facilitator.domain.vocabulary import NoteKind, ParticipantKind, Phase
from facilitator.meetings import lease, people, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.faults import translate
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.meeting import MeetingScreen
from tests.conftest import ROOT
from tests.figures import record
from tests.test_trust_crash import child_env


def meeting_in_rounds(store: Store) -> int:
    citizen = people.add_citizen(store, "Carla Samtidig")
    meeting = register.add_meeting(store, citizen.id)
    session = MeetingSession(store, meeting.id)
    session.add_participant("Per Guidesen", ParticipantKind.MEDBORGERGUIDE, "medborgerguide")
    session.add_participant("Bo Støtte", ParticipantKind.FAGPERSON, "bostøtte")
    session.set_phase(Phase.VELKOMST)
    session.set_phase(Phase.RUNDER)
    return meeting.id


def notes_in(store: Store, meeting_id: int) -> list[dict[str, Any]]:
    return store.rows("SELECT * FROM notes WHERE meeting_id = ?", [meeting_id])


# --- one writer per meeting ------------------------------------------------------------


async def test_a_second_app_on_the_meeting_only_looks(store: Store) -> None:
    meeting_id = meeting_in_rounds(store)
    first = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    second_store = Store.open()
    second = make_app(second_store, meeting_id, embedder_factory=HashingEmbedder)
    async with first.run_test(size=(120, 40)) as one, second.run_test(size=(120, 40)) as two:
        await one.pause()
        await two.pause()
        leader, viewer = first.screen, second.screen
        assert isinstance(leader, MeetingScreen) and isinstance(viewer, MeetingScreen)
        assert not leader.session.read_only and viewer.session.read_only
        line = viewer.query_one("#lease-line", Static)
        assert line.display and "ledes fra" in str(line.content)
        assert (
            not viewer.query_one("#note-input", Input).display
            or not viewer.query_one("NoteField").display
        )
        assert not leader.query_one("#lease-line", Static).display
        # The core refuses the viewer's writes, whatever the screen lets through.
        with pytest.raises(MeetingHeld, match="ledes fra"):
            viewer.session.add_note(NoteKind.OENSKE, "skrevet det forkerte sted")
        with pytest.raises(MeetingHeld):
            viewer.session.advance()
        await two.press("f2", "f4")  # the keys do nothing but say why
        await two.pause()
        assert isinstance(second.screen, MeetingScreen)
        # The leader writes; the viewer follows on its next heartbeat.
        leader.query_one("#note-input", Input).insert_text_at_cursor("Jeg vil svømme")
        await one.press("enter", "2")
        await one.pause()
        second.heartbeat()
        await two.pause()
        assert "Jeg vil svømme" in str(viewer.query_one("#turn-notes", Static).content)
        # The leader leaves: the viewer leads the meeting from now on.
        await one.press("f10")
        await one.pause()
        second.heartbeat()
        await two.pause()
        assert not viewer.session.read_only and not line.display
        viewer.session.add_note(NoteKind.BEHOV, "nu herfra")
    second_store.close()
    texts = [n["text"] for n in notes_in(store, meeting_id)]
    assert texts == ["Jeg vil svømme", "nu herfra"]
    assert lease.current(store, meeting_id) is None  # both gave it back


def _write_lease(store: Store, meeting_id: int, host: str, pid: int, age: float) -> None:
    at = (datetime.now(UTC) - timedelta(seconds=age)).isoformat()
    store.db.execute(
        "INSERT OR REPLACE INTO meeting_leases VALUES (?, ?, ?, 'tok', 'lene@laptop2', ?, ?)",
        [meeting_id, host, pid, at, at],
    )


def test_a_stale_lease_is_taken_over(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    meeting_id = meeting_in_rounds(store)
    session = MeetingSession(store, meeting_id)
    # Another laptop, heartbeat fresh: held.
    _write_lease(store, meeting_id, "laptop2", 4242, age=5)
    holder = session.take_lease()
    assert holder is not None and holder.owner.label == "lene@laptop2"
    # The same laptop, no heartbeat for longer than the timeout (set short, as a test may).
    monkeypatch.setenv("FACILITATOR_LEASE_STALE", "3")
    assert session.take_lease() is None and not session.read_only
    session.add_note(NoteKind.OENSKE, "efter overtagelsen")
    # This machine, heartbeat fresh, but the process is gone (an app killed with SIGKILL).
    monkeypatch.delenv("FACILITATOR_LEASE_STALE")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    import socket

    _write_lease(store, meeting_id, socket.gethostname(), gone.pid, age=1)
    assert session.take_lease() is None
    assert lease.current(store, meeting_id).owner.token == session.owner.token  # type: ignore[union-attr]


SPY = """
CREATE TABLE test_wrong_speaker (note_id INTEGER);
CREATE TABLE test_double_open (turn_id INTEGER);
CREATE TRIGGER test_spy_notes AFTER INSERT ON notes
WHEN (SELECT ended_at FROM turns WHERE id = NEW.turn_id) IS NOT NULL
  OR NEW.turn_id != (SELECT max(id) FROM turns WHERE meeting_id = NEW.meeting_id)
  OR NEW.participant_id != (SELECT participant_id FROM turns WHERE id = NEW.turn_id)
BEGIN INSERT INTO test_wrong_speaker VALUES (NEW.id); END;
CREATE TRIGGER test_spy_turns AFTER INSERT ON turns
WHEN (SELECT count(*) FROM turns WHERE meeting_id = NEW.meeting_id AND ended_at IS NULL) > 1
BEGIN INSERT INTO test_double_open VALUES (NEW.id); END;
"""


@pytest.mark.slow
@pytest.mark.parametrize("with_lease", [True, False], ids=["lease", "no-lease"])
def test_two_processes_on_one_meeting(home: Path, with_lease: bool) -> None:
    """Two processes lead one meeting at once, each with its own picture of it. Triggers
    count, at the moment of writing, a note stored under anyone but the open turn's speaker
    and a second open turn. With the lease one leads at a time; without it (two sessions
    that never asked), the check of the picture inside each write still refuses stale ones."""
    with Store.open() as store:
        meeting_id = meeting_in_rounds(store)
        store.db.conn.executescript(SPY)
    ops = 300
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.trust_children", "drive", str(meeting_id), tag,
             str(ops), "1" if with_lease else "0", str(seed)],
            cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for tag, seed in (("A", 1), ("B", 2))
    ]  # fmt: skip
    outputs = [child.communicate(timeout=300) for child in children]
    for child, (_, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0 and "Traceback" not in err, err
    counts = [dict(line.split() for line in out.splitlines()) for out, _ in outputs]
    with Store.open() as store:
        wrong = store.row("SELECT count(*) AS n FROM test_wrong_speaker")
        double = store.row("SELECT count(*) AS n FROM test_double_open")
        notes = len(notes_in(store, meeting_id))
        open_now = store.row(
            "SELECT count(*) AS n FROM turns WHERE meeting_id = ? AND ended_at IS NULL",
            [meeting_id],
        )
    assert wrong is not None and double is not None and open_now is not None
    assert wrong["n"] == 0 and double["n"] == 0 and open_now["n"] <= 1
    assert notes > 0 and all(int(c["DONE"]) > 0 for c in counts)
    record(
        f"one_writer_{'lease' if with_lease else 'no_lease'}",
        processes=2,
        operations=2 * ops,
        written=sum(int(c["DONE"]) for c in counts),
        refused_lease=sum(int(c["REFUSED"]) for c in counts),
        refused_stale=sum(int(c["CONFLICT"]) for c in counts),
        notes=notes,
        wrong_speaker=wrong["n"],
        double_open_turns=double["n"],
        tracebacks=0,
    )


# --- writes the disk refuses ----------------------------------------------------------


def test_storage_faults_are_sentences() -> None:
    assert isinstance(translate(sqlite3.OperationalError("database or disk is full")), DiskFull)
    assert isinstance(
        translate(sqlite3.OperationalError("attempt to write a readonly database")), ReadOnlyStore
    )
    assert isinstance(translate(sqlite3.OperationalError("database is locked")), StoreBusy)
    assert isinstance(translate(OSError(28, "No space left on device")), DiskFull)
    assert isinstance(translate(OSError(30, "Read-only file system")), ReadOnlyStore)
    assert translate(sqlite3.OperationalError("no such table: x")) is None


def faulty(store: Store, table: str, message: str, times: int) -> Callable[[], int]:
    """Make the store's inserts into ``table`` fail ``times`` times with ``message``;
    return a function that says how many faults are left."""
    real = store.db.execute
    left = [times]

    def execute(sql: str, parameters: Any = None) -> sqlite3.Cursor:
        if left[0] > 0 and sql.startswith(f'INSERT INTO "{table}"'):
            left[0] -= 1
            raise sqlite3.OperationalError(message)
        return real(sql, parameters)

    store.db.execute = execute  # type: ignore[method-assign]
    return lambda: left[0]


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("database or disk is full", "disken er fuld"),
        ("attempt to write a readonly database", "kun kan læses"),
        ("database is locked", "holder databasen låst"),
    ],
)
async def test_a_note_the_disk_refuses_stays_in_the_field(
    store: Store, message: str, words: str
) -> None:
    meeting_id = meeting_in_rounds(store)
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        field = screen.query_one("#note-input", Input)
        # The audit line fails after the note's insert: the note must go with it.
        left = faulty(store, "audit_log", message, times=2)
        field.insert_text_at_cursor("Jeg vil gerne tage bussen")
        await pilot.press("enter", "2")
        await pilot.pause()
        error = screen.query_one("#note-error", Static)
        assert error.display and words in str(error.content)
        assert "Enter igen" in str(error.content)
        assert field.value == "Jeg vil gerne tage bussen"
        assert notes_in(store, meeting_id) == []
        await pilot.press("enter", "enter")  # still failing: still there, still nothing
        await pilot.pause()
        assert field.value == "Jeg vil gerne tage bussen" and notes_in(store, meeting_id) == []
        assert left() == 0  # the cause is gone: Enter again saves it, once
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert field.value == "" and not error.display
        assert isinstance(app.screen, MeetingScreen)
    stored = [n["text"] for n in notes_in(store, meeting_id)]
    assert stored == ["Jeg vil gerne tage bussen"]
    record(
        f"disk_refused_{words.split()[-1]}",
        fault=message,
        refused_saves=2,
        kept_in_field=True,
        stored_while_failing=0,
        stored_after_retry=len(stored),
        tracebacks=0,
    )
