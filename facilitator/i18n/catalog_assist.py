"""Messages of the optional language-model assistance and its fallbacks."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- settings.toml ---
    "settings.err_unreadable": {
        "da": "Indstillingerne i {path} kan ikke læses ({reason}).",
        "en": "The settings in {path} cannot be read ({reason}).",
    },
    "settings.err_value": {
        "da": "Indstillingen {setting} i {path} skal være {expected}.",
        "en": "The setting {setting} in {path} must be {expected}.",
    },
    # --- the connection (one sentence each; the meeting goes on) ---
    "assist.err_no_url": {
        "da": "Der er ingen adresse til en sprogmodel.",
        "en": "There is no address for a language model.",
    },
    "assist.err_bad_url": {
        "da": "Adressen {url} er ikke en http- eller https-adresse til en sprogmodel.",
        "en": "The address {url} is not an http or https address for a language model.",
    },
    "assist.err_url_credentials": {
        "da": "Adressen til sprogmodellen må ikke indeholde brugernavn eller adgangskode.",
        "en": "The language model's address must not contain a user name or password.",
    },
    "assist.err_remote": {
        "da": "Sprogmodellen på {host} ligger uden for det lokale netværk, så intet blev sendt – sæt allow_remote = true i indstillingerne, hvis det er meningen.",
        "en": "The language model at {host} is outside the local network, so nothing was sent – set allow_remote = true in the settings if that is intended.",
    },
    "assist.err_timeout": {
        "da": "Sprogmodellen svarede ikke inden for {seconds} sekunder.",
        "en": "The language model did not answer within {seconds} seconds.",
    },
    "assist.err_unreachable": {
        "da": "Sprogmodellen på {url} kan ikke nås lige nu.",
        "en": "The language model at {url} cannot be reached right now.",
    },
    "assist.err_status": {
        "da": "Sprogmodellen svarede med en fejl (HTTP {status}).",
        "en": "The language model answered with an error (HTTP {status}).",
    },
    "assist.err_malformed": {
        "da": "Sprogmodellen sendte et svar, der ikke kan læses.",
        "en": "The language model sent an answer that cannot be read.",
    },
    "assist.err_empty": {
        "da": "Sprogmodellen sendte et tomt svar.",
        "en": "The language model sent an empty answer.",
    },
    # --- what there is to work on ---
    "assist.err_no_notes": {
        "da": "Der er ingen noter endnu at lave et udkast ud fra.",
        "en": "There are no notes yet to draft from.",
    },
    "assist.err_no_turn": {
        "da": "Turen {id} findes ikke i dette møde.",
        "en": "Turn {id} is not part of this meeting.",
    },
    "assist.err_no_item": {
        "da": "Der er intet punkt i planen endnu at skrive let.",
        "en": "There is no plan item yet to make easy to read.",
    },
    "assist.err_not_for_plan": {
        "da": "Dette udkast kan ikke sættes ind i planen.",
        "en": "This draft cannot be put into the plan.",
    },
    # --- why the fallback ---
    "assist.no_model": {
        "da": "Ingen sprogmodel er sat op, så udkastet er lavet uden.",
        "en": "No language model is set up, so the draft was made without one.",
    },
    "assist.no_consent.draft": {
        "da": "Borgeren har ikke sagt ja til, at sprogmodellen må se noterne, så intet blev sendt.",
        "en": "The citizen has not agreed that the language model may see the notes, so nothing was sent.",
    },
    "assist.no_consent.questions": {
        "da": "Borgeren har ikke sagt ja til, at sprogmodellen må se noterne, så intet blev sendt.",
        "en": "The citizen has not agreed that the language model may see the notes, so nothing was sent.",
    },
    "assist.no_consent.easy_read": {
        "da": "Borgeren har ikke sagt ja til, at sprogmodellen må se dette punkt i planen, så intet blev sendt.",
        "en": "The citizen has not agreed that the language model may see this plan item, so nothing was sent.",
    },
    "assist.no_consent.summary": {
        "da": "Borgeren har ikke sagt ja til, at sprogmodellen må se noget fra mødet, så intet blev sendt.",
        "en": "The citizen has not agreed that the language model may see anything from the meeting, so nothing was sent.",
    },
    "assist.remote_warning": {
        "da": "⚠ Sprogmodellen ligger uden for kommunens netværk ({host}): det, der sendes, forlader denne computer.",
        "en": "⚠ The language model is outside the municipality's network ({host}): what is sent leaves this computer.",
    },
    # --- hints (easy-read and drafts without a model) ---
    "assist.hint_jargon": {
        "da": "Skriv hellere «{instead}» end «{word}».",
        "en": "Write «{instead}» rather than «{word}».",
    },
    "assist.hint_swapped": {
        "da": "«{word}» er skiftet ud med «{instead}».",
        "en": "«{word}» is replaced by «{instead}».",
    },
    "assist.hint_long_sentence": {
        "da": "Sætningen, der begynder «{start}», har {words} ord – del den gerne i to.",
        "en": "The sentence beginning «{start}» has {words} words – consider splitting it.",
    },
    "assist.hint_split": {
        "da": "Lange sætninger er delt ved «, og» og «, men» – læs efter, om det stadig giver mening.",
        "en": "Long sentences are split at «, and» and «, but» – check that they still make sense.",
    },
    "assist.hint_nothing_to_draft": {
        "da": "Noterne fra turen giver ikke et punkt til planen af sig selv – skriv det selv med N.",
        "en": "The turn's notes do not make a plan item by themselves – write one with N.",
    },
    # --- speakers as roles, never names ---
    "assist.role.borger": {"da": "borgeren", "en": "the citizen"},
    "assist.role.privat": {
        "da": "en fra borgerens netværk",
        "en": "someone from the citizen's network",
    },
    "assist.role.fagperson": {"da": "en fagperson", "en": "a professional"},
    "assist.role.medborgerguide": {"da": "en medborgerguide", "en": "a peer guide"},
    "assist.role.frivillig": {"da": "en frivillig", "en": "a volunteer"},
    # --- what was sent, on the wall ---
    "assist.shared_notes": {"da": "{n} noter", "en": "{n} notes"},
    "assist.shared_notes_one": {"da": "{n} note", "en": "{n} note"},
    "assist.shared_topics": {"da": "{n} emner", "en": "{n} topics"},
    "assist.shared_topics_one": {"da": "{n} emne", "en": "{n} topic"},
    "assist.shared_items": {"da": "{n} punkter fra planen", "en": "{n} plan items"},
    "assist.shared_items_one": {"da": "{n} punkt fra planen", "en": "{n} plan item"},
    "assist.shared_text": {"da": "1 tekst fra planen", "en": "1 text from the plan"},
    "assist.shared_line": {
        "da": "Sendt til sprogmodellen: {what} (uden navne, CPR-numre skjult).",
        "en": "Sent to the language model: {what} (no names, CPR numbers masked).",
    },
    # --- consent for the model in Forberedelse ---
    "consent.scope_notes": {
        "da": "Må se noterne fra mødet",
        "en": "May see the notes from the meeting",
    },
    "consent.scope_plan_all": {
        "da": "Må se hele planen",
        "en": "May see the whole plan",
    },
    "assist.recipient_local": {
        "da": "Kommunens egen sprogmodel (på det lokale netværk)",
        "en": "The municipality's own language model (on the local network)",
    },
    "assist.recipient_remote": {
        "da": "Sprogmodel uden for kommunen: {host}",
        "en": "Language model outside the municipality: {host}",
    },
    # --- the panel on the wall ---
    "assist.open": {"da": "Udkast", "en": "Drafts"},
    "assist.open_questions": {"da": "Spørgsmål", "en": "Questions"},
    "assist.menu_title": {
        "da": "Hvad vil du have et udkast til?",
        "en": "What would you like a draft for?",
    },
    "assist.menu_hint": {
        "da": "1–4 eller Enter vælger · Escape lukker. Et udkast kommer kun i planen, når du trykker Enter på det.",
        "en": "1–4 or Enter chooses · Escape closes. A draft only enters the plan when you press Enter on it.",
    },
    "assist.task.draft": {
        "da": "Punkter til planen ud fra den sidste tur",
        "en": "Plan items from the last turn",
    },
    "assist.task.easy_read": {
        "da": "Let læsning af det valgte punkt",
        "en": "Easy-read version of the chosen item",
    },
    "assist.task.questions": {
        "da": "Åbne spørgsmål efter den sidste tur",
        "en": "Open questions after the last turn",
    },
    "assist.task.summary": {
        "da": "Kort opsummering til borgeren",
        "en": "Short summary for the citizen",
    },
    "assist.need_item": {
        "da": "Vælg først et punkt i planen.",
        "en": "Choose a plan item first.",
    },
    "assist.working": {
        "da": "Sprogmodellen skriver et udkast …",
        "en": "The language model is writing a draft …",
    },
    "assist.source_model": {
        "da": "Udkast fra sprogmodellen {model} – kun et forslag.",
        "en": "Draft from the language model {model} – only a suggestion.",
    },
    "assist.source_fallback": {
        "da": "Udkast uden sprogmodel – kun et forslag.",
        "en": "Draft without a language model – only a suggestion.",
    },
    "assist.lix": {
        "da": "LIX før: {before} ({band_before}) · efter: {after} ({band_after})",
        "en": "LIX before: {before} ({band_before}) · after: {after} ({band_after})",
    },
    "assist.hint_accept": {
        "da": "Ret teksten, hvis du vil. Enter sætter den ind i planen · Escape lukker uden at gemme.",
        "en": "Edit the text if you like. Enter puts it into the plan · Escape closes without saving.",
    },
    "assist.hint_questions": {
        "da": "Spørgsmål du kan stille – de gemmes ikke. Escape lukker.",
        "en": "Questions you could ask – they are not saved. Escape closes.",
    },
    "assist.hint_summary": {
        "da": "Ret teksten, hvis du vil. Ctrl+S gemmer den til borgeren · Escape lukker uden at gemme.",
        "en": "Edit the text if you like. Ctrl+S saves it for the citizen · Escape closes without saving.",
    },
    "assist.accepted": {"da": "Sat ind i planen.", "en": "Put into the plan."},
    "assist.in_plan": {"da": "✓ i planen", "en": "✓ in the plan"},
    "assist.summary_saved": {
        "da": "Opsummeringen er gemt til borgeren: {path}",
        "en": "The summary is saved for the citizen: {path}",
    },
    "assist.close": {"da": "Luk", "en": "Close"},
    "assist.save_summary": {"da": "Gem til borgeren", "en": "Save for the citizen"},
    # --- command line ---
    "assist.cli_fallback": {
        "da": "Udkast uden sprogmodel: {reason}",
        "en": "Draft without a language model: {reason}",
    },
    "assist.cli_model": {
        "da": "Udkast fra sprogmodellen {model} – kun et forslag.",
        "en": "Draft from the language model {model} – only a suggestion.",
    },
}
