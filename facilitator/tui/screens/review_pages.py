"""The pages of Godkend: every part of Min plan, one page at a time, read from the snapshot.

The pages are made from the same plan snapshot Min plan is rendered from, in the document's
order, so what the citizen reads on the wall is what the yes applies to on paper. A part with
nothing in it is left out, as in the document. Measures and consents are not pages: they are
not part of the plan version the yes is stored with.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from facilitator.domain.snapshot import PlanSnapshot, SnapshotItem
from facilitator.i18n import t, tn
from facilitator.i18n.dates import long_date
from facilitator.tui.markup import escape


@dataclass(frozen=True)
class Page:
    """One page of the review: the part of the plan it is (small), a heading shown large,
    lines beneath, and the plan item it is (which can be marked to change)."""

    section: str
    heading: str
    lines: list[str]
    item_id: int | None = None


def _field(label: str, value: str) -> str:
    return f"{escape(label)}: {escape(value)}"


def _bullets(texts: Iterable[str]) -> list[str]:
    return [f"•  {escape(text)}" for text in texts]


def _item_page(item: SnapshotItem, number: int, total: int) -> Page:
    lines = [escape(t("who." + (item["who"] or "none")))]
    if item["with_whom"]:
        lines.append(_field(t("plan.with_whom"), item["with_whom"]))
    if item["by_when"]:
        lines.append(_field(t("plan.by_when"), item["by_when"]))
    lines.append(_field(t("plan.follow_up"), item["follow_up"] or t("plan.nobody_yet")))
    what_now = item.get("what_now")
    if what_now:  # "Hvad nu? …", as the document says it
        lines.append(f"{escape(t('since.what_now'))} {escape(what_now)}")
    if item["needs_decision"]:
        lines.append(f"⚠  {escape(t('plan.needs_decision'))}")
    section = t("review.section_count", section=t("plan.we_do"), n=number, total=total)
    return Page(section, f"{number}. {item['what']}", lines, int(item["id"]))


def _not_possible_page(item: SnapshotItem) -> Page:
    lines = [
        _field(t("plan.because"), item["reason"] or "–"),
        _field(t("plan.other_ways"), item["other_ways"] or "–"),
    ]
    return Page(t("plan.not_possible"), item["what"], lines, int(item["id"]))


def review_pages(data: PlanSnapshot) -> list[Page]:
    """The plan as pages: a first page saying whose plan it is, each part of Min plan (each
    plan item and each "cannot" on a page of its own), and the question last."""
    title = t("plan.title")
    pages = [
        Page(
            title,
            t("plan.owner", name=data["citizen"]["name"]),
            [
                escape(t("plan.meeting_date", date=long_date(data["meeting"]["date"]))),
                escape(t("review.start")),
            ],
        )
    ]
    mig = data["mig"]
    mig_lines = [escape(mig["about"])] if mig["about"] else []
    for words, label in (
        (mig["likes"], "plan.mig_likes"),
        (mig["dreams"], "plan.mig_dreams"),
        (mig["know_about_me"], "plan.mig_know"),
    ):
        if words:
            mig_lines.append(_field(t(label), words))
    if mig_lines:
        pages.append(Page(title, t("plan.mig"), mig_lines))
    items = data["items"]
    pages += [_item_page(item, n, len(items)) for n, item in enumerate(items, start=1)]
    own = data["own"]
    for key, texts in (
        ("plan.important_now", data["topics"]),
        ("plan.dreams", own["dreams"]),
    ):
        if texts:
            pages.append(Page(title, t(key), _bullets(texts)))
    if own["strengths"] or own["needs"]:
        lines = _bullets(own["strengths"])
        if own["strengths"] and own["needs"]:
            lines.append(f"[b]{escape(t('plan.with_help'))}[/b]")
        lines += _bullets(own["needs"])
        heading = t("plan.can_do") if own["strengths"] else t("plan.with_help")
        pages.append(Page(title, heading, lines))
    if data["participants"]:
        pages.append(
            Page(
                title,
                t("plan.who_is_in"),
                _bullets(
                    f"{p['name']} ({p['relation']}) – {t('kind.' + p['kind'])}"
                    if p["relation"]
                    else f"{p['name']} – {t('kind.' + p['kind'])}"
                    for p in data["participants"]
                ),
            )
        )
    pages += [_not_possible_page(item) for item in data["not_possible"]]
    if data["parked"]:
        pages.append(Page(title, t("plan.parked"), _bullets(i["what"] for i in data["parked"])))
    next_meeting = long_date(data["meeting"]["next_meeting"]) or t("plan.not_set")
    pages.append(Page(title, t("plan.next_meeting"), [escape(next_meeting)]))
    ask = [escape(tn("review.items_count", len(items)))] if items else []
    pages.append(Page(title, t("review.ask"), [*ask, escape(t("review.how_yes"))]))
    return pages
