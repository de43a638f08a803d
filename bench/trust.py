"""The figures of RELIABILITY.md: runs the trust tests and prints what they measured.

    python bench/trust.py            # every figure (~6 minutes on two cores)
    python bench/trust.py crash fuzz # only some, by name: the keys of TESTS below

Each test appends its figures to $FACILITATOR_FIGURES (tests/figures.py); this script sets it,
runs pytest on the tests that measure the chosen figures, and prints one table. A test that
fails is reported as failed: its figures are not printed as if they held.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TESTS: dict[str, list[str]] = {
    "crash": ["tests/test_trust_crash.py"],
    "concurrency": ["tests/test_trust_concurrency.py"],
    "forget": ["tests/test_rights.py::test_forget_leaves_no_byte_of_the_citizen"],
    "forget_crash": ["tests/test_forget_crash.py", "tests/test_forget_finishes.py"],
    "demo": ["tests/test_demo_atomic.py"],
    "home": ["tests/test_home_folder.py", "tests/test_sizes.py"],
    "cpr": ["tests/test_trust_cpr.py::test_cpr_masked_in_every_output_and_never_embedded"],
    "network": ["tests/test_trust_offline.py::test_whole_meeting_opens_no_network_connection"],
    "files": ["tests/test_trust_files.py"],
    "fuzz": ["tests/test_trust_fuzz.py"],
    "writer": ["tests/test_trust_writer.py", "tests/test_trust_looker.py"],
    "cpr_edges": ["tests/test_trust_cpr_edges.py"],
    "llm_addresses": ["tests/test_llm.py::test_the_address_table"],
    "imports": ["tests/test_trust_imports.py"],
    "markdown": ["tests/test_markdown_escape.py"],
}


def run(names: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        figures = Path(folder) / "figures.jsonl"
        env = dict(os.environ, FACILITATOR_FIGURES=str(figures))
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
        tests = [t for name in names for t in TESTS[name]]
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        last: dict[str, dict[str, object]] = {}
        if figures.exists():
            for line in figures.read_text(encoding="utf-8").splitlines():
                entry = json.loads(line)
                last[str(entry.pop("figure"))] = entry  # a fuzz test records after each case
    print(f"pytest: {done.stdout.strip().splitlines()[-1] if done.stdout.strip() else '?'}")
    if done.returncode != 0:
        print(done.stdout[-4000:], file=sys.stderr)
        print("A test failed: the figures below are not evidence.", file=sys.stderr)
    print("| figure | values |")
    print("|---|---|")
    for name, values in last.items():
        shown = ", ".join(f"{k} = {v}" for k, v in values.items())
        print(f"| {name} | {shown} |")
    return done.returncode


def main() -> None:
    names = sys.argv[1:] or list(TESTS)
    unknown = [n for n in names if n not in TESTS]
    if unknown:
        raise SystemExit(f"unknown figure(s) {unknown}; choose from {', '.join(TESTS)}")
    raise SystemExit(run(names))


if __name__ == "__main__":
    main()
