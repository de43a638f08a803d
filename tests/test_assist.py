"""The four assistance tasks end to end against a real server: what is sent, what comes back.

The consent ledger decides what leaves the machine; these tests read the bytes the server
received and check that nothing else did.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from facilitator.assist import tasks
from facilitator.assist.client import LOCAL_RECIPIENT, request_body
from facilitator.assist.tasks import Task
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import PlanItem
from facilitator.domain.vocabulary import NoteKind, Phase, PlanSection, RecipientKind, Who
from facilitator.meetings import consent, plan, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.settings import LlmSettings
from facilitator.storage.store import Store
from tests.llm_server import ChatServer, chat_server

__all__ = ["chat_server"]

CPR = "010203-1234"
SECRET_WISH = "Min søster skal ikke vide, at jeg har gæld."


@pytest.fixture
def meeting(demo_meeting: tuple[Store, int]) -> tuple[Store, int]:
    """The demo meeting in the plan phase: the citizen's turn, Lone's turn, two plan items."""
    store, meeting_id = demo_meeting
    session = MeetingSession(store, meeting_id)
    session.set_phase(Phase.RUNDER)
    session.add_note(NoteKind.OENSKE, f"Jeg vil gerne tage bussen selv. Mit cpr er {CPR}.")
    session.add_note(NoteKind.DROEM, "Jeg drømmer om at svømme om torsdagen.")
    session.advance()  # Lone Demo-Lund, the sister
    session.add_note(NoteKind.RESSOURCE, "Jeg kan åbne post med ham om søndagen.")
    session.add_note(NoteKind.OENSKE, "Jeg ønsker, at han flytter tættere på mig.")
    session.set_phase(Phase.PLAN)
    plan.add_plan_item(
        store,
        meeting_id,
        "Borgeren skal iht. bevillingen modtage bostøtte mhp. at påbegynde træning i bussen.",
        who=Who.SAMMEN,
        with_whom="Mette Testesen",
        by_when="inden jul",
    )
    plan.add_plan_item(store, meeting_id, SECRET_WISH, who=Who.SELV)
    return store, meeting_id


def grant(store: Store, meeting_id: int, *scopes: str, recipient: str = LOCAL_RECIPIENT) -> None:
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    for scope in scopes:
        consent.grant(store, citizen_id, RecipientKind.SPROGMODEL, recipient, scope)


def items(store: Store, meeting_id: int) -> list[PlanItem]:
    return plan.plan_items(store, meeting_id, PlanSection.PLAN)


def turns_with_notes(store: Store, meeting_id: int) -> list[int]:
    rows = store.rows(
        "SELECT DISTINCT turn_id FROM notes WHERE meeting_id = ? ORDER BY turn_id", [meeting_id]
    )
    return [r["turn_id"] for r in rows]


def settings_for(server: ChatServer, **kw: object) -> LlmSettings:
    return LlmSettings(url=server.url, model="test-model", timeout=5.0, **kw)  # type: ignore[arg-type]


# --- what is sent ----------------------------------------------------------------------


def test_draft_sends_exactly_the_turns_consented_notes(
    meeting: tuple[Store, int], chat_server: ChatServer
) -> None:
    store, meeting_id = meeting
    grant(store, meeting_id, "notes")
    citizen_turn = turns_with_notes(store, meeting_id)[0]
    chat_server.answer = "- Jeg tager bussen selv.\n- Jeg svømmer om torsdagen.\n"
    job = tasks.prepare(store, meeting_id, Task.DRAFT, settings_for(chat_server), citizen_turn)
    assert job.fields == {
        "speaker": "borgeren",
        "notes": [
            {"kind": "ønske", "text": "Jeg vil gerne tage bussen selv. Mit cpr er XXXXXX-XXXX."},
            {"kind": "drøm", "text": "Jeg drømmer om at svømme om torsdagen."},
        ],
    }
    draft = tasks.run(job)
    [request] = chat_server.received
    # Exactly the rendered prompt with these fields, and nothing more.
    expected = request_body(tasks.render_prompt(Task.DRAFT, "da", job.fields), "test-model", 300)
    assert request.body == expected
    raw = request.raw.decode("utf-8")
    assert CPR not in raw and "010203" not in raw
    for name in ("Karsten", "Demo-Lund", "Lone", "Mette"):
        assert name not in raw
    assert "post med ham" not in raw  # another turn's note
    assert draft.source == "model" and draft.model == "test-model"
    assert [p.text for p in draft.proposals] == [
        "Jeg tager bussen selv.",
        "Jeg svømmer om torsdagen.",
    ]
    assert draft.shared == ("2 noter",)


def test_someone_elses_turn_goes_as_a_role_and_comes_back_as_together(
    meeting: tuple[Store, int], chat_server: ChatServer
) -> None:
    store, meeting_id = meeting
    grant(store, meeting_id, "notes")
    lone_turn = turns_with_notes(store, meeting_id)[1]
    chat_server.answer = "Vi åbner posten sammen om søndagen."
    draft = tasks.assist(store, meeting_id, "draft", settings_for(chat_server), turn_id=lone_turn)
    sent = chat_server.received[0].raw.decode("utf-8")
    assert "en fra borgerens netværk (søster)" in sent and "Lone" not in sent
    [proposal] = draft.proposals
    assert proposal.who is Who.SAMMEN and proposal.with_whom == "Lone Demo-Lund"


def test_without_consent_nothing_is_sent(
    meeting: tuple[Store, int], chat_server: ChatServer
) -> None:
    store, meeting_id = meeting
    for task in Task:
        draft = tasks.assist(store, meeting_id, task, settings_for(chat_server))
        assert draft.source == "fallback"
        assert "intet blev sendt" in draft.notice
    assert chat_server.received == []
    assert not store.rows("SELECT * FROM audit_log WHERE object_kind = 'sprogmodel'")


def test_a_revoked_consent_sends_nothing(
    meeting: tuple[Store, int], chat_server: ChatServer
) -> None:
    store, meeting_id = meeting
    grant(store, meeting_id, "notes")
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    for c in consent.active(store, citizen_id):
        consent.revoke(store, c.id)
    tasks.assist(store, meeting_id, "questions", settings_for(chat_server))
    assert chat_server.received == []


def test_dreams_alone_let_only_the_citizens_dream_go(
    meeting: tuple[Store, int], chat_server: ChatServer
) -> None:
    store, meeting_id = meeting
    grant(store, meeting_id, "dreams")
    citizen_turn, lone_turn = turns_with_notes(store, meeting_id)
    job = tasks.prepare(store, meeting_id, "questions", settings_for(chat_server), citizen_turn)
    assert job.fields is not None
    assert [n["kind"] for n in job.fields["notes"]] == ["drøm"]
    other = tasks.prepare(store, meeting_id, "questions", settings_for(chat_server), lone_turn)
    assert other.fields is None


def test_easy_read_sends_only_a_consented_item(
    meeting: tuple[Store, int], chat_server: ChatServer
) -> None:
    store, meeting_id = meeting
    first, secret = items(store, meeting_id)
    grant(store, meeting_id, consent.item_scope(first.id))
    chat_server.answer = "Jeg får hjælp af Mette.\nVi øver bussen sammen."
    draft = tasks.assist(
        store, meeting_id, "easy-read", settings_for(chat_server), item_id=first.id
    )
    [request] = chat_server.received
    user = request.body["messages"][1]["content"]
    assert first.what in user and SECRET_WISH not in request.raw.decode("utf-8")
    assert "Mette Testesen" not in user and "inden jul" not in user  # only the text goes
    assert draft.source == "model"
    assert draft.proposals[0].item_id == first.id
    assert draft.lix_before is not None and draft.lix_after is not None
    assert draft.lix_after.score < draft.lix_before.score
    blocked = tasks.assist(
        store, meeting_id, "easy-read", settings_for(chat_server), item_id=secret.id
    )
    assert blocked.source == "fallback" and "dette punkt" in blocked.notice
    assert len(chat_server.received) == 1


def test_summary_sends_consented_categories_only(
    meeting: tuple[Store, int], chat_server: ChatServer
) -> None:
    store, meeting_id = meeting
    first, _secret = items(store, meeting_id)
    grant(store, meeting_id, "topics", consent.item_scope(first.id))
    chat_server.answer = "Tak for i dag. Du vil gerne tage bussen selv."
    job = tasks.prepare(store, meeting_id, "summary", settings_for(chat_server))
    assert job.fields == {
        "topics": ["Bussen til genoptræning", "Post og regninger", "At møde nye mennesker"],
        "notes": [],
        "items": [
            {
                "what": first.what,
                "who": "Det gør vi sammen",
                "by_when": "inden jul",
            }
        ],
        "next_meeting": "21. januar 2027",  # the demo's next meeting
    }
    draft = tasks.run(job)
    raw = chat_server.received[0].raw.decode("utf-8")
    assert SECRET_WISH not in raw and "bussen selv" not in raw and "Mette Testesen" not in raw
    assert draft.text == "Tak for i dag. Du vil gerne tage bussen selv."
    assert set(draft.shared) == {"3 emner", "1 punkt fra planen"}


def test_plan_all_covers_every_item(meeting: tuple[Store, int], chat_server: ChatServer) -> None:
    store, meeting_id = meeting
    grant(store, meeting_id, "plan:all")
    job = tasks.prepare(store, meeting_id, "summary", settings_for(chat_server))
    assert job.fields is not None and len(job.fields["items"]) == 2


def test_a_model_answer_with_a_cpr_number_is_masked(
    meeting: tuple[Store, int], chat_server: ChatServer
) -> None:
    store, meeting_id = meeting
    grant(store, meeting_id, "notes")
    chat_server.answer = f"Jeg husker mit cpr-nummer {CPR}."
    draft = tasks.assist(store, meeting_id, "draft", settings_for(chat_server))
    assert CPR not in draft.text and "XXXXXX-XXXX" in draft.text


def test_a_send_is_in_the_audit_log_without_text(
    meeting: tuple[Store, int], chat_server: ChatServer
) -> None:
    store, meeting_id = meeting
    grant(store, meeting_id, "notes")
    tasks.assist(store, meeting_id, "questions", settings_for(chat_server))
    [row] = store.rows("SELECT * FROM audit_log WHERE object_kind = 'sprogmodel'")
    assert row["action"] == "send" and row["object_id"] == f"{meeting_id}/questions"


# --- failures: one message, and the meeting goes on ------------------------------------------


@pytest.mark.parametrize(
    ("mode", "fragment"),
    [
        ("malformed", "ikke kan læses"),
        ("empty", "tomt svar"),
        ("error", "HTTP 500"),
        ("slow", "svarede ikke inden for 1 sekunder"),
    ],
)
def test_every_task_falls_back_when_the_model_fails(
    meeting: tuple[Store, int], chat_server: ChatServer, mode: str, fragment: str
) -> None:
    store, meeting_id = meeting
    grant(store, meeting_id, "notes", "plan:all", "topics")
    chat_server.mode = mode
    chat_server.delay = 3.0
    for task in Task:
        draft = tasks.assist(store, meeting_id, task, LlmSettings(url=chat_server.url, timeout=1.0))
        assert draft.source == "fallback", task
        assert fragment in draft.notice and "\n" not in draft.notice
        assert draft.proposals, task
    assert len(chat_server.received) == 4


def test_an_answer_with_no_usable_line_is_empty(
    meeting: tuple[Store, int], chat_server: ChatServer
) -> None:
    store, meeting_id = meeting
    grant(store, meeting_id, "notes")
    chat_server.answer = "Her er punkterne:\n\n- \n"
    draft = tasks.assist(store, meeting_id, "draft", settings_for(chat_server))
    assert draft.source == "fallback" and "tomt svar" in draft.notice


def test_a_remote_model_is_warned_and_needs_its_own_consent(meeting: tuple[Store, int]) -> None:
    store, meeting_id = meeting
    remote = LlmSettings(url="https://models.example.org/v1", allow_remote=True)
    grant(store, meeting_id, "notes")  # for the local model only
    job = tasks.prepare(store, meeting_id, "draft", remote)
    assert not job.asks_model  # consent to the local model does not cover a remote one
    assert "uden for kommunens netværk" in job.fallback.remote_warning
    grant(store, meeting_id, "notes", recipient="models.example.org")
    job = tasks.prepare(store, meeting_id, "draft", remote)
    assert job.asks_model and "models.example.org" in job.remote_warning


# --- fallbacks --------------------------------------------------------------------------


def test_fallbacks_without_a_model(meeting: tuple[Store, int]) -> None:
    store, meeting_id = meeting
    citizen_turn, lone_turn = turns_with_notes(store, meeting_id)
    draft = tasks.assist(store, meeting_id, "draft", None, turn_id=citizen_turn)
    assert draft.source == "fallback" and "Ingen sprogmodel" in draft.notice
    assert [p.text for p in draft.proposals] == [
        "Jeg vil gerne tage bussen selv. Mit cpr er XXXXXX-XXXX.",
        "Jeg drømmer om at svømme om torsdagen.",
    ]
    # From the sister's turn only her offer, not her wish for him.
    lone = tasks.assist(store, meeting_id, "draft", None, turn_id=lone_turn)
    assert [(p.text, p.who, p.with_whom) for p in lone.proposals] == [
        ("Jeg kan åbne post med ham om søndagen.", Who.SAMMEN, "Lone Demo-Lund")
    ]
    questions = tasks.assist(store, meeting_id, "questions", None, turn_id=citizen_turn)
    assert [p.text for p in questions.proposals] == [
        "Hvad ligger bag det ønske?",
        "Hvem kunne hjælpe dig med det?",
        "Hvad kan du selv, og hvad kan du med hjælp?",
    ]
    summary = tasks.assist(store, meeting_id, "summary", None).text
    assert summary.startswith("Tak for mødet i dag.")
    assert "- Bussen til genoptræning" in summary and "det gør vi sammen" in summary
    assert CPR not in summary


def test_easy_read_fallback_swaps_jargon_and_shows_lix(meeting: tuple[Store, int]) -> None:
    store, meeting_id = meeting
    first, _ = items(store, meeting_id)
    draft = tasks.assist(store, meeting_id, "easy-read", None, item_id=first.id)
    [proposal] = draft.proposals
    assert proposal.text == (
        "Borgeren skal efter ja'et fra kommunen modtage bostøtte for at begynde træning i bussen."
    )
    assert any("«du» end «borgeren»" in h for h in draft.hints)
    assert draft.lix_before is not None and draft.lix_after is not None


def test_a_glad_offer_joins_the_draft(meeting: tuple[Store, int]) -> None:
    store, meeting_id = meeting
    note = store.row("SELECT id FROM notes WHERE meeting_id = ? ORDER BY id LIMIT 1", [meeting_id])
    entry = store.row("SELECT id, title FROM corpus_entries ORDER BY id LIMIT 1")
    assert note and entry
    store.db.execute(
        "INSERT INTO suggestions (meeting_id, note_id, entry_id, score, why, created_at, rating)"
        " VALUES (?, ?, ?, 0.5, 'fordi', '2026-11-26', 'glad')",
        [meeting_id, note["id"], entry["id"]],
    )
    citizen_turn = turns_with_notes(store, meeting_id)[0]
    draft = tasks.assist(store, meeting_id, "draft", None, turn_id=citizen_turn)
    assert draft.proposals[0].text.endswith(f"Jeg vil prøve {entry['title']}.")


def test_english_prompts_and_fallbacks(meeting: tuple[Store, int], chat_server: ChatServer) -> None:
    store, meeting_id = meeting
    grant(store, meeting_id, "notes")
    tasks.assist(store, meeting_id, "questions", settings_for(chat_server), language="en")
    system = chat_server.bodies[0]["messages"][0]["content"]
    assert system.startswith("You help a meeting leader")
    summary = tasks.assist(store, meeting_id, "summary", None, language="en")
    assert summary.text.startswith("Thank you for today's meeting.")


def test_nothing_to_work_on_is_one_sentence(demo_meeting: tuple[Store, int]) -> None:
    store, meeting_id = demo_meeting
    with pytest.raises(FacilitatorError, match="ingen noter"):
        tasks.prepare(store, meeting_id, "draft", None)
    with pytest.raises(FacilitatorError, match="intet punkt"):
        tasks.prepare(store, meeting_id, "easy-read", None)
    assert tasks.prepare(store, meeting_id, "summary", None).fallback.proposals


# --- the leader's keystroke --------------------------------------------------------------


def test_accept_puts_a_draft_into_the_plan(meeting: tuple[Store, int]) -> None:
    store, meeting_id = meeting
    before = len(items(store, meeting_id))
    citizen_turn = turns_with_notes(store, meeting_id)[0]
    draft = tasks.assist(store, meeting_id, "draft", None, turn_id=citizen_turn)
    assert len(items(store, meeting_id)) == before  # a draft is not a plan item
    added = tasks.accept(store, meeting_id, Task.DRAFT, draft.proposals[1], "Jeg svømmer igen.")
    assert added.what == "Jeg svømmer igen." and added.source_note_id == draft.proposals[1].note_id
    first = items(store, meeting_id)[0]
    easy = tasks.assist(store, meeting_id, "easy-read", None, item_id=first.id)
    changed = tasks.accept(store, meeting_id, Task.EASY_READ, easy.proposals[0], "Jeg øver bussen.")
    assert changed.id == first.id and changed.what == "Jeg øver bussen."
    questions = tasks.assist(store, meeting_id, "questions", None)
    with pytest.raises(FacilitatorError):
        tasks.accept(store, meeting_id, Task.QUESTIONS, questions.proposals[0], "Hvad?")


def test_a_summary_is_saved_for_the_citizen_only(meeting: tuple[Store, int]) -> None:
    store, meeting_id = meeting
    path = tasks.save_summary(store, meeting_id, f"Tak for i dag. {CPR}")
    assert path.read_text(encoding="utf-8") == "Tak for i dag. XXXXXX-XXXX\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    assert (
        path.parent == Path(os.environ["FACILITATOR_HOME"]) / "documents" / f"citizen-{citizen_id}"
    )


def test_no_connection_without_a_model_or_without_consent(
    meeting: tuple[Store, int], chat_server: ChatServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No endpoint, or no consent: not even a connection is opened."""
    import socket

    opened: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        opened.append(args)
        raise AssertionError("a connection was opened")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    store, meeting_id = meeting
    first = items(store, meeting_id)[0]
    for settings in (None, LlmSettings(), settings_for(chat_server)):
        for task in Task:
            item = first.id if task is Task.EASY_READ else None
            draft = tasks.assist(store, meeting_id, task, settings, item_id=item)
            assert draft.source == "fallback"
    assert opened == [] and chat_server.received == []
