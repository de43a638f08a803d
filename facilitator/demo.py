"""The demo: a fictional citizen of Demo Kommune with one earlier meeting and one to hold now.

Everything is built through the same functions the app uses, so the demo exercises them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

from facilitator import consent, corpus, people, plan
from facilitator.records import MeetingInfo, MigCard
from facilitator.render import render_plan
from facilitator.session import MeetingSession
from facilitator.store import Store
from facilitator.vocabulary import NoteKind, ParticipantKind, Phase, PlanSection, Who

DEMO_CITIZEN = "Karsten Demo-Lund"
DEMO_GUIDE = "Per Guidesen"
DEMO_GUIDE_SCOPES = ("mig_card", "plan")

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


def _run_earlier_meeting(store: Store, citizen_id: int, when: datetime) -> MeetingInfo:
    """An earlier meeting, recorded turn by turn, with a plan the citizen approved."""
    past = Store(store.db, store.path, clock=_ticking_clock(when))  # type: ignore[arg-type]
    meeting = people.add_meeting(past, citizen_id, when.date(), title="Første møde")
    session = MeetingSession(past, meeting.id)
    for name, kind, relation, department in NETWORK:
        session.add_participant(name, kind, relation, department)
    people.add_topic(past, meeting.id, "At klare mig selv i lejligheden")
    session.set_phase(Phase.VELKOMST)
    session.set_phase(Phase.RUNDER)
    while session.state.current_speaker is not None:
        speaker = session.state.current_speaker
        for note_kind, text in EARLIER_NOTES.get(speaker.name, []):
            session.add_note(note_kind, text)
        session.advance()
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
    mid = meeting.id
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
    people.set_meeting_fields(past, mid, status="afsluttet", ended_at=past.now())
    session.set_phase(Phase.AFRUNDING)
    version = plan.save_version(past, mid, render_plan(plan.snapshot(past, mid), "md"))
    plan.approve(past, mid, version.version, DEMO_CITIZEN)
    return people.get_meeting(store, mid)


def load_demo(store: Store) -> MeetingInfo:
    """Load the demo corpus and the demo citizen (once); return the meeting to hold now."""
    corpus.import_file(store, corpus.demo_corpus_path())
    existing = [c for c in people.list_citizens(store) if c.name == DEMO_CITIZEN]
    if existing:
        meetings = people.list_meetings(store, existing[0].id)
        return meetings[-1]
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
        ),
    )
    now = store.now_dt()
    _run_earlier_meeting(
        store, citizen.id, (now - timedelta(weeks=8)).replace(hour=10, minute=0, second=0)
    )
    meeting = people.add_meeting(store, citizen.id, now.date(), title="Opfølgning")
    session = MeetingSession(store, meeting.id)
    for name, kind, relation, department in NETWORK:
        session.add_participant(name, kind, relation, department)
    for topic in ("Bussen til genoptræning", "Post og regninger", "At møde nye mennesker"):
        people.add_topic(store, meeting.id, topic)
    # Karsten lets his guide see the Mig card and the plan items Per takes part in; no more.
    for scope in DEMO_GUIDE_SCOPES:
        consent.grant(store, citizen.id, "medborgerguide", DEMO_GUIDE, scope)
    return people.get_meeting(store, meeting.id)
