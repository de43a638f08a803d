"""Which consent questions Forberedelse asks, decided in the core, not in the screen."""

from __future__ import annotations

from facilitator.directory import departments
from facilitator.domain.vocabulary import ParticipantKind, RecipientKind
from facilitator.meetings import consent, consent_questions, people, register
from facilitator.meetings.consent_questions import ASKED_SCOPES
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store

MODEL_SCOPES = ("notes", "plan:all", "topics")


def _meeting(store: Store) -> MeetingSession:
    citizen = people.add_citizen(store, "Mette Hansen")
    session = MeetingSession(store, register.add_meeting(store, citizen.id).id)
    session.add_participant("Per Guidesen", ParticipantKind.MEDBORGERGUIDE)
    session.add_participant("Lone Frivillig", ParticipantKind.FRIVILLIG)
    session.add_participant("Karsten", ParticipantKind.FAGPERSON, "sagsbehandler", "jobcenter")
    session.add_participant("Kirsten", ParticipantKind.FAGPERSON, "", "jobcenter")
    session.add_participant("Ven", ParticipantKind.PRIVAT, "nabo")
    return session


def test_whom_and_what_the_citizen_is_asked(store: Store) -> None:
    session = _meeting(store)
    citizen_id = session.info.citizen_id
    consent.grant(store, citizen_id, RecipientKind.VEN, "Ali fra cafeen", "topics")
    consent.grant(store, citizen_id, RecipientKind.SPROGMODEL, "lokal-model", "notes")
    asked = consent_questions.questions(
        store, citizen_id, session.state.active, MODEL_SCOPES, model="Lokal-Model"
    )
    assert [(a.recipient_kind, a.recipient) for a in asked] == [
        ("medborgerguide", "Per Guidesen"),
        ("forening", "Lone Frivillig"),
        ("afdeling", "jobcenter"),  # two professionals, one department, asked once
        ("sprogmodel", "Lokal-Model"),  # the consent held by "lokal-model" is the same one
        ("ven", "Ali fra cafeen"),  # not invited, but still holds a consent: can withdraw it
    ]
    scopes = {a.recipient_kind: [q.scope for q in a.questions] for a in asked}
    assert scopes[RecipientKind.MEDBORGERGUIDE] == list(ASKED_SCOPES)
    assert scopes[RecipientKind.SPROGMODEL] == list(MODEL_SCOPES)
    answers = {(a.recipient_kind, q.scope): q.given for a in asked for q in a.questions}
    assert answers[(RecipientKind.VEN, "topics")] and answers[(RecipientKind.SPROGMODEL, "notes")]
    assert (
        not answers[(RecipientKind.VEN, "plan")]
        and not answers[(RecipientKind.MEDBORGERGUIDE, "topics")]
    )


def test_an_answer_set_in_the_ledger_is_the_next_answer(store: Store) -> None:
    session = _meeting(store)
    citizen_id = session.info.citizen_id
    consent.set_consent(store, citizen_id, RecipientKind.AFDELING, "jobcenter", "plan", True)
    asked = consent_questions.questions(store, citizen_id, session.state.active, MODEL_SCOPES)
    held = [q for a in asked for q in a.questions if q.given]
    assert [(q.recipient_kind, q.scope) for q in held] == [("afdeling", "plan")]
    assert held[0].held is not None and held[0].held.recipient == "jobcenter"


def test_nobody_to_ask(store: Store) -> None:
    citizen = people.add_citizen(store, "Mette Hansen")
    session = MeetingSession(store, register.add_meeting(store, citizen.id).id)
    assert consent_questions.questions(store, citizen.id, session.state.active, ()) == []


def test_a_department_by_id_or_name_else_as_typed(store: Store) -> None:
    store.insert("departments", {"id": "jobcenter", "name": "Jobcentret", "name_en": "Job Centre"})
    assert departments.department_id(store, " JOBCENTER ") == "jobcenter"
    assert departments.department_id(store, "jobcentret") == "jobcenter"
    assert departments.department_id(store, "job  centre") == "jobcenter"  # spaces tidied
    assert departments.department_id(store, " Jobcenter  Nord ") == "Jobcenter Nord"  # as typed
    assert departments.department_id(store, "Job Centre") == "jobcenter"
    assert departments.department_names(store, "en") == {"jobcenter": "Job Centre"}
