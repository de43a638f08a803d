"""The domain's words: kinds of participant, phases, note kinds, plan choices."""

from __future__ import annotations

from enum import StrEnum


class ParticipantKind(StrEnum):
    """Who someone is in the circle."""

    BORGER = "borger"
    PRIVAT = "privat"
    FAGPERSON = "fagperson"
    MEDBORGERGUIDE = "medborgerguide"
    FRIVILLIG = "frivillig"


class Phase(StrEnum):
    """The phases of an open-dialogue action-plan meeting (DOMAIN.md §3)."""

    FORBEREDELSE = "forberedelse"
    VELKOMST = "velkomst"
    SIDEN_SIDST = "siden_sidst"
    RUNDER = "runder"
    REFLEKSION = "refleksion"
    FREMTIDSDIALOG = "fremtidsdialog"
    PLAN = "plan"
    AFRUNDING = "afrunding"

    @property
    def has_turns(self) -> bool:
        """Whether people speak in turn in this phase."""
        return self in TURN_PHASES

    @property
    def repeats(self) -> bool:
        """Whether a finished round is followed by another in the same phase."""
        return self in (Phase.RUNDER, Phase.PLAN)


PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)
TURN_PHASES = frozenset({Phase.RUNDER, Phase.REFLEKSION, Phase.FREMTIDSDIALOG, Phase.PLAN})


class NoteKind(StrEnum):
    """The tag on a note, in the speaker's words."""

    DROEM = "drøm"
    OENSKE = "ønske"
    BEHOV = "behov"
    RESSOURCE = "ressource"
    BEKYMRING = "bekymring"
    IDE = "idé"
    SPOERGSMAAL = "spørgsmål"
    AFTALE = "aftale"
    REFLEKSION = "refleksion"


#: One key per kind in the note field (the leader's hand stays on the keyboard).
NOTE_KIND_KEYS: dict[str, NoteKind] = {
    "1": NoteKind.DROEM,
    "2": NoteKind.OENSKE,
    "3": NoteKind.BEHOV,
    "4": NoteKind.RESSOURCE,
    "5": NoteKind.BEKYMRING,
    "6": NoteKind.IDE,
    "7": NoteKind.SPOERGSMAAL,
    "8": NoteKind.AFTALE,
    "9": NoteKind.REFLEKSION,
}


class TurnKind(StrEnum):
    """What a turn was: ordinary, reflecting, the answer after reflection, or future recall."""

    TUR = "tur"
    REFLEKSION = "refleksion"
    SVAR = "svar"
    FREMTID = "fremtid"


class Who(StrEnum):
    """Who does a plan item."""

    SELV = "selv"
    SAMMEN = "sammen"
    ANDRE = "andre"


class PlanSection(StrEnum):
    """Where a plan item belongs."""

    PLAN = "plan"
    IKKE_MULIGT = "ikke_muligt"
    PARKERING = "parkering"


class PlanStatus(StrEnum):
    """How a plan item stands, read at "Siden sidst"."""

    AFTALT = "aftalt"
    GJORT = "gjort"
    DELVIST = "delvist"
    IKKE_GJORT = "ikke_gjort"
    DROPPET = "droppet"


class Rating(StrEnum):
    """The citizen's rating of an offered idea; "nej" is a choice, not a failure."""

    GLAD = "glad"
    USIKKER = "usikker"
    NEJ = "nej"


class EntryKind(StrEnum):
    """A corpus entry is an offer or a friend across silos."""

    OFFER = "offer"
    FRIEND = "friend"


class SourceKind(StrEnum):
    """Who runs an offer; association offers rank equal to municipal ones."""

    KOMMUNAL = "kommunal"
    FORENING = "forening"
    FRIVILLIG = "frivillig"
    SELVORGANISERET = "selvorganiseret"


#: The people who belong to the citizen's own network (not the system).
OWN_NETWORK = frozenset({ParticipantKind.BORGER, ParticipantKind.PRIVAT})


class RecipientKind(StrEnum):
    """Whom a consent lets see something (DOMAIN.md §6)."""

    MEDBORGERGUIDE = "medborgerguide"
    VEN = "ven"
    AFDELING = "afdeling"
    FORENING = "forening"
    SPROGMODEL = "sprogmodel"


class ConsentScope(StrEnum):
    """What a consent lets the recipient see: a category (one plan item is ``plan_item:<id>``,
    made by :func:`facilitator.meetings.consent.item_scope`)."""

    MIG_CARD = "mig_card"
    PLAN = "plan"
    PLAN_ALL = "plan:all"
    TOPICS = "topics"
    DREAMS = "dreams"
    CONTACT = "contact"
    NOTES = "notes"
    MEASURES = "measures"
