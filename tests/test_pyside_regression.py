"""PySide6 6.12.0 on Python 3.11 drops a reference on every QObject.killTimer, which qasync calls
for each callback: after enough cross-thread wake-ups the process aborts at exit (ARCHITECTURE,
"Facts measured"). Run many wake-ups under qasync in a fresh process; it must exit cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib import metadata

WAKE_UPS = textwrap.dedent("""
    import asyncio, sys

    from PySide6.QtWidgets import QApplication
    import qasync

    WAKE_UPS, CALLBACKS, TIMERS = 3000, 5000, 500


    async def main():
        loop = asyncio.get_running_loop()
        for _ in range(WAKE_UPS // 2):  # a worker thread wakes the Qt loop up
            await loop.run_in_executor(None, lambda: None)
        for _ in range(WAKE_UPS // 2):
            await asyncio.to_thread(lambda: None)
        done = asyncio.Event()
        ran = []

        def tick(n):
            ran.append(n)
            if len(ran) == CALLBACKS + TIMERS:
                done.set()

        for n in range(CALLBACKS):
            loop.call_soon(tick, n)
        for n in range(TIMERS):
            loop.call_later((n % 5) / 1000, tick, n)
        await done.wait()
        return len(ran)


    app = QApplication(sys.argv)
    print("callbacks run:", qasync.run(main()))
""")


def test_many_qasync_wake_ups_exit_cleanly(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", WAKE_UPS], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert "Fatal Python error" not in done.stderr
    assert done.returncode == 0, done.stderr[-3000:]
    assert "callbacks run: 5500" in done.stdout


def test_not_the_known_bad_pyside6_and_python_pair():
    pyside = metadata.version("PySide6-Essentials")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert (pyside, python) != ("6.12.0", "3.11"), (
        "PySide6 6.12.0 on Python 3.11 crashes under qasync (killTimer refcount bug): "
        "pin PySide6-Essentials<6.12 on 3.11")


KILL_TIMER = textwrap.dedent("""
    import gc
    import sys

    from PySide6.QtCore import QCoreApplication, QObject

    n = 20_000
    app = QCoreApplication([])
    obj = QObject()
    gc.collect()
    gc.disable()  # a collection in the loop frees objects that held None: noise, not the bug
    before = sys.getrefcount(None)
    for _ in range(n):
        obj.killTimer(obj.startTimer(1000))
    print((sys.getrefcount(None) - before) / n)
""")


def test_kill_timer_keeps_reference_counts():
    """The bug itself, without qasync: None's reference count must not drift per killTimer."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", KILL_TIMER], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    # The bug takes one reference per call (1.0); a CI run once saw -0.0195 of noise.
    assert abs(float(done.stdout.strip())) < 0.1
