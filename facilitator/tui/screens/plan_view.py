"""Read a meeting's plan as the citizen will get it (Min plan), large, on the wall."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from facilitator import people, plan
from facilitator.render import render_plan
from facilitator.store import Store
from facilitator.tui.bindings import translate_bindings


class PlanViewScreen(Screen[None]):
    """The citizen's plan rendered from the same template as the printed one."""

    CSS_PATH = ["base.tcss"]
    DEFAULT_CSS = """
    PlanViewScreen Markdown { padding: 1 4; }
    """
    BINDINGS = [Binding("escape,f10,q", "app.pop_screen", "common.close", id="planview.close")]

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__()
        translate_bindings(self)
        self.store = store
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        data = plan.snapshot(self.store, self.meeting_id)
        latest = plan.get_version(self.store, self.meeting_id)
        version = None
        if latest is not None and latest.snapshot == data:
            version = {
                "number": latest.version,
                "approved_at": latest.approved_at,
                "approved_by": latest.approved_by,
            }
        yield Markdown(render_plan(data, "md", version=version))
        yield Footer()

    def on_mount(self) -> None:
        citizen_id = people.get_meeting(self.store, self.meeting_id).citizen_id
        self.store.audit("read", "plan", self.meeting_id, citizen_id)
