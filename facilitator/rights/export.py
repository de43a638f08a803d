"""The citizen's rights: see everything held about them, and share only what they chose.

* :func:`export_citizen` — everything held about one citizen, as one JSON-ready document
  (data portability; it is for the citizen, so nothing is left out or masked).
* :func:`export_for` — what one recipient may see: every part asks :func:`consent.may_share`,
  and every CPR number is masked.

Erasure (the right to be forgotten) is :mod:`facilitator.rights.erasure`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from facilitator import __version__
from facilitator.domain.privacy import mask_deep
from facilitator.domain.vocabulary import ConsentScope, RecipientKind
from facilitator.meetings import consent, measures, people, register
from facilitator.rights.holdings import embeddings_held, portable, rows, tables_with
from facilitator.storage import paths
from facilitator.storage.store import Store

EXPORT_FORMAT = "facilitator-citizen-export/1"
SHARE_FORMAT = "facilitator-shared-export/1"


# --- export: everything, for the citizen -----------------------------------------------


def _documents(citizen_id: int) -> list[str]:
    folder = paths.citizen_documents_dir(citizen_id)
    if not folder.is_dir():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def record_export(
    store: Store, citizen_id: int, shared: bool, scopes: Sequence[str] | None = None
) -> None:
    """The audit entry of an export: "export" (for the citizen), or for a recipient "share"
    naming the scopes that were actually shared, or "share_nothing" when nothing was."""
    if not shared:
        store.audit("export", "citizen", citizen_id, citizen_id)
    elif scopes:
        store.audit("share", "scopes", ", ".join(scopes), citizen_id)
    else:
        store.audit("share_nothing", "citizen", citizen_id, citizen_id)


def export_citizen(store: Store, citizen_id: int, audit: bool = True) -> dict[str, Any]:
    """Everything held about the citizen, as one document (audited unless ``audit`` is off,
    for a caller that audits once the document is handed out)."""
    citizen = people.get_citizen(store, citizen_id)
    conn = store.db.conn
    meetings = rows(
        conn, "SELECT * FROM meetings WHERE citizen_id = ? ORDER BY date, id", [citizen.id]
    )
    per_meeting = tables_with(conn, "meeting_id")
    titles = {str(r[0]): str(r[1]) for r in conn.execute("SELECT id, title FROM corpus_entries")}
    for meeting in meetings:
        for table in per_meeting:
            sql = f'SELECT * FROM "{table}" WHERE meeting_id = ? ORDER BY rowid'
            found = rows(conn, sql, [meeting["id"]])
            if table == "suggestions":  # the idea's name, not only its id
                found = [{**r, "entry_title": titles.get(str(r["entry_id"]), "")} for r in found]
            meeting[table] = [portable(r) for r in found]
    held: dict[str, Any] = {}
    for table in tables_with(conn, "citizen_id"):
        sql = f'SELECT * FROM "{table}" WHERE citizen_id = ?'
        if table in per_meeting:  # the rows of a meeting are with it; the others stand here
            sql += " AND meeting_id IS NULL"
        found = rows(conn, sql + " ORDER BY rowid", [citizen.id])
        if found or table not in per_meeting:
            held[table] = [portable(r) for r in found]
    document = {
        "format": EXPORT_FORMAT,
        "program": f"facilitator {__version__}",
        "exported_at": store.now(),
        "citizen": rows(conn, "SELECT * FROM citizens WHERE id = ?", [citizen.id])[0],
        **held,
        "meetings": [portable(m) for m in meetings],
        # The same readings as in the tables above, with each WHO-5 score worked out.
        "measures": measures.export_measures(store, citizen.id),
        "documents": _documents(citizen.id),
        "embeddings": embeddings_held(conn, citizen.id, [int(m["id"]) for m in meetings]),
        "audit_log": rows(
            conn, "SELECT * FROM audit_log WHERE citizen_id = ? ORDER BY id", [citizen.id]
        ),
    }
    if audit:
        record_export(store, citizen.id, shared=False)
    return document


# --- export for a recipient: only what the citizen consented to -------------------------


_ITEM_FIELDS = ("what", "who", "with_whom", "by_when", "follow_up", "status", "needs_decision")


def shared_scopes(document: Mapping[str, Any]) -> list[str]:
    """What a recipient's export actually holds, by scope ("name" for the citizen's name):
    what its audit entry says was shared."""
    found = {key for key in ("mig_card", "contact", "dreams") if document.get(key)}
    if document.get("citizen", {}).get("name"):
        found.add("name")
    for meeting in document.get("meetings", []):
        found.update(key for key in ("topics", "dreams", "plan") if meeting.get(key))
    return sorted(found)


def export_for(
    store: Store,
    citizen_id: int,
    recipient_kind: RecipientKind,
    recipient: str,
    audit: bool = True,
) -> dict[str, Any]:
    """What this recipient may see, and nothing more: each part is asked of
    :func:`consent.may_share` (the name of :func:`consent.may_share_name`, the plan of
    :func:`consent.shared_plan`); CPR numbers are masked everywhere. Audited as "share" with
    the scopes actually shared, or as "share_nothing"."""
    citizen = people.get_citizen(store, citizen_id)
    ledger = consent.active(store, citizen.id)

    def allowed(scope: ConsentScope) -> bool:
        return consent.may_share(ledger, recipient_kind, recipient, scope)

    document: dict[str, Any] = {
        "format": SHARE_FORMAT,
        "exported_at": store.now(),
        "recipient": {"kind": str(recipient_kind), "name": " ".join(recipient.split())},
        "citizen": {},
        "consents": sorted({c.scope for c in consent.given_to(ledger, recipient_kind, recipient)}),
    }
    if consent.may_share_name(ledger, recipient_kind, recipient):
        document["citizen"] = {"name": citizen.name}
    card = people.get_mig_card(store, citizen.id)
    if allowed(ConsentScope.MIG_CARD) and not card.is_empty:
        document["mig_card"] = card.words()
    if allowed(ConsentScope.CONTACT) and card.contact:
        document["contact"] = card.contact
    meetings: list[dict[str, Any]] = []
    for meeting in register.list_meetings(store, citizen.id):
        shared: dict[str, Any] = {"date": meeting.date}
        if allowed(ConsentScope.TOPICS):
            shared["topics"] = [tp.text for tp in register.topics(store, meeting.id)]
        if allowed(ConsentScope.DREAMS):
            shared["dreams"] = [
                r["text"]
                for r in store.rows(
                    "SELECT n.text FROM notes n JOIN participants p ON p.id = n.participant_id"
                    " WHERE n.meeting_id = ? AND p.kind = 'borger' AND n.kind = 'drøm'"
                    " ORDER BY n.id",
                    [meeting.id],
                )
            ]
        rows = store.rows(
            "SELECT * FROM plan_items WHERE meeting_id = ? AND section = 'plan'"
            " ORDER BY position, id",
            [meeting.id],
        )
        everyone = [p.name for p in people.participants(store, meeting.id)]
        items, _ = consent.shared_plan(ledger, recipient_kind, recipient, rows, everyone)
        if items:
            shared["plan"] = [{k: r[k] for k in _ITEM_FIELDS} for r in items]
        if len(shared) > 1:
            meetings.append(shared)
    if allowed(ConsentScope.DREAMS) and card.dreams:
        document["dreams"] = card.dreams
    document["meetings"] = meetings
    if audit:
        record_export(store, citizen.id, shared=True, scopes=shared_scopes(document))
    masked: dict[str, Any] = mask_deep(document)
    return masked
