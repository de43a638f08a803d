"""The wall's responsiveness: start-up to the first meeting frame, and note-save latency.

    python bench/tui.py [--starts 10] [--notes 200]

Start-up: a fresh process runs the real app headless on the demo meeting (phase Runder) with
the real default embedder loading behind it; the time is taken from just before the process is
spawned to the first frame after the meeting screen is mounted (the screen is interactive
then; the model is still loading). Note-save: Pilot types a note's Enter and kind key; the time
runs from the key press to the row being committed and the screen redrawn.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROBE = """
import sys, time
from facilitator.storage.store import Store
from facilitator.tui.app import FacilitatorApp

class Probe(FacilitatorApp):
    def open_meeting(self, meeting_id):
        super().open_meeting(meeting_id)
        self.call_after_refresh(self._first_frame)

    def _first_frame(self):
        self.call_after_refresh(self._done)

    def _done(self):
        print(f"READY {time.time()!r} {type(self.screen).__name__} index={self.index_status}")
        self.exit()

store = Store.open()
Probe(store, meeting_id=int(sys.argv[1])).run(headless=True, size=(140, 42))
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def prepare_home() -> tuple[str, int]:
    from facilitator.demo import load_demo
    from facilitator.domain.vocabulary import Phase
    from facilitator.meetings.session import MeetingSession
    from facilitator.storage.store import Store

    home = tempfile.mkdtemp(prefix="facilitator-bench-")
    os.environ["FACILITATOR_HOME"] = home
    store = Store.open()
    meeting = load_demo(store)
    MeetingSession(store, meeting.id).set_phase(Phase.RUNDER)
    store.close()
    return home, meeting.id


def run_probe(probe: str, home: str, meeting_id: int, timeout: float) -> tuple[float, list[str]]:
    """Start the app in a fresh interpreter with the real default model; the time it was
    started and the words of the probe's READY line (times it took, printed by the probe)."""
    env = {**os.environ, "FACILITATOR_HOME": home}
    env.pop("FACILITATOR_EMBEDDER", None)  # the real default model loads behind the wall
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", probe, str(meeting_id)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("READY")), None)
    if line is None:
        raise SystemExit(f"probe failed: {out.stderr[-2000:]}")
    return start, line.split()[1:]


def bench_start(home: str, meeting_id: int, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start, words = run_probe(PROBE, home, meeting_id, timeout=120)
        ready = float(words[0])
        times.append(ready - start)
        print(f"  start: {ready - start:.3f} s  ({' '.join(words[1:])})")
    return times


async def bench_notes(home: str, meeting_id: int, count: int) -> list[float]:
    from textual.widgets import Input

    from facilitator.directory.embeddings import HashingEmbedder
    from facilitator.storage.store import Store
    from facilitator.tui.app import make_app

    os.environ["FACILITATOR_HOME"] = home
    store = Store.open()
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    times = []
    async with app.run_test(size=(140, 42)) as pilot:
        await app.workers.wait_for_complete()
        field = app.screen.query_one("#note-input", Input)
        for i in range(count):
            field.value = f"Jeg vil gerne prøve noget nyt, nummer {i}"
            await pilot.press("enter")
            start = time.perf_counter()
            await pilot.press("2")
            times.append((time.perf_counter() - start) * 1000)
    committed = [x * 1000 for x in app.note_latencies]
    print(
        f"note save, kind key handled to row committed: p50 {statistics.median(committed):.1f} ms,"
        f" p95 {percentile(committed, 95):.1f} ms (n={len(committed)})"
    )
    drawn = [x * 1000 for x in app.note_frames]
    print(
        f"note save, kind key handled to the frame showing the note: "
        f"p50 {statistics.median(drawn):.1f} ms, p95 {percentile(drawn, 95):.1f} ms"
        f" (n={len(drawn)})"
    )
    saved = store.row("SELECT count(*) AS n FROM notes WHERE meeting_id = ?", [meeting_id])
    assert saved is not None and saved["n"] >= count
    store.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=10)
    parser.add_argument("--notes", type=int, default=200)
    args = parser.parse_args()
    home, meeting_id = prepare_home()
    starts = bench_start(home, meeting_id, args.starts)
    print(
        f"start to first interactive meeting frame: p50 {statistics.median(starts):.2f} s, "
        f"p95 {percentile(starts, 95):.2f} s (n={len(starts)})"
    )
    notes = asyncio.run(bench_notes(home, meeting_id, args.notes))
    print(
        f"note save, key press to committed row and redrawn screen: "
        f"p50 {statistics.median(notes):.1f} ms, p95 {percentile(notes, 95):.1f} ms "
        f"(n={len(notes)})"
    )


if __name__ == "__main__":
    main()
