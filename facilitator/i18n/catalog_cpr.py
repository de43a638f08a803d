"""Messages about CPR numbers hidden on the wall, and language-model addresses refused."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cpr.hidden": {
        "da": "CPR-nummer skjult",
        "en": "CPR number hidden",
    },
    "assist.err_address_never": {
        "da": "Sprogmodellens adresse {host} bruges aldrig (dokumentation, test, reserveret, en tunnel eller cloud-metadata), så intet blev sendt.",
        "en": "The language model's address {host} is never used (documentation, testing, reserved, a tunnel or cloud metadata), so nothing was sent.",
    },
    "assist.err_link_local": {
        "da": "Sprogmodellen på {host} har en link-local-adresse, så intet blev sendt – sæt allow_link_local = true i indstillingerne, hvis det er meningen.",
        "en": "The language model at {host} has a link-local address, so nothing was sent – set allow_link_local = true in the settings if that is intended.",
    },
}
