"""Messages for "Siden sidst" and "Afrunding"; merged into the one catalog in catalog.py."""

from __future__ import annotations

_WEEKDAYS = (
    ("mandag", "Monday"),
    ("tirsdag", "Tuesday"),
    ("onsdag", "Wednesday"),
    ("torsdag", "Thursday"),
    ("fredag", "Friday"),
    ("lørdag", "Saturday"),
    ("søndag", "Sunday"),
)
_MONTHS = (
    ("januar", "January"),
    ("februar", "February"),
    ("marts", "March"),
    ("april", "April"),
    ("maj", "May"),
    ("juni", "June"),
    ("juli", "July"),
    ("august", "August"),
    ("september", "September"),
    ("oktober", "October"),
    ("november", "November"),
    ("december", "December"),
)

MESSAGES: dict[str, dict[str, str]] = {
    # --- Siden sidst ---
    "since.from_meeting": {
        "da": "Planen fra mødet {date}",
        "en": "The plan from the meeting on {date}",
    },
    "since.progress": {"da": "Punkt {n} af {total}", "en": "Item {n} of {total}"},
    "since.what": {"da": "Hvad", "en": "What"},
    "since.who": {"da": "Hvem", "en": "Who"},
    "since.happened": {"da": "Skete det?", "en": "Did it happen?"},
    "since.status.aftalt": {"da": "Ikke set på endnu", "en": "Not looked at yet"},
    "since.status.gjort": {"da": "Gjort", "en": "Done"},
    "since.status.delvist": {"da": "Delvist", "en": "Partly"},
    "since.status.ikke_gjort": {"da": "Ikke gjort", "en": "Not done"},
    "since.status.droppet": {"da": "Droppet", "en": "Dropped"},
    "since.what_now": {"da": "Hvad nu?", "en": "What now?"},
    "since.what_now_placeholder": {
        "da": "Skriv med borgerens ord, hvad der skal ske nu – Enter gemmer, Esc fortryder",
        "en": "Write in the citizen's words what happens now – Enter saves, Esc undoes",
    },
    "since.what_now_word": {"da": "Teksten om hvad nu", "en": "what-now text"},
    "since.nothing_yet": {"da": "Ikke skrevet endnu.", "en": "Not written yet."},
    "since.carried": {
        "da": "✓ Med i planen i dag – vi arbejder videre med det.",
        "en": "✓ In today's plan – we keep working on it.",
    },
    "since.not_carried": {
        "da": "Ikke med i planen i dag. Tryk v for at arbejde videre med det.",
        "en": "Not in today's plan. Press v to keep working on it.",
    },
    "since.carried_short": {"da": "med i planen i dag", "en": "in today's plan"},
    "since.keys": {
        "da": "Tryk g, d, i eller x. Enter: skriv hvad nu.",
        "en": "Press g, d, i or x. Enter: write what now.",
    },
    "since.overview": {"da": "Alle punkter fra sidst", "en": "All items from last time"},
    "since.none": {
        "da": "Der er ingen plan fra sidst at se på. Tryk F7 for at gå videre.",
        "en": "There is no plan from last time to look at. Press F7 to go on.",
    },
    "since.done": {"da": "Gjort", "en": "Done"},
    "since.partly": {"da": "Delvist", "en": "Partly"},
    "since.not_done": {"da": "Ikke gjort", "en": "Not done"},
    "since.dropped": {"da": "Droppet", "en": "Dropped"},
    "since.write_what_now": {"da": "Hvad nu?", "en": "What now?"},
    "since.carry_on": {"da": "Videre", "en": "Carry on"},
    "since.next": {"da": "Næste", "en": "Next"},
    "since.previous": {"da": "Forrige", "en": "Previous"},
    "since.save": {"da": "Gem", "en": "Save"},
    "since.undo": {"da": "Fortryd", "en": "Undo"},
    "since.err_not_earlier": {
        "da": "Punkt {id} er ikke med i planen fra sidst.",
        "en": "Item {id} is not part of the plan from last time.",
    },
    "since.err_status": {
        "da": "Et punkt fra sidst kan være gjort, delvist, ikke gjort eller droppet.",
        "en": "An item from last time can be done, partly done, not done or dropped.",
    },
    # --- Afrunding ---
    "closing.next_meeting_title": {"da": "Næste møde", "en": "Next meeting"},
    "closing.date_placeholder": {
        "da": "Skriv datoen som 2027-01-21 – Enter gemmer",
        "en": "Write the date as 2027-01-21 – Enter saves",
    },
    "closing.date_hint": {
        "da": "Hvis I ikke vælger andet, er det 8 uger efter i dag.",
        "en": "Unless you choose otherwise, it is 8 weeks from today.",
    },
    "closing.handover_title": {
        "da": "Overlevering – hvem skal vide hvad?",
        "en": "Handover – who needs to know what?",
    },
    "closing.handover_placeholder": {
        "da": "Fx: Mette fortæller genoptræningen, at Karsten kommer med bussen – Enter gemmer",
        "en": "E.g. Mette tells the rehabilitation centre that Karsten comes by bus – Enter saves",
    },
    "closing.handover_word": {"da": "Overleveringen", "en": "handover"},
    "closing.questions_title": {"da": "Tre spørgsmål til dig", "en": "Three questions for you"},
    "closing.answer_placeholder": {
        "da": "Svaret med dine egne ord – Enter gemmer",
        "en": "The answer in your own words – Enter saves",
    },
    "closing.fields_hint": {
        "da": "Tab flytter til næste felt. Alt gemmes, når du forlader feltet.",
        "en": "Tab moves to the next field. Everything is saved when you leave the field.",
    },
    "closing.finish": {"da": "Afslut mødet", "en": "Finish the meeting"},
    "closing.save_all": {"da": "Gem alt", "en": "Save all"},
    "closing.saved": {"da": "Gemt.", "en": "Saved."},
    "closing.confirm_finish": {
        "da": "Afslut mødet med {name} nu?\n\nNæste møde: {date}.\nAlt, der er skrevet, er gemt.",
        "en": "Finish the meeting with {name} now?\n\nNext meeting: {date}."
        "\nEverything written is saved.",
    },
    "closing.finished": {"da": "Mødet er afsluttet.", "en": "The meeting is finished."},
    "closing.err_bad_date": {
        "da": "»{value}« er ikke en dato – skriv den som 2027-01-21.",
        "en": "\u201c{value}\u201d is not a date – write it as 2027-01-21.",
    },
    "closing.err_date_before": {
        "da": "Næste møde ({value}) kan ikke ligge før dette møde ({date}).",
        "en": "The next meeting ({value}) cannot be before this meeting ({date}).",
    },
    "closing.long_date": {
        "da": "{weekday} den {day}. {month} {year}",
        "en": "{weekday} {day} {month} {year}",
    },
    **{f"date.weekday.{i}": {"da": da, "en": en} for i, (da, en) in enumerate(_WEEKDAYS)},
    **{f"date.month.{i}": {"da": da, "en": en} for i, (da, en) in enumerate(_MONTHS, start=1)},
    # --- the three questions to the citizen ---
    "feedback.q1": {
        "da": "Hvordan var det for dig at være med i mødet i dag?",
        "en": "How was it for you to take part in the meeting today?",
    },
    "feedback.q2": {
        "da": "Fik du talt om det, der var vigtigt for dig?",
        "en": "Did you get to talk about what mattered to you?",
    },
    "feedback.q3": {
        "da": "Er der noget, vi skal gøre anderledes næste gang?",
        "en": "Is there anything we should do differently next time?",
    },
    "feedback.answer_word": {"da": "Svaret", "en": "answer"},
    # --- the quality check (✓ and ✗ always come with words) ---
    "quality.title": {"da": "Kvalitetstjek", "en": "Quality check"},
    "quality.intro": {
        "da": "Læst ud fra mødets log. Til eftertanke – ikke en karakter.",
        "en": "Read off the meeting's log. Food for thought – not a grade.",
    },
    "quality.everyone_spoke": {"da": "✓ Alle har talt", "en": "✓ Everyone has spoken"},
    "quality.not_spoken": {
        "da": "✗ Har ikke talt: {names}",
        "en": "✗ Has not spoken: {names}",
    },
    "quality.share_ok": {
        "da": "✓ Borgerens andel af noterne: {percent} % ({mine} af {total})",
        "en": "✓ The citizen's share of the notes: {percent}% ({mine} of {total})",
    },
    "quality.share_low": {
        "da": "✗ Borgerens andel af noterne: {percent} % ({mine} af {total}) –"
        " under en lige andel ({even} %)",
        "en": "✗ The citizen's share of the notes: {percent}% ({mine} of {total}) –"
        " below an even share ({even}%)",
    },
    "quality.no_notes": {
        "da": "✗ Der er ingen noter fra mødet endnu",
        "en": "✗ There are no notes from the meeting yet",
    },
    "quality.reflection_yes": {
        "da": "✓ Der var en refleksion (refleksionsture: {n})",
        "en": "✓ There was a reflection (reflection turns: {n})",
    },
    "quality.reflection_no": {
        "da": "✗ Der var ingen refleksion",
        "en": "✗ There was no reflection",
    },
    "quality.plan_ok": {
        "da": "✓ Alle {n} punkter i planen har en, der gør det, og en, der følger op",
        "en": "✓ All {n} plan items have someone who does it and someone who follows up",
    },
    "quality.plan_empty": {
        "da": "✗ Der er ingen punkter i planen endnu",
        "en": "✗ There are no items in the plan yet",
    },
    "quality.no_owner": {
        "da": "✗ Ingen har taget det: »{what}«",
        "en": "✗ Nobody has taken it on: \u201c{what}\u201d",
    },
    "quality.no_follow_up": {
        "da": "✗ Ingen følger op: »{what}«",
        "en": "✗ Nobody follows up: \u201c{what}\u201d",
    },
    "quality.counts": {
        "da": "Ture: {turns} · sprang over: {passes} · noter: {notes} · runder: {rounds}"
        " · punkter i planen: {items}",
        "en": "Turns: {turns} · passed: {passes} · notes: {notes} · rounds: {rounds}"
        " · plan items: {items}",
    },
}
