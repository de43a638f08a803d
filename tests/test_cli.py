"""The command line as a new user would type it: in-process, and a few runs of the real entry."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_cli, run_cli_subprocess


def tree_digest(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def demo_home(home: Path) -> Path:
    result = run_cli("init", "--demo")
    assert result.code == 0, result
    return home


def test_version() -> None:
    from facilitator import __version__

    result = run_cli("--version")
    assert result.code == 0
    assert __version__ in result.out


def test_init_demo_then_meetings_and_citizens(demo_home: Path) -> None:
    meetings = json.loads(run_cli("meetings", "--json").out)
    assert len(meetings) == 3  # two earlier meetings and the one to hold now
    assert all({"id", "citizen_id", "date"} <= set(m) for m in meetings)
    citizens = json.loads(run_cli("citizens", "--json").out)
    assert [c["name"] for c in citizens] == ["Karsten Demo-Lund"]
    text = run_cli("meetings").out
    assert "Karsten Demo-Lund" in text and "Opfølgning" in text


def test_init_demo_is_idempotent(demo_home: Path) -> None:
    assert run_cli("init", "--demo").code == 0
    assert len(json.loads(run_cli("meetings", "--json").out)) == 3


def test_plan_markdown_and_html(demo_home: Path, tmp_path: Path) -> None:
    # the last earlier meeting: its plan is as the citizen approved it (the first meeting's
    # items have since been reviewed at "Siden sidst")
    earlier = json.loads(run_cli("meetings", "--json").out)[-2]
    md = run_cli("plan", str(earlier["id"]), "--format", "md")
    assert md.code == 0, md
    assert "# Min plan – Karsten Demo-Lund" in md.out
    assert "Jeg øver busruten til genoptræningen" in md.out
    assert "sagde ja til planen" in md.out
    out = tmp_path / "plan.html"
    html = run_cli("plan", str(earlier["id"]), "--format", "html", "-o", str(out))
    assert html.code == 0, html
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and 'lang="da"' in page
    assert "<link" not in page and "<script" not in page  # self-contained
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_plan_in_english(demo_home: Path) -> None:
    earlier = json.loads(run_cli("meetings", "--json").out)[0]
    md = run_cli("--lang", "en", "plan", str(earlier["id"]))
    assert "# My plan – Karsten Demo-Lund" in md.out


def test_suggest_json(demo_home: Path) -> None:
    result = run_cli(
        "suggest",
        "Jeg vil gerne lære at tage bussen selv",
        "--json",
        "-k",
        "5",
        env={"FACILITATOR_EMBEDDER": ""},  # the real default model
    )
    assert result.code == 0, result
    found = json.loads(result.out)
    assert len(found) == 5
    for item in found:
        assert {"id", "kind", "title", "silo", "score", "why"} <= set(item)
        assert item["kind"] in ("offer", "friend")
        assert item["why"] == "Jeg vil gerne lære at tage bussen selv"
    assert any(item["kind"] == "offer" and "bus" in item["title"].lower() for item in found[:3])


def test_corpus_import_csv_into_empty_home(home: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(
        "id,kind,title,description,department\n"
        "x1,offer,Havefællesskab,Vi dyrker grøntsager sammen i byens have,Kultur\n"
        "x2,friend,Mona Prøve,Kender alle boligsociale tilbud,Boligforeningen\n",
        encoding="utf-8",
    )
    result = run_cli("corpus", "import", str(csv_file))
    assert result.code == 0, result
    assert "2 nye" in result.out
    again = run_cli("corpus", "import", str(csv_file))
    assert "2 uændrede" in again.out
    stats = json.loads(run_cli("corpus", "stats", "--json").out)
    assert stats["by_kind"] == {"offer": 1, "friend": 1}


# --- bad input: one sentence on stderr, non-zero exit, nothing changed on disk ---------

BAD = [
    ("missing corpus file", ["corpus", "import", "/nonexistent/corpus.json"]),
    ("unknown meeting", ["plan", "9999"]),
    ("meeting id not a number", ["plan", "elleve"]),
    ("unknown format", ["plan", "1", "--format", "docx"]),
    ("output folder missing", ["plan", "1", "-o", "/nonexistent/dir/plan.md"]),
    ("unknown citizen", ["meetings", "--citizen", "Ingen Sådan"]),
    ("k out of range", ["suggest", "bus", "-k", "0"]),
    ("empty suggest text", ["suggest", "   "]),
    ("unknown command", ["fly"]),
]


@pytest.mark.parametrize(("label", "args"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_sentence_and_changes_nothing(
    label: str, args: list[str], demo_home: Path
) -> None:
    before = tree_digest(demo_home)
    result = run_cli(*args)
    assert result.code != 0, result
    assert "Traceback" not in result.err
    message = [line for line in result.err.splitlines() if line.strip()]
    assert message, result
    assert len(message) <= 3  # click adds a usage line and a hint for usage errors
    assert tree_digest(demo_home) == before


def test_reading_commands_do_not_create_a_home(home: Path) -> None:
    result = run_cli("meetings")
    assert result.code != 0
    assert "facilitator init" in result.err
    assert not home.exists()


@pytest.mark.parametrize("kind", ["text", "foreign", "corrupt"])
def test_bad_database_file(kind: str, home: Path) -> None:
    home.mkdir(parents=True)
    db = home / "facilitator.db"
    if kind == "text":
        db.write_text("not a database")
    elif kind == "foreign":
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE other (x)")
        conn.commit()
        conn.close()
    else:
        assert run_cli("init", "--demo").code == 0
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        data = bytearray(db.read_bytes())
        data[4096 * 3 : 4096 * 6] = os.urandom(4096 * 3)
        db.write_bytes(bytes(data))
    before = tree_digest(home)
    for args in (["meetings"], ["init"], ["plan", "1"]):
        result = run_cli(*args)
        assert result.code != 0, (args, result)
        assert "Traceback" not in result.err
        assert len(result.err.strip().splitlines()) == 1, result.err
    assert tree_digest(home) == before


def test_unwritable_home(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run_cli("init", env={"FACILITATOR_HOME": str(blocker / "home")})
    assert result.code != 0
    assert "kan ikke skrives" in result.err
    assert len(result.err.strip().splitlines()) == 1


# --- the real `facilitator` entry point, in a subprocess (a few smoke tests) --------------


@pytest.mark.slow
def test_entry_point_version() -> None:
    result = run_cli_subprocess("--version")
    assert result.code == 0, result
    assert result.out.startswith("facilitator, version "), result


@pytest.mark.slow
def test_entry_point_bad_id_is_one_sentence(home: Path) -> None:
    result = run_cli_subprocess("plan", "elleve")
    assert result.code != 0, result
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1, result.err


@pytest.mark.slow
def test_entry_point_init_demo_then_plan(home: Path) -> None:
    assert run_cli_subprocess("init", "--demo").code == 0
    meetings = json.loads(run_cli_subprocess("meetings", "--json").out)
    md = run_cli_subprocess("plan", str(meetings[0]["id"]), "--format", "md")
    assert md.code == 0, md
    assert md.out.startswith("#"), md


def test_output_onto_a_device_or_pipe_is_refused_and_leaves_it(
    demo_home: Path, tmp_path: Path
) -> None:
    """`-o /dev/full` once replaced the device node with the plan (a rename over it, as root)."""
    import os
    import stat

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "link-to-pipe"
    link.symlink_to(pipe)
    for target in (pipe, link):  # never a real device: a regression would replace it
        result = run_cli("plan", "2", "-o", str(target))
        assert result.code != 0, target
        assert "ikke en almindelig fil" in result.err
        assert len(result.err.strip().splitlines()) == 1
    assert stat.S_ISFIFO(os.stat(pipe).st_mode) and link.is_symlink()


def test_output_through_a_symlink_writes_the_file_it_points_to(
    demo_home: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "plan.md"
    link.symlink_to(real)
    assert run_cli("plan", "2", "-o", str(link)).code == 0
    assert link.is_symlink() and "Min plan" in real.read_text(encoding="utf-8")
