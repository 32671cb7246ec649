#!/usr/bin/env python3
"""Time to the first window, packaged against the checkout, from `frontdesk selftest`'s own marks.

    python resources/packaging/measure_startup.py [--runs 20] [--program dist/frontdesk/frontdesk]
                                                  [--display :55]

Runs the packaged program's `selftest` and `python -m frontdesk selftest` (this Python) in turn,
each `--runs` times after one warm-up, with FRONTDESK_T0 set just before the process starts, and
prints the median and fastest "window shown at" (process start to the main window shown), the
selftest's end, and the process's exit. Offscreen by default; with --display it uses that X
display instead (e.g. an Xvfb). Used for the figures in docs/INSTALL.md.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VERDICT = re.compile(r"window shown at ([\d.]+) s.* in ([\d.]+) s")


def measure(command: list[str], runs: int, display: str | None) -> dict[str, list[float]]:
    marks: dict[str, list[float]] = {"window": [], "selftest": [], "exit": []}
    for i in range(runs + 1):
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM",
                                                                "WAYLAND_DISPLAY")}
        if display:
            env["DISPLAY"] = display
        started = time.time()
        env["FRONTDESK_T0"] = repr(started)
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        ended = time.time()
        match = VERDICT.search(done.stdout)
        if done.returncode != 0 or not match:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
        if i:  # the first run only warms the caches
            marks["window"].append(float(match[1]))
            marks["selftest"].append(float(match[2]))
            marks["exit"].append(ended - started)
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--program", type=Path, default=ROOT / "dist" / "frontdesk" / "frontdesk")
    parser.add_argument("--display", help="an X display to use instead of offscreen")
    args = parser.parse_args()
    cases = {"packaged": [str(args.program), "selftest"],
             "checkout": [sys.executable, "-m", "frontdesk", "selftest"]}
    where = f"X display {args.display}" if args.display else "offscreen"
    print(f"{where}, median (fastest) of {args.runs} runs after one warm-up:")
    for name, command in cases.items():
        m = measure(command, args.runs, args.display)
        print(f"  {name:9} window shown {statistics.median(m['window']):.2f} s "
              f"({min(m['window']):.2f}), selftest done {statistics.median(m['selftest']):.2f} s, "
              f"process exit {statistics.median(m['exit']):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
