"""The consent ledger: explicit, dated, revocable, and nothing is shared without it."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import Consent
from facilitator.domain.vocabulary import RecipientKind
from facilitator.meetings import consent, people, plan, register
from facilitator.storage.store import Store
from tests.conftest import TickingClock


@pytest.fixture
def citizen_store(home: Path) -> tuple[Store, int]:
    store = Store.open(clock=TickingClock())
    citizen = people.add_citizen(store, "Karsten Demo-Lund")
    return store, citizen.id


def _consent(
    scope: str,
    recipient: str = "Per Guidesen",
    kind: RecipientKind = RecipientKind.MEDBORGERGUIDE,
    revoked: bool = False,
    cid: int = 1,
) -> Consent:
    return Consent(
        cid,
        1,
        kind,
        recipient,
        scope,
        "2026-11-26T10:00:00",
        "2026-11-27T10:00:00" if revoked else None,
    )


# --- the ledger in the store --------------------------------------------------------


def test_grant_is_dated_and_audited(citizen_store: tuple[Store, int]) -> None:
    store, cid = citizen_store
    given_ = consent.grant(store, cid, RecipientKind.MEDBORGERGUIDE, "  Per Guidesen ", "mig_card")
    assert given_.recipient == "Per Guidesen"
    assert given_.granted_at.startswith("2026-11-26T10:00")
    assert given_.active
    audit = store.rows(
        "SELECT action, object_kind, object_id FROM audit_log WHERE action = 'grant'"
    )
    assert audit == [{"action": "grant", "object_kind": "consent", "object_id": str(given_.id)}]


def test_grant_twice_keeps_one_active(citizen_store: tuple[Store, int]) -> None:
    store, cid = citizen_store
    first = consent.grant(store, cid, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "plan")
    again = consent.grant(store, cid, RecipientKind.MEDBORGERGUIDE, "per guidesen", "plan")
    assert again.id == first.id
    assert len(consent.active(store, cid)) == 1


def test_revoke_keeps_the_record_and_removes_access(citizen_store: tuple[Store, int]) -> None:
    store, cid = citizen_store
    given_ = consent.grant(store, cid, RecipientKind.VEN, "Sara i jobcentret", "topics")
    revoked = consent.revoke(store, given_.id)
    assert revoked.revoked_at is not None and not revoked.active
    assert consent.active(store, cid) == []
    assert consent.ledger(store, cid) == [revoked]
    assert consent.ledger(store, cid, include_revoked=False) == []
    assert not consent.may_share(
        consent.ledger(store, cid), RecipientKind.VEN, "Sara i jobcentret", "topics"
    )
    # revoking again changes nothing
    assert consent.revoke(store, given_.id) == revoked
    actions = [r["action"] for r in store.rows("SELECT action FROM audit_log ORDER BY id")]
    assert actions.count("revoke") == 1


def test_set_consent_grants_and_withdraws(citizen_store: tuple[Store, int]) -> None:
    store, cid = citizen_store
    consent.set_consent(store, cid, RecipientKind.AFDELING, "jobcenter", "plan", True)
    assert consent.may_share(
        consent.active(store, cid), RecipientKind.AFDELING, "Jobcenter", "plan"
    )
    consent.set_consent(store, cid, RecipientKind.AFDELING, "jobcenter", "plan", False)
    assert consent.active(store, cid) == []
    assert len(consent.ledger(store, cid)) == 1


@pytest.mark.parametrize(
    ("kind", "recipient", "scope"),
    [
        ("nabo", "Bent", "plan"),
        ("medborgerguide", "   ", "plan"),
        ("medborgerguide", "Per", "diagnoser"),
        ("medborgerguide", "Per", "plan_item:"),
        ("medborgerguide", "Per", "plan_item:abc"),
        ("medborgerguide", "Per", "plan_item:0"),
    ],
)
def test_refuses_what_cannot_be_consented(
    citizen_store: tuple[Store, int], kind: str, recipient: str, scope: str
) -> None:
    store, cid = citizen_store
    with pytest.raises(FacilitatorError):
        # "nabo" is no RecipientKind on purpose: grant must refuse a kind it is handed at run time
        consent.grant(store, cid, cast(RecipientKind, kind), recipient, scope)
    assert consent.ledger(store, cid) == []


def test_refusal_reads_as_a_sentence(citizen_store: tuple[Store, int]) -> None:
    store, cid = citizen_store
    with pytest.raises(FacilitatorError, match="nabo"):
        consent.grant(store, cid, cast(RecipientKind, "nabo"), "Bent", "plan")  # refused on purpose


# --- may_share -----------------------------------------------------------------------


def test_nothing_is_shared_without_consent() -> None:
    assert not consent.may_share([], RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "mig_card")


def test_exact_recipient_and_scope() -> None:
    given_ = [_consent("mig_card")]
    assert consent.may_share(given_, RecipientKind.MEDBORGERGUIDE, "per guidesen ", "mig_card")
    assert not consent.may_share(given_, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "topics")
    assert not consent.may_share(given_, RecipientKind.MEDBORGERGUIDE, "Per", "mig_card")
    assert not consent.may_share(given_, RecipientKind.VEN, "Per Guidesen", "mig_card")
    assert not consent.may_share(given_, RecipientKind.MEDBORGERGUIDE, "", "mig_card")


def test_revoked_consent_shares_nothing() -> None:
    assert not consent.may_share(
        [_consent("mig_card", revoked=True)],
        RecipientKind.MEDBORGERGUIDE,
        "Per Guidesen",
        "mig_card",
    )


def test_plan_all_covers_every_item_and_an_item_covers_only_itself() -> None:
    every = [_consent("plan:all")]
    assert consent.may_share(every, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "plan_item:7")
    one = [_consent("plan_item:7")]
    assert consent.may_share(one, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "plan_item:7")
    assert not consent.may_share(one, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "plan_item:8")
    assert not consent.may_share(one, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "plan:all")


def test_plan_covers_only_items_the_recipient_takes_part_in() -> None:
    theirs = [_consent("plan")]
    assert not consent.may_share(
        theirs, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "plan_item:7"
    )
    assert consent.may_share(
        theirs, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", "plan_item:7", takes_part=True
    )
    items = [{"id": 1, "what": "bussen"}, {"id": 2, "what": "posten"}]
    shared = consent.shareable_items(
        theirs, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", items, [2]
    )
    assert shared == [{"id": 2, "what": "posten"}]


def test_shareable_items_filters_plan_item_dicts() -> None:
    given_ = [_consent("plan_item:2"), _consent("plan_item:3", revoked=True)]
    items = [{"id": 1}, {"id": 2}, {"id": 3}]
    assert consent.shareable_items(given_, RecipientKind.MEDBORGERGUIDE, "Per Guidesen", items) == [
        {"id": 2}
    ]
    assert consent.shareable_items(given_, RecipientKind.VEN, "Per Guidesen", items) == []


# --- the rule, for every ledger ----------------------------------------------------

RECIPIENTS = [
    (RecipientKind.MEDBORGERGUIDE, "Per Guidesen"),
    (RecipientKind.VEN, "Sara"),
    (RecipientKind.AFDELING, "jobcenter"),
]
ITEMS = [1, 2, 3]
SCOPES = ["plan:all", "mig_card", "topics"] + [f"plan_item:{i}" for i in ITEMS]

step = st.one_of(
    st.tuples(
        st.just("grant"),
        st.sampled_from(range(len(RECIPIENTS))),
        st.sampled_from(SCOPES),
        st.sampled_from(["", " ", "upper"]),
    ),
    st.tuples(st.just("revoke"), st.integers(min_value=0, max_value=20)),
)


def _spelled(name: str, how: str) -> str:
    return name.upper() if how == "upper" else f"{how}{name}{how}"


@settings(max_examples=60, deadline=None)
@given(steps=st.lists(step, max_size=14))
def test_an_item_is_shareable_iff_an_active_consent_covers_it(steps: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "facilitator.db", clock=TickingClock())
        try:
            cid = people.add_citizen(store, "Karsten Demo-Lund").id
            # A consent names an item that exists: the citizen's plan holds items 1, 2, 3.
            meeting = register.add_meeting(store, cid)
            made = [plan.add_plan_item(store, meeting.id, f"Punkt {i}").id for i in ITEMS]
            assert made == ITEMS
            # the model: which (recipient index, scope) pairs are active, by consent id
            model: dict[int, tuple[int, str]] = {}
            for action in steps:
                if action[0] == "grant":
                    _, who, scope, how = action
                    kind, name = RECIPIENTS[who]
                    given_ = consent.grant(store, cid, kind, _spelled(name, how), scope)
                    model[given_.id] = (who, scope)
                else:
                    ledger = consent.ledger(store, cid)
                    if not ledger:
                        continue
                    target = ledger[action[1] % len(ledger)]
                    consent.revoke(store, target.id)
                    model.pop(target.id, None)
                    # revoking always removes access to exactly that scope, unless a
                    # category still held covers it
                    still = set(model.values())
                    who = next(i for i, r in enumerate(RECIPIENTS) if r[0] == target.recipient_kind)
                    covered = (who, target.scope) in still or (
                        target.scope.startswith("plan_item:") and (who, "plan:all") in still
                    )
                    assert (
                        consent.may_share(
                            consent.ledger(store, cid),
                            target.recipient_kind,
                            target.recipient,
                            target.scope,
                        )
                        is covered
                    )
                ledger = consent.ledger(store, cid)
                held = set(model.values())
                for who, (kind, name) in enumerate(RECIPIENTS):
                    for item in ITEMS:
                        expected = (who, f"plan_item:{item}") in held or (who, "plan:all") in held
                        assert (
                            consent.may_share(ledger, kind, name, f"plan_item:{item}") is expected
                        )
                    for scope in ("mig_card", "topics", "dreams"):
                        assert consent.may_share(ledger, kind, name, scope) is (
                            (who, scope) in held
                        )
                    shared = consent.shareable_items(ledger, kind, name, [{"id": i} for i in ITEMS])
                    assert [s["id"] for s in shared] == [
                        i
                        for i in ITEMS
                        if (who, f"plan_item:{i}") in held or (who, "plan:all") in held
                    ]
            # revoking everything leaves nothing shareable with anyone
            for c in consent.active(store, cid):
                consent.revoke(store, c.id)
            ledger = consent.ledger(store, cid)
            assert not any(
                consent.may_share(ledger, kind, name, scope)
                for kind, name in RECIPIENTS
                for scope in SCOPES
            )
        finally:
            store.close()
