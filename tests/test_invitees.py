"""Invitees corrected and removed: the core rules, the keys in Forberedelse, and what a removed
invitee is left out of (every document and export for others, the plan's "Hvem er med")."""

from __future__ import annotations

import json

import pytest

from facilitator.documents import compose
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.vocabulary import NoteKind, ParticipantKind, Phase, RecipientKind
from facilitator.i18n import t, tn
from facilitator.meetings import consent, plan
from facilitator.meetings.session import MeetingSession
from facilitator.rights import export
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.prepare import PrepareScreen
from facilitator.tui.screens.prepare_forms import ConfirmRemove, InviteForm
from tests.conftest import keys_for
from tests.test_tui import SIZE

GUIDE = RecipientKind.MEDBORGERGUIDE


def someone(session: MeetingSession, name: str) -> int:
    return next(p.id for p in session.state.participants if p.name == name)


def audited(store: Store, action: str, kind: str, object_id: int) -> bool:
    return bool(
        store.row(
            "SELECT 1 FROM audit_log WHERE action = ? AND object_kind = ? AND object_id = ?",
            [action, kind, str(object_id)],
        )
    )


# --- the core ------------------------------------------------------------------------


def test_an_invitee_is_corrected_and_the_change_audited(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    session = MeetingSession(store, meeting_id)
    bent = someone(session, "Bent Nabosen")
    session.edit_participant(bent, "  Bent  Naboesen ", ParticipantKind.PRIVAT, " ven ")
    again = MeetingSession(store, meeting_id).state.participant(bent)
    assert (again.name, again.relation, again.kind) == ("Bent Naboesen", "ven", "privat")
    assert audited(store, "change", "participant", bent)


def test_a_kind_change_keeps_a_department_only_for_a_professional(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    session = MeetingSession(store, meeting_id)
    mette = someone(session, "Mette Testesen")
    session.edit_participant(mette, "Mette Testesen", ParticipantKind.PRIVAT, "ven", "jobcenter")
    assert session.state.participant(mette).department == ""
    session.edit_participant(
        mette, "Mette Testesen", ParticipantKind.FAGPERSON, "bostøtte", "jobcenter"
    )
    assert session.state.participant(mette).department == "jobcenter"


@pytest.mark.parametrize(
    ("name", "kind", "key"),
    [
        ("", ParticipantKind.PRIVAT, None),
        ("Bent", ParticipantKind.BORGER, "err.one_citizen"),
    ],
)
def test_a_correction_is_refused_with_the_reason(
    demo_meeting: tuple[Store, int], name: str, kind: ParticipantKind, key: str | None
) -> None:
    store, meeting_id = demo_meeting
    session = MeetingSession(store, meeting_id)
    bent = someone(session, "Bent Nabosen")
    with pytest.raises(FacilitatorError) as refused:
        session.edit_participant(bent, name, kind)
    if key:
        assert str(refused.value) == t(key)
    assert session.state.participant(bent).name == "Bent Nabosen"


def test_the_citizen_and_a_removed_invitee_are_not_corrected(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    session = MeetingSession(store, meeting_id)
    citizen = session.state.citizen
    assert citizen is not None
    with pytest.raises(FacilitatorError, match=t("rule.edit_citizen")):
        session.edit_participant(citizen.id, "Someone", ParticipantKind.PRIVAT)
    bent = someone(session, "Bent Nabosen")
    session.remove_participant(bent)
    with pytest.raises(FacilitatorError, match=t("rule.edit_removed")):
        session.edit_participant(bent, "Bent Naboesen", ParticipantKind.PRIVAT)


def test_a_consent_follows_a_guide_whose_name_is_corrected(
    demo_meeting: tuple[Store, int],
) -> None:
    """The citizen said yes to Per, not to a spelling: his consents follow the new name with
    their dates; the old name holds none; each move is audited."""
    store, meeting_id = demo_meeting
    session = MeetingSession(store, meeting_id)
    citizen_id = session.info.citizen_id
    before = consent.given_to(consent.active(store, citizen_id), GUIDE, "Per Guidesen")
    assert before, "the demo's guide holds consents"
    per = someone(session, "Per Guidesen")
    followed = session.edit_participant(
        per, "Per Guidesen Hansen", ParticipantKind.MEDBORGERGUIDE, "medborgerguide"
    )
    assert len(followed) == len(before)
    ledger = consent.active(store, citizen_id)
    assert consent.given_to(ledger, GUIDE, "Per Guidesen") == []
    now = consent.given_to(ledger, GUIDE, "Per Guidesen Hansen")
    assert sorted((c.scope, c.granted_at) for c in now) == sorted(
        (c.scope, c.granted_at) for c in before
    )
    assert all(audited(store, "rename", "consent", c.id) for c in now)


def test_a_consent_stays_with_the_old_kind_when_the_kind_changes(
    demo_meeting: tuple[Store, int],
) -> None:
    """A consent to Per as a peer guide is not a consent to Per as a volunteer: it stays in
    the ledger under its name (shown in Forberedelse, where it can be withdrawn)."""
    store, meeting_id = demo_meeting
    session = MeetingSession(store, meeting_id)
    citizen_id = session.info.citizen_id
    per = someone(session, "Per Guidesen")
    before = consent.given_to(consent.active(store, citizen_id), GUIDE, "Per Guidesen")
    assert session.edit_participant(per, "Per G.", ParticipantKind.FRIVILLIG, "besøgsven") == []
    after = consent.given_to(consent.active(store, citizen_id), GUIDE, "Per Guidesen")
    assert after == before


# --- a removed invitee ------------------------------------------------------------------


def test_a_removed_invitee_is_in_no_document_export_or_speaker_list(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    session = MeetingSession(store, meeting_id)
    bent = someone(session, "Bent Nabosen")
    session.set_phase(Phase.RUNDER)
    while session.state.current_speaker is None or session.state.current_speaker.id != bent:
        session.advance()
    session.add_note(NoteKind.BEHOV, "Jeg kan køre ham om tirsdagen.")
    said = store.rows("SELECT id FROM notes WHERE participant_id = ?", [bent])
    session.remove_participant(bent)
    citizen_id = session.info.citizen_id

    data = plan.snapshot(store, meeting_id)
    assert "Bent Nabosen" not in [p["name"] for p in data["participants"]]
    assert "Bent Nabosen" not in data["speaker_names"].values()
    version = plan.save_version(store, meeting_id)
    for kind in ("citizen", "s141"):
        for fmt in ("md", "html"):
            text = compose.render_plan_document(store, meeting_id, kind, fmt, version.version)
            assert isinstance(text.content, str)
            assert "Bent" not in text.content, (kind, fmt)
    brief = compose.render_brief(store, "Per Guidesen", citizen_id)
    assert "Bent" not in str(brief.content)
    shared = export.export_for(store, citizen_id, GUIDE, "Per Guidesen", audit=False)
    assert "Bent" not in json.dumps(shared, ensure_ascii=False)
    # The citizen's own export holds everything, as history: the removal and who said what.
    own = export.export_citizen(store, citizen_id, audit=False)
    meeting = next(m for m in own["meetings"] if m["id"] == meeting_id)
    row = next(p for p in meeting["participants"] if p["id"] == bent)
    assert row["removed"] == 1
    assert {n["id"] for n in meeting["notes"] if n["participant_id"] == bent} == {
        r["id"] for r in said
    }
    assert audited(store, "remove", "participant", bent)


# --- the keys in Forberedelse ---------------------------------------------------------------


async def test_r_corrects_an_invitee_through_the_filled_in_form(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    citizen_id = MeetingSession(store, meeting_id).info.citizen_id
    held = len(consent.given_to(consent.active(store, citizen_id), GUIDE, "Per Guidesen"))
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+end", "r")  # Per Guidesen, last in the order
        form = app.screen
        assert isinstance(form, InviteForm)
        assert form.editing is not None and form.editing[0].name == "Per Guidesen"
        await pilot.press("end", *keys_for(" Hansen"), "enter")
        assert isinstance(app.screen, PrepareScreen)
        message = tn("prep.consents_followed", held, name="Per Guidesen Hansen")
        assert message in [n.message for n in app._notifications]
    session = MeetingSession(store, meeting_id)
    per = session.state.active[-1]
    assert (per.name, per.kind) == ("Per Guidesen Hansen", ParticipantKind.MEDBORGERGUIDE)
    ledger = consent.active(store, session.info.citizen_id)
    assert consent.given_to(ledger, GUIDE, "Per Guidesen Hansen")


async def test_r_on_the_citizen_says_why_not(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")  # the cursor starts on the citizen
        assert isinstance(app.screen, PrepareScreen)
        assert any(n.message == t("rule.edit_citizen") for n in app._notifications)


async def test_the_removal_question_is_asked_plainly(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "delete")
        assert isinstance(app.screen, ConfirmRemove)
        shown = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert t("prep.remove_question", name="Bent Nabosen") in shown
        assert "ikke" not in t("prep.remove_question", name="Bent Nabosen")
        await pilot.press("enter")
    assert "Bent Nabosen" not in [p.name for p in MeetingSession(store, meeting_id).state.active]
