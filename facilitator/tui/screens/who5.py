"""WHO-5: five statements about the last two weeks, the citizen's number 0–100, and its trend.

Reached with Ctrl+T from every phase of a meeting, and only taken when the citizen has said
yes to it in Forberedelse. N answers now: a number key 0–5 answers the statement marked ▶
and moves on; the number is the answers summed, times four. Only the citizen's own numbers
are shown, never a cut-off or a label.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Label, RadioSet, Static

from facilitator.domain.errors import FacilitatorError
from facilitator.i18n import t
from facilitator.i18n.dates import long_date
from facilitator.meetings import wellbeing
from facilitator.meetings.wellbeing import WHO5_ANSWERS, WHO5_ITEMS, WHO5_OCCASIONS, Who5
from facilitator.tui.bindings import ModalScreen
from facilitator.tui.markup import escape
from facilitator.tui.screens.measure_base import CitizenMeasureScreen
from facilitator.tui.screens.prepare_forms import TextRadioButton
from facilitator.tui.widgets.confirm import Confirm
from facilitator.tui.widgets.measure_chart import who5_rows

CSS: list[str | PurePath] = ["base.tcss", "who5.tcss"]


def answers_text(answers: tuple[int | None, ...], current: int | None = None) -> str:
    """The five statements, each with its answer label (a dash while unanswered)."""
    lines = [f"[b]{escape(t('who5.intro'))}[/b]"]
    for number, answer in enumerate(answers, start=1):
        marker = "▶" if current == number - 1 else " "
        chosen = (
            f"[b]{answer}  {escape(wellbeing.who5_answer_label(answer))}[/b]"
            if answer is not None
            else "–"
        )
        lines.append(f"{marker} {number}. {escape(wellbeing.who5_statement(number))}")
        lines.append(f"      → {chosen}")
    return "\n".join(lines)


class Who5Screen(CitizenMeasureScreen):
    """The citizen's WHO-5 numbers over time, and the latest answers."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding("n", "answer", "who5.key_new", id="who5.new"),
        Binding("delete", "remove_latest", "who5.key_remove", id="who5.remove"),
        Binding("escape,f10,ctrl+t", "close", "who5.key_close", id="who5.close"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(
            escape(t("who5.title", name=self.citizen_name)),
            id="who5-title",
            classes="meeting-title",
        )
        yield Static(t("who5.help"), id="who5-help")
        with VerticalScroll(id="who5-body"):
            yield Static("", id="who5-state")
            yield Static("", id="who5-trend")
            yield Static("", id="who5-latest")
        yield Footer()

    def on_mount(self) -> None:
        wellbeing.read_who5(self.store, self.citizen_id)  # audited; refresh_body draws it
        self.refresh_body()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Answering is offered only to a citizen who said yes to WHO-5."""
        if action == "answer":
            return wellbeing.who5_opted_in(self.store, self.citizen_id)
        if action == "remove_latest":
            return bool(wellbeing.who5_history(self.store, self.citizen_id))
        return True

    def refresh_body(self) -> None:
        opted_in = wellbeing.who5_opted_in(self.store, self.citizen_id)
        history = wellbeing.who5_history(self.store, self.citizen_id)
        state = self.query_one("#who5-state", Static)
        if not opted_in:
            state.update(t("who5.not_opted_in"))
        elif not history:
            state.update(t("who5.none_yet"))
        else:
            state.update("")
        state.display = not opted_in or not history
        trend = self.query_one("#who5-trend", Static)
        trend.update(
            f"[b]{t('who5.over_time')}[/b]\n\n" + "\n".join(who5_rows(history)) if history else ""
        )
        latest = self.query_one("#who5-latest", Static)
        if history:
            last = history[-1]
            latest.update(
                f"[b]{escape(t('who5.latest_answers', date=long_date(last.taken_on)))}[/b]\n"
                + answers_text(last.answers).split("\n", 1)[1]
            )
        else:
            latest.update("")
        self.refresh_bindings()

    def action_answer(self) -> None:
        if self.looking():
            return

        def saved(result: tuple[tuple[int, ...], str] | None) -> None:
            if result is None:
                return
            answers, occasion = result
            try:
                wellbeing.record_who5(self.store, self.citizen_id, answers, occasion)
            except FacilitatorError as exc:
                self.notify(str(exc), severity="warning")
            else:
                self.notify(t("who5.saved"))
            self.refresh_body()

        occasion = wellbeing.next_who5_occasion(self.store, self.citizen_id)
        self.app.push_screen(Who5Form(occasion), saved)

    def action_remove_latest(self) -> None:
        history = wellbeing.who5_history(self.store, self.citizen_id)
        if not history:
            return
        last: Who5 = history[-1]

        def answered(yes: bool | None) -> None:
            if yes and self.write(lambda: wellbeing.remove_who5(self.store, last.id)):
                self.refresh_body()

        question = t("who5.confirm_remove", date=long_date(last.taken_on))
        self.app.push_screen(Confirm(escape(question)), answered)

    def action_close(self) -> None:
        self.dismiss()


class Who5Questions(Static, can_focus=True):
    """The five statements; a number key 0–5 answers the one marked ▶ and moves on."""

    BINDINGS = [
        Binding("up", "move(-1)", "who5.key_up", id="who5.up"),
        Binding("down", "move(1)", "who5.key_down", id="who5.down"),
        *[Binding(str(v), f"answer({v})", show=False, id=f"who5.answer_{v}") for v in WHO5_ANSWERS],
    ]

    class Changed(Message):
        """An answer was given."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.answers: list[int | None] = [None] * WHO5_ITEMS
        self.current = 0

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        self.update(answers_text(tuple(self.answers), self.current))

    def action_move(self, delta: int) -> None:
        self.current = max(0, min(WHO5_ITEMS - 1, self.current + delta))
        self.redraw()
        self.post_message(self.Changed())

    def action_answer(self, value: int) -> None:
        self.answers[self.current] = value
        if self.current < WHO5_ITEMS - 1:
            self.current += 1
        self.redraw()
        self.post_message(self.Changed())


class Who5Form(ModalScreen[tuple[tuple[int, ...], str] | None]):
    """Answer the five statements by keyboard; returns (answers, occasion) or None."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding("ctrl+s", "save", "ruler.key_save", id="who5.save", priority=True),
        Binding("escape", "cancel", "ruler.key_cancel", id="who5.cancel"),
    ]

    def __init__(self, occasion: str) -> None:
        super().__init__()
        self.occasion = occasion

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-card"):
            yield Static(t("who5.form_title"), classes="form-title")
            yield Static(t("who5.choose_hint"), classes="hint")
            with Horizontal(id="who5-answering"):
                yield Who5Questions(id="questions")
                with Vertical(id="who5-side"):
                    yield Static("", id="choices")
                    yield Static("", id="score")
            yield Label(t("who5.when"))
            with RadioSet(id="occasion"):
                for occasion in WHO5_OCCASIONS:
                    yield TextRadioButton(
                        t(f"who5.occasion.{occasion}"),
                        value=occasion == self.occasion,
                        name=occasion,
                    )
            yield Static(t("who5.form_hint"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Who5Questions).focus()
        self._answered()

    @on(Who5Questions.Changed)
    def _answered(self) -> None:
        questions = self.query_one(Who5Questions)
        current = questions.answers[questions.current]
        lines = [
            f"{'●' if v == current else ' '} [b]{v}[/b]  {escape(wellbeing.who5_answer_label(v))}"
            for v in WHO5_ANSWERS
        ]
        self.query_one("#choices", Static).update("\n".join(lines))
        given = questions.answers
        score = self.query_one("#score", Static)
        if all(a is not None for a in given):
            total = wellbeing.who5_score([int(a) for a in given if a is not None])
            score.update(f"[b]{t('who5.score_line', score=total)}[/b]")
        else:
            score.update(t("who5.score_pending"))

    def action_save(self) -> None:
        given = self.query_one(Who5Questions).answers
        if any(a is None for a in given):
            self.notify(t("who5.err_unanswered"), severity="warning")
            return
        pressed = self.query_one(RadioSet).pressed_button
        occasion = pressed.name if pressed and pressed.name else self.occasion
        self.dismiss((tuple(int(a) for a in given if a is not None), occasion))

    def action_cancel(self) -> None:
        self.dismiss(None)
