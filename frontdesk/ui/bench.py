"""How the window feels on a big database: start-up times and the longest event-loop stall.

    python -m frontdesk.ui.bench DB            (a copy of DB is not needed: nothing is written)

Prints, each measured in a fresh process, next to a bare PySide6 window started the same way:
time to first window, time to data shown, and the longest stall of the event loop (a 5 ms
heartbeat timer that should tick on time) while switching views, searching as you type and
scrolling the booking list. Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

BARE = """
import sys, time, json
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 800); w.show()
def shown():
    print(json.dumps({"window": time.time() - t0})); app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

# The driver runs frontdesk.app.run() and a scripted session on its loop.
DRIVER = r'''
import asyncio, json, sys, time
t0 = float(sys.argv[1])
db = sys.argv[2]
from PySide6.QtCore import QTimer, QElapsedTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from frontdesk.app import run

marks = {}
stall = {"phase": "building the window", "max": {}}
clock = QElapsedTimer(); clock.start()
last = [clock.elapsed()]

def beat():
    now = clock.elapsed()
    gap = now - last[0] - 5
    last[0] = now
    phase = stall["phase"]
    stall["max"][phase] = max(stall["max"].get(phase, 0), gap)

heart = QTimer(); heart.setInterval(5); heart.timeout.connect(beat); heart.start()

def window():
    return next((w for w in QApplication.topLevelWidgets()
                 if w.objectName() == "mainWindow"), None)

def poll_shown():
    w = window()
    if w is not None and w.isVisible() and "window" not in marks:
        marks["window"] = time.time() - t0
        stall["phase"] = "startup"
        asyncio.ensure_future(session(w))
        return
    QTimer.singleShot(1, poll_shown)

async def until(cond, limit=120):
    end = time.time() + limit
    while not cond():
        if time.time() > end:
            raise TimeoutError
        await asyncio.sleep(0.005)

async def idle(w):
    await until(lambda: w.is_ready and w.runner.running == 0)

async def typing(w, edit, text):
    for ch in text:
        edit.setText(edit.text() + ch)
        await asyncio.sleep(0.08)          # a quick typist
    await asyncio.sleep(0.3)
    await idle(w)

async def session(w):
    await idle(w)
    marks["data"] = time.time() - t0
    stall["phase"] = "switching views"
    for _ in range(2):
        for i in range(len(w.views)):
            w.show_view(i)
            await idle(w)
    stall["phase"] = "searching"
    w.show_view(1); await idle(w)
    await typing(w, w.hotels_view.search, "an")
    w.show_view(3); await idle(w)
    await typing(w, w.guests_view.search, "guest 001")
    stall["phase"] = "scrolling bookings"
    view = w.bookings_view
    w.show_view(4)
    view.use_dates.setChecked(False)
    view.hotel.setCurrentIndex(0)          # all hotels: the whole table
    await idle(w)
    t = time.time()
    for _ in range(30):
        view.table.scrollToBottom()
        await asyncio.sleep(0.02)
        await idle(w)
    marks["rows_loaded"] = view.model.rowCount()
    marks["scroll_seconds"] = time.time() - t
    await typing(w, view.search, "guest 00042")
    stall["phase"] = "done"
    print(json.dumps({"marks": marks, "stall_ms": stall["max"]}), flush=True)
    w.close()

QTimer.singleShot(0, poll_shown)
raise SystemExit(run(db, False))
'''


def _child(code: str, *args: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")  # fresh window settings
        script = os.path.join(tmp, "child.py")
        with open(script, "w", encoding="utf-8") as fh:
            fh.write(code)
        t0 = time.time()
        out = subprocess.run([sys.executable, script, repr(t0), *args], env=env,
                             capture_output=True, text=True, timeout=900)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"the measured process failed ({out.returncode}):\n{out.stderr}")
    result = json.loads(lines[-1])
    result["exit_seconds"] = time.time() - t0
    return result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__)
        return 2
    db = os.path.abspath(args[0])
    bare = _child(BARE)
    app = _child(DRIVER, db)
    marks, stalls = app["marks"], app["stall_ms"]
    print(f"database                        {db}")
    print(f"bare PySide6 window shown       {bare['window']:.3f} s")
    print(f"frontdesk window shown          {marks['window']:.3f} s")
    print(f"frontdesk data shown            {marks['data']:.3f} s")
    for phase in ("startup", "switching views", "searching", "scrolling bookings"):
        print(f"longest loop stall, {phase:<19} {stalls.get(phase, 0):.0f} ms")
    print(f"booking rows loaded by 30 scrolls {marks['rows_loaded']} "
          f"in {marks['scroll_seconds']:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
