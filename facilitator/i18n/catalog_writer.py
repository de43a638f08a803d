"""Messages of the one writer per meeting (the lease) and of writes the disk refuses."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- writes the disk, the file system or another program refuse ---
    "store.err_full": {
        "da": "Intet er gemt, fordi disken er fuld – frigør plads, og prøv igen.",
        "en": "Nothing was saved because the disk is full – free some space and try again.",
    },
    "store.err_readonly": {
        "da": "Intet er gemt, fordi databasen kun kan læses lige nu – prøv igen, når der kan skrives til den.",
        "en": "Nothing was saved because the database can only be read just now – try again once it can be written to.",
    },
    "store.err_busy": {
        "da": "Intet er gemt, fordi et andet program holder databasen låst – prøv igen om lidt.",
        "en": "Nothing was saved because another program keeps the database locked – try again in a moment.",
    },
    "store.err_io": {
        "da": "Intet er gemt, fordi disken ikke svarede (I/O-fejl) – prøv igen.",
        "en": "Nothing was saved because the disk did not answer (I/O error) – try again.",
    },
    "store.err_conflict": {
        "da": "Intet er gemt, fordi mødet blev ændret et andet sted samtidig – se skærmen igen, og prøv igen.",
        "en": "Nothing was saved because the meeting was changed elsewhere at the same time – look again and try again.",
    },
    "meeting.changed_elsewhere": {
        "da": "Intet er gemt, fordi mødet er ændret et andet sted – skærmen viser nu det nyeste.",
        "en": "Nothing was saved because the meeting was changed elsewhere – the screen now shows the latest.",
    },
    # --- one writer per meeting ---
    "lease.held": {
        "da": "Mødet ledes fra {who}, så her kan det kun ses, ikke ændres.",
        "en": "This meeting is led from {who}, so here it can only be seen, not changed.",
    },
    "lease.wall": {
        "da": "Kun visning: mødet ledes fra {who} (siden {since}).",
        "en": "View only: this meeting is led from {who} (since {since}).",
    },
    "lease.taken_over": {
        "da": "Du leder nu mødet herfra.",
        "en": "You now lead the meeting from here.",
    },
    "note.not_saved": {
        "da": "{reason} Teksten står stadig i feltet: tryk Enter igen for at gemme den.",
        "en": "{reason} The text is still in the field: press Enter again to save it.",
    },
}
