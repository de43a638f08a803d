"""The citizen's rights: export everything, share only what was consented, be forgotten whole."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

from facilitator.directory import suggestions
from facilitator.directory.corpus import content_hash
from facilitator.directory.embeddings import HashingEmbedder, to_blob
from facilitator.directory.ranking import SuggestionIndex
from facilitator.documents.render import render_plan
from facilitator.domain.records import MigCard
from facilitator.domain.vocabulary import (
    NoteKind,
    ParticipantKind,
    Phase,
    Rating,
    RecipientKind,
    Who,
)
from facilitator.meetings import closing, consent, people, plan, register
from facilitator.meetings.session import MeetingSession
from facilitator.rights import erasure, export
from facilitator.storage import paths
from facilitator.storage.store import Store, _backup
from tests.conftest import TickingClock, run_cli
from tests.figures import record

MARKER = "Qvistrup7Zebramarkør"
CPR = "311299-4321"


def marked_citizen(store: Store, marker: str = MARKER, cpr: str = CPR) -> tuple[int, int]:
    """A citizen with ``marker`` in every kind of record the product keeps about them."""
    citizen = people.add_citizen(store, f"Borger {marker}", born_year=1950)
    people.save_mig_card(
        store,
        MigCard(citizen.id, about=f"Om mig {marker}", likes="svømning", dreams=f"drøm {marker}"),
    )
    earlier = register.add_meeting(store, citizen.id, title=f"Første {marker}")
    meeting = register.add_meeting(store, citizen.id, title=f"Møde {marker}")
    register.add_topic(store, meeting.id, f"Bussen {marker}")
    session = MeetingSession(store, meeting.id)
    guide = session.add_participant(
        f"Per {marker}", ParticipantKind.MEDBORGERGUIDE, f"guide {marker}"
    )
    session.set_phase(Phase.VELKOMST)
    session.set_phase(Phase.RUNDER)
    session.add_note(NoteKind.OENSKE, f"Jeg vil gerne tage bussen til svømning {marker}.")
    session.add_note(NoteKind.DROEM, f"Jeg drømmer om at spille violin igen {marker}.")
    note = session.add_note(NoteKind.BEHOV, f"Mit CPR er {cpr} og posten {marker} er svær.")
    session.edit_note(note.id, f"Mit CPR er {cpr} og posten {marker} er svær for mig.")
    session.advance()
    assert session.state.current_speaker and session.state.current_speaker.id == guide.id
    session.add_note(NoteKind.RESSOURCE, f"Jeg kan tage med {marker}.")
    session.set_phase(Phase.PLAN)
    index = SuggestionIndex(HashingEmbedder())
    index.build(store)
    ranked = suggestions.rank_for_meeting(store, index, meeting.id)
    assert ranked and any(marker in r.why for r in ranked)
    suggestions.store_ranked(store, meeting.id, ranked)
    first = store.rows("SELECT id FROM suggestions WHERE meeting_id = ?", [meeting.id])[0]["id"]
    suggestions.rate(store, first, Rating.GLAD)
    suggestions.accept(store, first)
    plan.add_plan_item(
        store,
        meeting.id,
        f"Jeg øver bussen {marker}",
        who=Who.SAMMEN,
        with_whom=f"Per {marker}",
        follow_up="Per",
        reason=f"fordi {marker}",
    )
    closing.set_handover(store, meeting.id, f"Per får brevet {marker}")
    closing.answer(store, meeting.id, 1, f"Godt møde {marker}")
    version = plan.save_version(store, meeting.id, render_plan)
    plan.approve(store, meeting.id, version.version, f"Borger {marker}")
    given = consent.grant(store, citizen.id, RecipientKind.MEDBORGERGUIDE, f"Per {marker}", "plan")
    consent.revoke(store, given.id)
    consent.grant(store, citizen.id, RecipientKind.VEN, f"Sara {marker}", "topics")
    # Embeddings of the citizen's texts, as a backend that stores note vectors would keep them.
    said = (f"Jeg vil gerne tage bussen til svømning {marker}.", f"Jeg kan tage med {marker}.")
    for text in said:
        vector = HashingEmbedder().embed_passages([text])[0]
        store.db.execute(
            "INSERT INTO embeddings (model, content_hash, vector) VALUES (?, ?, ?)",
            ["hashing-v1", content_hash(text), to_blob(vector)],
        )
        store.db.execute(
            "INSERT INTO sparse_vectors (model, content_hash, indices, vals) VALUES (?, ?, ?, ?)",
            ["hashing-v1", content_hash(text), b"\x01\x00\x00\x00", marker.encode()],
        )
    # A rendered plan in the citizen's documents folder.
    folder = paths.ensure_private_dir(paths.citizen_documents_dir(citizen.id))
    (folder / "plan.md").write_text(render_plan(plan.snapshot(store, meeting.id)))
    (folder / "raw-notes.txt").write_text(f"{marker} {cpr}")
    assert earlier.id != meeting.id
    return citizen.id, meeting.id


def marker_hits(root: Path, needles: list[bytes]) -> dict[str, int]:
    """Occurrences of each needle in every file under ``root`` (bytes, not text)."""
    hits: dict[str, int] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                count = data.count(needle)
                if count:
                    hits[f"{path.relative_to(root)}:{needle.decode()}"] = count
    return hits


def logical(store: Store, citizen_id: int) -> dict[str, object]:
    """Everything held about one citizen (for "the others are untouched")."""
    document = export.export_citizen(store, citizen_id, audit=False)
    document.pop("exported_at")
    document.pop("audit_log")
    return document


# --- export ------------------------------------------------------------------------


def test_export_holds_everything(demo_store: Store) -> None:
    cid, mid = marked_citizen(demo_store)
    document = export.export_citizen(demo_store, cid)
    assert document["format"] == export.EXPORT_FORMAT
    assert document["citizen"]["name"] == f"Borger {MARKER}"
    assert document["mig_cards"][0]["about"] == f"Om mig {MARKER}"
    assert len(document["consents"]) == 2  # the revoked one too, with its date
    assert any(c["revoked_at"] for c in document["consents"])
    meeting = next(m for m in document["meetings"] if m["id"] == mid)
    texts = [n["text"] for n in meeting["notes"]]
    assert f"Mit CPR er {CPR} og posten {MARKER} er svær for mig." in texts  # theirs: unmasked
    assert meeting["topics"][0]["text"] == f"Bussen {MARKER}"
    assert meeting["suggestions"] and all("entry_title" in s for s in meeting["suggestions"])
    assert meeting["plan_versions"][0]["approved_at"]
    assert isinstance(meeting["plan_versions"][0]["snapshot"], dict)
    assert meeting["feedback"][0]["answer"] == f"Godt møde {MARKER}"
    assert {"turns", "rounds", "phases", "participants", "plan_items"} <= set(meeting)
    assert document["documents"] == ["plan.md", "raw-notes.txt"]
    assert document["embeddings"] == {"embeddings": 2, "sparse_vectors": 2}
    assert {e["action"] for e in document["audit_log"]} >= {"create", "change", "approve"}
    # Plain JSON all the way through (no bytes, no objects).
    json.dumps(document, ensure_ascii=False)
    # Nobody else's data is in it.
    assert "Karsten" not in json.dumps(document, ensure_ascii=False)


def test_export_command_stdout_and_file(demo_store: Store, tmp_path: Path) -> None:
    cid, _ = marked_citizen(demo_store)
    demo_store.close()
    printed = run_cli("export", str(cid))
    assert printed.code == 0, printed
    assert json.loads(printed.out)["citizen"]["id"] == cid
    by_name = run_cli("export", f"borger {MARKER.lower()}")  # by name, any case
    assert json.loads(by_name.out)["citizen"]["id"] == cid
    target = tmp_path / "mine.json"
    written = run_cli("export", str(cid), "-o", str(target))
    assert written.code == 0, written
    assert json.loads(target.read_text(encoding="utf-8"))["citizen"]["id"] == cid
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with Store.open() as store:
        actions = [
            r["action"]
            for r in store.rows(
                "SELECT action FROM audit_log WHERE citizen_id = ? ORDER BY id", [cid]
            )
        ]
    assert actions[-3:] == ["export", "export", "export"]
    refused = run_cli("export", str(cid), "-o", str(tmp_path / "no" / "such.json"))
    assert refused.code != 0 and "Traceback" not in refused.err
    with Store.open() as store:
        after = store.rows("SELECT action FROM audit_log WHERE citizen_id = ?", [cid])
    assert len(after) == len(actions)  # a refused export hands out nothing and logs nothing


# --- export for a recipient: the consent ledger decides ------------------------------


def test_export_for_a_recipient_holds_only_what_was_consented(demo_store: Store) -> None:
    cid, mid = marked_citizen(demo_store)
    per = f"Per {MARKER}"
    nothing = export.export_for(
        demo_store, cid, RecipientKind.MEDBORGERGUIDE, per
    )  # the consent is revoked
    assert "mig_card" not in nothing and nothing["meetings"] == []
    consent.grant(demo_store, cid, RecipientKind.MEDBORGERGUIDE, per, "plan")
    shared = export.export_for(demo_store, cid, RecipientKind.MEDBORGERGUIDE, per)
    items = [i for m in shared["meetings"] for i in m.get("plan", [])]
    assert [i["what"] for i in items] == [f"Jeg øver bussen {MARKER}"]  # the one Per is part of
    assert "mig_card" not in shared and "dreams" not in shared
    assert all("topics" not in m for m in shared["meetings"])
    consent.grant(demo_store, cid, RecipientKind.MEDBORGERGUIDE, per, "mig_card")
    consent.grant(demo_store, cid, RecipientKind.MEDBORGERGUIDE, per, "dreams")
    more = export.export_for(demo_store, cid, RecipientKind.MEDBORGERGUIDE, per)
    assert more["mig_card"]["about"] == f"Om mig {MARKER}"
    assert more["meetings"][-1]["dreams"] == [f"Jeg drømmer om at spille violin igen {MARKER}."]
    text = json.dumps(more, ensure_ascii=False)
    assert "posten" not in text  # a need is no dream: notes are never shared as such
    # Someone else, or the same name as another kind, gets nothing.
    assert export.export_for(demo_store, cid, RecipientKind.VEN, per)["meetings"] == []
    sara = export.export_for(demo_store, cid, RecipientKind.VEN, f"Sara {MARKER}")
    assert sara["meetings"][-1]["topics"] == [f"Bussen {MARKER}"]
    assert "plan" not in sara["meetings"][-1]
    audit = demo_store.rows(
        "SELECT action FROM audit_log WHERE action IN ('share', 'share_nothing') ORDER BY id"
    )
    # The audit says what was shared, or that nothing was (no consent, nothing sent).
    assert [r["action"] for r in audit] == [
        "share_nothing",
        "share",
        "share",
        "share_nothing",
        "share",
    ]
    assert mid


def test_export_for_masks_cpr(demo_store: Store) -> None:
    cid, mid = marked_citizen(demo_store)
    plan.add_plan_item(demo_store, mid, f"Ring {CPR} op", with_whom="Per", follow_up="Per")
    for scope in ("plan:all", "mig_card", "topics", "dreams"):
        consent.grant(demo_store, cid, RecipientKind.MEDBORGERGUIDE, "Per", scope)
    shared = json.dumps(export.export_for(demo_store, cid, RecipientKind.MEDBORGERGUIDE, "Per"))
    assert "Ring XXXXXX-XXXX op" in shared
    assert CPR not in shared and CPR.replace("-", "") not in shared


def test_takes_part_by_full_or_first_name() -> None:
    here = ["Karsten Demo-Lund", "Per Guidesen", "Lone Hansen", "Mette Bo"]
    assert consent.takes_part({"with_whom": "Per (medborgerguide)"}, "Per Guidesen", here)
    assert consent.takes_part({"follow_up": "Lone og Per Guidesen"}, "per guidesen", here)
    assert consent.takes_part({"with_whom": "Mette, Per"}, "Per Guidesen", here)
    # A first name alone names only a participant, and only the one who has it.
    assert not consent.takes_part({"with_whom": "Per"}, "Per Guidesen")
    assert not consent.takes_part({"with_whom": "Peter (nabo)"}, "Per Guidesen")
    assert not consent.takes_part({"with_whom": "Mette (bostøtte)"}, "Per Guidesen")
    assert not consent.takes_part({"with_whom": "Per"}, "   ")
    assert not consent.takes_part({"with_whom": "to gange per uge"}, "Per Guidesen")


# --- forget: every trace, down to the bytes of the file --------------------------------


def test_forget_leaves_no_byte_of_the_citizen(home: Path, clock: TickingClock) -> None:
    from facilitator.demo import load_demo

    store = Store.open(clock=clock)
    load_demo(store)
    karsten = people.list_citizens(store)[0].id
    keep = "Bevarmig4Andenborger"
    other, _ = marked_citizen(store, keep, "010203-4567")
    cid, _ = marked_citizen(store)
    # A backup made before a migration holds the citizen too.
    backup = _backup(store.path, clock)
    before = {karsten: logical(store, karsten), other: logical(store, other)}
    store.close()
    needles = [MARKER.encode(), CPR.encode(), CPR.replace("-", "").encode()]
    found = {key.split(":")[0] for key in marker_hits(home, needles)}
    assert {"facilitator.db", backup.relative_to(home).as_posix()} <= found  # there to be found
    assert f"documents/citizen-{cid}/plan.md" in found

    result = run_cli("forget", str(cid), "--yes")
    assert result.code == 0, result
    assert "slettet" in result.out

    hits = marker_hits(home, needles)
    wal = Path(f"{home / 'facilitator.db'}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert hits == {}, hits
    with Store.open() as store:
        assert {c.id for c in people.list_citizens(store)} == {karsten, other}
        after = {karsten: logical(store, karsten), other: logical(store, other)}
        erased = store.rows("SELECT * FROM audit_log WHERE citizen_id = ?", [cid])
        assert [(e["action"], e["object_kind"], e["object_id"]) for e in erased] == [
            ("erase", "citizen", str(cid))
        ]
        counts = {
            t: store.row(  # type: ignore[index]
                f'SELECT count(*) AS n FROM "{t}" WHERE content_hash NOT IN'
                " (SELECT content_hash FROM corpus_entries)"
                " AND content_hash NOT LIKE 'need:%'"  # the needs taxonomy's examples
            )["n"]
            for t in ("embeddings", "sparse_vectors")
        }
    assert after == before  # the others are untouched
    assert counts == {"embeddings": 2, "sparse_vectors": 2}  # the other citizen's notes
    assert not paths.citizen_documents_dir(cid).exists()
    assert paths.citizen_documents_dir(other).exists()
    conn = sqlite3.connect(backup)
    names = [r[0] for r in conn.execute("SELECT name FROM citizens ORDER BY id")]
    conn.close()
    assert names == ["Karsten Demo-Lund", f"Borger {keep}"]  # the copy is cleaned, not lost
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    scanned = [p for p in home.rglob("*") if p.is_file()]
    record(
        "forget",
        marker_bytes_left=sum(hits.values()),
        files_scanned=len(scanned),
        bytes_scanned=sum(p.stat().st_size for p in scanned),
        needles=len(needles),
    )


def test_forget_asks_first(demo_store: Store) -> None:
    cid, _ = marked_citizen(demo_store)
    demo_store.close()
    for answer in ("nej\n", "\n", "", "måske\n"):
        result = run_cli("forget", str(cid), input=answer)
        assert result.code != 0, (answer, result)
        assert "Intet er slettet" in result.err
    assert run_cli("export", str(cid)).code == 0
    assert run_cli("forget", str(cid), input="ja\n").code == 0
    gone = run_cli("export", str(cid))
    assert gone.code != 0 and "ingen borger" in gone.err


def test_forget_an_id_reused_later_spares_the_older_backup(home: Path, clock: TickingClock) -> None:
    store = Store.open(clock=clock)
    first = people.add_citizen(store, "Anna Første")
    backup = _backup(store.path, clock)
    store.db.execute("DELETE FROM citizens WHERE id = ?", [first.id])  # not via forget
    # Since m009 an id is never handed out again; a store from before could have done so.
    store.insert("citizens", {"id": first.id, "name": "Bent Anden", "created_at": store.now()})
    second = people.get_citizen(store, first.id)
    report = erasure.forget_citizen(store, second.id)
    store.close()
    assert report.backups_cleaned == report.backups_removed == 0
    conn = sqlite3.connect(backup)
    assert [r[0] for r in conn.execute("SELECT name FROM citizens")] == ["Anna Første"]
    conn.close()


# --- the audit log ---------------------------------------------------------------------


def test_audit_names_objects_never_text(demo_store: Store) -> None:
    cid, mid = marked_citizen(demo_store)
    demo_store.close()
    assert run_cli("plan", str(mid)).code == 0
    assert run_cli("export", str(cid)).code == 0
    with Store.open() as store:
        notes = [r["text"] for r in store.rows("SELECT text FROM notes")]
        rows = store.rows("SELECT * FROM audit_log")
    flat = json.dumps(rows, ensure_ascii=False)
    assert MARKER not in flat and CPR not in flat
    assert not any(n in flat for n in notes)
    me = {r["os_user"] for r in rows}
    assert len(me) == 1 and me.pop()
    actions = {r["action"] for r in rows if r["citizen_id"] == cid}
    assert {"create", "change", "render", "export", "approve", "grant", "revoke"} <= actions
    listing = run_cli("audit", "--citizen", str(cid))
    assert listing.code == 0
    assert "godkendte" in listing.out and "eksporterede" in listing.out
    assert all(f"(borger {cid})" in line for line in listing.out.splitlines())
    as_json = json.loads(run_cli("audit", "--json", "-n", "5").out)
    assert len(as_json) == 5 and as_json[-1]["action"] == "export"
    english = run_cli("--lang", "en", "audit", "--citizen", str(cid))
    assert "approved" in english.out
    assert run_cli("forget", str(cid), "--yes").code == 0
    after = run_cli("audit", "--citizen", str(cid))
    assert after.out.strip().endswith(f"slettede for altid  borger {cid}  (borger {cid})")
    for bad in (["audit", "--citizen", "Karsten"], ["audit", "-n", "0"], ["audit", "-n", "x"]):
        refused = run_cli(*bad)
        assert refused.code != 0 and len(refused.err.strip().splitlines()) == 1, refused


def test_forget_erases_audit_entries_that_name_only_the_object(demo_store: Store) -> None:
    cid, mid = marked_citizen(demo_store)
    other = people.find_citizen(demo_store, "Karsten Demo-Lund").id
    mine = demo_store.row("SELECT id FROM notes WHERE meeting_id = ? LIMIT 1", [mid])
    theirs = demo_store.row("SELECT id FROM notes WHERE meeting_id <> ? LIMIT 1", [mid])
    assert mine and theirs and other != cid
    demo_store.audit("read", "note", mine["id"])  # written without the citizen's id
    demo_store.audit("read", "note", theirs["id"])
    demo_store.audit("read", "plan", mid)
    report = erasure.forget_citizen(demo_store, cid)
    assert report.journal_clean and report.rows["audit_log"] > 3
    left = demo_store.rows(
        "SELECT object_kind, object_id, citizen_id FROM audit_log WHERE action = 'read'"
    )
    assert left == [{"object_kind": "note", "object_id": str(theirs["id"]), "citizen_id": None}]
