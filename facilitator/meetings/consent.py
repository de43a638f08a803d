"""The consent ledger: what the citizen lets whom see, explicit, dated and revocable.

Sharing anything with a volunteer, a friend across silos or another department needs the
citizen's explicit consent, per recipient and per item or category, and is never a condition
for getting help (DOMAIN.md §6). Every brief, export and prompt asks :func:`may_share`; what
has not been consented is not shared.

A consent names a recipient (its kind and who) and a scope:

==================  ========================================================================
scope               what the recipient may see
==================  ========================================================================
``mig_card``        the citizen's "Mig" card (about, likes, dreams, know about me), and name
``plan``            the plan items the recipient takes part in (:func:`takes_part`)
``plan:all``        every plan item, including the ones the recipient has no part in
``topics``          what the citizen wants to talk about ("Det vil jeg gerne tale om")
``dreams``          the citizen's dreams (notes tagged drøm, the dreams on the Mig card)
``contact``         how to reach the citizen, and their name
``notes``           the meeting's notes, in the speakers' words (e.g. for a language model)
``measures``        the citizen's measures: dialogue ruler readings and WHO-5 scores
``plan_item:<id>``  one plan item, by its id
==================  ========================================================================

The citizen's name goes only with ``mig_card`` or ``contact`` (:data:`NAME_SCOPES`). Scopes
are :class:`ConsentScope` and kinds :class:`RecipientKind`. This module is the only place
that matches a consent to a recipient (:func:`is_for`) or a plan item to a participant
(:func:`takes_part`); briefs, exports and prompts call it.

Recipient kinds: ``medborgerguide`` (a peer guide), ``ven`` (a friend across silos),
``afdeling`` (a department), ``forening`` (an association or volunteer), ``sprogmodel``
(a language model the municipality runs).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from facilitator.domain.errors import FacilitatorError, NotFound
from facilitator.domain.records import Consent
from facilitator.domain.safetext import clean_text
from facilitator.domain.vocabulary import ConsentScope, RecipientKind
from facilitator.i18n import t
from facilitator.meetings import people
from facilitator.storage.store import Store

RECIPIENT_KINDS: tuple[RecipientKind, ...] = tuple(RecipientKind)
CATEGORIES: tuple[ConsentScope, ...] = tuple(ConsentScope)
ITEM_PREFIX = "plan_item:"
MAX_RECIPIENT = 200
#: The scopes that let the recipient know the citizen's name: the Mig card says who the
#: citizen is, and "how to reach" them is meaningless without it. Nothing else does.
NAME_SCOPES: frozenset[ConsentScope] = frozenset({ConsentScope.MIG_CARD, ConsentScope.CONTACT})

Item = TypeVar("Item", bound=Mapping[str, Any])
#: A scope as given: a category, or ``plan_item:<id>`` (see :func:`item_scope`).
ScopeRef = ConsentScope | str


# --- pure rules -------------------------------------------------------------------


def normalise_recipient(recipient: str) -> str:
    """The form recipients are compared in: trimmed, single spaces, case-folded."""
    return " ".join(recipient.split()).casefold()


def item_scope(item_id: int) -> str:
    """The scope of one plan item."""
    return f"{ITEM_PREFIX}{item_id}"


def item_of(scope: str) -> int | None:
    """The plan item id an item scope names; None for a category."""
    return (
        int(scope[len(ITEM_PREFIX) :])
        if is_valid_scope(scope) and scope.startswith(ITEM_PREFIX)
        else None
    )


def is_valid_scope(scope: str) -> bool:
    """A known category, or ``plan_item:<id>`` with a positive whole-number id."""
    if scope in CATEGORIES:
        return True
    if scope.startswith(ITEM_PREFIX):
        number = scope[len(ITEM_PREFIX) :]
        return number.isascii() and number.isdigit() and int(number) > 0
    return False


def covering_scopes(scope: ScopeRef, takes_part: bool = False) -> frozenset[str]:
    """The scopes whose consent lets ``scope`` be shared: itself, and for an item its category.

    A plan item is covered by ``plan:all``, and by ``plan`` only when the recipient takes
    part in it (``takes_part``, decided by :func:`takes_part`).
    """
    if scope.startswith(ITEM_PREFIX):
        wider = (
            {ConsentScope.PLAN_ALL, ConsentScope.PLAN} if takes_part else {ConsentScope.PLAN_ALL}
        )
        return frozenset({str(scope), *wider})
    return frozenset({str(scope)})


def is_for(given: Consent, recipient_kind: RecipientKind, recipient: str) -> bool:
    """Whether a consent names exactly this recipient: kind equal, name compared trimmed and
    case-insensitively. The one place a recipient is matched to a consent."""
    return given.recipient_kind == recipient_kind and normalise_recipient(
        given.recipient
    ) == normalise_recipient(recipient)


def given_to(
    consents: Sequence[Consent], recipient_kind: RecipientKind, recipient: str
) -> list[Consent]:
    """The active consents that name this recipient."""
    return [c for c in consents if c.active and is_for(c, recipient_kind, recipient)]


def _name_parts(text: str) -> set[str]:
    """The names in a "with whom" or "follow-up" field: "Per (medborgerguide), Lone" gives
    {"per", "lone"}; a parenthesis is a role, not a name."""
    cleaned = text
    while "(" in cleaned and ")" in cleaned.split("(", 1)[1]:
        before, rest = cleaned.split("(", 1)
        cleaned = before + " " + rest.split(")", 1)[1]
    for sep in (",", "/", "&", ";", " og ", " and ", "+"):
        cleaned = cleaned.replace(sep, "|")
    return {normalise_recipient(p) for p in cleaned.split("|") if p.strip()}


def _first(name: str) -> str:
    parts = normalise_recipient(name).split()
    return parts[0] if parts else ""


def ambiguous(recipient: str, participants: Iterable[str]) -> bool:
    """Whether the recipient cannot be told apart from another participant by the name a plan
    item might use: two participants share their full name, or the recipient's first name."""
    who = normalise_recipient(recipient)
    names = [normalise_recipient(p) for p in participants]
    if names.count(who) > 1:
        return True
    first = _first(who)
    return who in names and sum(1 for n in names if _first(n) == first) > 1


def takes_part(item: Mapping[str, Any], recipient: str, participants: Iterable[str] = ()) -> bool:
    """Whether the recipient is the participant a plan item's "with whom" or "follow-up" names,
    as an entry of its own ("Per (medborgerguide), Lone" names Per and Lone; "to gange per
    uge" names nobody). Decides what a ``plan`` consent covers.

    ``participants`` are the names of everyone in the item's meeting (removed ones too). An
    entry names the recipient when it is their full name, or their first name alone and they
    are the one participant with that first name. When the name cannot tell the recipient
    from another participant (:func:`ambiguous`), the item names nobody: nothing is shared.
    """
    who = normalise_recipient(recipient)
    if not who:
        return False
    people_here = [normalise_recipient(p) for p in participants]
    if people_here.count(who) > 1:
        return False
    named = _name_parts(str(item.get("with_whom", ""))) | _name_parts(
        str(item.get("follow_up", ""))
    )
    if who in named:
        return True
    first = _first(who)
    if first not in named or first == who or who not in people_here:
        return False
    return sum(1 for n in people_here if _first(n) == first) == 1


def may_share(
    consents: Sequence[Consent],
    recipient_kind: RecipientKind,
    recipient: str,
    scope: ScopeRef,
    takes_part: bool = False,
) -> bool:
    """Whether ``scope`` may be shared with this recipient. The one place that decides.

    True only when an active (not revoked) consent names exactly this recipient
    (:func:`is_for`) and this scope, or the category that holds an item scope. Everything
    else is false.
    """
    if not recipient.strip() or not is_valid_scope(scope):
        return False
    allowed = covering_scopes(scope, takes_part)
    return any(c.scope in allowed for c in given_to(consents, recipient_kind, recipient))


def may_share_name(
    consents: Sequence[Consent], recipient_kind: RecipientKind, recipient: str
) -> bool:
    """Whether the citizen's name may be shared: only with a consent in :data:`NAME_SCOPES`."""
    return any(may_share(consents, recipient_kind, recipient, s) for s in NAME_SCOPES)


def shareable_items(
    consents: Sequence[Consent],
    recipient_kind: RecipientKind,
    recipient: str,
    items: Iterable[Item],
    taking_part: Iterable[int] = (),
) -> list[Item]:
    """The plan items (dicts with an ``id``) that may be shared with this recipient.

    ``taking_part`` holds the ids of the items the recipient takes part in; those are also
    covered by a ``plan`` consent.
    """
    part = set(taking_part)
    return [
        item
        for item in items
        if may_share(
            consents,
            recipient_kind,
            recipient,
            item_scope(int(item["id"])),
            takes_part=int(item["id"]) in part,
        )
    ]


def shared_plan(
    consents: Sequence[Consent],
    recipient_kind: RecipientKind,
    recipient: str,
    items: Sequence[Item],
    participants: Iterable[str],
) -> tuple[list[Item], set[int]]:
    """The plan items this recipient may see, and the ids of those they take part in: what
    a brief, an export or a prompt shows of a plan, decided here and nowhere else."""
    names = list(participants)
    part = {int(i["id"]) for i in items if takes_part(i, recipient, names)}
    return shareable_items(consents, recipient_kind, recipient, items, part), part


# --- the ledger in the store --------------------------------------------------------


def _from_row(row: Mapping[str, Any]) -> Consent:
    return Consent(
        id=int(row["id"]),
        citizen_id=int(row["citizen_id"]),
        recipient_kind=RecipientKind(str(row["recipient_kind"])),
        recipient=str(row["recipient"]),
        scope=str(row["scope"]),
        granted_at=str(row["granted_at"]),
        revoked_at=None if row["revoked_at"] is None else str(row["revoked_at"]),
    )


def _check(recipient_kind: str, recipient: str, scope: ScopeRef) -> str:
    """Refuse an unknown kind or scope and an empty recipient; return the cleaned recipient."""
    if recipient_kind not in RECIPIENT_KINDS:
        raise FacilitatorError(t("consent.err_kind", kind=recipient_kind))
    cleaned = " ".join(clean_text(recipient).split())
    if not cleaned:
        raise FacilitatorError(t("consent.err_recipient"))
    if len(cleaned) > MAX_RECIPIENT:
        raise FacilitatorError(
            t("err.too_long", what=t("consent.word_recipient"), limit=MAX_RECIPIENT)
        )
    if not is_valid_scope(scope):
        raise FacilitatorError(t("consent.err_scope", scope=scope))
    return cleaned


def get(store: Store, consent_id: int) -> Consent:
    """One consent by id."""
    row = store.row("SELECT * FROM consents WHERE id = ?", [consent_id])
    if row is None:
        raise NotFound(t("consent.err_missing", id=consent_id))
    return _from_row(row)


def ledger(store: Store, citizen_id: int, include_revoked: bool = True) -> list[Consent]:
    """Every consent the citizen has given, oldest first (revoked ones too by default)."""
    sql = "SELECT * FROM consents WHERE citizen_id = ?"
    if not include_revoked:
        sql += " AND revoked_at IS NULL"
    return [_from_row(r) for r in store.rows(sql + " ORDER BY id", [citizen_id])]


def active(store: Store, citizen_id: int) -> list[Consent]:
    """The consents in force now."""
    return ledger(store, citizen_id, include_revoked=False)


def find_active(
    consents: Sequence[Consent], recipient_kind: RecipientKind, recipient: str, scope: ScopeRef
) -> Consent | None:
    """The active consent for exactly this recipient and scope (no category), if any."""
    return next(
        (c for c in given_to(consents, recipient_kind, recipient) if c.scope == scope), None
    )


def grant(
    store: Store, citizen_id: int, recipient_kind: RecipientKind, recipient: str, scope: ScopeRef
) -> Consent:
    """Record the citizen's consent, dated now. An identical active consent is returned as is."""
    cleaned = _check(recipient_kind, recipient, scope)
    people.get_citizen(store, citizen_id)
    item = item_of(scope)
    # A consent to an item names one that exists and is the citizen's: a consent to an id not
    # (or no longer) in use would cover whatever item is given that id.
    if item is not None and not store.row(
        "SELECT i.id FROM plan_items i JOIN meetings m ON m.id = i.meeting_id"
        " WHERE i.id = ? AND m.citizen_id = ?",
        [item, citizen_id],
    ):
        raise FacilitatorError(t("consent.err_no_item", id=item))
    existing = find_active(active(store, citizen_id), recipient_kind, cleaned, scope)
    if existing is not None:
        return existing
    cid = store.create(
        "consents",
        {
            "citizen_id": citizen_id,
            "recipient_kind": recipient_kind,
            "recipient": cleaned,
            "scope": scope,
            "granted_at": store.now(),
        },
        "consent",
        citizen_id,
        action="grant",
    )
    return get(store, cid)


def revoke(store: Store, consent_id: int) -> Consent:
    """Withdraw a consent, dated now; one already revoked stays as it was."""
    consent = get(store, consent_id)
    if not consent.active:
        return consent
    with store.atomic():
        store.update("consents", consent_id, {"revoked_at": store.now()})
        store.audit("revoke", "consent", consent_id, consent.citizen_id)
    return get(store, consent_id)


def set_consent(
    store: Store,
    citizen_id: int,
    recipient_kind: RecipientKind,
    recipient: str,
    scope: ScopeRef,
    given: bool,
) -> Consent | None:
    """Grant, or revoke every active consent for exactly this recipient and scope."""
    if given:
        return grant(store, citizen_id, recipient_kind, recipient, scope)
    _check(recipient_kind, recipient, scope)
    last: Consent | None = None
    while found := find_active(active(store, citizen_id), recipient_kind, recipient, scope):
        last = revoke(store, found.id)
    return last


def follow_rename(
    store: Store, citizen_id: int, recipient_kind: RecipientKind, old: str, new: str
) -> list[Consent]:
    """Move the active consents that name a person to the name they were corrected to: the
    citizen said yes to the person, not to a spelling. Each keeps its date and is audited as
    "rename"; one the new name already holds is ended (revoked) instead of doubled. Call
    inside the renaming transaction. Returns the consents as they are now."""
    cleaned = _check(recipient_kind, new, ConsentScope.MIG_CARD)
    if normalise_recipient(old) == normalise_recipient(cleaned):
        return []
    moved: list[Consent] = []
    for held in given_to(active(store, citizen_id), recipient_kind, old):
        if find_active(active(store, citizen_id), recipient_kind, cleaned, held.scope):
            store.update("consents", held.id, {"revoked_at": store.now()})
            store.audit("revoke", "consent", held.id, citizen_id)
        else:
            store.update("consents", held.id, {"recipient": cleaned})
            store.audit("rename", "consent", held.id, citizen_id)
        moved.append(get(store, held.id))
    return moved


def end_item(store: Store, item_id: int, citizen_id: int) -> list[Consent]:
    """End every consent to one plan item (the item is being deleted): a consent follows its
    item and ends with it, audited as a revocation. Call inside the deleting transaction."""
    ended: list[Consent] = []
    for row in store.rows(
        "SELECT * FROM consents WHERE citizen_id = ? AND scope = ? AND revoked_at IS NULL",
        [citizen_id, item_scope(item_id)],
    ):
        store.update("consents", row["id"], {"revoked_at": store.now()})
        store.audit("revoke", "consent", row["id"], citizen_id)
        ended.append(get(store, int(row["id"])))
    return ended
