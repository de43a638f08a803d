"""The lean suggestion index: float16 codes, entries read from SQLite when shown."""

from __future__ import annotations

from facilitator.directory import corpus
from facilitator.directory.embeddings import HashingEmbedder
from facilitator.directory.ranking import SuggestionIndex, queries_from_text
from facilitator.storage.store import Store

TEXTS = ["Jeg vil gerne lære at tage bussen selv", "posten hober sig op", "synge i kor"]


def _built(store: Store, exact: bool = False) -> SuggestionIndex:
    index = SuggestionIndex(HashingEmbedder(), exact=exact)
    index.build(store, chunk=50)  # several chunks: the streaming path is exercised
    return index


def test_float16_ranks_like_exact_float32() -> None:
    store = Store.open()
    corpus.import_file(store, corpus.demo_corpus_path())
    exact, app = _built(store, exact=True), _built(store)
    assert app.size == exact.size > 200
    for text in TEXTS:
        want = [r.entry.id for r in exact.search(queries_from_text(text), k=8)]
        got = [r.entry.id for r in app.search(queries_from_text(text), k=8)]
        assert got == want
    store.close()


def test_shown_entries_come_whole_from_the_store() -> None:
    store = Store.open()
    corpus.import_file(store, corpus.demo_corpus_path())
    index = _built(store)
    ranked = index.search(queries_from_text(TEXTS[0]), k=5)
    assert ranked and all(r.entry.title and r.entry.description for r in ranked)
    gone = ranked[0].entry.id
    store.db.execute("DELETE FROM corpus_entries WHERE id = ?", [gone])
    # Removed from the directory since the index was built: left out, not an error.
    assert gone not in [r.entry.id for r in index.search(queries_from_text(TEXTS[0]), k=5)]
    store.close()
