"""Local only: a whole demo meeting, ideas from the default model and the plan rendered,
with networking made impossible (an audit hook refusing and counting every Internet socket
and name lookup, inside a network namespace with no interfaces where the system allows one)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.figures import record
from tests.test_trust_crash import child_env

pytestmark = pytest.mark.slow

GUARDED = (
    "import tests.netguard as guard; guard.install(); import runpy, sys;"
    " sys.argv = ['trust_children', *sys.argv[1:]];"
    " runpy.run_module('tests.trust_children', run_name='__main__')"
)


def namespace_prefix() -> list[str]:
    """``unshare -rn``: a network namespace of our own, where no packet can leave."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True)
    return [unshare, "-rn"] if probe.returncode == 0 else []


def test_guard_refuses_and_counts(tmp_path: Path) -> None:
    code = (
        "import tests.netguard as guard; guard.install(); import socket, urllib.request\n"
        "for attempt in (lambda: socket.create_connection(('example.org', 80), timeout=1),\n"
        "                lambda: socket.socket(socket.AF_INET6),\n"
        "                lambda: urllib.request.urlopen('http://127.0.0.1:9', timeout=1)):\n"
        "    try:\n"
        "        attempt()\n"
        "    except OSError:\n"
        "        pass\n"
        "a, b = socket.socketpair()\n"  # what asyncio needs stays allowed
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    counted = int(done.stdout.split("NETWORK_ATTEMPTS ")[1].split()[0])
    assert counted >= 3, done.stdout


def test_whole_meeting_opens_no_network_connection(home: Path, tmp_path: Path) -> None:
    env = child_env()
    env["FACILITATOR_EMBEDDER"] = ""  # the real default model
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env.pop(name, None)
    prefix = namespace_prefix()
    done = subprocess.run(
        [*prefix, sys.executable, "-c", GUARDED, "offline", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert "MEETING_DONE" in lines, done.stdout[-2000:]
    attempts = int(next(line for line in lines if line.startswith("NETWORK_ATTEMPTS")).split()[1])
    assert attempts == 0, [line for line in lines if line.startswith("NETWORK ")]
    ideas = int(next(line for line in lines if line.startswith("IDEAS")).split()[1])
    entries = int(next(line for line in lines if line.startswith("CORPUS")).split()[1])
    assert ideas > 0
    assert (tmp_path / "plan.md").read_text().startswith("# Min plan")
    assert "<!DOCTYPE html>" in (tmp_path / "plan.html").read_text()
    assert json.loads((tmp_path / "export.json").read_text())["citizen"]["name"]
    record(
        "network",
        attempts=attempts,
        network_namespace=bool(prefix),
        corpus_entries_embedded=entries,
        ideas_ranked=ideas,
        plan_documents=2,
        exports=2,
    )
    assert os.path.exists(home / "facilitator.db")
