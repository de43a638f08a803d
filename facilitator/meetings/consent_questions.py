"""What the citizen is asked about in Forberedelse: whom, which scopes, and the answer so far.

The citizen is asked about each peer guide and volunteer invited (by name), each department a
professional comes from, the language model if one is set up, and anyone else who still holds
a consent, so every consent in force can always be seen and withdrawn. The answers themselves
are kept in the consent ledger (:mod:`facilitator.meetings.consent`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from facilitator.domain.meeting import Participant
from facilitator.domain.records import Consent
from facilitator.domain.vocabulary import ConsentScope, ParticipantKind, RecipientKind
from facilitator.meetings import consent
from facilitator.storage.store import Store

#: The scopes the citizen is asked about for a person or a department, in the order shown.
ASKED_SCOPES: tuple[ConsentScope, ...] = (
    ConsentScope.MIG_CARD,
    ConsentScope.PLAN,
    ConsentScope.TOPICS,
    ConsentScope.MEASURES,
    ConsentScope.CONTACT,
)
#: Participants asked about by name; a professional is asked about by department.
RECIPIENT_KIND: dict[ParticipantKind, RecipientKind] = {
    ParticipantKind.MEDBORGERGUIDE: RecipientKind.MEDBORGERGUIDE,
    ParticipantKind.FRIVILLIG: RecipientKind.FORENING,
}
MODEL_KIND = RecipientKind.SPROGMODEL


@dataclass(frozen=True)
class ConsentQuestion:
    """One yes/no question: may this recipient see this scope? ``held`` is the consent in
    force when the answer is yes."""

    recipient_kind: RecipientKind
    recipient: str
    scope: str
    held: Consent | None

    @property
    def given(self) -> bool:
        """Whether the citizen has said yes (and not withdrawn it)."""
        return self.held is not None


@dataclass(frozen=True)
class RecipientQuestions:
    """Everything the citizen is asked about one recipient."""

    recipient_kind: RecipientKind
    recipient: str
    questions: tuple[ConsentQuestion, ...]


def recipients(
    invited: Sequence[Participant], given: Sequence[Consent], model: str | None = None
) -> list[tuple[RecipientKind, str]]:
    """Whom the citizen is asked about, as (recipient kind, recipient), each once: peer guides
    and volunteers, professionals' departments, the language model, then anyone else who
    still holds a consent. ``invited`` are the participants still in the meeting."""
    wanted = [(RECIPIENT_KIND[p.kind], p.name) for p in invited if p.kind in RECIPIENT_KIND]
    wanted += [
        (RecipientKind.AFDELING, p.department)
        for p in invited
        if p.is_professional and p.department
    ]
    if model is not None:
        wanted.append((MODEL_KIND, model))
    wanted += [(RecipientKind(c.recipient_kind), c.recipient) for c in given]
    found: list[tuple[RecipientKind, str]] = []
    seen: set[tuple[RecipientKind, str]] = set()
    for kind, recipient in wanted:
        key = (kind, consent.normalise_recipient(recipient))
        if key not in seen:
            seen.add(key)
            found.append((kind, recipient))
    return found


def questions(
    store: Store,
    citizen_id: int,
    invited: Sequence[Participant],
    model_scopes: Sequence[str],
    model: str | None = None,
) -> list[RecipientQuestions]:
    """The consent questions for the citizen, per recipient, with the current answers.

    A language model (``model``, the one set up, or one that still holds a consent) is asked
    about ``model_scopes``: it takes part in no plan item, so it is asked about other scopes
    than a person.
    """
    given = consent.active(store, citizen_id)
    return [
        RecipientQuestions(
            kind,
            recipient,
            tuple(
                ConsentQuestion(
                    kind, recipient, scope, consent.find_active(given, kind, recipient, scope)
                )
                for scope in (tuple(model_scopes) if kind == MODEL_KIND else ASKED_SCOPES)
            ),
        )
        for kind, recipient in recipients(invited, given, model)
    ]
