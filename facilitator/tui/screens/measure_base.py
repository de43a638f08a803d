"""What the dialogue ruler and WHO-5 screens share: the citizen of the meeting, by name."""

from __future__ import annotations

from collections.abc import Callable

from facilitator.domain.errors import FacilitatorError
from facilitator.i18n import t
from facilitator.meetings import people
from facilitator.meetings.session import MeetingSession
from facilitator.tui.bindings import Screen


class CitizenMeasureScreen(Screen[None]):
    """A full screen about one of the citizen's own measures, opened over the meeting."""

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        self.store = session.store
        self.citizen_id = session.info.citizen_id
        self.citizen_name = people.get_citizen(self.store, self.citizen_id).name

    def looking(self) -> bool:
        """Another app leads the meeting: say who (one sentence) before a form is opened, so
        nothing is typed in vain. The store refuses the write anyway."""
        holder = self.session.holder
        if holder is None:
            return False
        self.notify(t("lease.held", who=holder.owner.label), severity="warning")
        return True

    def write(self, action: Callable[[], object]) -> bool:
        """Run a write; a refusal (the disk, another app leading) is one sentence, not raised."""
        try:
            action()
        except FacilitatorError as exc:
            self.notify(str(exc), severity="warning")
            return False
        return True
