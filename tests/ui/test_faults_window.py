"""The window while another desk saves (it says so instead of freezing) and on a damaged
database (it says so at the top and writes nothing more)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

from uihelpers import TIMEOUT_MS, wait_idle

from frontdesk.db import faults
from frontdesk.ui.main_window import WAITING

HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    time.sleep(1.5)
    conn.execute("ROLLBACK")
""")


def test_a_save_that_waits_says_another_desk_is_saving(window, desk, run, db_path, qtbot):
    guest = run(desk.add_guest("Anna Wait"))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        window.runner.run("guest.save", desk.update_guest(guest.id, notes="waited"))
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == WAITING,
                        timeout=TIMEOUT_MS)
        wait_idle(qtbot, window)
    finally:
        assert holder.wait(timeout=30) == 0
    assert window.statusBar().currentMessage() != WAITING
    assert run(desk.get_guest(guest.id)).notes == "waited"


def damage(db_path, table: str) -> None:
    """Overwrite the first page of `table` with garbage (the file checkpointed first)."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                           (table,)).fetchone()
    conn.close()
    with open(db_path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)


def test_a_damaged_database_stops_the_window_writing(window, desk, run, db_path, qtbot):
    guest = run(desk.add_guest("Anna Damaged"))
    run(desk.engine.dispose())  # no page of the file kept in memory
    damage(db_path, "guests")
    window.runner.run("guest.save", desk.update_guest(guest.id, notes="lost"))
    qtbot.waitUntil(window.damaged_banner.isVisible, timeout=TIMEOUT_MS)
    wait_idle(qtbot, window)
    sentence = faults.DAMAGED.format(where=f" {desk.database}")
    assert window.damaged_banner.text() == sentence
    assert not window.new_guest_action.isEnabled()
    assert not window.new_hotel_action.isEnabled()
    # And the desk writes nothing more, even where the file is still whole.
    before = db_path.read_bytes()
    try:
        run(desk.add_hotel("Hotel Intact", "Nowhere", 3))
    except Exception as error:  # noqa: BLE001
        assert str(error) == sentence
    else:
        raise AssertionError("a write to a damaged database was not refused")
    assert db_path.read_bytes() == before
