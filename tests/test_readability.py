"""LIX: the counts it is made from, and the bands."""

from __future__ import annotations

from facilitator.domain.readability import lix, sentences, words


def test_lix_counts_words_sentences_and_long_words() -> None:
    result = lix("Jeg tager bussen. Min søster hjælper mig med posten.")
    assert (result.words, result.sentences) == (9, 2)
    assert result.long_words == 1  # "hjælper" has seven letters
    # By hand: 9 words / 2 sentences = 4.5; 100 * 1 long word / 9 words = 11.11...;
    # 4.5 + 11.11 = 15.61, which rounds to 15.6.
    assert result.score == 15.6


def test_list_lines_are_sentences_and_compounds_are_one_word() -> None:
    text = "- Jeg kan lave mad\n- Jeg vil gerne svømme-træne"
    assert len(sentences(text)) == 2
    assert "svømme-træne" in words(text)


def test_empty_text_scores_zero_and_long_jargon_scores_hard() -> None:
    assert lix("").score == 0 and lix("").band == "lix.band.none"
    jargon = "Borgerens funktionsnedsættelse understøttes gennem tværfaglige indsatser."
    assert lix(jargon).band in {"lix.band.hard", "lix.band.very_hard"}
    assert lix("Jeg tager bussen.").band == "lix.band.very_easy"


def test_an_abbreviation_does_not_end_a_sentence() -> None:
    text = "Borgeren skal iht. planen bl.a. øve bussen mhp. at klare sig selv. Vi ses kl. 10."
    assert len(sentences(text)) == 2
    assert len(sentences("Det er evt. muligt. Måske.")) == 2
