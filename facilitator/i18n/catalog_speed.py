"""Messages of speed: embedding the corpus at import, with its progress."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "embed.progress": {
        "da": "Gør forslag klar: {done}/{total} · {rate} pr. sekund · ca. {left} tilbage",
        "en": "Preparing suggestions: {done}/{total} · {rate} per second · about {left} left",
    },
    "embed.done": {
        "da": "{n} tilbud og venner er gjort klar til forslag på {seconds} s.",
        "en": "{n} offers and friends were prepared for suggestions in {seconds} s.",
    },
    "embed.all_ready": {
        "da": "Alle tilbud og venner var allerede klar til forslag.",
        "en": "Every offer and friend was already prepared for suggestions.",
    },
    "embed.interrupted": {
        "da": "Afbrudt efter {done} af {total}. Det gemte bliver gemt: kør samme kommando igen for at fortsætte.",
        "en": "Interrupted after {done} of {total}. What is done is kept: run the same command again to go on.",
    },
    "embed.later": {
        "da": "Forslagene gøres klar, når de første gang skal bruges ({reason}).",
        "en": "Suggestions will be prepared when they are first needed ({reason}).",
    },
}
