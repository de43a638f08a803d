"""The plan snapshot's types name exactly the JSON that snapshot() writes and versions store."""

from __future__ import annotations

import json

from facilitator.documents.render import render_plan
from facilitator.domain import snapshot as types
from facilitator.meetings import plan, register
from facilitator.storage.store import Store
from tests.test_review import with_items


def keys(typed: type) -> set[str]:
    return set(typed.__annotations__)


def test_the_snapshot_has_exactly_the_typed_keys(demo_store: Store) -> None:
    meeting_id = with_items(demo_store)
    data = plan.snapshot(demo_store, meeting_id)
    assert set(data) == keys(types.PlanSnapshot)
    assert set(data["citizen"]) == keys(types.SnapshotCitizen)
    assert set(data["meeting"]) == keys(types.SnapshotMeeting)
    assert set(data["mig"]) == keys(types.MigWords)
    assert set(data["own"]) == keys(types.OwnWords)
    assert data["participants"]
    assert all(set(p) == keys(types.SnapshotParticipant) for p in data["participants"])
    items = data["items"] + data["not_possible"] + data["parked"]
    # "what_now" and "said_by" are NotRequired: only an item carried on from the last
    # meeting, or made from someone else's words, has them.
    every = keys(types.SnapshotItem)
    assert items and all(every - {"what_now", "said_by"} <= set(i) <= every for i in items)
    said = [i["said_by"] for i in items if "said_by" in i]
    assert all(set(w) == keys(types.SaidWords) for w in said)


def test_a_stored_version_reads_back_as_the_same_snapshot(demo_store: Store) -> None:
    meeting_id = with_items(demo_store)
    saved = plan.save_version(demo_store, meeting_id, render_plan)
    stored = demo_store.row("SELECT snapshot FROM plan_versions WHERE id = ?", [saved.id])
    assert stored is not None
    assert json.loads(stored["snapshot"]) == plan.snapshot(demo_store, meeting_id)
    assert saved.snapshot == plan.snapshot(demo_store, meeting_id)
    assert register.get_meeting(demo_store, meeting_id).id == saved.snapshot["meeting"]["id"]
