"""Ranking quality on the blind evaluation set, beside BM25 and the bare model.

    python bench/blind.py [--part tune|heldout|all] [--corpus demo|nordby|both]
                          [--rankers bm25,cosine,engine] [--json OUT]

The set (bench/eval/blind/, see its README) was written by helpers who saw neither the corpora
nor the ranking code: statements from the personas of DOMAIN.md, a second corpus in a
municipality's terse register (Nordby Kommune), and labels of 1-3 relevant entries per
statement and corpus by a third. ``split.json`` holds a fixed 40 % tuning / 60 % held-out split;
only the tuning part may be looked at while changing the ranking.

Metrics, per statement with at least one label for that corpus:
  recall@k  a labelled entry is among the top k (the share of statements where it is);
  MRR       the reciprocal rank of the first labelled entry (0 beyond the top 10).
Rankers:
  bm25      BM25 over snowball-stemmed Danish words of the passage text (bm25s);
  cosine    the bare model: cosine of "query: statement" and "passage: title. description";
  engine    the app's ranking (SuggestionIndex over the statement as one query);
  engine-exact  the same over exact float32 vectors (the app keeps float16; bench/scale.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / "eval" / "blind"
SEED = 20261130
TUNE_SHARE = 0.4
K = 10


@dataclass
class Scores:
    """Recall@1, recall@5 and MRR over n statements."""

    r1: float
    r5: float
    mrr: float
    n: int


def split() -> dict[str, list[str]]:
    """The fixed split; made once from the seed and kept in split.json."""
    path = DATA / "split.json"
    if path.exists():
        return dict(json.loads(path.read_text(encoding="utf-8")))
    ids = sorted(s["id"] for s in statements())
    random.Random(SEED).shuffle(ids)
    cut = round(len(ids) * TUNE_SHARE)
    parts = {"tune": sorted(ids[:cut]), "heldout": sorted(ids[cut:])}
    path.write_text(json.dumps(parts, indent=1) + "\n", encoding="utf-8")
    return parts


def statements() -> list[dict[str, Any]]:
    return list(json.loads((DATA / "statements.json").read_text(encoding="utf-8")))


def labels() -> dict[str, dict[str, list[str]]]:
    return dict(json.loads((DATA / "labels.json").read_text(encoding="utf-8")))


def corpus_path(name: str) -> Path:
    from facilitator.directory.corpus import demo_corpus_path

    return demo_corpus_path() if name == "demo" else DATA / "corpus_nordby.json"


def score(rankings: list[list[str]], wanted: list[set[str]]) -> Scores:
    r1 = r5 = mrr = 0.0
    for ranked, want in zip(rankings, wanted, strict=True):
        r1 += bool(ranked[:1]) and ranked[0] in want
        r5 += bool(want & set(ranked[:5]))
        mrr += next((1 / i for i, e in enumerate(ranked[:K], 1) if e in want), 0.0)
    n = max(len(wanted), 1)
    return Scores(r1 / n, r5 / n, mrr / n, len(wanted))


_WORD = re.compile(r"\w+", re.UNICODE)


def stemmed(text: str) -> list[str]:
    import snowballstemmer

    stem = snowballstemmer.stemmer("danish")
    return list(stem.stemWords(_WORD.findall(text.lower())))


def bm25_ranker(entries: list[dict[str, Any]]) -> Callable[[str], list[str]]:
    import bm25s

    from facilitator.directory.corpus import passage_text

    ids = [e["id"] for e in entries]
    retriever = bm25s.BM25()
    retriever.index([stemmed(passage_text(e)) for e in entries], show_progress=False)

    def rank(text: str) -> list[str]:
        tokens = [t for t in stemmed(text) if t in retriever.vocab_dict] or ["_"]
        scores = retriever.get_scores(tokens)
        return [ids[i] for i in np.argsort(-scores, kind="stable")[:K]]

    return rank


def cosine_ranker(entries: list[dict[str, Any]], embedder: Any) -> Callable[[str], list[str]]:
    ids = [e["id"] for e in entries]
    passages = embedder.embed_passages([f"{e['title']}. {e['description']}" for e in entries])

    def rank(text: str) -> list[str]:
        query = embedder.embed_queries([text])[0]
        return [ids[i] for i in np.argsort(-(passages @ query), kind="stable")[:K]]

    return rank


_STORES: dict[str, Any] = {}


def engine_ranker(
    name: str, embedder: Any, exact: bool = False
) -> tuple[Callable[[str], list[str]], Any]:
    from facilitator.directory import corpus
    from facilitator.directory.ranking import SuggestionIndex, queries_from_text
    from facilitator.storage.store import Store

    store = _STORES.get(name)
    if store is None:  # engine and engine-exact share one store: embedded once
        home = tempfile.mkdtemp(prefix="blind-")
        os.environ["FACILITATOR_HOME"] = home
        store = _STORES[name] = Store.open()
        corpus.import_file(store, corpus_path(name))
    index = SuggestionIndex(embedder, exact=exact)
    index.build(store)

    def rank(text: str) -> list[str]:
        return [r.entry.id for r in index.search(queries_from_text(text), k=K)]

    return rank, store


def build(
    ranker: str, name: str, entries: list[dict[str, Any]], embedder: Any
) -> Callable[[str], list[str]]:
    """The ranking function called ``ranker`` over this corpus."""
    if ranker == "bm25":
        return bm25_ranker(entries)
    if ranker == "cosine":
        return cosine_ranker(entries, embedder)
    return engine_ranker(name, embedder, exact=ranker == "engine-exact")[0]


def evaluate(
    corpora: list[str], parts: list[str], rankers: list[str]
) -> dict[str, dict[str, dict[str, Scores]]]:
    """{corpus: {ranker: {part: Scores}}}."""
    from facilitator.directory.corpus import load_file
    from facilitator.directory.embeddings import make_embedder

    said = {s["id"]: s["text"] for s in statements()}
    marks = labels()
    chosen = split()
    embedder = make_embedder(os.environ.get("FACILITATOR_EMBEDDER") or None)
    out: dict[str, dict[str, dict[str, Scores]]] = {}
    for name in corpora:
        entries = load_file(corpus_path(name), set()).entries
        known = {e["id"] for e in entries}
        out[name] = {}
        for ranker in rankers:
            rank = build(ranker, name, entries, embedder)
            out[name][ranker] = {}
            for part in parts:
                ids = [i for i in chosen[part] if set(marks.get(i, {}).get(name, [])) & known]
                rankings = [rank(said[i]) for i in ids]
                wanted = [set(marks[i][name]) for i in ids]
                out[name][ranker][part] = score(rankings, wanted)
    return out


def table(results: dict[str, dict[str, dict[str, Scores]]]) -> str:
    lines = [
        "| corpus | part | ranking | recall@1 | recall@5 | MRR | statements |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, by_ranker in results.items():
        for ranker, by_part in by_ranker.items():
            for part, s in by_part.items():
                lines.append(
                    f"| {name} | {part} | {ranker} | {s.r1:.3f} | {s.r5:.3f} | {s.mrr:.3f} "
                    f"| {s.n} |"
                )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=["tune", "heldout", "all"], default="all")
    parser.add_argument("--corpus", choices=["demo", "nordby", "both"], default="both")
    parser.add_argument("--rankers", default="bm25,cosine,engine")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    parts = ["tune", "heldout"] if args.part == "all" else [args.part]
    corpora = ["demo", "nordby"] if args.corpus == "both" else [args.corpus]
    results = evaluate(corpora, parts, args.rankers.split(","))
    print(table(results))
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    c: {r: {p: vars(s) for p, s in v.items()} for r, v in by.items()}
                    for c, by in results.items()
                },
                indent=1,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
