"""How long the plan documents take: Min plan, the § 141 view and the brief, per format.

    python bench/documents.py [--repeat 10]

Runs on the demo (its earlier meeting, with an approved plan) with a few ruler readings and
WHO-5 answers added, so the PDF holds the circle and the charts as a citizen would get it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    os.environ["FACILITATOR_HOME"] = tempfile.mkdtemp(prefix="facilitator-bench-")
    os.environ.setdefault("FACILITATOR_EMBEDDER", "hashing")
    from facilitator import documents, measures, people
    from facilitator.demo import load_demo
    from facilitator.store import Store

    store = Store.open()
    load_demo(store)
    citizen = people.list_citizens(store)[0].id
    meeting = people.list_meetings(store, citizen)[0].id
    if not measures.ruler_ratings(store, citizen):
        measures.rate_goal(
            store,
            citizen,
            "Tage bussen alene",
            3,
            professional_rating=5,
            professional="Mette",
            taken_on="2026-06-01",
        )
        measures.rate_goal(store, citizen, "Tage bussen alene", 6, taken_on="2026-10-01")
    jobs = {
        f"{kind} {fmt}": (
            lambda k=kind, f=fmt: documents.render_plan_document(store, meeting, k, f)
        )
        for kind in ("citizen", "s141")
        for fmt in ("md", "html", "pdf")
    }
    for fmt in ("md", "html", "pdf"):
        jobs[f"brief {fmt}"] = lambda f=fmt: documents.render_brief(store, "Per Guidesen", fmt=f)
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
