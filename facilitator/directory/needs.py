"""The needs taxonomy: some seventy needs in everyday Danish, each with statements people say.

A statement and an entry are linked through the needs they both come close to, so "Telefonen
ringer aldrig efter klokken fem" finds the telephone friend without a word in common, and the
why can name the need ("behov: ensomhed om aftenen"). Closeness is the model's: a need's
examples are embedded as queries; a statement is scored by its nearest example of each need
(query to query), an entry by the nearest example to its passage (query to passage).

The taxonomy ships as ``corpus/needs.json``; a municipality's own ``needs.json`` in the
facilitator home replaces it. Each need maps to HSDS taxonomy terms, so a directory that files
its services under those terms is tagged by its own terms as well.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from facilitator.directory.dense import Vectors
from facilitator.directory.embeddings import Embedder, from_blob
from facilitator.directory.lexical import stemmed
from facilitator.directory.vectors import read_vectors, sidecar_path, store_vectors
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.privacy import for_matching
from facilitator.domain.records import CorpusEntry
from facilitator.i18n import t
from facilitator.storage import paths
from facilitator.storage.store import Store

FILE_NAME = "needs.json"
#: An entry is tagged with at most this many needs, each at least TAG_FLOOR above its median.
TAGS_PER_ENTRY = 3
TAG_FLOOR = 0.03
#: A statement names at most this many needs, each within STATEMENT_MARGIN of its best.
NEEDS_PER_STATEMENT = 2
STATEMENT_MARGIN = 0.02

#: What using a need's own words adds to the closeness (model closeness: ~0-0.08).
WORD_WEIGHT = 0.02

Scores = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Need:
    """One need: its id, its name in each language, whether it is a wish to give, examples."""

    id: str
    label: dict[str, str]
    direction: str  # "need" or "give"
    examples: tuple[str, ...]
    words: tuple[str, ...]
    hsds: tuple[str, ...]

    def name(self, language: str) -> str:
        """The need's everyday name in ``language`` (Danish when there is none)."""
        return self.label.get(language) or self.label.get("da") or self.id


@dataclass(frozen=True)
class Taxonomy:
    """The needs, in file order, and a fingerprint of their content (keys stored tags)."""

    needs: tuple[Need, ...]
    fingerprint: str

    def __len__(self) -> int:
        return len(self.needs)

    def examples(self) -> tuple[list[str], npt.NDArray[np.int32]]:
        """Every example statement as it is matched, and the index of the need it belongs to.

        Matched as a statement is: without diagnoses ("efter hjerneskaden" would otherwise
        pull a statement towards a need by its diagnosis).
        """
        texts: list[str] = []
        owners: list[int] = []
        for i, need in enumerate(self.needs):
            for example in need.examples:
                if text := for_matching(example):
                    texts.append(text)
                    owners.append(i)
        return texts, np.asarray(owners, dtype=np.int32)

    def by_id(self, need_id: str) -> Need | None:
        """The need with this id, if the taxonomy has it."""
        return next((n for n in self.needs if n.id == need_id), None)


def taxonomy_path() -> Path:
    """The municipality's needs.json in the facilitator home, or the shipped one."""
    own = paths.home() / FILE_NAME
    return own if own.is_file() else paths.corpus_dir() / FILE_NAME


def parse(data: object) -> Taxonomy:
    """A taxonomy from its JSON; ValueError names what is wrong, in the user's language."""
    if not isinstance(data, dict) or not isinstance(data.get("needs", []), list):
        raise ValueError(t("err.needs_shape"))
    needs: list[Need] = []
    seen: set[str] = set()
    for raw in data.get("needs", []):
        if not isinstance(raw, dict):
            raise ValueError(t("err.needs_shape"))
        need_id = str(raw.get("id", "")).strip()
        if not need_id or need_id in seen:
            raise ValueError(t("err.needs_id", id=need_id))
        seen.add(need_id)
        examples = raw.get("examples", {})
        if not isinstance(examples, dict):
            raise ValueError(t("err.needs_examples", id=need_id))
        said = [str(x) for lang in ("da", "en") for x in examples.get(lang, []) if str(x).strip()]
        if not said:
            raise ValueError(t("err.needs_examples", id=need_id))
        direction = str(raw.get("direction", "need"))
        if direction not in ("need", "give"):
            raise ValueError(t("err.needs_direction", id=need_id, direction=direction))
        needs.append(
            Need(
                id=need_id,
                label={str(k): str(v) for k, v in dict(raw.get("label", {})).items()},
                direction=direction,
                examples=tuple(said),
                words=tuple(str(w).lower() for w in raw.get("words", [])),
                hsds=tuple(str(h) for h in raw.get("hsds", [])),
            )
        )
    text = json.dumps([vars(n) for n in needs], ensure_ascii=False, sort_keys=True)
    return Taxonomy(tuple(needs), hashlib.sha256(text.encode()).hexdigest()[:16])


@cache
def _load(path: Path, mtime: float) -> Taxonomy:
    try:
        return parse(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError, AttributeError, TypeError) as exc:
        # A municipality's own file with a mistake in it: say which file, and what.
        raise FacilitatorError(t("err.needs_file", path=path, reason=exc)) from exc


def load(path: Path | None = None) -> Taxonomy:
    """The taxonomy in force (cached until the file changes); empty when there is none."""
    path = path or taxonomy_path()
    if not path.is_file():
        return Taxonomy((), "")
    return _load(path, path.stat().st_mtime)


class NeedSpace:
    """The taxonomy's examples as vectors, and how close a text or an entry is to each need."""

    def __init__(self, taxonomy: Taxonomy, examples: Vectors) -> None:
        self.taxonomy = taxonomy
        self._examples = examples
        self._owners = taxonomy.examples()[1]
        self._words: dict[str, list[int]] = {}
        for i, need in enumerate(taxonomy.needs):
            for word in need.words:
                self._words.setdefault(word, []).append(i)
        self._lengths = sorted({len(w) for w in self._words})
        self._stem_needs: dict[str, tuple[int, ...]] = {}

    def _per_need(self, sims: npt.NDArray[np.float32]) -> Scores:
        """Rows of similarities to every example → rows of the best example per need."""
        out = np.full((sims.shape[0], len(self.taxonomy)), -1.0, dtype=np.float32)
        np.maximum.at(out.T, self._owners, sims.T)
        return out

    def closeness(self, vectors: Vectors) -> Scores:
        """One row per vector (query or passage), one column per need: nearest example."""
        if not len(self.taxonomy) or not len(vectors):
            return np.zeros((len(vectors), len(self.taxonomy)), dtype=np.float32)
        return self._per_need(np.asarray(vectors @ self._examples.T, dtype=np.float32))

    def profile(self, vectors: Vectors, texts: Sequence[str] | None = None) -> Scores:
        """Closeness centred per row: how much nearer this need is than the row's typical one,
        plus ``WORD_WEIGHT`` for each need whose own words the row's text uses.

        e5 puts everything between 0.75 and 0.9, so a raw closeness says little; its distance
        from the row's median says which needs stand out.
        """
        near = self.closeness(vectors)
        if not near.size:
            return near
        centred: Scores = (near - np.median(near, axis=1, keepdims=True)).astype(np.float32)
        if texts is not None and WORD_WEIGHT:
            centred += WORD_WEIGHT * self.word_hits(texts)
        return centred

    def word_hits(self, texts: Sequence[str]) -> Scores:
        """1 where a text uses a need's words (a stem that begins with one), else 0."""
        hits = np.zeros((len(texts), len(self.taxonomy)), dtype=np.float32)
        for row, text in enumerate(texts):
            for stem in set(stemmed(text)):
                needs = self._stem_needs.get(stem)
                if needs is None:  # a directory repeats its words: each is looked up once
                    found = (self._words.get(stem[:n], ()) for n in self._lengths)
                    needs = self._stem_needs[stem] = tuple({i for f in found for i in f})
                hits[row, list(needs)] = 1.0
        return hits

    def statement_needs(self, profile: Scores) -> tuple[int, ...]:
        """The one or two needs a statement's profile (a row of ``profile``) is nearest
        (indices), best first."""
        if not len(self.taxonomy):
            return ()
        order = np.argsort(-profile)[:NEEDS_PER_STATEMENT]
        top = float(profile[order[0]])
        return tuple(int(i) for i in order if top - float(profile[i]) <= STATEMENT_MARGIN)


def example_key(text: str) -> str:
    """The content hash an example's vector is stored under (beside the entries' vectors)."""
    return "need:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def need_space(store: Store, embedder: Embedder) -> NeedSpace | None:
    """The taxonomy in force with its examples' vectors; embeds (and stores) what is missing."""
    taxonomy = load()
    if not len(taxonomy):
        return None
    texts, _ = taxonomy.examples()
    keys = [example_key(t) for t in texts]
    rows = store.rows(
        "SELECT content_hash, vector FROM embeddings WHERE model = ?"
        " AND content_hash IN (SELECT value FROM json_each(?))",
        [embedder.model_id, json.dumps(keys)],
    )
    have = {r["content_hash"]: from_blob(r["vector"]) for r in rows}
    todo = [i for i, key in enumerate(keys) if key not in have]
    if todo:
        # Shipped beside the taxonomy for the default model: the demo is ready at once.
        _, shipped = read_vectors(sidecar_path(taxonomy_path()), embedder.model_id)
        found = [i for i in todo if keys[i] in shipped]
        if found:
            store_vectors(store, embedder.model_id, [(keys[i], shipped[keys[i]]) for i in found])
            have.update({keys[i]: shipped[keys[i]] for i in found})
            todo = [i for i in todo if keys[i] not in shipped]
    if todo:
        vectors = embedder.embed_queries([texts[i] for i in todo])
        store_vectors(
            store, embedder.model_id, [(keys[i], v) for i, v in zip(todo, vectors, strict=True)]
        )
        have.update({keys[i]: v for i, v in zip(todo, vectors, strict=True)})
    return NeedSpace(taxonomy, np.vstack([have[k] for k in keys]).astype(np.float32))


def tag_entries(store: Store, embedder: Embedder, space: NeedSpace | None = None) -> int:
    """Tag every embedded entry not yet tagged for this model and taxonomy; returns how many.

    The model's tags are the needs an entry stands out for most (``TAGS_PER_ENTRY``, stored
    with their scores; readers keep those above ``TAG_FLOOR``); a need whose HSDS terms the
    entry is filed under is a tag of its own, at full score.
    """
    space = space or need_space(store, embedder)
    if space is None:
        return 0
    taxonomy = space.taxonomy
    themes = {
        r["id"]: [r["id"], r["label"], r["label_en"]] for r in store.rows("SELECT * FROM themes")
    }
    untagged = (
        "SELECT DISTINCT e.content_hash FROM corpus_entries e JOIN embeddings v"
        " ON v.content_hash = e.content_hash AND v.model = :model"
        " WHERE NOT EXISTS (SELECT 1 FROM entry_needs n WHERE n.content_hash = e.content_hash"
        " AND n.model = :model AND n.taxonomy = :taxonomy) LIMIT :chunk"
    )
    wanted = {"model": embedder.model_id, "taxonomy": taxonomy.fingerprint, "chunk": 2000}
    tagged = 0
    while hashes := [r["content_hash"] for r in store.rows(untagged, wanted)]:
        rows = store.rows(
            "SELECT e.*, v.vector FROM corpus_entries e JOIN embeddings v"
            " ON v.content_hash = e.content_hash AND v.model = ?"
            " WHERE e.content_hash IN (SELECT value FROM json_each(?))",
            [embedder.model_id, json.dumps(hashes)],
        )
        entries = {r["content_hash"]: r for r in rows}  # one per text
        chosen = [CorpusEntry.from_row(r) for r in entries.values()]
        vectors = np.vstack([from_blob(r["vector"]) for r in entries.values()]).astype(np.float32)
        profile = space.profile(vectors, [for_matching(e.passage) for e in chosen])
        found: list[tuple[str, str, str, str, float, str]] = []
        for entry, scores in zip(chosen, profile, strict=True):
            key = (entry.content_hash, embedder.model_id, taxonomy.fingerprint)
            terms = [term for theme in entry.themes for term in themes.get(theme, [theme])]
            filed = set(hsds_tags(taxonomy, terms))
            for i in np.argsort(-scores)[:TAGS_PER_ENTRY]:
                if int(i) not in filed:
                    found.append((*key, taxonomy.needs[i].id, round(float(scores[i]), 4), "model"))
            found += [(*key, taxonomy.needs[i].id, 1.0, "hsds") for i in sorted(filed)]
        with store.atomic():
            store.db.conn.executemany(
                "INSERT OR REPLACE INTO entry_needs (content_hash, model, taxonomy,"
                " need_id, score, source) VALUES (?, ?, ?, ?, ?, ?)",
                found,
            )
        tagged += len(chosen)
    return tagged


def stored_tags(store: Store, model_id: str, taxonomy: Taxonomy) -> Iterator[dict[str, Any]]:
    """Each entry's tags above the floor, best first: rows of entry_id, need_id and score
    (streamed: at 100,000 entries a list of them would double the index's peak)."""
    return store.db.query(
        "SELECT e.id AS entry_id, n.need_id, n.score FROM corpus_entries e JOIN entry_needs n"
        " ON n.content_hash = e.content_hash WHERE n.model = ? AND n.taxonomy = ?"
        " AND n.score >= ? ORDER BY e.id, n.score DESC",
        [model_id, taxonomy.fingerprint, TAG_FLOOR],
    )


def hsds_tags(taxonomy: Taxonomy, terms: Sequence[str]) -> list[int]:
    """Needs whose HSDS terms a directory entry is filed under (case and spacing ignored)."""
    wanted = {" ".join(t.lower().split()) for t in terms}
    return [i for i, n in enumerate(taxonomy.needs) if wanted & {h.lower() for h in n.hsds}]
