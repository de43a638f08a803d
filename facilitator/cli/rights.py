"""The citizen's rights on the command line: export, forget, and the audit log."""

from __future__ import annotations

import json

import click

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import Citizen
from facilitator.domain.safetext import printable
from facilitator.i18n import t
from facilitator.meetings import people
from facilitator.storage import auditlog
from facilitator.storage.store import Store


def _find(store: Store, ref: str) -> Citizen:
    """A citizen by id or full name; hostile text gets one clear sentence."""
    cleaned = printable(ref)
    if not cleaned or len(cleaned) > people.MAX_NAME:
        raise FacilitatorError(t("rights.err_citizen_ref"))
    return people.find_citizen(store, cleaned)


def _recipient(value: str) -> tuple[str, str]:
    """``KIND:NAME`` split and checked."""
    from facilitator.meetings import consent

    kind, sep, name = printable(value).partition(":")
    kind = kind.strip().lower()
    name = " ".join(name.split())
    if not sep or kind not in consent.RECIPIENT_KINDS or not name:
        raise FacilitatorError(t("rights.err_recipient", kinds=", ".join(consent.RECIPIENT_KINDS)))
    if len(name) > consent.MAX_RECIPIENT:
        raise FacilitatorError(
            t("err.too_long", what=t("consent.word_recipient"), limit=consent.MAX_RECIPIENT)
        )
    return kind, name


def _dump(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def register(group: click.Group) -> None:
    """Add ``export``, ``forget`` and ``audit`` to the command group."""
    from facilitator.cli.common import open_store, write_output

    @group.command(name="export")
    @click.argument("citizen_ref", metavar="CITIZEN")
    @click.option("-o", "output", default=None, help="Write to this file instead of printing.")
    @click.option(
        "--to",
        "to",
        default=None,
        metavar="KIND:NAME",
        help="Only what the citizen agreed to share with this recipient (CPR numbers masked).",
    )
    def export_command(citizen_ref: str, output: str | None, to: str | None) -> None:
        """Everything held about CITIZEN (id or name), as one JSON document."""
        from facilitator.rights import export  # only when asked: `suggest` starts faster

        recipient = _recipient(to) if to is not None else None
        with open_store() as store:
            citizen = _find(store, citizen_ref)
            if recipient is None:
                document = export.export_citizen(store, citizen.id, audit=False)
            else:
                document = export.export_for(store, citizen.id, *recipient, audit=False)
            write_output(_dump(document), output)
            # Audited once it is handed out (a refused output file hands out nothing).
            export.record_export(store, citizen.id, shared=recipient is not None)
        if output not in (None, "-"):
            key = "rights.exported" if recipient is None else "rights.shared"
            click.echo(
                t(key, name=citizen.name, path=output, recipient=recipient[1] if recipient else ""),
                err=True,
            )

    @group.command(name="forget")
    @click.argument("citizen_ref", metavar="CITIZEN")
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def forget_command(citizen_ref: str, yes: bool) -> None:
        """Erase CITIZEN (id or name) and every trace of them, for good."""
        from facilitator.rights import erasure

        with open_store() as store:
            citizen = _find(store, citizen_ref)
            if not yes and not _confirmed(
                t("rights.forget_confirm", name=citizen.name, id=citizen.id)
            ):
                raise FacilitatorError(t("rights.forget_cancelled"))
            report = erasure.forget_citizen(store, citizen.id)
        click.echo(
            t(
                "rights.forgotten",
                name=citizen.name,
                rows=report.total_rows,
                files=report.files,
                backups=report.backups_cleaned + report.backups_removed,
            )
        )
        if not report.journal_clean:
            click.echo(t("rights.journal_busy"), err=True)

    @group.command(name="audit")
    @click.option("--citizen", "citizen_ref", default=None, help="Only entries about this id.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    @click.option(
        "-n",
        "limit",
        default=str(auditlog.DEFAULT_LIMIT),
        show_default=True,
        help="At most this many of the latest entries.",
    )
    def audit_command(citizen_ref: str | None, as_json: bool, limit: str) -> None:
        """Who (the OS user) did what, to which object, when."""
        count = _whole(limit, auditlog.MAX_LIMIT, "audit.err_limit")
        citizen_id: int | None = None
        if citizen_ref is not None:
            cleaned = printable(citizen_ref)
            if not (cleaned.isascii() and cleaned.isdigit()) or not 0 < int(cleaned) < 2**62:
                raise FacilitatorError(t("audit.err_citizen", value=cleaned[:40]))
            citizen_id = int(cleaned)  # an erased citizen's id still finds the erasure
        with open_store() as store:
            found = auditlog.entries(store, citizen_id, count)
        if as_json:
            click.echo(_dump([auditlog.as_dict(e) for e in found]), nl=False)
            return
        if not found:
            click.echo(t("audit.empty"))
        for entry in found:
            click.echo(auditlog.format_entry(entry))


YES = {"j", "ja", "y", "yes"}


def _confirmed(question: str) -> bool:
    """Ask on the terminal; only "ja" / "yes" (or j / y) is a yes, end of input is a no."""
    try:
        answer = click.prompt(
            f"{question} {t('rights.yes_no')}", default="", show_default=False, err=True
        )
    except click.exceptions.Abort:
        click.echo(err=True)  # end the question's line before the answer is given for us
        return False
    return printable(str(answer)).lower() in YES


def _whole(value: str, limit: int, key: str) -> int:
    cleaned = printable(value)
    if not (cleaned.isascii() and cleaned.isdigit()) or not 1 <= int(cleaned) <= limit:
        raise FacilitatorError(t(key, limit=limit))
    return int(cleaned)
