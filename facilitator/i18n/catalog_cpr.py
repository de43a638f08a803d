"""Messages about CPR numbers hidden on the wall, and language-model addresses refused."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cpr.hidden": {
        "da": "CPR-nummer skjult",
        "en": "CPR number hidden",
    },
}
