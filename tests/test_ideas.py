"""An honest why: each idea says who said the sentence it matched; `facilitator ideas` shows a
meeting's ideas as the wall does; "ikke for mig" leaves the wall until asked for."""

from __future__ import annotations

import json

import pytest

from facilitator.directory.embeddings import HashingEmbedder
from facilitator.directory.why import SaidBy, said_by, why_line
from facilitator.domain.vocabulary import NoteKind, ParticipantKind, Phase, Rating
from facilitator.i18n import set_language
from facilitator.meetings import register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.plan import PlanScreen
from facilitator.tui.widgets.suggestion_list import SuggestionList
from tests.conftest import run_cli
from tests.test_plan_screen import SIZE, in_plan_phase, settle


def speaking(session: MeetingSession, name: str) -> None:
    """Give the word round until ``name`` (a first name) has it."""
    for _ in range(10):
        speaker = session.state.current_speaker
        assert speaker is not None
        if speaker.name.split()[0] == name:
            return
        session.advance()
    raise AssertionError(f"{name} never got the word")


def notes_by_everyone(store: Store) -> tuple[int, dict[str, int]]:
    """The meeting to hold now, with a note by the citizen, Lone (søster), Ali (ergoterapeut)
    in Runder, and one by the citizen in Fremtidsdialog. Returns the note ids by who."""
    meeting_id = register.list_meetings(store)[-1].id
    session = MeetingSession(store, meeting_id)
    session.set_phase(Phase.RUNDER)
    ids = {"citizen": session.add_note(NoteKind.OENSKE, "Jeg vil gerne svømme igen.").id}
    speaking(session, "Lone")
    ids["relative"] = session.add_note(NoteKind.OENSKE, "Han skal ud at gå hver dag.").id
    speaking(session, "Ali")
    ids["professional"] = session.add_note(NoteKind.BEHOV, "Han har brug for en kalender.").id
    session.set_phase(Phase.FREMTIDSDIALOG)
    ids["future"] = session.add_note(NoteKind.DROEM, "Jeg tog bussen alene til svømning.").id
    return meeting_id, ids


def test_the_why_says_who_said_it(demo_store: Store) -> None:
    _, ids = notes_by_everyone(demo_store)
    speakers = said_by(demo_store, ids.values())

    def why(who: str) -> str:
        return why_line("…", speakers[ids[who]])

    assert why("citizen") == "Fordi du sagde: »…«"
    assert why("relative") == "Fordi Lone (søster) sagde: »…«"
    assert why("professional") == "Fordi Ali (ergoterapeut) sagde: »…«"
    assert why("future") == "Fra fremtidsdialogen: »…«"
    assert speakers[ids["relative"]].label() == "Lone Demo-Lund (søster)"
    assert speakers[ids["citizen"]].label() == "borgeren"
    assert speakers[ids["future"]].phase is Phase.FREMTIDSDIALOG


def test_the_why_in_english_and_without_a_relation() -> None:
    set_language("en")
    guide = SaidBy("Per Guidesen", ParticipantKind.MEDBORGERGUIDE)
    assert why_line("x", guide) == "Because Per (peer guide) said: “x”"
    citizen = SaidBy("Karsten", ParticipantKind.BORGER)
    assert why_line("x", citizen) == "Because you said: “x”"
    assert why_line("x", None) == "From the text: “x”"  # typed at the terminal
    future = SaidBy("Lone", ParticipantKind.PRIVAT, "sister", Phase.FREMTIDSDIALOG, True)
    assert why_line("x", future) == "From the future dialogue: “x”"


def test_ideas_json_says_who_said_it(demo_store: Store) -> None:
    meeting_id = register.list_meetings(demo_store)[-1].id
    session = MeetingSession(demo_store, meeting_id)
    session.set_phase(Phase.RUNDER)
    speaking(session, "Lone")  # only the sister speaks: no idea may quote the citizen
    session.add_note(NoteKind.OENSKE, "Han skal lære at tage bussen selv.")
    result = run_cli("ideas", str(meeting_id), "--json")
    assert result.code == 0, result
    found = json.loads(result.out)
    assert found
    for idea in found:
        assert {"id", "kind", "title", "silo", "why", "said_by", "needs", "rating"} <= set(idea)
        assert idea["said_by"] == "Lone Demo-Lund (søster)"
        assert idea["why"] == "Fordi Lone (søster) sagde: »Han skal lære at tage bussen selv.«"
        assert isinstance(idea["needs"], list) and idea["rating"] is None
    audited = demo_store.rows(
        "SELECT * FROM audit_log WHERE action = 'read' AND object_kind = ?", ["ideas"]
    )
    assert [r["object_id"] for r in audited] == [str(meeting_id)]


def test_ideas_text_is_the_wall_list_in_words(demo_store: Store) -> None:
    meeting_id, _ = notes_by_everyone(demo_store)
    result = run_cli("ideas", str(meeting_id))
    assert result.code == 0, result
    honest = (
        "Fordi du sagde: »Jeg vil gerne svømme igen.«",
        "Fordi Lone (søster) sagde: »Han skal ud at gå hver dag.«",
        "Fordi Ali (ergoterapeut) sagde: »Han har brug for en kalender.«",
        "Fra fremtidsdialogen: »Jeg tog bussen alene til svømning.«",
    )
    whys = [line.strip() for line in result.out.splitlines() if "»" in line]
    assert whys and all(why in honest for why in whys)
    assert "Point" not in result.out  # no raw scores unless asked for
    first = result.out.splitlines()[0]
    assert first.startswith(" 1. ") and "[" in first
    verbose = run_cli("ideas", str(meeting_id), "--verbose")
    assert "Point fra rangeringen" in verbose.out


def test_ideas_leave_out_what_the_citizen_declined(demo_store: Store) -> None:
    meeting_id, _ = notes_by_everyone(demo_store)
    first = json.loads(run_cli("ideas", str(meeting_id), "--json").out)
    # The wall stored the ranking and the citizen said "ikke for mig" to the first idea.
    demo_store.db.execute(
        "INSERT INTO suggestions (meeting_id, entry_id, score, why, rating, created_at)"
        " VALUES (?, ?, 1.0, 'x', ?, '2026-11-26')",
        [meeting_id, first[0]["id"], Rating.NEJ.value],
    )
    again = json.loads(run_cli("ideas", str(meeting_id), "--json").out)
    assert first[0]["id"] not in [i["id"] for i in again]
    shown = json.loads(run_cli("ideas", str(meeting_id), "--json", "--declined").out)
    declined = [i for i in shown if i["id"] == first[0]["id"]]
    assert declined and declined[0]["rating"] == "nej"


def test_ideas_of_a_meeting_without_notes(demo_store: Store) -> None:
    meeting_id = register.list_meetings(demo_store)[-1].id
    result = run_cli("ideas", str(meeting_id))
    assert result.code == 0, result
    assert "Ingen idéer endnu" in result.out
    assert run_cli("ideas", "9999").code != 0


@pytest.mark.parametrize("verbose", [False, True])
def test_suggest_text_shows_what_where_and_contact(demo_store: Store, verbose: bool) -> None:
    args = ["suggest", "Jeg vil gerne lære at lave mad", "-k", "3"]
    result = run_cli(*args, *(["--verbose"] if verbose else []))
    assert result.code == 0, result
    out = result.out
    assert out.count("Ud fra teksten: »Jeg vil gerne lære at lave mad«") == 3
    assert "Kontakt: " in out and ("Hvor: " in out or "Hvornår: " in out)
    assert ("Point fra rangeringen" in out) is verbose


async def test_ikke_for_mig_leaves_the_wall_and_v_shows_it(demo_store: Store) -> None:
    meeting_id = in_plan_phase(demo_store)
    app = make_app(demo_store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PlanScreen)
        pane = app.screen.query_one(SuggestionList)
        before = [i.entry.id for i in pane.items]
        declined = before[0]
        await pilot.press("3")  # ikke for mig
        await settle(app, pilot)
        assert declined not in [i.entry.id for i in pane.items]
        status = str(app.screen.query_one("#suggestions-status").render())
        assert "1 idé, du har sagt »ikke for mig« til, er skjult" in status
        await pilot.press("v")  # show the declined ones
        await pilot.pause()
        shown = [i for i in pane.items if i.entry.id == declined]
        assert shown and shown[0].suggestion.rating is Rating.NEJ
        await pilot.press("v")  # and hide them again
        await pilot.pause()
        assert declined not in [i.entry.id for i in pane.items]
    stored = demo_store.row(
        "SELECT rating FROM suggestions WHERE meeting_id = ? AND entry_id = ?",
        [meeting_id, declined],
    )
    assert stored is not None and stored["rating"] == Rating.NEJ.value  # the choice is kept


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_plan_says_whose_words_an_item_was_made_from(demo_store: Store, language: str) -> None:
    from facilitator.documents.compose import render_plan_document
    from facilitator.domain.vocabulary import Who
    from facilitator.meetings import plan

    meeting_id, ids = notes_by_everyone(demo_store)
    for who, note_id in ids.items():
        plan.add_plan_item(
            demo_store, meeting_id, f"Punkt fra {who}", who=Who.SAMMEN, source_note_id=note_id
        )
    said = {i["what"]: i.get("said_by") for i in plan.snapshot(demo_store, meeting_id)["items"]}
    assert said["Punkt fra citizen"] is None  # the citizen's own words are just the item
    assert said["Punkt fra relative"] == {
        "name": "Lone",
        "role": "søster",
        "kind": "privat",
        "future": False,
    }
    assert said["Punkt fra future"] is not None and said["Punkt fra future"]["future"]
    set_language(language)
    try:
        for kind in ("citizen", "s141"):
            for fmt in ("md", "html"):
                text = render_plan_document(demo_store, meeting_id, kind, fmt).content
                assert isinstance(text, str)
                if language == "da":
                    assert "Lone (søster) sagde det." in text
                    assert "Ali (ergoterapeut) sagde det." in text
                    assert "Fra fremtidsdialogen." in text
                else:
                    assert "Lone (søster) said this." in text
                    assert "From the future dialogue." in text
                assert text.count("sagde det.") + text.count("said this.") == 2
    finally:
        set_language("da")
