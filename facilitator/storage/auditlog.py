"""Reading the audit log: who (the OS user) did what to which object, and when.

Entries are written by :meth:`Store.audit`; they name objects by kind and id and never hold
note text. Erasing a citizen removes their entries and leaves one "erase" entry behind.
"""

from __future__ import annotations

from typing import Any

from facilitator.domain.records import AuditEntry
from facilitator.i18n import has_message, t
from facilitator.i18n.dates import short_datetime
from facilitator.storage.store import Store

DEFAULT_LIMIT = 1000
MAX_LIMIT = 1_000_000


def entries(
    store: Store, citizen_id: int | None = None, limit: int = DEFAULT_LIMIT
) -> list[AuditEntry]:
    """The latest ``limit`` entries (about one citizen, or all), oldest first."""
    sql = "SELECT * FROM audit_log"
    params: list[Any] = []
    if citizen_id is not None:
        sql += " WHERE citizen_id = ?"
        params.append(citizen_id)
    rows = store.rows(
        f"SELECT * FROM ({sql} ORDER BY id DESC LIMIT ?) ORDER BY id", [*params, limit]
    )
    return [
        AuditEntry(
            id=int(r["id"]),
            at=str(r["at"]),
            os_user=str(r["os_user"]),
            action=str(r["action"]),
            object_kind=str(r["object_kind"]),
            object_id=str(r["object_id"]),
            citizen_id=None if r["citizen_id"] is None else int(r["citizen_id"]),
        )
        for r in rows
    ]


def _label(prefix: str, code: str, language: str | None) -> str:
    """The catalog's word for an action or object kind; an unknown code is shown as it is."""
    key = f"{prefix}.{code}"
    return t(key, language) if has_message(key) else code


def action_label(action: str, language: str | None = None) -> str:
    return _label("audit.action", action, language)


def kind_label(kind: str, language: str | None = None) -> str:
    return _label("audit.kind", kind, language)


def as_dict(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at,
        "os_user": entry.os_user,
        "action": entry.action,
        "object_kind": entry.object_kind,
        "object_id": entry.object_id,
        "citizen_id": entry.citizen_id,
    }


def format_entry(entry: AuditEntry, language: str | None = None) -> str:
    """One line: when, who, what, which object, which citizen."""
    what = f"{kind_label(entry.object_kind, language)} {entry.object_id}".strip()
    when = short_datetime(entry.at, language)
    line = f"{when}  {entry.os_user}  {action_label(entry.action, language)}  {what}"
    if entry.citizen_id is not None:
        line += "  " + t("audit.citizen", language, id=entry.citizen_id)
    return line
