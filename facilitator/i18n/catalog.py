"""Every string a person reads, in Danish and English. Keys are dotted by area."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- errors (one sentence each) ---
    "err.no_store": {
        "da": "Der er ingen database i {path} endnu – kør 'facilitator init' først.",
        "en": "There is no database at {path} yet – run 'facilitator init' first.",
    },
    "err.store_unreadable": {
        "da": "Databasefilen {path} kan ikke læses.",
        "en": "The database file {path} cannot be read.",
    },
    "err.store_not_sqlite": {
        "da": "Filen {path} er ikke en facilitator-database, så den bliver ikke rørt.",
        "en": "The file {path} is not a facilitator database, so it is left untouched.",
    },
    "err.store_corrupt": {
        "da": "Databasefilen {path} er beskadiget og bliver ikke rørt – brug en sikkerhedskopi.",
        "en": "The database file {path} is damaged and is left untouched – use a backup copy.",
    },
    "err.store_foreign": {
        "da": "Filen {path} er en anden programs database, så den bliver ikke rørt.",
        "en": "The file {path} belongs to another program, so it is left untouched.",
    },
    "err.store_newer": {
        "da": "Databasen {path} er lavet af en nyere version af facilitator – opdatér programmet.",
        "en": "The database {path} was made by a newer version of facilitator – update the program.",
    },
    "err.store_readonly": {
        "da": "Databasen {path} kan ikke skrives til (skrivebeskyttet).",
        "en": "The database {path} cannot be written to (read-only).",
    },
    "err.home_unwritable": {
        "da": "Mappen {path} kan ikke skrives til – vælg en anden med FACILITATOR_HOME.",
        "en": "The folder {path} cannot be written to – choose another with FACILITATOR_HOME.",
    },
    "err.no_citizen": {
        "da": "Der er ingen borger med id eller navn {id}.",
        "en": "There is no citizen with id or name {id}.",
    },
    "err.citizen_ambiguous": {
        "da": "Flere borgere hedder {name} – brug deres id i stedet.",
        "en": "Several citizens are called {name} – use their id instead.",
    },
    "err.no_meeting": {
        "da": "Der er intet møde med id {id}.",
        "en": "There is no meeting with id {id}.",
    },
    "err.bad_meeting_id": {
        "da": "Et møde-id er et helt tal, ikke '{value}'.",
        "en": "A meeting id is a whole number, not '{value}'.",
    },
    "err.empty": {
        "da": "{what} må ikke være tom.",
        "en": "The {what} must not be empty.",
    },
    "err.too_long": {
        "da": "{what} er for lang (højst {limit} tegn).",
        "en": "The {what} is too long (at most {limit} characters).",
    },
    "err.one_citizen": {
        "da": "Der er allerede en borger i mødet; tilføj andre som privat, fagperson,"
        " medborgerguide eller frivillig.",
        "en": "The meeting already has its citizen; add others as private network,"
        " professional, peer guide or volunteer.",
    },
    "err.citizen_stays": {
        "da": "Borgeren er altid med i sit eget møde.",
        "en": "The citizen is always part of their own meeting.",
    },
    "err.file_missing": {
        "da": "Filen {path} findes ikke.",
        "en": "The file {path} does not exist.",
    },
    "err.output_dir_missing": {
        "da": "Mappen til {path} findes ikke.",
        "en": "The folder for {path} does not exist.",
    },
    "err.output_unwritable": {
        "da": "Filen {path} kan ikke skrives.",
        "en": "The file {path} cannot be written.",
    },
    "err.k_range": {
        "da": "Antal forslag skal være mellem 1 og {limit}.",
        "en": "The number of suggestions must be between 1 and {limit}.",
    },
    "err.no_corpus": {
        "da": "Der er ingen tilbud eller venner i databasen endnu – kør 'facilitator init --demo'"
        " eller 'facilitator corpus import FIL'.",
        "en": "There are no offers or friends in the database yet – run 'facilitator init --demo'"
        " or 'facilitator corpus import FILE'.",
    },
    "err.no_embedder": {
        "da": "Ingen sprogmodel til forslag kunne indlæses ({reason}).",
        "en": "No embedding model for suggestions could be loaded ({reason}).",
    },
    "err.interrupted": {
        "da": "Afbrudt – intet blev halvt skrevet.",
        "en": "Interrupted – nothing was half-written.",
    },
    "err.no_app": {
        "da": "Skærmprogrammet kan ikke startes herfra – brug kommandoen 'facilitator'.",
        "en": "The wall app cannot be started from here – use the 'facilitator' command.",
    },
    "err.unexpected": {
        "da": "Uventet fejl: {detail}",
        "en": "Unexpected error: {detail}",
    },
    # --- meeting rules ---
    "rule.paused": {
        "da": "Mødet holder pause – intet skrives ned under pausen.",
        "en": "The meeting is paused – nothing is written down during the pause.",
    },
    "rule.no_turns_in_phase": {
        "da": "I denne fase taler man ikke på skift.",
        "en": "People do not take turns in this phase.",
    },
    "rule.nobody_here": {
        "da": "Der er ingen i rundkredsen endnu.",
        "en": "There is nobody in the circle yet.",
    },
    "rule.nobody_speaking": {
        "da": "Ingen har ordet lige nu – giv ordet videre for at starte en runde.",
        "en": "Nobody has the word right now – pass the word on to start a round.",
    },
    "rule.phase_round_done": {
        "da": "Alle har haft ordet i denne fase – gå videre til næste fase.",
        "en": "Everyone has had the word in this phase – go on to the next phase.",
    },
    "rule.pass_after_notes": {
        "da": "Der er skrevet noter i denne tur – tryk F2 for at give ordet videre.",
        "en": "Notes were written in this turn – press F2 to pass the word on.",
    },
    "rule.order_mismatch": {
        "da": "Den nye rækkefølge skal have alle deltagere med én gang.",
        "en": "The new order must include every participant exactly once.",
    },
    "err.no_suggestion": {
        "da": "Der er intet forslag med id {id}.",
        "en": "There is no suggestion with id {id}.",
    },
    "err.accept_needs_yes": {
        "da": "Et forslag kommer kun i planen, når borgeren har sagt ja til det.",
        "en": "A suggestion only goes into the plan when the citizen has said yes to it.",
    },
    "err.no_plan_item": {
        "da": "Der er intet punkt i planen med id {id}.",
        "en": "There is no plan item with id {id}.",
    },
    "err.no_plan_version": {
        "da": "Møde {id} har ingen version {version} af planen.",
        "en": "Meeting {id} has no version {version} of the plan.",
    },
    # --- the plan (easy-read: short lines, everyday words) ---
    "plan.title": {"da": "Min plan", "en": "My plan"},
    "plan.owner": {
        "da": "Det er min plan. Jeg hedder {name}.",
        "en": "This is my plan. My name is {name}.",
    },
    "plan.meeting_date": {"da": "Vi holdt mødet {date}.", "en": "We had the meeting on {date}."},
    "plan.version": {"da": "Version {number}", "en": "Version {number}"},
    "plan.approved": {
        "da": "{by} sagde ja til planen {date}.",
        "en": "{by} said yes to the plan on {date}.",
    },
    "plan.not_approved": {
        "da": "Jeg har ikke sagt ja til planen endnu.",
        "en": "I have not said yes to the plan yet.",
    },
    "plan.mig": {"da": "Mig", "en": "Me"},
    "plan.mig_likes": {"da": "Det kan jeg lide", "en": "I like"},
    "plan.mig_dreams": {"da": "Mine hverdagsdrømme", "en": "My everyday dreams"},
    "plan.mig_know": {"da": "Det skal du vide om mig", "en": "You should know this about me"},
    "plan.important_now": {"da": "Det er vigtigt for mig nu", "en": "This matters to me now"},
    "plan.dreams": {"da": "Mine drømme og ønsker", "en": "My dreams and wishes"},
    "plan.can_do": {"da": "Det kan jeg", "en": "I can do this"},
    "plan.with_help": {"da": "Det kan jeg med hjælp", "en": "I can do this with help"},
    "plan.we_do": {"da": "Det gør vi", "en": "What we will do"},
    "plan.with_whom": {"da": "Sammen med", "en": "Together with"},
    "plan.by_when": {"da": "Hvornår", "en": "When"},
    "plan.follow_up": {"da": "Hvem følger op", "en": "Who follows up"},
    "plan.needs_decision": {
        "da": "Kommunen skal først sige ja til det her.",
        "en": "The municipality must say yes to this first.",
    },
    "plan.nobody_yet": {
        "da": "Det har vi ikke aftalt endnu",
        "en": "We have not agreed on this yet",
    },
    "plan.who_is_in": {"da": "Hvem er med", "en": "Who takes part"},
    "plan.not_possible": {
        "da": "Det kan ikke lade sig gøre – og derfor",
        "en": "This cannot be done – and why",
    },
    "plan.because": {"da": "Fordi", "en": "Because"},
    "plan.other_ways": {"da": "Det kan vi gøre i stedet", "en": "What we can do instead"},
    "plan.parked": {"da": "Det kan vi ikke ændre her", "en": "We cannot change this here"},
    "plan.next_meeting": {"da": "Næste møde", "en": "Next meeting"},
    "plan.not_set": {"da": "Vi har ikke sat en dato endnu.", "en": "We have not set a date yet."},
    "plan.nothing_yet": {"da": "Ikke noget endnu.", "en": "Nothing yet."},
    "plan.nothing_here": {"da": "Ikke noget.", "en": "Nothing."},
    "who.selv": {"da": "Det gør jeg selv", "en": "I do this myself"},
    "who.sammen": {"da": "Det gør vi sammen", "en": "We do this together"},
    "who.andre": {"da": "Det hjælper andre mig med", "en": "Others help me with this"},
    "who.none": {
        "da": "Vi har ikke aftalt, hvem der gør det",
        "en": "We have not agreed who does this",
    },
    "kind.borger": {"da": "mig", "en": "me"},
    "kind.privat": {"da": "min familie og mine venner", "en": "my family and friends"},
    "kind.fagperson": {"da": "fagperson", "en": "professional"},
    "kind.medborgerguide": {"da": "medborgerguide", "en": "peer guide"},
    "kind.frivillig": {"da": "frivillig", "en": "volunteer"},
    # --- command line ---
    "cli.backup_made": {
        "da": "En kopi af den gamle database er gemt i {path}.",
        "en": "A copy of the old database was saved at {path}.",
    },
    "cli.demo_ready": {
        "da": "Demo-data er klar i {path}. Demo-mødet har id {id}.",
        "en": "The demo data is ready in {path}. The demo meeting has id {id}.",
    },
    "cli.store_ready": {"da": "Databasen er klar: {path}", "en": "The database is ready: {path}"},
    "cli.no_citizens": {"da": "Der er ingen borgere endnu.", "en": "There are no citizens yet."},
    "cli.no_meetings": {"da": "Der er ingen møder endnu.", "en": "There are no meetings yet."},
    "cli.imported": {
        "da": "{path}: {added} nye, {updated} opdaterede, {unchanged} uændrede.",
        "en": "{path}: {added} new, {updated} updated, {unchanged} unchanged.",
    },
    "cli.stats_total": {
        "da": "{total} tilbud og venner i alt",
        "en": "{total} offers and friends in all",
    },
    "cli.stats_kind": {"da": "Slags", "en": "Kind"},
    "cli.stats_silo": {"da": "Afdeling eller organisation", "en": "Department or organisation"},
    "cli.stats_theme": {"da": "Tema", "en": "Theme"},
    "cli.stats_stale": {
        "da": "{n} er ikke bekræftet de sidste 12 måneder:",
        "en": "{n} have not been confirmed in the last 12 months:",
    },
    "status.planlagt": {"da": "planlagt", "en": "planned"},
    "status.i_gang": {"da": "i gang", "en": "in progress"},
    "status.afsluttet": {"da": "afsluttet", "en": "finished"},
    "entry.offer": {"da": "tilbud", "en": "offer"},
    "entry.friend": {"da": "ven på tværs", "en": "friend across silos"},
    "suggest.because": {
        "da": "Fordi du sagde: »{why}«",
        "en": "Because you said: \u201c{why}\u201d",
    },
    # --- note kinds ---
    "notekind.drøm": {"da": "drøm", "en": "dream"},
    "notekind.ønske": {"da": "ønske", "en": "wish"},
    "notekind.behov": {"da": "behov", "en": "need"},
    "notekind.ressource": {"da": "det kan jeg", "en": "I can"},
    "notekind.bekymring": {"da": "bekymring", "en": "worry"},
    "notekind.idé": {"da": "idé", "en": "idea"},
    "notekind.spørgsmål": {"da": "find ud af", "en": "find out"},
    "notekind.aftale": {"da": "aftale", "en": "agreement"},
    "notekind.refleksion": {"da": "refleksion", "en": "reflection"},
    # --- phases ---
    "phase.forberedelse": {"da": "Forberedelse", "en": "Preparation"},
    "phase.velkomst": {"da": "Velkomst og spilleregler", "en": "Welcome and ground rules"},
    "phase.siden_sidst": {"da": "Siden sidst", "en": "Since last time"},
    "phase.runder": {"da": "Runder", "en": "Rounds"},
    "phase.refleksion": {"da": "Refleksion", "en": "Reflection"},
    "phase.fremtidsdialog": {"da": "Fremtidsdialog", "en": "Future dialogue"},
    "phase.plan": {"da": "Muligheder og plan", "en": "Options and plan"},
    "phase.afrunding": {"da": "Afrunding", "en": "Closing"},
    # --- the app ---
    "app.title": {"da": "facilitator – åben dialog", "en": "facilitator – open dialogue"},
    "common.close": {"da": "Luk", "en": "Close"},
    "common.quit": {"da": "Afslut", "en": "Quit"},
    "common.theme": {"da": "Lyst/mørkt", "en": "Light/dark"},
    "home.title": {"da": "Borgere og møder", "en": "Citizens and meetings"},
    "home.help": {
        "da": "Vælg et møde og tryk Enter. N: borgerens næste møde med samme deltagere. C: ny borger. P: læs planen.",
        "en": "Choose a meeting and press Enter. N: the citizen's next meeting with the same people. C: new citizen. P: read the plan.",
    },
    "home.open": {"da": "Åbn møde", "en": "Open meeting"},
    "home.new_meeting": {"da": "Nyt møde", "en": "New meeting"},
    "home.col_citizen": {"da": "Borger", "en": "Citizen"},
    "home.col_date": {"da": "Dato", "en": "Date"},
    "home.col_title": {"da": "Møde", "en": "Meeting"},
    "home.col_status": {"da": "Status", "en": "Status"},
    "meeting.advance": {"da": "Giv ordet videre", "en": "Pass the word on"},
    "meeting.pass": {"da": "Springer over", "en": "Passes"},
    "meeting.pause": {"da": "Pause", "en": "Pause"},
    "meeting.rules": {"da": "Spilleregler", "en": "Ground rules"},
    "meeting.previous_phase": {"da": "Forrige fase", "en": "Previous phase"},
    "meeting.next_phase": {"da": "Næste fase", "en": "Next phase"},
    "meeting.leave": {"da": "Til oversigten", "en": "To overview"},
    "meeting.with": {"da": "Møde med {name}", "en": "Meeting with {name}"},
    "meeting.time": {"da": "Tid: {elapsed} af {box}", "en": "Time: {elapsed} of {box}"},
    "meeting.over_time": {"da": "(over tiden)", "en": "(over time)"},
    "meeting.has_word": {"da": "Nu har ordet", "en": "Now speaking"},
    "meeting.round": {"da": "runde {n}", "en": "round {n}"},
    "meeting.next": {"da": "Derefter: {who}", "en": "Next: {who}"},
    "meeting.last_in_round": {"da": "Derefter: runden er slut", "en": "Next: the round ends"},
    "meeting.nobody_has_word": {"da": "Ingen har ordet", "en": "Nobody has the word"},
    "meeting.press_to_start": {
        "da": "Tryk F2 for at give ordet til den første i runden.",
        "en": "Press F2 to give the word to the first in the round.",
    },
    "meeting.next_phase_hint": {
        "da": "F7 går videre til næste fase.",
        "en": "F7 goes on to the next phase.",
    },
    "meeting.no_notes_yet": {
        "da": "Ingen noter i denne tur endnu.",
        "en": "No notes in this turn yet.",
    },
    "meeting.not_spoken_title": {
        "da": "Hvem har ikke talt endnu?",
        "en": "Who has not spoken yet?",
    },
    "meeting.everyone_spoke": {
        "da": "Alle har talt i denne runde.",
        "en": "Everyone has spoken in this round.",
    },
    "meeting.circle_title": {"da": "Rundkredsen", "en": "The circle"},
    "meeting.counts": {
        "da": "ture: {turns} · noter: {notes}",
        "en": "turns: {turns} · notes: {notes}",
    },
    "note.placeholder": {
        "da": "Skriv med talerens egne ord – Enter, derefter et tal for slags",
        "en": "Write in the speaker's own words – Enter, then a number for the kind",
    },
    "note.same_kind": {"da": "Gem som sidst", "en": "Save as last"},
    "note.back_to_text": {"da": "Tilbage til teksten", "en": "Back to the text"},
    "note.cpr_warning": {
        "da": "Der står et CPR-nummer i noten. Det bliver skjult i alt, der deles.",
        "en": "The note contains a CPR number. It is masked in everything that is shared.",
    },
    "rules.title": {"da": "Spilleregler", "en": "Ground rules"},
    "rules.1": {"da": "Vi taler én ad gangen.", "en": "We speak one at a time."},
    "rules.2": {"da": "Vi taler til mødelederen.", "en": "We speak to the meeting leader."},
    "rules.3": {"da": "Pauser er i orden.", "en": "Pauses are fine."},
    "rules.4": {"da": "Ingen skal sige noget.", "en": "Nobody has to say anything."},
    "rules.5": {
        "da": "Borgeren vælger, hvad vi taler om.",
        "en": "The citizen chooses what we talk about.",
    },
    "rules.6": {
        "da": "Alt, der bliver skrevet her, kan alle se.",
        "en": "Everything written here can be seen by everyone.",
    },
    "rules.close_hint": {"da": "Tryk Enter for at lukke.", "en": "Press Enter to close."},
    "pause.title": {"da": "Pause og refleksion", "en": "Pause and reflection"},
    "pause.text": {
        "da": "Vi tager en pause. Der bliver ikke skrevet noget ned.",
        "en": "We take a break. Nothing is written down.",
    },
    "pause.timer": {
        "da": "Pausen har varet {minutes} min.",
        "en": "The pause has lasted {minutes} min.",
    },
    "pause.resume": {"da": "Fortsæt mødet", "en": "Resume the meeting"},
    "pause.resume_hint": {"da": "Tryk Enter for at fortsætte.", "en": "Press Enter to continue."},
    "prep.invited": {"da": "Hvem vil du have med?", "en": "Who do you want to invite?"},
    "prep.topics": {"da": "Det vil jeg gerne tale om", "en": "I would like to talk about"},
    "prep.balance_hint": {
        "da": "Der er flere fagpersoner end dine egne folk. Er det sådan, du vil have det?",
        "en": "There are more professionals than your own people. Is that what you want?",
    },
    "rounds.help": {
        "da": "Alle taler på skift, én ad gangen. Borgeren starter.",
        "en": "Everyone speaks in turn, one at a time. The citizen starts.",
    },
    "reflection.help": {
        "da": 'Fagpersonerne taler sammen om det, de har hørt: "Jeg undrer mig over …".'
        " Bagefter svarer borgeren først.",
        "en": 'The professionals talk together about what they heard: "I wonder whether …".'
        " Then the citizen answers first.",
    },
    "future.q1": {
        "da": "Et år er gået, og det går godt. Hvad er godt for dig?",
        "en": "A year has passed and things are going well. What is good for you?",
    },
    "future.q2": {
        "da": "Hvad gjorde du for at det skete, og hvem hjalp dig?",
        "en": "What did you do to make it happen, and who helped you?",
    },
    "future.q3": {
        "da": "Hvad var du bekymret for for et år siden, og hvad fik bekymringen til at blive mindre?",
        "en": "What were you worried about a year ago, and what made the worry smaller?",
    },
    "planphase.help": {
        "da": "Nu ser vi på muligheder. Et forslag er en idé – ikke en aftale.",
        "en": "Now we look at options. A suggestion is an idea – not an agreement.",
    },
    "closing.help": {
        "da": "Næste møde, hvem skal vide hvad, og tre spørgsmål til borgeren.",
        "en": "Next meeting, who needs to know what, and three questions to the citizen.",
    },
    "since.help": {
        "da": "Vi ser på planen fra sidst: skete det, og hvad nu?",
        "en": "We look at the plan from last time: did it happen, and what now?",
    },
    # --- words ---
    "word.name": {"da": "Navnet", "en": "name"},
    "word.topic": {"da": "Emnet", "en": "topic"},
    "word.note": {"da": "Noten", "en": "note"},
    "word.text": {"da": "Teksten", "en": "text"},
}


def _merge() -> None:
    """The catalog is one dictionary; its areas live in their own files for readability."""
    from facilitator.i18n import (
        catalog_assist,
        catalog_closing,
        catalog_documents,
        catalog_measures,
        catalog_plan,
        catalog_prepare,
        catalog_speed,
        catalog_trust,
    )

    for part in (
        catalog_prepare.MESSAGES,
        catalog_closing.MESSAGES,
        catalog_plan.MESSAGES,
        catalog_documents.MESSAGES,
        catalog_trust.MESSAGES,
        catalog_speed.MESSAGES,
        catalog_assist.MESSAGES,
        catalog_measures.MESSAGES,
    ):
        clash = set(part) & set(MESSAGES)
        if clash:
            raise KeyError(f"message keys defined twice: {sorted(clash)}")
        MESSAGES.update(part)


_merge()
