"""Correcting earlier notes from the note field, on every screen that has one.

The field brings a note back (↑ or Ctrl+R); this saves the correction through the session
(audited there) or, after one question, deletes the note.
"""

from __future__ import annotations

from textual import on

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.privacy import mask_cpr
from facilitator.domain.records import Note
from facilitator.i18n import t
from facilitator.tui.markup import escape
from facilitator.tui.screens.base import PhaseScreen
from facilitator.tui.widgets.confirm import Confirm
from facilitator.tui.widgets.note_field import NoteField


class NoteCorrections(PhaseScreen):
    """Mixin for phase screens with a NoteField: compose it with ``note_field()``."""

    def note_field(self) -> NoteField:
        """The note field, able to bring back this meeting's earlier notes."""
        return NoteField(self.session.earlier_notes, self._speaker_of, id="note-field")

    def _speaker_of(self, note: Note) -> str:
        for participant in self.session.state.participants:
            if participant.id == note.participant_id:
                return participant.name
        return ""

    @on(NoteField.Corrected)
    def _correct_note(self, event: NoteField.Corrected) -> None:
        field = self.query_one(NoteField)
        note = event.note
        # Words left as shown (a CPR number masked on the wall) keep the stored words.
        text = note.text if event.text == mask_cpr(note.text) else event.text
        try:
            self.session.edit_note(note.id, text, event.kind)
        except FacilitatorError as exc:
            field.show_error(t("note.not_saved", reason=str(exc)))
            self.notify(str(exc), severity="warning")
            return
        field.stop_editing()
        self.notify(t("note.corrected"))
        self.refresh_view()

    @on(NoteField.DeleteAsked)
    def _delete_note(self, event: NoteField.DeleteAsked) -> None:
        note = event.note
        question = t("note.confirm_delete", who=self._speaker_of(note), text=mask_cpr(note.text))

        def answered(yes: bool | None) -> None:
            field = self.query_one(NoteField)
            if yes and self.attempt(lambda: self.session.delete_note(note.id)):
                field.stop_editing()
                self.notify(t("note.deleted"))
            field.input.focus()
            self.refresh_view()

        self.app.push_screen(Confirm(escape(question)), answered)
