"""Each stage of the ranking on and off, on the blind set (bench/eval/blind/).

    python bench/ablation.py --part tune            # what choices are made on
    python bench/ablation.py --part heldout         # run once, at the end, and reported

The app's own SuggestionIndex ranks, one index per corpus, built once; only its Weights change
between rows, so every row sees the same vectors, the same BM25 and the same taxonomy. The
bare model (cosine of statement and title + description) and BM25 are in the table too, from
bench/blind.py. Metrics as there: recall@1, recall@5, MRR over the top 10.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from blind import K, Scores, corpus_path, labels, score, split, statements  # noqa: E402


def configurations(base: Any) -> list[tuple[str, Any]]:
    """The engine as it ships, and each stage taken out (or added) one at a time."""
    rows = [
        ("engine (as shipped)", base),
        ("without BM25", replace(base, lexical=0.0)),
        ("without needs taxonomy", replace(base, needs=0.0)),
        ("without giving bonus", replace(base, giving=0.0)),
        ("without MMR", replace(base, mmr=False)),
        ("without z-scoring", replace(base, zscore=False)),
        ("dense only (all off)", replace(base, lexical=0.0, needs=0.0, giving=0.0, mmr=False)),
    ]
    extra = os.environ.get("ABLATION_EXTRA", "")
    for spec in filter(None, extra.split(";")):  # e.g. "needs=0.3,lexical=0.25"
        changes = {k: float(v) for k, v in (kv.split("=") for kv in spec.split(","))}
        rows.append((spec, replace(base, **changes)))
    return rows


def ranked(index: Any, texts: list[str], wanted: list[set[str]]) -> Scores:
    """The index's top 10 for each statement, scored against the labels."""
    from facilitator.directory.ranking import queries_from_text

    rankings = [[r.entry.id for r in index.search(queries_from_text(t), k=K)] for t in texts]
    return score(rankings, wanted)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=["tune", "heldout"], required=True)
    parser.add_argument("--corpus", choices=["demo", "nordby", "both"], default="both")
    parser.add_argument("--baselines", action="store_true", help="also bm25 and cosine")
    args = parser.parse_args()

    from blind import build

    from facilitator.directory import corpus, lexical, needs
    from facilitator.directory.corpus import load_file
    from facilitator.directory.embeddings import make_embedder
    from facilitator.directory.ranking import SuggestionIndex, Weights
    from facilitator.storage.store import Store

    said = {s["id"]: s["text"] for s in statements()}
    marks = labels()
    chosen = split()[args.part]
    embedder = make_embedder(os.environ.get("FACILITATOR_EMBEDDER") or None)
    corpora = ["demo", "nordby"] if args.corpus == "both" else [args.corpus]
    results: dict[str, dict[str, Scores]] = {}
    for name in corpora:
        entries = load_file(corpus_path(name), set()).entries
        known = {e["id"] for e in entries}
        ids = [i for i in chosen if set(marks.get(i, {}).get(name, [])) & known]
        wanted = [set(marks[i][name]) for i in ids]
        if args.baselines:
            for ranker in ("bm25", "cosine"):
                rank = build(ranker, name, entries, embedder)
                results.setdefault(ranker, {})[name] = score([rank(said[i]) for i in ids], wanted)
        os.environ["FACILITATOR_HOME"] = tempfile.mkdtemp(prefix="ablation-")
        store = Store.open()
        corpus.import_file(store, corpus_path(name))
        index = SuggestionIndex(embedder)
        index.build(store)

        texts = [said[i] for i in ids]
        for label, weights in configurations(Weights()):
            index.weights = weights
            results.setdefault(label, {})[name] = ranked(index, texts, wanted)
        # Stages inside the index: built again with the stage switched off.
        for label, module, constant, off in (
            ("without compound prefixes in BM25", lexical, "PREFIX", 0),
            ("without the needs' own words", needs, "WORD_WEIGHT", 0.0),
        ):
            kept = getattr(module, constant)
            setattr(module, constant, off)
            try:
                other = SuggestionIndex(embedder)
                other.build(store)
                results.setdefault(label, {})[name] = ranked(other, texts, wanted)
            finally:
                setattr(module, constant, kept)
        store.close()
    head = " | ".join(f"{c} r@1 | {c} r@5 | {c} MRR" for c in corpora)
    print(f"part: {args.part}\n\n| configuration | {head} |")
    print("|---|" + "---|" * (3 * len(corpora)))
    for label, by_corpus in results.items():
        cells = " | ".join(
            f"{s.r1:.3f} | {s.r5:.3f} | {s.mrr:.3f}" for s in (by_corpus[c] for c in corpora)
        )
        print(f"| {label} | {cells} |")


if __name__ == "__main__":
    main()
