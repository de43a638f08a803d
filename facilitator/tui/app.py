"""The Textual app, built by a factory so tests inject the store and the clock."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from facilitator.i18n import t
from facilitator.session import MeetingSession
from facilitator.store import Store
from facilitator.tui.bindings import translate_bindings
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.meeting import MeetingScreen


class FacilitatorApp(App[None]):
    """The meeting leader's instrument, projected on the wall."""

    TITLE = "facilitator"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "common.quit", id="app.quit", priority=True),
        Binding("f9", "toggle_theme", "common.theme", id="app.theme"),
    ]
    THEMES = ("textual-dark", "textual-light")

    def __init__(
        self, store: Store, meeting_id: int | None = None, theme: str | None = None
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.store = store
        self.start_meeting_id = meeting_id
        self.theme = theme or "textual-dark"

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.push_screen(HomeScreen())
        if self.start_meeting_id is not None:
            self.open_meeting(self.start_meeting_id)

    def open_meeting(self, meeting_id: int) -> None:
        """Show a meeting on the wall, resuming where it was."""
        session = MeetingSession(self.store, meeting_id)
        self.store.audit("open", "meeting", meeting_id, session.info.citizen_id)
        self.push_screen(MeetingScreen(session))

    def action_toggle_theme(self) -> None:
        self.theme = self.THEMES[1] if self.theme == self.THEMES[0] else self.THEMES[0]


def make_app(
    store: Store, meeting_id: int | None = None, theme: str | None = None
) -> FacilitatorApp:
    """Build the app with what the caller injects (tests pass a temporary store)."""
    return FacilitatorApp(store, meeting_id=meeting_id, theme=theme)


def run_app(store: Store, meeting_id: int | None = None) -> None:
    """Run the app in this terminal until the leader quits."""
    make_app(store, meeting_id).run()
