"""Hostile input: the corpus importer, the command line and the note field fed huge text,
control characters, invalid UTF-8, deeply nested JSON, CSV with wrong or missing columns,
SQL-looking strings, Danish letters and emoji. A clear message, never a traceback, and
nothing half-written.

Every case counts in ``tally``; ``python bench/trust.py`` prints the totals (RELIABILITY.md).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from facilitator.cli.main import main as cli_main
from facilitator.directory import corpus
from facilitator.directory.corpus import CorpusError
from facilitator.directory.embeddings import HashingEmbedder
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.safetext import clean_text
from facilitator.domain.vocabulary import NoteKind, Phase
from facilitator.i18n import set_language
from facilitator.meetings.session import MAX_NOTE, MeetingSession
from facilitator.storage.store import Store
from facilitator.tui.app import make_app
from facilitator.tui.screens.meeting import MeetingScreen
from tests.conftest import ROOT
from tests.figures import record

FUNCTION_FIXTURES = [
    HealthCheck.function_scoped_fixture,
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
]

NASTY = [
    "'; DROP TABLE notes; --",
    "Robert'); DELETE FROM citizens WHERE ('1'='1",
    '" OR 1=1 --',
    "1 UNION SELECT * FROM audit_log",
    "%s %d %n {0} {name} {{}}",
    "../../../../etc/passwd",
    "Søren Ærø på Ålborg Øst – æøå ÆØÅ",
    "Jeg 🙂 vil gerne 👩‍👩‍👧 tage 🚌 bussen",
    "\x00\x01\x1b[31mrød\x1b[0m\x07\x7f",
    "\u202eevil\u202c \u200b\ufeff",
    "\ud800\udfff lone surrogates \udcff",
    "<script>alert(1)</script> **fed** [link](javascript:x)",
    "NULL",
    "",
    " ",
    "\n\n\t",
    "-1",
    "0",
    "99999999999999999999999",
    "--help",
    "1e9",
]


def hostile_text(max_size: int = 300) -> st.SearchStrategy[str]:
    """Text as hostile as it gets: every code point (surrogates too), invalid UTF-8 as Python
    decodes it from file names and arguments, SQL, format strings, huge runs."""
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(st.characters(codec=None, exclude_categories=()), max_size=max_size),
        st.binary(max_size=max_size).map(lambda b: b.decode("utf-8", "surrogateescape")),
        st.builds(
            lambda unit, n: unit * n,
            st.sampled_from(["x", "æ", "🙂", "'", "\n", "a b "]),
            st.integers(1000, 50_000),
        ),
        st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map(" ".join),
    )


@pytest.fixture
def tally() -> Iterator[Counter[str]]:
    counts: Counter[str] = Counter()
    yield counts


def logical(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (what "nothing changed" is checked against)."""
    return {
        name: store.rows(f'SELECT * FROM "{name}" ORDER BY rowid')
        for name in store.db.table_names()
    }


def one_sentence(message: str) -> bool:
    return bool(message.strip()) and "\n" not in message.strip() and "Traceback" not in message


# --- the corpus importer ----------------------------------------------------------------


def offer(**fields: Any) -> dict[str, Any]:
    base = {"id": "o1", "title": "Gåtur", "description": "Vi går.", "department": "foreninger"}
    return {**base, **fields}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text(60),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(hostile_text(20), inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def corpus_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and its bytes: broken JSON, hostile records, deep nesting, bad CSV."""
    kind = draw(st.sampled_from(["record", "valid", "json", "deep", "csv", "bytes"]))
    if kind == "valid":  # well-formed, with SQL, Danish letters and emoji in its words
        words = st.sampled_from([w for w in NASTY if w.strip() and w.isprintable()]) | st.text(
            st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=200
        ).filter(str.strip)
        doc = {
            "departments": [{"id": "foreninger", "name": draw(words)}],
            "offers": [offer(title=draw(words), description=draw(words))],
        }
        return "c.json", json.dumps(doc, ensure_ascii=draw(st.booleans())).encode()
    if kind == "record":
        field = draw(
            st.sampled_from(
                [
                    "id",
                    "title",
                    "description",
                    "department",
                    "source_kind",
                    "themes",
                    "can_contribute",
                    "last_assured_date",
                    "contact",
                    "schedule",
                ]
            )
        )
        value = draw(json_values)
        doc = {
            "departments": [{"id": "foreninger", "name": "Foreninger"}],
            "offers": [offer(**{field: value})],
        }
        return "c.json", json.dumps(doc, ensure_ascii=draw(st.booleans())).encode(
            "utf-8", "surrogatepass"
        )
    if kind == "json":
        return "c.json", json.dumps(draw(json_values)).encode("utf-8", "surrogatepass")
    if kind == "deep":
        depth = draw(st.integers(50, 200_000))
        opener = draw(st.sampled_from(["[", '{"offers":[', '{"a":']))
        return "c.json", (opener * depth).encode()
    if kind == "csv":
        names = st.sampled_from(
            [
                "id",
                "kind",
                "title",
                "description",
                "department",
                "themes",
                "source_kind",
                "can_contribute",
                "",
                "ID",
                "kind ",
            ]
        )
        header = draw(st.lists(names | hostile_text(10), max_size=7))
        rows = draw(st.lists(st.lists(hostile_text(40), max_size=8), max_size=5))
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        return "c.csv", buffer.getvalue().encode("utf-8", "surrogatepass")
    return draw(st.sampled_from(["c.json", "c.csv"])), draw(st.binary(max_size=3000))


@settings(max_examples=400, deadline=None, suppress_health_check=FUNCTION_FIXTURES)
@given(case=corpus_files())
def test_corpus_importer_refuses_hostile_files_whole(
    store: Store, tmp_path: Path, tally: Counter[str], case: tuple[str, bytes]
) -> None:
    name, data = case
    path = tmp_path / name
    path.write_bytes(data)
    before = logical(store)
    tally["corpus cases"] += 1
    try:
        result = corpus.import_file(store, path)
    except CorpusError as exc:
        tally["corpus refused"] += 1
        assert one_sentence(str(exc)), str(exc)
        assert name in str(exc)
        assert logical(store) == before  # nothing half-written
    else:
        tally["corpus imported"] += 1
        assert result.added + result.updated + result.unchanged >= 1
        if name == "c.json":  # what was imported is what the file said
            doc = json.loads(data)
            if isinstance(doc, dict) and doc.get("offers"):
                row = store.row(
                    "SELECT title FROM corpus_entries WHERE id = ?",
                    [doc["offers"][0]["id"].strip()],
                )
                assert row is not None and row["title"] == doc["offers"][0]["title"].strip()
    record("fuzz_corpus", **tally)


def test_corpus_importer_deepest_json(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 5_000_000)
    with pytest.raises(CorpusError, match="deep.json"):
        corpus.import_file(store, path)


# --- the command line ---------------------------------------------------------------


@pytest.fixture
def demo_home(home: Path) -> Path:
    from facilitator.demo import load_demo

    with Store.open() as store:
        load_demo(store)
    return home


COMMANDS = [
    ["export", "{x}"],
    ["export", "1", "--to", "{x}"],
    ["export", "{x}", "-o", "{out}"],
    ["export", "1", "-o", "{x}"],
    ["forget", "{x}", "--yes"],
    ["forget", "{x}"],
    ["audit", "--citizen", "{x}"],
    ["audit", "-n", "{x}"],
    ["plan", "{x}"],
    ["plan", "2", "--format", "{x}"],
    ["plan", "2", "-o", "{x}"],
    ["plan", "2", "--version", "{x}"],
    ["meetings", "--citizen", "{x}"],
    ["corpus", "import", "{x}"],
    ["suggest", "{x}", "-k", "2"],
    ["suggest", "bus", "-k", "{x}"],
    ["--lang", "{x}", "citizens"],
    ["{x}"],
]


def as_argument(text: str) -> str:
    """What Python hands a program for this text typed in a shell: the bytes (no NUL, which
    a C string cannot hold), decoded as Python decodes argv (invalid UTF-8 as surrogates)."""
    raw = text.replace("\x00", "").encode("utf-8", "surrogatepass")
    return os.fsdecode(raw)


def run_main(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """The real entry point in this process, with streams like a terminal's: stdout strict
    UTF-8, stderr UTF-8 with backslashreplace (as Python sets them up)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(
        io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True
    )
    monkeypatch.setattr(sys, "argv", ["facilitator", *args])
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = 0
    try:
        cli_main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        monkeypatch.undo()
    texts = [s.buffer.getvalue().decode("utf-8", "replace") for s in (out, err)]
    return code, texts[0], texts[1]


@pytest.mark.slow  # a long journey by keys: `make test` runs it, `make check` not
@settings(max_examples=500, deadline=None, suppress_health_check=FUNCTION_FIXTURES)
@given(template=st.sampled_from(COMMANDS), value=hostile_text(200))
def test_command_line_arguments(
    demo_home: Path,
    tmp_path: Path,
    tally: Counter[str],
    template: list[str],
    value: str,
) -> None:
    value = as_argument(value)
    if template == ["{x}"] and not value.startswith("-"):
        value = f"fly-{value}"  # a bare word would be a command; never start the wall
    out_file = tmp_path / "out.json"
    out_file.unlink(missing_ok=True)
    cwd = tmp_path / "cwd"  # where a relative -o lands
    shutil.rmtree(cwd, ignore_errors=True)
    cwd.mkdir()
    args = [part.replace("{x}", value).replace("{out}", str(out_file)) for part in template]
    if "forget" in args and value.strip().isdigit():
        args = ["forget", "999999", "--yes"]  # keep the demo for the next case
    with Store.open() as store:
        before = logical(store)
    with pytest.MonkeyPatch.context() as monkeypatch:
        # An unexpected error raises (and fails the test) instead of becoming a sentence.
        monkeypatch.setenv("FACILITATOR_DEBUG", "1")
        monkeypatch.chdir(cwd)
        code, out, err = run_main(args, monkeypatch)
    set_language("da")
    tally["command-line cases"] += 1
    assert "Traceback" not in err
    if code != 0:
        tally["command line refused"] += 1
        lines = [line for line in err.splitlines() if line.strip()]
        assert 1 <= len(lines) <= 3, err  # click adds a usage line and a hint to usage errors
        with Store.open() as store:
            assert logical(store) == before  # nothing half-written
        assert not out_file.exists()
        assert list(cwd.iterdir()) == []  # no file, not even a temporary one
    record("fuzz_cli", **tally)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        [b"export", b"\xff\xfe"],
        [b"meetings", b"--citizen", b"\xc3\x28K\xe6rsten"],
        [b"export", b"1", b"--to", b"\xed\xa0\x80:ven"],
        [b"corpus", b"import", b"/tmp/\xff.json"],
        [b"audit", b"--citizen", b"\x80"],
        [b"plan", b"2", b"-o", b"/nonexistent/\xff/plan.md"],
    ],
)
def test_invalid_utf8_arguments_from_a_real_shell(demo_home: Path, args: list[bytes]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FACILITATOR_DEBUG"}
    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"facilitator", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
    )
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode != 0 and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.strip()]) == 1, err


# --- the note field -------------------------------------------------------------------


@pytest.fixture
def rounds(demo_meeting: tuple[Store, int]) -> tuple[Store, int]:
    store, meeting_id = demo_meeting
    MeetingSession(store, meeting_id).set_phase(Phase.RUNDER)
    return store, meeting_id


@settings(max_examples=400, deadline=None, suppress_health_check=FUNCTION_FIXTURES)
@given(text=hostile_text(MAX_NOTE + 100), kind=st.sampled_from(list(NoteKind)))
def test_note_field_core_takes_any_text(
    rounds: tuple[Store, int], tally: Counter[str], text: str, kind: NoteKind
) -> None:
    store, meeting_id = rounds
    session = MeetingSession(store, meeting_id)
    before = logical(store)
    tally["note cases"] += 1
    try:
        note = session.add_note(kind, text)
    except FacilitatorError as exc:
        tally["notes refused"] += 1
        assert one_sentence(str(exc))
        assert logical(store) == before
        return
    tally["notes saved"] += 1
    assert note.text == clean_text(text).strip()
    assert note.text.encode("utf-8")  # storable and printable as UTF-8
    again = MeetingSession(store, meeting_id).notes()[-1]
    assert again == note
    record("fuzz_note", **tally)


@pytest.mark.slow  # a long journey by keys: `make test` runs it, `make check` not
async def test_note_field_on_the_wall_takes_hostile_text(rounds: tuple[Store, int]) -> None:
    store, meeting_id = rounds
    texts = [*NASTY, "x" * 4000, "æ" * 10_000, "🙂" * 3000, "\x00" * 50, "a\nb\rc\td"]
    app = make_app(store, meeting_id, embedder_factory=HashingEmbedder)
    saved = refused = 0
    async with app.run_test(size=(140, 42)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        field = screen.query_one("#note-input", Input)
        for text in texts:
            before = len(MeetingSession(store, meeting_id).notes())
            field.value = text
            await pilot.press("enter", "2")
            await pilot.pause()
            after = len(MeetingSession(store, meeting_id).notes())
            if after == before + 1:
                saved += 1
                assert field.value == ""
            else:
                refused += 1
                assert after == before
            field.value = ""
    assert app.return_code in (None, 0)
    assert saved >= len(NASTY) - 5 and saved + refused == len(texts)
    record("fuzz_note_wall", cases=len(texts), saved=saved, refused=refused, tracebacks=0)
