"""Ingestion speed: `corpus import` against bare batch embedding of the same texts.

    python bench/ingest.py [--rounds 2] [--limit N]

Both run in one process, interleaved round by round (the machine is shared, so a ratio taken
at the same moment says more than two figures taken apart). Bare: the loaded model's
`embed_passages` over the entries' passages in batches of 64, nothing else. Import: the real
`facilitator corpus import` of the demo corpus (without its shipped vectors) into a fresh
home: validating the file, upserting the entries, loading the model, embedding and committing
each batch, the progress line. The ratio is import rate / bare rate (1.0 = no overhead).
Rates are given by wall time and by the process's CPU time (all its threads): on a shared
machine the CPU time is the steadier measure of the work each side does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="only the first N offers and friends")
    args = parser.parse_args()
    os.environ.pop("FACILITATOR_EMBEDDER", None)
    from click.testing import CliRunner

    from facilitator.cli.main import cli
    from facilitator.directory import corpus
    from facilitator.directory.embeddings import make_embedder
    from facilitator.directory.ranking import EMBED_BATCH
    from facilitator.domain.privacy import for_matching
    from facilitator.domain.records import CorpusEntry
    from facilitator.storage.store import Store

    work = Path(tempfile.mkdtemp(prefix="facilitator-ingest-"))
    data = json.loads(corpus.demo_corpus_path().read_text(encoding="utf-8"))
    if args.limit:
        data["offers"] = data["offers"][: args.limit]
        data["friends"] = data["friends"][: max(0, args.limit - len(data["offers"]))]
    source = work / "kommune.json"  # no vectors beside it: everything is embedded
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    os.environ["FACILITATOR_HOME"] = str(work / "texts")
    store = Store.open()
    corpus.import_bundle(store, corpus.load_file(source, set()))
    rows = store.rows("SELECT * FROM corpus_entries ORDER BY content_hash")
    texts = [for_matching(CorpusEntry.from_row(r).passage) for r in rows]
    store.close()
    embedder = make_embedder()
    embedder.embed_passages(texts[:4])  # warm: the bare side starts with a loaded model
    print(f"{len(texts)} entries, batches of {EMBED_BATCH}, model {embedder.model_id}")

    bare_rates, import_rates, ratios, cpu_ratios = [], [], [], []
    for round_no in range(1, args.rounds + 1):
        start, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(texts), EMBED_BATCH):
            embedder.embed_passages(texts[i : i + EMBED_BATCH])
        bare = len(texts) / (time.perf_counter() - start)
        bare_cpu = len(texts) / (time.process_time() - cpu)

        os.environ["FACILITATOR_HOME"] = str(work / f"import-{round_no}")
        start, cpu = time.perf_counter(), time.process_time()
        result = CliRunner().invoke(cli, ["corpus", "import", str(source)])
        took = time.perf_counter() - start
        import_cpu = len(texts) / (time.process_time() - cpu)
        assert result.exit_code == 0, result.output
        with Store.open() as check:
            embedded = check.row(  # the entries' own (the taxonomy's examples come shipped)
                "SELECT count(*) AS n FROM embeddings WHERE content_hash NOT LIKE 'need:%'"
            )
        assert embedded is not None and embedded["n"] == len(rows), embedded
        imported = len(texts) / took
        bare_rates.append(bare)
        import_rates.append(imported)
        ratios.append(imported / bare)
        cpu_ratios.append(import_cpu / bare_cpu)
        print(
            f"round {round_no}: wall: bare {bare:.1f} entries/s, import {imported:.1f} entries/s,"
            f" ratio {imported / bare:.2f}; CPU: bare {bare_cpu:.1f}, import {import_cpu:.1f}"
            f" entries/s, ratio {import_cpu / bare_cpu:.2f}"
        )
    print(
        f"median: wall: bare {statistics.median(bare_rates):.1f} entries/s, import"
        f" {statistics.median(import_rates):.1f} entries/s, ratio {statistics.median(ratios):.2f};"
        f" CPU ratio {statistics.median(cpu_ratios):.2f}"
        f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
