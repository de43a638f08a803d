"""What the command line says, in the language in force: corpus errors, click's own messages,
the locale, the meetings list, one date style, and the way to the `make demo` home."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from facilitator.cli import main as cli_main
from facilitator.cli.main import cli
from facilitator.directory import corpus
from facilitator.directory.corpus import CorpusError
from facilitator.domain.records import AuditEntry
from facilitator.i18n import current_language, set_language
from facilitator.i18n.dates import short_date, short_datetime
from facilitator.meetings import people, register
from facilitator.storage import paths
from facilitator.storage.auditlog import format_entry
from facilitator.storage.store import Store


def run(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args, prog_name="facilitator")


# --- 1. corpus import errors ---------------------------------------------------------------


def bad_corpus(tmp_path: Path) -> Path:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"offers": [{"title": "Gåtur", "description": "x"}]}))
    return path


def test_a_danish_app_gives_danish_corpus_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as caught:
        corpus.import_file(store, bad_corpus(tmp_path))
    assert str(caught.value) == f"{tmp_path / 'c.json'}: post #1, felt 'id': mangler."


def test_an_english_app_gives_english_corpus_errors(store: Store, tmp_path: Path) -> None:
    set_language("en")
    with pytest.raises(CorpusError) as caught:
        corpus.import_file(store, bad_corpus(tmp_path))
    assert str(caught.value) == f"{tmp_path / 'c.json'}: record #1, field 'id': is missing."


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", "linje 2, felt 'kind': skal være 'offer' eller 'friend', ikke 'x'."),
        ("en", "line 2, field 'kind': must be 'offer' or 'friend', not 'x'."),
    ],
)
def test_csv_lines_are_named_in_the_language(
    store: Store, tmp_path: Path, lang: str, expected: str
) -> None:
    set_language(lang)
    path = tmp_path / "c.csv"
    path.write_text("id,kind,title,description\na,x,T,D\n")
    with pytest.raises(CorpusError, match=expected):
        corpus.import_file(store, path)


def test_hsds_errors_are_danish(store: Store, tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "datapackage.json").write_text('{"resources": 3}')
    with pytest.raises(CorpusError, match=r"post \(pakke\), felt 'resources': skal være en liste"):
        corpus.import_file(store, tmp_path / "pkg")


# --- 2. click's own messages ---------------------------------------------------------------


def test_click_missing_argument_is_danish() -> None:
    result = run(["--lang", "da", "plan"])
    assert result.exit_code == 2
    assert "Fejl: Mangler argumentet 'MEETING_REF'." in result.output
    assert "Prøv 'facilitator plan --help' for at få hjælp." in result.output
    assert "Brug: facilitator plan [TILVALG] MEETING_REF" in result.output
    assert "Error" not in result.output and "Missing" not in result.output


def test_click_no_such_command_is_danish_and_english_under_lang_en() -> None:
    da = run(["--lang", "da", "nosuch"]).output
    assert "Fejl: Kommandoen 'nosuch' findes ikke." in da
    assert "Prøv 'facilitator --help' for at få hjælp." in da
    en = run(["--lang", "en", "nosuch"]).output
    assert "Error: No such command 'nosuch'." in en
    assert "Try 'facilitator --help' for help." in en
    assert "Usage: facilitator [OPTIONS] [COMMAND] [ARGS]..." in en


def test_click_invalid_value_and_default_are_danish() -> None:
    bad = run(["--lang", "da", "plan", "1", "--format", "x"]).output
    assert "Ugyldig værdi for '--format': 'x' er ikke en af 'md', 'html', 'pdf'." in bad
    helped = run(["--lang", "da", "plan", "--help"]).output
    assert "[standard: md]" in helped and "[default" not in helped
    assert "Mente du '--version'?" in run(["--lang", "da", "--versio"]).output


def test_click_catalog_keeps_clicks_placeholders() -> None:
    from babel.messages.pofile import read_po

    from facilitator.i18n import po_path

    with po_path("da", "click").open("rb") as fh:
        catalog = read_po(fh)
    import string

    def fields(text: object) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(str(text or "")) if f}

    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(texts), message.id
        allowed = set().union(*(fields(i) for i in ids))
        for text in texts:
            assert fields(text) <= allowed, message.id


# --- 3. the locale -------------------------------------------------------------------------


@pytest.fixture
def no_language(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("FACILITATOR_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "da"),
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "da"),
        ({"LANG": "de_DE.UTF-8"}, "da"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "da_DK.UTF-8"}, "da"),
        ({"LANG": "da_DK.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8", "FACILITATOR_LANG": "da"}, "da"),
        ({"LANG": "da_DK.UTF-8", "FACILITATOR_LANG": "en"}, "en"),
    ],
)
def test_language_follows_the_locale_when_not_set(
    no_language: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for name, value in env.items():
        no_language.setenv(name, value)
    assert current_language() == expected


def test_help_and_errors_follow_a_danish_or_english_locale(no_language: pytest.MonkeyPatch) -> None:
    no_language.setenv("LANG", "da_DK.UTF-8")
    assert run(["--help"]).output.startswith("Brug: ")
    assert "Fejl: Mangler argumentet" in run(["plan"]).output
    no_language.setenv("LANG", "en_GB.UTF-8")
    assert run(["--help"]).output.startswith("Usage: ")
    assert "Error: Missing argument" in run(["plan"]).output
    assert run(["--lang", "da", "--help"]).output.startswith("Brug: ")  # --lang comes first


# --- 4. the meetings list ------------------------------------------------------------------


def test_meetings_are_listed_by_date_with_a_header_and_aligned(store: Store) -> None:
    citizen = people.add_citizen(store, "Karsten Demo-Lund", 1974)
    for when, title in (
        (date(2026, 12, 1), "C"),
        (date(2026, 6, 1), "A lang titel"),
        (date(2026, 9, 1), "B"),
    ):
        register.add_meeting(store, citizen.id, when, title=title)
    store.close()
    lines = run(["meetings"]).output.splitlines()
    assert lines[0].split() == ["Nr.", "Dato", "Borger", "Titel", "Status"]
    assert [line.split()[0] for line in lines[1:]] == ["2", "3", "1"]
    assert "1.6.2026" in lines[1] and "2026-06-01" not in lines[1]
    column = lines[0].index("Titel")
    assert {line.index(t) for line, t in zip(lines[1:], ["A lang", "B ", "C "], strict=True)} == {
        column
    }
    english = run(["--lang", "en", "meetings"]).output.splitlines()
    assert english[0].split() == ["No.", "Date", "Citizen", "Title", "Status"]
    assert "1 Jun 2026" in english[1]
    listed = json.loads(run(["meetings", "--json"]).output)
    assert [m["date"] for m in listed] == ["2026-06-01", "2026-09-01", "2026-12-01"]  # ISO in JSON


def test_citizens_have_a_header(store: Store) -> None:
    people.add_citizen(store, "Karsten Demo-Lund", 1974)
    store.close()
    lines = run(["citizens"]).output.splitlines()
    assert lines[0].split() == ["Nr.", "Navn", "Født"]
    assert lines[1].split() == ["1", "Karsten", "Demo-Lund", "1974"]


def test_a_meeting_without_a_title_is_called_by_its_date(store: Store) -> None:
    citizen = people.add_citizen(store, "Karsten Demo-Lund", 1974)
    assert (
        register.add_meeting(store, citizen.id, date(2026, 11, 30)).title
        == "Møde 30. november 2026"
    )
    assert register.add_meeting(store, citizen.id, date(2026, 12, 1), title="  ").title == (
        "Møde 1. december 2026"
    )
    set_language("en")
    assert (
        register.add_meeting(store, citizen.id, date(2027, 1, 5)).title == "Meeting 5 January 2027"
    )
    assert register.add_meeting(store, citizen.id, date(2027, 1, 6), title="Opfølgning").title == (
        "Opfølgning"
    )


# --- 5. one date style -------------------------------------------------------------------


def test_short_datetime_for_the_audit_log() -> None:
    assert short_datetime("2026-11-26T10:05:09", "da") == "26.11.2026 10:05"
    assert short_datetime("2026-11-26T10:05:09", "en") == "26 Nov 2026 10:05"
    assert short_datetime("2026-11-26", "da") == "26.11.2026"
    assert short_datetime("", "da") == ""
    assert short_date("2026-11-26", "en") == "26 Nov 2026"


def test_audit_lines_carry_a_readable_date() -> None:
    entry = AuditEntry(
        id=1,
        at="2026-11-26T10:05:09",
        os_user="mette",
        action="create",
        object_kind="meeting",
        object_id="3",
        citizen_id=1,
    )
    line = format_entry(entry, "da")
    assert line.startswith("26.11.2026 10:05  mette") and "2026-11-26" not in line


# --- 6. the way to the `make demo` home -----------------------------------------------------


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout where `make demo` has run: .demo-home with a database."""
    folder = tmp_path / "checkout"
    Store.open(folder / ".demo-home" / paths.DB_NAME, create=True).close()
    monkeypatch.setattr(paths, "DEMO_PLACES", (None, folder))
    return folder / ".demo-home"


def test_an_empty_home_says_where_the_demo_is(checkout: Path) -> None:
    missing = run(["citizens"])  # no store here at all: the refusal says where the demo is
    assert missing.exit_code != 0
    assert f"FACILITATOR_HOME={checkout} facilitator" in str(missing.exception)
    Store.open(create=True).close()
    result = run(["citizens"])
    assert result.exit_code == 0
    assert (
        f"Demoen ligger i {checkout} – kør: FACILITATOR_HOME={checkout} facilitator"
        in result.stderr
    )
    english = run(["--lang", "en", "meetings"])
    assert f"The demo is in {checkout} – run: FACILITATOR_HOME={checkout} facilitator" in (
        english.stderr
    )


def test_bare_facilitator_says_where_the_demo_is_before_the_app(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Store] = []
    monkeypatch.setattr(cli_main, "_app_opener", lambda store, *_: opened.append(store))
    result = run([])
    assert result.exit_code == 0 and len(opened) == 1
    assert f"FACILITATOR_HOME={checkout} facilitator" in result.stderr


def test_no_demo_hint_when_the_home_has_citizens_or_is_the_demo(
    checkout: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    people.add_citizen(store, "Karsten Demo-Lund", 1974)
    assert people.demo_elsewhere(store) is None
    monkeypatch.setenv("FACILITATOR_HOME", str(checkout))
    with Store.open() as demo:
        assert people.demo_elsewhere(demo) is None


def test_the_demo_is_found_in_the_current_folder(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    Store.open(here / ".demo-home" / paths.DB_NAME, create=True).close()
    monkeypatch.setattr(paths, "DEMO_PLACES", (None,))
    monkeypatch.chdir(here)
    assert people.demo_elsewhere(store) == (here / ".demo-home").resolve()
    monkeypatch.chdir(tmp_path)
    assert people.demo_elsewhere(store) is None
