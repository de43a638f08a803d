"""Min plan, the § 141 view and the guide's brief: golden files, PDF text, consent, LIX."""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.documents import compose
from facilitator.documents.mdtext import md_escape
from facilitator.domain.readability import lix
from facilitator.domain.records import MigCard
from facilitator.domain.vocabulary import ParticipantKind, PlanSection, RecipientKind, Who
from facilitator.i18n.po import messages
from facilitator.meetings import consent, people, plan, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage import paths
from facilitator.storage.store import Store
from tests.conftest import run_cli

GOLDEN = Path(__file__).parent / "golden"
TEMPLATES = Path(__file__).resolve().parent.parent / "facilitator" / "documents" / "templates"
GUIDE = "Per Guidesen"
FIXTURE = HealthCheck.function_scoped_fixture

MESSAGES = messages()


def first_meeting(store: Store) -> int:
    """The demo's latest earlier meeting: a plan the citizen approved, measures taken twice."""
    approved = [m.id for m in register.list_meetings(store) if plan.last_approved(store, m.id)]
    return approved[-1]


def check_golden(name: str, text: str) -> None:
    target = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        target.write_text(text, encoding="utf-8")
    assert target.exists(), f"no golden file {name}; run with UPDATE_GOLDEN=1"
    assert text == target.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("kind", ["citizen", "s141"])
def test_golden_plan_markdown(demo_store: Store, kind: str, lang: str) -> None:
    rendered = compose.render_plan_document(
        demo_store, first_meeting(demo_store), kind, "md", language=lang
    )
    assert isinstance(rendered.content, str)
    check_golden(f"demo-{kind}.{lang}.md", rendered.content)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_golden_brief_markdown(demo_store: Store, lang: str) -> None:
    rendered = compose.render_brief(demo_store, GUIDE, language=lang)
    assert isinstance(rendered.content, str)
    check_golden(f"demo-brief.{lang}.md", rendered.content)


def test_the_demo_brief_holds_exactly_the_consented_items(demo_store: Store) -> None:
    data = compose.brief_data(demo_store, "  per   GUIDESEN ")
    assert [i["what"] for i in data["help_with"]] == ["Jeg vil gerne have en følgeven til svømning"]
    assert data["other_items"] == [] and data["topics"] is None and data["dreams"] is None
    assert data["mig"] is not None and "Demovej 12" in str(data["contact"])
    assert "Demovej" not in str(data["mig"])  # the Mig card's consent does not cover contact
    text = compose.render_brief(demo_store, GUIDE).content
    assert isinstance(text, str)
    for item in plan.plan_items(demo_store, first_meeting(demo_store)):
        assert (item.what in text) == (item.what == "Jeg vil gerne have en følgeven til svømning")
    # "Hvad nu?" travels with its item: shared with the one item, and no other's.
    assert data["help_with"][0]["what_now"] == "Per har fundet en følgeven. Vi starter nu."
    assert "Per har fundet en følgeven" in text and "Vi øver videre" not in text


def normalise(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.mark.slow  # renders two PDFs; test_cli_plan_pdf_and_brief keeps one in the fast lane
@pytest.mark.parametrize("kind", ["citizen", "s141"])
def test_the_pdf_holds_every_plan_item(demo_store: Store, kind: str) -> None:
    from pypdf import PdfReader

    meeting_id = first_meeting(demo_store)
    pdf = compose.render_plan_document(demo_store, meeting_id, kind, "pdf").content
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    text = normalise(" ".join(page.extract_text() for page in reader.pages))
    for item in plan.plan_items(demo_store, meeting_id):
        assert normalise(item.what) in text


def test_html_is_self_contained(demo_store: Store) -> None:
    for kind in ("citizen", "s141"):
        html = compose.render_plan_document(demo_store, first_meeting(demo_store), kind, "html")
        assert isinstance(html.content, str)
        assert not re.search(r"(src|href)=|<link|<script|url\(", html.content)
    brief = compose.render_brief(demo_store, GUIDE, fmt="html").content
    assert isinstance(brief, str) and "<script" not in brief and "href=" not in brief


item_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(item_text, min_size=1, max_size=6))
def test_every_item_appears_in_both_views(store: Store, texts: list[str]) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    meeting = register.add_meeting(store, citizen.id, date(2026, 11, 26))
    for text in texts:
        plan.add_plan_item(store, meeting.id, text, who=Who.SELV)
    items = [i.what for i in plan.plan_items(store, meeting.id)]
    for fmt in ("md", "html"):
        mine = compose.render_plan_document(store, meeting.id, "citizen", fmt).content
        case = compose.render_plan_document(store, meeting.id, "s141", fmt).content
        assert isinstance(mine, str) and isinstance(case, str)
        for what in items:
            shown = md_escape(what) if fmt == "md" else _html_escape(what)
            assert shown in mine and shown in case


def _html_escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


SCOPES = ["mig_card", "plan", "plan:all", "topics", "dreams", "contact"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scopes=st.lists(st.sampled_from(SCOPES), unique=True),
    item_grants=st.lists(st.integers(0, 4), unique=True),
    revoke=st.lists(st.booleans(), min_size=12, max_size=12),
    guide_in=st.lists(st.booleans(), min_size=5, max_size=5),
    others=st.lists(st.sampled_from(SCOPES), unique=True),
)
def test_a_brief_holds_only_what_was_consented(
    store: Store,
    scopes: list[str],
    item_grants: list[int],
    revoke: list[bool],
    guide_in: list[bool],
    others: list[str],
) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    meeting = register.add_meeting(store, citizen.id, date(2026, 11, 26))
    MeetingSession(store, meeting.id).add_participant("Gitte Guide", ParticipantKind.MEDBORGERGUIDE)
    register.add_topic(store, meeting.id, "MARKER-TOPIC")
    people.save_mig_card(store, MigCard(citizen.id, about="MARKER-MIG", contact="MARKER-PHONE"))
    items = [
        plan.add_plan_item(
            store, meeting.id, f"MARKER-ITEM-{n}", with_whom="Gitte" if guide_in[n] else "Lone"
        )
        for n in range(5)
    ]
    plan.add_plan_item(store, meeting.id, "MARKER-NOTPOSSIBLE", section=PlanSection.IKKE_MULIGT)
    granted = [
        consent.grant(store, citizen.id, RecipientKind.MEDBORGERGUIDE, "Gitte Guide", s)
        for s in scopes + [consent.item_scope(items[n].id) for n in item_grants]
    ]
    for c, off in zip(granted, revoke, strict=False):
        if off:
            consent.revoke(store, c.id)
    for s in others:  # consents for someone else never widen the guide's brief
        consent.grant(store, citizen.id, RecipientKind.MEDBORGERGUIDE, "Anden Guide", s)
    live = {c.scope for c in consent.active(store, citizen.id) if c.recipient == "Gitte Guide"}
    expected = {
        n
        for n in range(5)
        if "plan:all" in live
        or consent.item_scope(items[n].id) in live
        or ("plan" in live and guide_in[n])
    }
    for fmt in ("md", "html"):
        text = compose.render_brief(store, "Gitte Guide", citizen.id, fmt=fmt).content
        assert isinstance(text, str)
        assert {n for n in range(5) if f"MARKER-ITEM-{n}" in text} == expected
        assert ("MARKER-MIG" in text) == ("mig_card" in live)
        assert ("MARKER-TOPIC" in text) == ("topics" in live)
        assert ("MARKER-PHONE" in text) == ("contact" in live)
        assert "MARKER-NOTPOSSIBLE" not in text


def template_wording(lang: str) -> str:
    """Every sentence the templates themselves say (catalog keys they use), as one text."""
    keys: set[str] = set()
    for template in TEMPLATES.glob("*.j2"):
        source = template.read_text(encoding="utf-8")
        keys |= set(re.findall(r'(?:\bt|\b_)\("([a-z0-9_.:]+[a-z0-9_])"', source))
    for prefix in ("who.", "kind.", "s141.who.", "s141.kind.", "doc.consent_"):
        keys |= {k for k in MESSAGES if k.startswith(prefix)}
    sentences = []
    for key in sorted(keys):
        text = re.sub(r"\{[a-z_]+\}", "Anna", MESSAGES[key][lang])
        sentences.append(text.rstrip(".:") + ".")
    return "\n".join(sentences)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_templates_own_wording_reads_easily(lang: str) -> None:
    score = lix(template_wording(lang))
    assert score.words > 300
    assert score.score <= 35, score


def test_plan_lix_is_measured_on_the_citizens_words(demo_store: Store) -> None:
    data = plan.snapshot(demo_store, first_meeting(demo_store))
    assert "Jeg øver busruten til genoptræningen" in compose.citizen_text(data)
    assert 0 < compose.plan_lix(data).score < 45


def test_a_municipality_overrides_one_template(demo_store: Store) -> None:
    folder = paths.templates_dir()
    folder.mkdir(parents=True)
    (folder / "brief.md.j2").write_text('{% extends "default:brief.md.j2" %}', encoding="utf-8")
    (folder / "s141.md.j2").write_text("Demo Kommune § 141: {{ plan.citizen.name }}\n")
    case = compose.render_plan_document(demo_store, first_meeting(demo_store), "s141", "md")
    assert case.content == "Demo Kommune § 141: Karsten Demo-Lund\n"
    assert "Karsten" in str(compose.render_brief(demo_store, GUIDE).content)


def test_cli_plan_pdf_and_brief(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    result = run_cli("plan", "1", "--format", "pdf", "--kind", "s141", "-o", str(out))
    assert result.code == 0, result
    assert out.read_bytes().startswith(b"%PDF") and (out.stat().st_mode & 0o777) == 0o600
    result = run_cli("--lang", "en", "brief", "Per Guidesen")
    assert result.code == 0 and "Letter to Per Guidesen" in result.out
    for args in (
        ["brief", "Nobody Here"],
        ["brief", " "],
        ["plan", "1", "--kind", "x"],
        ["plan", "1", "--version", "9"],
        ["brief", "Per Guidesen", "--citizen", "99"],
    ):
        bad = run_cli(*args)
        assert bad.code != 0 and bad.out == "" and "Traceback" not in bad.err, (args, bad)


def test_every_consent_category_has_words_in_both_voices() -> None:
    for scope in consent.CATEGORIES:
        for voice in ("scope", "case"):
            assert f"doc.consent_{voice}.{scope}" in MESSAGES, scope


def pdf_pages(pdf: str | bytes) -> list[str]:
    """The text of each page of a PDF."""
    from pypdf import PdfReader

    assert isinstance(pdf, bytes)
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize(("lang", "page_one"), [("da", "Side 1 af"), ("en", "Page 1 of")])
def test_the_demo_plans_fit_on_four_numbered_pages(
    demo_store: Store, lang: str, page_one: str
) -> None:
    for meeting in register.list_meetings(demo_store):
        pdf = compose.render_plan_document(demo_store, meeting.id, "citizen", "pdf", language=lang)
        pages = pdf_pages(pdf.content)
        assert len(pages) <= 4, (meeting.id, len(pages))
        last = f"{len(pages)} {'af' if lang == 'da' else 'of'} {len(pages)}"
        assert page_one in pages[0] and last in pages[-1], meeting.id
        case = compose.render_plan_document(demo_store, meeting.id, "s141", "pdf", language=lang)
        assert page_one in pdf_pages(case.content)[0]
    brief = compose.render_brief(demo_store, GUIDE, fmt="pdf", language=lang).content
    assert page_one in pdf_pages(brief)[0]


def headings(text: str) -> list[str]:
    """The headings of a Markdown or HTML document, in order."""
    found = re.findall(r"^#+ (.+)$|<h[1-3][^>]*>(.*?)</h[1-3]>", text, re.MULTILINE)
    return [md or html for md, html in found]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_we_do_comes_right_after_mig(demo_store: Store, fmt: str) -> None:
    text = compose.render_plan_document(demo_store, first_meeting(demo_store), "citizen", fmt)
    assert isinstance(text.content, str)
    found = headings(text.content)
    assert found[found.index("Mig") + 1] == "Det gør vi"


EMPTY_HEADINGS = {
    "citizen": [
        "Det gør vi",
        "Det er vigtigt for mig nu",
        "Mine drømme og ønsker",
        "Det kan jeg",
        "Det kan jeg med hjælp",
        "Det kan ikke lade sig gøre",
        "Det kan vi ikke ændre her",
        "Sådan går det for mig",
    ],
    "s141": ["Borgerens egne mål og ønsker", "Mål for støtten", "Ønsker, der ikke kan opfyldes"],
}


@pytest.mark.parametrize("kind", ["citizen", "s141"])
def test_an_empty_section_has_no_heading(store: Store, kind: str) -> None:
    citizen = people.add_citizen(store, "Test Borger")
    meeting = register.add_meeting(store, citizen.id, date(2026, 11, 26))
    for fmt in ("md", "html", "pdf"):
        content = compose.render_plan_document(store, meeting.id, kind, fmt).content
        text = normalise(" ".join(pdf_pages(content)) if fmt == "pdf" else str(content))
        for heading in EMPTY_HEADINGS[kind]:
            assert heading not in text, (fmt, heading)
        assert "Ikke noget endnu" not in text
