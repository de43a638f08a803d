"""Min plan, the § 141 view and the brief in Markdown: what the citizen typed stays text.

A note or a Mig card that says "# Godkendt", "<script>", "<img src=http…>" or "[klik](…)" must
not become a heading, HTML, an image or a link. Every field gets hostile text; the Markdown is
then rendered by markdown-it (CommonMark, as Textual's Markdown widget and most viewers do).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from facilitator.documents import compose
from facilitator.documents.mdtext import md_escape
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
from facilitator.storage.store import Store
from tests.figures import record

HOSTILE = (
    "# FORGED heading",
    "## FORGED",
    "<script>alert('FORGED')</script>",
    "<img src=http://evil.example/FORGED.png>",
    "[FORGED](http://evil.example)",
    "![FORGED](http://evil.example/x.png)",
    "> FORGED quote",
    "1. FORGED list",
    "- FORGED item",
    "**FORGED** _FORGED_ `FORGED`",
    "| FORGED | table |",
    "FORGED\n# FORGED on a new line",
    "    FORGED code block",
    "FORGED\\",
    "<a href='http://evil.example'>FORGED</a>",
    "&lt;FORGED&gt;",
    "---",
)


def plant(store: Store, texts: list[str]) -> tuple[int, str]:
    """A meeting with hostile text in every field that reaches a Markdown document."""

    def h(i: int) -> str:
        return texts[i % len(texts)]

    citizen = people.add_citizen(store, f"Borger {h(0)}")
    people.save_mig_card(store, MigCard(citizen.id, h(1), h(2), h(3), h(4), contact=h(5)))
    meeting = register.add_meeting(store, citizen.id, date(2026, 11, 26), title=h(6))
    register.add_topic(store, meeting.id, h(7))
    session = MeetingSession(store, meeting.id)
    guide = "Per Guidesen"
    session.add_participant(guide, ParticipantKind.MEDBORGERGUIDE, h(8))
    session.add_participant(f"Lone {h(9)}", ParticipantKind.PRIVAT, h(10))
    session.set_phase(Phase.RUNDER)
    for i, kind in enumerate(NoteKind):
        session.add_note(kind, h(11 + i))
    item = plan.add_plan_item(
        store, meeting.id, h(1), who=Who.SAMMEN, with_whom=h(2), by_when=h(3), follow_up=h(4)
    )
    plan.add_plan_item(
        store,
        meeting.id,
        h(5),
        section=PlanSection.IKKE_MULIGT,
        reason=h(6),
        other_ways=h(7),
    )
    plan.add_plan_item(store, meeting.id, h(8), section=PlanSection.PARKERING)
    closing.set_handover(store, meeting.id, h(9))
    for scope in consent.CATEGORIES:
        consent.grant(store, citizen.id, RecipientKind.MEDBORGERGUIDE, guide, scope)
        consent.grant(store, citizen.id, RecipientKind.MEDBORGERGUIDE, f"Anden {h(10)}", scope)
    consent.grant(
        store, citizen.id, RecipientKind.MEDBORGERGUIDE, guide, consent.item_scope(item.id)
    )
    return meeting.id, guide


def documents(store: Store, meeting_id: int, guide: str) -> dict[str, str]:
    citizen_id = register.get_meeting(store, meeting_id).citizen_id
    found = {
        f"{kind} ({lang})": str(
            compose.render_plan_document(store, meeting_id, kind, "md", language=lang).content
        )
        for kind in ("citizen", "s141")
        for lang in ("da", "en")
    }
    found["brief"] = str(compose.render_brief(store, guide, citizen_id).content)
    return found


def forged(markdown: str) -> list[str]:
    """What the hostile text managed to become, read as CommonMark renders it."""
    problems = []
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    for tag in ("script", "img", "a ", "code", "pre", "blockquote", "table", "hr"):
        if f"<{tag}" in rendered:
            problems.append(f"<{tag.strip()}> in the HTML")
    # A template heading may hold a name ("# Min plan – <name>"); a forged one starts with it.
    for heading in re.findall(r"<h\d>(.*?)</h\d>", rendered):
        if heading.lstrip("#\\ ").startswith("FORGED"):
            problems.append(f"a heading: {heading}")
    for strong in re.findall(r"<(?:strong|em)>(.*?)</(?:strong|em)>", rendered):
        if "FORGED" in strong:
            problems.append(f"emphasis: {strong}")
    # The templates write bullet lists only: a numbered list, or a list that opens inside an
    # item with the citizen's words, was made by the text.
    # (The next meeting's date, "21. januar 2027", alone on its line is read as a list by
    # CommonMark: the template's own text, left as it is.)
    if re.search(r"<(?:ol[^>]*|li>\s*<ul)>\s*<li>FORGED", rendered):
        problems.append("a list")
    for line in markdown.splitlines():
        if re.match(r"#+ *FORGED", line):
            problems.append(f"a heading line: {line}")
    if "<script" in markdown or "<img" in markdown or "](" in markdown:
        problems.append("raw HTML or a link in the Markdown")
    return problems


def test_hostile_text_in_every_field_forges_nothing(store: Store) -> None:
    meeting_id, guide = plant(store, list(HOSTILE))
    found = documents(store, meeting_id, guide)
    for name, text in found.items():
        assert "FORGED" in text, name  # the words are there, as text
        assert forged(text) == [], name
    record(
        "markdown",
        hostile_texts=len(HOSTILE),
        fields=21 + len(NoteKind),  # every h(...) in plant()
        documents=len(found),
        forged=sum(len(forged(text)) for text in found.values()),
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(
        st.text(
            alphabet=st.sampled_from("#>-+*_`[]()!|<>&\\ \n1.=~FORGEDimgscrpt:/"),
            min_size=1,
            max_size=30,
        ).map(lambda s: "FORGED " + s if s.strip() else "FORGED"),
        min_size=3,
        max_size=8,
    )
)
def test_any_markdown_punctuation_forges_nothing(store: Store, texts: list[str]) -> None:
    meeting_id, guide = plant(store, texts)
    rendered = compose.render_plan_document(store, meeting_id, "citizen", "md").content
    assert isinstance(rendered, str)
    rendered_html = MarkdownIt("commonmark").render(rendered)
    for tag in ("<script", "<img", "<a ", "<blockquote"):
        assert tag not in rendered_html
    for heading in re.findall(r"<h\d>(.*?)</h\d>", rendered_html):
        assert not heading.startswith("FORGED")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Mette (bostøtte)", "Mette (bostøtte)"),  # ordinary text is left as it is
        ("2.7.2026", "2.7.2026"),
        ("#hashtag", "#hashtag"),
        ("# Overskrift", "\\# Overskrift"),
        ("1. maj", "1\\. maj"),
        ("[a](b)", "\\[a\\]\\(b)"),
        ("<b>", "&lt;b&gt;"),
    ],
)
def test_the_escape(text: str, shown: str) -> None:
    assert md_escape(text) == shown
