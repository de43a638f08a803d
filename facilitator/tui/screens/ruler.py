"""Dialoglinealen: per goal, the citizen's step 1–10 with "Jeg kan …", over time.

Reached with Ctrl+L (or the command palette) from every phase of a meeting; the plan phase
and "Siden sidst" show a line with each goal's steps so far and the key. The goals on the
left are the ones rated before and the plan's own items; Enter sets a new step for the
highlighted goal, M writes a new goal. A professional's step stands beside the citizen's
only if the citizen wants it, and the difference is shown, not hidden. F switches between
measuring again after 3 or 6 months.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.privacy import mask_cpr
from facilitator.i18n import t
from facilitator.i18n.dates import long_date, weekday_date
from facilitator.meetings import measures
from facilitator.meetings.measures import RULER_MAX, RULER_MIN, RulerRating, first_name
from facilitator.meetings.session import MeetingSession
from facilitator.tui.bindings import ModalScreen
from facilitator.tui.markup import escape
from facilitator.tui.screens.measure_base import CitizenMeasureScreen
from facilitator.tui.widgets.confirm import Confirm
from facilitator.tui.widgets.field import Field
from facilitator.tui.widgets.measure_chart import ruler_rows, sparkline
from facilitator.tui.widgets.step_picker import StepPicker

CSS: list[str | PurePath] = ["base.tcss", "ruler.tcss"]


class GoalList(OptionList):
    """The goals: each with its steps so far as a small sparkline and the latest step."""


class RulerScreen(CitizenMeasureScreen):
    """The citizen's goals on the dialogue ruler, and each goal's steps over time."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding("n", "new_reading", "ruler.key_new_reading", id="ruler.new_reading"),
        Binding("m", "new_goal", "ruler.key_new_goal", id="ruler.new_goal"),
        Binding("f", "toggle_months", "ruler.key_months", id="ruler.months"),
        Binding("delete", "remove_latest", "ruler.key_remove", id="ruler.remove"),
        Binding("escape,f10,ctrl+l", "close", "ruler.key_close", id="ruler.close"),
    ]

    def __init__(self, session: MeetingSession) -> None:
        super().__init__(session)
        self.goals: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(
            escape(t("ruler.title", name=self.citizen_name)),
            id="ruler-title",
            classes="meeting-title",
        )
        yield Static(t("ruler.help"), id="ruler-help")
        with Horizontal(id="ruler-body"):
            with Vertical(id="ruler-left"):
                yield Static(t("ruler.goals"), classes="section-title")
                yield GoalList(id="goals")
            with VerticalScroll(id="ruler-right"):
                yield Static("", id="ruler-goal")
                yield Static("", id="ruler-chart")
                yield Static("", id="ruler-next")
        yield Footer()

    def on_mount(self) -> None:
        measures.read_ruler(self.store, self.citizen_id)  # audited; reload draws it
        self.reload()
        self.query_one(GoalList).focus()

    # --- drawing ---------------------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        """Read the goals again; keep the highlight on ``keep`` (or where it was)."""
        listing = self.query_one(GoalList)
        before = listing.highlighted
        self.goals = measures.goals(self.store, self.citizen_id, self.session.meeting_id)
        by_goal = measures.ruler_by_goal(self.store, self.citizen_id)
        listing.clear_options()
        for index, goal in enumerate(self.goals):
            readings = by_goal.get(goal, [])
            if readings:
                steps = [r.citizen_rating for r in readings]
                line = f"{sparkline(steps, RULER_MIN, RULER_MAX)}  " + t(
                    "ruler.latest", value=steps[-1]
                )
            else:
                line = f"[i]{t('ruler.not_rated')}[/i]"
            listing.add_option(Option(f"[b]{escape(mask_cpr(goal))}[/b]\n  {line}", id=str(index)))
        if not self.goals:
            listing.add_option(Option(t("ruler.no_goals"), disabled=True))
        elif keep is not None and keep in self.goals:
            listing.highlighted = self.goals.index(keep)
        elif before is not None:
            listing.highlighted = min(before, len(self.goals) - 1)
        else:
            listing.highlighted = 0
        self.show_goal()

    @property
    def goal(self) -> str | None:
        index = self.query_one(GoalList).highlighted
        if index is None or not self.goals or index >= len(self.goals):
            return None
        return self.goals[index]

    def readings(self, goal: str | None) -> list[RulerRating]:
        if goal is None:
            return []
        return measures.ruler_by_goal(self.store, self.citizen_id).get(goal, [])

    def show_goal(self) -> None:
        goal = self.goal
        readings = self.readings(goal)
        title = self.query_one("#ruler-goal", Static)
        chart = self.query_one("#ruler-chart", Static)
        title.update(f"[b]{escape(mask_cpr(goal))}[/b]" if goal else "")
        if goal is None:
            chart.update("")
        elif not readings:
            chart.update(t("ruler.no_readings"))
        else:
            rows = ruler_rows(readings, first_name(self.citizen_name))
            chart.update(f"[b]{t('ruler.over_time')}[/b]\n\n" + "\n".join(rows))
        months = measures.follow_up_months(self.store, self.citizen_id)
        when = measures.next_ruler_date(self.store, self.citizen_id)
        self.query_one("#ruler-next", Static).update(
            t("ruler.next", months=months, date=weekday_date(when))
            if when
            else t("ruler.next_months", months=months)
        )

    @on(OptionList.OptionHighlighted, "#goals")
    def _highlighted(self) -> None:
        self.show_goal()

    @on(OptionList.OptionSelected, "#goals")
    def _selected(self) -> None:
        self.action_new_reading()

    # --- actions -----------------------------------------------------------------------

    def _open_form(self, goal: str) -> None:
        if self.looking():
            return

        def save(fields: dict[str, Any]) -> RulerRating:
            return measures.rate_goal(
                self.store, self.citizen_id, meeting_id=self.session.meeting_id, **fields
            )

        def saved(rating: RulerRating | None) -> None:
            if rating is not None:
                self.notify(t("ruler.saved"))
                self.reload(keep=rating.goal)

        professional = measures.default_professional(
            self.store, self.citizen_id, goal or None, self.session.state.active
        )
        self.app.push_screen(
            RulerForm(goal, professional, first_name(self.citizen_name), save), saved
        )

    def action_new_reading(self) -> None:
        goal = self.goal
        if goal is None:
            self.action_new_goal()
            return
        self._open_form(goal)

    def action_new_goal(self) -> None:
        self._open_form("")

    def action_toggle_months(self) -> None:
        months = measures.follow_up_months(self.store, self.citizen_id)
        self.write(
            lambda: measures.set_follow_up_months(
                self.store, self.citizen_id, 6 if months == 3 else 3
            )
        )
        self.show_goal()

    def action_remove_latest(self) -> None:
        readings = self.readings(self.goal)
        if not readings:
            return
        latest = readings[-1]

        def answered(yes: bool | None) -> None:
            if yes and self.write(lambda: measures.remove_ruler_rating(self.store, latest.id)):
                self.reload(keep=latest.goal)

        question = t(
            "ruler.confirm_remove", goal=mask_cpr(latest.goal), date=long_date(latest.taken_on)
        )
        self.app.push_screen(Confirm(escape(question)), answered)

    def action_close(self) -> None:
        self.dismiss()


class RulerForm(ModalScreen[RulerRating | None]):
    """One reading: the goal, the citizen's step with "Jeg kan …", maybe a professional's.

    ``save`` stores the reading; what it refuses is shown and the form stays open."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding("ctrl+s", "save", "ruler.key_save", id="ruler.save", priority=True),
        Binding("escape", "cancel", "ruler.key_cancel", id="ruler.cancel"),
        # Enter in a field saves too (Input.Submitted); this is Enter on a step picker.
        Binding("enter", "save", "ruler.key_save", id="ruler.save_enter", show=False),
    ]

    def __init__(
        self,
        goal: str,
        professional: str,
        citizen: str,
        save: Callable[[dict[str, Any]], RulerRating],
    ) -> None:
        super().__init__()
        self.save = save
        self.goal = goal
        self.professional = professional
        self.citizen = citizen

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-card"):
            yield Static(t("ruler.form_title"), classes="form-title")
            yield Label(t("ruler.field_goal"))
            yield Field(self.goal, id="goal", max_length=300)
            yield Label(
                f"[b]{escape(t('ruler.field_step'))}[/b]  [dim]{escape(t('ruler.step_hint'))}[/dim]"
            )
            yield StepPicker(id="citizen-step")
            yield Label(t("ruler.field_statement"))
            yield Field(
                placeholder=t("ruler.statement_placeholder"), id="statement", max_length=500
            )
            yield Label(t("ruler.field_professional_step"))
            yield StepPicker(allow_none=True, id="professional-step")
            yield Label(t("ruler.field_professional"))
            yield Field(self.professional, id="professional", max_length=200)
            yield Static("", id="difference")
            yield Static(t("ruler.form_hint"), classes="hint")

    def on_mount(self) -> None:
        if self.goal:
            self.query_one("#citizen-step", StepPicker).focus()
        else:
            self.query_one("#goal", Input).focus()

    @on(StepPicker.Changed)
    def _show_difference(self) -> None:
        mine = self.query_one("#citizen-step", StepPicker).value
        theirs = self.query_one("#professional-step", StepPicker).value
        line = self.query_one("#difference", Static)
        if mine is None or theirs is None:
            line.update("")
            return
        who = " ".join(self.query_one("#professional", Input).value.split())
        who = who or t("ruler.professional")
        gap = abs(mine - theirs)
        apart = t("ruler.same_step") if gap == 0 else t("ruler.apart", n=gap)
        line.update(
            escape(f"{self.citizen} {mine} · {who} {theirs} – ") + f"[b]{escape(apart)}[/b]"
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        professional_step = self.query_one("#professional-step", StepPicker).value
        fields = {
            "goal": self.query_one("#goal", Input).value,
            "citizen_rating": self.query_one("#citizen-step", StepPicker).value,
            "statement": self.query_one("#statement", Input).value,
            "professional_rating": professional_step,
            "professional": self.query_one("#professional", Input).value
            if professional_step is not None
            else "",
        }
        try:
            rating = self.save(fields)
        except FacilitatorError as exc:  # the core's one sentence; the form stays open
            self.notify(str(exc), severity="warning")
            return
        self.dismiss(rating)

    def action_cancel(self) -> None:
        self.dismiss(None)
