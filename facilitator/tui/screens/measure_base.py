"""What the dialogue ruler and WHO-5 screens share: the citizen of the meeting, by name."""

from __future__ import annotations

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
