"""Forberedelse driven by keystrokes (Pilot); assertions on what the store holds afterwards."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from facilitator.domain.vocabulary import ParticipantKind, Phase, RecipientKind
from facilitator.i18n import set_language, t
from facilitator.meetings import consent, people, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import FacilitatorApp, make_app
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.prepare import ConsentList, MigCardView, PrepareScreen, TopicList
from facilitator.tui.screens.prepare_forms import ConfirmRemove, InviteForm, MigForm
from tests.conftest import frozen, keys_for
from tests.test_tui import SIZE


def names(store: Store, meeting_id: int) -> list[str]:
    return [p.name for p in MeetingSession(store, meeting_id).state.active]


async def tab_to(pilot: Pilot[None], kind: type[Widget]) -> None:
    """Press Tab until a widget of ``kind`` has focus (Tab moves between the sections)."""
    for _ in range(12):
        if isinstance(pilot.app.focused, kind):
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached {kind.__name__}; focus is on {pilot.app.focused}")


def consent_lines(app: FacilitatorApp) -> list[tuple[str, str, str] | None]:
    """The consent list as (kind, recipient, scope) per option; None for a heading."""
    screen = app.screen
    assert isinstance(screen, PrepareScreen)
    view = screen.query_one(ConsentList)
    return [
        screen.consent_lines.get(view.get_option_at_index(i).id or "")
        for i in range(view.option_count)
    ]


async def invite(pilot: Pilot[None], name: str, relation: str, kind_steps: int, dep: str) -> None:
    """F2, fill in the form, choose the kind with arrows and Space, Enter in a field saves."""
    await pilot.press("f2")
    assert isinstance(pilot.app.screen, InviteForm)
    await pilot.press(*keys_for(name), "tab", *keys_for(relation), "tab")
    await pilot.press(*["down"] * kind_steps, "space", "tab")
    if dep:
        await pilot.press(*keys_for(dep))
    await pilot.press("enter")


async def test_opens_in_forberedelse_and_f7_goes_on_to_velkomst(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PrepareScreen)
        await pilot.press("f7")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("f6")
        assert isinstance(app.screen, PrepareScreen)
    assert MeetingSession(store, meeting_id).state.phase is Phase.FORBEREDELSE


async def test_invite_a_professional_through_the_form(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await invite(pilot, "Sofie Jobsen", "jobkonsulent", 1, "Jobcenter Demo")
        assert isinstance(app.screen, PrepareScreen)
        await invite(pilot, "Ib Frivillig", "besøgsven", 3, "")
    added = {p.name: p for p in MeetingSession(store, meeting_id).state.active}
    sofie = added["Sofie Jobsen"]
    assert (sofie.kind, sofie.relation, sofie.department) == (
        ParticipantKind.FAGPERSON,
        "jobkonsulent",
        "jobcenter",
    )
    assert (added["Ib Frivillig"].kind, added["Ib Frivillig"].department) == (
        ParticipantKind.FRIVILLIG,
        "",
    )
    assert names(store, meeting_id)[-2:] == ["Sofie Jobsen", "Ib Frivillig"]


async def test_an_empty_name_is_refused_and_escape_cancels(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    before = names(store, meeting_id)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "enter")
        assert isinstance(app.screen, InviteForm)  # still open, the reason was shown
        refusal = t("err.empty", what=t("word.name"))
        assert any(n.message == refusal for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.screen, PrepareScreen)
    assert names(store, meeting_id) == before


async def test_remove_someone_but_never_the_citizen(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("delete")  # the cursor starts on the citizen
        assert isinstance(app.screen, PrepareScreen)
        assert any(n.message == t("err.citizen_stays") for n in app._notifications)
        await pilot.press("down", "down", "delete")
        assert isinstance(app.screen, ConfirmRemove)
        await pilot.press("escape")  # keep
        assert "Bent Nabosen" in names(store, meeting_id)
        await pilot.press("delete", "enter")
        assert isinstance(app.screen, PrepareScreen)
    assert names(store, meeting_id) == [
        "Karsten Demo-Lund",
        "Lone Demo-Lund",
        "Mette Testesen",
        "Ali Eksempel",
        "Per Guidesen",
    ]


async def test_reorder_the_speaking_order(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+end", "ctrl+up", "ctrl+up")  # Per Guidesen two places earlier
        await pilot.press("ctrl+home", "ctrl+down")  # the citizen after Lone
    assert names(store, meeting_id) == [
        "Lone Demo-Lund",
        "Karsten Demo-Lund",
        "Bent Nabosen",
        "Per Guidesen",
        "Mette Testesen",
        "Ali Eksempel",
    ]


async def test_add_and_remove_a_topic(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", *keys_for("At komme ud at svømme"), "enter")
        topics = [tp.text for tp in register.topics(store, meeting_id)]
        assert topics[-1] == "At komme ud at svømme"
        await pilot.press("enter")  # an empty topic is refused
        assert len(register.topics(store, meeting_id)) == 4
        await pilot.press("shift+tab")
        assert isinstance(app.focused, TopicList)
        await pilot.press("home", "delete")
    assert [tp.text for tp in register.topics(store, meeting_id)] == [
        "Post og regninger",
        "At møde nye mennesker",
        "At komme ud at svømme",
    ]


async def test_toggle_a_consent_grants_and_revokes(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    # The demo citizen has said yes to his guide seeing the Mig card, his part of the plan
    # and how to reach him.
    assert [c.scope for c in consent.active(store, citizen_id)] == ["mig_card", "plan", "contact"]
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await tab_to(pilot, ConsentList)
        await pilot.press("space")  # Per Guidesen: Må se mit Mig-kort – now no
        held = consent.active(store, citizen_id)
        assert [(c.recipient_kind, c.recipient, c.scope) for c in held] == [
            ("medborgerguide", "Per Guidesen", "plan"),
            ("medborgerguide", "Per Guidesen", "contact"),
        ]
        view = app.screen.query_one(ConsentList)
        prompt = str(view.get_option_at_index(view.highlighted or 0).prompt)
        assert "[ ]" in prompt.replace("\\", "") and "nej" in prompt
        await pilot.press("down", "enter")  # no to the parts of the plan he is part of
        await pilot.press("up", "space")  # yes to the Mig card after all
    ledger = consent.ledger(store, citizen_id)
    assert [(c.scope, c.active) for c in ledger] == [
        ("mig_card", False),
        ("plan", False),
        ("contact", True),
        ("mig_card", True),
    ]
    assert not consent.may_share(
        ledger, RecipientKind.MEDBORGERGUIDE, "per guidesen", "plan_item:3", True
    )
    assert consent.may_share(ledger, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "mig_card")


async def test_a_consent_stays_in_view_after_the_person_is_removed(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    consent.grant(store, citizen_id, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "topics")
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+end", "delete", "enter")  # Per Guidesen leaves the list
        assert "Per Guidesen" not in names(store, meeting_id)
        view = app.screen.query_one(ConsentList)
        lines = consent_lines(app)
        assert ("medborgerguide", "Per Guidesen", "topics") in lines
        await tab_to(pilot, ConsentList)
        view.highlighted = lines.index(("medborgerguide", "Per Guidesen", "topics"))
        await pilot.press("space")  # and can still be withdrawn
    assert [c.scope for c in consent.active(store, citizen_id)] == ["mig_card", "plan", "contact"]


async def test_a_name_with_a_bar_is_a_name_like_any_other(
    demo_meeting: tuple[Store, int],
) -> None:
    """Option ids once joined kind|name|scope and split on "|": "Per | Guide" crashed."""
    store, meeting_id = demo_meeting
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    MeetingSession(store, meeting_id).add_participant("Per | Guide", ParticipantKind.MEDBORGERGUIDE)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        lines = consent_lines(app)
        wanted = ("medborgerguide", "Per | Guide", "mig_card")
        assert wanted in lines
        await tab_to(pilot, ConsentList)
        view = app.screen.query_one(ConsentList)
        view.highlighted = lines.index(wanted)
        await pilot.press("space")
        await pilot.pause()
    held = consent.active(store, citizen_id)
    assert ("medborgerguide", "Per | Guide", "mig_card") in [
        (c.recipient_kind, c.recipient, c.scope) for c in held
    ]


async def test_the_consent_list_says_when_a_name_is_shared(demo_meeting: tuple[Store, int]) -> None:
    """Two people called Per: items that only say "Per" go to neither, and the list says so."""
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).add_participant("Per Hansen", ParticipantKind.FRIVILLIG)
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE):
        view = app.screen.query_one(ConsentList)
        prompts = [str(view.get_option_at_index(i).prompt) for i in range(view.option_count)]
        assert sum(t("consent.ambiguous", name="Per") in p for p in prompts) == 2


async def test_edit_the_mig_card_and_put_it_on_the_wall(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        assert isinstance(app.screen, MigForm)
        await pilot.press("end", *keys_for(" Jeg har en kat."), "enter")
        assert isinstance(app.screen, PrepareScreen)
        assert "Jeg har en kat." in str(app.screen.query_one(MigCardView).render())
        await pilot.press("f5")
        assert not people.get_mig_card(store, citizen_id).show_on_wall
        await tab_to(pilot, MigCardView)
        await pilot.press("space")
    card = people.get_mig_card(store, citizen_id)
    assert card.about == "Jeg er 52 år og bor alene i en lejlighed i Demo By. Jeg har en kat."
    assert card.show_on_wall


async def test_the_balance_hint_appears_when_professionals_outnumber(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    app = make_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        hint = app.screen.query_one("#balance-hint")
        assert not hint.display
        await invite(pilot, "Sofie Jobsen", "jobkonsulent", 1, "jobcenter")
        assert not hint.display  # three and three
        await invite(pilot, "Hans Læge", "egen læge", 1, "")
        assert hint.display
        assert "flere fagpersoner end dine egne folk" in str(hint.render())


def _prepared(demo_store: Store) -> FacilitatorApp:
    meeting = register.list_meetings(demo_store)[-1]
    still = frozen(demo_store)
    consent.grant(
        still, meeting.citizen_id, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "mig_card"
    )
    return make_app(still, meeting.id, theme="textual-dark")


@pytest.mark.parametrize("language", ["da", "en"])
def test_snapshot_prepare(language: str, demo_store: Store, snap_compare: object) -> None:
    set_language(language)
    assert snap_compare(_prepared(demo_store), terminal_size=SIZE)  # type: ignore[operator]
