"""Messages of an erasure that always finishes (why one stopped, how to finish it), of a home
folder refused as unsafe, and of sizes."""

from __future__ import annotations

_RESUME_DA = "kør så `facilitator forget --resume {id}`"
_RESUME_EN = "then run `facilitator forget --resume {id}`"

MESSAGES: dict[str, dict[str, str]] = {
    "forget.blocked": {
        "da": "Databasefilen {path} er åben i et andet program, så de sidste spor af borgeren"
        f" er ikke fjernet fra den endnu. Luk det andet program, der bruger {{path}}, og {_RESUME_DA}.",
        "en": "The database file {path} is open in another program, so the last traces of the"
        f" citizen are not yet gone from it. Close the other program using {{path}}, {_RESUME_EN}.",
    },
    "forget.stopped_busy": {
        "da": "Sletning nr. {id} er ikke færdig: {path} er låst af et andet program."
        f" Luk det andet program, der bruger {{path}}, og {_RESUME_DA}.",
        "en": "Erasure {id} is not finished: {path} is locked by another program."
        f" Close the other program using {{path}}, {_RESUME_EN}.",
    },
    "forget.stopped_full": {
        "da": f"Sletning nr. {{id}} er ikke færdig: disken med {{path}} er fuld. Frigør plads, og {_RESUME_DA}.",
        "en": f"Erasure {{id}} is not finished: the disk holding {{path}} is full. Free some space, {_RESUME_EN}.",
    },
    "forget.stopped_readonly": {
        "da": "Sletning nr. {id} er ikke færdig: {path} kan ikke skrives (skrivebeskyttet)."
        f" Giv skriveadgang, og {_RESUME_DA}.",
        "en": "Erasure {id} is not finished: {path} cannot be written (read-only)."
        f" Make it writable, {_RESUME_EN}.",
    },
    "forget.stopped_other": {
        "da": f"Sletning nr. {{id}} er ikke færdig ({{path}}: {{error}}); {_RESUME_DA}.",
        "en": f"Erasure {{id}} is not finished ({{path}}: {{error}}); {_RESUME_EN}.",
    },
    "forget.not_started_busy": {
        "da": "Intet er slettet: {path} er låst af et andet program. Luk det, og prøv igen.",
        "en": "Nothing was erased: {path} is locked by another program. Close it and try again.",
    },
    "forget.not_started_full": {
        "da": "Intet er slettet: disken med {path} er fuld. Frigør plads, og prøv igen.",
        "en": "Nothing was erased: the disk holding {path} is full. Free some space and try again.",
    },
    "forget.not_started_readonly": {
        "da": "Intet er slettet: {path} kan ikke skrives (skrivebeskyttet).",
        "en": "Nothing was erased: {path} cannot be written (read-only).",
    },
    "forget.not_started_other": {
        "da": "Intet er slettet ({path}: {error}).",
        "en": "Nothing was erased ({path}: {error}).",
    },
    "forget.err_no_erasure": {
        "da": "Der er ingen ufærdig sletning nr. {id}.",
        "en": "There is no unfinished erasure {id}.",
    },
    "forget.resumed": {
        "da": "Sletning nr. {id} (borger {citizen}) er gjort færdig.",
        "en": "Erasure {id} (citizen {citizen}) is finished.",
    },
    "forget.err_ref_or_resume": {
        "da": "Skriv enten en borger eller --resume NR, ikke begge.",
        "en": "Give either a citizen or --resume N, not both.",
    },
    # --- the home folder ---
    "home.err_shared": {
        "da": "Datamappen {path} kan skrives af alle brugere; brug en mappe, kun du har adgang"
        " til (fx `mkdir -m 700 {path}/facilitator` og FACILITATOR_HOME={path}/facilitator).",
        "en": "The data folder {path} can be written by every user; use a folder only you can"
        " reach (e.g. `mkdir -m 700 {path}/facilitator` and FACILITATOR_HOME={path}/facilitator).",
    },
    "home.err_foreign": {
        "da": "Datamappen {path} tilhører en anden bruger; sæt FACILITATOR_HOME til en mappe,"
        " du selv ejer.",
        "en": "The data folder {path} belongs to another user; set FACILITATOR_HOME to a folder"
        " you own.",
    },
    # --- sizes (the limit from facilitator.i18n.sizes.file_size) ---
    "size.err_file_too_large": {
        "da": "{path}: filen er større end {limit}.",
        "en": "{path}: the file is larger than {limit}.",
    },
}
