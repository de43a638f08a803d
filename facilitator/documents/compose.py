"""The documents a meeting turns into: Min plan, the § 141 view, and a guide's visit brief.

All three start from one plan snapshot (plan.snapshot or a stored version), so they can
never disagree. What goes into a brief is decided by the consent ledger alone
(:func:`consent.shareable_items` and :func:`consent.may_share`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from facilitator.directory import departments
from facilitator.documents import render, svg
from facilitator.domain.errors import FacilitatorError, NotFound
from facilitator.domain.privacy import mask_deep
from facilitator.domain.readability import Lix, lix
from facilitator.domain.records import PlanVersion
from facilitator.domain.snapshot import PlanSnapshot, SnapshotItem
from facilitator.domain.vocabulary import ConsentScope, ParticipantKind, RecipientKind
from facilitator.i18n import current_language, t
from facilitator.i18n.dates import short_date
from facilitator.meetings import consent, measures, people, plan, register
from facilitator.storage import paths
from facilitator.storage.store import Store

KINDS = ("citizen", "s141")
FORMATS = ("md", "html", "pdf")
GUIDE = RecipientKind.MEDBORGERGUIDE


@dataclass(frozen=True)
class Rendered:
    """A rendered document, and what to write in the audit log once it has been delivered."""

    content: str | bytes
    kind: str
    ref: str
    citizen_id: int
    #: The plan a person reads in it, (meeting id, version or None for the plan as it is now);
    #: None for a document that is filed, not read (the citizen's copies).
    reads: tuple[int, int | None] | None = None

    def record(self, store: Store) -> None:
        """Log the rendering, and the reading of the plan if a person reads it (after the
        document was written, so a failed write logs nothing)."""
        store.audit("render", self.kind, self.ref, self.citizen_id)
        if self.reads is not None:
            plan.record_read(store, *self.reads)


@dataclass(frozen=True)
class PlanSource:
    """A plan snapshot and the version it is (None when it is the plan as it is now, unsaved)."""

    data: PlanSnapshot
    version: dict[str, Any]


def _saved(version: PlanVersion) -> PlanSource:
    info = {
        "number": version.version,
        "approved_at": version.approved_at,
        "approved_by": version.approved_by,
    }
    return PlanSource(version.snapshot, info)


def plan_source(store: Store, meeting_id: int, version_number: int | None = None) -> PlanSource:
    """A stored version, or the plan as it is now (with its version if it is saved unchanged)."""
    register.get_meeting(store, meeting_id)
    if version_number is not None:
        stored = plan.get_version(store, meeting_id, version_number)
        assert stored is not None
        return _saved(stored)
    data = plan.snapshot(store, meeting_id)
    latest = plan.get_version(store, meeting_id)
    if latest is not None and plan.same_plan(latest.snapshot, data):
        # The plan is as saved (perhaps followed up since): show the version as it was saved.
        return _saved(latest)
    return PlanSource(data, {"number": None, "approved_at": None, "approved_by": ""})


# --- what the citizen's plan shows besides the items ------------------------------------


def _scope_words(scope: str, items: dict[int, str], lang: str, voice: str) -> str:
    if scope.startswith(consent.ITEM_PREFIX):
        number = int(scope[len(consent.ITEM_PREFIX) :])
        return t("doc.consent_item", lang, what=items.get(number, f"#{number}"))
    return t(f"doc.consent_{voice}.{scope}", lang)


def consent_lines(
    store: Store, citizen_id: int, data: PlanSnapshot, lang: str, voice: str = "scope"
) -> list[str]:
    """The consents in force, in words, one recipient per line (printed in the plan).

    ``voice`` is ``scope`` for the citizen's own words ("mit Mig-kort") and ``case`` for
    the case file ("borgerens Mig-kort").
    """
    items = {int(i["id"]): str(i["what"]) for i in data["items"]}
    names = departments.department_names(store, lang)
    grouped: dict[tuple[str, str], list[str]] = {}
    for given in consent.active(store, citizen_id):
        key = (given.recipient_kind, given.recipient)
        grouped.setdefault(key, []).append(_scope_words(given.scope, items, lang, voice))
    return [
        t(
            "doc.consent_line",
            lang,
            who=names.get(recipient, recipient) if kind == "afdeling" else recipient,
            kind=t(f"doc.recipient.{kind}", lang),
            what=", ".join(scopes),
        )
        for (kind, recipient), scopes in grouped.items()
    ]


def _network(data: PlanSnapshot, lang: str) -> str:
    people_in = [
        svg.Person(
            p["name"],
            p["kind"],
            t("doc.circle_me", lang) if p["kind"] == "borger" else (p["relation"] or ""),
        )
        for p in data["participants"]
    ]
    description = t(
        "doc.circle_desc",
        lang,
        names=", ".join(f"{p.name} ({p.label or t('kind.' + p.kind, lang)})" for p in people_in),
    )
    legend = {kind.value: t(f"doc.legend.{kind.value}", lang) for kind in ParticipantKind}
    return svg.network_circle(people_in, t("doc.circle_title", lang), description, legend)


def _short_day(iso: str, lang: str) -> str:
    return short_date(iso, lang)


def _ruler(goals: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    shown = []
    for index, goal in enumerate(goals):
        readings = goal["readings"]
        labels = [_short_day(r["taken_on"], lang) for r in readings]
        lines = [
            svg.Series(
                t("doc.ruler_me", lang), [r["citizen_rating"] for r in readings], svg.CITIZEN_LINE
            )
        ]
        if any(r["professional_rating"] is not None for r in readings):
            who = next((r["professional"] for r in readings if r["professional"]), "")
            lines.append(
                svg.Series(
                    who or t("doc.ruler_professional", lang),
                    [r["professional_rating"] for r in readings],
                    svg.OTHER_LINE,
                    dashed=True,
                )
            )
        rows = [
            {
                "date": label,
                "me": r["citizen_rating"],
                "statement": r["statement"],
                "professional": r["professional_rating"],
                "who": r["professional"],
            }
            for label, r in zip(labels, readings, strict=True)
        ]
        description = "; ".join(
            t("doc.ruler_point", lang, date=row["date"], me=row["me"])
            + (
                " " + t("doc.ruler_point_other", lang, who=row["who"], value=row["professional"])
                if row["professional"] is not None
                else ""
            )
            for row in rows
        )
        chart = svg.line_chart(
            labels,
            lines,
            measures.RULER_MIN,
            measures.RULER_MAX,
            t("doc.ruler_chart_title", lang, goal=goal["goal"]),
            description,
            ticks=(1, 5, 10),
            chart_id=f"ruler-{index + 1}",
        )
        shown.append({"goal": goal["goal"], "svg": Markup(chart), "rows": rows})
    return shown


def _who5(scores: list[dict[str, Any]], top: int, lang: str) -> dict[str, Any] | None:
    if not scores:
        return None
    labels = [_short_day(w["taken_on"], lang) for w in scores]
    values = [int(w["score"]) for w in scores]
    description = "; ".join(f"{d}: {s}" for d, s in zip(labels, values, strict=True))
    chart = svg.line_chart(
        labels,
        [svg.Series(t("doc.who5_me", lang), values, svg.CITIZEN_LINE)],
        0,
        top,
        t("doc.who5_title", lang),
        description,
        ticks=(0, top // 2, top),
        chart_id="who5",
    )
    return {
        "svg": Markup(chart),
        "rows": [{"date": d, "score": s} for d, s in zip(labels, values, strict=True)],
    }


def citizen_extras(store: Store, data: PlanSnapshot, lang: str) -> dict[str, Any]:
    """What Min plan shows beside the items: the circle, the measures, the consents."""
    citizen_id = int(data["citizen"]["id"])
    # What was known on the plan's day: a plan from last spring shows last spring's readings.
    known = measures.chart_data(store, citizen_id, until=data["meeting"]["date"])
    return {
        "circle": Markup(_network(data, lang)),
        "ruler": _ruler(known["ruler"], lang),
        "who5": _who5(known["who5"], int(known["who5_scale"][1]), lang),
        "consents": consent_lines(store, citizen_id, data, lang),
    }


def s141_extras(store: Store, data: PlanSnapshot, lang: str) -> dict[str, Any]:
    """The § 141 view adds the consents for sharing across departments, nothing else."""
    return {"consents": consent_lines(store, int(data["citizen"]["id"]), data, lang, "case")}


def render_plan_document(
    store: Store,
    meeting_id: int,
    kind: str = "citizen",
    fmt: str = "md",
    version_number: int | None = None,
    language: str | None = None,
) -> Rendered:
    """Min plan or the § 141 view as Markdown, HTML or PDF (bytes)."""
    if kind not in KINDS:
        raise FacilitatorError(t("doc.err_kind", kind=kind))
    if fmt not in FORMATS:
        raise FacilitatorError(t("doc.err_format", fmt=fmt))
    lang = language or current_language()
    source = plan_source(store, meeting_id, version_number)
    extras = (citizen_extras if kind == "citizen" else s141_extras)(store, source.data, lang)
    text_format = "html" if fmt == "pdf" else fmt
    text = render.render_plan(
        source.data, text_format, kind=kind, language=lang, version=source.version, extras=extras
    )
    content = render.html_to_pdf(text) if fmt == "pdf" else text
    return Rendered(content, kind, str(meeting_id), int(source.data["citizen"]["id"]))


def read_plan_document(
    store: Store,
    meeting_id: int,
    kind: str = "citizen",
    fmt: str = "md",
    version_number: int | None = None,
    language: str | None = None,
) -> Rendered:
    """Min plan or the § 141 view for a person to read: :meth:`Rendered.record` then notes the
    reading in the audit log as every screen that shows the plan does
    (:func:`facilitator.meetings.plan.record_read`)."""
    rendered = render_plan_document(store, meeting_id, kind, fmt, version_number, language)
    return replace(rendered, reads=(meeting_id, version_number))


def citizen_text(data: PlanSnapshot) -> str:
    """The citizen's own words in the plan, one per line: what the LIX is measured on."""
    lines: list[str] = list(data["topics"])
    for key in ("dreams", "strengths", "needs"):
        lines += data["own"][key]
    for item in data["items"] + data["not_possible"]:
        lines += [item["what"], item["reason"] or "", item["other_ways"] or ""]
    return "\n".join(line for line in lines if line)


def plan_lix(data: PlanSnapshot) -> Lix:
    """The readability of the citizen's text in the plan."""
    return lix(citizen_text(data))


# --- the guide's visit brief -------------------------------------------------------------


def find_guide(store: Store, guide_name: str, citizen_id: int | None = None) -> tuple[str, int]:
    """The guide's name as recorded and the one citizen they guide (``citizen_id`` narrows it)."""
    wanted = consent.normalise_recipient(guide_name)
    if not wanted:
        raise FacilitatorError(t("doc.err_no_guide_name"))
    rows = store.rows(
        "SELECT p.name, m.citizen_id FROM participants p JOIN meetings m ON m.id = p.meeting_id"
        " WHERE p.kind = ? ORDER BY m.date DESC, m.id DESC",
        [GUIDE],
    )
    found = [
        (str(r["name"]), int(r["citizen_id"]))
        for r in rows
        if consent.normalise_recipient(str(r["name"])) == wanted
        and (citizen_id is None or int(r["citizen_id"]) == citizen_id)
    ]
    if not found:
        if citizen_id is not None:
            people.get_citizen(store, citizen_id)
        raise NotFound(t("doc.err_guide_unknown", name=" ".join(guide_name.split())))
    citizens = {c for _, c in found}
    if len(citizens) > 1:
        raise FacilitatorError(
            t("doc.err_guide_many", name=found[0][0], ids=", ".join(map(str, sorted(citizens))))
        )
    return found[0]


def _plan_for_brief(store: Store, citizen_id: int) -> PlanSource | None:
    """The plan the citizen approved last; without one, the newest meeting's plan."""
    meetings = register.list_meetings(store, citizen_id)
    for meeting in reversed(meetings):
        approved = plan.last_approved(store, meeting.id)
        if approved is not None:
            return _saved(approved)
    if not meetings:
        return None
    return plan_source(store, meetings[-1].id)


def _everyone(store: Store, data: PlanSnapshot | None) -> list[str]:
    """Everyone in the plan's meeting, by name: those in the snapshot and, from the store,
    those removed since (a name in a plan item is told apart among all of them)."""
    if data is None:
        return []
    meeting_id = data["meeting"].get("id")
    names = [] if meeting_id is None else [p.name for p in people.participants(store, meeting_id)]
    return names + [str(p["name"]) for p in data["participants"] if p["name"] not in names]


def brief_data(store: Store, guide_name: str, citizen_id: int | None = None) -> dict[str, Any]:
    """Only what the citizen consented to share with this guide; nothing else leaves."""
    guide, cid = find_guide(store, guide_name, citizen_id)
    citizen = people.get_citizen(store, cid)
    given = consent.active(store, cid)
    source = _plan_for_brief(store, cid)

    def allowed(scope: ConsentScope) -> bool:
        return consent.may_share(given, GUIDE, guide, scope)

    items: list[SnapshotItem] = source.data["items"] if source else []
    shared, part = consent.shared_plan(
        given, GUIDE, guide, items, _everyone(store, source.data if source else None)
    )
    card = people.get_mig_card(store, cid)
    data = source.data if source else None
    # Mask the whole: the Mig card and the contact are read fresh, not from the snapshot.
    brief: dict[str, Any] = mask_deep(
        {
            "guide": guide,
            "citizen": {"id": cid, "name": citizen.name, "first_name": citizen.name.split()[0]},
            "help_with": [_brief_item(i) for i in shared if int(i["id"]) in part],
            "other_items": [_brief_item(i) for i in shared if int(i["id"]) not in part],
            "mig": card.words() if allowed(ConsentScope.MIG_CARD) and not card.is_empty else None,
            "contact": card.contact if card.contact and allowed(ConsentScope.CONTACT) else None,
            "topics": list(data["topics"]) if data and allowed(ConsentScope.TOPICS) else None,
            "dreams": list(data["own"]["dreams"])
            if data and allowed(ConsentScope.DREAMS)
            else None,
            "meeting": (
                {"date": data["meeting"]["date"], "next_meeting": data["meeting"]["next_meeting"]}
                if data
                else {"date": None, "next_meeting": None}
            ),
            "approved_at": source.version["approved_at"] if source else None,
            "consented_since": min(
                (c.granted_at for c in consent.given_to(given, GUIDE, guide)), default=None
            ),
        }
    )
    return brief


def _brief_item(item: SnapshotItem) -> dict[str, Any]:
    """What a guide sees of a plan item: what, who, with whom, by when, follow-up, and
    "Hvad nu?", which belongs to the item: shared exactly when the item is (None if none)."""
    return {
        "id": item["id"],
        "what": item["what"],
        "who": item["who"],
        "with_whom": item["with_whom"],
        "by_when": item["by_when"],
        "follow_up": item["follow_up"],
        "what_now": item.get("what_now"),
    }


def render_brief(
    store: Store,
    guide_name: str,
    citizen_id: int | None = None,
    fmt: str = "md",
    language: str | None = None,
) -> Rendered:
    """The visit brief for a named medborgerguide as Markdown, HTML or PDF (bytes)."""
    if fmt not in FORMATS:
        raise FacilitatorError(t("doc.err_format", fmt=fmt))
    lang = language or current_language()
    data = brief_data(store, guide_name, citizen_id)
    text = render.render_brief(data, "html" if fmt == "pdf" else fmt, language=lang)
    content = render.html_to_pdf(text) if fmt == "pdf" else text
    return Rendered(content, "brief", str(data["guide"]), int(data["citizen"]["id"]))


# --- the citizen's copies ---------------------------------------------------------------


def save_for_citizen(
    store: Store, meeting_id: int, version_number: int, language: str | None = None
) -> list[Path]:
    """Write Min plan (PDF, HTML, Markdown) and the § 141 view (PDF) of a version into the
    citizen's documents folder, owner-only. Returns the files written."""
    meeting = register.get_meeting(store, meeting_id)
    paths.ensure_private_dir(paths.documents_dir())
    folder = paths.ensure_private_dir(paths.citizen_documents_dir(meeting.citizen_id))
    lang = language or current_language()
    stem = f"{t('doc.file_plan', lang)}-{meeting.date}-v{version_number}"
    wanted = [
        ("citizen", "pdf", f"{stem}.pdf"),
        ("citizen", "html", f"{stem}.html"),
        ("citizen", "md", f"{stem}.md"),
        ("s141", "pdf", f"{t('doc.file_s141', lang)}-{meeting.date}-v{version_number}.pdf"),
    ]
    written: list[Path] = []
    for kind, fmt, name in wanted:
        rendered = render_plan_document(store, meeting_id, kind, fmt, version_number, lang)
        content = rendered.content
        target = folder / name
        paths.write_private(target, content.encode() if isinstance(content, str) else content)
        rendered.record(store)
        written.append(target)
    return written
