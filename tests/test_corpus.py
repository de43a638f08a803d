"""Corpus files: our JSON, plain CSV; broken files are refused whole and change nothing."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from referencing import Registry, Resource

from facilitator.directory import corpus
from facilitator.directory.corpus import CorpusError
from facilitator.storage.store import Store


@pytest.fixture(autouse=True)
def english(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English wording of import errors (Danish is the default)."""
    monkeypatch.setenv("FACILITATOR_LANG", "en")


SCHEMA_DIR = Path(__file__).resolve().parent.parent / "corpus" / "schema"
DEMO = corpus.demo_corpus_path()


def schema_validator() -> jsonschema.Draft202012Validator:
    resources = {
        p.name: Resource.from_contents(json.loads(p.read_text())) for p in SCHEMA_DIR.glob("*.json")
    }
    registry = Registry().with_resources(
        [(name, r) for name, r in resources.items()]
        + [(f"facilitator/{name}", r) for name, r in resources.items()]
    )
    root = json.loads((SCHEMA_DIR / "corpus.schema.json").read_text())
    return jsonschema.Draft202012Validator(root, registry=registry)


def snapshot(store: Store) -> tuple[list[dict[str, Any]], ...]:
    return (
        store.rows("SELECT * FROM corpus_entries ORDER BY id"),
        store.rows("SELECT * FROM departments ORDER BY id"),
        store.rows("SELECT * FROM themes ORDER BY id"),
    )


def small_doc() -> dict[str, Any]:
    return {
        "format": "facilitator-corpus/1",
        "departments": [{"id": "foreninger", "name": "Foreninger"}],
        "offers": [
            {
                "id": "o1",
                "title": "Gåtur",
                "description": "Vi går en tur.",
                "department": "foreninger",
            }
        ],
        "friends": [
            {
                "id": "f1",
                "name": "Mona Prøve",
                "role": "Rådgiver",
                "department": "foreninger",
                "can_help_with": "Bolig.",
            }
        ],
    }


def write(tmp_path: Path, doc: object, name: str = "c.json") -> Path:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def loaded(store: Store, tmp_path: Path) -> Store:
    """A store that already holds an import, so "unchanged" is a real claim."""
    corpus.import_file(store, write(tmp_path, small_doc(), "first.json"))
    return store


def test_demo_corpus_matches_the_documented_schema() -> None:
    doc = json.loads(DEMO.read_text(encoding="utf-8"))
    errors = list(schema_validator().iter_errors(doc))
    assert errors == []


def test_demo_corpus_size_and_spread() -> None:
    doc = json.loads(DEMO.read_text(encoding="utf-8"))
    assert len(doc["offers"]) >= 150 and len(doc["friends"]) >= 60
    themes = {t for o in doc["offers"] for t in o["themes"]}
    assert len(themes) >= 12
    assert len({f["department"] for f in doc["friends"]}) >= 8


def test_schema_and_importer_agree_on_required_fields(store: Store, tmp_path: Path) -> None:
    validator = schema_validator()
    for section, required in (
        ("offers", ["id", "title", "description", "department"]),
        ("friends", ["id", "name", "role", "department", "can_help_with"]),
    ):
        for fieldname in required:
            doc = small_doc()
            del doc[section][0][fieldname]
            assert list(validator.iter_errors(doc)), (section, fieldname)
            with pytest.raises(CorpusError, match=f"field '{fieldname}'"):
                corpus.import_file(store, write(tmp_path, doc))


def test_import_and_reimport(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, small_doc())
    first = corpus.import_file(store, path)
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    again = corpus.import_file(store, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    doc = small_doc()
    doc["offers"][0]["description"] = "Vi går en lang tur."
    changed = corpus.import_file(store, write(tmp_path, doc))
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 1)


def test_department_declared_earlier_in_the_store_is_known(loaded: Store, tmp_path: Path) -> None:
    doc = {
        "offers": [
            {"id": "o9", "title": "Kor", "description": "Vi synger.", "department": "foreninger"}
        ]
    }
    assert corpus.import_file(loaded, write(tmp_path, doc)).added == 1


def broken_cases() -> list[tuple[str, object, str]]:
    missing = small_doc()
    del missing["offers"][0]["title"]
    wrong_type = small_doc()
    wrong_type["offers"][0]["needs_decision"] = "måske"
    wrong_type2 = small_doc()
    wrong_type2["offers"][0]["themes"] = 7
    duplicate = small_doc()
    duplicate["friends"][0]["id"] = "o1"
    unknown_dep = small_doc()
    unknown_dep["offers"][0]["department"] = "rumfart"
    bad_kind = small_doc()
    bad_kind["offers"][0]["source_kind"] = "firma"
    bad_date = small_doc()
    bad_date["offers"][0]["last_assured_date"] = "sidste tirsdag"
    second_bad = small_doc()
    second_bad["offers"].append(copy.deepcopy(second_bad["offers"][0]) | {"id": "o2", "title": 5})
    return [
        ("bad JSON", '{"offers": [', "not valid JSON"),
        ("missing field", missing, "record 'o1', field 'title'"),
        ("wrong type bool", wrong_type, "field 'needs_decision'"),
        ("wrong type list", wrong_type2, "field 'themes'"),
        ("duplicate id", duplicate, "record 'o1', field 'id'"),
        ("unknown department", unknown_dep, "field 'department'"),
        ("unknown source kind", bad_kind, "field 'source_kind'"),
        ("bad date", bad_date, "field 'last_assured_date'"),
        ("good first, bad second", second_bad, "record 'o2', field 'title'"),
        ("top level list", "[1, 2]", "top level"),
        ("nested deep", "[" * 100_000, "JSON"),
    ]


@pytest.mark.parametrize(
    ("label", "doc", "message"), broken_cases(), ids=[c[0] for c in broken_cases()]
)
def test_broken_json_is_refused_whole(
    label: str, doc: object, message: str, loaded: Store, tmp_path: Path
) -> None:
    before = snapshot(loaded)
    path = write(tmp_path, doc, "broken.json")
    with pytest.raises(CorpusError) as caught:
        corpus.import_file(loaded, path)
    assert "broken.json" in str(caught.value)
    assert message in str(caught.value)
    assert snapshot(loaded) == before


CSV_BROKEN = [
    ("missing column", "id,title,description\nx,Kor,Vi synger\n", "kind"),
    ("bad kind", "id,kind,title,description\nx,tilbud,Kor,Vi synger\n", "field 'kind'"),
    ("missing title", "id,kind,title,description\nx,offer,,Vi synger\n", "field 'title'"),
    ("extra cells", "id,kind,title,description\nx,offer,Kor,Vi synger,ekstra\n", "line 2"),
    ("duplicate id", "id,kind,title,description\nx,offer,Kor,A\nx,offer,Kor,B\n", "'x'"),
    (
        "bad source kind",
        "id,kind,title,description,source_kind\nx,offer,Kor,A,firma\n",
        "source_kind",
    ),
]


@pytest.mark.parametrize(("label", "text", "message"), CSV_BROKEN, ids=[c[0] for c in CSV_BROKEN])
def test_broken_csv_is_refused_whole(
    label: str, text: str, message: str, loaded: Store, tmp_path: Path
) -> None:
    before = snapshot(loaded)
    path = write(tmp_path, text, "broken.csv")
    with pytest.raises(CorpusError) as caught:
        corpus.import_file(loaded, path)
    assert "broken.csv" in str(caught.value) and message in str(caught.value)
    assert snapshot(loaded) == before


def test_not_utf8_and_binary_are_refused(loaded: Store, tmp_path: Path) -> None:
    before = snapshot(loaded)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,kind,title,description\nx,offer,Kør,Sø\n".encode("latin-1"))
    with pytest.raises(CorpusError, match="UTF-8"):
        corpus.import_file(loaded, latin)
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\x00\x01\x02{}")
    with pytest.raises(CorpusError):
        corpus.import_file(loaded, binary)
    assert snapshot(loaded) == before


def test_minimal_csv(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "id,kind,title,description\na,offer,Kor,Vi synger\nb,friend,Ib,Kender alle\n",
        "min.csv",
    )
    assert corpus.import_file(store, path).added == 2
    rows = store.rows("SELECT id, kind, silo FROM corpus_entries ORDER BY id")
    assert [(r["id"], r["kind"]) for r in rows] == [("a", "offer"), ("b", "friend")]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_and_never_write(
    loaded: Store, tmp_path: Path, data: bytes
) -> None:
    before = snapshot(loaded)
    for suffix in (".json", ".csv"):
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            corpus.import_file(loaded, path)
        except CorpusError:
            assert snapshot(loaded) == before
