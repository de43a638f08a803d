"""Muligheder og plan: ideas with their why beside the plan the citizen agrees to."""

from __future__ import annotations

from typing import Any, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Static

from facilitator.directory import suggestions
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.privacy import mask_cpr
from facilitator.domain.records import PlanItem
from facilitator.domain.vocabulary import PlanSection
from facilitator.i18n import t, tn
from facilitator.meetings import measures, plan
from facilitator.tui.markup import cell, escape
from facilitator.tui.screens.base import PhaseScreen
from facilitator.tui.screens.note_corrections import NoteCorrections
from facilitator.tui.widgets.confirm import Confirm
from facilitator.tui.widgets.measure_chart import ruler_summary
from facilitator.tui.widgets.note_field import NoteField
from facilitator.tui.widgets.plan_form import PlanItemForm
from facilitator.tui.widgets.suggestion_list import SuggestionList

#: The who-and-when column never takes more than this share of the grid: the what-column,
#: the citizen's words, gets the rest.
DETAILS_SHARE = 0.45


def column_widths(room: int, headers: list[str], rows: list[list[str | Text]]) -> list[int]:
    """Widths of #, what and who-and-when in ``room`` cells: who-and-when as wide as its
    longest line (at most DETAILS_SHARE of the room, then it wraps), the what-column all
    the rest, so the citizen's words wrap instead of being cut."""
    number = max([1, *(len(str(row[0])) for row in rows)])
    lines = [line for row in rows for line in str(row[2]).splitlines()]
    longest = max(len(line) for line in [headers[2], *lines])
    details = max(12, min(longest, int(room * DETAILS_SHARE)))
    return [number, max(12, room - number - details), details]


def details(item: PlanItem) -> Text:
    """Who, with whom, when, who follows up and a needed decision: one line each."""
    who = t(f"who.short.{item.who.value if item.who else 'none'}")
    lines = [f"{who} – {item.with_whom}" if item.with_whom else who]
    lines.append(f"{t('plan.by_when')}: {item.by_when or '–'}")
    lines.append(f"{t('plan.follow_up')}: {item.follow_up or t('plan.missing')}")
    if item.needs_decision:
        lines.append(t("plan.decision_yes"))
    return cell("\n".join(lines))


class PlanGrid(DataTable[str | Text]):
    """The plan: what, who, with whom, when, who follows up, needs a decision."""

    BINDINGS = [
        Binding("n", "new_item('plan')", "plan.new_item", id="plan.new_item"),
        Binding("e,enter", "edit_item", "plan.edit_item", id="plan.edit_item"),
        Binding("d,delete", "delete_item", "plan.delete_item", id="plan.delete_item"),
        Binding("i", "new_item('ikke_muligt')", "plan.new_not_possible", id="plan.not_possible"),
        Binding("p", "new_item('parkering')", "plan.new_parked", id="plan.parked"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        # Three columns, so the citizen's words are never cut at 100 columns: who does it,
        # with whom, when, who follows up and a needed decision share one wrapped cell.
        self.headers = ["#", t("plan.col_what"), t("plan.col_details")]
        self.add_columns(*self.headers)

    def show_rows(self, rows: list[list[str | Text]], keys: list[str]) -> None:
        """Fill the grid: columns sized to their text and the width, long words wrapped."""
        cursor = self.cursor_row
        # Scrollbar and the cells' padding (one column each side) are not room for text.
        room = self.size.width - 2 - 2 * self.cell_padding * len(self.headers)
        self.clear(columns=True)
        widths = column_widths(room, self.headers, rows) if room > 0 else None
        for i, header in enumerate(self.headers):
            self.add_column(header, width=widths[i] if widths else None)
        for row, key in zip(rows, keys, strict=True):
            self.add_row(*row, key=key, height=None)  # None: as many lines as the text needs
        if rows:
            self.move_cursor(row=min(cursor, len(rows) - 1))

    def on_resize(self) -> None:
        if self.is_attached and isinstance(self.screen, PlanScreen):
            self.plan_screen.draw_plan_grid()

    @property
    def plan_screen(self) -> PlanScreen:
        """The plan screen the grid sits on (it makes and edits the items)."""
        return cast("PlanScreen", self.screen)

    def action_new_item(self, section: str) -> None:
        self.plan_screen.new_item(PlanSection(section))

    def action_edit_item(self) -> None:
        self.plan_screen.edit_item()

    def action_delete_item(self) -> None:
        self.plan_screen.delete_item()


class PlanScreen(NoteCorrections, PhaseScreen):
    """The plan phase: suggestions are shown from here on, as ideas, never as agreements."""

    CSS_PATH = ["base.tcss", "plan.tcss"]
    # In the plan: rating ideas, writing items, approving, the draft and the next phase.
    FOOTER_HIDDEN = PhaseScreen.FOOTER_HIDDEN | {
        "meeting.leave",
        "meeting.advance",
        "meeting.pass",
        "plan.toggle_suggestions",
        "plan.refresh_suggestions",
        "plan.not_possible",
        "plan.parked",
        "note.same_kind",
        "note.cancel",
        # The ideas' status line says "v viser dem" when any are hidden; v is in the palette.
        "suggestions.declined",
    }
    BINDINGS = [
        Binding("f2,ctrl+n", "advance", "meeting.advance", id="meeting.advance", priority=True),
        Binding("ctrl+g", "review_plan", "review.open", id="plan.review", priority=True),
        Binding("f3,ctrl+o", "pass_turn", "meeting.pass", id="meeting.pass", priority=True),
        Binding(
            "f5",
            "toggle_suggestions",
            "plan.toggle_suggestions",
            id="plan.toggle_suggestions",
            priority=True,
        ),
        Binding(
            "f8",
            "refresh_suggestions",
            "plan.refresh_suggestions",
            id="plan.refresh_suggestions",
            priority=True,
        ),
        Binding("f12", "assist", "assist.open", id="assist.open", priority=True),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row_items: list[PlanItem] = []

    def compose_body(self) -> ComposeResult:
        yield Static("", id="speaker-line")
        with Horizontal(id="plan-body"):
            with Vertical(id="suggestions-column"):
                yield Static(t("suggestions.title"), classes="section-title")
                yield Static("", id="suggestions-status")
                yield SuggestionList(id="suggestions")
            with Vertical(id="plan-column"):
                yield Static(t("plan.we_do"), classes="section-title")
                yield PlanGrid(id="plan-grid")
                yield VerticalScroll(Static("", id="other-lists"), id="other-box")
                yield Static("", id="ruler-summary")
        yield self.note_field()
        yield Footer(compact=True)  # ratings, items and the phase keys: all on one line

    def on_mount(self) -> None:
        # PhaseScreen.on_mount runs too (Textual calls each class's handler): it draws the view.
        self.query_one(SuggestionList).focus()
        self.fapp.request_suggestions(self.session.meeting_id)

    # --- drawing ---------------------------------------------------------------------

    def refresh_body(self) -> None:
        state = self.session.state
        speaker = state.current_speaker
        if speaker is not None:
            following = state.next_speaker
            line = t(
                "plan.speaker_line",
                name=escape(speaker.name),
                next=escape(following.name) if following else "–",
            )
        else:
            line = escape(t("meeting.press_to_start"))
        self.query_one("#speaker-line", Static).update(line)
        self.query_one(NoteField).display = speaker is not None
        by_goal = measures.ruler_by_goal(self.session.store, self.session.info.citizen_id)
        self.query_one("#ruler-summary", Static).update(ruler_summary(by_goal))
        self._draw_plan()
        self.suggestions_updated()

    def draw_plan_grid(self) -> None:
        """The plan items in the grid, sized to the grid's width (again after a resize)."""
        rows: list[list[str | Text]] = [
            [str(i), cell(mask_cpr(item.what)), details(item)]
            for i, item in enumerate(self.row_items, 1)
        ]
        self.query_one(PlanGrid).show_rows(rows, [str(item.id) for item in self.row_items])

    def _draw_plan(self) -> None:
        store, mid = self.session.store, self.session.meeting_id
        self.row_items = plan.plan_items(store, mid, PlanSection.PLAN)
        self.draw_plan_grid()
        lines = [f"[b]{t('plan.not_possible')}[/b]"]
        not_possible = plan.plan_items(store, mid, PlanSection.IKKE_MULIGT)
        if not not_possible:
            lines.append(f"  {t('plan.nothing_here')}")
        for item in not_possible:
            lines.append(f"• {escape(mask_cpr(item.what))}")
            lines.append(f"    {t('plan.because')}: {escape(item.reason or '–')}")
            lines.append(f"    {t('plan.other_ways')}: {escape(item.other_ways or '–')}")
        lines += ["", f"[b]{t('plan.parked')}[/b]"]
        parked = plan.plan_items(store, mid, PlanSection.PARKERING)
        lines += [f"• {escape(mask_cpr(i.what))}" for i in parked] or [
            f"  {t('plan.nothing_here')}"
        ]
        self.query_one("#other-lists", Static).update("\n".join(lines))

    def suggestions_updated(self) -> None:
        """Show the latest ranking the app computed for this meeting (called by the app)."""
        app = self.fapp
        status = self.query_one("#suggestions-status", Static)
        ranked = app.ranked.get(self.session.meeting_id)
        if app.index_status != "ready":
            status.update(t(f"suggestions.status.{app.index_status}"))
        elif ranked is None:
            status.update(t("suggestions.status.working"))
        elif not ranked:
            status.update(t("suggestions.status.no_notes"))
        else:
            status.update(self._ideas_status())
        pane = self.query_one(SuggestionList)
        shown = suggestions.shown(
            self.session.store,
            self.session.meeting_id,
            ranked or [],
            show_declined=pane.show_declined,
        )
        pane.show(shown, self.now().date())

    def _ideas_status(self) -> str:
        """Ideas, not agreements; and how many "ikke for mig" are hidden, or that they show."""
        text = t("suggestions.ideas_not_agreements")
        declined = suggestions.declined_here(self.session.store, self.session.meeting_id)
        if not declined:
            return text
        if self.query_one(SuggestionList).show_declined:
            return f"{text}\n{t('suggestions.declined_shown')}"
        return f"{text}\n{tn('suggestions.declined_hidden', declined)}"

    # --- suggestions ------------------------------------------------------------------

    @on(SuggestionList.Rated)
    def _rated(self, event: SuggestionList.Rated) -> None:
        self.attempt(
            lambda: suggestions.rate(self.session.store, event.suggestion_id, event.rating)
        )
        self.suggestions_updated()

    @on(SuggestionList.DeclinedToggled)
    def _declined_toggled(self, _event: SuggestionList.DeclinedToggled) -> None:
        self.suggestions_updated()

    @on(SuggestionList.Accepted)
    def _accepted(self, event: SuggestionList.Accepted) -> None:
        try:
            suggestions.accept(self.session.store, event.suggestion_id)
        except FacilitatorError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.notify(t("suggestion.added_to_plan"))
        self.refresh_body()

    def action_toggle_suggestions(self) -> None:
        column = self.query_one("#suggestions-column")
        column.display = not column.display

    def action_refresh_suggestions(self) -> None:
        self.fapp.request_suggestions(self.session.meeting_id)

    def action_assist(self) -> None:
        """Drafts for the leader (F12): the chosen plan item is the one easy-read rewrites."""
        from facilitator.tui.screens.assist import open_assist

        item = self._selected()
        open_assist(self, self.session, item.id if item else None)

    # --- plan items --------------------------------------------------------------------

    def _selected(self) -> PlanItem | None:
        grid = self.query_one(PlanGrid)
        if not self.row_items or grid.cursor_row < 0:
            return None
        return self.row_items[min(grid.cursor_row, len(self.row_items) - 1)]

    def new_item(self, section: PlanSection) -> None:
        if self.looking():
            return

        def save(fields: dict[str, Any]) -> None:
            what = str(fields.pop("what"))
            plan.add_plan_item(self.session.store, self.session.meeting_id, what, **fields)

        # The form saves and closes once stored; a refusal keeps it open with the text.
        self.app.push_screen(PlanItemForm(section, save=save), lambda _: self.refresh_body())

    def edit_item(self) -> None:
        item = self._selected()
        if item is None or self.looking():
            return

        def save(fields: dict[str, Any]) -> None:
            fields.pop("section", None)
            plan.update_plan_item(self.session.store, item.id, **fields)

        self.app.push_screen(
            PlanItemForm(item.section, item, save=save), lambda _: self.refresh_body()
        )

    def delete_item(self) -> None:
        item = self._selected()
        if item is None or self.looking():
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.attempt(lambda: plan.delete_plan_item(self.session.store, item.id))
                self.refresh_body()

        self.app.push_screen(Confirm(t("plan.confirm_delete", what=escape(item.what))), answered)

    # --- turns continue in this phase ------------------------------------------------------

    @on(NoteField.Tagged)
    def _save_note(self, event: NoteField.Tagged) -> None:
        if not self.attempt(lambda: self.session.add_note(event.kind, event.text)):
            return
        self.fapp.note_committed(event.pressed_at)
        self.query_one(NoteField).clear()
        self.refresh_view()
        self.fapp.note_saved(self.session)
