"""The citizen's rights on the command line: export, forget, and the audit log."""

from __future__ import annotations

import json

import click

from facilitator.cli.common import say
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import Citizen
from facilitator.domain.safetext import printable
from facilitator.domain.vocabulary import RecipientKind
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


def _recipient(value: str) -> tuple[RecipientKind, str]:
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
    return RecipientKind(kind), name


def _dump(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def register(group: click.Group) -> None:
    """Add ``export``, ``forget`` and ``audit`` to the command group."""
    from facilitator.cli.common import open_store, write_output

    @group.command(name="export")
    @click.argument("citizen_ref", metavar="CITIZEN")
    @click.option("-o", "output", default=None)
    @click.option(
        "--to",
        "to",
        default=None,
        metavar="KIND:NAME",
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
            scopes = export.shared_scopes(document) if recipient is not None else None
            export.record_export(store, citizen.id, shared=recipient is not None, scopes=scopes)
        if output not in (None, "-"):
            key = "rights.exported" if recipient is None else "rights.shared"
            say(
                t(key, name=citizen.name, path=output, recipient=recipient[1] if recipient else ""),
                err=True,
            )

    @group.command(name="forget")
    @click.argument("citizen_ref", metavar="CITIZEN", required=False)
    @click.option("--yes", is_flag=True)
    @click.option(
        "--resume",
        "resume_id",
        default=None,
        metavar="N",
    )
    def forget_command(citizen_ref: str | None, yes: bool, resume_id: str | None) -> None:
        """Erase CITIZEN (id or name) and every trace of them, for good."""
        from facilitator.rights import erasure

        if (citizen_ref is None) == (resume_id is None):
            raise FacilitatorError(t("forget.err_ref_or_resume"))
        with open_store(resume=False) as store:
            if resume_id is not None:
                _resume(store, resume_id)
                return
            assert citizen_ref is not None
            cleaned = printable(citizen_ref)
            if cleaned.isascii() and cleaned.isdigit() and int(cleaned) < 2**62:
                # `forget N` again after a kill: the citizen is gone, the erasure is not done.
                job = erasure.find_unfinished(store, int(cleaned), by_citizen=True)
                if job is not None:
                    _resume(store, str(job["id"]))
                    return
            citizen = _find(store, citizen_ref)
            if not yes and not _confirmed(
                t("rights.forget_confirm", name=citizen.name, id=citizen.id)
            ):
                raise FacilitatorError(t("rights.forget_cancelled"))
            report = erasure.forget_citizen(store, citizen.id)
            say(
                t(
                    "rights.forgotten",
                    name=citizen.name,
                    rows=report.total_rows,
                    files=report.files,
                    backups=report.backups_cleaned + report.backups_removed,
                )
            )
            if not report.journal_clean:  # erased for people, not yet for the disk
                raise FacilitatorError(erasure.blocked_message(store, report))

    @group.command(name="audit")
    @click.option("--citizen", "citizen_ref", default=None)
    @click.option("--json", "as_json", is_flag=True)
    @click.option(
        "-n",
        "limit",
        default=str(auditlog.DEFAULT_LIMIT),
        show_default=True,
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
            say(_dump([auditlog.as_dict(e) for e in found]), nl=False)
            return
        if not found:
            say(t("audit.empty"))
        for entry in found:
            say(auditlog.format_entry(entry))


YES = {"j", "ja", "y", "yes"}


def _resume(store: Store, value: str) -> None:
    """``forget --resume N``: finish erasure N (or the unfinished erasure of citizen N)."""
    from facilitator.rights import erasure

    cleaned = printable(value)
    if not (cleaned.isascii() and cleaned.isdigit()) or not 0 < int(cleaned) < 2**62:
        raise FacilitatorError(t("forget.err_no_erasure", id=cleaned[:40]))
    job = erasure.find_unfinished(store, int(cleaned))
    if job is None:
        raise FacilitatorError(t("forget.err_no_erasure", id=cleaned))
    report = erasure.resume(store, int(job["id"]))
    if not report.journal_clean:
        raise FacilitatorError(erasure.blocked_message(store, report))
    click.echo(t("forget.resumed", id=job["id"], citizen=job["citizen_id"]))


def _confirmed(question: str) -> bool:
    """Ask on the terminal; only "ja" / "yes" (or j / y) is a yes, end of input is a no."""
    try:
        answer = click.prompt(
            f"{question} {t('rights.yes_no')}", default="", show_default=False, err=True
        )
    except click.exceptions.Abort:
        say(err=True)  # end the question's line before the answer is given for us
        return False
    return printable(str(answer)).lower() in YES


def _whole(value: str, limit: int, key: str) -> int:
    cleaned = printable(value)
    if not (cleaned.isascii() and cleaned.isdigit()) or not 1 <= int(cleaned) <= limit:
        raise FacilitatorError(t(key, limit=limit))
    return int(cleaned)
