"""A step on the dialogue ruler, 1–10, chosen with ← → or a number key (0 is 10).

The chosen step is shown in brackets and bold, not by colour alone. A picker starts with no
step chosen, so nothing is suggested; one that allows "no step" (the professional's, only
if the citizen wants it) shows "–" for it, and Backspace or ← from 1 goes back to it.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from facilitator.i18n import t
from facilitator.meetings.measures import RULER_MAX, RULER_MIN
from facilitator.tui.markup import escape


class StepPicker(Static, can_focus=True):
    """The ruler as one line of steps; the value is an int 1–10, or None when allowed."""

    DEFAULT_CSS = """
    StepPicker { height: auto; padding: 0 1; border: round $primary-muted; width: 100%; }
    StepPicker:focus { border: heavy $accent; background: $accent 10%; }
    """
    BINDINGS = [
        Binding("left,minus", "step(-1)", "ruler.key_lower", id="ruler.lower"),
        Binding("right,plus", "step(1)", "ruler.key_higher", id="ruler.higher"),
        Binding("backspace,delete", "clear", "ruler.key_clear", id="ruler.clear", show=False),
        *[
            Binding(str(n % 10), f"choose({n})", show=False, id=f"ruler.step_{n}")
            for n in range(RULER_MIN, RULER_MAX + 1)
        ],
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The step changed."""

        def __init__(self, picker: StepPicker, value: int | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

    def __init__(self, value: int | None = None, allow_none: bool = False, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.allow_none = allow_none
        self.set_reactive(StepPicker.value, value)

    def on_mount(self) -> None:
        self.update(self.render_steps())

    def render_steps(self) -> str:
        cells = []
        if self.allow_none:
            none = escape(f"[– {t('ruler.no_step')}]") if self.value is None else "  –  "
            cells.append(f"[b reverse]{none}[/]" if self.value is None else none)
        for n in range(RULER_MIN, RULER_MAX + 1):
            if n == self.value:
                cells.append(f"[b reverse]{escape(f'[{n}]')}[/]")
            else:
                cells.append(f" {n} ")
        return " ".join(cells)

    def watch_value(self, value: int | None) -> None:
        self.update(self.render_steps())
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        if self.value is None:
            self.value = RULER_MIN if delta > 0 or not self.allow_none else None
        elif self.value + delta < RULER_MIN:
            self.value = None if self.allow_none else RULER_MIN
        else:
            self.value = min(RULER_MAX, self.value + delta)

    def action_choose(self, step: int) -> None:
        self.value = step

    def action_clear(self) -> None:
        if self.allow_none:
            self.value = None
