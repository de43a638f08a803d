"""Importing an HSDS 3.0 datapackage: every field mapped, broken input refused whole."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from facilitator.directory.corpus import CorpusError, import_file
from facilitator.directory.hsds import parse_hsds
from facilitator.storage.store import Store


@pytest.fixture(autouse=True)
def english(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English wording of import errors (Danish is the default)."""
    monkeypatch.setenv("FACILITATOR_LANG", "en")


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "hsds"


def snapshot(store: Store) -> tuple[list[dict[str, Any]], ...]:
    """Everything an import may touch, in a stable order."""
    return (
        store.rows("SELECT * FROM corpus_entries ORDER BY id"),
        store.rows("SELECT * FROM departments ORDER BY id"),
        store.rows("SELECT * FROM themes ORDER BY id"),
    )


def copy_fixture(tmp_path: Path) -> Path:
    target = tmp_path / "pakke"
    shutil.copytree(FIXTURE, target)
    return target


def edit_csv(path: Path, change: Callable[[list[str], list[dict[str, str]]], None]) -> None:
    """Read a CSV table, let ``change`` edit header and rows in place, write it back."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    change(header, rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def set_cell(file: str, row_id: str, column: str, value: str) -> Callable[[Path], None]:
    def change(pkg: Path) -> None:
        def edit(_header: list[str], rows: list[dict[str, str]]) -> None:
            hits = [r for r in rows if r["id"] == row_id]
            assert hits, f"no row {row_id} in {file}"
            hits[0][column] = value

        edit_csv(pkg / file, edit)

    return change


def entry(store: Store, entry_id: str) -> dict[str, Any]:
    row = store.row("SELECT * FROM corpus_entries WHERE id = ?", [entry_id])
    assert row is not None
    return {**row, "themes": json.loads(row["themes"]), "data": json.loads(row["data"])}


def test_every_field_of_a_service_is_mapped(store: Store) -> None:
    result = import_file(store, FIXTURE)
    assert (result.added, result.updated, result.unchanged) == (4, 0, 0)
    e = entry(store, "svc-cykeltur")
    assert e["kind"] == "offer"
    assert e["title"] == "Cykeltur i rickshaw"
    assert e["description"].startswith("En frivillig cykelpilot henter dig i en rickshaw")
    assert e["silo"] == "org-cykelvenner"
    assert e["source_kind"] == "frivillig"
    assert e["themes"] == ["transport", "ensomhed-og-samvaer", "natur-og-haver"]
    assert e["needs_decision"] == 0
    assert e["can_contribute"] == 1
    assert e["last_confirmed"] == "2026-08-15"
    assert e["data"] == {
        "organization": "Foreningen Cykelvenner Demo",
        "target_group": "Ældre og gangbesværede, der savner at komme ud",
        "eligibility": "Det er gratis. Du skal ikke have en afgørelse.",
        "schedule": "tir, tor kl. 10:00–12:00",
        "accessibility": "Rampe til kørestol ved indgangen",
        "contribute_text": "Du kan selv blive cykelpilot og tage andre med på tur.",
        "location": {
            "name": "Plejecenter Lærkevej",
            "address": "Lærkevej 12",
            "postal_code": "9990",
            "city": "Demo By",
        },
        "contact": {
            "name": "Anne Demosen",
            "phone": "7070 2001",
            "email": "cykeltur@cykelvenner.example.dk",
        },
        "url": "https://cykelvenner.example.dk/cykeltur",
    }


def test_defaults_fallbacks_and_the_danish_extension(store: Store) -> None:
    import_file(store, FIXTURE)
    plain = entry(store, "svc-cykelvaerksted")  # no facilitator attributes at all
    assert (plain["source_kind"], plain["silo"]) == ("forening", "org-cykelvenner")
    assert (plain["needs_decision"], plain["can_contribute"]) == (0, 0)
    assert plain["data"]["contact"] == {}
    assert plain["data"]["location"]["address"] == "Skolegade 40, Kælderen"
    home = entry(store, "svc-praktisk-hjaelp")
    assert (home["silo"], home["source_kind"], home["needs_decision"]) == (
        "aeldre-handicap",
        "kommunal",
        1,
    )
    assert home["last_confirmed"] == "2026-05-02"  # from last_modified: no assured_date
    assert home["data"]["location"] == {}
    assert home["data"]["contact"] == {
        "name": "Visitationen",
        "phone": "7070 3100",
        "email": "visitation@demo-kommune.example.dk",
    }
    club = entry(store, "svc-laesekreds")
    assert club["themes"] == ["Kultur og musik", "ensomhed-og-samvaer"]  # no code: the name
    assert club["data"]["schedule"] == "1. ons kl. 19:00–21:00"  # via service_at_location
    departments = {d["id"]: d for d in store.rows("SELECT * FROM departments")}
    assert departments["org-cykelvenner"] == {
        "id": "org-cykelvenner",
        "name": "Foreningen Cykelvenner Demo",
        "name_en": "",
        "kind": "civilsamfund",
    }
    assert departments["aeldre-handicap"]["kind"] == "kommunal"
    assert "org-demo-kommune" not in departments  # every one of its services names a department
    labels = {t["id"]: t["label"] for t in store.rows("SELECT * FROM themes")}
    assert labels["transport"] == "Komme rundt"
    assert labels["Kultur og musik"] == "Kultur og musik"


def test_a_known_department_keeps_its_name(store: Store) -> None:
    store.db.execute(
        "INSERT INTO departments (id, name, name_en, kind) VALUES (?, ?, ?, ?)",
        ["aeldre-handicap", "Ældre- og Handicapforvaltningen", "Older people", "kommunal"],
    )
    import_file(store, FIXTURE)
    row = store.row("SELECT * FROM departments WHERE id = 'aeldre-handicap'")
    assert row == {
        "id": "aeldre-handicap",
        "name": "Ældre- og Handicapforvaltningen",
        "name_en": "Older people",
        "kind": "kommunal",
    }


def test_folder_and_datapackage_json_import_the_same(store: Store) -> None:
    import_file(store, FIXTURE)
    before = snapshot(store)
    result = import_file(store, FIXTURE / "datapackage.json")
    assert (result.added, result.updated, result.unchanged) == (0, 0, 4)
    assert snapshot(store) == before


def test_reimport_reports_everything_unchanged(store: Store) -> None:
    import_file(store, FIXTURE)
    result = import_file(store, FIXTURE)
    assert (result.added, result.updated, result.unchanged) == (0, 0, 4)


def test_an_inactive_service_is_left_out(store: Store, tmp_path: Path) -> None:
    pkg = copy_fixture(tmp_path)
    set_cell("services.csv", "svc-cykelvaerksted", "status", "defunct")(pkg)
    result = import_file(store, pkg)
    assert result.added == 3
    assert store.row("SELECT id FROM corpus_entries WHERE id = 'svc-cykelvaerksted'") is None


def drop_column(file: str, column: str) -> Callable[[Path], None]:
    def change(pkg: Path) -> None:
        edit_csv(pkg / file, lambda header, _rows: header.remove(column))

    return change


def duplicate_service(pkg: Path) -> None:
    edit_csv(pkg / "services.csv", lambda _h, rows: rows.append(dict(rows[0])))


def latin1_cell(pkg: Path) -> None:
    path = pkg / "services.csv"
    path.write_bytes(path.read_bytes().replace("Cykelværksted,".encode(), b"Cykelv\xe6rksted,"))


def extra_cell(pkg: Path) -> None:
    with (pkg / "locations.csv").open("a", encoding="utf-8") as fh:
        fh.write("loc-ekstra,physical,,,Ekstra,,,,,,,,en celle for meget\n")


def bad_quote(pkg: Path) -> None:
    with (pkg / "phones.csv").open("a", encoding="utf-8") as fh:
        fh.write('ph-x,,svc-cykeltur,,,,"7070" 9999,,voice,\n')


def drop_resource_file(pkg: Path) -> None:
    (pkg / "phones.csv").unlink()


BROKEN: list[tuple[str, Callable[[Path], None], str, str]] = [
    ("resource file missing", drop_resource_file, "datapackage.json", "'path'"),
    ("not UTF-8", latin1_cell, "services.csv", "'name'"),
    ("more cells than header", extra_cell, "locations.csv", "'(row)'"),
    ("malformed quoting", bad_quote, "phones.csv", "'(row)'"),
    ("service lacks name column", drop_column("services.csv", "name"), "services.csv", "'name'"),
    (
        "organization lacks id column",
        drop_column("organizations.csv", "id"),
        "organizations.csv",
        "'id'",
    ),
    (
        "unknown organization",
        set_cell("services.csv", "svc-laesekreds", "organization_id", "org-findes-ikke"),
        "services.csv",
        "'organization_id'",
    ),
    ("duplicate service id", duplicate_service, "services.csv", "'id'"),
    (
        "bad date",
        set_cell("services.csv", "svc-cykeltur", "assured_date", "2026-02-30"),
        "services.csv",
        "'assured_date'",
    ),
    (
        "bad boolean",
        set_cell("attributes.csv", "at-cykel-contribute", "value", "måske"),
        "attributes.csv",
        "'value'",
    ),
    (
        "unknown source_kind",
        set_cell("attributes.csv", "at-cykel-kind", "value", "privat"),
        "attributes.csv",
        "'value'",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "file_name", "field_name"),
    [pytest.param(b, f, n, id=name) for name, b, f, n in BROKEN],
)
def test_broken_package_is_refused_whole(
    store: Store,
    tmp_path: Path,
    breakage: Callable[[Path], None],
    file_name: str,
    field_name: str,
) -> None:
    import_file(store, FIXTURE)
    before = snapshot(store)
    pkg = copy_fixture(tmp_path)
    breakage(pkg)
    for target in (pkg, pkg / "datapackage.json"):
        with pytest.raises(CorpusError) as caught:
            import_file(store, target)
        message = str(caught.value)
        assert file_name in message and field_name in message, message
    assert snapshot(store) == before


def test_missing_datapackage_json_is_refused(store: Store, tmp_path: Path) -> None:
    import_file(store, FIXTURE)
    before = snapshot(store)
    pkg = copy_fixture(tmp_path)
    (pkg / "datapackage.json").unlink()
    with pytest.raises(CorpusError, match="datapackage.json"):
        parse_hsds(pkg, str(pkg))
    with pytest.raises(CorpusError, match="datapackage.json"):
        import_file(store, pkg / "datapackage.json")
    with pytest.raises(CorpusError, match="pakke"):
        import_file(store, pkg)  # a plain folder: not routed to HSDS at all
    assert snapshot(store) == before


def test_datapackage_json_that_is_not_json_is_refused(store: Store, tmp_path: Path) -> None:
    import_file(store, FIXTURE)
    before = snapshot(store)
    pkg = copy_fixture(tmp_path)
    (pkg / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    for target in (pkg, pkg / "datapackage.json"):
        with pytest.raises(CorpusError, match=r"datapackage\.json: not valid JSON"):
            import_file(store, target)
    assert snapshot(store) == before


def test_a_resource_path_outside_the_package_is_refused(tmp_path: Path) -> None:
    pkg = copy_fixture(tmp_path)
    doc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    doc["resources"][0]["path"] = "../organizations.csv"
    shutil.copy(pkg / "organizations.csv", tmp_path / "organizations.csv")
    (pkg / "datapackage.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(CorpusError, match="'path'.*inside the package folder"):
        parse_hsds(pkg, str(pkg))
