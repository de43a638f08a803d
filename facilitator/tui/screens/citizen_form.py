"""A new citizen: a name and, if they want, the year they were born."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from facilitator.domain.errors import FacilitatorError
from facilitator.i18n import t
from facilitator.meetings import people
from facilitator.tui.bindings import ModalScreen
from facilitator.tui.widgets.field import Field


class CitizenForm(ModalScreen[tuple[str, int | None] | None]):
    """Returns (name, born_year) or None when cancelled."""

    DEFAULT_CSS = """
    CitizenForm { align: center middle; }
    CitizenForm > Vertical { width: 70; height: auto; border: heavy $accent; background: $surface;
                             padding: 1 2; }
    CitizenForm Label { padding-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "form.cancel", id="citizen.cancel")]

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("home.citizen_name"))
            yield Field(id="name", max_length=200)
            yield Label(t("home.citizen_born"))
            yield Field(id="born", type="integer", max_length=4)
            yield Label(t("form.hint"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#name", Input).value.strip()
        born = self.query_one("#born", Input).value.strip()
        if not name:
            self.notify(t("err.empty", what=t("word.name")), severity="warning")
            return
        try:
            year = people.parse_born_year(born)
        except FacilitatorError as exc:  # said, and the form stays with what was typed
            self.notify(str(exc), severity="warning")
            return
        self.dismiss((name, year))

    def action_cancel(self) -> None:
        self.dismiss(None)
