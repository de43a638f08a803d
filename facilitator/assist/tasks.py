"""Drafts for the meeting leader, never decisions: four tasks, with or without a local model.

The tasks: plan item drafts from a turn's notes (``draft``), a plan text in easy-read Danish
with its LIX before and after (``easy-read``), open questions after the last turn
(``questions``) and a short summary to the citizen (``summary``).

Each task runs in two steps. :func:`prepare` reads the store on the caller's thread: it builds
the deterministic fallback, and, only when a model is set up and the consent ledger allows it,
the prompt with exactly the fields the task needs (CPR numbers masked, no names, nothing the
citizen did not consent to share with ``sprogmodel``). :func:`run` then talks to the model (in
a worker, no store needed) and returns a :class:`Draft`; any failure gives the fallback with
one sentence saying why. Nothing enters the plan until the leader calls :func:`accept`.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from facilitator.assist import client, fields
from facilitator.assist.client import LlmError, Message
from facilitator.assist.fallback import easy_read, prompt_environment, questions_for
from facilitator.assist.fields import Context
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.privacy import mask_cpr
from facilitator.domain.readability import Lix, lix
from facilitator.domain.records import PlanItem
from facilitator.domain.vocabulary import Who
from facilitator.i18n import current_language, t
from facilitator.meetings import plan, register
from facilitator.storage import paths
from facilitator.storage.settings import LlmSettings
from facilitator.storage.store import Store

MAX_PROPOSALS = 5
MAX_LINE = 400
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s*")


class Task(StrEnum):
    """What the leader asks for."""

    DRAFT = "draft"
    EASY_READ = "easy-read"
    QUESTIONS = "questions"
    SUMMARY = "summary"


#: A generous answer length per task (a few lines each).
MAX_TOKENS = {Task.DRAFT: 300, Task.EASY_READ: 400, Task.QUESTIONS: 200, Task.SUMMARY: 500}


@dataclass(frozen=True)
class Proposal:
    """One piece of a draft the leader can accept (edited or not) with one key."""

    text: str
    note_id: int | None = None
    item_id: int | None = None
    who: Who | None = None
    with_whom: str = ""


@dataclass(frozen=True)
class Draft:
    """A draft as the app shows it: from the model or the fallback, and why."""

    task: Task
    source: str  # "model" or "fallback"
    proposals: tuple[Proposal, ...]
    notice: str = ""
    model: str = ""
    lix_before: Lix | None = None
    lix_after: Lix | None = None
    hints: tuple[str, ...] = ()
    remote_warning: str = ""
    shared: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The proposals, one per line."""
        return "\n".join(p.text for p in self.proposals)


@dataclass(frozen=True)
class Job:
    """A prepared task: the fallback, and the prompt when the model may be asked."""

    task: Task
    meeting_id: int
    citizen_id: int
    language: str
    settings: LlmSettings | None
    fallback: Draft
    fields: dict[str, Any] | None = None
    messages: tuple[Message, ...] = ()
    context: Context = field(default_factory=Context)
    remote_warning: str = ""

    @property
    def asks_model(self) -> bool:
        """Whether :func:`run` will send anything (a model is set up and consent allows it)."""
        return self.fields is not None and self.settings is not None


def render_prompt(task: Task, language: str, fields: dict[str, Any]) -> tuple[Message, ...]:
    """The system and user messages of ``prompts/<task>.<language>.j2`` with these fields."""
    template = prompt_environment().get_template(f"{task.value}.{language}.j2")
    context = template.new_context(fields)
    parts = {}
    for name in ("system", "user"):
        text = "".join(template.blocks[name](context))
        parts[name] = "\n".join(line.rstrip() for line in text.strip().splitlines())
    # The fields are masked one by one (fields.py); this is the last edge before the wire.
    return (
        Message("system", mask_cpr(parts["system"])),
        Message("user", mask_cpr(parts["user"])),
    )


def prepare(
    store: Store,
    meeting_id: int,
    task: Task | str,
    settings: LlmSettings | None,
    turn_id: int | None = None,
    item_id: int | None = None,
    language: str | None = None,
) -> Job:
    """Read what the task needs, build the fallback, and the prompt if the model may see it.

    Raises FacilitatorError when there is nothing to work on (no notes yet, no plan item).
    """
    task = Task(task)
    lang = language or current_language()
    meeting = register.get_meeting(store, meeting_id)
    context = fields.context(store, meeting_id, task.value, turn_id, item_id)
    fallback = _fallback(store, meeting_id, task, context, lang)
    base = Job(task, meeting_id, meeting.citizen_id, lang, settings, fallback, context=context)
    if settings is None or not settings.configured:
        return replace(base, fallback=replace(fallback, notice=t("assist.no_model", lang)))
    try:
        ep = client.endpoint(settings)
    except LlmError as exc:
        return replace(base, fallback=replace(fallback, notice=str(exc)))
    warning = t("assist.remote_warning", lang, host=ep.host) if ep.remote else ""
    shown = fields.for_model(store, meeting, task.value, context, ep.recipient, lang)
    fallback = replace(fallback, remote_warning=warning)
    if shown is None:
        notice = t(f"assist.no_consent.{task.name.lower()}", lang)
        return replace(base, fallback=replace(fallback, notice=notice), remote_warning=warning)
    return replace(
        base,
        fallback=fallback,
        fields=shown,
        messages=render_prompt(task, lang, shown),
        remote_warning=warning,
    )


def record_send(store: Store, job: Job) -> None:
    """Note in the audit log that this task's fields go to the model (never the text)."""
    if job.asks_model:
        store.audit("send", "sprogmodel", f"{job.meeting_id}/{job.task.value}", job.citizen_id)


def run(job: Job, body_hook: Callable[[bytes], None] | None = None) -> Draft:
    """Ask the model (when the job allows it); on any failure, the fallback and why.

    Needs no store, so the app runs it in a worker thread.
    """
    if not job.asks_model:
        return job.fallback
    assert job.settings is not None and job.fields is not None
    try:
        answer = client.chat(job.settings, job.messages, MAX_TOKENS[job.task], body_hook)
        draft = _from_answer(job, mask_cpr(answer))
    except LlmError as exc:
        return replace(job.fallback, notice=str(exc))
    return replace(
        _masked(draft),
        model=job.settings.model,
        remote_warning=job.remote_warning,
        shared=fields.shared_summary(job.fields, job.language),
    )


def assist(
    store: Store,
    meeting_id: int,
    task: Task | str,
    settings: LlmSettings | None,
    turn_id: int | None = None,
    item_id: int | None = None,
    language: str | None = None,
    body_hook: Callable[[bytes], None] | None = None,
) -> Draft:
    """Prepare, record and run a task in one go (the command line and tests)."""
    job = prepare(store, meeting_id, task, settings, turn_id, item_id, language)
    record_send(store, job)
    return run(job, body_hook)


# --- answers ------------------------------------------------------------------------


def _lines(answer: str) -> list[str]:
    """The answer's lines without bullets, numbers, quotes or headings."""
    found = []
    for raw in answer.splitlines():
        line = _BULLET.sub("", raw).strip().strip('"“”„').strip()
        if not line or line.endswith(":") or line.startswith("#"):
            continue
        found.append(line[:MAX_LINE])
    return found[:MAX_PROPOSALS]


def _one_line(answer: str) -> str:
    """A plan text is one line: each line of the answer becomes a sentence of its own."""
    sentences = []
    for raw in answer.splitlines():
        line = _BULLET.sub("", raw).strip()
        if line:
            sentences.append(line if line[-1] in ".!?:" else line + ".")
    return " ".join(sentences)


def _from_answer(job: Job, answer: str) -> Draft:
    ctx = job.context
    if job.task is Task.DRAFT:
        proposals = tuple(
            Proposal(
                line,
                note_id=ctx.note_ids[0] if ctx.note_ids else None,
                who=None if ctx.speaker_is_citizen else Who.SAMMEN,
                with_whom="" if ctx.speaker_is_citizen else ctx.speaker_name,
            )
            for line in _lines(answer)
        )
    elif job.task is Task.QUESTIONS:
        proposals = tuple(Proposal(line) for line in _lines(answer))
    elif job.task is Task.EASY_READ:
        text = _one_line(answer)
        proposals = (Proposal(text, item_id=ctx.item_id),)
        return Draft(
            job.task,
            "model",
            proposals,
            lix_before=lix(ctx.original),
            lix_after=lix(text),
            hints=easy_read(text, job.language).hints,
        )
    else:
        proposals = (Proposal(answer.strip()),)
    if not proposals:
        raise LlmError(t("assist.err_empty", job.language))
    return Draft(job.task, "model", proposals)


# --- fallbacks ---------------------------------------------------------------------------


def _masked(draft: Draft) -> Draft:
    """The draft with every CPR number masked: it is shown, printed and may be accepted."""
    proposals = tuple(
        replace(p, text=mask_cpr(p.text), with_whom=mask_cpr(p.with_whom)) for p in draft.proposals
    )
    hints = tuple(mask_cpr(h) for h in draft.hints)
    return replace(draft, proposals=proposals, hints=hints, notice=mask_cpr(draft.notice))


def _fallback(store: Store, meeting_id: int, task: Task, ctx: Context, lang: str) -> Draft:
    return _masked(_fallback_draft(store, meeting_id, task, ctx, lang))


def _fallback_draft(store: Store, meeting_id: int, task: Task, ctx: Context, lang: str) -> Draft:
    if task is Task.EASY_READ:
        swapped = easy_read(ctx.original, lang)
        return Draft(
            task,
            "fallback",
            (Proposal(swapped.text, item_id=ctx.item_id),),
            lix_before=lix(ctx.original),
            lix_after=lix(swapped.text),
            hints=swapped.hints,
        )
    if task is Task.QUESTIONS:
        kinds = [n.kind.value for n in ctx.notes]
        return Draft(task, "fallback", tuple(Proposal(q) for q in questions_for(kinds, lang)))
    if task is Task.SUMMARY:
        text = fields.fallback_summary(store, meeting_id, lang)
        return Draft(task, "fallback", (Proposal(text),))
    proposals = tuple(
        Proposal(text, note_id=note_id, who=who, with_whom=with_whom)
        for text, note_id, who, with_whom in fields.fallback_items(store, ctx, lang)
    )
    hints = () if proposals else (t("assist.hint_nothing_to_draft", lang),)
    return Draft(task, "fallback", proposals, hints=hints)


# --- the leader's keystroke ------------------------------------------------------------


def accept(store: Store, meeting_id: int, task: Task, proposal: Proposal, text: str) -> PlanItem:
    """Put an accepted (perhaps edited) proposal into the plan: a new item, or a new text.

    Only the leader's keystroke calls this; a draft never enters the plan by itself.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        raise FacilitatorError(t("err.empty", what=t("word.text")))
    if task is Task.DRAFT:
        return plan.add_plan_item(
            store,
            meeting_id,
            mask_cpr(cleaned),
            who=proposal.who,
            with_whom=proposal.with_whom,
            source_note_id=proposal.note_id,
        )
    if task is Task.EASY_READ and proposal.item_id is not None:
        item = plan.get_plan_item(store, proposal.item_id)
        if item.meeting_id != meeting_id:
            raise FacilitatorError(t("err.no_plan_item", id=proposal.item_id))
        return plan.update_plan_item(store, item.id, what=mask_cpr(cleaned))
    raise FacilitatorError(t("assist.err_not_for_plan"))


def save_summary(store: Store, meeting_id: int, text: str) -> Path:
    """Keep the accepted summary in the citizen's documents folder (owner-only, whole file)."""
    cleaned = mask_cpr(text.strip())
    if not cleaned:
        raise FacilitatorError(t("err.empty", what=t("word.text")))
    meeting = register.get_meeting(store, meeting_id)
    store.check_writer(meeting.citizen_id)  # before the file: its audit line comes after it
    folder = paths.ensure_private_dir(paths.citizen_documents_dir(meeting.citizen_id))
    target = folder / f"opsummering-{meeting_id}.md"
    fd, tmp = tempfile.mkstemp(prefix=".summary-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(cleaned + "\n")
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise FacilitatorError(t("err.output_unwritable", path=target)) from exc
    store.audit("write", "summary", meeting_id, meeting.citizen_id)
    return target
