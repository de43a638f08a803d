"""The note field: type the speaker's words, press Enter, then one key for the kind."""

from __future__ import annotations

import time
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from facilitator.domain.privacy import has_cpr
from facilitator.domain.vocabulary import NOTE_KIND_KEYS, NoteKind
from facilitator.i18n import t


class KindBar(Static, can_focus=True):
    """Shown after Enter: one key per kind tags and saves the note."""

    BINDINGS = [
        *[
            Binding(
                key,
                f"choose('{kind.value}')",
                f"notekind.{kind.value}",
                show=False,
                id=f"note.kind.{kind.value}",
            )
            for key, kind in NOTE_KIND_KEYS.items()
        ],
        Binding("enter", "choose_last", "note.same_kind", id="note.same_kind"),
        Binding("escape", "cancel", "note.back_to_text", id="note.cancel"),
    ]

    DEFAULT_CSS = """
    KindBar { height: auto; padding: 0 1; color: $text-muted; }
    KindBar:focus { background: $accent 30%; color: $text; text-style: bold; }
    """

    class Chosen(Message):
        """The leader picked a kind (or cancelled with None)."""

        def __init__(self, kind: NoteKind | None) -> None:
            super().__init__()
            self.kind = kind
            self.pressed_at = time.perf_counter()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.last_kind: NoteKind = NoteKind.OENSKE

    def render_bar(self) -> str:
        parts = []
        for key, kind in NOTE_KIND_KEYS.items():
            label = t(f"notekind.{kind.value}")
            mark = "▸" if kind is self.last_kind else " "
            parts.append(f"{mark}{key} {label}")
        return "  ".join(parts)

    def on_mount(self) -> None:
        self.update(self.render_bar())

    def action_choose(self, kind: str) -> None:
        self.last_kind = NoteKind(kind)
        self.update(self.render_bar())
        self.post_message(self.Chosen(self.last_kind))

    def action_choose_last(self) -> None:
        self.action_choose(self.last_kind.value)

    def action_cancel(self) -> None:
        self.post_message(self.Chosen(None))


class NoteField(Vertical):
    """Input, kind bar and a warning line; posts ``NoteField.Tagged`` with kind and text."""

    DEFAULT_CSS = """
    NoteField { height: auto; }
    NoteField #note-warning { color: $warning; text-style: bold; height: auto; }
    NoteField #note-error { color: $error; text-style: bold; height: auto; }
    """

    class Tagged(Message):
        """A note is ready to be saved; ``pressed_at`` is when the kind key was handled."""

        def __init__(self, kind: NoteKind, text: str, pressed_at: float) -> None:
            super().__init__()
            self.kind = kind
            self.text = text
            self.pressed_at = pressed_at

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("note.placeholder"), id="note-input", max_length=4000)
        yield KindBar(id="kind-bar")
        yield Static("", id="note-warning")
        error = Static("", id="note-error")
        error.display = False
        yield error

    @property
    def input(self) -> Input:
        return self.query_one("#note-input", Input)

    @on(Input.Submitted, "#note-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.query_one(KindBar).focus()

    @on(Input.Changed, "#note-input")
    def _changed(self, event: Input.Changed) -> None:
        warning = self.query_one("#note-warning", Static)
        warning.update(t("note.cpr_warning") if has_cpr(event.value) else "")

    @on(KindBar.Chosen)
    def _chosen(self, event: KindBar.Chosen) -> None:
        event.stop()
        text = self.input.value.strip()
        self.input.focus()
        if event.kind is not None and text:
            self.post_message(self.Tagged(event.kind, text, event.pressed_at))

    def clear(self) -> None:
        self.input.value = ""
        self.query_one("#note-warning", Static).update("")
        self.show_error("")

    def show_error(self, text: str) -> None:
        """Why the note in the field is not saved yet (the text stays for another Enter)."""
        error = self.query_one("#note-error", Static)
        error.update(text)
        error.display = bool(text)
