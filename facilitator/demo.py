"""The demo: a fictional citizen of Demo Kommune with two earlier meetings and one to hold now.

The first meeting was about five months ago; the citizen chose to follow up after three
months, and the second meeting, eight weeks ago, reviewed the first plan ("Siden sidst") and
carried it on. At both, the citizen set the dialogue ruler for three goals (with the housing
support worker's step beside his own on one of them) and answered WHO-5, which he said yes to.
The meeting ids stay as they were before the second meeting was added: 1 is the first
meeting, 2 the meeting to hold now, 3 the follow-up after three months.

Everything is built through the same functions the app uses, so the demo exercises them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

from facilitator.directory import corpus
from facilitator.documents.render import render_plan
from facilitator.domain.records import MeetingInfo, MigCard
from facilitator.domain.vocabulary import (
    NoteKind,
    ParticipantKind,
    Phase,
    PlanSection,
    PlanStatus,
    RecipientKind,
    Who,
)
from facilitator.meetings import consent, followup, measures, people, plan, register, wellbeing
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store

DEMO_CITIZEN = "Karsten Demo-Lund"
DEMO_GUIDE = "Per Guidesen"
DEMO_GUIDE_SCOPES = ("mig_card", "plan", "contact")

NETWORK = [
    ("Lone Demo-Lund", ParticipantKind.PRIVAT, "søster", ""),
    ("Bent Nabosen", ParticipantKind.PRIVAT, "nabo", ""),
    ("Mette Testesen", ParticipantKind.FAGPERSON, "bostøtte", "social-arbejdsmarked"),
    ("Ali Eksempel", ParticipantKind.FAGPERSON, "ergoterapeut", "aeldre-handicap"),
    ("Per Guidesen", ParticipantKind.MEDBORGERGUIDE, "medborgerguide", ""),
]

EARLIER_NOTES: dict[str, list[tuple[NoteKind, str]]] = {
    DEMO_CITIZEN: [
        (NoteKind.OENSKE, "Jeg vil gerne klare mig selv i min lejlighed."),
        (NoteKind.BEHOV, "Bussen er svær. Jeg bliver forvirret, når jeg skal skifte."),
        (NoteKind.DROEM, "Jeg drømmer om at svømme igen, ligesom før."),
        (NoteKind.RESSOURCE, "Jeg er god til at lave mad, når det er enkle retter."),
    ],
    "Lone Demo-Lund": [
        (
            NoteKind.BEKYMRING,
            "Posten hober sig op, og jeg er bange for, at regninger ikke bliver betalt.",
        ),
        (NoteKind.RESSOURCE, "Jeg kan komme om søndagen og åbne post sammen med ham."),
    ],
    "Bent Nabosen": [
        (NoteKind.IDE, "Vi kunne gå en tur sammen om morgenen, jeg går alligevel med hunden."),
    ],
    "Mette Testesen": [
        (NoteKind.IDE, "Vi kan øve busruten til genoptræningen sammen et par gange."),
    ],
    "Ali Eksempel": [
        (NoteKind.SPOERGSMAAL, "Hvad skal der til, for at du kan handle ind selv?"),
    ],
    "Per Guidesen": [
        (NoteKind.RESSOURCE, "Jeg har selv lært at tage bussen igen efter min hjerneskade."),
    ],
}


def _ticking_clock(start: datetime, step_seconds: int = 40) -> object:
    ticks = count()

    def clock() -> datetime:
        return start + timedelta(seconds=step_seconds * next(ticks))

    return clock


def _open_past_meeting(
    store: Store, citizen_id: int, when: datetime, title: str, topic: str
) -> tuple[Store, MeetingSession]:
    """A meeting held on ``when``, on a clock of its own, with the network invited."""
    past = Store(store.db, store.path, clock=_ticking_clock(when))  # type: ignore[arg-type]
    meeting = register.add_meeting(past, citizen_id, when.date(), title=title)
    session = MeetingSession(past, meeting.id)
    for name, kind, relation, department in NETWORK:
        session.add_participant(name, kind, relation, department)
    register.add_topic(past, meeting.id, topic)
    session.set_phase(Phase.VELKOMST)
    return past, session


def _round_of_notes(session: MeetingSession, notes: dict[str, list[tuple[NoteKind, str]]]) -> None:
    """One round of Runder: each speaker's notes, then the word goes on."""
    session.set_phase(Phase.RUNDER)
    while session.state.current_speaker is not None:
        speaker = session.state.current_speaker
        for note_kind, text in notes.get(speaker.name, []):
            session.add_note(note_kind, text)
        session.advance()


def _run_earlier_meeting(
    store: Store, citizen_id: int, when: datetime, next_meeting: datetime
) -> MeetingInfo:
    """An earlier meeting, recorded turn by turn, with a plan the citizen approved."""
    past, session = _open_past_meeting(
        store, citizen_id, when, "Første møde", "At klare mig selv i lejligheden"
    )
    _round_of_notes(session, EARLIER_NOTES)
    session.set_phase(Phase.REFLEKSION)
    reflections = {
        "Mette Testesen": "Jeg undrer mig over, om bussen er nøglen til meget af det andet.",
        "Ali Eksempel": "Jeg hører, at Karsten gerne vil selv, og det vil jeg gerne støtte.",
        DEMO_CITIZEN: "Ja, det er bussen. Hvis jeg kan tage den, kan jeg meget mere.",
    }
    while session.state.current_speaker is not None:
        speaker = session.state.current_speaker
        if speaker.name in reflections:
            session.add_note(NoteKind.REFLEKSION, reflections[speaker.name])
            session.advance()
        else:
            session.pass_turn()
    session.set_phase(Phase.PLAN)
    mid = session.meeting_id
    plan.add_plan_item(
        past,
        mid,
        "Jeg øver busruten til genoptræningen",
        who=Who.SAMMEN,
        with_whom="Mette (bostøtte)",
        by_when="inden næste møde",
        follow_up="Mette",
    )
    plan.add_plan_item(
        past,
        mid,
        "Vi åbner posten sammen om søndagen",
        who=Who.SAMMEN,
        with_whom="Lone",
        by_when="hver søndag",
        follow_up="Lone",
    )
    plan.add_plan_item(
        past,
        mid,
        "Jeg vil gerne have en følgeven til svømning",
        who=Who.ANDRE,
        with_whom="Per (medborgerguide)",
        by_when="om en måned",
        follow_up="Per",
    )
    plan.add_plan_item(
        past,
        mid,
        "Kørsel med taxa til alle aftaler",
        section=PlanSection.IKKE_MULIGT,
        reason="Der er ikke kørsel til ture, som bussen kan klare.",
        other_ways="Vi øver bussen sammen. Per kan tage med de første gange.",
    )
    register.set_meeting_fields(past, mid, status="afsluttet", ended_at=past.now())
    session.set_phase(Phase.AFRUNDING)
    register.set_meeting_fields(past, mid, next_meeting=next_meeting.date().isoformat())
    version = plan.save_version(past, mid, render_plan)
    plan.approve(past, mid, version.version, DEMO_CITIZEN)
    return register.get_meeting(store, mid)


#: The dialogue ruler at each earlier meeting: goal, the citizen's step and "Jeg kan …",
#: and the housing support worker's step beside it where the citizen wanted that.
RULER_AT_START: list[tuple[str, int, str, int | None]] = [
    ("At tage bussen alene", 3, "Jeg kan tage bussen, når Mette er med.", 4),
    ("At have styr på posten", 2, "Jeg kan åbne posten, når Lone er der.", None),
    ("At svømme igen", 1, "Jeg kan tænke på at svømme, men jeg kommer ikke afsted.", None),
]
RULER_AFTER_THREE_MONTHS: list[tuple[str, int, str, int | None]] = [
    ("At tage bussen alene", 6, "Jeg kan tage bussen alene til genoptræningen.", 5),
    ("At have styr på posten", 5, "Jeg kan sortere posten selv og betale med Lone.", None),
    ("At svømme igen", 2, "Jeg kan gå hen til svømmehallen sammen med Per.", None),
]
PROFESSIONAL = "Mette (bostøtte)"
#: WHO-5 at the start and after three months: the five answers, each 0–5.
WHO5_AT_START = (2, 2, 1, 1, 2)
WHO5_AFTER_THREE_MONTHS = (3, 3, 2, 3, 3)

#: "Siden sidst" at the follow-up: how each item of the first plan went, and what now.
FIRST_PLAN_REVIEW: list[tuple[PlanStatus, str, str]] = [
    (PlanStatus.DELVIST, "Vi øver videre – nu kun de sidste stop.", "inden næste møde"),
    (PlanStatus.GJORT, "Det går godt. Vi bliver ved om søndagen.", "hver søndag"),
    (PlanStatus.IKKE_GJORT, "Per har fundet en følgeven. Vi starter nu.", "om en måned"),
]

FOLLOW_UP_NOTES: dict[str, list[tuple[NoteKind, str]]] = {
    DEMO_CITIZEN: [
        (NoteKind.RESSOURCE, "Jeg tog bussen alene to gange i sidste uge."),
        (NoteKind.OENSKE, "Jeg vil gerne svømme om torsdagen."),
    ],
    "Lone Demo-Lund": [(NoteKind.RESSOURCE, "Posten er ikke en bekymring mere.")],
    "Per Guidesen": [(NoteKind.IDE, "Følgevennen Jonas kan om torsdagen.")],
}


def _measure(
    store: Store,
    citizen_id: int,
    meeting: MeetingInfo,
    ruler: list[tuple[str, int, str, int | None]],
    who5: tuple[int, int, int, int, int],
    occasion: str,
) -> None:
    """The ruler for each goal and WHO-5, taken together with the citizen at a meeting."""
    for goal, step, statement, professional_step in ruler:
        measures.rate_goal(
            store,
            citizen_id,
            goal,
            step,
            statement,
            professional_rating=professional_step,
            professional=PROFESSIONAL if professional_step else "",
            meeting_id=meeting.id,
            taken_on=meeting.date,
        )
    wellbeing.record_who5(store, citizen_id, who5, occasion, taken_on=meeting.date)


def _run_follow_up_meeting(
    store: Store, citizen_id: int, when: datetime, next_meeting: datetime
) -> MeetingInfo:
    """The follow-up three months after the first: the first plan reviewed and carried on."""
    past, session = _open_past_meeting(
        store, citizen_id, when, "Opfølgning efter tre måneder", "Hvordan det går med bussen"
    )
    session.set_phase(Phase.SIDEN_SIDST)
    mid = session.meeting_id
    for item, (status, what_now, _) in zip(
        followup.earlier_items(past, mid), FIRST_PLAN_REVIEW, strict=True
    ):
        followup.review(past, mid, item.id, status, what_now)
        followup.carry_on(past, mid, item.id)
    _round_of_notes(session, FOLLOW_UP_NOTES)
    session.set_phase(Phase.PLAN)
    for item, (_, _, by_when) in zip(plan.plan_items(past, mid), FIRST_PLAN_REVIEW, strict=True):
        plan.update_plan_item(past, item.id, by_when=by_when)
    register.set_meeting_fields(past, mid, status="afsluttet", ended_at=past.now())
    session.set_phase(Phase.AFRUNDING)
    register.set_meeting_fields(past, mid, next_meeting=next_meeting.date().isoformat())
    version = plan.save_version(past, mid, render_plan)
    plan.approve(past, mid, version.version, DEMO_CITIZEN)
    return register.get_meeting(store, mid)


def load_demo(store: Store) -> MeetingInfo:
    """Load the demo corpus and the demo citizen (once); return the meeting to hold now.

    All or nothing: the whole demo is one transaction, so a kill part-way leaves no demo at
    all and the next ``init --demo`` loads it whole. A half-loaded demo from an earlier
    version (the citizen there, the guide's consents, loaded last, missing) is removed and
    loaded again in the same transaction.
    """
    with store.atomic():
        corpus.import_file(store, corpus.demo_corpus_path())
        existing = [c for c in people.list_citizens(store) if c.name == DEMO_CITIZEN]
        if existing and _complete(store, existing[0].id):
            return _meeting_now(store, existing[0].id)
        for half in existing:  # fictional rows only: ON DELETE CASCADE takes the meetings
            store.db.execute("DELETE FROM citizens WHERE id = ?", [half.id])
        return _load_citizen(store)


def _complete(store: Store, citizen_id: int) -> bool:
    """The demo citizen is whole: the guide's consents are the last rows the demo writes."""
    given = store.row(
        "SELECT count(*) AS n FROM consents WHERE citizen_id = ? AND recipient = ?",
        [citizen_id, DEMO_GUIDE],
    )
    return given is not None and given["n"] >= len(DEMO_GUIDE_SCOPES)


def _meeting_now(store: Store, citizen_id: int) -> MeetingInfo:
    """The demo's meeting to hold now (titled "Opfølgning"; the follow-up has its own)."""
    meetings = register.list_meetings(store, citizen_id)
    now = [m for m in meetings if m.title == "Opfølgning"]
    return now[-1] if now else meetings[-1]


def _load_citizen(store: Store) -> MeetingInfo:
    """The demo citizen, their network, two earlier meetings and the meeting to hold now."""
    citizen = people.add_citizen(store, DEMO_CITIZEN, born_year=1974)
    people.save_mig_card(
        store,
        MigCard(
            citizen.id,
            about="Jeg er 52 år og bor alene i en lejlighed i Demo By.",
            likes="Madlavning, svømning og gamle film.",
            dreams="At tage bussen alene og svømme om torsdagen.",
            know_about_me="Jeg bliver hurtigt træt. Tal roligt, og skriv det vigtige ned.",
            show_on_wall=True,
            contact="Demovej 12, 2. th., 9999 Demo By. Ring helst efter kl. 10 på 12 34 56 78.",
        ),
    )
    wellbeing.set_who5_opt_in(store, citizen.id, True)
    now = store.now_dt()
    follow_up_at = (now - timedelta(weeks=8)).replace(hour=10, minute=0, second=0)
    first_at = follow_up_at - timedelta(weeks=13)  # the citizen chose three months
    first = _run_earlier_meeting(store, citizen.id, first_at, next_meeting=follow_up_at)
    _measure(store, citizen.id, first, RULER_AT_START, WHO5_AT_START, "start")
    # The meeting to hold now is made before the follow-up, so its id stays 2.
    meeting = register.add_meeting(store, citizen.id, now.date(), title="Opfølgning")
    session = MeetingSession(store, meeting.id)
    for name, kind, relation, department in NETWORK:
        session.add_participant(name, kind, relation, department)
    for topic in ("Bussen til genoptræning", "Post og regninger", "At møde nye mennesker"):
        register.add_topic(store, meeting.id, topic)
    second = _run_follow_up_meeting(store, citizen.id, follow_up_at, next_meeting=now)
    _measure(
        store, citizen.id, second, RULER_AFTER_THREE_MONTHS, WHO5_AFTER_THREE_MONTHS, "tre_maaneder"
    )
    # Karsten lets his guide see the Mig card and the plan items Per takes part in; no more.
    for scope in DEMO_GUIDE_SCOPES:
        consent.grant(store, citizen.id, RecipientKind.MEDBORGERGUIDE, DEMO_GUIDE, scope)
    return register.get_meeting(store, meeting.id)
