"""Afrunding: next meeting, handover, three questions to the citizen, the quality check, finish."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Static

from facilitator.domain.privacy import mask_cpr
from facilitator.i18n import t
from facilitator.i18n.dates import weekday_date
from facilitator.meetings import closing, people, register
from facilitator.meetings.closing import QualityCheck
from facilitator.tui.markup import escape
from facilitator.tui.screens.base import PhaseScreen
from facilitator.tui.widgets.confirm import Confirm
from facilitator.tui.widgets.field import Field


def quality_lines(check: QualityCheck) -> list[str]:
    """The quality check as lines, each starting with ✓ or ✗ and saying what it means in words."""
    lines = []
    if check.everyone_spoke:
        lines.append(t("quality.everyone_spoke"))
    else:
        lines.append(t("quality.not_spoken", names=escape(", ".join(check.not_spoken))))
    if check.note_count == 0:
        lines.append(t("quality.no_notes"))
    else:
        percent = round(check.citizen_share * 100)
        mine, total = check.citizen_notes, check.note_count
        if check.citizen_share_ok:
            lines.append(t("quality.share_ok", percent=percent, mine=mine, total=total))
        else:
            even = round(check.even_share * 100)
            lines.append(t("quality.share_low", percent=percent, mine=mine, total=total, even=even))
    if check.had_reflection:
        lines.append(t("quality.reflection_yes", n=check.reflection_turns))
    else:
        lines.append(t("quality.reflection_no"))
    if check.plan_item_count == 0:
        lines.append(t("quality.plan_empty"))
    elif check.plan_complete:
        lines.append(t("quality.plan_ok", n=check.plan_item_count))
    for item in check.without_owner:
        lines.append(t("quality.no_owner", what=escape(mask_cpr(item.what))))
    for item in check.without_follow_up:
        lines.append(t("quality.no_follow_up", what=escape(mask_cpr(item.what))))
    return lines


def _unchanged(value: str, stored: str) -> bool:
    """Whether a field still says what is stored, as stored or as shown (CPR masked)."""
    typed = " ".join(value.split())
    return typed in (stored, mask_cpr(stored))


class ClosingScreen(PhaseScreen):
    """The end of the meeting, on the wall: every field is saved when it is left."""

    CSS_PATH = ["base.tcss", "closing.tcss"]
    BINDINGS = [
        Binding("ctrl+g", "review_plan", "review.open", id="plan.review", priority=True),
        Binding("f8", "finish", "closing.finish", id="closing.finish", priority=True),
        Binding("ctrl+s", "save_all", "closing.save_all", id="closing.save_all", priority=True),
        Binding(
            "f2",
            "accept_agreement",
            "agreement.key_accept",
            id="closing.agreement_accept",
            priority=True,
        ),
        Binding(
            "f3", "skip_agreement", "agreement.key_skip", id="closing.agreement_skip", priority=True
        ),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="closing-body"):
            main = VerticalScroll(id="closing-main")
            # Tab and Enter go from field to field: the scroll area itself takes no focus, so
            # nothing typed after the last answer lands where it is not shown or kept.
            main.can_focus = False
            with main:
                with Vertical(id="agreements"):
                    yield Static(t("agreement.title"), classes="section-title")
                    yield Static(t("agreement.intro"), classes="hint")
                    yield Static("", id="agreement")
                yield Static(t("closing.next_meeting_title"), classes="section-title")
                yield Static("", id="next-date-long")
                yield Field(
                    placeholder=t("closing.date_placeholder"), id="next-date", max_length=20
                )
                yield Static(t("closing.date_hint"), classes="hint", id="date-hint")
                yield Static(t("closing.handover_title"), classes="section-title")
                yield Field(
                    placeholder=t("closing.handover_placeholder"),
                    id="handover",
                    max_length=closing.MAX_HANDOVER,
                )
                yield Static(t("closing.questions_title"), classes="section-title")
                for number, key in enumerate(closing.QUESTIONS, start=1):
                    yield Static(f"{number}. {t(key)}", classes="question")
                    yield Field(
                        placeholder=t("closing.answer_placeholder"),
                        id=f"answer-{number}",
                        classes="answer",
                        max_length=closing.MAX_ANSWER,
                    )
                yield Static(t("closing.fields_hint"), classes="hint")
            with VerticalScroll(id="quality-column"):  # Tab, then the arrows
                yield Static(t("quality.title"), classes="section-title", id="quality-title")
                yield Static(t("quality.intro"), classes="hint", id="quality-intro")
                yield Static("", id="quality")
                yield Static("", id="quality-counts")
        yield Footer()

    def on_mount(self) -> None:
        self._fill_fields()
        super().on_mount()
        self.query_one("#next-date", Input).focus()

    # --- drawing ------------------------------------------------------------------

    def _fill_fields(self) -> None:
        """Put what is stored into the fields (once, and after a refused entry).

        The fields are on the wall too: a CPR number in them is shown masked, and a field left
        as shown is not saved again (see ``_unchanged``), so the stored text stays as said."""
        store, mid = self.session.store, self.session.meeting_id
        self.query_one("#next-date", Input).value = closing.next_meeting(store, mid).isoformat()
        self.query_one("#handover", Input).value = mask_cpr(
            register.get_meeting(store, mid).handover
        )
        for number, given in enumerate(closing.feedback(store, mid), start=1):
            self.query_one(f"#answer-{number}", Input).value = mask_cpr(given.answer)

    def refresh_body(self) -> None:
        store, mid = self.session.store, self.session.meeting_id
        self._show_agreement()
        self.query_one("#next-date-long", Static).update(
            weekday_date(closing.next_meeting(store, mid))
        )
        check = closing.quality_check(store, mid)
        self.query_one("#quality", Static).update("\n\n".join(quality_lines(check)))
        self.query_one("#quality-counts", Static).update(
            t(
                "quality.counts",
                turns=check.turn_count,
                passes=check.pass_count,
                notes=check.note_count,
                rounds=check.round_count,
                items=check.plan_item_count,
            )
        )

    def _show_agreement(self) -> None:
        """The first agreement from the rounds not yet in the plan nor skipped, if any."""
        store, mid = self.session.store, self.session.meeting_id
        agreements = closing.open_agreements(store, mid)
        box = self.query_one("#agreements", Vertical)
        box.display = self._agreement_open = bool(agreements)
        if not agreements:
            return
        first = agreements[0]
        line = t("agreement.line", who=first.speaker, text=first.note.text)
        if len(agreements) > 1:
            line += "  " + t("agreement.more", n=len(agreements) - 1)
        self.query_one("#agreement", Static).update(escape(line))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("accept_agreement", "skip_agreement"):
            return getattr(self, "_agreement_open", False)
        return True

    def _agreement_step(self, accept: bool) -> None:
        store, mid = self.session.store, self.session.meeting_id
        agreements = closing.open_agreements(store, mid)
        if not agreements or self.looking():
            return
        note_id = agreements[0].note.id
        if accept:
            done = self.attempt(lambda: closing.accept_agreement(store, mid, note_id))
        else:
            done = self.attempt(lambda: closing.skip_agreement(store, mid, note_id))
        if done:
            self.notify(t("agreement.accepted") if accept else t("agreement.skipped"))
        self.session.reload()
        self.refresh_body()
        self.refresh_bindings()

    def action_accept_agreement(self) -> None:
        """The agreement becomes a plan item in the speaker's words."""
        self._agreement_step(accept=True)

    def action_skip_agreement(self) -> None:
        """Not in the plan; remembered as skipped, not asked again."""
        self._agreement_step(accept=False)

    # --- saving -------------------------------------------------------------------

    def _save(self, field: Input) -> bool:
        """Store one field's value; a refused value is explained and the stored one shown."""
        store, mid = self.session.store, self.session.meeting_id
        value = field.value
        field_id = field.id or ""
        if field_id == "next-date":
            current = closing.next_meeting(store, mid).isoformat()
            if value.strip() == current:
                return True
            ok = self.attempt(lambda: closing.set_next_meeting(store, mid, value))
        elif field_id == "handover":
            if _unchanged(value, register.get_meeting(store, mid).handover):
                return True
            ok = self.attempt(lambda: closing.set_handover(store, mid, value))
        elif field_id.startswith("answer-"):
            number = int(field_id.removeprefix("answer-"))
            if _unchanged(value, closing.feedback(store, mid)[number - 1].answer):
                return True
            ok = self.attempt(lambda: closing.answer(store, mid, number, value))
        else:
            return True
        self.session.reload()
        if self.is_attached:
            self.refresh_body()
        return ok

    def save_all(self) -> bool:
        """Save every field; False when one was refused (it keeps the leader's text). A write
        refused by the disk or another app leading is said once, not once per field."""
        saved = True
        for field in self.query(Input):
            if not self._save(field):
                saved = False
                if not self.refused_by_rule():
                    break
        return saved

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter is Tab: on to the next field, once. The field is saved as it loses focus
        # (``_left``); a refusal keeps the focus and the text, and says why.
        event.stop()
        if self._save(event.input):
            self.focus_next(Input)

    def on_screen_suspend(self) -> None:
        # Another screen on top (the plan review, the Mig card, a question): nothing typed
        # waits unsaved underneath it.
        self.save_all()

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        # A date it cannot read goes back to the stored one; a write refused keeps the text.
        if not self._save(event.input) and event.input.id == "next-date" and self.refused_by_rule():
            store, mid = self.session.store, self.session.meeting_id
            event.input.value = closing.next_meeting(store, mid).isoformat()

    # --- actions ------------------------------------------------------------------

    def action_leave(self) -> None:
        self.save_all()
        super().action_leave()

    def action_next_phase(self) -> None:
        self.save_all()
        super().action_next_phase()

    def action_previous_phase(self) -> None:
        self.save_all()
        super().action_previous_phase()

    def action_save_all(self) -> None:
        if self.save_all():
            self.notify(t("closing.saved"))

    def action_finish(self) -> None:
        """Ask first; then the meeting is finished and the wall goes back to the overview."""
        if not self.save_all():
            return
        store, mid = self.session.store, self.session.meeting_id
        citizen = people.get_citizen(store, self.session.info.citizen_id)
        question = t(
            "closing.confirm_finish",
            name=escape(citizen.name),
            date=weekday_date(closing.next_meeting(store, mid)),
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if self.attempt(lambda: closing.finish(store, mid)):
                self.app.notify(t("closing.finished"))
                self.fapp.leave_meeting()

        self.app.push_screen(Confirm(question), answered)
