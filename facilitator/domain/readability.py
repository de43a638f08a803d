"""LIX, the Danish readability index: words per sentence plus the share of long words.

LIX = words / sentences + 100 × long words / words, where a long word has more than six
letters. Below 25 reads as easy-read (let læsning); 25–34 easy; 35–44 middle; 45–54 hard;
55 and above very hard. Easy-read Danish aims low.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters of Danish, English and the Latin alphabets; digits count as part of a word.
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
# A sentence ends at . ! ? : or a line break (a list line is a sentence of its own).
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)|\n+")
# Abbreviations whose full stop does not end a sentence ("iht. planen", "bl.a. post").
_ABBREVIATION = re.compile(
    r"(?<!\w)(?:bl\.a|f\.eks|jf|iht|mhp|ifm|vedr|evt|ca|mv|nr|kl|dvs|pga|hhv|inkl|ekskl|tlf"
    r"|e\.g|i\.e)\.(?=\s)",
    re.IGNORECASE,
)
LONG_WORD = 6
EASY = 35


@dataclass(frozen=True)
class Lix:
    """A LIX score with the counts it came from."""

    score: float
    words: int
    sentences: int
    long_words: int

    @property
    def band(self) -> str:
        """The catalog key of the band the score falls in."""
        if self.words == 0:
            return "lix.band.none"
        if self.score < 25:
            return "lix.band.very_easy"
        if self.score < 35:
            return "lix.band.easy"
        if self.score < 45:
            return "lix.band.middle"
        if self.score < 55:
            return "lix.band.hard"
        return "lix.band.very_hard"


def words(text: str) -> list[str]:
    """The words of a text (a hyphenated compound is one word)."""
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """The sentences of a text: pieces between full stops, question marks and line breaks.

    A common abbreviation's full stop ("iht.", "bl.a.") does not end a sentence: otherwise
    jargon would make a text look easier than it is.
    """
    plain = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text)
    return [part for part in _SENTENCE_END.split(plain) if words(part)]


def lix(text: str) -> Lix:
    """The LIX of a text; an empty text scores 0."""
    found = words(text)
    if not found:
        return Lix(0.0, 0, 0, 0)
    count = max(1, len(sentences(text)))
    long_words = sum(1 for w in found if sum(ch.isalpha() for ch in w) > LONG_WORD)
    score = len(found) / count + 100 * long_words / len(found)
    return Lix(round(score, 1), len(found), count, long_words)
