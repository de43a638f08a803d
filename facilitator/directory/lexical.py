"""Words, not meaning: BM25 over snowball-stemmed Danish, built from the entries in milliseconds.

The embedding model misses what a directory says in its own words ("post", "fiskeklub",
"gæld"); BM25 catches them. It needs no model, so it is rebuilt with the index instead of
being stored.
"""

from __future__ import annotations

import re
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


class Lexical:
    """BM25 scores of every entry's passage for a piece of text."""

    def __init__(self, passages: Sequence[str]) -> None:
        self.size = len(passages)
        self._bm25: Any = None
        if passages:
            import bm25s

            self._bm25 = bm25s.BM25()
            self._bm25.index([stemmed(p) for p in passages], show_progress=False)

    def scores(self, text: str) -> npt.NDArray[np.float32]:
        """One BM25 score per passage, in the order given; zeros when no word is known."""
        if self._bm25 is None:
            return np.zeros(self.size, dtype=np.float32)
        known = self._bm25.vocab_dict
        tokens = [t for t in stemmed(text) if t in known]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
