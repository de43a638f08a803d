"""Messages of the plan documents: Min plan, the § 141 view, the guide's brief, approval, LIX."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "lix.band.none": {"da": "ingen tekst", "en": "no text"},
    "lix.band.very_easy": {"da": "meget let", "en": "very easy"},
    "lix.band.easy": {"da": "let", "en": "easy"},
    "lix.band.middle": {"da": "middel", "en": "medium"},
    "lix.band.hard": {"da": "svær", "en": "hard"},
    "lix.band.very_hard": {"da": "meget svær", "en": "very hard"},
    "measures.word_goal": {"da": "Målet", "en": "goal"},
    "measures.word_citizen_rating": {"da": "Din vurdering", "en": "your rating"},
    "measures.word_professional_rating": {
        "da": "Fagpersonens vurdering",
        "en": "the professional's rating",
    },
    "measures.err_ruler": {
        "da": "{what} skal være et tal fra {lo} til {hi}.",
        "en": "{what} must be a number from {lo} to {hi}.",
    },
    "measures.err_who5": {
        "da": "WHO-5 skal have {n} svar, hvert fra 0 til {hi}.",
        "en": "WHO-5 needs {n} answers, each from 0 to {hi}.",
    },
    "measures.err_occasion": {
        "da": "Ukendt anledning: {occasion}.",
        "en": "Unknown occasion: {occasion}.",
    },
    "measures.err_not_opted_in": {
        "da": "Borgeren har ikke sagt ja til WHO-5.",
        "en": "The citizen has not said yes to WHO-5.",
    },
}
