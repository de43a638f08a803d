"""The citizen reads the plan item by item, large, and says yes to it or marks items to change.

Opening the screen stores the plan as a version (a new one only if the plan changed). The yes
is stored with that version for good; marks are stored with it too, and the plan goes back to
the table. A saved copy (PDF, HTML, Markdown, and the § 141 view) goes into the citizen's
own documents folder.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Static

from facilitator.documents import compose
from facilitator.documents.render import render_plan
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import PlanVersion
from facilitator.domain.snapshot import PlanSnapshot
from facilitator.i18n import t, tn
from facilitator.i18n.dates import long_date
from facilitator.meetings import people, plan, register
from facilitator.storage.store import Store
from facilitator.tui.bindings import Screen
from facilitator.tui.markup import escape
from facilitator.tui.widgets.confirm import Confirm


@dataclass(frozen=True)
class Page:
    """One page of the review: a heading shown large, lines beneath, and the item it is."""

    heading: str
    lines: list[str]
    item_id: int | None = None


def _field(label: str, value: str | None) -> str:
    return f"[b]{escape(label)}:[/b] {escape(value or '–')}"


def review_pages(data: PlanSnapshot) -> list[Page]:
    """The plan as pages: who I am and what matters, each item, each "cannot", the question."""
    mig = data["mig"]
    intro = [escape(t("plan.owner", name=data["citizen"]["name"])), escape(t("review.start"))]
    if mig["about"]:
        intro.append(escape(mig["about"]))
    for words, label in ((mig["likes"], "plan.mig_likes"), (mig["dreams"], "plan.mig_dreams")):
        if words:
            intro.append(_field(t(label), words))
    if data["topics"]:
        topics = "\n".join(f"• {escape(topic)}" for topic in data["topics"])
        intro.append(f"[b]{escape(t('plan.important_now'))}[/b]\n{topics}")
    pages = [Page(t("plan.title"), intro)]
    for number, item in enumerate(data["items"], start=1):
        lines = [
            escape(t("who." + (item["who"] or "none"))),
            _field(t("plan.with_whom"), item["with_whom"]),
            _field(t("plan.by_when"), item["by_when"]),
            _field(t("plan.follow_up"), item["follow_up"] or t("plan.nobody_yet")),
        ]
        if item["needs_decision"]:
            lines.append(f"[b]{escape(t('plan.needs_decision'))}[/b]")
        pages.append(Page(f"{number}. {item['what']}", lines, int(item["id"])))
    for item in data["not_possible"]:
        lines = [
            f"[b]{escape(t('plan.not_possible'))}[/b]",
            _field(t("plan.because"), item["reason"]),
            _field(t("plan.other_ways"), item["other_ways"]),
        ]
        pages.append(Page(item["what"], lines, int(item["id"])))
    next_meeting = long_date(data["meeting"]["next_meeting"]) or t("plan.not_set")
    pages.append(Page(t("review.ask"), [_field(t("plan.next_meeting"), next_meeting)]))
    return pages


class PlanReviewScreen(Screen[None]):
    """Min plan, one page at a time: →/← to move, Space to mark, J to say yes, S to save."""

    CSS_PATH = ["base.tcss", "plan_review.tcss"]
    BINDINGS = [
        Binding("right,pagedown,n", "step(1)", "review.next", id="review.next"),
        Binding("left,pageup,p", "step(-1)", "review.previous", id="review.previous"),
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
        with VerticalScroll(id="review-page"):
            yield Static("", id="review-what")
            yield Static("", id="review-text")
            yield Static("", id="review-mark")
        yield Static("", id="review-state")
        yield Static(
            escape(t("review.lix", score=f"{self.lix.score:g}", band=t(self.lix.band))),
            id="review-lix",
        )
        yield Footer()

    def on_mount(self) -> None:
        plan.record_read(self.store, self.meeting_id, self.version.version)
        self.show()

    # --- drawing ---------------------------------------------------------------------

    def show(self) -> None:
        page = self.pages[self.index]
        self.query_one("#review-progress", Static).update(
            t("review.page", n=self.index + 1, total=len(self.pages))
        )
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
        question = t("review.confirm", name=escape(self.citizen_name), number=self.version.version)

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
            files=", ".join(p.name for p in written),
        )
        self.app.call_from_thread(self.notify, message, timeout=12)

    def action_close(self) -> None:
        self.dismiss(None)
