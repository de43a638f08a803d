"""Messages of trust: export, forget, audit, CPR warnings."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- export ---
    "rights.exported": {
        "da": "Alt om {name} er skrevet til {path}.",
        "en": "Everything about {name} was written to {path}.",
    },
    "rights.shared": {
        "da": "Det, {name} har sagt ja til at dele med {recipient}, er skrevet til {path}.",
        "en": "What {name} agreed to share with {recipient} was written to {path}.",
    },
    "rights.err_recipient": {
        "da": 'Skriv modtageren som TYPE:NAVN, fx medborgerguide:"Per Guidesen" – typen er en af {kinds}.',
        "en": 'Write the recipient as KIND:NAME, e.g. medborgerguide:"Per Guidesen" – the kind is one of {kinds}.',
    },
    "rights.err_citizen_ref": {
        "da": "Skriv borgerens id eller fulde navn.",
        "en": "Give the citizen's id or full name.",
    },
    # --- forget ---
    "rights.forget_confirm": {
        "da": "Slet {name} (id {id}) og alt, hvad der står om {name}, for altid?",
        "en": "Erase {name} (id {id}) and everything held about them, for good?",
    },
    "rights.yes_no": {"da": "[ja/nej]", "en": "[yes/no]"},
    "rights.forget_cancelled": {
        "da": "Intet er slettet (svar ja, eller brug --yes).",
        "en": "Nothing was erased (answer yes, or use --yes).",
    },
    "rights.forgotten": {
        "da": "{name} er slettet: {rows} rækker, {files} filer og {backups} sikkerhedskopier er renset.",
        "en": "{name} is erased: {rows} rows, {files} files and {backups} backup copies cleaned.",
    },
    "rights.journal_busy": {
        "da": "Databasen er åben i et andet program; de sidste spor i journalfilen forsvinder, når det lukkes.",
        "en": "The database is open in another program; the last traces in the journal file go when it closes.",
    },
    # --- audit ---
    "audit.empty": {
        "da": "Der er ingen poster i loggen.",
        "en": "There are no entries in the log.",
    },
    "audit.err_limit": {
        "da": "Antallet skal være et helt tal fra 1 til {limit}.",
        "en": "The number must be a whole number from 1 to {limit}.",
    },
    "audit.err_citizen": {
        "da": "Et borger-id er et helt tal, ikke '{value}'.",
        "en": "A citizen id is a whole number, not '{value}'.",
    },
    "audit.citizen": {"da": "(borger {id})", "en": "(citizen {id})"},
    "audit.action.create": {"da": "oprettede", "en": "created"},
    "audit.action.change": {"da": "ændrede", "en": "changed"},
    "audit.action.delete": {"da": "slettede", "en": "deleted"},
    "audit.action.remove": {"da": "tog ud", "en": "removed"},
    "audit.action.open": {"da": "åbnede", "en": "opened"},
    "audit.action.read": {"da": "læste", "en": "read"},
    "audit.action.render": {"da": "dannede", "en": "rendered"},
    "audit.action.export": {"da": "eksporterede", "en": "exported"},
    "audit.action.share": {"da": "delte (efter samtykke)", "en": "shared (by consent)"},
    "audit.action.approve": {"da": "godkendte", "en": "approved"},
    "audit.action.version": {"da": "gemte version af", "en": "saved a version of"},
    "audit.action.grant": {"da": "gav samtykke", "en": "granted consent"},
    "audit.action.revoke": {"da": "trak samtykke tilbage", "en": "revoked consent"},
    "audit.action.erase": {"da": "slettede for altid", "en": "erased for good"},
    "audit.action.rate": {"da": "vurderede", "en": "rated"},
    "audit.action.import": {"da": "importerede", "en": "imported"},
    "audit.action.finish": {"da": "afsluttede", "en": "finished"},
    "audit.action.feedback": {"da": "gemte svar i", "en": "saved answers in"},
    "audit.action.pause": {"da": "holdt pause i", "en": "paused"},
    "audit.action.resume": {"da": "fortsatte", "en": "resumed"},
    "audit.action.phase": {"da": "skiftede fase i", "en": "changed phase in"},
    "audit.action.advance": {"da": "gav ordet videre i", "en": "gave the word on in"},
    "audit.action.pass": {"da": "noterede 'står over' i", "en": "recorded a pass in"},
    "audit.action.reorder": {"da": "ændrede rækkefølgen i", "en": "reordered"},
    "audit.kind.citizen": {"da": "borger", "en": "citizen"},
    "audit.kind.meeting": {"da": "møde", "en": "meeting"},
    "audit.kind.note": {"da": "note", "en": "note"},
    "audit.kind.participant": {"da": "deltager", "en": "participant"},
    "audit.kind.topic": {"da": "emne", "en": "topic"},
    "audit.kind.plan": {"da": "plan", "en": "plan"},
    "audit.kind.plan_item": {"da": "planpunkt", "en": "plan item"},
    "audit.kind.suggestion": {"da": "idé", "en": "idea"},
    "audit.kind.consent": {"da": "samtykke", "en": "consent"},
    "audit.kind.mig_card": {"da": "Mig-kort", "en": "Me card"},
    "audit.kind.corpus": {"da": "tilbud og venner", "en": "offers and friends"},
}
