"""A write waits for another desk's write lock briefly and fairly: a short hold is waited out
(and the window is told that it waits), a long one is refused after a few seconds with the
"another desk is saving" sentence, the database unchanged."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from frontdesk.db import faults
from frontdesk.db.sqlite import WRITE_WAIT_S
from frontdesk.errors import DatabaseBusy

# Another program takes the write lock, says so, holds it for argv[2] seconds, then lets go.
HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("ROLLBACK")
""")


class Holder:
    def __init__(self, db: Path, seconds: float) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(seconds)],
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "holding"

    def wait(self) -> None:
        assert self.process.wait(timeout=30) == 0


def test_a_long_hold_is_refused_with_the_busy_sentence(desk_run, snapshot, db_path) -> None:
    guest = desk_run(lambda desk: desk.add_guest("Anna Busy")).id
    before = snapshot()
    holder = Holder(db_path, WRITE_WAIT_S + 3)

    async def scenario(desk):
        began = time.monotonic()
        with pytest.raises(DatabaseBusy) as caught:
            await desk.update_guest(guest, notes="changed")
        return caught.value, time.monotonic() - began

    try:
        error, waited = desk_run(scenario)
    finally:
        holder.wait()
    assert str(error) == faults.BUSY
    assert WRITE_WAIT_S <= waited < WRITE_WAIT_S + 1.5  # bounded: not until the holder let go
    assert snapshot() == before


def test_a_short_hold_is_waited_out_and_the_window_told(desk_run, db_path) -> None:
    guest = desk_run(lambda desk: desk.add_guest("Anna Busy")).id
    heard: list[bool] = []

    async def scenario(desk):
        desk.on_waiting(heard.append)
        return await desk.update_guest(guest, notes="changed")

    holder = Holder(db_path, 1.0)
    try:
        assert desk_run(scenario).notes == "changed"
    finally:
        holder.wait()
    assert heard == [True, False]  # "another desk is saving…", then back to normal
