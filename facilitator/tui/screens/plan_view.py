"""Read a meeting's plan as the citizen will get it (Min plan), large, on the wall."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Markdown

from facilitator.documents import compose
from facilitator.meetings import plan
from facilitator.storage.store import Store
from facilitator.tui.bindings import Screen


class PlanViewScreen(Screen[None]):
    """The citizen's plan rendered from the same template as the printed one."""

    CSS_PATH = ["base.tcss"]
    DEFAULT_CSS = """
    PlanViewScreen Markdown { padding: 1 4; }
    PlanViewScreen #plan-scroll { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,f10,q", "app.pop_screen", "common.close", id="planview.close"),
        Binding("ctrl+g", "review", "review.open", id="planview.review"),
    ]

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        # Focused at once, so Down, PageDown, Home and End read the whole plan without a mouse.
        with VerticalScroll(id="plan-scroll"):
            yield Markdown(self.text())
        yield Footer()

    def text(self) -> str:
        rendered = compose.render_plan_document(self.store, self.meeting_id, "citizen", "md")
        return str(rendered.content)

    def action_review(self) -> None:
        """The citizen reads the plan item by item and says yes (or marks items to change)."""
        from facilitator.tui.screens.plan_review import PlanReviewScreen

        def reread(_: None) -> None:
            self.query_one(Markdown).update(self.text())

        self.app.push_screen(PlanReviewScreen(self.store, self.meeting_id), reread)

    def on_mount(self) -> None:
        self.query_one("#plan-scroll", VerticalScroll).focus()
        plan.record_read(self.store, self.meeting_id)
