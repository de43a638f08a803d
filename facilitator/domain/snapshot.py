"""The plan snapshot: everything the plan documents show, as plain JSON-able data.

:func:`facilitator.meetings.plan.snapshot` builds it, a plan version stores it as JSON, and
Min plan, the § 141 view, a guide's brief, the review and the follow-up all read it. These
types name its shape; the JSON itself is unchanged (older stored versions keep theirs).
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class SnapshotCitizen(TypedDict):
    """Whose plan it is."""

    id: int
    name: str
    born_year: int | None


class SnapshotMeeting(TypedDict):
    """The meeting the plan was made at."""

    id: int
    date: str
    title: str
    next_meeting: str | None
    handover: str


class MigWords(TypedDict):
    """The four texts of the "Mig" card (not the contact, which has a consent of its own)."""

    about: str
    likes: str
    dreams: str
    know_about_me: str


class OwnWords(TypedDict):
    """The citizen's own notes of the meeting, by the part of the plan they belong in."""

    dreams: list[str]
    strengths: list[str]
    needs: list[str]
    worries: list[str]


class SnapshotParticipant(TypedDict):
    """Someone in the circle (not removed)."""

    name: str
    kind: str
    relation: str
    department: str


class SaidWords(TypedDict):
    """Who said the words a plan item was made from, when it was not the citizen."""

    name: str  # first name
    role: str  # the relation or role in the circle ("søster"), or "" for the kind's name
    kind: str  # ParticipantKind value
    future: bool  # imagined in the future dialogue: nobody's present wish


class SnapshotItem(TypedDict):
    """One plan item, in any section (plan, not possible, parked)."""

    id: int
    section: str
    what: str
    who: str | None
    with_whom: str
    by_when: str
    follow_up: str
    status: str
    needs_decision: bool
    reason: str
    other_ways: str
    review: str
    #: "Hvad nu?" from Siden sidst, on an item carried on from the last meeting.
    what_now: NotRequired[str]
    #: An item made from someone else's words (an idea or an agreement noted in their turn).
    said_by: NotRequired[SaidWords]


class PlanSnapshot(TypedDict):
    """The plan as it was at one moment: what every plan document renders from."""

    citizen: SnapshotCitizen
    meeting: SnapshotMeeting
    mig: MigWords
    topics: list[str]
    own: OwnWords
    participants: list[SnapshotParticipant]
    items: list[SnapshotItem]
    not_possible: list[SnapshotItem]
    parked: list[SnapshotItem]
    #: participant id (as text) → name, of those still in the circle (not removed)
    speaker_names: dict[str, str]
