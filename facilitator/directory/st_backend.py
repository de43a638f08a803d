"""The sentence-transformers backend: any model by id or path, loaded offline.

The one module of the core allowed to import sentence_transformers (and through it torch).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from facilitator.directory.dense import DEFAULT_ST_MODEL, Vectors, normalise


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by id or path; e5 models get their prefixes."""

    sparse_dim = 0

    def __init__(self, model: str = DEFAULT_ST_MODEL, device: str = "cpu") -> None:
        # Local only: never reach for a model hub at run time.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer  # deferred: imports torch

        self._model = SentenceTransformer(model, device=device)
        self.model_id = f"st:{model}"
        dimension = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension() or 0)
        self._e5 = "e5" in model.lower()

    def _encode(self, texts: Sequence[str], prefix: str) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        items = [f"{prefix}{t}" for t in texts] if self._e5 else list(texts)
        out = self._model.encode(items, normalize_embeddings=True, convert_to_numpy=True)
        return normalise(out)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, "query: ")

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, "passage: ")
