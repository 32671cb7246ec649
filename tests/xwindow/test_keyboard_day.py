"""A day at the desk by keyboard alone, in the real window on a virtual X display.

New hotel, room type, guest, booking, check-in and check-out: every step is keys sent through
the X server (no Qt test API), every dialog is saved with Enter, and what the window saved is
read back from the database file. CI installs Xvfb, xdotool and openbox and sets
FRONTDESK_XWINDOW=required, so there the test cannot be skipped.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from xwin import display, missing_tools, rows, wait_for, wait_row

pytestmark = pytest.mark.xwindow

MISSING = missing_tools()
if MISSING and os.environ.get("FRONTDESK_XWINDOW") == "required":
    raise RuntimeError(f"FRONTDESK_XWINDOW=required but {', '.join(MISSING)} not installed")


@pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)} (apt-get install xvfb "
                                          "xdotool openbox)")
def test_a_day_by_keyboard_alone(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    today = date.today()
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    with display(tmp_path) as x:
        x.app("--db", str(db), env=env)

        # A new hotel: the shortcut opens the dialog with the cursor in Name; Enter saves.
        wait_row(db, "the database to be created", "SELECT version_num FROM alembic_version")
        x.open("ctrl+shift+h", "New hotel")
        x.type("Pensione Aurora")
        x.keys("Tab")
        x.type("Lucca, Italy")
        x.shot("hotel-typed")
        x.keys("Return")
        x.wait_active("frontdesk")
        (hotel_id,) = wait_row(db, "the hotel to be saved",
                               "SELECT id FROM hotels WHERE name = 'Pensione Aurora'")

        # A room type, from the Rooms view's Add button (Alt+A).
        x.keys("ctrl+3", "alt+a")
        x.wait_active("New room type")
        x.type("Double")
        x.keys("Tab")
        x.type("90")
        x.keys("Tab", "ctrl+a")
        x.type("2")
        x.shot("room-typed")
        x.keys("Return")
        x.wait_active("frontdesk")
        (room_id, price, quantity) = wait_row(
            db, "the room type to be saved",
            "SELECT id, price, quantity FROM rooms WHERE hotel_id = ? AND name = 'Double'",
            (hotel_id,))
        assert (price, quantity) == (9000, 2)

        # A guest (Ctrl+Shift+G).
        x.keys("ctrl+shift+g")
        x.wait_active("New guest")
        x.type("Anna Rossi")
        x.keys("Tab")
        x.type("+39 0583 555 010")
        x.keys("Return")
        x.wait_active("frontdesk")
        (guest_id,) = wait_row(db, "the guest to be saved",
                               "SELECT id FROM guests WHERE full_name = 'Anna Rossi'")

        # A booking for tonight (Ctrl+N opens on the guest search): find the guest with Enter,
        # go down to her with Down, book with Enter.
        x.keys("ctrl+n")
        x.wait_active("New booking")
        x.type("anna")
        x.keys("Return")  # search now
        x.keys("Down")  # into the results: the first guest found is chosen
        x.shot("booking-typed")
        x.keys("Return")
        x.wait_active("frontdesk")
        booking = wait_row(db, "the booking to be saved",
                           "SELECT id, date_from, date_to, status FROM bookings "
                           "WHERE guest_id = ? AND room_id = ?", (guest_id, room_id))
        booking_id = booking[0]
        assert booking[1:] == (today.isoformat(), (today + timedelta(days=1)).isoformat(),
                               "confirmed")

        # Check in from Today's arrivals: the confirmation shows the room; Enter checks in.
        x.keys("ctrl+1")
        x.keys("alt+i")
        x.wait_active("Check in")
        x.shot("check-in")
        x.keys("Return")
        x.wait_active("frontdesk")
        wait_row(db, "the check-in", "SELECT unit_id FROM bookings WHERE id = ? AND status = "
                 "'checked_in' AND unit_id IS NOT NULL", (booking_id,))

        # Check out from In house (Alt+U): the question names guest and room; its safe answer
        # is the default, so the receptionist says yes with the button's letter (Alt+C).
        x.keys("alt+u")
        x.wait_active("Check out")
        x.shot("check-out")
        x.keys("alt+c")
        x.wait_active("frontdesk")
        wait_row(db, "the check-out", "SELECT id FROM bookings WHERE id = ? AND status = "
                 "'checked_out'", (booking_id,))
        x.shot("day-done")
        assert x.quit() == 0, x.app_log()

    assert rows(db, "SELECT count(*) FROM bookings") == [(1,)]
    assert wait_for("a clean log", lambda: "Traceback" not in x.app_log() or None), x.app_log()
