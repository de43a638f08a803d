"""Forberedelse: whom the citizen invites, what they want to talk about, who may see what.

Everything is done with keys shown in the footer: F2 invites, R corrects, Delete removes,
Ctrl+↑/↓ moves someone in the speaking order, F3 writes a topic, F4 edits the "Mig" card, F5
puts it on the wall, F8 says yes or no to WHO-5, Space says yes or no to a consent. Tab moves
between the sections; F7 goes on to Velkomst.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.assist import client
from facilitator.assist.fields import MODEL_SCOPES
from facilitator.directory import departments
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.meeting import Participant
from facilitator.domain.records import MigCard
from facilitator.domain.vocabulary import ParticipantKind, RecipientKind
from facilitator.i18n import current_language, t, tn
from facilitator.i18n.dates import long_date
from facilitator.meetings import consent, consent_questions, people, register, wellbeing
from facilitator.meetings.consent_questions import RecipientQuestions
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
from facilitator.tui.widgets.field import Field

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


class ParticipantTable(DataTable[str | Text]):
    """The invitation list in speaking order, with a row cursor."""

    BINDINGS = [
        Binding(
            "delete,backspace",
            "screen.remove_participant",
            "prep.remove_participant",
            id="prep.remove_participant",
        ),
        Binding(
            "r", "screen.edit_participant", "prep.edit_participant", id="prep.edit_participant"
        ),
        Binding("ctrl+up,alt+up", "screen.move(-1)", "prep.move_up", id="prep.move_up"),
        Binding("ctrl+down,alt+down", "screen.move(1)", "prep.move_down", id="prep.move_down"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)


class _Translated:
    """Translate the catalog keys in a widget's binding descriptions when it is made."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
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
    # Inviting, topics and the Mig card; F10 (to the overview) is in the palette.
    FOOTER_HIDDEN = PhaseScreen.FOOTER_HIDDEN | {"meeting.leave"}
    #: The consent lines shown, by option id: (kind, recipient, scope). A name may hold any
    #: character, so an option id never carries it.
    consent_lines: dict[str, tuple[RecipientKind, str, str]]
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
        # In the palette ("Samtykker"): the consents are one Tab away, but not by name.
        Binding("ctrl+k", "focus_consents", "prep.consents", id="prep.consents", show=False),
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
                yield Field(
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
        return departments.department_names(self.session.store, current_language())

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
        found = register.topics(self.session.store, self.session.meeting_id)
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
        yes = wellbeing.who5_opted_in(self.session.store, self.citizen_id)
        text = box(yes, t("who5.opt_in"), t("who5.yes") if yes else t("consent.no"))
        if yes:
            text += f"\n[dim]{escape(t('who5.key_hint'))}[/dim]"
        self.query_one(Who5OptIn).update(text)

    def label(self, asked: RecipientQuestions, names: dict[str, str]) -> str:
        """The recipient as the citizen reads it: "Ældre og Handicap – afdeling"."""
        kind, recipient = asked.recipient_kind, asked.recipient
        if kind == consent_questions.MODEL_KIND:
            return client.recipient_label(recipient)
        return f"{names.get(recipient, recipient)} – {t(KIND_LABEL[kind])}"

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
        asked = consent_questions.questions(
            self.session.store,
            self.citizen_id,
            self.session.state.active,
            MODEL_SCOPES,
            self.model_recipient(),
        )
        everyone = [p.name for p in self.session.state.participants]
        # Options are named by position; the line itself is kept here, never parsed from text.
        self.consent_lines = {}
        for recipient_questions in asked:
            label = self.label(recipient_questions, names)
            view.add_option(Option(f"[b]{escape(label)}[/b]", disabled=True))
            if consent.ambiguous(recipient_questions.recipient, everyone):
                first = recipient_questions.recipient.split()[0]
                view.add_option(
                    Option("  " + escape(t("consent.ambiguous", name=first)), disabled=True)
                )
            for question in recipient_questions.questions:
                kind, recipient, scope = question.recipient_kind, question.recipient, question.scope
                held = question.held
                state = (
                    t("consent.yes_since", date=long_date(held.granted_at))
                    if held
                    else t("consent.no")
                )
                scope_label = t(f"consent.scope_{scope.replace(':', '_')}")
                text = box(held is not None, scope_label, state)
                option_id = f"consent-{len(self.consent_lines)}"
                self.consent_lines[option_id] = (RecipientKind(kind), recipient, scope)
                view.add_option(Option("  " + text, id=option_id))
        if not asked:
            view.add_option(Option(t("consent.nobody"), disabled=True))
        if index is not None and index < view.option_count:
            view.highlighted = index
        elif asked:
            view.highlighted = 1

    # --- participants -------------------------------------------------------------

    def highlighted_participant(self) -> Participant | None:
        table = self.query_one(ParticipantTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.session.state.participant(int(key)) if key else None

    def action_add_participant(self) -> None:
        if self.looking():
            return

        def save(name: str, relation: str, kind: ParticipantKind, department: str) -> None:
            dep = (
                departments.department_id(self.session.store, department)
                if department.strip()
                else ""
            )
            added = self.session.add_participant(name, kind, relation, dep)
            self.refresh_view()
            table = self.query_one(ParticipantTable)
            table.move_cursor(row=table.get_row_index(str(added.id)))

        self.app.push_screen(InviteForm(save))

    def action_edit_participant(self) -> None:
        """Correct the highlighted invitee (R): the same form as inviting, filled in."""
        who = self.highlighted_participant()
        if who is None or self.looking():
            return
        if who.is_citizen:  # the session refuses, with the reason
            self.attempt(
                lambda: self.session.edit_participant(who.id, who.name, who.kind, who.relation)
            )
            return

        def save(name: str, relation: str, kind: ParticipantKind, department: str) -> None:
            dep = (
                departments.department_id(self.session.store, department)
                if department.strip()
                else ""
            )
            followed = self.session.edit_participant(who.id, name, kind, relation, dep)
            self.refresh_view()
            table = self.query_one(ParticipantTable)
            table.move_cursor(row=table.get_row_index(str(who.id)))
            if followed:
                edited = self.session.state.participant(who.id)
                self.notify(tn("prep.consents_followed", len(followed), name=edited.name))

        department = self.department_names().get(who.department, who.department)
        self.app.push_screen(InviteForm(save, (who, department)))

    def action_remove_participant(self) -> None:
        who = self.highlighted_participant()
        if who is None:
            return
        if who.is_citizen:  # the session refuses, with the reason
            self.attempt(lambda: self.session.remove_participant(who.id))
            return

        def answered(yes: bool | None) -> None:
            if yes and self.attempt(lambda: self.session.remove_participant(who.id)):
                self.refresh_view()

        self.app.push_screen(ConfirmRemove(who.name), answered)

    def action_move(self, delta: int) -> None:
        who = self.highlighted_participant()
        if who is None:
            return
        if self.attempt(lambda: self.session.move_participant(who.id, delta)):
            self.refresh_view()
            table = self.query_one(ParticipantTable)
            table.move_cursor(row=table.get_row_index(str(who.id)))

    # --- topics ----------------------------------------------------------------------

    def action_new_topic(self) -> None:
        self.query_one("#topic-input", Input).focus()

    @on(Input.Submitted, "#topic-input")
    def _add_topic(self, event: Input.Submitted) -> None:
        field = event.input
        added = self.attempt(
            lambda: register.add_topic(self.session.store, self.session.meeting_id, field.value)
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
            topic_id = int(option.id)
            self.attempt(lambda: register.remove_topic(self.session.store, topic_id))
            self._refresh_topics()

    # --- Mig card ----------------------------------------------------------------------

    def action_focus_consents(self) -> None:
        """Go to the citizen's consents: who may see what."""
        self.query_one("#consents", ConsentList).focus()

    def action_edit_mig(self) -> None:
        if self.looking():
            return

        def save(card: MigCard) -> None:
            people.save_mig_card(self.session.store, card)
            self._refresh_mig()

        card = people.get_mig_card(self.session.store, self.citizen_id)
        self.app.push_screen(MigForm(card, save))

    def action_toggle_wall(self) -> None:
        card = people.get_mig_card(self.session.store, self.citizen_id)
        flipped = replace(card, show_on_wall=not card.show_on_wall)
        self.attempt(lambda: people.save_mig_card(self.session.store, flipped))
        self._refresh_mig()

    # --- WHO-5 ----------------------------------------------------------------------------

    def action_toggle_who5(self) -> None:
        store = self.session.store
        wanted = not wellbeing.who5_opted_in(store, self.citizen_id)
        self.attempt(lambda: wellbeing.set_who5_opt_in(store, self.citizen_id, wanted))
        self._refresh_who5()

    # --- consents ----------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#consents")
    def _toggle_consent(self, event: OptionList.OptionSelected) -> None:
        line = self.consent_lines.get(event.option.id or "")
        if line is None:
            return
        kind, recipient, scope = line
        store = self.session.store
        held = consent.find_active(consent.active(store, self.citizen_id), kind, recipient, scope)
        self.attempt(
            lambda: consent.set_consent(
                store, self.citizen_id, kind, recipient, scope, held is None
            )
        )
        self._refresh_consents(self.department_names())
