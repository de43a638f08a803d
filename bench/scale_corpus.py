"""A large directory of real, varied Danish text for bench/scale.py, from templates.

Offers and friends across the demo municipality's departments: titles, activities, places,
weekdays, target groups and contacts drawn with a fixed seed, descriptions of ~150 characters.
Entry ids are stable, so the first N entries of a larger corpus are the N-entry corpus.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

ACTIVITIES = [
    ("gåtur", "Vi går en tur i roligt tempo og drikker kaffe bagefter", "sundhed-og-bevaegelse"),
    (
        "strikkeklub",
        "Vi strikker, hækler og snakker, og nye får hjælp til at komme i gang",
        "ensomhed-og-samvaer",
    ),
    ("fællesspisning", "Vi laver mad sammen og spiser ved et langt bord", "mad-og-maaltider"),
    ("kor", "Vi synger danske sange og lidt nyt; ingen behøver kunne noder", "kultur-og-musik"),
    (
        "havehold",
        "Vi dyrker grøntsager og blomster i fælleshaven og deler høsten",
        "natur-og-haver",
    ),
    (
        "IT-café",
        "Frivillige hjælper med MitID, Digital Post, mobilen og computeren",
        "digital-hjaelp",
    ),
    (
        "gældsrådgivning",
        "En rådgiver gennemgår breve, regninger og gæld sammen med dig",
        "penge-og-papirer",
    ),
    (
        "jobklub",
        "Vi skriver ansøgninger, øver samtaler og finder praktikpladser",
        "arbejde-og-uddannelse",
    ),
    (
        "pårørendegruppe",
        "Pårørende mødes og taler om det, der er svært, med en fagperson",
        "paaroerende",
    ),
    (
        "lektiecafé",
        "Frivillige hjælper børn og unge med lektier og afleveringer",
        "boern-og-familie",
    ),
    (
        "stolegymnastik",
        "Let træning siddende på en stol, så kroppen holdes i gang",
        "sundhed-og-bevaegelse",
    ),
    ("fiskeklub", "Vi fisker fra molen, deler grej og lærer hinanden knob", "natur-og-haver"),
    ("kørselsordning", "En frivillig chauffør kører dig til læge, indkøb eller besøg", "transport"),
    ("boligrådgivning", "Hjælp til husleje, flytning, naboer og ansøgning om bolig", "bolig"),
    (
        "mødregruppe",
        "Nye forældre mødes med deres små børn og en sundhedsplejerske",
        "boern-og-familie",
    ),
    (
        "værkstedsdag",
        "Vi reparerer cykler, møbler og små apparater sammen",
        "arbejde-og-uddannelse",
    ),
    ("læsekreds", "Vi læser en bog om måneden og mødes for at tale om den", "kultur-og-musik"),
    (
        "besøgsven",
        "En frivillig kommer hjem til dig, drikker kaffe og går en tur",
        "ensomhed-og-samvaer",
    ),
    ("svømmehold", "Rolig svømning og vandgymnastik i varmtvandsbassinet", "sundhed-og-bevaegelse"),
    (
        "madpakkehold",
        "Vi smører madpakker til byens væresteder og spiser sammen bagefter",
        "mad-og-maaltider",
    ),
    (
        "samtalegruppe",
        "En lille gruppe taler om angst, tristhed og hverdagen",
        "sundhed-og-bevaegelse",
    ),
    ("dansehold", "Folkedans og pardans for begyndere; man kan komme alene", "kultur-og-musik"),
    (
        "budgethjælp",
        "Vi lægger et budget sammen og finder ud af, hvad der kan spares",
        "penge-og-papirer",
    ),
    (
        "naturvandring",
        "Vi går i skoven med en naturvejleder og ser på fugle og planter",
        "natur-og-haver",
    ),
]
PREFIXES = [
    "",
    "Åben ",
    "Lille ",
    "Tirsdags",
    "Aftenens ",
    "Nabo",
    "Hyggelig ",
    "Stille ",
    "Fælles ",
]
PLACES = [
    "biblioteket",
    "medborgerhuset",
    "kirkens sognegård",
    "aktivitetscentret",
    "fælleshuset i Vestparken",
    "idrætshallen",
    "frivilligcentret",
    "spejderhytten",
    "havnens klubhus",
    "skolens kantine",
    "ungdomshuset",
    "plejecentret Solbakken",
    "beboerlokalet på Engvej",
    "kulturhuset",
    "sundhedshuset",
]
TOWNS = [
    "Demo By",
    "Nordstrand",
    "Skovlunde Øst",
    "Bakkeby",
    "Havnsø",
    "Lindholm",
    "Kirkeby",
    "Åmarken",
]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
TIMES = ["kl. 9-11", "kl. 10-12", "kl. 13-15", "kl. 14-16", "kl. 16-18", "kl. 17-19", "kl. 19-21"]
TARGETS = [
    "ældre, der bor alene",
    "unge mellem 15 og 25",
    "forældre med små børn",
    "mennesker med angst",
    "nye i byen",
    "pårørende til syge",
    "voksne uden arbejde",
    "mennesker med handicap",
    "alle, der har lyst",
    "mænd over 60",
    "kvinder med anden etnisk baggrund",
    "familier med lav indkomst",
]
SOURCE_DEPARTMENTS = {
    "kommunal": [
        "borgmester",
        "by-kultur",
        "aeldre-handicap",
        "social-arbejdsmarked",
        "jobcenter",
        "boern-unge",
        "bibliotek",
    ],
    "forening": ["foreninger", "boligforeningen"],
    "frivillig": ["frivilligcenter", "foreninger"],
    "selvorganiseret": ["foreninger", "frivilligcenter"],
}
FIRST = [
    "Anne",
    "Birgit",
    "Carsten",
    "Dorthe",
    "Erik",
    "Fatima",
    "Gitte",
    "Hans",
    "Ida",
    "Jens",
    "Karin",
    "Lars",
    "Mette",
    "Niels",
    "Ole",
    "Pia",
    "Rasmus",
    "Sanne",
    "Tobias",
    "Yasmin",
]
LAST = [
    "Hansen",
    "Nielsen",
    "Jensen",
    "Pedersen",
    "Andersen",
    "Larsen",
    "Holm",
    "Demir",
    "Kjær",
    "Bak",
]
ROLES = [
    ("sagsbehandler i Jobcenteret", "jobcenter", "praktik, fleksjob og samtaler med arbejdsgivere"),
    ("sundhedsplejerske", "boern-unge", "søvn, amning og trivsel i de første år"),
    ("bibliotekar", "bibliotek", "læsning, IT-hjælp og foredrag om alt muligt"),
    ("boligsocial medarbejder", "boligforeningen", "naboer, husleje og aktiviteter i bebyggelsen"),
    ("frivilligkoordinator", "frivilligcenter", "at finde en forening, hvor man kan give en hånd"),
    ("socialrådgiver", "social-arbejdsmarked", "økonomi, boligstøtte og ansøgninger"),
    ("ergoterapeut", "aeldre-handicap", "hjælpemidler, træning og at klare sig selv i hjemmet"),
    ("kulturmedarbejder", "by-kultur", "kor, værksteder og gratis arrangementer i byen"),
    ("formand for idrætsforeningen", "foreninger", "hold for begyndere og nedsat kontingent"),
    ("digital vejleder i Borgerservice", "borgmester", "MitID, Digital Post og fuldmagter"),
]
HELP_WHEN = [
    "nogen vil i gang igen efter lang tid derhjemme",
    "brevene hober sig op",
    "familien er presset",
    "man er ny og ikke kender nogen",
    "nogen gerne vil give noget til andre",
    "økonomien ikke hænger sammen",
    "en ung mangler et sted at høre til",
    "hverdagen er blevet for tung",
]


def _offer(rng: random.Random, i: int) -> dict[str, Any]:
    name, what, theme = rng.choice(ACTIVITIES)
    prefix = rng.choice(PREFIXES)
    title = (prefix + name) if prefix.endswith(("s", "o")) else f"{prefix}{name}".capitalize()
    place, town = rng.choice(PLACES), rng.choice(TOWNS)
    day, time_ = rng.choice(WEEKDAYS), rng.choice(TIMES)
    target = rng.choice(TARGETS)
    source = rng.choice(list(SOURCE_DEPARTMENTS))
    give = rng.random() < 0.25
    phone = f"{rng.randint(2000, 9999)} {rng.randint(1000, 9999)}"
    return {
        "id": f"skala-tilbud-{i}",
        "title": f"{title[0].upper()}{title[1:]} i {town}",
        "description": f"{what}. Hver {day} {time_} i {place} i {town}. For {target}.",
        "source_kind": source,
        "department": rng.choice(SOURCE_DEPARTMENTS[source]),
        "themes": [theme],
        "target_group": target[0].upper() + target[1:],
        "location": {"name": place, "address": "", "postal_code": "9990", "city": town},
        "contact": {"name": rng.choice(FIRST), "phone": phone, "email": f"hold{i}@example.dk"},
        "schedule": f"Hver {day} {time_}",
        "needs_decision": source == "kommunal" and rng.random() < 0.3,
        "can_contribute": give,
        **({"contribute_text": "Du kan også selv blive frivillig på holdet."} if give else {}),
        "last_assured_date": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
    }


def _friend(rng: random.Random, i: int) -> dict[str, Any]:
    role, department, knows = rng.choice(ROLES)
    return {
        "id": f"skala-ven-{i}",
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "role": role[0].upper() + role[1:],
        "department": department,
        "networks": [rng.choice(PLACES).capitalize()],
        "can_help_with": f"Kender {knows} i {rng.choice(TOWNS)}, og ved hvem man ringer til.",
        "right_when": f"Den rette når {rng.choice(HELP_WHEN)}.",
        "contact": {"phone": f"{rng.randint(2000, 9999)} {rng.randint(1000, 9999)}"},
        "opted_in": "2025-01-10",
        "last_confirmed": f"2026-{rng.randint(1, 11):02d}-01",
    }


def corpus(n: int, seed: int = 13) -> dict[str, Any]:
    """The first n entries (4 offers to 1 friend) of the seeded directory, in our JSON format."""
    rng = random.Random(seed)
    offers, friends = [], []
    for i in range(n):
        if i % 5 == 4:
            friends.append(_friend(rng, i))
        else:
            offers.append(_offer(rng, i))
    demo = json.loads((ROOT / "corpus" / "demo_kommune.json").read_text(encoding="utf-8"))
    return {
        "format": "facilitator-corpus/1",
        "municipality": "Skala Kommune",
        "themes": demo["themes"],
        "departments": demo["departments"],
        "offers": offers,
        "friends": friends,
    }


QUERY_OPENINGS = [
    "Jeg vil gerne",
    "Hun savner at",
    "Han drømmer om at",
    "Vi har brug for hjælp til at",
    "Det ville være godt at",
    "Jeg har svært ved at",
    "Min søn vil gerne",
    "Jeg kunne godt tænke mig at",
]
QUERY_WISHES = [
    "komme ud og møde nogen",
    "synge igen",
    "komme i gang med at træne",
    "få styr på regningerne",
    "finde et arbejde",
    "lære at bruge MitID",
    "komme til lægen uden at tage bussen alene",
    "lave mad sammen med andre",
    "passe en have",
    "give noget tilbage som frivillig",
    "få hjælp til lektierne",
    "tale med andre pårørende",
    "fiske lidt om morgenen",
    "flytte til en mindre bolig",
    "have nogen at gå tur med",
    "danse igen",
    "læse mere og tale om bøgerne",
    "få en praktikplads",
    "slippe for at være alene om aftenen",
    "reparere ting med mine hænder",
]
QUERY_TAILS = ["", " om tirsdagen", " i weekenden", " tæt på hjemmet", " sammen med andre", " igen"]


def queries(n: int = 200, seed: int = 29) -> list[str]:
    """n different citizens' wishes, as a facilitator would type them."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < n:
        text = f"{rng.choice(QUERY_OPENINGS)} {rng.choice(QUERY_WISHES)}{rng.choice(QUERY_TAILS)}."
        seen[text] = None
    return list(seen)
