"""Messages for forberedelse and the consent ledger; merged into the one catalog in catalog.py."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- the consent ledger ---
    "consent.err_kind": {
        "da": "Der kan ikke gives samtykke til en modtager af slagsen '{kind}'.",
        "en": "Consent cannot be given to a recipient of the kind '{kind}'.",
    },
    "consent.err_recipient": {
        "da": "Der skal stå, hvem der må se det.",
        "en": "Say who may see it.",
    },
    "consent.err_scope": {
        "da": "Der kan ikke gives samtykke til '{scope}'.",
        "en": "Consent cannot be given for '{scope}'.",
    },
    "consent.err_missing": {
        "da": "Der er intet samtykke med id {id}.",
        "en": "There is no consent with id {id}.",
    },
    "consent.word_recipient": {"da": "Modtageren", "en": "recipient"},
    "consent.title": {"da": "Hvem må se hvad?", "en": "Who may see what?"},
    "consent.never_condition": {
        "da": "Du får hjælp, uanset hvad du siger ja eller nej til. Du kan altid fortryde.",
        "en": "You get help whatever you say yes or no to. You can always change your mind.",
    },
    "consent.nobody": {
        "da": "Der er ingen medborgerguide, frivillig eller afdeling at spørge om endnu.",
        "en": "There is no peer guide, volunteer or department to ask about yet.",
    },
    "consent.scope_mig_card": {"da": "Må se mit Mig-kort", "en": "May see my Me card"},
    "consent.scope_contact": {
        "da": "Må se, hvordan man når mig",
        "en": "May see how to reach me",
    },
    "prep.mig_contact": {
        "da": "Sådan når man mig (kun dem, du siger ja til, får det at se)",
        "en": "How to reach me (only those you say yes to will see it)",
    },
    "consent.scope_plan": {
        "da": "Må se det i planen, de er med til",
        "en": "May see the parts of the plan they take part in",
    },
    "consent.scope_topics": {
        "da": "Må se, hvad jeg vil tale om",
        "en": "May see what I want to talk about",
    },
    "consent.yes_since": {"da": "ja, siden {date}", "en": "yes, since {date}"},
    "consent.no": {"da": "nej", "en": "no"},
    "consent.kind_afdeling": {"da": "afdeling", "en": "department"},
    "consent.kind_sprogmodel": {"da": "sprogmodel", "en": "language model"},
    "consent.toggle": {"da": "Ja/nej", "en": "Yes/no"},
    # --- forberedelse: the screen ---
    "prep.order_hint": {
        "da": "I taler i denne rækkefølge. Du starter, hvis du vil.",
        "en": "You speak in this order. You start, if you want to.",
    },
    "prep.col_order": {"da": "Nr.", "en": "No."},
    "prep.col_name": {"da": "Navn", "en": "Name"},
    "prep.col_relation": {"da": "Hvem er det for dig", "en": "Who they are to you"},
    "prep.col_kind": {"da": "Slags", "en": "Kind"},
    "prep.col_department": {"da": "Afdeling", "en": "Department"},
    "prep.balance_counts": {
        "da": "Dig og dine egne folk: {own} · fagpersoner: {pros}",
        "en": "You and your own people: {own} · professionals: {pros}",
    },
    "prep.no_topics": {"da": "Ingen emner endnu.", "en": "No topics yet."},
    "prep.topic_placeholder": {
        "da": "Skriv et emne med dine egne ord – Enter gemmer",
        "en": "Write a topic in your own words – Enter saves",
    },
    "prep.mig_about": {"da": "Om mig", "en": "About me"},
    "prep.mig_empty": {
        "da": "Mig-kortet er tomt. Tryk F4 for at skrive på det.",
        "en": "The Me card is empty. Press F4 to write on it.",
    },
    "prep.wall": {
        "da": "Vis Mig-kortet på væggen under mødet",
        "en": "Show the Me card on the wall during the meeting",
    },
    # --- forberedelse: keys in the footer ---
    "prep.add_participant": {"da": "Inviter", "en": "Invite"},
    "prep.remove_participant": {"da": "Fjern", "en": "Remove"},
    "prep.move_up": {"da": "Op", "en": "Up"},
    "prep.move_down": {"da": "Ned", "en": "Down"},
    "prep.new_topic": {"da": "Nyt emne", "en": "New topic"},
    "prep.remove_topic": {"da": "Fjern emne", "en": "Remove topic"},
    "prep.edit_mig": {"da": "Mig-kort", "en": "Me card"},
    "prep.toggle_wall": {"da": "På væggen", "en": "On the wall"},
    "prep.save": {"da": "Gem", "en": "Save"},
    "prep.cancel": {"da": "Fortryd", "en": "Cancel"},
    "prep.confirm": {"da": "Ja, fjern", "en": "Yes, remove"},
    # --- forberedelse: forms ---
    "prep.add_title": {"da": "Hvem vil du have med?", "en": "Whom do you want to invite?"},
    "prep.field_name": {"da": "Navn", "en": "Name"},
    "prep.field_relation": {
        "da": "Hvem er det for dig? (fx søster, nabo, bostøtte)",
        "en": "Who are they to you? (e.g. sister, neighbour, housing support)",
    },
    "prep.field_kind": {"da": "Slags", "en": "Kind"},
    "prep.field_department": {
        "da": "Afdeling (for en fagperson)",
        "en": "Department (for a professional)",
    },
    "prep.form_hint": {
        "da": "Enter i et felt gemmer. Esc fortryder.",
        "en": "Enter in a field saves. Esc cancels.",
    },
    "prep.remove_question": {
        "da": "Skal {name} ikke være med alligevel?",
        "en": "Should {name} not take part after all?",
    },
    "prep.remove_hint": {
        "da": "Enter: ja, fjern. Esc: nej, behold.",
        "en": "Enter: yes, remove. Esc: no, keep.",
    },
    "prep.mig_title": {
        "da": "Mig-kortet – med dine egne ord",
        "en": "The Me card – in your own words",
    },
}
