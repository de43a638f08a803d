"""Child processes for the trust tests: the real app typing notes, a busy writer, a reader.

Run as ``python -m tests.trust_children MODE ...`` with FACILITATOR_HOME set. Each child
prints one line per finished step to stdout (flushed), so a parent that kills it with SIGKILL
knows exactly what was confirmed before the kill.

Modes:

``forkserver``
    Imports the app once and forks one fresh app process per request (see below).
``app MEETING_ID PREFIX [LIMIT]``
    The real app, headless (Textual's Pilot), typing notes into the note field.
    ``SAVED <marker>`` is printed only after the wall shows the note and the field is empty
    again, i.e. when the meeting leader would see it as saved. Every third note gives the word
    on (F2), so turn changes are cut by kills too.
``offline OUT_DIR``
    A whole demo meeting with the default model, the plan rendered and exported into OUT_DIR
    (run with networking made impossible, see tests/netguard.py).
``forget CITIZEN_ID [DIE_AT]``
    ``facilitator forget CITIZEN_ID --yes`` in this process; prints ``READY`` just before the
    erasure starts and ``STEP <name>`` as each step is recorded done. With DIE_AT the child
    kills itself (SIGKILL) right after that step, an injected point of the crash test.
``init_demo``
    ``facilitator init --demo`` in this process, ``READY`` printed once the imports are done.
``writer MEETING_ID SECONDS``
    The core as fast as it goes: notes, plan items and topics, each its own transaction.
``drive MEETING_ID TAG OPS LEASE SEED``
    A second leader on the same meeting: the core's session in a loop, notes and turn
    changes, keeping its own picture of the meeting as an app does. With LEASE 1 it takes the
    meeting's lease, gives it back now and then and takes it again. Prints ``DONE n``,
    ``REFUSED n`` (another app leads), ``CONFLICT n`` (its picture was stale) at the end.
``reader CITIZEN_ID MEETING_ID SECONDS``
    What a second process reads while the app writes: the plan (Markdown and HTML, audited),
    the citizen's export and an export for a third party (audited). Prints ``RUNS n`` and
    ``LOCKED n`` (errors that mention a locked or busy database) at the end.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.vocabulary import RecipientKind


async def run_app(meeting_id: int, prefix: str, limit: int) -> None:
    from textual.widgets import Input, Static

    from facilitator.directory.embeddings import HashingEmbedder
    from facilitator.storage.store import Store
    from facilitator.tui.app import make_app
    from facilitator.tui.screens.meeting import MeetingScreen

    store = Store.open(create=False)
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print("READY", flush=True)
        for i in range(limit):
            screen = app.screen
            assert isinstance(screen, MeetingScreen), type(screen).__name__
            if screen.session.state.current_speaker is None:
                await pilot.press("f2")  # the round is over: start the next one
                await pilot.pause()
            marker = f"{prefix}n{i:03d}"
            kind = str(1 + i % 8)
            field = screen.query_one("#note-input", Input)
            # The text goes in as the Input inserts a typed key; Enter and the kind key are
            # real key presses (one Pilot key press costs ~70 ms, a whole note by keys ~2 s).
            field.insert_text_at_cursor(f"{marker} tager bussen")
            await pilot.press("enter", kind)
            await pilot.pause()
            shown = str(screen.query_one("#turn-notes", Static).content)
            if marker in shown and field.value == "":
                print(f"SAVED {marker}", flush=True)
            else:
                print(f"NOT_SHOWN {marker}", flush=True)
            if i % 3 == 2:
                await pilot.press("f2")
                await pilot.pause()
                print(f"ADVANCED {i}", flush=True)
    store.close()
    print("DONE", flush=True)


def run_forkserver() -> None:
    """Import the app once, then fork a fresh app process per ``app MEETING PREFIX OUT``
    line on stdin (its lines go to the file OUT); ``wait PID`` reaps one and prints its exit.

    The SIGKILL test starts 20+ apps; forking skips ~0.5 s of imports per start, while each
    app still opens the database, mounts and runs in a process of its own.
    """
    import os
    import traceback

    import facilitator.tui.app  # noqa: F401
    import facilitator.tui.screens.meeting  # noqa: F401

    print("LOADED", flush=True)
    while line := sys.stdin.readline():
        command = line.split()
        if command[0] == "app":
            _, meeting_id, prefix, out = command
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                    os.dup2(fd, 1)
                    os.dup2(fd, 2)
                    sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115
                    sys.stderr = sys.stdout
                    asyncio.run(run_app(int(meeting_id), prefix, 10_000))
                except BaseException:
                    traceback.print_exc()
                    code = 1
                finally:
                    sys.stdout.flush()
                    os._exit(code)
            print(f"PID {pid}", flush=True)
        elif command[0] == "wait":
            _, status = os.waitpid(int(command[1]), 0)
            print(f"STATUS {os.waitstatus_to_exitcode(status)}", flush=True)


def run_drive(meeting_id: int, tag: str, ops: int, take_lease: bool, seed: int) -> None:
    import random

    from facilitator.domain.errors import Conflict, MeetingHeld
    from facilitator.domain.vocabulary import NoteKind
    from facilitator.meetings.session import MeetingSession
    from facilitator.storage.store import Store

    rng = random.Random(seed)
    store = Store.open(create=False)
    session = MeetingSession(store, meeting_id)
    done = refused = conflict = 0
    leading = take_lease and session.take_lease() is None
    for i in range(ops):
        if take_lease and i % 25 == 24:  # hand the meeting over now and then
            if leading:
                session.release_lease()
                time.sleep(0.02)
            leading = session.take_lease() is None
        try:
            speaker = session.state.current_speaker
            if speaker is None or rng.random() < 0.3:
                session.advance()
            else:
                session.add_note(NoteKind.OENSKE, f"{tag} {i} til {speaker.id}")
            done += 1
        except MeetingHeld:
            refused += 1
        except Conflict:
            conflict += 1
        except FacilitatorError:
            pass  # a rule of turns (e.g. a round already done): shown to a person, not a fault
    if leading:
        session.release_lease()
    store.close()
    print(f"DONE {done}", flush=True)
    print(f"REFUSED {refused}", flush=True)
    print(f"CONFLICT {conflict}", flush=True)


def run_writer(meeting_id: int, seconds: float) -> None:
    from facilitator.domain.vocabulary import NoteKind, Phase
    from facilitator.meetings import people, plan, register
    from facilitator.meetings.session import MeetingSession
    from facilitator.storage.store import Store

    store = Store.open(create=False)
    # It writes to a citizen of its own: the app leads MEETING_ID, and while an app leads a
    # citizen's meeting every write about that citizen is the app's (one writer per meeting).
    other = people.add_citizen(store, "Skrive Testesen")
    session = MeetingSession(store, register.add_meeting(store, other.id).id)
    meeting_id = session.meeting_id
    session.set_phase(Phase.VELKOMST)
    session.set_phase(Phase.RUNDER)
    end = time.monotonic() + seconds
    done = locked = 0
    while time.monotonic() < end:
        try:
            session.add_note(NoteKind.OENSKE, f"skrivning {done} om bussen og posten")
            plan.add_plan_item(store, meeting_id, f"Punkt {done}", follow_up="Per Guidesen")
            register.add_topic(store, meeting_id, f"Emne {done}")
            done += 1
            time.sleep(0.005)  # leave the two cores some room for the app and the readers
        except (sqlite3.OperationalError, FacilitatorError) as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                locked += 1
            else:
                raise
    store.close()
    print(f"WRITES {done}", flush=True)
    print(f"LOCKED {locked}", flush=True)


def run_reader(citizen_id: int, meeting_id: int, seconds: float) -> None:
    from facilitator.documents.render import render_plan
    from facilitator.meetings import plan
    from facilitator.rights import export
    from facilitator.storage.store import Store

    end = time.monotonic() + seconds
    runs = locked = 0
    while time.monotonic() < end:
        try:
            # A fresh open each time, as a separate command would do.
            with Store.open(create=False) as store:
                data = plan.snapshot(store, meeting_id)
                render_plan(data, "md")
                render_plan(data, "html")
                store.audit("render", "plan", meeting_id, citizen_id)
                export.export_citizen(store, citizen_id)
                export.export_for(store, citizen_id, RecipientKind.MEDBORGERGUIDE, "Per Guidesen")
            runs += 1
        except (sqlite3.OperationalError, FacilitatorError) as exc:
            if "locked" in str(exc) or "busy" in str(exc) or "låst" in str(exc):
                locked += 1
            else:
                raise
    print(f"RUNS {runs}", flush=True)
    print(f"LOCKED {locked}", flush=True)


async def run_offline_meeting(out_dir: str) -> None:
    """The demo meeting from Forberedelse to Afrunding, led by keys, with the default
    embedding model ranking ideas; then the plan rendered, approved and exported."""
    from pathlib import Path

    from textual.widgets import Input

    from facilitator.cli.main import main as cli_main
    from facilitator.demo import load_demo
    from facilitator.documents.render import render_plan
    from facilitator.meetings import plan, register
    from facilitator.storage.store import Store
    from facilitator.tui.app import make_app
    from facilitator.tui.screens.closing import ClosingScreen
    from facilitator.tui.screens.home import HomeScreen
    from facilitator.tui.screens.plan import PlanScreen

    store = Store.open()
    meeting = load_demo(store)
    # Every 7th offer and friend (~40): embedding all 279 with the real model takes ~2 minutes
    # on a busy two-core machine, and the question here is the network, not the ranking.
    store.db.execute(
        "DELETE FROM corpus_entries WHERE id NOT IN"
        " (SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM corpus_entries)"
        " WHERE n % 7 = 0)"
    )
    entries = store.row("SELECT count(*) AS n FROM corpus_entries")
    app = make_app(store, meeting.id)  # the real default embedder, as in the meeting room

    async def note(text: str, key: str) -> None:
        app.screen.query_one("#note-input", Input).value = text
        await pilot.press("enter", key)

    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.press("f7", "f7")  # Velkomst, Siden sidst
        await pilot.press("g", "n", "d", "n", "i")
        await pilot.press("f7")  # Runder
        await note("Jeg vil gerne tage bussen alene til svømning.", "2")
        await note("Jeg er god til at lave mad.", "4")
        await pilot.press("f2")
        await note("Jeg er bekymret for regningerne.", "5")
        for _ in range(5):
            await pilot.press("f2")
        await pilot.press("f7")  # Refleksion
        await note("Jeg undrer mig over, om bussen er nøglen.", "9")
        for _ in range(6):
            await pilot.press("f2")
        await pilot.press("f7")  # Fremtidsdialog
        await note("Jeg tager bussen alene og svømmer om torsdagen.", "1")
        await pilot.press("f7")  # Muligheder og plan: ideas from the model
        assert isinstance(app.screen, PlanScreen), type(app.screen).__name__
        for _ in range(5):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.index_status == "ready", app.index_status
        await pilot.press("1", "a")  # the citizen is glad about the first idea: accepted
        await pilot.press("f7")  # Afrunding
        assert isinstance(app.screen, ClosingScreen), type(app.screen).__name__
        app.screen.query_one("#handover", Input).value = "Per får besøgsbrevet."
        await pilot.press("ctrl+s", "f8", "enter")
        assert isinstance(app.screen, HomeScreen), type(app.screen).__name__
    ideas = store.rows("SELECT * FROM suggestions WHERE meeting_id = ?", [meeting.id])
    items = plan.plan_items(store, meeting.id)
    version = plan.save_version(store, meeting.id, render_plan)
    plan.approve(store, meeting.id, version.version, "Karsten Demo-Lund")
    citizen = register.get_meeting(store, meeting.id).citizen_id
    store.close()
    out = Path(out_dir)
    for args in (
        ["plan", str(meeting.id), "-o", str(out / "plan.md")],
        ["plan", str(meeting.id), "--format", "html", "-o", str(out / "plan.html")],
        ["export", str(citizen), "-o", str(out / "export.json")],
        ["export", str(citizen), "--to", "medborgerguide:Per Guidesen"],
        ["suggest", "Jeg vil gerne lære at tage bussen selv", "-k", "3"],
    ):
        sys.argv = ["facilitator", *args]
        try:
            cli_main()
        except SystemExit as exc:
            assert not exc.code, (args, exc.code)
    print(f"CORPUS {entries['n'] if entries else 0}", flush=True)
    print(f"IDEAS {len(ideas)}", flush=True)
    print(f"PLAN_ITEMS {len(items)}", flush=True)
    print("MEETING_DONE", flush=True)


def run_forget(citizen_id: str, die_at: str | None) -> None:
    import os
    import signal

    from facilitator.cli.main import main as cli_main
    from facilitator.rights import erasure

    def step(name: str) -> None:
        print(f"STEP {name}", flush=True)
        if name == die_at:
            os.kill(os.getpid(), signal.SIGKILL)

    erasure.after_step = step
    sys.argv = ["facilitator", "forget", citizen_id, "--yes"]
    print("READY", flush=True)
    try:
        cli_main()
    except SystemExit as exc:
        print(f"EXIT {exc.code}", flush=True)


def run_init_demo() -> None:
    from facilitator.cli.main import main as cli_main
    from facilitator.demo import load_demo  # noqa: F401  (imported before READY)

    sys.argv = ["facilitator", "init", "--demo"]
    print("READY", flush=True)
    cli_main()


def main(argv: list[str]) -> None:
    mode = argv[0]
    if mode == "forkserver":
        run_forkserver()
    elif mode == "app":
        limit = int(argv[3]) if len(argv) > 3 else 10_000
        asyncio.run(run_app(int(argv[1]), argv[2], limit))
    elif mode == "offline":
        asyncio.run(run_offline_meeting(argv[1]))
    elif mode == "init_demo":
        run_init_demo()
    elif mode == "forget":
        run_forget(argv[1], argv[2] if len(argv) > 2 else None)
    elif mode == "writer":
        run_writer(int(argv[1]), float(argv[2]))
    elif mode == "drive":
        run_drive(int(argv[1]), argv[2], int(argv[3]), argv[4] == "1", int(argv[5]))
    elif mode == "reader":
        run_reader(int(argv[1]), int(argv[2]), float(argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
