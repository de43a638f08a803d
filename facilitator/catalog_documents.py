"""Messages of the plan documents: Min plan, the § 141 view, the guide's brief, approval, LIX."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "lix.band.none": {"da": "ingen tekst", "en": "no text"},
    "lix.band.very_easy": {"da": "meget let", "en": "very easy"},
    "lix.band.easy": {"da": "let", "en": "easy"},
    "lix.band.middle": {"da": "middel", "en": "medium"},
    "lix.band.hard": {"da": "svær", "en": "hard"},
    "lix.band.very_hard": {"da": "meget svær", "en": "very hard"},
}
