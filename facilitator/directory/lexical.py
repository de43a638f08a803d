"""Words, not meaning: BM25 over stemmed Danish and compounds' first letters, built in milliseconds.

The embedding model misses what a directory says in its own words ("post", "fiskeklub",
"gæld"); BM25 catches them. It needs no model, so it is rebuilt with the index instead of
being stored.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("danish")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    # A directory repeats its words: each is stemmed once (the pure-Python stemmer took
    # most of an index build, measured in BENCHMARKS.md, "Ready in seconds").
    return str(_stemmer().stemWord(word))


def stemmed(text: str) -> list[str]:
    """Lower-cased, snowball-stemmed Danish words of ``text``."""
    return [_stem(word) for word in _WORD.findall(text.lower())]


#: Danish writes compounds as one word ("fiskeklub", "gældsrådgivning", "besøgsven"): the
#: first four letters of a longer stem stand beside it, so "fiske" meets "fiskeklub". Chosen
#: on the blind set's tuning part (BENCHMARKS.md, "Ranking on the blind set").
PREFIX = 4


def terms(text: str) -> list[str]:
    """What BM25 matches on: the stems of ``text``, and the first letters of the longer ones."""
    words = stemmed(text)
    return words + [w[:PREFIX] for w in words if len(w) > PREFIX]


#: bm25s's defaults (the "lucene" variant), which these scores reproduce bit for bit.
K1 = 1.5
B = 0.75


class Lexical:
    """BM25 scores of every entry's passage for a piece of text.

    The formula and its float32 arithmetic are bm25s's "lucene" variant, step for step
    (tests/test_speed.py compares every score), computed here over numpy postings: bm25s
    imports scipy, which cost a `facilitator suggest` more than the search itself.
    """

    def __init__(self, passages: Sequence[str]) -> None:
        self.size = len(passages)
        self.vocab_dict: dict[str, int] = {}
        self._docs: list[npt.NDArray[np.int32]] = []
        self._scores: list[npt.NDArray[np.float32]] = []
        if not passages:
            return
        docs = [terms(p) for p in passages]
        lengths = np.array([len(d) for d in docs])
        average = lengths.mean()
        # Every (word, passage) pair once, with its count; then all scores in one go.
        words: list[int] = []
        owners: list[int] = []
        counts: list[int] = []
        for doc, stems in enumerate(docs):
            for word, count in Counter(stems).items():
                words.append(self.vocab_dict.setdefault(word, len(self.vocab_dict)))
                owners.append(doc)
                counts.append(count)
        word_ids = np.array(words, dtype=np.int64)
        doc_ids = np.array(owners, dtype=np.int32)
        df = np.bincount(word_ids, minlength=len(self.vocab_dict))
        idf = np.array(
            [math.log(1 + (self.size - n + 0.5) / (n + 0.5)) for n in df.tolist()],
            dtype=np.float32,
        )
        freq = np.array(counts, dtype=np.float32)
        tfc = freq / (K1 * ((1 - B) + B * lengths[doc_ids] / average) + freq)
        scores = (idf[word_ids] * tfc).astype(np.float32)
        order = np.argsort(word_ids, kind="stable")
        cuts = np.cumsum(df)[:-1]
        self._docs = np.split(doc_ids[order], cuts)
        self._scores = np.split(scores[order], cuts)

    def scores(self, text: str) -> npt.NDArray[np.float32]:
        """One BM25 score per passage, in the order given; zeros when no word is known."""
        total = np.zeros(self.size, dtype=np.float32)
        for word in terms(text):
            token = self.vocab_dict.get(word)
            if token is not None:  # each query word adds its column, in the query's order
                total[self._docs[token]] += self._scores[token]
        return total
