"""Messages of the plan documents: Min plan, the § 141 view, the guide's brief, approval, LIX."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- errors ---
    "doc.err_kind": {
        "da": "Ukendt slags dokument: {kind}. Vælg citizen eller s141.",
        "en": "Unknown kind of document: {kind}. Choose citizen or s141.",
    },
    "doc.err_format": {
        "da": "Ukendt format: {fmt}. Vælg md, html eller pdf.",
        "en": "Unknown format: {fmt}. Choose md, html or pdf.",
    },
    "doc.err_no_pdf": {
        "da": "PDF kan ikke laves på denne maskine ({detail}). Brug --format html.",
        "en": "PDF cannot be made on this machine ({detail}). Use --format html.",
    },
    "doc.err_pdf_terminal": {
        "da": "En PDF kan ikke vises i terminalen. Skriv den til en fil med -o FIL.",
        "en": "A PDF cannot be shown in the terminal. Write it to a file with -o FILE.",
    },
    "doc.err_no_guide_name": {
        "da": "Skriv navnet på medborgerguiden.",
        "en": "Give the name of the peer guide.",
    },
    "doc.err_guide_unknown": {
        "da": "Der er ingen medborgerguide ved navn »{name}«.",
        "en": "There is no peer guide called \u201c{name}\u201d.",
    },
    "doc.err_guide_many": {
        "da": "{name} er medborgerguide for flere borgere ({ids}). Vælg en med --citizen.",
        "en": "{name} is the peer guide of several citizens ({ids}). Choose one with --citizen.",
    },
    # --- what the citizen's plan shows beside the items ---
    "doc.circle_title": {"da": "Vi sidder i en rundkreds", "en": "We sit in a circle"},
    "doc.circle_desc": {
        "da": "Vi sidder i en rundkreds: {names}.",
        "en": "We sit in a circle: {names}.",
    },
    "doc.circle_me": {"da": "mig", "en": "me"},
    "doc.legend.borger": {"da": "mig", "en": "me"},
    "doc.legend.privat": {"da": "familie og venner", "en": "family and friends"},
    "doc.legend.fagperson": {"da": "fagperson", "en": "professional"},
    "doc.legend.medborgerguide": {"da": "medborgerguide", "en": "peer guide"},
    "doc.legend.frivillig": {"da": "frivillig", "en": "volunteer"},
    "doc.how_it_goes": {"da": "Sådan går det for mig", "en": "How it is going for me"},
    "doc.ruler_intro": {
        "da": "Jeg giver et tal fra 1 til 10 for hvert mål. 10 er bedst.",
        "en": "I give a number from 1 to 10 for each goal. 10 is best.",
    },
    "doc.ruler_me": {"da": "Mig", "en": "Me"},
    "doc.ruler_professional": {"da": "Fagperson", "en": "Professional"},
    "doc.ruler_me_value": {"da": "Mit tal: {value}", "en": "My number: {value}"},
    "doc.ruler_other_value": {"da": "{who}: {value}", "en": "{who}: {value}"},
    "doc.ruler_point": {"da": "{date}: mig {me}", "en": "{date}: me {me}"},
    "doc.ruler_point_other": {"da": "og {who} {value}", "en": "and {who} {value}"},
    "doc.ruler_chart_title": {
        "da": "{goal} – fra 1 til 10",
        "en": "{goal} – from 1 to 10",
    },
    "doc.who5_title": {"da": "Sådan har jeg haft det", "en": "How I have been"},
    "doc.who5_intro": {
        "da": "Fem spørgsmål om de sidste to uger. Tallet går fra 0 til 100.",
        "en": "Five questions about the last two weeks. The number goes from 0 to 100.",
    },
    "doc.who5_me": {"da": "Mig", "en": "Me"},
    "doc.consents_title": {"da": "Det må andre se", "en": "What others may see"},
    "doc.consents_none": {
        "da": "Jeg har ikke sagt ja til at dele noget.",
        "en": "I have not said yes to sharing anything.",
    },
    "doc.consents_change": {
        "da": "Jeg kan altid sige nej igen. Jeg får hjælp alligevel.",
        "en": "I can always say no again. I still get help.",
    },
    "doc.consent_line": {
        "da": "{who} ({kind}) må se: {what}.",
        "en": "{who} ({kind}) may see: {what}.",
    },
    "doc.consent_item": {"da": "punktet »{what}«", "en": "the item \u201c{what}\u201d"},
    "doc.consent_scope.mig_card": {"da": "mit Mig-kort", "en": "my Me card"},
    "doc.consent_scope.plan": {
        "da": "de punkter i planen, de er med i",
        "en": "the items in the plan they take part in",
    },
    "doc.consent_scope.plan:all": {"da": "hele planen", "en": "the whole plan"},
    "doc.consent_scope.topics": {"da": "det, jeg vil tale om", "en": "what I want to talk about"},
    "doc.consent_scope.dreams": {"da": "mine drømme", "en": "my dreams"},
    "doc.consent_scope.contact": {"da": "hvordan man når mig", "en": "how to reach me"},
    "doc.consent_scope.measures": {
        "da": "mine tal på dialoglinealen og WHO-5",
        "en": "my numbers on the dialogue ruler and WHO-5",
    },
    "doc.consent_scope.notes": {
        "da": "det, der blev skrevet på mødet",
        "en": "what was written at the meeting",
    },
    "doc.consent_case.mig_card": {"da": "borgerens Mig-kort", "en": "the citizen's Me card"},
    "doc.consent_case.plan": {
        "da": "de punkter i planen, de er med i",
        "en": "the items in the plan they take part in",
    },
    "doc.consent_case.plan:all": {"da": "hele planen", "en": "the whole plan"},
    "doc.consent_case.topics": {
        "da": "det, borgeren vil tale om",
        "en": "what the citizen wants to talk about",
    },
    "doc.consent_case.dreams": {"da": "borgerens drømme", "en": "the citizen's dreams"},
    "doc.consent_case.contact": {"da": "kontaktoplysninger", "en": "contact details"},
    "doc.consent_case.notes": {"da": "mødets noter", "en": "the meeting's notes"},
    "doc.consent_case.measures": {
        "da": "borgerens målinger (dialoglineal og WHO-5)",
        "en": "the citizen's measures (dialogue ruler and WHO-5)",
    },
    "doc.recipient.medborgerguide": {"da": "medborgerguide", "en": "peer guide"},
    "doc.recipient.ven": {"da": "kontakt i kommunen", "en": "contact in the municipality"},
    "doc.recipient.afdeling": {"da": "afdeling", "en": "department"},
    "doc.recipient.forening": {"da": "forening eller frivillig", "en": "association or volunteer"},
    "doc.recipient.sprogmodel": {"da": "sprogmodel", "en": "language model"},
    "doc.file_plan": {"da": "min-plan", "en": "my-plan"},
    "doc.file_s141": {"da": "handleplan-141", "en": "action-plan-141"},
    # --- the citizen reads and approves the plan (the review screen) ---
    "review.title": {"da": "Min plan – version {number}", "en": "My plan – version {number}"},
    "review.page": {"da": "Side {n} af {total}", "en": "Page {n} of {total}"},
    "review.lix": {
        "da": "Til mødelederen: LIX {score} ({band}). Under 35 er let at læse.",
        "en": "For the meeting leader: LIX {score} ({band}). Below 35 is easy to read.",
    },
    "review.start": {
        "da": "Vi læser planen sammen, et punkt ad gangen.",
        "en": "We read the plan together, one item at a time.",
    },
    "review.ask": {"da": "Siger du ja til planen?", "en": "Do you say yes to the plan?"},
    "review.marked": {"da": "✎ Skal ændres", "en": "✎ To be changed"},
    "review.marked_count": {
        "da": "{n} punkt(er) skal ændres. Så laver vi en ny version.",
        "en": "{n} item(s) to be changed. Then we make a new version.",
    },
    "review.all_good": {
        "da": "Ingen punkter er markeret.",
        "en": "No items are marked.",
    },
    "review.approved": {
        "da": "✓ {by} sagde ja til version {number} {date}.",
        "en": "✓ {by} said yes to version {number} on {date}.",
    },
    "review.confirm": {
        "da": "Siger {name} ja til version {number} af planen?\n\nEt ja bliver gemt. Planen kan ikke ændres bagefter – en ændring bliver en ny version.",
        "en": "Does {name} say yes to version {number} of the plan?\n\nThe yes is saved. The plan cannot be changed afterwards – a change becomes a new version.",
    },
    "review.saving": {"da": "Gemmer planen …", "en": "Saving the plan …"},
    "review.saved": {
        "da": "Gemt i {folder}: {files}",
        "en": "Saved in {folder}: {files}",
    },
    "review.err_approved": {
        "da": "Version {version} er godkendt og kan ikke ændres.",
        "en": "Version {version} is approved and cannot be changed.",
    },
    "review.err_marked": {
        "da": "{n} punkt(er) er markeret til ændring. Ret dem først – så laver vi en ny version.",
        "en": "{n} item(s) are marked to be changed. Change them first – then we make a new version.",
    },
    "review.err_empty": {
        "da": "Der er ingen punkter i planen endnu. Skriv dem først – så kan du sige ja.",
        "en": "There are no items in the plan yet. Write them first – then you can say yes.",
    },
    "review.next": {"da": "Næste", "en": "Next"},
    "review.previous": {"da": "Forrige", "en": "Previous"},
    "review.mark": {"da": "Skal ændres", "en": "To be changed"},
    "review.approve": {"da": "Ja til planen", "en": "Yes to the plan"},
    "review.save": {"da": "Gem PDF", "en": "Save PDF"},
    "review.close": {"da": "Luk", "en": "Close"},
    "review.open": {"da": "Godkend", "en": "Approve"},
    "review.pdf_failed": {
        "da": "Planen blev ikke gemt: {reason}",
        "en": "The plan was not saved: {reason}",
    },
    # --- Handleplan (serviceloven § 141) ---
    "s141.title": {
        "da": "Handleplan efter serviceloven § 141",
        "en": "Action plan under the Social Services Act, section 141",
    },
    "s141.citizen": {"da": "Borger: {name}", "en": "Citizen: {name}"},
    "s141.made_with": {
        "da": "Planen er lavet sammen med {name} på mødet {date}.",
        "en": "The plan was made together with {name} at the meeting on {date}.",
    },
    "s141.approved": {
        "da": "{name} sagde ja til planen {date}.",
        "en": "{name} said yes to the plan on {date}.",
    },
    "s141.not_approved": {
        "da": "{name} har ikke sagt ja til planen endnu.",
        "en": "{name} has not said yes to the plan yet.",
    },
    "s141.purpose": {"da": "Formål", "en": "Purpose"},
    "s141.own_goals": {
        "da": "Borgerens egne mål og ønsker",
        "en": "The citizen's own goals and wishes",
    },
    "s141.support_goals": {"da": "Mål for støtten", "en": "Goals for the support"},
    "s141.support": {"da": "Indsats", "en": "Support"},
    "s141.who": {"da": "Hvem gør det", "en": "Who does it"},
    "s141.who.selv": {"da": "Borgeren selv", "en": "The citizen"},
    "s141.who.sammen": {"da": "Borgeren sammen med andre", "en": "The citizen with others"},
    "s141.who.andre": {"da": "Andre hjælper borgeren", "en": "Others help the citizen"},
    "s141.who.none": {"da": "Ikke aftalt", "en": "Not agreed"},
    "s141.needs_decision": {
        "da": "Kræver en afgørelse, før det kan ske.",
        "en": "Needs a decision before it can happen.",
    },
    "s141.duration": {"da": "Forventet varighed", "en": "Expected duration"},
    "s141.until": {
        "da": "Planen gælder til næste møde {date}. Der ser vi på den igen.",
        "en": "The plan runs until the next meeting on {date}. We look at it again then.",
    },
    "s141.no_next": {
        "da": "Der er ikke sat en dato for næste møde.",
        "en": "No date has been set for the next meeting.",
    },
    "s141.other": {"da": "Andre særlige forhold", "en": "Other special conditions"},
    "s141.not_possible": {
        "da": "Ønsker, der ikke kan opfyldes – og hvorfor",
        "en": "Wishes that cannot be met – and why",
    },
    "s141.parked": {"da": "Det kan vi ikke ændre her", "en": "What we cannot change here"},
    "s141.handover": {"da": "Hvem skal vide hvad", "en": "Who needs to know what"},
    "s141.consents": {"da": "Samtykke til deling", "en": "Consent to sharing"},
    "s141.consents_none": {
        "da": "Borgeren har ikke givet samtykke til at dele noget.",
        "en": "The citizen has not consented to sharing anything.",
    },
    "s141.may_decline": {
        "da": "{name} kan sige nej til planen. Et nej ændrer ikke retten til hjælp.",
        "en": "{name} may decline the plan. A no does not change the right to help.",
    },
    "s141.participants": {"da": "Med på mødet", "en": "At the meeting"},
    "s141.kind.borger": {"da": "borger", "en": "citizen"},
    "s141.kind.privat": {"da": "netværk", "en": "network"},
    "s141.kind.fagperson": {"da": "fagperson", "en": "professional"},
    "s141.kind.medborgerguide": {"da": "medborgerguide", "en": "peer guide"},
    "s141.kind.frivillig": {"da": "frivillig", "en": "volunteer"},
    # --- Besøgsbrev for a medborgerguide ---
    "brief.title": {"da": "Brev til {guide}", "en": "Letter to {guide}"},
    "brief.hello": {"da": "Kære {guide}.", "en": "Dear {guide}."},
    "brief.intro": {
        "da": "Du er medborgerguide for {name}. Her er det, du skal vide.",
        "en": "You are the peer guide of {name}. Here is what you need to know.",
    },
    "brief.only_this": {
        "da": "{name} har sagt ja til, at du må se det her. Du får ikke mere.",
        "en": "{name} has said yes to you seeing this. You get nothing more.",
    },
    "brief.help_with": {
        "da": "Det har {name} bedt dig hjælpe med",
        "en": "What {name} has asked you to help with",
    },
    "brief.nothing_shared": {
        "da": "Der er ikke noget her endnu.",
        "en": "There is nothing here yet.",
    },
    "brief.other_items": {"da": "Andre aftaler i planen", "en": "Other agreements in the plan"},
    "brief.about": {"da": "Om {name}", "en": "About {name}"},
    "brief.likes": {"da": "Kan lide", "en": "Likes"},
    "brief.everyday_dreams": {"da": "Drømme i hverdagen", "en": "Everyday dreams"},
    "brief.know": {"da": "Det skal du vide", "en": "You should know"},
    "brief.topics": {"da": "Det vil {name} gerne tale om", "en": "What {name} wants to talk about"},
    "brief.dreams": {"da": "Det drømmer {name} om", "en": "What {name} dreams of"},
    "brief.practical": {"da": "Praktisk", "en": "Practical"},
    "brief.contact": {
        "da": "Sådan når du {name}: {contact}",
        "en": "How to reach {name}: {contact}",
    },
    "brief.next_meeting": {
        "da": "Næste møde er {date}.",
        "en": "The next meeting is on {date}.",
    },
    "brief.approved": {
        "da": "{name} sagde ja til planen {date}.",
        "en": "{name} said yes to the plan on {date}.",
    },
    "brief.ask": {
        "da": "Spørg {name}, hvis du er i tvivl.",
        "en": "Ask {name} if you are in doubt.",
    },
    "brief.privacy_title": {"da": "Pas på det, du ved", "en": "Take care of what you know"},
    "brief.do_not_share": {
        "da": "Giv ikke det her videre til andre.",
        "en": "Do not pass this on to anyone.",
    },
    "brief.can_withdraw": {
        "da": "{name} kan altid sige nej igen. Så får du et nyt brev.",
        "en": "{name} can always say no again. Then you get a new letter.",
    },
    "brief.since": {
        "da": "{name} sagde ja til at dele den {date}.",
        "en": "{name} said yes to sharing on {date}.",
    },
    "lix.band.none": {"da": "ingen tekst", "en": "no text"},
    "lix.band.very_easy": {"da": "meget let", "en": "very easy"},
    "lix.band.easy": {"da": "let", "en": "easy"},
    "lix.band.middle": {"da": "middel", "en": "medium"},
    "lix.band.hard": {"da": "svær", "en": "hard"},
    "lix.band.very_hard": {"da": "meget svær", "en": "very hard"},
    "measures.word_goal": {"da": "Målet", "en": "goal"},
    "measures.word_citizen_rating": {"da": "Din vurdering", "en": "your rating"},
    "measures.word_professional_rating": {
        "da": "Fagpersonens vurdering",
        "en": "the professional's rating",
    },
    "measures.err_ruler": {
        "da": "{what} skal være et tal fra {lo} til {hi}.",
        "en": "{what} must be a number from {lo} to {hi}.",
    },
    "measures.err_who5": {
        "da": "WHO-5 skal have {n} svar, hvert fra 0 til {hi}.",
        "en": "WHO-5 needs {n} answers, each from 0 to {hi}.",
    },
    "measures.err_occasion": {
        "da": "Ukendt anledning: {occasion}.",
        "en": "Unknown occasion: {occasion}.",
    },
    "measures.err_not_opted_in": {
        "da": "Borgeren har ikke sagt ja til WHO-5.",
        "en": "The citizen has not said yes to WHO-5.",
    },
}
