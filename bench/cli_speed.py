"""How long one `facilitator suggest` takes on the demo, as a person types it.

    python bench/cli_speed.py [--runs 10]

A fresh home gets `init --demo` (its vectors come with the package); then the command runs
``--runs`` times in fresh processes and the median wall time is reported, beside the time of
a bare `python -c pass` and of importing numpy on the same machine at the same moment (the
machine is shared: those two say how busy it was).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

TEXT = "Jeg vil gerne svømme igen, men jeg tør ikke tage bussen alene"


def timed(cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    env = {**os.environ, "FACILITATOR_HOME": tempfile.mkdtemp(prefix="facilitator-cli-")}
    env.pop("FACILITATOR_EMBEDDER", None)
    py = sys.executable
    subprocess.run([py, "-m", "facilitator", "init", "--demo"], env=env, check=True)
    subprocess.run([py, "-m", "facilitator", "suggest", TEXT], env=env, check=True)  # warm
    rows = [
        ("python -c pass", [py, "-c", "pass"]),
        ("python -c 'import numpy'", [py, "-c", "import numpy"]),
        ("facilitator --help", [py, "-m", "facilitator", "--help"]),
        ("facilitator suggest TEXT", [py, "-m", "facilitator", "suggest", TEXT]),
    ]
    for name, cmd in rows:
        times = timed(cmd, env, args.runs)
        print(
            f"{name:<28} median {statistics.median(times):.3f} s"
            f"  min {min(times):.3f} s  max {max(times):.3f} s  ({args.runs} runs)"
        )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
