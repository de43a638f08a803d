"""The directory's vectors in memory: one faiss index over float16 codes, and nothing beside it.

SQLite keeps the float32 vectors (keyed by content hash); the index is a cache built from
them. float16 halves the memory (768 bytes an entry instead of 1,536) and moves the top 10 of
the ranking by a tenth of a point (BENCHMARKS.md, "Scale"). The scan stays exact: over
100,000 float16 codes it takes ~3 ms on one core, so no graph (and no graph's recall loss) is
needed. The index is the only copy: the few vectors the diversity step compares are decoded
from it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from facilitator.directory.dense import Vectors


def new_index(dim: int, *, exact: bool = False) -> Any:
    """An empty inner-product index; ``exact`` = float32 (the reference the bench compares)."""
    import faiss

    if exact:
        return faiss.IndexFlatIP(dim)
    fp16: Any = faiss.ScalarQuantizer.QT_fp16  # the stubs say int, faiss takes the enum
    index = faiss.IndexScalarQuantizer(dim, fp16, faiss.METRIC_INNER_PRODUCT)
    # float16 needs no training data; faiss asks for the call all the same.
    index.train(np.zeros((1, dim), dtype=np.float32))
    return index


def ready_for_search() -> None:
    """After adding: search on one thread."""
    import faiss

    # One query at a time: faiss's OpenMP threads only spin against the embedding model
    # on a 2-core laptop (measured: 54 ms per search with threads, 7.5 ms without).
    faiss.omp_set_num_threads(1)


def decode(index: Any, positions: list[int]) -> Vectors:
    """The stored vectors at ``positions`` (float16 decoded to float32)."""
    out: Vectors = index.reconstruct_batch(np.asarray(positions, dtype=np.int64))
    return out
