"""The note field: type the speaker's words, press Enter, then one key for the kind.

Earlier notes are corrected here too: ↑ in the empty field (or Ctrl+R) brings the newest
note of the meeting into the field, ↑/↓ move between notes, Enter and a kind key (or Enter
to keep its kind) save the correction, Ctrl+D deletes the note after a question, Escape
leaves the note as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from facilitator.domain.privacy import has_cpr, mask_cpr
from facilitator.domain.records import Note
from facilitator.domain.vocabulary import NOTE_KIND_KEYS, NoteKind
from facilitator.i18n import t
from facilitator.tui.markup import escape
from facilitator.tui.widgets.field import Field


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
        #: The kind of the earlier note being corrected: Enter keeps it, not the last kind.
        self.edit_kind: NoteKind | None = None

    @property
    def enter_kind(self) -> NoteKind:
        """The kind a second Enter gives the note."""
        return self.edit_kind or self.last_kind

    def render_bar(self, focused: bool | None = None) -> str:
        parts = []
        for key, kind in NOTE_KIND_KEYS.items():
            label = t(f"notekind.{kind.value}")
            mark = "▸" if kind is self.enter_kind else " "
            parts.append(f"{mark}{key} {label}")
        bar = "  ".join(parts)
        if self.has_focus if focused is None else focused:
            # Said in words before the second Enter: a kept kind is a choice, not a default.
            hint = t("note.enter_again", kind=t(f"notekind.{self.enter_kind.value}"))
            bar = f"[b]{escape(hint)}[/b]   {bar}"
        return bar

    def show(self, focused: bool | None = None) -> None:
        self.update(self.render_bar(focused))

    def on_mount(self) -> None:
        self.show()

    def on_focus(self) -> None:
        self.show(focused=True)

    def on_blur(self) -> None:
        self.show(focused=False)

    def action_choose(self, kind: str) -> None:
        if self.edit_kind is None:
            self.last_kind = NoteKind(kind)
        self.show()
        self.post_message(self.Chosen(NoteKind(kind)))

    def action_choose_last(self) -> None:
        self.action_choose(self.enter_kind.value)

    def action_cancel(self) -> None:
        self.post_message(self.Chosen(None))


class NoteField(Vertical):
    """Input, kind bar and a warning line; posts ``NoteField.Tagged`` with kind and text,
    ``NoteField.Corrected`` for an earlier note changed, ``NoteField.DeleteAsked``."""

    BINDINGS = [
        Binding("ctrl+r", "edit_older", "note.key_edit", id="note.edit", show=False),
        Binding("up", "edit_older", "note.key_older", id="note.edit_older", show=False),
        Binding("down", "edit_newer", "note.key_newer", id="note.edit_newer", show=False),
        Binding("escape", "stop_editing", "note.key_cancel_edit", id="note.edit_cancel"),
        # Ctrl+D deletes a character in a plain Input; only while a note is being corrected
        # does it mean "delete this note" (check_action lets it through otherwise).
        Binding("ctrl+d", "delete", "note.key_delete", id="note.delete", priority=True),
    ]

    DEFAULT_CSS = """
    NoteField { height: auto; }
    NoteField #note-edit { color: $text; background: $warning 25%; height: auto; padding: 0 1; }
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

    class Corrected(Message):
        """An earlier note's words and kind, to be stored in its place."""

        def __init__(self, note: Note, kind: NoteKind, text: str) -> None:
            super().__init__()
            self.note = note
            self.kind = kind
            self.text = text

    class DeleteAsked(Message):
        """The leader asked to delete an earlier note (the screen asks once more)."""

        def __init__(self, note: Note) -> None:
            super().__init__()
            self.note = note

    def __init__(
        self,
        earlier: Callable[[], list[Note]] | None = None,
        speaker_of: Callable[[Note], str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.earlier = earlier or list
        self.speaker_of = speaker_of or (lambda note: "")
        #: The earlier note being corrected, and its place among the notes (0 = newest).
        self.editing: Note | None = None
        self._index = -1

    def compose(self) -> ComposeResult:
        edit_line = Static("", id="note-edit")
        edit_line.display = False
        yield edit_line
        yield Field(placeholder=t("note.placeholder"), id="note-input", max_length=4000)
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
        if event.kind is None or not text:
            return
        if self.editing is not None:
            self.post_message(self.Corrected(self.editing, event.kind, text))
        else:
            self.post_message(self.Tagged(event.kind, text, event.pressed_at))

    # --- correcting earlier notes ---------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("stop_editing", "delete", "edit_newer"):
            return self.editing is not None
        if action == "edit_older" and self.editing is None:
            # Neither ↑ nor Ctrl+R replaces words typed and not yet saved.
            return not self.input.value.strip() or not self.input.has_focus
        return True

    def action_edit_older(self) -> None:
        self._show_note(self._index + 1)

    def action_edit_newer(self) -> None:
        if self._index <= 0:
            self.stop_editing()
        else:
            self._show_note(self._index - 1)

    def action_stop_editing(self) -> None:
        self.stop_editing()

    def action_delete(self) -> None:
        if self.editing is not None:
            self.post_message(self.DeleteAsked(self.editing))

    def _show_note(self, index: int) -> None:
        notes = self.earlier()
        if not notes:
            self.show_error(t("note.none_to_edit"))
            return
        index = max(0, min(index, len(notes) - 1))
        note = notes[index]
        self.editing, self._index = note, index
        bar = self.query_one(KindBar)
        bar.edit_kind = note.kind
        bar.show()
        # The wall never shows a CPR number; words left as shown keep what is stored.
        self.input.value = mask_cpr(note.text)
        self.input.cursor_position = len(self.input.value)
        line = self.query_one("#note-edit", Static)
        line.update(
            escape(
                t(
                    "note.editing",
                    n=index + 1,
                    total=len(notes),
                    who=self.speaker_of(note),
                    kind=t(f"notekind.{note.kind.value}"),
                )
            )
        )
        line.display = True
        self.show_error("")
        self.input.focus()

    def stop_editing(self) -> None:
        """Back to writing new notes; the field is emptied."""
        self.editing, self._index = None, -1
        bar = self.query_one(KindBar)
        bar.edit_kind = None
        bar.show()
        self.query_one("#note-edit", Static).display = False
        self.clear()

    def clear(self) -> None:
        self.input.value = ""
        self.query_one("#note-warning", Static).update("")
        self.show_error("")

    def show_error(self, text: str) -> None:
        """Why the note in the field is not saved yet (the text stays for another Enter)."""
        error = self.query_one("#note-error", Static)
        error.update(text)
        error.display = bool(text)
