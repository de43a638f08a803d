"""A yes/no question in one modal; Enter or y says yes, Escape or n says no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from facilitator.i18n import t
from facilitator.tui.bindings import ModalScreen


class Confirm(ModalScreen[bool]):
    """Ask before something that cannot simply be undone."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical { width: 70; height: auto; border: heavy $warning; background: $surface;
                         padding: 1 2; }
    Confirm .hint { color: $text-muted; padding-top: 1; }
    """
    BINDINGS = [
        Binding("enter,y,j", "answer(True)", "common.yes", id="confirm.yes"),
        Binding("escape,n", "answer(False)", "common.no", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            yield Static(t("confirm.hint"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
