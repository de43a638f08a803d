"""Siden sidst: last time's plan, one item at a time — did it happen, and what now?"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Static

from facilitator.domain.privacy import mask_cpr
from facilitator.domain.records import PlanItem
from facilitator.domain.vocabulary import PlanStatus
from facilitator.i18n import t
from facilitator.i18n.dates import long_date
from facilitator.meetings import followup, measures
from facilitator.tui.markup import escape
from facilitator.tui.screens.base import PhaseScreen
from facilitator.tui.widgets.field import Field
from facilitator.tui.widgets.measure_chart import ruler_summary

#: One key per answer to "Skete det?" (the bindings below use the same keys).
STATUS_KEYS: tuple[tuple[str, PlanStatus], ...] = (
    ("g", PlanStatus.GJORT),
    ("d", PlanStatus.DELVIST),
    ("i", PlanStatus.IKKE_GJORT),
    ("x", PlanStatus.DROPPET),
)


class ItemCard(Vertical, can_focus=True):
    """The earlier item shown large; the rating keys act on it while it has focus."""


class WhatNowField(Field):
    """ "Hvad nu?": Enter saves, Escape undoes what was typed and goes back to the item."""

    BINDINGS = [
        Binding("enter", "submit", "since.save", id="since.save"),
        Binding("escape", "screen.back", "since.undo", id="since.undo"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)


def item_details(item: PlanItem) -> str:
    """Who, with whom, by when and who follows up, in one line (a dash where nothing is set)."""
    who = t(f"who.{item.who.value}") if item.who else t("who.none")
    parts = [
        f"[b]{t('since.who')}:[/b] {escape(who)}",
        f"[b]{t('plan.with_whom')}:[/b] {escape(mask_cpr(item.with_whom)) or '–'}",
        f"[b]{t('plan.by_when')}:[/b] {escape(mask_cpr(item.by_when)) or '–'}",
        f"[b]{t('plan.follow_up')}:[/b] {escape(mask_cpr(item.follow_up)) or '–'}",
    ]
    return "   ·   ".join(parts)


class SinceScreen(PhaseScreen):
    """The plan from last time, item by item: g/d/i/x for "Skete det?", Enter for "Hvad nu?"."""

    CSS_PATH = ["base.tcss", "since.tcss"]
    # Rating the items of last time, one by one; the arrows step back as well.
    FOOTER_HIDDEN = PhaseScreen.FOOTER_HIDDEN | {"meeting.leave", "since.previous"}
    BINDINGS = [
        Binding("g", "rate('gjort')", "since.done", id="since.done"),
        Binding("d", "rate('delvist')", "since.partly", id="since.partly"),
        Binding("i", "rate('ikke_gjort')", "since.not_done", id="since.not_done"),
        Binding("x", "rate('droppet')", "since.dropped", id="since.dropped"),
        Binding("enter", "write_what_now", "since.write_what_now", id="since.what_now"),
        Binding("v", "carry_on", "since.carry_on", id="since.carry_on"),
        Binding("n,right", "step(1)", "since.next", id="since.next"),
        Binding("p,left", "step(-1)", "since.previous", id="since.previous"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items: list[PlanItem] = followup.earlier_items(self.session.store, self.meeting_id)
        self.index = followup.first_open(self.items)

    @property
    def meeting_id(self) -> int:
        return self.session.meeting_id

    def compose_body(self) -> ComposeResult:
        # Scrolls by keys (Down, PageDown, End) when the items of last time run past the wall.
        with VerticalScroll(id="since-body"):
            with Horizontal(id="since-head"):
                yield Static("", id="since-source")
                yield Static("", id="since-progress")
            with ItemCard(id="item-card"):
                yield Static(t("since.what"), classes="label")
                yield Static("", id="item-what")
                yield Static("", id="item-details")
            yield Static(t("since.happened"), classes="section-title")
            with Horizontal(id="choices"):
                for _key, status in STATUS_KEYS:
                    yield Static("", id=f"choice-{status.value}", classes="choice")
            yield Static(t("since.what_now"), classes="section-title")
            yield WhatNowField(
                placeholder=t("since.what_now_placeholder"), id="what-now", max_length=2000
            )
            yield Static("", id="carry-line")
            yield Static(t("since.overview"), classes="section-title")
            yield Static("", id="overview")
            yield Static("", id="ruler-summary")
        yield Static(t("since.none"), id="since-none")
        yield Footer(compact=True)  # many one-letter keys: the compact footer shows them all

    def on_mount(self) -> None:
        super().on_mount()
        if self.items:
            self.query_one(ItemCard).focus()

    # --- drawing ------------------------------------------------------------------

    @property
    def current(self) -> PlanItem | None:
        return self.items[self.index] if self.items else None

    def reload_items(self) -> None:
        self.items = followup.earlier_items(self.session.store, self.meeting_id)
        self.index = min(self.index, max(len(self.items) - 1, 0))

    def refresh_body(self) -> None:
        store = self.session.store
        by_goal = measures.ruler_by_goal(store, self.session.info.citizen_id)
        self.query_one("#ruler-summary", Static).update(ruler_summary(by_goal))
        has_items = bool(self.items)
        self.query_one("#since-body").display = has_items
        self.query_one("#since-none").display = not has_items
        item = self.current
        if item is None:
            return
        previous = followup.earlier_meeting(self.session.store, self.meeting_id)
        source = ""
        if previous is not None:
            source = t("since.from_meeting", date=long_date(previous.date))
        self.query_one("#since-source", Static).update(source)
        self.query_one("#since-progress", Static).update(
            t("since.progress", n=self.index + 1, total=len(self.items))
        )
        self.query_one("#item-what", Static).update(escape(mask_cpr(item.what)))
        self.query_one("#item-details", Static).update(item_details(item))
        for key, status in STATUS_KEYS:
            choice = self.query_one(f"#choice-{status.value}", Static)
            chosen = item.status is status
            mark = "✓ " if chosen else ""
            choice.update(f"[b]{key}[/b]  {mark}{t(f'since.status.{status.value}')}")
            choice.set_class(chosen, "chosen")
        field = self.query_one("#what-now", Input)
        if not field.has_focus:
            field.value = item.review
        carried = followup.carried_ids(self.session.store, self.meeting_id)
        line = self.query_one("#carry-line", Static)
        line.update(t("since.carried") if item.id in carried else t("since.not_carried"))
        line.set_class(item.id in carried, "carried")
        self.query_one("#overview", Static).update(self._overview(carried))

    def _overview(self, carried: set[int]) -> str:
        lines = []
        for number, item in enumerate(self.items, start=1):
            marker = "▶" if number - 1 == self.index else " "
            status = t(f"since.status.{item.status.value}")
            line = f"{marker} {number}. {escape(mask_cpr(item.what))} — [b]{status}[/b]"
            if item.review:
                line += f" · {t('since.what_now')} {escape(mask_cpr(item.review))}"
            if item.id in carried:
                line += f" · ✓ {t('since.carried_short')}"
            lines.append(line)
        return "\n".join(lines)

    # --- actions ------------------------------------------------------------------

    def _record(self, status: str | None = None, what_now: str | None = None) -> None:
        item = self.current
        if item is None:
            return
        store = self.session.store
        ok = self.attempt(
            lambda: followup.review(store, self.meeting_id, item.id, status, what_now)
        )
        self.reload_items()
        if not self.is_attached:
            return
        self.refresh_body()
        saved = self.current
        # A refused "Hvad nu?" stays in the field as typed, for another Enter.
        if ok and what_now is not None and saved is not None:
            self.query_one("#what-now", Input).value = saved.review

    def action_rate(self, status: str) -> None:
        self._record(status=status)

    def action_write_what_now(self) -> None:
        if self.current is not None:
            self.query_one("#what-now", Input).focus()

    def action_carry_on(self) -> None:
        item = self.current
        if item is None:
            return
        store = self.session.store
        self.attempt(lambda: followup.carry_on(store, self.meeting_id, item.id))
        self.refresh_body()

    def action_step(self, delta: int) -> None:
        if not self.items:
            return
        self.index = max(0, min(len(self.items) - 1, self.index + delta))
        self.refresh_body()

    def action_back(self) -> None:
        """Leave the "Hvad nu?" field without saving what was typed."""
        field = self.query_one("#what-now", Input)
        if field.has_focus and self.current is not None:
            field.value = self.current.review
            self.query_one(ItemCard).focus()

    def _keep_typed(self) -> None:
        """Save the "Hvad nu?" field before the screen goes (a blur does not come then)."""
        item = self.current
        field = self.query_one("#what-now", Input)
        if item is not None and " ".join(field.value.split()) != item.review:
            self._record(what_now=field.value)

    def action_leave(self) -> None:
        self._keep_typed()
        super().action_leave()

    def action_next_phase(self) -> None:
        self._keep_typed()
        super().action_next_phase()

    def action_previous_phase(self) -> None:
        self._keep_typed()
        super().action_previous_phase()

    @on(Input.Submitted, "#what-now")
    def _what_now_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._record(what_now=event.value)
        self.query_one(ItemCard).focus()

    @on(Input.Blurred, "#what-now")
    def _what_now_left(self, event: Input.Blurred) -> None:
        """Nothing typed stays unsaved: leaving the field keeps what is written."""
        item = self.current
        if item is not None and " ".join(event.value.split()) != item.review:
            self._record(what_now=event.value)
