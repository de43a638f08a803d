"""How long the plan documents take: Min plan, the § 141 view and the brief, per format.

    python bench/documents.py [--repeat 10]

Runs on the demo's latest approved plan (three goals on the dialogue ruler and WHO-5, each
taken twice), so the PDF holds the circle and the charts as a citizen would get it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    os.environ["FACILITATOR_HOME"] = tempfile.mkdtemp(prefix="facilitator-bench-")
    os.environ.setdefault("FACILITATOR_EMBEDDER", "hashing")
    from facilitator.demo import load_demo
    from facilitator.documents import compose
    from facilitator.meetings import measures, people, plan, register
    from facilitator.storage.store import Store

    store = Store.open()
    load_demo(store)
    citizen = people.list_citizens(store)[0].id
    approved = [
        m.id for m in register.list_meetings(store, citizen) if plan.last_approved(store, m.id)
    ]
    meeting = approved[-1]  # the demo's latest approved plan, with two rounds of measures
    assert measures.ruler_ratings(store, citizen)
    jobs: dict[str, Callable[[], compose.Rendered]] = {
        f"{kind} {fmt}": partial(compose.render_plan_document, store, meeting, kind, fmt)
        for kind in ("citizen", "s141")
        for fmt in ("md", "html", "pdf")
    }
    for fmt in ("md", "html", "pdf"):
        jobs[f"brief {fmt}"] = partial(compose.render_brief, store, "Per Guidesen", fmt=fmt)
    print("| document | median | max | size |")
    print("|---|---|---|---|")
    for name, job in jobs.items():
        job()  # warm: templates compiled, fonts loaded
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            content = job().content
            times.append(time.perf_counter() - start)
        size = len(content.encode() if isinstance(content, str) else content)
        print(
            f"| {name} | {statistics.median(times) * 1000:.0f} ms | {max(times) * 1000:.0f} ms"
            f" | {size / 1024:.1f} kB |"
        )


if __name__ == "__main__":
    main()
