"""How the window feels on a big database: start-up times and the longest event-loop stall.

    python -m frontdesk.ui.bench DB            (a copy of DB is not needed: nothing is written)

Prints, each measured in a fresh process, next to a bare PySide6 window started the same way:
time to first window, time to data shown, and the longest stall of the event loop (a 5 ms
heartbeat timer that should tick on time) while switching views, searching as you type,
scrolling the booking list, and opening and scrolling the room grid of hotel 1 over a month
(through its rooms, and day by day through time). Runs offscreen unless QT_QPA_PLATFORM says
otherwise.
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
    await grid_session(w)
    stall["phase"] = "done"
    print(json.dumps({"marks": marks, "stall_ms": stall["max"]}), flush=True)
    w.close()

async def grid_session(w):
    """The room grid of the biggest hotel (id 1 in the benchmark database) over a month."""
    stall["phase"] = "grid: opening a month"
    grid = w.grid_view
    hotel = 1 if any(h.id == 1 for h in w.ctx.hotels) else w.ctx.hotels[0].id
    w.ctx.set_hotel(hotel)
    await idle(w)
    chart = grid.chart
    t = time.time()
    w.show_view(w.views.index(grid))
    grid.set_days(31)
    def month_loaded():
        g = chart.grid
        return g is not None and g.hotel_id == hotel and (g.date_to - g.date_from).days == 31
    await until(month_loaded)
    await idle(w)
    marks["grid_open_seconds"] = time.time() - t
    marks["grid_rooms"] = len(chart.grid.units)
    marks["grid_rows"] = len(chart.rows)
    marks["grid_stays"] = len(chart.grid.stays)
    # Paint cost: the whole viewport painted synchronously at 20 places down the hotel
    # (not a stall phase: the heartbeat would count these forced paints).
    stall["phase"] = "grid: measuring paint"
    bar = chart.verticalScrollBar()
    paints = []
    for i in range(20):
        bar.setValue(bar.maximum() * i // 19)
        t = time.perf_counter()
        chart.viewport().repaint()
        paints.append((time.perf_counter() - t) * 1000)
        await asyncio.sleep(0.02)
    marks["grid_paint_ms"] = [sum(paints) / len(paints), max(paints)]
    await asyncio.sleep(0.1)
    stall["phase"] = "grid: scrolling rooms"
    for _ in range(2):   # down and up again, three rows a wheel step, 60 steps a second
        for v in list(range(0, bar.maximum() + 1, chart.row_height * 3)):
            bar.setValue(v)
            await asyncio.sleep(0.016)
        for v in list(range(bar.maximum(), -1, -chart.row_height * 3)):
            bar.setValue(v)
            await asyncio.sleep(0.016)
    stall["phase"] = "grid: scrolling days"
    days = chart.horizontalScrollBar()
    t = time.time()
    for _ in range(31):  # a day at a time, as fast as a scroll wheel turns
        days.setValue(days.value() + 1)
        await asyncio.sleep(0.03)
    await idle(w)
    loads = []
    for step in (1, 1, 1, -1, -1, -1):   # Later / Earlier: a month each
        t = time.time()
        grid.page(step)
        want = chart.first_day
        await until(lambda: chart.grid is not None and chart.grid.date_from == want)
        await idle(w)
        loads.append(time.time() - t)
    marks["grid_page_seconds"] = [sum(loads) / len(loads), max(loads)]


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
    print(f"room grid: {marks['grid_rooms']} rooms ({marks['grid_rows']} rows), "
          f"{marks['grid_stays']} stays over 31 days")
    print(f"room grid shown (a month)       {marks['grid_open_seconds']:.3f} s")
    paint, worst = marks["grid_paint_ms"]
    print(f"room grid paint, whole view     {paint:.1f} ms average, {worst:.1f} ms worst")
    page, slowest = marks["grid_page_seconds"]
    print(f"room grid next/previous month   {page * 1000:.0f} ms average, "
          f"{slowest * 1000:.0f} ms slowest")
    for phase in ("grid: opening a month", "grid: scrolling rooms", "grid: scrolling days"):
        print(f"longest loop stall, {phase:<19} {stalls.get(phase, 0):.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
