"""`facilitator assist TASK MEETING_ID` as a person or a script runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.assist.client import LOCAL_RECIPIENT
from facilitator.domain.vocabulary import NoteKind, Phase, RecipientKind
from facilitator.meetings import consent, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from tests.conftest import run_cli
from tests.llm_server import ChatServer, chat_server, dead_port, write_settings

__all__ = ["chat_server", "dead_port"]


@pytest.fixture
def meeting(demo_meeting: tuple[Store, int]) -> int:
    store, meeting_id = demo_meeting
    session = MeetingSession(store, meeting_id)
    session.set_phase(Phase.RUNDER)
    session.add_note(NoteKind.OENSKE, "Jeg vil gerne tage bussen selv. Cpr 010203-1234.")
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    consent.grant(store, citizen_id, RecipientKind.SPROGMODEL, LOCAL_RECIPIENT, "notes")
    return meeting_id


def test_without_a_url_the_fallback_is_printed_and_says_so(meeting: int) -> None:
    result = run_cli("assist", "draft", str(meeting))
    assert result.code == 0, result
    assert result.out == "- Jeg vil gerne tage bussen selv. Cpr XXXXXX-XXXX.\n"
    assert "Udkast uden sprogmodel: Ingen sprogmodel er sat op" in result.err
    questions = run_cli("assist", "questions", str(meeting))
    assert questions.out.splitlines()[0] == "- Hvad ligger bag det ønske?"


def test_with_a_url_the_model_answers(meeting: int, chat_server: ChatServer) -> None:
    chat_server.answer = "1. Jeg tager bussen selv.\n2. Jeg øver ruten med Mette."
    result = run_cli("assist", "draft", str(meeting), "--llm-url", chat_server.url, "--model", "m")
    assert result.code == 0, result
    assert result.out == "- Jeg tager bussen selv.\n- Jeg øver ruten med Mette.\n"
    assert "Udkast fra sprogmodellen m" in result.err
    assert "Sendt til sprogmodellen: 1 note (uden navne" in result.err
    [body] = chat_server.bodies
    assert body["model"] == "m" and "010203-1234" not in json.dumps(body, ensure_ascii=False)


def test_settings_file_and_json(meeting: int, chat_server: ChatServer, home: Path) -> None:
    write_settings(home, chat_server.url, model="fra-fil")
    chat_server.answer = "Hvad ligger bag det?\nHvem kan hjælpe?"
    result = run_cli("assist", "questions", str(meeting), "--json")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["source"] == "model" and data["model"] == "fra-fil"
    assert [p["text"] for p in data["proposals"]] == ["Hvad ligger bag det?", "Hvem kan hjælpe?"]


def test_a_dead_server_falls_back_with_one_line(meeting: int, dead_port: int) -> None:
    url = f"http://127.0.0.1:{dead_port}/v1"
    result = run_cli("assist", "draft", str(meeting), "--llm-url", url, "--timeout", "2")
    assert result.code == 0, result
    assert result.out.startswith("- Jeg vil gerne tage bussen selv.")
    assert "kan ikke nås" in result.err
    assert "Traceback" not in result.err


def test_easy_read_prints_lix(meeting: int, demo_meeting: tuple[Store, int]) -> None:
    from facilitator.meetings import plan

    store, _ = demo_meeting
    plan.add_plan_item(store, meeting, "Borgeren skal iht. handleplanen påbegynde træning.")
    result = run_cli("--lang", "en", "assist", "easy-read", str(meeting))
    assert result.code == 0, result
    assert "LIX before:" in result.err and "No language model is set up" in result.err


def test_mistakes_are_one_line(meeting: int) -> None:
    wrong_id = run_cli("assist", "draft", "abc")
    assert wrong_id.code == 1 and "helt tal" in wrong_id.err
    nothing = run_cli("assist", "easy-read", str(meeting))
    assert nothing.code == 1 and nothing.err.startswith("facilitator: ")
    remote = run_cli("assist", "draft", str(meeting), "--llm-url", "http://8.8.8.8/v1")
    assert remote.code == 0 and "uden for det lokale netværk" in remote.err
    bad = run_cli("assist", "poem", str(meeting))
    assert bad.code == 2
