"""The citizen reads the plan page by page, large, and says yes to it or marks items to change.

Every part of Min plan is shown (:mod:`facilitator.tui.screens.review_pages`), from the same
snapshot the document is rendered from: the yes is to what was read. Opening the screen
stores the plan as a version (a new one only if the plan changed). The yes is stored with that
version for good; marks are stored with it too, and the plan goes back to the table. A saved
copy (PDF, HTML, Markdown, and the § 141 view) goes into the citizen's own documents folder.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Static

from facilitator.documents import compose
from facilitator.documents.render import render_plan
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import PlanVersion
from facilitator.i18n import t, tn
from facilitator.i18n.dates import long_date
from facilitator.meetings import people, plan, register
from facilitator.storage.store import Store
from facilitator.tui.bindings import Screen
from facilitator.tui.markup import escape
from facilitator.tui.screens.review_pages import review_pages
from facilitator.tui.widgets.confirm import Confirm


class PlanReviewScreen(Screen[None]):
    """Min plan, one page at a time: →/← to move, Space to mark, J to say yes, S to save."""

    CSS_PATH = ["base.tcss", "plan_review.tcss"]
    BINDINGS = [
        # shown beside the page number, to leave the footer to what the keys do
        Binding("right,pagedown,n", "step(1)", "review.next", id="review.next", show=False),
        Binding("left,pageup,p", "step(-1)", "review.previous", id="review.previous", show=False),
        Binding("space,m", "mark", "review.mark", id="review.mark"),
        Binding("j,y", "approve", "review.approve", id="review.approve"),
        Binding("s", "save", "review.save", id="review.save"),
        Binding("escape,f10", "close", "review.close", id="review.close"),
    ]

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.citizen_name = people.get_citizen(
            store, register.get_meeting(store, meeting_id).citizen_id
        ).name
        self.version: PlanVersion = plan.save_version(store, meeting_id, render_plan)
        self.pages = review_pages(self.version.snapshot)
        self.marked: set[int] = set(self.version.changes_requested)
        self.index = 0
        self.lix = compose.plan_lix(self.version.snapshot)

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-head"):
            yield Static(escape(t("review.title", number=self.version.version)), id="review-title")
            yield Static("", id="review-progress")
        with Vertical(id="review-stage"), VerticalScroll(id="review-page"):
            yield Static("", id="review-section")
            yield Static("", id="review-what")
            yield Static("", id="review-text")
            yield Static("", id="review-mark")
        yield Static("", id="review-state")
        yield Static(
            escape(t("review.lix", score=f"{self.lix.score:g}", band=t(self.lix.band))),
            id="review-lix",
        )
        # Ctrl+P still opens the palette; its place in the footer goes to what S saves.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        plan.record_read(self.store, self.meeting_id, self.version.version)
        self.show()

    # --- drawing ---------------------------------------------------------------------

    def show(self) -> None:
        page = self.pages[self.index]
        self.query_one("#review-progress", Static).update(
            f"{t('review.page', n=self.index + 1, total=len(self.pages))}   {t('review.how')}"
        )
        self.query_one("#review-section", Static).update(escape(page.section))
        self.query_one("#review-what", Static).update(escape(page.heading))
        self.query_one("#review-text", Static).update("\n\n".join(page.lines))
        marked = page.item_id is not None and page.item_id in self.marked
        self.query_one("#review-mark", Static).update(t("review.marked") if marked else "")
        self.query_one("#review-state", Static).update(escape(self.state_line()))

    def state_line(self) -> str:
        if self.version.approved_at:
            return t(
                "review.approved",
                by=self.version.approved_by,
                number=self.version.version,
                date=long_date(self.version.approved_at),
            )
        if self.marked:
            return tn("review.marked_count", len(self.marked))
        return t("review.all_good")

    def notify_error(self, error: FacilitatorError) -> None:
        self.notify(str(error), severity="error", timeout=8)

    # --- actions ---------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        self.index = max(0, min(len(self.pages) - 1, self.index + delta))
        self.show()

    def action_mark(self) -> None:
        page = self.pages[self.index]
        if page.item_id is None or self.version.approved_at:
            return
        marked = self.marked ^ {page.item_id}
        try:
            self.version = plan.request_changes(
                self.store, self.meeting_id, self.version.version, sorted(marked)
            )
        except FacilitatorError as error:
            self.notify_error(error)
        else:  # marked on the wall only once it is stored
            self.marked = marked
        self.show()

    def action_approve(self) -> None:
        if self.version.approved_at:
            return
        if self.marked:
            self.notify(tn("review.err_marked", len(self.marked)), severity="warning")
            return
        if not (self.version.snapshot["items"] or self.version.snapshot["not_possible"]):
            self.notify(t("review.err_empty"), severity="warning")
            return
        question = escape(t("review.confirm", number=self.version.version))

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.version = plan.approve(
                    self.store, self.meeting_id, self.version.version, self.citizen_name
                )
            except FacilitatorError as error:
                self.notify_error(error)
            self.show()

        self.app.push_screen(Confirm(question), answered)

    def action_save(self) -> None:
        """Write the citizen's copies in a worker thread: a PDF takes a few seconds."""
        self.notify(t("review.saving"), timeout=4)
        self.run_worker(self._save, thread=True, exclusive=True, group="save")

    def _save(self) -> None:
        try:
            with Store.another_connection(self.store) as store:
                written = compose.save_for_citizen(store, self.meeting_id, self.version.version)
        except (FacilitatorError, OSError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self.app.call_from_thread(
                self.notify, t("review.pdf_failed", reason=reason), severity="error", timeout=10
            )
            return
        message = t(
            "review.saved",
            folder=str(written[0].parent),
            files="\n".join(f"• {p.name}" for p in written),
        )
        self.app.call_from_thread(self.notify, message, timeout=12)

    def action_close(self) -> None:
        self.dismiss(None)
