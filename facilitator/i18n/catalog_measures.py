"""Messages of the measures the citizen owns: the Mig card keys, the dialogue ruler, WHO-5.

The WHO-5 statements and answer labels are the standard Danish and English wording. Nothing
here names a cut-off or a clinical label: the citizen sees their own numbers and trend only.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- errors ---
    "measures.err_no_reading": {
        "da": "Der er ingen måling med id {id}.",
        "en": "There is no reading with id {id}.",
    },
    "measures.err_months": {
        "da": "Vælg 3 eller 6 måneder, ikke {months}.",
        "en": "Choose 3 or 6 months, not {months}.",
    },
    "who5.err_unanswered": {
        "da": "Svar på alle fem udsagn først – spring gerne tilbage med ↑.",
        "en": "Answer all five statements first – go back with ↑ if you like.",
    },
    # --- keys on every phase screen ---
    "measures.key_mig": {"da": "Mig-kort", "en": "Me card"},
    "measures.key_ruler": {"da": "Dialoglineal", "en": "Dialogue ruler"},
    "measures.key_who5": {"da": "WHO-5", "en": "WHO-5"},
    # --- consent ---
    "consent.scope_measures": {
        "da": "Må se mine målinger (dialoglineal og WHO-5)",
        "en": "May see my measures (dialogue ruler and WHO-5)",
    },
    # --- the Mig card on the wall ---
    "mig.wall_title": {"da": "Mig – {name}", "en": "Me – {name}"},
    "mig.edit_hint": {
        "da": "Ctrl+B: ret Mig-kortet – du bestemmer, hvad der står.",
        "en": "Ctrl+B: edit the Me card – you decide what it says.",
    },
    "ruler.summary_title": {"da": "Dialoglinealen (Ctrl+L)", "en": "The dialogue ruler (Ctrl+L)"},
    "ruler.summary_none": {
        "da": "ikke målt endnu – tryk Ctrl+L, hvis du vil",
        "en": "not measured yet – press Ctrl+L if you want to",
    },
    "mig.saved": {"da": "Mig-kortet er gemt.", "en": "The Me card is saved."},
    # --- the dialogue ruler: the screen ---
    "ruler.title": {
        "da": "Dialoglinealen – {name}",
        "en": "The dialogue ruler – {name}",
    },
    "ruler.help": {
        "da": "1 er langt fra målet. 10 er, at målet er nået. Du vælger trinnet.",
        "en": "1 is far from the goal. 10 is that the goal is reached. You choose the step.",
    },
    "ruler.goals": {"da": "Mål", "en": "Goals"},
    "ruler.not_rated": {"da": "ikke målt endnu", "en": "not measured yet"},
    "ruler.no_goals": {
        "da": "Der er ingen mål endnu. Tryk M for at skrive et med dine egne ord.",
        "en": "There are no goals yet. Press M to write one in your own words.",
    },
    "ruler.latest": {"da": "{value} af 10", "en": "{value} of 10"},
    "ruler.over_time": {"da": "Over tid", "en": "Over time"},
    "ruler.no_readings": {
        "da": "Ikke målt endnu. Tryk Enter for at sætte dit trin.",
        "en": "Not measured yet. Press Enter to set your step.",
    },
    "ruler.apart": {"da": "forskel {n}", "en": "difference {n}"},
    "ruler.same_step": {"da": "samme trin", "en": "the same step"},
    "ruler.statement": {"da": "»{text}«", "en": "\u201c{text}\u201d"},
    "ruler.professional": {"da": "Fagperson", "en": "Professional"},
    "ruler.next": {
        "da": "Vi måler igen om {months} måneder – omkring {date}.",
        "en": "We measure again in {months} months – around {date}.",
    },
    "ruler.next_months": {
        "da": "Vi måler igen om {months} måneder.",
        "en": "We measure again in {months} months.",
    },
    "ruler.saved": {"da": "Målingen er gemt.", "en": "The reading is saved."},
    "ruler.confirm_remove": {
        "da": "Skal målingen af »{goal}« fra {date} slettes?",
        "en": "Delete the reading of \u201c{goal}\u201d from {date}?",
    },
    # --- the dialogue ruler: keys ---
    "ruler.key_new_reading": {"da": "Ny måling", "en": "New reading"},
    "ruler.key_new_goal": {"da": "Nyt mål", "en": "New goal"},
    "ruler.key_months": {"da": "3 eller 6 måneder", "en": "3 or 6 months"},
    "ruler.key_remove": {"da": "Slet seneste", "en": "Delete latest"},
    "ruler.key_close": {"da": "Luk", "en": "Close"},
    "ruler.key_lower": {"da": "Lavere", "en": "Lower"},
    "ruler.key_higher": {"da": "Højere", "en": "Higher"},
    "ruler.key_clear": {"da": "Intet trin", "en": "No step"},
    "ruler.key_save": {"da": "Gem", "en": "Save"},
    "ruler.key_cancel": {"da": "Fortryd", "en": "Cancel"},
    # --- the dialogue ruler: the form ---
    "ruler.form_title": {"da": "Dialoglineal", "en": "Dialogue ruler"},
    "ruler.field_goal": {"da": "Målet – med dine egne ord", "en": "The goal – in your own words"},
    "ruler.field_step": {
        "da": "Hvor er du på linealen i dag?",
        "en": "Where are you on the ruler today?",
    },
    "ruler.step_hint": {
        "da": "← → eller et tal (0 er 10)",
        "en": "← → or a number (0 is 10)",
    },
    "ruler.field_statement": {
        "da": "Jeg kan … (det, du kan på dette trin)",
        "en": "I can … (what you can do at this step)",
    },
    "ruler.statement_placeholder": {
        "da": "fx Jeg kan tage bussen, når en, jeg kender, er med",
        "en": "e.g. I can take the bus when someone I know comes along",
    },
    "ruler.field_professional_step": {
        "da": "En fagpersons trin ved siden af – kun hvis du vil",
        "en": "A professional's step beside yours – only if you want",
    },
    "ruler.field_professional": {"da": "Fagpersonens navn", "en": "The professional's name"},
    "ruler.no_step": {"da": "intet trin", "en": "no step"},
    "ruler.form_hint": {
        "da": "Enter eller Ctrl+S gemmer. Esc fortryder. Tab går til næste felt.",
        "en": "Enter or Ctrl+S saves. Esc cancels. Tab goes to the next field.",
    },
    # --- WHO-5: the standard statements and answers ---
    "who5.intro": {"da": "I de sidste 2 uger …", "en": "Over the last two weeks …"},
    "who5.q1": {
        "da": "har jeg været glad og i godt humør",
        "en": "I have felt cheerful and in good spirits",
    },
    "who5.q2": {
        "da": "har jeg følt mig rolig og afslappet",
        "en": "I have felt calm and relaxed",
    },
    "who5.q3": {
        "da": "har jeg følt mig aktiv og energisk",
        "en": "I have felt active and vigorous",
    },
    "who5.q4": {
        "da": "er jeg vågnet frisk og udhvilet",
        "en": "I woke up feeling fresh and rested",
    },
    "who5.q5": {
        "da": "har min dagligdag været fyldt med ting, der interesserer mig",
        "en": "my daily life has been filled with things that interest me",
    },
    "who5.answer.5": {"da": "Hele tiden", "en": "All of the time"},
    "who5.answer.4": {"da": "Det meste af tiden", "en": "Most of the time"},
    "who5.answer.3": {
        "da": "Lidt mere end halvdelen af tiden",
        "en": "More than half of the time",
    },
    "who5.answer.2": {
        "da": "Lidt mindre end halvdelen af tiden",
        "en": "Less than half of the time",
    },
    "who5.answer.1": {"da": "Lidt af tiden", "en": "Some of the time"},
    "who5.answer.0": {"da": "På intet tidspunkt", "en": "At no time"},
    "who5.occasion.start": {"da": "ved start", "en": "at the start"},
    "who5.occasion.slut": {"da": "da forløbet sluttede", "en": "at the end of the course"},
    "who5.occasion.tre_maaneder": {"da": "efter tre måneder", "en": "after three months"},
    "who5.occasion.andet": {"da": "en anden gang", "en": "another time"},
    # --- WHO-5: the screen ---
    "who5.title": {
        "da": "WHO-5 – sådan har du haft det – {name}",
        "en": "WHO-5 – how you have been – {name}",
    },
    "who5.help": {
        "da": "Fem udsagn om de sidste to uger. Tallet går fra 0 til 100. Det er kun dine egne tal.",
        "en": "Five statements about the last two weeks. The number goes from 0 to 100. These are only your own numbers.",
    },
    "who5.not_opted_in": {
        "da": "Du har ikke sagt ja til WHO-5. Det er frivilligt – du kan sige ja i Forberedelse.",
        "en": "You have not said yes to WHO-5. It is up to you – you can say yes in Preparation.",
    },
    "who5.none_yet": {
        "da": "Du har ikke svaret endnu. Tryk N for at svare.",
        "en": "You have not answered yet. Press N to answer.",
    },
    "who5.over_time": {"da": "Dine tal over tid", "en": "Your numbers over time"},
    "who5.score": {"da": "{score} af 100", "en": "{score} of 100"},
    "who5.latest_answers": {"da": "Dine svar {date}", "en": "Your answers on {date}"},
    "who5.saved": {"da": "Dine svar er gemt.", "en": "Your answers are saved."},
    "who5.confirm_remove": {
        "da": "Skal svarene fra {date} slettes?",
        "en": "Delete the answers from {date}?",
    },
    "who5.key_new": {"da": "Svar nu", "en": "Answer now"},
    "who5.key_remove": {"da": "Slet seneste", "en": "Delete latest"},
    "who5.key_close": {"da": "Luk", "en": "Close"},
    # --- WHO-5: the form ---
    "who5.form_title": {"da": "WHO-5", "en": "WHO-5"},
    "who5.choose_hint": {
        "da": "Tryk et tal fra 0 til 5 for dit svar. ↑ ↓ skifter udsagn.",
        "en": "Press a number from 0 to 5 for your answer. ↑ ↓ moves between statements.",
    },
    "who5.when": {"da": "Hvornår", "en": "When"},
    "who5.score_line": {"da": "Dit tal: {score} af 100", "en": "Your number: {score} of 100"},
    "who5.score_pending": {
        "da": "Svar på alle fem – så står dit tal her.",
        "en": "Answer all five – then your number appears here.",
    },
    "who5.form_hint": {
        "da": "Ctrl+S gemmer. Esc fortryder. Tab går til »Hvornår«.",
        "en": "Ctrl+S saves. Esc cancels. Tab goes to \u201cWhen\u201d.",
    },
    "who5.key_up": {"da": "Forrige udsagn", "en": "Previous statement"},
    "who5.key_down": {"da": "Næste udsagn", "en": "Next statement"},
    "who5.key_answer": {"da": "Svar 0–5", "en": "Answer 0–5"},
    # --- WHO-5: the yes in Forberedelse ---
    "who5.opt_in": {
        "da": "WHO-5: Jeg vil gerne svare på fem udsagn om, hvordan jeg har haft det",
        "en": "WHO-5: I would like to answer five statements about how I have been",
    },
    "who5.opt_in_section": {"da": "Sådan har jeg haft det", "en": "How I have been"},
    "who5.toggle_opt_in": {"da": "WHO-5 ja/nej", "en": "WHO-5 yes/no"},
    "who5.yes": {"da": "ja", "en": "yes"},
    "who5.key_hint": {
        "da": "Ctrl+T viser udsagnene og dine tal.",
        "en": "Ctrl+T shows the statements and your numbers.",
    },
}
