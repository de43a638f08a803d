"""Home: citizens and their meetings; continue one, or start the next."""

from __future__ import annotations

import shlex

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from facilitator.domain.errors import FacilitatorError
from facilitator.i18n import t
from facilitator.i18n.dates import short_date
from facilitator.meetings import people, register
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.access import AppAccess
from facilitator.tui.bindings import Screen
from facilitator.tui.markup import cell, escape


class HomeScreen(AppAccess, Screen[None]):
    """Every citizen's meetings, newest first."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("enter", "open_meeting", "home.open", id="home.open"),
        Binding("n", "new_meeting", "home.new_meeting", id="home.new_meeting"),
        Binding("c", "new_citizen", "home.new_citizen", id="home.new_citizen"),
        Binding("p", "open_plan", "home.open_plan", id="home.open_plan"),
        Binding("f10,q", "app.quit", "common.quit", id="app.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        yield Static(t("home.title"), id="home-title")
        yield Static(t("home.help"), id="home-help")
        yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(
            t("home.col_citizen"), t("home.col_date"), t("home.col_title"), t("home.col_status")
        )
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        store = self.fapp.store
        table = self.query_one(DataTable)
        table.clear()
        names = {c.id: c.name for c in people.list_citizens(store)}
        for m in reversed(register.list_meetings(store)):
            status = t(f"status.{m.status}")
            if m.status == "i_gang":
                status += f" · {t(f'phase.{m.phase.value}')}"
            table.add_row(
                cell(names.get(m.citizen_id, "")),
                short_date(m.date),
                cell(m.title),
                status,
                key=str(m.id),
            )
        self._show_demo_hint(store)

    def _show_demo_hint(self, store: Store) -> None:
        """An empty home beside a `make demo` home says how to reach the demo (core rule)."""
        found = people.demo_elsewhere(store)
        text = t("home.help")
        if found is not None:
            hint = t("demo.elsewhere", path=found, quoted=shlex.quote(str(found)))
            text += "\n" + escape(hint)
        self.query_one("#home-help", Static).update(text)

    def _selected_meeting(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(str(key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_meeting()

    def action_open_meeting(self) -> None:
        meeting_id = self._selected_meeting()
        if meeting_id is not None:
            self.fapp.open_meeting(meeting_id)

    def action_open_plan(self) -> None:
        """Read the selected meeting's plan as the citizen gets it."""
        from facilitator.tui.screens.plan_view import PlanViewScreen

        meeting_id = self._selected_meeting()
        if meeting_id is not None:
            self.fapp.push_screen(PlanViewScreen(self.fapp.store, meeting_id))

    def action_new_citizen(self) -> None:
        """A new citizen and their first meeting, opened in Forberedelse."""
        from facilitator.tui.screens.citizen_form import CitizenForm

        def created(answer: tuple[str, int | None] | None) -> None:
            if answer is None:
                return
            store = self.fapp.store
            try:
                citizen = people.add_citizen(store, answer[0], answer[1])
                meeting = register.add_meeting(store, citizen.id)
            except FacilitatorError as exc:  # the disk refused it
                self.notify(str(exc), severity="warning")
                return
            self.fapp.open_meeting(meeting.id)

        self.app.push_screen(CitizenForm(), created)

    def action_new_meeting(self) -> None:
        """The citizen's next meeting, with the same circle invited."""
        meeting_id = self._selected_meeting()
        if meeting_id is None:
            return
        store = self.fapp.store
        previous = register.get_meeting(store, meeting_id)
        try:  # refused while another app leads the citizen's meeting, or by the disk
            meeting = register.add_meeting(store, previous.citizen_id)
            session = MeetingSession(store, meeting.id)
            for p in people.participants(store, previous.id, include_removed=False):
                if not p.is_citizen:
                    session.add_participant(p.name, p.kind, p.relation, p.department)
        except FacilitatorError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.fapp.open_meeting(meeting.id)
