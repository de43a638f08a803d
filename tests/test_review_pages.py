"""Godkend shows every part of the document the yes applies to, from the same snapshot."""

from __future__ import annotations

import re

import pytest

from facilitator.documents.render import render_plan
from facilitator.domain.snapshot import PlanSnapshot, SnapshotItem
from facilitator.i18n import set_language, t
from facilitator.tui.screens.review_pages import Page, review_pages


def item(item_id: int, section: str, what: str, **values: object) -> SnapshotItem:
    data: SnapshotItem = {
        "id": item_id,
        "section": section,
        "what": what,
        "who": "sammen",
        "with_whom": "",
        "by_when": "",
        "follow_up": "",
        "status": "aaben",
        "needs_decision": False,
        "reason": "",
        "other_ways": "",
        "review": "",
    }
    data.update(values)  # type: ignore[typeddict-item]
    return data


def full_plan() -> PlanSnapshot:
    """A plan with something in every part Min plan shows."""
    return {
        "citizen": {"id": 1, "name": "Karsten Demo-Lund", "born_year": None},
        "meeting": {
            "id": 2,
            "date": "2026-11-26",
            "title": "Møde",
            "next_meeting": "2027-01-21",
            "handover": "",
        },
        "mig": {
            "about": "Jeg er glad for musik",
            "likes": "Kaffe på havnen",
            "dreams": "At køre bus alene",
            "know_about_me": "Jeg bliver træt om eftermiddagen",
        },
        "topics": ["Bussen", "Posten"],
        "own": {
            "dreams": ["Jeg vil gerne svømme igen"],
            "strengths": ["Jeg kan lave mad"],
            "needs": ["Hjælp med posten"],
            "worries": ["Pengene"],
        },
        "participants": [
            {"name": "Karsten Demo-Lund", "kind": "borger", "relation": "", "department": ""},
            {"name": "Lone Demo-Lund", "kind": "privat", "relation": "søster", "department": ""},
        ],
        "items": [
            item(
                10,
                "plan",
                "Jeg øver bussen",
                with_whom="Mette",
                by_when="Inden jul",
                follow_up="Lone",
                needs_decision=True,
                what_now="Vi prøver igen",
            ),
            item(11, "plan", "Svømmehallen om torsdagen", who="andre"),
        ],
        "not_possible": [
            item(
                12,
                "ikke_muligt",
                "Eget værksted",
                reason="Ingen plads",
                other_ways="Værkstedet i parken",
            )
        ],
        "parked": [item(13, "parkering", "Ny lejlighed")],
        "speaker_names": {"7": "Karsten Demo-Lund", "8": "Lone Demo-Lund"},
    }


def words(pages: list[Page]) -> str:
    """Everything the pages say, markup left out."""
    return "\n".join(
        re.sub(r"\[/?b\]", "", "\n".join([p.section, p.heading, *p.lines])) for p in pages
    )


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_part_of_the_document_is_on_some_page(language: str) -> None:
    set_language(language)
    data = full_plan()
    pages = review_pages(data)
    shown = words(pages)
    # Every part Min plan has (its headings), but the measures and consents, which are read
    # from the store when the document is made and are not part of the version said yes to.
    document = render_plan(data, "md", language=language)
    extras = {t("doc.consents_title"), t("doc.how_it_goes")}
    parts = [h for h in re.findall(r"^##+ (.+)$", document, re.M) if h not in extras]
    assert parts
    for heading in parts:
        if re.match(r"\d+\. ", heading):  # an item's own heading
            heading = heading.split(". ", 1)[1]
        assert heading in shown, heading
    # And every word of the snapshot that Min plan prints.
    mig = data["mig"]
    texts: list[str] = [
        *(mig["about"], mig["likes"], mig["dreams"], mig["know_about_me"]),
        *data["topics"],
        *data["own"]["dreams"],
        *data["own"]["strengths"],
        *data["own"]["needs"],
        *(p["name"] for p in data["participants"]),
        "søster",
    ]
    for entry in [*data["items"], *data["not_possible"], *data["parked"]]:
        texts += [entry["what"], entry["with_whom"], entry["by_when"], entry["follow_up"]]
        texts += [entry["reason"], entry["other_ways"], entry.get("what_now", "")]
    for text in filter(None, texts):
        assert text in shown, text
    assert t("plan.needs_decision") in shown
    assert pages[-1].heading == t("review.ask")


def test_pages_follow_the_order_of_min_plan_and_each_item_has_its_own() -> None:
    set_language("da")
    pages = review_pages(full_plan())
    headings = [p.heading for p in pages]
    order = [
        t("plan.mig"),
        "1. Jeg øver bussen",
        "2. Svømmehallen om torsdagen",
        t("plan.important_now"),
        t("plan.dreams"),
        t("plan.can_do"),
        t("plan.who_is_in"),
        "Eget værksted",
        t("plan.parked"),
        t("plan.next_meeting"),
        t("review.ask"),
    ]
    assert headings[1:] == order
    assert [p.item_id for p in pages if p.item_id is not None] == [10, 11, 12]


def test_an_empty_part_is_left_out() -> None:
    set_language("da")
    data = full_plan()
    data["mig"] = {"about": "", "likes": "", "dreams": "", "know_about_me": ""}
    data["topics"] = []
    data["own"] = {"dreams": [], "strengths": [], "needs": [], "worries": []}
    data["not_possible"] = []
    data["parked"] = []
    headings = [p.heading for p in review_pages(data)]
    for gone in ("plan.mig", "plan.important_now", "plan.dreams", "plan.can_do", "plan.parked"):
        assert t(gone) not in headings
    assert t("plan.next_meeting") in headings  # always in the document, as here


def test_the_question_is_asked_in_the_first_person() -> None:
    for language, words_ in (("da", "Er det din plan?"), ("en", "Is this your plan?")):
        set_language(language)
        assert words_ in t("review.ask")
        assert words_ in t("review.confirm", number=1)
