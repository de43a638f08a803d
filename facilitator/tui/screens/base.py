"""What every phase screen of a meeting shares: the title line, the phase strip, F6/F7/F10."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from facilitator.domain.errors import FacilitatorError, MeetingHeld, WriteFailed
from facilitator.domain.records import MigCard
from facilitator.domain.vocabulary import PHASE_ORDER, Phase
from facilitator.i18n import t
from facilitator.meetings import people
from facilitator.meetings.session import MeetingSession
from facilitator.tui.access import AppAccess
from facilitator.tui.bindings import Screen
from facilitator.tui.markup import escape


def clock_text(seconds: float) -> str:
    """Seconds as H:MM."""
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{(seconds % 3600) // 60:02d}"


class PhaseScreen(AppAccess, Screen[None]):
    """A screen that shows one or more phases of a meeting on the wall.

    Subclasses compose their body with ``compose_body`` and refresh it in ``refresh_body``;
    moving to another phase asks the app to show the screen that belongs to it.
    """

    #: Going back a phase is rare (it is in the palette, found by "fortryd").
    FOOTER_HIDDEN = frozenset({"meeting.previous_phase"})

    BINDINGS = [
        Binding(
            "f6",
            "previous_phase",
            "meeting.previous_phase",
            id="meeting.previous_phase",
            priority=True,
        ),
        Binding("f7", "next_phase", "meeting.next_phase", id="meeting.next_phase", priority=True),
        Binding("f10", "leave", "meeting.leave", id="meeting.leave", priority=True),
        # What the citizen owns, at every phase: the Mig card, the dialogue ruler, WHO-5.
        # In the command palette; the screens name the keys where they matter, so the
        # footers keep room for the phase's own keys.
        Binding(
            "ctrl+b", "edit_mig", "measures.key_mig", id="measures.mig", priority=True, show=False
        ),
        Binding(
            "ctrl+l", "ruler", "measures.key_ruler", id="measures.ruler", priority=True, show=False
        ),
        Binding(
            "ctrl+t", "who5", "measures.key_who5", id="measures.who5", priority=True, show=False
        ),
    ]

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        #: Why the last action run through ``attempt`` was refused, if it was.
        self.refused: FacilitatorError | None = None
        # The header redraws every few seconds; the name does not change during a meeting.
        self.citizen_name = people.get_citizen(session.store, session.info.citizen_id).name

    def compose(self) -> ComposeResult:
        yield Static("", id="meeting-title", classes="meeting-title")
        yield Static("", id="phase-strip", classes="phase-strip")
        lease_line = Static("", id="lease-line", classes="lease-line")
        lease_line.display = False
        yield lease_line
        yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def set_text(self, selector: str, text: str) -> None:
        """Update a Static only when its text changed: each update costs a layout pass."""
        shown: dict[str, str] = self.__dict__.setdefault("_shown_text", {})
        if shown.get(selector) != text:
            shown[selector] = text
            self.query_one(selector, Static).update(text)

    def on_mount(self) -> None:
        self.refresh_view()
        self.set_interval(5.0, self.refresh_header)

    # --- header -----------------------------------------------------------------

    def now(self) -> datetime:
        return self.session.store.clock()

    def refresh_header(self) -> None:
        info = self.session.info
        title = t("meeting.with", name=escape(self.citizen_name))
        if info.title:
            title += f" · {escape(info.title)}"
        if info.started_at:
            elapsed = (self.now() - datetime.fromisoformat(info.started_at)).total_seconds()
            box = info.time_box_minutes * 60
            title += "   " + t("meeting.time", elapsed=clock_text(elapsed), box=clock_text(box))
            if elapsed > box:
                title += "  " + t("meeting.over_time")
        self.set_text("#meeting-title", title)

    def phase_strip(self) -> str:
        current = self.session.state.phase
        parts = []
        for phase in PHASE_ORDER:
            if phase is Phase.SIDEN_SIDST and not self.session.has_earlier_plan():
                continue
            label = t(f"phase.short.{phase.value}")
            parts.append(f"[b]▶ {label.upper()}[/b]" if phase is current else label)
        return " · ".join(parts)

    def refresh_view(self) -> None:
        self.refresh_header()
        self.set_text("#phase-strip", self.phase_strip())
        self.refresh_lease_line()
        self.refresh_body()

    def refresh_lease_line(self) -> None:
        """One line on the wall when another app leads the meeting: who, and since when."""
        holder = self.session.holder
        line = self.query_one("#lease-line", Static)
        if holder is None:
            line.display = False
            return
        since = holder.acquired_at.astimezone().strftime("%H:%M")
        self.set_text("#lease-line", t("lease.wall", who=holder.owner.label, since=since))
        line.display = True

    def refresh_body(self) -> None:
        """Redraw the screen's own content from the session."""

    # --- actions --------------------------------------------------------------------

    def attempt(self, action: Callable[[], object]) -> bool:
        """Run a session action; a rule the method insists on is shown, not raised."""
        self.refused = None
        try:
            action()
        except FacilitatorError as exc:
            self.refused = exc
            self.notify(str(exc), severity="warning")
            return False
        return True

    def refused_by_rule(self) -> bool:
        """The last refusal was about what was typed (a date, a length), not the disk or
        another app leading: only then may a field go back to what is stored."""
        return self.refused is not None and not isinstance(self.refused, (WriteFailed, MeetingHeld))

    def looking(self) -> bool:
        """Another app leads the meeting: say who (one sentence) and write nothing. Keys that
        would open a form ask this first; the store refuses the write anyway."""
        holder = self.session.holder
        if holder is None:
            return False
        self.notify(t("lease.held", who=holder.owner.label), severity="warning")
        return True

    def action_advance(self) -> None:
        """Give the word on (screens with turns bind F2 to this)."""
        self.attempt(self.session.advance)
        self.refresh_view()

    def action_pass_turn(self) -> None:
        """The speaker passes (screens with turns bind F3 to this)."""
        self.attempt(self.session.pass_turn)
        self.refresh_view()

    def _after_phase_change(self) -> None:
        self.fapp.show_phase(self.session)

    def action_next_phase(self) -> None:
        if self.attempt(self.session.next_phase):
            self._after_phase_change()

    def action_previous_phase(self) -> None:
        if self.attempt(self.session.previous_phase):
            self._after_phase_change()

    def action_review_plan(self) -> None:
        """The citizen reads the plan, item by item, and says yes or marks items to change
        (the plan and Afrunding screens bind Ctrl+G to this)."""
        from facilitator.tui.screens.plan_review import PlanReviewScreen

        try:  # opening it stores the plan as it is now (a version): a write
            review = PlanReviewScreen(self.session.store, self.session.meeting_id)
        except FacilitatorError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.app.push_screen(review, lambda _: self.refresh_view())

    def action_leave(self) -> None:
        self.fapp.leave_meeting()

    # --- what the citizen owns ------------------------------------------------------

    def action_edit_mig(self) -> None:
        """The Mig card, in the citizen's own words, editable at every meeting."""
        from facilitator.tui.screens.prepare_forms import MigForm

        if self.looking():
            return

        def save(card: MigCard) -> None:
            people.save_mig_card(self.session.store, card)
            self.notify(t("mig.saved"))
            self.refresh_view()

        card = people.get_mig_card(self.session.store, self.session.info.citizen_id)
        self.app.push_screen(MigForm(card, save))

    def action_ruler(self) -> None:
        """The dialogue ruler per goal, over time."""
        from facilitator.tui.screens.ruler import RulerScreen

        self.app.push_screen(RulerScreen(self.session), lambda _: self.refresh_view())

    def action_who5(self) -> None:
        """WHO-5, if the citizen said yes to it, and its trend."""
        from facilitator.tui.screens.who5 import Who5Screen

        self.app.push_screen(Who5Screen(self.session), lambda _: self.refresh_view())
