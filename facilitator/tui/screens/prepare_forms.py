"""The forms of forberedelse: invite or correct someone, write the "Mig" card, confirm a
removal.

Enter in a field saves, Escape cancels; a refusal (an empty name) is shown and the form stays.
Toggles show their state as a mark, not only as a colour.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Static

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.meeting import Participant
from facilitator.domain.records import MigCard
from facilitator.domain.vocabulary import ParticipantKind
from facilitator.i18n import t
from facilitator.meetings import people
from facilitator.tui.bindings import ModalScreen
from facilitator.tui.markup import escape
from facilitator.tui.widgets.field import Field

CSS: list[str | PurePath] = ["base.tcss", "prepare.tcss"]
INVITABLE = [k for k in ParticipantKind if k is not ParticipantKind.BORGER]
MIG_FIELDS = (
    ("about", "prep.mig_about"),
    ("likes", "plan.mig_likes"),
    ("dreams", "plan.mig_dreams"),
    ("know_about_me", "plan.mig_know"),
)


class TextRadioButton(RadioButton):
    """A radio button whose state is a mark, not only a colour: "●" chosen, blank not."""

    @property
    # Textual declares BUTTON_INNER a class attribute and reads it per render; a property
    # lets the mark follow the value, which its type cannot say.
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - read by Textual
        return "●" if self.value else " "


class TextCheckbox(Checkbox):
    """A checkbox whose state is a mark, not only a colour: "x" ticked, blank not."""

    @property
    # A property over a class attribute, as in TextRadioButton.
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - read by Textual
        return "x" if self.value else " "


# --- forms -------------------------------------------------------------------------


class _Form(ModalScreen[None]):
    """A modal form: Enter in a field saves through ``save``; a refusal is shown, not raised."""

    CSS_PATH = CSS
    BINDINGS = [Binding("escape", "dismiss", "prep.cancel", id="prep.cancel")]

    def __init__(self, save: Callable[..., None]) -> None:
        super().__init__()
        self.save = save

    def values(self) -> dict[str, object]:
        return {}

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.save(**self.values())
        except FacilitatorError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.dismiss()


class InviteForm(_Form):
    """Hvem vil du have med? Name, who they are to the citizen, kind, department. Given
    ``editing`` (the invitee and their department's name) it corrects that invitee instead."""

    def __init__(
        self, save: Callable[..., None], editing: tuple[Participant, str] | None = None
    ) -> None:
        super().__init__(save)
        self.editing = editing

    def compose(self) -> ComposeResult:
        who, department = self.editing or (None, "")
        chosen = who.kind if who is not None else INVITABLE[0]
        title = t("prep.edit_title", name=who.name) if who else t("prep.add_title")
        with Vertical(classes="form-card"):
            yield Static(escape(title), classes="form-title")
            yield Label(t("prep.field_name"))
            yield Field(who.name if who else "", id="name", max_length=people.MAX_NAME)
            yield Label(t("prep.field_relation"))
            yield Field(who.relation if who else "", id="relation", max_length=people.MAX_NAME)
            yield Label(t("prep.field_kind"))
            with RadioSet(id="kind"):
                for kind in INVITABLE:
                    yield TextRadioButton(
                        t(f"kind.{kind.value}"), value=kind is chosen, name=kind.value
                    )
            yield Label(t("prep.field_department"), id="department-label")
            yield Field(department, id="department", max_length=people.MAX_NAME)
            yield Static(t("prep.form_hint"), classes="hint")

    def on_mount(self) -> None:
        self._show_department()
        self.query_one("#name", Input).focus()

    def kind(self) -> ParticipantKind:
        pressed = self.query_one(RadioSet).pressed_button
        return ParticipantKind(pressed.name) if pressed and pressed.name else INVITABLE[0]

    @on(RadioSet.Changed)
    def _show_department(self) -> None:
        shown = self.kind() is ParticipantKind.FAGPERSON
        for node in self.query("#department-label, #department"):
            node.display = shown

    def values(self) -> dict[str, object]:
        kind = self.kind()
        department = self.query_one("#department", Input).value
        return {
            "name": self.query_one("#name", Input).value,
            "relation": self.query_one("#relation", Input).value,
            "kind": kind,
            "department": department if kind is ParticipantKind.FAGPERSON else "",
        }


class MigForm(_Form):
    """The "Mig" card in the citizen's own words, and whether it is shown on the wall."""

    def __init__(self, card: MigCard, save: Callable[..., None]) -> None:
        super().__init__(save)
        self.card = card

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-card"):
            yield Static(t("prep.mig_title"), classes="form-title")
            for field, key in MIG_FIELDS:
                yield Label(t(key))
                yield Field(getattr(self.card, field), id=field, max_length=people.MAX_TEXT)
            yield Label(t("prep.mig_contact"))
            yield Field(self.card.contact, id="contact", max_length=people.MAX_TEXT)
            yield TextCheckbox(t("prep.wall"), self.card.show_on_wall, id="wall")
            yield Static(t("prep.form_hint"), classes="hint")

    def values(self) -> dict[str, object]:
        def text(field: str) -> str:
            return " ".join(self.query_one(f"#{field}", Input).value.split())

        card = MigCard(
            self.card.citizen_id,
            about=text("about"),
            likes=text("likes"),
            dreams=text("dreams"),
            know_about_me=text("know_about_me"),
            show_on_wall=self.query_one(Checkbox).value,
            contact=text("contact"),
        )
        return {"card": card}


class ConfirmRemove(ModalScreen[bool]):
    """Fjern … fra mødet? Enter removes, Escape keeps."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding("enter,y,j", "dismiss(True)", "prep.confirm", id="prep.confirm"),
        Binding("escape,n", "dismiss(False)", "prep.cancel", id="prep.keep"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.who = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-card"):
            yield Static(escape(t("prep.remove_question", name=self.who)), classes="form-title")
            yield Static(t("prep.remove_hint"), classes="hint")
