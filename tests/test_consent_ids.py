"""Identities are never reused, and nothing unconsented reaches a recipient (issue 14, 12).

* an id (plan item, citizen, consent, …) is handed out once: a consent, an audit entry or an
  export that points to it can never come to point to something else (migration m011);
* a consent to a plan item ends with the item;
* "takes part" is decided by participant, not by first name; an ambiguous name shares nothing;
* an export to a recipient holds exactly what that recipient's consents allow, the citizen's
  name included, and its audit entry says what was shared;
* the brief, the export and the language model's fields all ask :mod:`consent`, and only it.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
)

from facilitator.documents import compose
from facilitator.domain.errors import Conflict, FacilitatorError, NotFound
from facilitator.domain.records import MigCard
from facilitator.domain.vocabulary import ParticipantKind, RecipientKind
from facilitator.meetings import consent, people, plan, register
from facilitator.meetings.session import MeetingSession
from facilitator.rights import erasure, export
from facilitator.storage import migrations as migrations_module
from facilitator.storage import paths
from facilitator.storage.store import Store
from tests.conftest import TickingClock

GUIDE = RecipientKind.MEDBORGERGUIDE
ROOT = Path(__file__).resolve().parent.parent


def _citizen_with_guide(store: Store, guide: str = "Per Guidesen") -> tuple[int, int]:
    citizen = people.add_citizen(store, "Karsten Demo-Lund")
    meeting = register.add_meeting(store, citizen.id)
    MeetingSession(store, meeting.id).add_participant(guide, ParticipantKind.MEDBORGERGUIDE)
    return citizen.id, meeting.id


def _shown(store: Store, guide: str, cid: int) -> str:
    """Everything the guide could be handed: the brief's data, the brief, the export."""
    brief = json.dumps(compose.brief_data(store, guide, cid), ensure_ascii=False)
    rendered = str(compose.render_brief(store, guide, cid, "md").content)
    shared = json.dumps(export.export_for(store, cid, GUIDE, guide), ensure_ascii=False)
    return "\n".join((brief, rendered, shared))


# --- A: the repro ----------------------------------------------------------------


def test_a_deleted_items_consent_never_covers_the_next_item(home: Path) -> None:
    store = Store.open(clock=TickingClock())
    cid, mid = _citizen_with_guide(store)
    plan.add_plan_item(store, mid, "Jeg går en tur hver dag")
    second = plan.add_plan_item(store, mid, "Jeg øver bussen")
    consent.grant(store, cid, GUIDE, "Per Guidesen", consent.item_scope(second.id))
    plan.delete_plan_item(store, second.id)
    new = plan.add_plan_item(store, mid, "Jeg starter i alkoholbehandling på Misbrugscentret")
    assert new.id != second.id  # an id is handed out once
    assert "alkoholbehandling" not in _shown(store, "Per Guidesen", cid)
    # The consent ended with its item, and the ending is in the audit log.
    assert consent.active(store, cid) == []
    revoked = store.rows("SELECT object_id FROM audit_log WHERE action = 'revoke'")
    assert len(revoked) == 1
    # A consent names an item that exists and is the citizen's, never an id to come.
    with pytest.raises(FacilitatorError):
        consent.grant(store, cid, GUIDE, "Per Guidesen", consent.item_scope(new.id + 1))
    with pytest.raises(FacilitatorError):
        consent.grant(store, cid, GUIDE, "Per Guidesen", consent.item_scope(second.id))


def test_a_forgotten_citizens_id_is_not_the_next_citizens(home: Path) -> None:
    store = Store.open(clock=TickingClock())
    people.add_citizen(store, "Anna Første")
    second = people.add_citizen(store, "Bent Anden")
    erasure.forget_citizen(store, second.id)
    third = people.add_citizen(store, "Carl Tredje")
    assert third.id > second.id
    own = store.rows("SELECT action FROM audit_log WHERE citizen_id = ?", [third.id])
    assert [r["action"] for r in own] == ["create"]  # not Bent's erasure record
    assert "erase" not in json.dumps(export.export_citizen(store, third.id, audit=False))


# --- A: the migration keeps data, keys and triggers, and never hands an old id out --------


def test_migration_rebuilds_with_autoincrement_and_skips_every_used_id(home: Path) -> None:
    path = home / "facilitator.db"
    paths.ensure_private_dir(home)
    db_conn = sqlite3.connect(path)
    db_conn.execute("PRAGMA foreign_keys = ON")
    from sqlite_utils import Database

    db = Database(db_conn)
    migrations_module.migrations.apply(db, stop_before="m011_ids_never_reused")
    with Store(db, path, TickingClock()) as old:
        cid, mid = _citizen_with_guide(old)
        keep = plan.add_plan_item(old, mid, "Jeg går en tur")
        gone = plan.add_plan_item(old, mid, "Jeg øver bussen")
        old.db.execute("DELETE FROM plan_items WHERE id = ?", [gone.id])  # the old way
        old.audit("delete", "plan_item", gone.id, cid)
        old.audit("share", "note", 41, cid)  # an id only the audit log still names
        version = plan.save_version(old, mid)
        plan.approve(old, mid, version.version, "Karsten")
    assert gone.id == keep.id + 1
    with Store.open(clock=TickingClock()) as store:
        assert "m011_ids_never_reused" in store.applied_migrations()
        schema = {
            str(r["name"]): str(r["sql"])
            for r in store.rows("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        }
        for table in ("citizens", "meetings", "participants", "plan_items", "consents", "notes"):
            assert "AUTOINCREMENT" in schema[table], table
        assert "plan_versions_approved_are_final" in schema  # the trigger is back
        assert "meetings_citizen" in schema and "notes_meeting" in schema  # and the indexes
        assert [i.what for i in plan.plan_items(store, mid)] == ["Jeg går en tur"]
        with pytest.raises(sqlite3.IntegrityError, match="approved"):
            store.db.execute("UPDATE plan_versions SET rendered_md = 'x'")
        with pytest.raises(Conflict) as refused:  # foreign keys hold
            store.insert(
                "plan_items", {"meeting_id": 999, "what": "x", "created_at": "", "updated_at": ""}
            )
        assert isinstance(refused.value.__cause__, sqlite3.IntegrityError)
        new = plan.add_plan_item(store, mid, "Ny")
        assert new.id > 41  # above every id ever used, even one only the audit log names
        assert people.add_citizen(store, "Ny Borger").id > 41
        # Cascades still reach the rebuilt tables: forgetting removes every row.
        erasure.forget_citizen(store, cid)
        assert store.rows("SELECT id FROM plan_items") == []
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


# --- B: an export to a recipient holds only what was consented ---------------------------


def test_export_to_a_recipient_without_consent_holds_no_name(home: Path) -> None:
    store = Store.open(clock=TickingClock())
    cid, _ = _citizen_with_guide(store)
    nothing = export.export_for(store, cid, GUIDE, "Per Guidesen")
    assert "Karsten" not in json.dumps(nothing, ensure_ascii=False)
    assert store.rows("SELECT action FROM audit_log WHERE action LIKE 'share%'") == [
        {"action": "share_nothing"}
    ]
    consent.grant(store, cid, GUIDE, "Per Guidesen", "topics")
    assert "Karsten" not in json.dumps(export.export_for(store, cid, GUIDE, "Per Guidesen"))
    people.save_mig_card(store, MigCard(cid, about="Jeg kan lide fisk"))
    consent.grant(store, cid, GUIDE, "Per Guidesen", "mig_card")
    named = export.export_for(store, cid, GUIDE, "Per Guidesen")
    assert named["citizen"] == {"name": "Karsten Demo-Lund"}
    last = store.rows("SELECT action, object_id FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert last == {"action": "share", "object_id": "mig_card, name"}


# --- C: takes part by participant -------------------------------------------------------


def test_plan_for_per_guidesen_does_not_share_another_pers_items(home: Path) -> None:
    store = Store.open(clock=TickingClock())
    cid, mid = _citizen_with_guide(store)
    MeetingSession(store, mid).add_participant("Per Hansen", ParticipantKind.FRIVILLIG)
    plan.add_plan_item(store, mid, "Fisketur med Per", with_whom="Per")
    plan.add_plan_item(store, mid, "Bussen med guiden", with_whom="Per Guidesen")
    consent.grant(store, cid, GUIDE, "Per Guidesen", "plan")
    shown = _shown(store, "Per Guidesen", cid)
    assert "Bussen med guiden" in shown
    assert "Fisketur" not in shown  # "Per" could be either: it goes to neither
    assert consent.ambiguous("Per Guidesen", ["Per Guidesen", "Per Hansen"])
    assert not consent.ambiguous("Per Guidesen", ["Per Guidesen", "Lone Berg"])


# --- D: one rule, in one place -----------------------------------------------------------


def test_brief_export_and_prompt_ask_consent_and_nothing_else(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the consent module saying no to everything, nothing of the plan, the card, the
    contact or the name reaches the brief, the rendered brief or the export."""
    store = Store.open(clock=TickingClock())
    cid, mid = _citizen_with_guide(store)
    people.save_mig_card(store, MigCard(cid, about="HEMMELIGT-kort", contact="HEMMELIGT-tlf"))
    register.add_topic(store, mid, "HEMMELIGT-emne")
    plan.add_plan_item(store, mid, "HEMMELIGT-punkt", with_whom="Per Guidesen")
    for scope in ("plan", "plan:all", "mig_card", "contact", "topics", "dreams"):
        consent.grant(store, cid, GUIDE, "Per Guidesen", scope)
    assert "HEMMELIGT-punkt" in _shown(store, "Per Guidesen", cid)
    asked: list[str] = []

    def never(*args: Any, **kwargs: Any) -> bool:
        asked.append(str(args[3]))
        return False

    monkeypatch.setattr(consent, "may_share", never)
    shown = _shown(store, "Per Guidesen", cid)
    assert "HEMMELIGT" not in shown
    assert {"mig_card", "contact", "topics"} <= set(asked)
    assert any(a.startswith(consent.ITEM_PREFIX) for a in asked)


def test_no_module_but_consent_matches_recipients_or_names() -> None:
    """The rule "is this consent for this recipient / does this person take part" is written
    in meetings/consent.py only."""
    pattern = re.compile(
        r"recipient_kind\s*==|normalise_recipient\(\s*\w+\.recipient\b|_name_parts|\.takes_part\("
    )
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "facilitator").rglob("*.py")
        if path.name != "consent.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# --- A–D as one property: random steps, never an unconsented word to anyone ---------------


GUIDES = ("Per Guidesen", "Per Hansen", "Lone Berg")
WITH_WHOM = ("", "Per", "Per Guidesen", "Lone", "Per Hansen", "Lone Berg, Per", "Per og Lone")


def _first(name: str) -> str:
    return name.split()[0].casefold()


def _model_takes_part(with_whom: str, guide: str, everyone: list[str]) -> bool:
    """The rule as the issue states it, written apart from the code under test."""
    entries = {e.strip().casefold() for e in re.split(r",| og ", with_whom) if e.strip()}
    if everyone.count(guide) > 1:
        return False
    if guide.casefold() in entries:
        return True
    return (
        _first(guide) in entries
        and guide in everyone
        and sum(_first(n) == _first(guide) for n in everyone) == 1
    )


class NothingUnconsented(RuleBasedStateMachine):
    """Citizens, guides, plan items and consents come and go; after every step each guide
    sees (brief, rendered brief, export) only what an independent model of the consents
    allows. The model names items by their text, never by id: a reused id shows up as a
    leak."""

    def __init__(self) -> None:
        super().__init__()
        self.home = Path(tempfile.mkdtemp())
        self.store = Store.open(self.home / "facilitator.db", clock=TickingClock())
        # A throwaway file: no wait for the disk after each step (the steps stay the same).
        self.store.db.execute("PRAGMA synchronous = OFF")
        self.n = 0
        # citizen id -> model: meeting, participants ever, items alive, consents given
        self.citizens: dict[int, dict[str, Any]] = {}

    def teardown(self) -> None:
        self.store.close()

    def _mark(self, kind: str) -> str:
        self.n += 1
        return f"M{kind}{self.n}Q"

    @rule()
    def add_citizen(self) -> None:
        name = f"Borger {self._mark('navn')}"
        citizen = people.add_citizen(self.store, name)
        meeting = register.add_meeting(self.store, citizen.id)
        card = MigCard(citizen.id, about=self._mark("kort"), contact=self._mark("tlf"))
        people.save_mig_card(self.store, card)
        topic = self._mark("emne")
        register.add_topic(self.store, meeting.id, topic)
        self.citizens[citizen.id] = {
            "meeting": meeting.id,
            "name": name,
            "card": card.about,
            "contact": card.contact,
            "topic": topic,
            "everyone": [name],
            "active": {},  # participant id -> name
            "items": {},  # item id -> (text, with_whom)
            "consents": [],  # (guide, scope, item text or None)
        }

    @precondition(lambda self: self.citizens)
    @rule(data=st.data(), guide=st.sampled_from(GUIDES))
    def add_guide(self, data: st.DataObject, guide: str) -> None:
        cid = data.draw(st.sampled_from(sorted(self.citizens)))
        model = self.citizens[cid]
        added = MeetingSession(self.store, model["meeting"]).add_participant(
            guide, ParticipantKind.MEDBORGERGUIDE
        )
        model["everyone"].append(guide)
        model["active"][added.id] = guide

    @precondition(lambda self: any(m["active"] for m in self.citizens.values()))
    @rule(data=st.data())
    def remove_guide(self, data: st.DataObject) -> None:
        cid = data.draw(st.sampled_from([c for c, m in self.citizens.items() if m["active"]]))
        model = self.citizens[cid]
        pid = data.draw(st.sampled_from(sorted(model["active"])))
        MeetingSession(self.store, model["meeting"]).remove_participant(pid)
        del model["active"][pid]

    @precondition(lambda self: self.citizens)
    @rule(data=st.data(), with_whom=st.sampled_from(WITH_WHOM))
    def add_item(self, data: st.DataObject, with_whom: str) -> None:
        cid = data.draw(st.sampled_from(sorted(self.citizens)))
        model = self.citizens[cid]
        text = self._mark("punkt")
        item = plan.add_plan_item(self.store, model["meeting"], text, with_whom=with_whom)
        model["items"][item.id] = (text, with_whom)

    @precondition(lambda self: any(m["items"] for m in self.citizens.values()))
    @rule(data=st.data())
    def delete_item(self, data: st.DataObject) -> None:
        cid = data.draw(st.sampled_from([c for c, m in self.citizens.items() if m["items"]]))
        model = self.citizens[cid]
        item_id = data.draw(st.sampled_from(sorted(model["items"])))
        plan.delete_plan_item(self.store, item_id)
        del model["items"][item_id]

    @precondition(lambda self: self.citizens)
    @rule(
        data=st.data(),
        guide=st.sampled_from(GUIDES),
        scope=st.sampled_from(("plan", "mig_card", "contact", "topics", "item", "item")),
    )
    def give_consent(self, data: st.DataObject, guide: str, scope: str) -> None:
        cid = data.draw(st.sampled_from(sorted(self.citizens)))
        model = self.citizens[cid]
        item: str | None = None
        if scope == "item":  # an item alive now, or an id that was used before (or not yet)
            number = data.draw(st.integers(1, max(self.n, 1) + 2))
            item = model["items"].get(number, (None,))[0]
            scope = consent.item_scope(number)
            if item is None:  # not this citizen's item (any more, or yet): refused
                with pytest.raises(FacilitatorError):
                    consent.grant(self.store, cid, GUIDE, guide, scope)
                return
        consent.grant(self.store, cid, GUIDE, guide, scope)
        model["consents"].append((guide, scope, item))

    @precondition(lambda self: any(m["consents"] for m in self.citizens.values()))
    @rule(data=st.data())
    def revoke(self, data: st.DataObject) -> None:
        cid = data.draw(st.sampled_from([c for c, m in self.citizens.items() if m["consents"]]))
        model = self.citizens[cid]
        guide, scope, _ = data.draw(st.sampled_from(model["consents"]))
        consent.set_consent(self.store, cid, GUIDE, guide, scope, False)
        model["consents"] = [c for c in model["consents"] if c[:2] != (guide, scope)]

    @precondition(lambda self: self.citizens)
    @rule(data=st.data())
    def forget(self, data: st.DataObject) -> None:
        cid = data.draw(st.sampled_from(sorted(self.citizens)))
        erasure.forget_citizen(self.store, cid)
        del self.citizens[cid]

    @invariant()
    def nothing_unconsented_reaches_a_guide(self) -> None:
        every_mark = {
            mark
            for m in self.citizens.values()
            for mark in (m["name"], m["card"], m["contact"], m["topic"])
        } | {text for m in self.citizens.values() for text, _ in m["items"].values()}
        for cid, model in self.citizens.items():
            for guide in GUIDES:
                given = {(g, s) for g, s, _ in model["consents"] if g == guide}
                scopes = {s for _, s in given}
                allowed = set()
                if "mig_card" in scopes:
                    allowed |= {model["card"], model["name"]}
                if "contact" in scopes:
                    allowed |= {model["contact"], model["name"]}
                if "topics" in scopes:
                    allowed.add(model["topic"])
                for text, with_whom in model["items"].values():
                    by_item = any(g == guide and it == text for g, _, it in model["consents"])
                    by_plan = "plan" in scopes and _model_takes_part(
                        with_whom, guide, model["everyone"]
                    )
                    if by_item or by_plan:
                        allowed.add(text)
                shared = export.export_for(self.store, cid, GUIDE, guide)
                texts = [json.dumps(shared, ensure_ascii=False)]
                if model["name"] in texts[0]:
                    assert model["name"] in allowed, (cid, guide, "name")
                try:
                    texts.append(json.dumps(compose.brief_data(self.store, guide, cid)))
                    texts.append(str(compose.render_brief(self.store, guide, cid, "md").content))
                except NotFound:  # not this citizen's guide: there is no brief to hand out
                    pass
                seen = {mark for mark in every_mark for text in texts if mark in text}
                # The brief names the citizen to their own guide (who sits in the meeting);
                # the export's name was checked above.
                seen.discard(model["name"])
                assert seen <= allowed, (cid, guide, seen - allowed)

    @invariant()
    def no_audit_entry_of_a_forgotten_citizen_is_anothers(self) -> None:
        for cid in self.citizens:
            rows = self.store.rows(
                "SELECT action FROM audit_log WHERE citizen_id = ? AND action = 'erase'", [cid]
            )
            assert rows == []


NothingUnconsented.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
# Slow (a state machine of 30 runs): `make test` runs it, `make check` not.
test_nothing_unconsented_ever_reaches_a_guide = pytest.mark.slow(NothingUnconsented.TestCase)
