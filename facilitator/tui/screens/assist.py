"""Drafts on the wall: choose a task, see the draft, accept it into the plan with one key.

F12 on the plan screen opens the menu of the four tasks; F12 on the meeting screen goes
straight to open questions (no plan drafts while people are still being heard). A draft is
shown in editable fields; Enter on one puts it into the plan, Escape closes and keeps
nothing. Where the draft came from (the model, or the fallback and why), what was sent and a
warning for a model outside the local network are always shown.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from facilitator.assist import client, tasks
from facilitator.assist.tasks import Draft, Job, Task
from facilitator.domain.errors import FacilitatorError
from facilitator.i18n import t
from facilitator.meetings.session import MeetingSession
from facilitator.storage import settings
from facilitator.tui.bindings import ModalScreen, Screen
from facilitator.tui.markup import escape
from facilitator.tui.screens.base import PhaseScreen

CSS: list[str | PurePath] = ["base.tcss", "assist.tcss"]
MENU = (Task.DRAFT, Task.EASY_READ, Task.QUESTIONS, Task.SUMMARY)


def task_title(task: Task) -> str:
    return t(f"assist.task.{task.name.lower()}")


def load_llm() -> tuple[settings.LlmSettings | None, str]:
    """The model settings, or None and the reason when settings.toml is broken."""
    try:
        return settings.load().llm, ""
    except FacilitatorError as exc:
        return None, str(exc)


def remote_warning() -> str:
    """The warning for a model outside the local network, or "" (no connection is made)."""
    found, _ = load_llm()
    if found is None or not found.configured:
        return ""
    try:
        ep = client.endpoint(found)
    except FacilitatorError:
        return ""
    return t("assist.remote_warning", host=ep.host) if ep.remote else ""


class AssistMenu(ModalScreen[Task | None]):
    """Which draft? 1–4 or Enter chooses; easy-read needs a chosen plan item."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding("escape", "dismiss(None)", "assist.close", id="assist.menu_close"),
        *[Binding(str(i), f"choose({i - 1})", show=False) for i in range(1, 5)],
    ]

    def __init__(self, has_item: bool) -> None:
        super().__init__()
        self.has_item = has_item
        self.warning = remote_warning()

    def compose(self) -> ComposeResult:
        with Vertical(classes="assist-card"):
            yield Static(t("assist.menu_title"), classes="assist-title")
            yield Static(escape(self.warning), classes="assist-warning", id="menu-warning")
            options = []
            for i, task in enumerate(MENU, 1):
                label = f"{i}  {task_title(task)}"
                disabled = task is Task.EASY_READ and not self.has_item
                if disabled:
                    label += f"  ({t('assist.need_item')})"
                options.append(Option(escape(label), id=task.value, disabled=disabled))
            yield OptionList(*options, id="assist-menu")
            yield Static(t("assist.menu_hint"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#menu-warning").display = bool(self.warning)
        self.query_one(OptionList).focus()

    def action_choose(self, index: int) -> None:
        task = MENU[index]
        if task is Task.EASY_READ and not self.has_item:
            self.notify(t("assist.need_item"), severity="warning")
            return
        self.dismiss(task)

    @on(OptionList.OptionSelected, "#assist-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(Task(event.option.id))


class DraftText(TextArea):
    """One proposal, wrapped so it can be read whole; Enter accepts it, typing edits it."""

    DEFAULT_CSS = """
    DraftText { height: auto; max-height: 8; }
    """

    class Accepted(Message):
        """The leader pressed Enter on this proposal."""

        def __init__(self, field: DraftText) -> None:
            super().__init__()
            self.field = field

    def __init__(self, text: str, index: int) -> None:
        super().__init__(text, soft_wrap=True, id=f"proposal-{index}", classes="proposal")
        self.index = index

    async def _on_key(self, event: events.Key) -> None:
        # A plan text is one line: Enter is the leader's "yes", never a line break.
        # (TextArea's own handler, which would insert the break, is skipped by prevent_default.)
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Accepted(self))


class DraftReady(Message):
    """The model answered, or the fallback stands in (posted from the worker thread)."""

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft


class AssistPanel(ModalScreen[bool]):
    """One draft on the wall; returns whether anything entered the plan."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding("escape", "close", "assist.close", id="assist.close"),
        Binding("ctrl+s", "save_summary", "assist.save_summary", id="assist.save_summary"),
    ]

    def __init__(self, session: MeetingSession, task: Task, item_id: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.assist_task = task
        self.item_id = item_id
        self.draft: Draft | None = None
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="assist-card", id="assist-card"):
            yield Static(task_title(self.assist_task), classes="assist-title")
            yield Static("", classes="assist-warning", id="assist-warning")
            yield Static(t("assist.working"), id="assist-source")
            yield Static("", id="assist-notice")
            yield Static("", id="assist-lix")
            yield VerticalScroll(id="assist-proposals")
            yield Static("", id="assist-hints")
            yield Static("", id="assist-shared")
            yield Static("", classes="hint", id="assist-hint")

    def on_mount(self) -> None:
        self.query_one("#assist-warning").display = False
        found, problem = load_llm()
        try:
            job = tasks.prepare(
                self.session.store,
                self.session.meeting_id,
                self.assist_task,
                found,
                item_id=self.item_id,
            )
        except FacilitatorError as exc:
            self.query_one("#assist-source", Static).update("")
            self.query_one("#assist-notice", Static).update(escape(str(exc)))
            self.query_one("#assist-hint", Static).update(t("assist.hint_questions"))
            return
        if problem:
            job = replace(job, fallback=replace(job.fallback, notice=problem))
        if job.remote_warning:
            self._warn(job.remote_warning)
        if job.asks_model:
            tasks.record_send(self.session.store, job)
            self._ask(job)
        else:
            self.show(job.fallback)

    def _warn(self, text: str) -> None:
        warning = self.query_one("#assist-warning", Static)
        warning.update(escape(text))
        warning.display = bool(text)

    @work(thread=True, exclusive=True, group="assist", exit_on_error=False)
    def _ask(self, job: Job) -> None:
        """Talk to the model off the UI thread; the meeting goes on meanwhile."""
        try:
            draft = tasks.run(job)
        except Exception as exc:  # whatever went wrong, the fallback stands in
            self.log.warning(f"assistance failed: {type(exc).__name__}: {exc}")
            draft = replace(job.fallback, notice=t("assist.err_malformed"))
        self.post_message(DraftReady(draft))

    def on_draft_ready(self, message: DraftReady) -> None:
        self.show(message.draft)

    # --- drawing -------------------------------------------------------------------

    def show(self, draft: Draft) -> None:
        """Put the draft on the wall, with where it came from and what was sent."""
        self.draft = draft
        source = (
            t("assist.source_model", model=draft.model or "")
            if draft.source == "model"
            else t("assist.source_fallback")
        )
        self.query_one("#assist-source", Static).update(escape(source))
        self.query_one("#assist-notice", Static).update(escape(draft.notice))
        if draft.remote_warning:
            self._warn(draft.remote_warning)
        lix_line = ""
        if draft.lix_before is not None and draft.lix_after is not None:
            lix_line = t(
                "assist.lix",
                before=f"{draft.lix_before.score:g}",
                band_before=t(draft.lix_before.band),
                after=f"{draft.lix_after.score:g}",
                band_after=t(draft.lix_after.band),
            )
        self.query_one("#assist-lix", Static).update(lix_line)
        self.query_one("#assist-hints", Static).update(
            "\n".join(f"• {escape(h)}" for h in draft.hints)
        )
        shared = t("assist.shared_line", what=", ".join(draft.shared)) if draft.shared else ""
        self.query_one("#assist-shared", Static).update(escape(shared))
        box = self.query_one("#assist-proposals", VerticalScroll)
        box.remove_children()
        if self.assist_task in (Task.DRAFT, Task.EASY_READ):
            fields = [DraftText(p.text, i) for i, p in enumerate(draft.proposals)]
            box.mount_all(fields)
            hint = t("assist.hint_accept")
            if fields:
                self.call_after_refresh(fields[0].focus)
        elif self.assist_task is Task.SUMMARY:
            area = TextArea(draft.text, id="summary-text", soft_wrap=True)
            box.mount(area)
            hint = t("assist.hint_summary")
            self.call_after_refresh(area.focus)
        else:
            box.mount_all(
                Static(f"• {escape(p.text)}", classes="question") for p in draft.proposals
            )
            hint = t("assist.hint_questions")
        self.query_one("#assist-hint", Static).update(hint)

    # --- the leader's keys -------------------------------------------------------------

    @on(DraftText.Accepted)
    def _accept(self, event: DraftText.Accepted) -> None:
        """Enter on a proposal: this one, as it stands now, goes into the plan."""
        event.stop()
        field = event.field
        if self.draft is None or field.disabled:
            return
        proposal = self.draft.proposals[field.index]
        try:
            tasks.accept(
                self.session.store, self.session.meeting_id, self.assist_task, proposal, field.text
            )
        except FacilitatorError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.changed = True
        field.disabled = True
        field.border_title = t("assist.in_plan")
        self.notify(t("assist.accepted"))
        waiting = [f for f in self.query(DraftText).results(DraftText) if not f.disabled]
        if waiting:
            waiting[0].focus()

    def action_save_summary(self) -> None:
        if self.assist_task is not Task.SUMMARY or self.draft is None:
            return
        text = self.query_one("#summary-text", TextArea).text
        try:
            path = tasks.save_summary(self.session.store, self.session.meeting_id, text)
        except FacilitatorError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.notify(t("assist.summary_saved", path=path))

    def action_close(self) -> None:
        self.dismiss(self.changed)


def open_assist(screen: PhaseScreen, session: MeetingSession, item_id: int | None) -> None:
    """The menu, then the chosen draft; the screen redraws when something entered the plan."""

    def after(changed: bool | None) -> None:
        if changed:
            screen.refresh_view()

    def chosen(task: Task | None) -> None:
        if task is not None:
            screen.app.push_screen(AssistPanel(session, task, item_id), after)

    screen.app.push_screen(AssistMenu(item_id is not None), chosen)


def open_questions(screen: Screen[None], session: MeetingSession) -> None:
    """Open questions after the last turn, straight away (the rounds screen's F12)."""
    screen.app.push_screen(AssistPanel(session, Task.QUESTIONS))
