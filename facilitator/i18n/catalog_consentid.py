"""Messages of consent by participant and of what an export to a recipient shared."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "audit.action.share_nothing": {
        "da": "delte intet (intet samtykke)",
        "en": "shared nothing (no consent)",
    },
    "audit.kind.scopes": {"da": "efter samtykke til", "en": "by consent to"},
    "consent.err_no_item": {
        "da": "Borgeren har intet punkt {id} i sin plan; et samtykke må nævne et punkt, der findes.",
        "en": "The citizen has no item {id} in their plan; a consent must name an item that exists.",
    },
    "consent.ambiguous": {
        "da": "Flere i mødet hedder {name}: punkter, der kun nævner »{name}«, deles ikke.",
        "en": "More than one person in the meeting is called {name}: items that only say"
        " “{name}” are not shared.",
    },
}
