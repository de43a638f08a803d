"""One writer per meeting, in every screen: an app that only looks writes nothing, wherever
it tries, and says who leads in one sentence; a plan item the disk refuses stays in its form
(issue 14, items 4 and 5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from facilitator.assist.tasks import Proposal, Task, accept
from facilitator.directory.embeddings import HashingEmbedder
from facilitator.directory.suggestions import rate, store_ranked
from facilitator.domain.errors import MeetingHeld
from facilitator.domain.records import MigCard
from facilitator.domain.vocabulary import NoteKind, ParticipantKind, Phase, Rating, RecipientKind
from facilitator.meetings import (
    closing,
    consent,
    followup,
    lease,
    measures,
    people,
    plan,
    register,
    wellbeing,
)
from facilitator.meetings.session import MeetingSession
from facilitator.rights.erasure import forget_citizen
from facilitator.storage.store import Store
from facilitator.tui.app import FacilitatorApp, make_app
from facilitator.tui.screens.base import PhaseScreen
from facilitator.tui.screens.plan import PlanGrid
from facilitator.tui.widgets.plan_form import PlanItemForm
from facilitator.tui.widgets.suggestion_list import SuggestionList
from tests.figures import record
from tests.test_trust_writer import faulty, meeting_in_rounds

HELD = "ledes fra"


def two_meetings(store: Store) -> tuple[int, int, int]:
    """Carla's first meeting with one plan item, and her second in Forberedelse: (citizen,
    earlier meeting, meeting). Also an idea stored for the second, to be rated."""
    citizen = people.add_citizen(store, "Carla Kigger")
    first = register.add_meeting(store, citizen.id)
    plan.add_plan_item(store, first.id, "Jeg tager bussen til byen")
    second = register.add_meeting(store, citizen.id)
    session = MeetingSession(store, second.id)
    session.add_participant("Bo Støtte", ParticipantKind.FAGPERSON, "bostøtte")
    session.add_participant("Per Guidesen", ParticipantKind.MEDBORGERGUIDE, "medborgerguide")
    wellbeing.set_who5_opt_in(store, citizen.id, True)
    store.db.execute(
        "INSERT INTO corpus_entries (id, kind, title, description, content_hash, imported_at)"
        " VALUES ('e1', 'offer', 'Svømning', 'Svømmehallen har hold for voksne.', 'h', ?)",
        [store.now()],
    )
    # Rated once already ("usikker"), so it is shown whatever the ranking says.
    store.db.execute(
        "INSERT INTO suggestions (meeting_id, entry_id, score, why, created_at, rating)"
        " VALUES (?, 'e1', 0.5, '', ?, 'usikker')",
        [second.id, store.now()],
    )
    store.db.conn.commit()
    return citizen.id, first.id, second.id


def everything(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the leases (whose heartbeats move on their own)."""
    tables = [
        r["name"]
        for r in store.rows("SELECT name FROM sqlite_master WHERE type = 'table'")
        if r["name"] != "meeting_leases" and not r["name"].startswith("sqlite_")
    ]
    return {
        name: [tuple(r) for r in store.db.conn.execute(f'SELECT * FROM "{name}"')]
        for name in tables
    }


# --- the core refuses every write about the citizen ----------------------------------------


def core_writes(
    citizen_id: int, earlier_id: int, meeting_id: int, item_id: int
) -> dict[str, Callable[[Store], object]]:
    """Each write a screen (or the CLI) can make about the citizen, by name."""
    card = MigCard(citizen_id, "Jeg er Carla", "", "", "", True, "")
    version = 1

    return {
        "add plan item": lambda s: plan.add_plan_item(s, meeting_id, "skrevet fra siden"),
        "edit plan item": lambda s: plan.update_plan_item(s, item_id, what="ændret"),
        "save plan version": lambda s: plan.save_version(s, meeting_id),
        "mark plan items": lambda s: plan.request_changes(s, earlier_id, version, []),
        "approve plan": lambda s: plan.approve(s, earlier_id, version, "Carla"),
        "rate idea": lambda s: rate(s, 1, Rating.GLAD),
        "keep ranking": lambda s: store_ranked(s, meeting_id, []),
        "accept draft": lambda s: accept(s, meeting_id, Task.DRAFT, Proposal("x"), "udkast"),
        "next meeting": lambda s: closing.set_next_meeting(s, meeting_id, "2027-01-05"),
        "handover": lambda s: closing.set_handover(s, meeting_id, "til Lone"),
        "feedback": lambda s: closing.answer(s, meeting_id, 1, "godt"),
        "finish": lambda s: closing.finish(s, meeting_id),
        "Mig card": lambda s: people.save_mig_card(s, card),
        "topic": lambda s: register.add_topic(s, meeting_id, "Bolig"),
        "new meeting": lambda s: register.add_meeting(s, citizen_id),
        "consent": lambda s: consent.grant(
            s, citizen_id, RecipientKind.AFDELING, "bostøtte", consent.CATEGORIES[0]
        ),
        "ruler": lambda s: measures.rate_goal(s, citizen_id, "Tage bussen", 4),
        "WHO-5 yes": lambda s: wellbeing.set_who5_opt_in(s, citizen_id, True),
        "WHO-5": lambda s: wellbeing.record_who5(s, citizen_id, [3, 3, 3, 3, 3]),
        "ruler months": lambda s: measures.set_follow_up_months(s, citizen_id, 6),
        "Siden sidst": lambda s: followup.review(s, meeting_id, item_id, "gjort"),
        "carry on": lambda s: followup.carry_on(s, meeting_id, item_id),
        "delete plan item": lambda s: plan.delete_plan_item(s, item_id),
        "forget": lambda s: forget_citizen(s, citizen_id),
    }


def test_the_store_refuses_every_write_about_a_led_citizen(store: Store) -> None:
    """Another app leads Carla's meeting: each write about her, from any module, is refused
    with the sentence that says who leads, and nothing of it is stored. Once the lease is
    given back, the same writes (as the CLI makes them, without a lease) go through."""
    citizen_id, earlier_id, meeting_id = two_meetings(store)
    item_id = plan.plan_items(store, earlier_id)[0].id
    plan.save_version(store, earlier_id)
    assert lease.acquire(store, meeting_id, store.owner) is None  # the app that leads
    looker = Store.open()  # another app (or the CLI) on the same home
    before = everything(store)
    writes = core_writes(citizen_id, earlier_id, meeting_id, item_id)
    refused = []
    for name, write in writes.items():
        with pytest.raises(MeetingHeld, match=HELD):
            write(looker)
        refused.append(name)
        assert everything(store) == before, name
    # The app that leads writes as before.
    plan.add_plan_item(store, meeting_id, "herfra")
    lease.release(store, meeting_id, store.owner)
    done = []
    for name, write in writes.items():  # no app leads: the CLI writes without a lease
        write(looker)
        done.append(name)
    looker.close()
    assert done == refused
    record(
        "looker_core_writes",
        write_functions=len(writes),
        refused_while_led=len(refused),
        rows_written_while_led=0,
        written_once_free=len(done),
    )


def test_a_stale_lease_does_not_block_the_cli(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    citizen_id, _, meeting_id = two_meetings(store)
    other = Store.open()
    assert lease.acquire(other, meeting_id, other.owner) is None
    with pytest.raises(MeetingHeld):
        register.add_topic(store, meeting_id, "Bolig")
    monkeypatch.setenv("FACILITATOR_LEASE_STALE", "0")  # the other app crashed long ago
    register.add_topic(store, meeting_id, "Bolig")
    other.close()
    assert [t.text for t in register.topics(store, meeting_id)] == ["Bolig"]


def test_a_reader_opening_the_meeting_is_audited(store: Store) -> None:
    """Reading is audited: the looking app's "open" line is written, and it is the only one."""
    _, _, meeting_id = two_meetings(store)
    assert lease.acquire(store, meeting_id, store.owner) is None
    looker = Store.open()
    looker.audit("open", "meeting", meeting_id, register.get_meeting(looker, meeting_id).citizen_id)
    with pytest.raises(MeetingHeld):
        looker.audit(
            "change", "meeting", meeting_id, register.get_meeting(looker, meeting_id).citizen_id
        )
    looker.close()
    actions = [r["action"] for r in store.rows("SELECT action FROM audit_log ORDER BY id")]
    assert actions[-1] == "open"


# --- every screen of a looking app -----------------------------------------------------------


class Said:
    """What the app said (its notifications), and the sentence that says who leads."""

    def __init__(self, app: FacilitatorApp) -> None:
        self.lines: list[str] = []
        real = app.notify

        def notify(message: str, *args: Any, **kwargs: Any) -> None:
            self.lines.append(str(message))
            real(message, *args, **kwargs)

        app.notify = notify  # type: ignore[method-assign]

    def take(self) -> list[str]:
        lines, self.lines = self.lines, []
        return lines


@pytest.mark.slow  # a long journey by keys: `make test` runs it, `make check` not
async def test_a_looking_app_writes_nothing_from_any_screen(store: Store, home: Path) -> None:
    citizen_id, earlier_id, meeting_id = two_meetings(store)
    leader_app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    looker_store = Store.open()
    looker_app = make_app(looker_store, meeting_id, embedder_factory=HashingEmbedder)
    attempts: list[tuple[str, list[str]]] = []
    async with (
        leader_app.run_test(size=(140, 42)) as one,
        looker_app.run_test(size=(140, 42)) as two,
    ):
        await one.pause()
        await two.pause()
        leader = leader_app.session
        assert leader is not None and not leader.read_only
        said = Said(looker_app)

        def screen() -> PhaseScreen:
            assert isinstance(looker_app.screen, PhaseScreen), looker_app.screen
            return looker_app.screen

        async def go(phase: Phase) -> None:
            """The leader moves the meeting on; the looking wall follows on its heartbeat."""
            leader.set_phase(phase)
            looker_app.heartbeat()
            assert looker_app.session is not None and looker_app.session.read_only
            looker_app.show_phase(looker_app.session)
            await two.pause()
            said.take()

        async def attempt(name: str, *keys: str) -> None:
            """Keys that would write: nothing stored, one sentence said, no traceback."""
            before = everything(store)
            await two.press(*keys)
            await two.pause()
            attempts.append((name, said.take()))
            assert everything(store) == before, name
            assert looker_app._exception is None

        await two.pause()
        said.take()
        # Forberedelse: a topic, the Mig card, an invitee, WHO-5 yes, a consent.
        topic = screen().query_one("#topic-input", Input)
        topic.value = "Bolig"
        topic.focus()
        await attempt("topic", "enter")
        assert topic.value == "Bolig"  # what was typed stays
        await attempt("Mig card", "ctrl+b")
        await attempt("invitee", "f2")
        await attempt("WHO-5 yes", "f8")
        consents = screen().query_one("#consents", OptionList)
        consents.focus()
        consents.highlighted = 1  # the first scope under the first recipient
        await two.pause()
        assert consents.option_count > 0
        await attempt("consent", "space")
        # Siden sidst: "Skete det?" on last time's item, and carrying it on.
        await go(Phase.SIDEN_SIDST)
        await attempt("Siden sidst status", "g")
        await attempt("carry on", "v")
        # The plan: a new item, an idea rated, the review (stores a version).
        leader.set_phase(Phase.VELKOMST)
        leader.set_phase(Phase.RUNDER)
        leader.add_note(NoteKind.OENSKE, "Jeg vil gerne svømme")
        await go(Phase.PLAN)
        screen().query_one(PlanGrid).focus()
        await two.pause()
        await attempt("plan item", "n")
        assert not isinstance(looker_app.screen, PlanItemForm)  # no form to type in vain
        ideas = screen().query_one(SuggestionList)
        ideas.focus()
        ideas.highlighted = 0
        await two.pause()
        await attempt("rate idea", "1")
        await attempt("plan review", "ctrl+g")
        # The citizen's measures, over any phase: the ruler and WHO-5.
        await two.press("ctrl+l")  # opening it is a read, audited (not an attempt to write)
        await attempt("ruler goal", "m")
        await two.press("escape", "ctrl+t")
        await attempt("WHO-5", "n")
        await two.press("escape")
        await two.pause()
        said.take()
        # Afrunding: next meeting, a feedback answer.
        await go(Phase.AFRUNDING)
        date = screen().query_one("#next-date", Input)
        date.value = "2027-01-05"
        date.focus()
        await attempt("next meeting", "enter")
        assert date.value == "2027-01-05"
        answer = screen().query_one("#answer-1", Input)
        answer.value = "Det var godt"
        answer.focus()  # leaving the date field tries to save it: refused, once
        await two.pause()
        assert len(said.take()) == 1 and date.value == "2027-01-05"
        await attempt("feedback", "enter")
        assert answer.value == "Det var godt"
        await attempt("finish", "f8")
    looker_store.close()
    wrong = [(name, lines) for name, lines in attempts if len(lines) != 1 or HELD not in lines[0]]
    assert wrong == [], wrong
    record(
        "looker_screens",
        attempts=len(attempts),
        screens=[name for name, _ in attempts],
        rows_written=0,
        sentences_per_attempt=1,
        tracebacks=0,
    )


# --- a plan item the disk refuses ------------------------------------------------------------


async def test_a_plan_item_the_disk_refuses_stays_in_its_form(store: Store) -> None:
    """Disk full while a plan item is saved: the form stays open with the text and says why,
    nothing of the item is stored (its audit line failed after its row), and Ctrl+S again
    saves it once the disk has room."""
    meeting_id = meeting_in_rounds(store)
    MeetingSession(store, meeting_id).set_phase(Phase.PLAN)
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        app.screen.query_one(PlanGrid).focus()
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, PlanItemForm)
        what = form.query_one("#what", Input)
        what.value = "Jeg ringer til Lone om posten"
        form.query_one("#follow_up", Input).value = "Lone"
        left = faulty(store, "audit_log", "database or disk is full", times=2)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and what.value == "Jeg ringer til Lone om posten"
        error = form.query_one("#form-error", Static)
        assert error.display and "disken er fuld" in str(error.content)
        assert plan.plan_items(store, meeting_id) == []
        await pilot.press("ctrl+s")  # still full: still open, still nothing
        await pilot.pause()
        assert app.screen is form and plan.plan_items(store, meeting_id) == []
        assert left() == 0
        await pilot.press("ctrl+s")  # room again: saved, once, and the form closes
        await pilot.pause()
        assert app.screen is not form
        assert app._exception is None
    items = plan.plan_items(store, meeting_id)
    assert [(i.what, i.follow_up) for i in items] == [("Jeg ringer til Lone om posten", "Lone")]
    record(
        "disk_refused_plan_item",
        refused_saves=2,
        kept_in_form=True,
        stored_while_failing=0,
        stored_after_retry=len(items),
        tracebacks=0,
    )
