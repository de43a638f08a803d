"""The Textual app, built by a factory so tests inject the store, the clock and the embedder."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import partial

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Input, TextArea

from facilitator.directory.embeddings import Embedder
from facilitator.directory.ranking import Ranked, SuggestionIndex
from facilitator.directory.suggestions import SHOWN
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.vocabulary import Phase
from facilitator.i18n import t
from facilitator.meetings import lease
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.commands import OpenMeeting, ScreenActions
from facilitator.tui.screens.base import PhaseScreen
from facilitator.tui.screens.home import HomeScreen

EmbedderFactory = Callable[[], Embedder]
#: The ideas the wall ranks (the core's number, which the command line shows too).
SUGGESTIONS_SHOWN = SHOWN
#: Rank again this long after the last note, so ranking never competes with typing.
SUGGEST_AFTER_IDLE = 1.0


#: For a projector in a bright room: pure black and white, a yellow accent, no half tones.
HIGH_CONTRAST = Theme(
    name="facilitator-high-contrast",
    primary="#ffffff",
    secondary="#ffff00",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff5555",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
)


class IndexReady(Message):
    """The model is loaded and the corpus index is built (posted from a worker thread)."""

    def __init__(self, index: SuggestionIndex | None, error: str = "", said: str = "") -> None:
        super().__init__()
        self.index = index
        self.error = error
        self.said = said  # a sentence for the leader (e.g. a broken needs.json), if any


class SuggestionsReady(Message):
    """A fresh ranking for a meeting (posted from a worker thread)."""

    def __init__(self, meeting_id: int, ranked: list[Ranked], sequence: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.ranked = ranked
        self.sequence = sequence


class FacilitatorApp(App[None]):
    """The meeting leader's instrument, projected on the wall."""

    TITLE = "facilitator"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        # In the command palette; the footers keep room for each phase's own keys.
        Binding("ctrl+q", "quit", "common.quit", id="app.quit", priority=True, show=False),
        Binding("f9", "toggle_theme", "common.theme", id="app.theme", show=False),
        # Our own palette binding (Textual adds an English one otherwise): its footer hint
        # is translated like every other key.
        Binding(
            "ctrl+p",
            "command_palette",
            "palette.footer",
            id="app.palette",
            priority=True,
            show=False,
        ),
    ]
    COMMANDS = App.COMMANDS | {ScreenActions, OpenMeeting}
    # Plain mode for screen readers: no box drawing, names as ordinary text.
    # The compact footer gives every key a right margin, the docked palette hint too, so the
    # last column showed the key label scrolled under it ("▏^p palette9"): cover it.
    CSS = """
    App.-plain * { border: none !important; outline: none !important; }
    Footer.-compact FooterKey.-command-palette { margin-right: 0; padding-right: 1; }
    """
    THEMES = ("textual-dark", "textual-light", "facilitator-high-contrast")

    def __init__(
        self,
        store: Store,
        meeting_id: int | None = None,
        theme: str | None = None,
        embedder_factory: EmbedderFactory | None = None,
        plain: bool = False,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.plain = plain
        # False: every text cursor stands still (snapshots must not depend on when the
        # blink timer last fired).
        self.cursor_blink = cursor_blink
        self.register_theme(HIGH_CONTRAST)
        self.store = store
        self.start_meeting_id = meeting_id
        self.theme = theme or "textual-dark"
        self.embedder_factory = embedder_factory
        self.index: SuggestionIndex | None = None
        self.index_status = "loading"
        self.ranked: dict[int, list[Ranked]] = {}
        self.note_latencies: list[float] = []
        self.note_frames: list[float] = []
        self._debounce: Timer | None = None
        self._sequence = 0
        self._pending: set[int] = set()
        #: The meeting on the wall: led from here (its lease held) or only looked at.
        self.session: MeetingSession | None = None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A text field that gets focus blinks only when the app lets cursors blink."""
        if not self.cursor_blink and isinstance(event.widget, Input | TextArea):
            event.widget.cursor_blink = False

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.set_class(self.plain, "-plain")
        self.set_interval(lease.HEARTBEAT, self.heartbeat)
        self.push_screen(HomeScreen())
        if self.start_meeting_id is not None:
            self.open_meeting(self.start_meeting_id)
        # The wall is interactive at once; the model loads behind it.
        self.load_index()

    # --- suggestions, off the UI thread ----------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def load_index(self) -> None:
        """Load the embedding model and build the corpus index in a worker thread."""
        from facilitator.directory.embeddings import make_embedder

        store = Store.another_connection(self.store)
        try:
            embedder = (self.embedder_factory or make_embedder)()
            index = SuggestionIndex(embedder)
            index.build(store)
        except Exception as exc:  # the meeting goes on without ideas
            said = str(exc) if isinstance(exc, FacilitatorError) else ""
            self.post_message(IndexReady(None, f"{type(exc).__name__}: {exc}", said))
            return
        finally:
            store.close()
        self.post_message(IndexReady(index))

    def on_index_ready(self, message: IndexReady) -> None:
        self.index = message.index
        self.index_status = "ready" if message.index is not None else "failed"
        if message.error:
            self.log.warning(f"suggestions unavailable: {message.error}")
        if message.said:  # what the leader can fix, said once
            self.notify(message.said, severity="warning", timeout=20)
        for meeting_id in sorted(self._pending):
            self.request_suggestions(meeting_id)
        self._pending.clear()
        self._tell_screen()

    def request_suggestions(self, meeting_id: int) -> None:
        """Rank ideas for the meeting in the background (as soon as the index is ready)."""
        if self.index is None:
            self._pending.add(meeting_id)
            return
        self._sequence += 1
        self._rank(meeting_id, self._sequence)

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def _rank(self, meeting_id: int, sequence: int) -> None:
        from facilitator.directory.suggestions import rank_for_meeting

        assert self.index is not None
        store = Store.another_connection(self.store)
        try:
            ranked = rank_for_meeting(store, self.index, meeting_id, k=SUGGESTIONS_SHOWN)
        finally:
            store.close()
        self.post_message(SuggestionsReady(meeting_id, ranked, sequence))

    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        from facilitator.directory.suggestions import store_ranked

        if message.sequence < self._sequence:
            return  # notes arrived since; a newer ranking is on its way
        try:
            store_ranked(self.store, message.meeting_id, message.ranked)
        except FacilitatorError as exc:  # only looking, or the disk refused: ideas wait
            self.log.warning(f"ranking not kept: {exc}")
        self.ranked[message.meeting_id] = message.ranked
        self._tell_screen()

    def _tell_screen(self) -> None:
        updated = getattr(self.screen, "suggestions_updated", None)
        if callable(updated):
            updated()

    # --- meetings ---------------------------------------------------------------

    def screen_for(self, session: MeetingSession) -> Screen[None]:
        """The screen that belongs to the meeting's phase."""
        from facilitator.tui.screens.closing import ClosingScreen
        from facilitator.tui.screens.meeting import MeetingScreen
        from facilitator.tui.screens.plan import PlanScreen
        from facilitator.tui.screens.prepare import PrepareScreen
        from facilitator.tui.screens.since import SinceScreen

        phase = session.state.phase
        if phase is Phase.FORBEREDELSE:
            return PrepareScreen(session)
        if phase is Phase.SIDEN_SIDST:
            return SinceScreen(session)
        if phase is Phase.PLAN:
            return PlanScreen(session)
        if phase is Phase.AFRUNDING:
            return ClosingScreen(session)
        return MeetingScreen(session)

    def open_meeting(self, meeting_id: int) -> None:
        """Show a meeting on the wall, resuming at its phase and speaker: led from here, or
        only looked at when another app leads it (one writer per meeting)."""
        self.release_lease()
        session = MeetingSession(self.store, meeting_id)
        self.session = session
        try:
            holder = session.take_lease()
            session.record_open()
        except FacilitatorError as exc:  # the disk or another program refused the write
            self.notify(str(exc), severity="warning")
            holder = session.holder
        if holder is not None:
            self.notify(t("lease.held", who=holder.owner.label), severity="warning")
        self.push_screen(self.screen_for(session))

    def heartbeat(self) -> None:
        """Renew the lease of the meeting led from here; a wall that only looks follows the
        meeting, and leads it once the other app has left it or crashed."""
        session = self.session
        if session is None:
            return
        looked = session.read_only
        try:
            session.take_lease()
        except FacilitatorError as exc:
            self.log.warning(f"lease not renewed: {exc}")
            return
        holder = session.holder
        if looked or holder is not None:
            session.reload()
            if holder is None:
                self.notify(t("lease.taken_over"))
            elif not looked:  # this app's heartbeat went stale and another app took over
                self.notify(t("lease.held", who=holder.owner.label), severity="warning")
            if isinstance(self.screen, PhaseScreen):
                self.screen.refresh_view()

    def release_lease(self) -> None:
        """Give the meeting's lease back (leaving it, quitting)."""
        session, self.session = self.session, None
        if session is None or session.read_only:
            return
        try:
            session.release_lease()
        except FacilitatorError as exc:  # it goes stale and is taken over in a minute
            self.log.warning(f"lease not released: {exc}")

    def on_unmount(self) -> None:
        self.release_lease()

    def show_phase(self, session: MeetingSession) -> None:
        """After a phase change: replace the meeting screen with the phase's own."""
        screen = self.screen_for(session)
        if isinstance(self.screen, PhaseScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def leave_meeting(self) -> None:
        """Back to the overview of citizens and meetings."""
        while isinstance(self.screen, PhaseScreen) or len(self.screen_stack) > 2:
            self.pop_screen()
        self.release_lease()

    def note_committed(self, pressed_at: float) -> None:
        """Measure key-to-commit (kept in memory for bench/tui.py; a few floats per meeting)."""
        self.note_latencies.append(time.perf_counter() - pressed_at)

    def note_drawn(self, pressed_at: float) -> None:
        """Measure key-to-frame: the note is on the wall."""
        self.note_frames.append(time.perf_counter() - pressed_at)

    def note_saved(self, session: MeetingSession) -> None:
        """A note was committed: quietly refresh the ideas once the typing settles."""
        if self._debounce is not None:
            self._debounce.stop()
        meeting_id = session.meeting_id
        self._debounce = self.set_timer(
            SUGGEST_AFTER_IDLE, lambda: self.request_suggestions(meeting_id)
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's app-wide commands, in the meeting's language: the three themes.

        Textual's own (Keys, Maximize, Screenshot, its English theme picker) are left out;
        quitting and every screen's keys come from the screen's bindings (ScreenActions).
        """
        for name, theme in (
            ("palette.theme_light", "textual-light"),
            ("palette.theme_dark", "textual-dark"),
            ("palette.theme_contrast", HIGH_CONTRAST.name),
        ):
            yield SystemCommand(t(name), t("palette.theme_help"), partial(self._use_theme, theme))

    def _use_theme(self, theme: str) -> None:
        self.theme = theme

    def action_command_palette(self) -> None:
        """The command palette, with its search field worded in the meeting's language."""
        open_already = any(isinstance(s, CommandPalette) for s in self.screen_stack)
        if self.use_command_palette and not open_already:
            self.push_screen(
                CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette")
            )

    def action_toggle_theme(self) -> None:
        """Dark, light, high contrast, round again."""
        current = self.THEMES.index(self.theme) if self.theme in self.THEMES else -1
        self.theme = self.THEMES[(current + 1) % len(self.THEMES)]


def make_app(
    store: Store,
    meeting_id: int | None = None,
    theme: str | None = None,
    embedder_factory: EmbedderFactory | None = None,
    plain: bool = False,
    cursor_blink: bool = True,
) -> FacilitatorApp:
    """Build the app with what the caller injects (tests pass a temporary store)."""
    return FacilitatorApp(
        store,
        meeting_id=meeting_id,
        theme=theme,
        embedder_factory=embedder_factory,
        plain=plain,
        cursor_blink=cursor_blink,
    )


def run_app(
    store: Store, meeting_id: int | None = None, plain: bool = False, theme: str | None = None
) -> None:
    """Run the app in this terminal until the leader quits."""
    make_app(store, meeting_id, theme=theme, plain=plain).run()
