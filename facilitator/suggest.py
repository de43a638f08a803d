"""Suggestions across silos: what was said, matched to offers and friends, each with its why.

SQLite holds the vectors (float32 blobs keyed by content hash); the faiss index is a
cache built from them. Notes are embedded sentence by sentence, weighted towards the
citizen's own words and towards dreams, wishes and needs, and never on diagnoses.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from facilitator.embeddings import Embedder, Vectors, from_blob, to_blob
from facilitator.privacy import for_matching
from facilitator.records import CorpusEntry, Note
from facilitator.store import Store
from facilitator.vocabulary import EntryKind, NoteKind, ParticipantKind, Rating

KIND_WEIGHT: dict[NoteKind, float] = {
    NoteKind.DROEM: 1.0,
    NoteKind.OENSKE: 1.0,
    NoteKind.BEHOV: 1.0,
    NoteKind.RESSOURCE: 0.97,
    NoteKind.BEKYMRING: 0.93,
    NoteKind.IDE: 0.9,
    NoteKind.SPOERGSMAAL: 0.9,
    NoteKind.AFTALE: 0.85,
    NoteKind.REFLEKSION: 0.85,
}
CITIZEN_WEIGHT = 1.0
OTHERS_WEIGHT = 0.93
RECENCY = 0.985
RECENT_NOTES = 40
CANDIDATES_PER_QUERY = 60
PRESENT_SILO_FACTOR = 0.97
CONTRIBUTE_BOOST = 1.03
MMR_LAMBDA = 0.9
OVERLAP_FLOOR = 0.8
CROWD_PENALTY = 0.02

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
    """A ranked suggestion: the entry, its score and the words that matched it."""

    entry: CorpusEntry
    score: float
    why: str
    note_id: int | None
    contribute: bool


def queries_from_text(text: str) -> list[Query]:
    """Free text (the CLI): every sentence weighs the same."""
    return [Query(s) for s in split_sentences(text)] or [Query(text.strip())]


def queries_from_notes(
    notes: Sequence[Note], speaker_kinds: dict[int, ParticipantKind]
) -> list[Query]:
    """The meeting's recent notes as weighted queries (citizen and wishes count most)."""
    recent = list(notes)[-RECENT_NOTES:]
    queries: list[Query] = []
    for age, note in enumerate(reversed(recent)):
        who = speaker_kinds.get(note.participant_id)
        weight = CITIZEN_WEIGHT if who is ParticipantKind.BORGER else OTHERS_WEIGHT
        weight *= KIND_WEIGHT.get(note.kind, 0.85) * (RECENCY**age)
        contribute = note.kind is NoteKind.RESSOURCE and who is ParticipantKind.BORGER
        for sentence in split_sentences(note.text) or [note.text]:
            queries.append(Query(sentence, weight, note.id, contribute))
    return queries


def ensure_embeddings(store: Store, embedder: Embedder, batch: int = 256) -> int:
    """Embed every entry whose text has no vector yet for this model; returns how many."""
    missing = store.rows(
        "SELECT e.content_hash, e.title, e.description, e.kind, e.data, e.can_contribute"
        " FROM corpus_entries e LEFT JOIN embeddings v"
        " ON v.content_hash = e.content_hash AND v.model = ?"
        " WHERE v.content_hash IS NULL GROUP BY e.content_hash",
        [embedder.model_id],
    )
    if not missing:
        return 0
    rows = store.rows(
        "SELECT * FROM corpus_entries WHERE content_hash IN (SELECT value FROM json_each(?))",
        [_json_list([r["content_hash"] for r in missing])],
    )
    by_hash = {r["content_hash"]: CorpusEntry.from_row(r) for r in rows}
    hashes = list(by_hash)
    for start in range(0, len(hashes), batch):
        chunk = hashes[start : start + batch]
        vectors = embedder.embed_passages([for_matching(by_hash[h].passage) for h in chunk])
        with store.atomic():
            for h, vec in zip(chunk, vectors, strict=True):
                store.db.execute(
                    "INSERT OR IGNORE INTO embeddings (model, content_hash, vector)"
                    " VALUES (?, ?, ?)",
                    [embedder.model_id, h, to_blob(vec)],
                )
    return len(hashes)


def _json_list(items: Iterable[str]) -> str:
    import json

    return json.dumps(list(items))


class SuggestionIndex:
    """The corpus as a faiss inner-product index over normalised vectors (= cosine)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.entries: list[CorpusEntry] = []
        self.vectors: Vectors = np.zeros((0, embedder.dim), dtype=np.float32)
        self._index: object | None = None

    @property
    def size(self) -> int:
        return len(self.entries)

    def build(self, store: Store) -> int:
        """Embed what is missing, then load all vectors into faiss; returns entries embedded."""
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
        index = faiss.IndexIDMap(faiss.IndexFlatIP(dim))
        if rows:
            index.add_with_ids(self.vectors, np.arange(len(rows), dtype=np.int64))
        self._index = index
        return embedded

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
        texts = [for_matching(q.text) or q.text for q in queries]
        qvecs = self.embedder.embed_queries(texts)
        depth = min(CANDIDATES_PER_QUERY, len(self.entries))
        scores, ids = self._index.search(qvecs, depth)  # type: ignore[attr-defined]
        best: dict[int, tuple[float, Query]] = {}
        for qi, query in enumerate(queries):
            for sim, idx in zip(scores[qi], ids[qi], strict=True):
                if idx < 0:
                    continue
                entry = self.entries[int(idx)]
                if entry.id in exclude:
                    continue
                value = float(sim) * query.weight
                if query.contribute and entry.can_contribute:
                    value *= CONTRIBUTE_BOOST
                if entry.kind is EntryKind.FRIEND and entry.silo in present_silos:
                    value *= PRESENT_SILO_FACTOR
                if value > best.get(int(idx), (-1.0, query))[0]:
                    best[int(idx)] = (value, query)
        return self._diverse(best, k)

    def _diverse(self, best: dict[int, tuple[float, Query]], k: int) -> list[Ranked]:
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
                why=best[i][1].text,
                note_id=best[i][1].note_id,
                contribute=best[i][1].contribute and self.entries[i].can_contribute,
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
