"""CPR numbers: flagged as typed, masked in every document and shared export, never embedded."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Input, Static

from facilitator.directory import corpus, suggestions
from facilitator.directory.embeddings import HashingEmbedder, Vectors
from facilitator.directory.ranking import SuggestionIndex
from facilitator.documents.render import render_plan
from facilitator.domain.privacy import find_cpr, has_cpr, mask_cpr
from facilitator.domain.records import MigCard
from facilitator.domain.vocabulary import (
    NoteKind,
    ParticipantKind,
    Phase,
    PlanSection,
    RecipientKind,
    Who,
)
from facilitator.meetings import closing, consent, people, plan, register
from facilitator.meetings.session import MeetingSession
from facilitator.rights import export
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.meeting import MeetingScreen
from tests.conftest import keys_for
from tests.figures import record

SIZE = (140, 42)


class Spy(HashingEmbedder):
    """Records every text it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        return super().embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        return super().embed_passages(texts)


@st.composite
def cpr_numbers(draw: st.DrawFn) -> str:
    """A CPR number with a real date, written DDMMYY-SSSS, DDMMYYSSSS or DDMMYY SSSS."""
    day = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
    serial = draw(st.integers(0, 9999))
    sep = draw(st.sampled_from(["-", "", " "]))
    return f"{day:%d%m%y}{sep}{serial:04d}"


def forms(cpr: str) -> set[str]:
    """Every way the number could appear: as written, and its ten digits in each format."""
    digits = "".join(c for c in cpr if c.isdigit())
    return {cpr, digits, f"{digits[:6]}-{digits[6:]}", f"{digits[:6]} {digits[6:]}"}


# --- finding them -------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    cpr=cpr_numbers(),
    before=st.sampled_from(["", "Mit cpr er ", "nr. ", "(", "cpr:"]),
    after=st.sampled_from(["", ".", " og mere", ")", ", tak"]),
)
def test_every_valid_cpr_is_found_and_masked(cpr: str, before: str, after: str) -> None:
    text = f"{before}{cpr}{after}"
    assert find_cpr(text) == [cpr]
    masked = mask_cpr(text)
    assert masked == f"{before}XXXXXX-XXXX{after}"
    assert not any(form in masked for form in forms(cpr))


@pytest.mark.parametrize(
    "text",
    [
        "321299-1234",  # day 32
        "011399-1234",  # month 13
        "310499-1234",  # 31 April
        "290201-1234",  # 29 February in a year that is not a leap year in 1901 or 2001
        "12345678",  # a phone number
        "0101901234567",  # longer than a CPR number
        "tlf. 2345 6789",
        "1-0101901234",  # part of a longer code
    ],
)
def test_what_is_not_a_cpr_number_is_left_alone(text: str) -> None:
    assert find_cpr(text) == [] and mask_cpr(text) == text


# --- masked in every output, never embedded -------------------------------------------


def plant(store: Store, cprs: list[str], n: int) -> tuple[int, int]:
    """A citizen and a meeting with the CPR numbers in every field a person can write."""

    def c(i: int) -> str:
        return cprs[i % len(cprs)]

    citizen = people.add_citizen(store, f"Borger {n}")
    people.save_mig_card(
        store, MigCard(citizen.id, f"om {c(0)}", f"kan lide {c(1)}", f"drøm {c(2)}", f"vid {c(0)}")
    )
    meeting = register.add_meeting(store, citizen.id, title=f"Møde {c(1)}")
    register.add_topic(store, meeting.id, f"Emne {c(2)}")
    session = MeetingSession(store, meeting.id)
    session.add_participant("Per Guidesen", ParticipantKind.MEDBORGERGUIDE, f"guide {c(0)}")
    session.set_phase(Phase.RUNDER)
    for i, kind in enumerate(NoteKind):
        session.add_note(kind, f"Jeg vil gerne svømme, mit nummer er {c(i)}. Bussen {c(i + 1)}")
        if i == 4:
            session.add_note(kind, c(i))  # a note that is nothing but the number
            session.advance()
    plan.add_plan_item(
        store,
        meeting.id,
        f"Svømning {c(0)}",
        who=Who.SAMMEN,
        with_whom=f"Per {c(1)}",
        by_when=f"inden {c(2)}",
        follow_up=f"Per {c(0)}",
        review=f"gik godt {c(1)}",
    )
    plan.add_plan_item(
        store,
        meeting.id,
        f"Taxa {c(1)}",
        section=PlanSection.IKKE_MULIGT,
        reason=f"fordi {c(2)}",
        other_ways=f"bussen {c(0)}",
    )
    plan.add_plan_item(store, meeting.id, f"Parkeret {c(2)}", section=PlanSection.PARKERING)
    closing.set_handover(store, meeting.id, f"Per får brevet {c(0)}")
    closing.answer(store, meeting.id, 1, f"godt {c(1)}")
    for scope in consent.CATEGORIES:
        consent.grant(store, citizen.id, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", scope)
    return citizen.id, meeting.id


def test_cpr_masked_in_every_output_and_never_embedded(home: Path) -> None:
    tally: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "cpr.db")
        corpus.import_file(store, corpus.demo_corpus_path())
        spy = Spy()
        index = SuggestionIndex(spy)
        index.build(store)
        counter = iter(range(10_000))

        @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(cprs=st.lists(cpr_numbers(), min_size=1, max_size=3, unique=True))
        def check(cprs: list[str]) -> None:
            citizen_id, meeting_id = plant(store, cprs, next(counter))
            ranked = suggestions.rank_for_meeting(store, index, meeting_id, k=8)
            suggestions.store_ranked(store, meeting_id, ranked)
            data = plan.snapshot(store, meeting_id)
            version = plan.save_version(store, meeting_id, render_plan)
            outputs = {
                "snapshot": json.dumps(data, ensure_ascii=False),
                "plan.md": render_plan(data, "md"),
                "plan.html": render_plan(data, "html"),
                "plan.md (en)": render_plan(data, "md", language="en"),
                "stored version": json.dumps(version.snapshot) + version.rendered_md,
                "export for a guide": json.dumps(
                    export.export_for(
                        store, citizen_id, RecipientKind.MEDBORGERGUIDE, "Per Guidesen"
                    ),
                    ensure_ascii=False,
                ),
                "ideas (why)": json.dumps(
                    [
                        r["why"]
                        for r in store.rows(
                            "SELECT why FROM suggestions WHERE meeting_id = ?", [meeting_id]
                        )
                    ],
                    ensure_ascii=False,
                ),
                # Everything embedded so far (a sentence seen before comes from the cache).
                "embedded texts": "\n".join(spy.seen),
            }
            assert ranked  # the notes were matched
            for name, text in outputs.items():
                for cpr in cprs:
                    tally["checks"] += 1
                    if any(form in text for form in forms(cpr)):
                        tally[f"unmasked in {name}"] += 1
            tally["cpr numbers planted"] += len(cprs)
            assert not [k for k in tally if k.startswith("unmasked")], dict(tally)
            # The citizen's own record keeps what was said (it is theirs).
            own = json.dumps(
                export.export_citizen(store, citizen_id, audit=False), ensure_ascii=False
            )
            assert cprs[0] in own

        check()
        store.close()
        assert len(spy.seen) > 279  # the corpus and the notes' sentences were embedded
    unmasked = sum(v for k, v in tally.items() if k.startswith("unmasked"))
    assert unmasked == 0
    record(
        "cpr",
        cpr_numbers_planted=tally["cpr numbers planted"],
        outputs_per_meeting=8,
        checks=tally["checks"],
        unmasked=unmasked,
        embedded_with_cpr=tally["unmasked in embedded texts"],
    )


# --- flagged as it is typed -------------------------------------------------------------


@pytest.mark.slow  # a long journey by keys: `make test` runs it, `make check` not
async def test_note_field_flags_a_cpr_number_as_it_is_typed(
    demo_meeting: tuple[Store, int],
) -> None:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.RUNDER)
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        warning = screen.query_one("#note-warning", Static)

        def flagged() -> bool:
            return "CPR" in str(warning.content)

        await pilot.press(*keys_for("Mit nummer er 010190-123"))
        assert not flagged()  # not a whole number yet
        await pilot.press("4")
        assert flagged()  # flagged the moment it is complete
        await pilot.press("backspace")
        assert not flagged()
        await pilot.press("4", "enter", "3")
        assert not flagged()  # saved, the field is empty again
        shown = str(screen.query_one("#turn-notes", Static).content)
        assert "XXXXXX-XXXX" in shown and "010190" not in shown  # the wall masks it
        await pilot.press(*keys_for("Dato 321299-1234"))
        assert not flagged()  # no such date
        screen.query_one("#note-input", Input).value = ""
        await pilot.press(*keys_for("uden bindestreg 0101901234"))
        assert flagged()
    notes = MeetingSession(store, meeting_id).notes()
    assert notes[-1].text == "Mit nummer er 010190-1234"  # kept as said, for the citizen


def test_has_cpr_is_what_the_field_asks() -> None:
    assert has_cpr("0101901234") and not has_cpr("01019012345")
    today = date(2026, 11, 26)
    for back in range(0, 365 * 120, 97):
        day = today - timedelta(days=back)
        assert has_cpr(f"{day:%d%m%y}-0000")
