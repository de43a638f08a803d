"""Forberedelse: whom the citizen invites, what they want to talk about, who may see what.

Everything is done with keys shown in the footer: F2 invites, Delete removes, Ctrl+↑/↓ moves
someone in the speaking order, F3 writes a topic, F4 edits the "Mig" card, F5 puts it on the
wall, F8 says yes or no to WHO-5, Space says yes or no to a consent. Tab moves between the
sections; F7 goes on to Velkomst.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.assist import client
from facilitator.assist.fields import MODEL_SCOPES
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.meeting import Participant
from facilitator.domain.records import Consent, MigCard
from facilitator.domain.vocabulary import ParticipantKind
from facilitator.i18n import current_language, t
from facilitator.i18n.dates import long_date
from facilitator.meetings import consent, measures, people
from facilitator.storage import settings
from facilitator.tui.markup import cell, escape
from facilitator.tui.screens.base import PhaseScreen
from facilitator.tui.screens.prepare_forms import (
    CSS,
    MIG_FIELDS,
    ConfirmRemove,
    InviteForm,
    MigForm,
)

#: The scopes the citizen is asked about here, in the order shown.
ASKED_SCOPES = ("mig_card", "plan", "topics", "measures", "contact")
#: A language model takes part in no plan item: it is asked about notes and the whole plan.
ASKED_SCOPES_BY_KIND = {"sprogmodel": MODEL_SCOPES}

Recipient = tuple[str, str, str]  # recipient_kind, recipient, label
#: Participants asked about by name; a professional is asked about by department.
RECIPIENT_KIND = {
    ParticipantKind.MEDBORGERGUIDE: "medborgerguide",
    ParticipantKind.FRIVILLIG: "forening",
}
KIND_LABEL = {
    "medborgerguide": "kind.medborgerguide",
    "forening": "kind.frivillig",
    "afdeling": "consent.kind_afdeling",
    "ven": "entry.friend",
    "sprogmodel": "consent.kind_sprogmodel",
}


def box(on_: bool, text: str, state: str) -> str:
    """A yes/no line told in text, never by colour alone: "[x] Må se … · ja"."""
    return escape(f"[{'x' if on_ else ' '}] {text}") + f"  [dim]· {escape(state)}[/dim]"


# --- the sections ------------------------------------------------------------------


class ParticipantTable(DataTable[str]):
    """The invitation list in speaking order, with a row cursor."""

    BINDINGS = [
        Binding(
            "delete,backspace",
            "screen.remove_participant",
            "prep.remove_participant",
            id="prep.remove_participant",
        ),
        Binding("ctrl+up,alt+up", "screen.move(-1)", "prep.move_up", id="prep.move_up"),
        Binding("ctrl+down,alt+down", "screen.move(1)", "prep.move_down", id="prep.move_down"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]


class _Translated:
    """Translate the catalog keys in a widget's binding descriptions when it is made."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)


class TopicList(_Translated, OptionList):
    """Det vil jeg gerne tale om."""

    BINDINGS = [
        Binding(
            "delete,backspace", "screen.remove_topic", "prep.remove_topic", id="prep.remove_topic"
        ),
    ]


class ConsentList(_Translated, OptionList):
    """One yes/no line per recipient and scope; Space or Enter toggles."""

    BINDINGS = [Binding("space", "select", "consent.toggle", id="prep.toggle_consent")]


class MigCardView(_Translated, Static, can_focus=True):
    """The "Mig" card as the room sees it; Enter edits, Space puts it on the wall or not."""

    BINDINGS = [
        Binding("enter", "screen.edit_mig", "prep.edit_mig", id="prep.edit_mig_here", show=False),
        Binding("space", "screen.toggle_wall", "prep.toggle_wall", id="prep.toggle_wall_here"),
    ]


class Who5OptIn(_Translated, Static, can_focus=True):
    """The citizen's yes or no to WHO-5; Space changes it."""

    BINDINGS = [
        Binding("space,enter", "screen.toggle_who5", "who5.toggle_opt_in", id="prep.who5_here"),
    ]


# --- the screen --------------------------------------------------------------------


class PrepareScreen(PhaseScreen):
    """The forberedelse phase: the citizen's invitation list, topics, consents and Mig card."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding(
            "f2",
            "add_participant",
            "prep.add_participant",
            id="prep.add_participant",
            priority=True,
        ),
        Binding("f3", "new_topic", "prep.new_topic", id="prep.new_topic", priority=True),
        Binding("f4", "edit_mig", "prep.edit_mig", id="prep.edit_mig", priority=True),
        # shown in the footer as Space on the card itself, to leave room on the wall
        Binding(
            "f5",
            "toggle_wall",
            "prep.toggle_wall",
            id="prep.toggle_wall",
            priority=True,
            show=False,
        ),
        Binding(
            "f8",
            "toggle_who5",
            "who5.toggle_opt_in",
            id="prep.toggle_who5",
            priority=True,
            show=False,
        ),
    ]

    def compose_body(self) -> ComposeResult:
        with Vertical(id="prep-top"):
            yield Static(
                f"[b]{escape(t('prep.invited'))}[/b]   [dim]{escape(t('prep.order_hint'))}[/dim]",
                classes="section-title",
            )
            yield ParticipantTable(id="participants")
            yield Static("", id="balance-counts")
            yield Static("", id="balance-hint")
        with Horizontal(id="prep-body"):
            with VerticalScroll(id="prep-left"):
                yield Static(t("prep.topics"), classes="section-title")
                yield TopicList(id="topics")
                yield Input(
                    placeholder=t("prep.topic_placeholder"),
                    id="topic-input",
                    max_length=people.MAX_TEXT,
                )
                yield Static(t("plan.mig"), classes="section-title")
                yield MigCardView("", id="mig-card")
                yield Static(t("who5.opt_in_section"), classes="section-title")
                yield Who5OptIn("", id="who5-opt-in")
            with Vertical(id="prep-right"):
                yield Static(t("consent.title"), classes="section-title")
                yield ConsentList(id="consents")
                yield Static(t("consent.never_condition"), id="consent-promise")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(ParticipantTable)
        for key in ("col_order", "col_name", "col_relation", "col_kind", "col_department"):
            table.add_column(t(f"prep.{key}"), key=key)
        table.focus()  # PhaseScreen.on_mount runs after this one and draws the rows

    # --- drawing ---------------------------------------------------------------------

    @property
    def citizen_id(self) -> int:
        return self.session.info.citizen_id

    def department_names(self) -> dict[str, str]:
        return people.department_names(self.session.store, current_language())

    def department_id(self, typed: str) -> str:
        """A known department by id or name, else the words as typed."""
        wanted = " ".join(typed.split()).casefold()
        for r in self.session.store.rows("SELECT id, name, name_en FROM departments"):
            if wanted in (r["id"].casefold(), r["name"].casefold(), r["name_en"].casefold()):
                return str(r["id"])
        return " ".join(typed.split())

    def refresh_body(self) -> None:
        state = self.session.state
        names = self.department_names()
        table = self.query_one(ParticipantTable)
        row = table.cursor_row
        table.clear()
        for i, p in enumerate(state.active, start=1):
            table.add_row(
                f"{i}.",
                cell(p.name),
                cell(p.relation),
                t(f"kind.{p.kind.value}"),
                cell(names.get(p.department, p.department)),
                key=str(p.id),
            )
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self.query_one("#balance-counts", Static).update(
            t("prep.balance_counts", own=state.own_network_count(), pros=state.professional_count())
        )
        hint = self.query_one("#balance-hint", Static)
        hint.update("⚠ " + t("prep.balance_hint"))
        hint.display = state.needs_balance_hint()
        self._refresh_topics()
        self._refresh_mig()
        self._refresh_who5()
        self._refresh_consents(names)

    def _refresh_topics(self) -> None:
        topics = self.query_one(TopicList)
        index = topics.highlighted
        topics.clear_options()
        found = people.topics(self.session.store, self.session.meeting_id)
        topics.add_options(Option(f"• {escape(tp.text)}", id=str(tp.id)) for tp in found)
        if not found:
            topics.add_option(Option(t("prep.no_topics"), disabled=True))
        elif index is not None:
            topics.highlighted = min(index, len(found) - 1)

    def _refresh_mig(self) -> None:
        card = people.get_mig_card(self.session.store, self.citizen_id)
        lines = [
            f"[b]{t(key)}:[/b] {escape(getattr(card, field))}"
            for field, key in MIG_FIELDS
            if getattr(card, field)
        ] or [t("prep.mig_empty")]
        lines.append("")
        lines.append(escape(f"[{'x' if card.show_on_wall else ' '}] {t('prep.wall')}"))
        self.query_one(MigCardView).update("\n".join(lines))

    def _refresh_who5(self) -> None:
        yes = measures.who5_opted_in(self.session.store, self.citizen_id)
        text = box(yes, t("who5.opt_in"), t("who5.yes") if yes else t("consent.no"))
        if yes:
            text += f"\n[dim]{escape(t('who5.key_hint'))}[/dim]"
        self.query_one(Who5OptIn).update(text)

    def recipients(self, names: dict[str, str], given: list[Consent]) -> list[Recipient]:
        """Whom the citizen is asked about: peer guides, volunteers, professionals' departments,
        and anyone else who still holds a consent, so it can always be seen and withdrawn."""
        wanted: list[tuple[str, str]] = []
        for p in self.session.state.active:
            if p.kind in RECIPIENT_KIND:
                wanted.append((RECIPIENT_KIND[p.kind], p.name))
        wanted += [
            ("afdeling", p.department)
            for p in self.session.state.active
            if p.is_professional and p.department
        ]
        model = self.model_recipient()
        if model is not None:
            wanted.append(("sprogmodel", model))
        wanted += [(c.recipient_kind, c.recipient) for c in given]
        found: list[Recipient] = []
        seen: set[tuple[str, str]] = set()
        for kind, recipient in wanted:
            key = (kind, consent.normalise_recipient(recipient))
            if key not in seen:
                seen.add(key)
                label = (
                    client.recipient_label(recipient)
                    if kind == "sprogmodel"
                    else f"{names.get(recipient, recipient)} – {t(KIND_LABEL[kind])}"
                )
                found.append((kind, recipient, label))
        return found

    def model_recipient(self) -> str | None:
        """The language model set up in settings.toml, asked about like any recipient."""
        try:
            return client.consent_recipient(settings.load().llm)
        except FacilitatorError:
            return None

    def _refresh_consents(self, names: dict[str, str]) -> None:
        view = self.query_one(ConsentList)
        index = view.highlighted
        view.clear_options()
        given = consent.active(self.session.store, self.citizen_id)
        recipients = self.recipients(names, given)
        for kind, recipient, label in recipients:
            view.add_option(Option(f"[b]{escape(label)}[/b]", disabled=True))
            for scope in ASKED_SCOPES_BY_KIND.get(kind, ASKED_SCOPES):
                held = consent.find_active(given, kind, recipient, scope)
                state = (
                    t("consent.yes_since", date=long_date(held.granted_at))
                    if held
                    else t("consent.no")
                )
                scope_label = t(f"consent.scope_{scope.replace(':', '_')}")
                text = box(held is not None, scope_label, state)
                view.add_option(Option("  " + text, id=f"{kind}|{recipient}|{scope}"))
        if not recipients:
            view.add_option(Option(t("consent.nobody"), disabled=True))
        if index is not None and index < view.option_count:
            view.highlighted = index
        elif recipients:
            view.highlighted = 1

    # --- participants -------------------------------------------------------------

    def highlighted_participant(self) -> Participant | None:
        table = self.query_one(ParticipantTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.session.state.participant(int(key)) if key else None

    def action_add_participant(self) -> None:
        def save(name: str, relation: str, kind: ParticipantKind, department: str) -> None:
            dep = self.department_id(department) if department.strip() else ""
            added = self.session.add_participant(name, kind, relation, dep)
            self.refresh_view()
            table = self.query_one(ParticipantTable)
            table.move_cursor(row=table.get_row_index(str(added.id)))

        self.app.push_screen(InviteForm(save))

    def action_remove_participant(self) -> None:
        who = self.highlighted_participant()
        if who is None:
            return
        if who.is_citizen:  # the session refuses, with the reason
            self.run_action(lambda: self.session.remove_participant(who.id))
            return

        def answered(yes: bool | None) -> None:
            if yes and self.run_action(lambda: self.session.remove_participant(who.id)):
                self.refresh_view()

        self.app.push_screen(ConfirmRemove(who.name), answered)

    def action_move(self, delta: int) -> None:
        who = self.highlighted_participant()
        if who is None:
            return
        if self.run_action(lambda: self.session.move_participant(who.id, delta)):
            self.refresh_view()
            table = self.query_one(ParticipantTable)
            table.move_cursor(row=table.get_row_index(str(who.id)))

    # --- topics ----------------------------------------------------------------------

    def action_new_topic(self) -> None:
        self.query_one("#topic-input", Input).focus()

    @on(Input.Submitted, "#topic-input")
    def _add_topic(self, event: Input.Submitted) -> None:
        field = event.input
        added = self.run_action(
            lambda: people.add_topic(self.session.store, self.session.meeting_id, field.value)
        )
        if added:
            field.value = ""
            self._refresh_topics()
            topics = self.query_one(TopicList)
            topics.highlighted = topics.option_count - 1

    def action_remove_topic(self) -> None:
        topics = self.query_one(TopicList)
        if topics.highlighted is None:
            return
        option = topics.get_option_at_index(topics.highlighted)
        if option.id is not None:
            people.remove_topic(self.session.store, int(option.id))
            self._refresh_topics()

    # --- Mig card ----------------------------------------------------------------------

    def action_edit_mig(self) -> None:
        def save(card: MigCard) -> None:
            people.save_mig_card(self.session.store, card)
            self._refresh_mig()

        card = people.get_mig_card(self.session.store, self.citizen_id)
        self.app.push_screen(MigForm(card, save))

    def action_toggle_wall(self) -> None:
        card = people.get_mig_card(self.session.store, self.citizen_id)
        people.save_mig_card(self.session.store, replace(card, show_on_wall=not card.show_on_wall))
        self._refresh_mig()

    # --- WHO-5 ----------------------------------------------------------------------------

    def action_toggle_who5(self) -> None:
        store = self.session.store
        measures.set_who5_opt_in(
            store, self.citizen_id, not measures.who5_opted_in(store, self.citizen_id)
        )
        self._refresh_who5()

    # --- consents ----------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#consents")
    def _toggle_consent(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        kind, recipient, scope = event.option.id.split("|")
        store = self.session.store
        held = consent.find_active(consent.active(store, self.citizen_id), kind, recipient, scope)
        self.run_action(
            lambda: consent.set_consent(
                store, self.citizen_id, kind, recipient, scope, held is None
            )
        )
        self._refresh_consents(self.department_names())
