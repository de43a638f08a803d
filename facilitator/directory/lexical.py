"""Words, not meaning: BM25 over stemmed Danish and compounds' first letters, built in milliseconds.

The embedding model misses what a directory says in its own words ("post", "fiskeklub",
"gæld"); BM25 catches them. It needs no model, so it is rebuilt with the index instead of
being stored.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable
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
    if not PREFIX:  # switched off (bench/ablation.py)
        return words
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

    def __init__(self, passages: Iterable[str] = ()) -> None:
        self.size = 0
        self.vocab_dict: dict[str, int] = {}
        # Postings as compact arrays while passages come in (a Python int per posting cost
        # over 200 MB at 100,000 entries), then sorted by word once in ``_finish``.
        self._words = array("i")
        self._owners = array("i")
        self._counts = array("f")
        self._lengths = array("i")
        self._offsets: npt.NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        self._docs: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._scores: npt.NDArray[np.float32] = np.zeros(0, dtype=np.float32)
        self._ready = True
        self.extend(passages)

    def extend(self, passages: Iterable[str]) -> None:
        """Add passages (after those already added); scored from the next ``scores`` on."""
        for passage in passages:
            words = terms(passage)
            for word, count in Counter(words).items():
                self._words.append(self.vocab_dict.setdefault(word, len(self.vocab_dict)))
                self._owners.append(self.size)
                self._counts.append(count)
            self._lengths.append(len(words))
            self.size += 1
            self._ready = False

    def _finish(self) -> None:
        self._ready = True
        if not self.size:
            return
        word_ids = np.frombuffer(self._words, dtype=np.int32)
        doc_ids = np.frombuffer(self._owners, dtype=np.int32)
        lengths = np.frombuffer(self._lengths, dtype=np.int32)
        df = np.bincount(word_ids, minlength=len(self.vocab_dict))
        idf = np.array(
            [math.log(1 + (self.size - n + 0.5) / (n + 0.5)) for n in df.tolist()],
            dtype=np.float32,
        )
        freq = np.frombuffer(self._counts, dtype=np.float32)
        tfc = freq / (K1 * ((1 - B) + B * lengths[doc_ids] / lengths.mean()) + freq)
        scores = (idf[word_ids] * tfc).astype(np.float32)
        order = np.argsort(word_ids, kind="stable")
        self._offsets = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        self._docs = doc_ids[order]
        self._scores = scores[order]

    def scores(self, text: str) -> npt.NDArray[np.float32]:
        """One BM25 score per passage, in the order given; zeros when no word is known."""
        if not self._ready:
            self._finish()
        total = np.zeros(self.size, dtype=np.float32)
        for word in terms(text):
            token = self.vocab_dict.get(word)
            if token is not None:  # each query word adds its column, in the query's order
                start, end = self._offsets[token], self._offsets[token + 1]
                total[self._docs[start:end]] += self._scores[start:end]
        return total
