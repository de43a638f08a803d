"""CPR numbers in every spelling, planted in every field, masked wherever text leaves the store:
the wall (Pilot), Min plan and § 141 (md, html, pdf), the brief, `export --to`, the audit log,
`citizens` and `meetings`, assist prompts and drafts, and error messages."""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.assist import tasks
from facilitator.cli.main import cli
from facilitator.documents import compose
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.privacy import find_cpr, mask_cpr
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
from facilitator.storage.settings import LlmSettings
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.plan_review import PlanReviewScreen
from tests.figures import record

SPELLINGS = (
    "{d}-{s}",
    "{d}\u2013{s}",  # en dash
    "{d}.{s}",
    "{d} {s}",
    "{d}\u00a0{s}",  # no-break space
    "{d}\n{s}",
    "{d}{s}",
    "CPR-{d}{s}",
    "CPR{d}-{s}",
    "cpr-nr.{d}-{s}",
    "{dd} {mm} {yy} {s}",
    "{dd}.{mm}.{yy}-{s}",
)


@st.composite
def cpr_spellings(draw: st.DrawFn) -> str:
    """A CPR number with a real date, in one of the ways people write one."""
    day = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
    serial = f"{draw(st.integers(0, 9999)):04d}"
    spelling = draw(st.sampled_from(SPELLINGS))
    dd, mm, yy = f"{day:%d}", f"{day:%m}", f"{day:%y}"
    return spelling.format(d=dd + mm + yy, s=serial, dd=dd, mm=mm, yy=yy)


def digits(cpr: str) -> str:
    return "".join(c for c in cpr if c.isdigit())


_SEPARATORS = re.compile(r"[\s\-\u2013.\u00a0]")


def leaked(text: str, cprs: list[str]) -> list[str]:
    """The planted numbers whose ten digits can still be read in ``text`` (separators, line
    breaks and spacing removed, so a number split over a wrapped line is caught too)."""
    squashed = _SEPARATORS.sub("", text)
    return [c for c in cprs if digits(c) in squashed]


def test_every_spelling_is_found() -> None:
    for spelling in SPELLINGS:
        cpr = spelling.format(d="010190", s="1234", dd="01", mm="01", yy="90")
        for text in (cpr, f"Mit nummer er {cpr}.", f"({cpr})"):
            assert find_cpr(text), repr(text)
            assert "1234" not in mask_cpr(text), repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "70 10 20 30",  # a phone number: eight digits
        "tlf. 70 10 20 30 eller 2345 6789",
        "32.12.99-1234",  # no 32nd
        "01 13 90 1234",  # no 13th month
        "01.01.1990",  # a date, no serial
        "1-0101901234",  # part of a longer code
        "01019012345",  # eleven digits
        "kl. 10.30-12.00",
    ],
)
def test_what_is_not_a_cpr_number_stays(text: str) -> None:
    assert find_cpr(text) == [] and mask_cpr(text) == text


# --- planting -----------------------------------------------------------------------------


@dataclass
class Planted:
    citizen_id: int
    meeting_id: int
    item_id: int
    guide: str
    citizen: str


def plant(store: Store, cprs: list[str], n: int) -> Planted:
    """A citizen and a meeting with a CPR number in every field a person can write."""

    def c(i: int) -> str:
        return cprs[i % len(cprs)]

    citizen = people.add_citizen(store, f"Borger{n} {c(0)}")
    people.save_mig_card(
        store,
        MigCard(citizen.id, f"om {c(1)}", f"kan lide {c(2)}", f"drøm {c(3)}", f"vid {c(4)}", True),
    )
    meeting = register.add_meeting(store, citizen.id, title=f"Møde {c(5)}")
    register.add_topic(store, meeting.id, f"Emne {c(6)}")
    session = MeetingSession(store, meeting.id)
    guide = f"Per{n} {c(7)}"
    session.add_participant(guide, ParticipantKind.MEDBORGERGUIDE, f"guide {c(8)}")
    session.add_participant(f"Lone{n} {c(9)}", ParticipantKind.PRIVAT, f"søster {c(10)}")
    session.set_phase(Phase.RUNDER)
    for i, kind in enumerate(NoteKind):
        session.add_note(kind, f"Jeg vil gerne svømme {c(i + 11)}")
    item = plan.add_plan_item(
        store,
        meeting.id,
        f"Svømning {c(1)}",
        who=Who.SAMMEN,
        with_whom=f"Per {c(2)}",
        by_when=f"inden {c(3)}",
        follow_up=f"Per {c(4)}",
    )
    plan.add_plan_item(
        store,
        meeting.id,
        f"Taxa {c(5)}",
        section=PlanSection.IKKE_MULIGT,
        reason=f"fordi {c(6)}",
        other_ways=f"bussen {c(7)}",
    )
    closing.set_handover(store, meeting.id, f"Per får brevet {c(8)}")
    for scope in consent.CATEGORIES:
        consent.grant(store, citizen.id, RecipientKind.MEDBORGERGUIDE, guide, scope)
        consent.grant(store, citizen.id, RecipientKind.MEDBORGERGUIDE, f"Anden {c(9)}", scope)
        consent.grant(store, citizen.id, RecipientKind.SPROGMODEL, "lokal", scope)
    consent.grant(
        store, citizen.id, RecipientKind.MEDBORGERGUIDE, guide, consent.item_scope(item.id)
    )
    return Planted(citizen.id, meeting.id, item.id, guide, citizen.name)


# --- documents, CLI, assist, errors -------------------------------------------------------


def _pdf_text(data: bytes | str) -> str:
    from pypdf import PdfReader

    assert isinstance(data, bytes)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def outputs(store: Store, p: Planted, with_pdf: bool) -> dict[str, str]:
    """Every way the planted text can leave the store, as text."""
    found: dict[str, str] = {}
    for kind in ("citizen", "s141"):
        for fmt in ("md", "html"):
            rendered = compose.render_plan_document(store, p.meeting_id, kind, fmt)
            found[f"{kind}.{fmt}"] = str(rendered.content)
        if with_pdf:
            pdf = compose.render_plan_document(store, p.meeting_id, kind, "pdf").content
            found[f"{kind}.pdf"] = _pdf_text(pdf)
    for fmt in ("md", "html"):
        found[f"brief.{fmt}"] = str(compose.render_brief(store, p.guide, p.citizen_id, fmt).content)
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, list(args))
        return result.output + (str(result.exception) if result.exception else "")

    found["export --to"] = run("export", str(p.citizen_id), "--to", f"medborgerguide:{p.guide}")
    found["audit"] = run("audit", "--citizen", str(p.citizen_id))
    found["audit --json"] = run("audit", "--json")
    found["citizens"] = run("citizens")
    found["citizens --json"] = run("citizens", "--json")
    found["meetings"] = run("meetings")
    found["meetings --json"] = run("meetings", "--json")
    found["plan (cli)"] = run("plan", str(p.meeting_id))
    found["brief (cli)"] = run("brief", p.guide, "--citizen", str(p.citizen_id))
    found["error: export"] = run("export", p.citizen + " ukendt")
    found["error: brief"] = run("brief", p.guide + " ukendt")
    found["error: FacilitatorError"] = str(FacilitatorError(f"Kan ikke finde {p.citizen}"))
    model = LlmSettings(url="http://127.0.0.1:9/v1")
    for task, extra in (
        ("draft", {}),
        ("questions", {}),
        ("summary", {}),
        ("easy-read", {"item_id": p.item_id}),
    ):
        job = tasks.prepare(store, p.meeting_id, task, model, **extra)  # type: ignore[arg-type]
        assert job.asks_model, task
        found[f"prompt {task}"] = "\n".join(m.content for m in job.messages)
        found[f"draft {task}"] = json.dumps(
            [(x.text, x.with_whom) for x in job.fallback.proposals] + list(job.fallback.hints),
            ensure_ascii=False,
        )
        found[f"assist {task} (cli)"] = run(
            "assist", task, str(p.meeting_id), *(["--item", str(p.item_id)] if extra else [])
        )
    return found


def test_cpr_in_every_spelling_is_masked_in_every_output(home: object) -> None:
    tally: Counter[str] = Counter()
    store = Store.open(create=True)
    counter = iter(range(10_000))

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(cprs=st.lists(cpr_spellings(), min_size=3, max_size=12))
    def check(cprs: list[str]) -> None:
        n = next(counter)
        planted = plant(store, cprs, n)
        found = outputs(store, planted, with_pdf=n < 2)  # a PDF takes a second or two
        for name, text in found.items():
            tally["outputs checked"] += 1
            for cpr in leaked(text, cprs):
                tally[f"unmasked in {name}"] += 1
                tally["unmasked"] += 1
                print(name, repr(cpr))
        tally["cpr numbers planted"] += len(cprs)
        assert not tally["unmasked"], dict(tally)

    check()
    store.close()
    record(
        "cpr_edges",
        spellings=len(SPELLINGS),
        cpr_numbers_planted=tally["cpr numbers planted"],
        outputs_checked=tally["outputs checked"],
        unmasked=tally["unmasked"],
    )


# --- the wall -----------------------------------------------------------------------------


def _screen_text(svg: str) -> str:
    """The characters on the screen, from Textual's SVG screenshot."""
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.DOTALL)
    return "\n".join(html.unescape(line) for line in lines)


WALL: Counter[str] = Counter()
WALL_PHASES = (Phase.FORBEREDELSE, Phase.VELKOMST, Phase.RUNDER, Phase.PLAN, Phase.AFRUNDING)


@pytest.mark.parametrize("rotation", range(3))
async def test_the_wall_masks_every_spelling_and_says_so(rotation: int) -> None:
    cprs = [
        s.format(d="0101901234"[:6], s=f"{1000 + i:04d}", dd="01", mm="01", yy="90")
        for i, s in enumerate(SPELLINGS[rotation:] + SPELLINGS[:rotation])
    ]
    store = Store.open(create=True)
    p = plant(store, cprs, rotation)
    session = MeetingSession(store, p.meeting_id)
    session.advance()  # someone has the word: their name is shown large
    shown: dict[str, str] = {}
    for phase in WALL_PHASES:
        session.set_phase(phase)
        app = make_app(store, p.meeting_id)
        async with app.run_test(size=(160, 60)) as pilot:
            await pilot.pause()
            shown[phase.value] = _screen_text(app.export_screenshot())
            if phase is Phase.PLAN:
                app.push_screen(PlanReviewScreen(store, p.meeting_id))
                await pilot.pause()
                for page in range(5):
                    shown[f"review page {page}"] = _screen_text(app.export_screenshot())
                    await pilot.press("right")
                    await pilot.pause()
    app = make_app(store)
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.pause()
        shown["home"] = _screen_text(app.export_screenshot())
    store.close()
    problems = {name: leaked(text, cprs) for name, text in shown.items() if leaked(text, cprs)}
    assert not problems, problems
    # The screenshot writes each space as a no-break space.
    assert any("CPR-nummer skjult" in text.replace("\u00a0", " ") for text in shown.values())
    assert "XXXXXX-XXXX" in shown["forberedelse"]
    WALL["screens"] += len(shown)
    WALL["cpr numbers"] += len(cprs)
    record("cpr_wall", screens=WALL["screens"], cpr_numbers_planted=WALL["cpr numbers"], unmasked=0)
