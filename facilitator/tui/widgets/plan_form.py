"""A form for one plan item: what (the citizen's words), who, with whom, when, who follows up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Static

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import PlanItem
from facilitator.domain.vocabulary import PlanSection, Who
from facilitator.i18n import t
from facilitator.tui.bindings import ModalScreen
from facilitator.tui.widgets.field import Field


class PlanItemForm(ModalScreen[dict[str, Any] | None]):
    """Add or edit a plan item; returns the fields, or None when cancelled.

    With ``save`` the form saves them itself and closes only once they are stored: a write
    refused (a full disk, another app leading the meeting) is said in the form, and what was
    typed stays for another Ctrl+S.
    """

    DEFAULT_CSS = """
    PlanItemForm { align: center middle; }
    PlanItemForm > Vertical { width: 90; height: auto; border: heavy $accent; background: $surface;
                              padding: 1 2; }
    PlanItemForm Label { padding-top: 1; }
    PlanItemForm .form-title { text-style: bold; padding: 0; }
    PlanItemForm RadioSet { width: 100%; }
    PlanItemForm .hint { color: $text-muted; padding-top: 1; }
    PlanItemForm #form-error { color: $error; text-style: bold; padding-top: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "form.save", id="form.save", priority=True),
        Binding("escape", "cancel", "form.cancel", id="form.cancel"),
    ]

    def __init__(
        self,
        section: PlanSection,
        item: PlanItem | None = None,
        what: str = "",
        save: Callable[[dict[str, Any]], object] | None = None,
    ) -> None:
        super().__init__()
        self.section = section
        self.item = item
        self.initial_what = item.what if item else what
        self.save = save

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical():
            yield Label(t(f"form.title.{self.section.value}"), classes="form-title")
            yield Label(t("form.what"))
            yield Field(self.initial_what, id="what")
            if self.section is PlanSection.PLAN:
                yield Label(t("form.who"))
                with RadioSet(id="who"):
                    for who in Who:
                        yield RadioButton(
                            t(f"who.{who.value}"),
                            value=bool(item and item.who is who),
                            id=f"who-{who.value}",
                        )
                with Horizontal():
                    with Vertical():
                        yield Label(t("plan.with_whom"))
                        yield Field(item.with_whom if item else "", id="with_whom")
                    with Vertical():
                        yield Label(t("plan.by_when"))
                        yield Field(item.by_when if item else "", id="by_when")
                yield Label(t("plan.follow_up"))
                yield Field(item.follow_up if item else "", id="follow_up")
                yield Checkbox(
                    t("form.needs_decision"),
                    value=bool(item and item.needs_decision),
                    id="needs_decision",
                )
            elif self.section is PlanSection.IKKE_MULIGT:
                yield Label(t("plan.because"))
                yield Field(item.reason if item else "", id="reason")
                yield Label(t("plan.other_ways"))
                yield Field(item.other_ways if item else "", id="other_ways")
            yield Label(t("form.hint"), classes="hint")
            error = Static("", id="form-error")
            error.display = False
            yield error

    def on_mount(self) -> None:
        self.query_one("#what", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def action_save(self) -> None:
        what = self._value("what")
        if not what:
            self.notify(t("err.empty", what=t("word.text")), severity="warning")
            return
        fields: dict[str, Any] = {"what": what, "section": self.section}
        if self.section is PlanSection.PLAN:
            pressed = self.query_one("#who", RadioSet).pressed_button
            fields["who"] = Who(pressed.id.removeprefix("who-")) if pressed and pressed.id else None
            fields["with_whom"] = self._value("with_whom")
            fields["by_when"] = self._value("by_when")
            fields["follow_up"] = self._value("follow_up")
            fields["needs_decision"] = self.query_one("#needs_decision", Checkbox).value
        elif self.section is PlanSection.IKKE_MULIGT:
            fields["reason"] = self._value("reason")
            fields["other_ways"] = self._value("other_ways")
        if self.save is not None:
            try:
                self.save(dict(fields))
            except FacilitatorError as exc:  # nothing stored; the fields keep their text
                self.show_error(t("form.not_saved", reason=str(exc)))
                return
        self.dismiss(fields)

    def show_error(self, text: str) -> None:
        """Why what is in the form is not saved yet (one sentence, in the form)."""
        error = self.query_one("#form-error", Static)
        error.update(text)
        error.display = bool(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
