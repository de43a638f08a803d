"""Mødet: the projected screen. The speaker large, who is next, who has not spoken, the notes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Static

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.meeting import Participant
from facilitator.domain.privacy import mask_cpr
from facilitator.domain.vocabulary import Phase
from facilitator.i18n import t
from facilitator.meetings import people, register
from facilitator.tui.bindings import ModalScreen
from facilitator.tui.markup import plain as escape
from facilitator.tui.screens.base import PhaseScreen
from facilitator.tui.screens.note_corrections import NoteCorrections
from facilitator.tui.screens.prepare_forms import MIG_FIELDS
from facilitator.tui.widgets.note_field import NoteField
from facilitator.tui.widgets.speaker import SpeakerName


def _who(p: Participant) -> str:
    detail = p.relation or t(f"kind.{p.kind.value}")
    return f"{escape(p.name)} ({escape(detail)})"


class RulesScreen(ModalScreen[None]):
    """Spilleregler, projected on demand."""

    CSS_PATH = ["base.tcss", "meeting.tcss"]
    BINDINGS = [
        Binding("escape,f1,enter", "dismiss", "common.close", id="rules.close"),
    ]

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        rules = "\n\n".join(f"• {t(f'rules.{i}')}" for i in range(1, 7))
        with Vertical(id="rules-card"):
            yield Static(t("rules.title"), id="rules-title")
            yield Static(rules, id="rules-text")
            yield Static(t("rules.close_hint"), classes="hint")


class PauseScreen(ModalScreen[None]):
    """Pause og refleksion: a calm screen with a soft timer; nothing is recorded."""

    CSS_PATH = ["base.tcss", "meeting.tcss"]
    BINDINGS = [
        Binding("escape,f4,enter", "dismiss", "pause.resume", id="pause.resume"),
    ]

    def __init__(self, started: datetime, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self.started = started
        self.clock = clock

    def compose(self) -> ComposeResult:
        with Vertical(id="pause-card"):
            yield Static(t("pause.title"), id="pause-title")
            yield Static(t("pause.text"), id="pause-text")
            yield Static("", id="pause-timer")
            yield Static(t("pause.resume_hint"), classes="hint")

    def on_mount(self) -> None:
        self._tick()
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        now = self.clock()
        minutes = int((now - self.started).total_seconds() // 60)
        self.query_one("#pause-timer", Static).update(t("pause.timer", minutes=minutes))


class MeetingScreen(NoteCorrections, PhaseScreen):
    """The meeting as the room sees it on the wall: welcome, rounds, reflection, future recall."""

    CSS_PATH = ["base.tcss", "meeting.tcss"]
    # Under 36 rows the speaker panel gives up its inner padding, so the notes keep room.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]
    # During the rounds: the word, passing, the pause, questions and the next phase.
    # The kind bar names its own keys (Enter: the marked kind, Esc: back to the text).
    FOOTER_HIDDEN = PhaseScreen.FOOTER_HIDDEN | {
        "meeting.leave",
        "meeting.rules",
        "note.same_kind",
        "note.cancel",
    }
    BINDINGS = [
        Binding("f2,ctrl+n", "advance", "meeting.advance", id="meeting.advance", priority=True),
        Binding("f3,ctrl+o", "pass_turn", "meeting.pass", id="meeting.pass", priority=True),
        Binding("f4", "pause", "meeting.pause", id="meeting.pause", priority=True),
        Binding("f1", "rules", "meeting.rules", id="meeting.rules", priority=True),
        Binding("f12", "assist", "assist.open_questions", id="assist.questions", priority=True),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="meeting-body"):
            with Vertical(id="main-column"):
                with Vertical(id="speaker-panel"):
                    yield Static("", id="speaker-label")
                    yield SpeakerName("", id="speaker-name")
                    yield Static("", id="next-speaker")
                yield VerticalScroll(Static("", id="phase-content"), id="phase-box")
                yield VerticalScroll(Static("", id="turn-notes"), id="notes-box")
                yield self.note_field()
            # A long circle scrolls: Tab reaches it, then the arrows.
            with VerticalScroll(id="side-column"):
                yield Static(t("meeting.not_spoken_title"), id="not-spoken-title")
                yield Static("", id="not-spoken")
                yield Static(t("meeting.circle_title"), id="circle-title")
                yield Static("", id="circle")
        yield Footer()

    def on_mount(self) -> None:
        # PhaseScreen.on_mount runs too (Textual calls each class's handler): it draws the view.
        self.query_one(NoteField).input.focus()
        if self.session.state.paused:
            self.call_after_refresh(self._show_pause)

    def refresh_body(self) -> None:
        state = self.session.state
        speaker = state.current_speaker
        name = self.query_one("#speaker-name", SpeakerName)
        if speaker is not None:
            turn = state.current_turn
            assert turn is not None
            self.set_text(
                "#speaker-label", t("meeting.has_word") + f"  ·  {t('meeting.round', n=turn.round)}"
            )
            name.show(speaker.name)
            name.set_class(False, "idle")
            name.display = True
            following = state.next_speaker
            self.set_text(
                "#next-speaker",
                t("meeting.next", who=_who(following)) if following else t("meeting.last_in_round"),
            )
        else:
            self.set_text("#speaker-label", t(f"phase.{state.phase.value}"))
            name.show(t("meeting.nobody_has_word") if state.phase.has_turns else "")
            name.set_class(True, "idle")
            # No turns (Velkomst): no empty name box, the phase's own text takes the room.
            name.display = state.phase.has_turns
            if not state.phase.has_turns:
                self.set_text("#next-speaker", t("meeting.next_phase_hint"))
            elif state.phase.repeats or not state.rounds_in_phase():
                self.set_text("#next-speaker", t("meeting.press_to_start"))
            else:
                self.set_text("#next-speaker", t("rule.phase_round_done"))

        self.set_text("#phase-content", self._phase_content())
        notes = self.session.current_notes()
        lines = [
            f"[b]{t(f'notekind.{n.kind.value}')}:[/b] {escape(mask_cpr(n.text))}" for n in notes
        ]
        if state.phase is Phase.VELKOMST:
            lines = self._mig_card_lines()
        self.set_text("#turn-notes", "\n".join(lines) if lines else t("meeting.no_notes_yet"))
        waiting = state.not_yet_spoken()
        self.set_text(
            "#not-spoken",
            "\n".join(f"• {escape(p.name)}" for p in waiting)
            if waiting
            else t("meeting.everyone_spoke"),
        )
        turns = state.turn_counts()
        notes_per = state.note_counts()
        circle = []
        for p in state.active:
            marker = "▶ " if speaker and p.id == speaker.id else "  "
            counts = t("meeting.counts", turns=turns[p.id], notes=notes_per[p.id])
            circle.append(f"{marker}{escape(p.name)}  {counts}")
        self.set_text("#circle", "\n".join(circle))
        field = self.query_one(NoteField)
        # Another app leads the meeting: this wall only looks, so there is nothing to type.
        writable = state.phase.has_turns and not self.session.read_only
        if field.display != writable:
            field.display = writable

    def _phase_content(self) -> str:
        state = self.session.state
        store = self.session.store
        phase = state.phase
        if phase is Phase.VELKOMST:
            return "\n".join(f"• {t(f'rules.{i}')}" for i in range(1, 7))
        if phase is Phase.REFLEKSION:
            return t("reflection.help")
        if phase is Phase.FREMTIDSDIALOG:
            return "\n".join(f"• {t(f'future.q{i}')}" for i in range(1, 4))
        topics = register.topics(store, self.session.meeting_id)
        lines = [t("rounds.help")]
        if topics:
            lines += ["", f"[b]{t('prep.topics')}[/b]"] + [
                f"  • {escape(tp.text)}" for tp in topics
            ]
        return "\n".join(lines)

    def _mig_card_lines(self) -> list[str]:
        """The Mig card at the start of the meeting, if the citizen wants it on the wall."""
        card = people.get_mig_card(self.session.store, self.session.info.citizen_id)
        if not card.show_on_wall or card.is_empty:
            return []
        lines = [f"[b]{escape(t('mig.wall_title', name=self.citizen_name))}[/b]", ""]
        for field, key in MIG_FIELDS:
            value = getattr(card, field)
            if value:
                lines += [f"[b]{escape(t(key))}:[/b] {escape(mask_cpr(value))}", ""]
        return [*lines, f"[dim]{escape(t('mig.edit_hint'))}[/dim]"]

    # --- actions ------------------------------------------------------------------

    def action_rules(self) -> None:
        self.app.push_screen(RulesScreen())

    def action_assist(self) -> None:
        """Open questions after the last turn (F12); plan drafts wait for the plan phase."""
        from facilitator.tui.screens.assist import open_questions

        open_questions(self, self.session)

    def action_pause(self) -> None:
        if self.attempt(self.session.pause):
            self._show_pause()

    def _show_pause(self) -> None:
        started = self.session.info.paused_at
        start_dt = datetime.fromisoformat(started) if started else self.now()

        def resumed(_: None) -> None:
            self.attempt(self.session.resume)
            self.refresh_view()

        self.app.push_screen(PauseScreen(start_dt, self.session.store.clock), resumed)

    @on(NoteField.Tagged)
    def _save_note(self, event: NoteField.Tagged) -> None:
        try:
            self.session.add_note(event.kind, event.text)
        except FacilitatorError as exc:
            # The typed words stay in the field; the wall says why and how to try again.
            self.query_one(NoteField).show_error(t("note.not_saved", reason=str(exc)))
            self.notify(str(exc), severity="warning")
            self.refresh_view()
            return
        self.fapp.note_committed(event.pressed_at)
        self.query_one(NoteField).clear()
        self.refresh_view()
        self.call_after_refresh(self.fapp.note_drawn, event.pressed_at)
        self.fapp.note_saved(self.session)
