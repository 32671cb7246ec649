"""What a receptionist can type at the edges (issue 10, item 10): a number past the largest
booking number, a pasted page, a year past 2199. The window shows the matching list or keeps
the value within what the desk accepts; it never shows "Something went wrong"."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from uihelpers import wait_idle

from frontdesk.limits import LAST_TYPED_DAY, SEARCH_MAX
from frontdesk.ui import fmt


def failures(window) -> list[tuple[str, bool]]:
    shown: list[tuple[str, bool]] = []
    window.runner.failed.connect(lambda text, expected: shown.append((text, expected)))
    return shown


def test_nineteen_nines_typed_into_the_bookings_search(window, desk, run, qtbot):
    """19 nines are past the largest booking number: they find no booking and show no error
    (the window showed "Something went wrong" twice, for the page and for the count). Typing
    on, the field stops where the desk's search does."""
    hotel = run(desk.add_hotel("Lake", "Annecy", 3))
    room = run(desk.add_room(hotel.id, "Double", 10_000, 2))
    guest = run(desk.add_guest("Anna Ivanova"))
    arrival = date.today() + timedelta(days=1)
    run(desk.book(room.id, guest.id, arrival, arrival + timedelta(days=2)))
    shown = failures(window)
    window.show_view(window.views.index(window.bookings_view))
    view = window.bookings_view
    wait_idle(qtbot, window)
    qtbot.keyClicks(view.search, "9" * 19)
    qtbot.waitUntil(lambda: "No booking matches" in view.stack.message)
    wait_idle(qtbot, window)
    assert shown == []
    qtbot.keyClicks(view.search, "9" * (SEARCH_MAX + 50))
    qtbot.waitUntil(lambda: view.model.total == 0)
    wait_idle(qtbot, window)
    assert view.search.text() == "9" * SEARCH_MAX
    assert shown == []


def test_a_year_past_2199_typed_into_the_working_date(window, desk, run, qtbot):
    """Typing 30 12 9999 gave a working date in the year 9999, where the room grid's last
    day overflowed (an exception in the event loop); the field now takes no year past a year
    inside the desk's days, and every view shows its day without an error."""
    hotel = run(desk.add_hotel("Lake", "Annecy", 3))
    run(desk.add_room(hotel.id, "Double", 10_000, 2))
    window.refresh()
    wait_idle(qtbot, window)
    shown = failures(window)
    edit = window.date_edit
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(edit, "30 12 9999")
    wait_idle(qtbot, window)
    assert fmt.pydate(edit.date()) == window.ctx.working_date <= LAST_TYPED_DAY  # not 9999
    for index, view in enumerate(window.views):
        window.show_view(index)
        view.refresh()
        wait_idle(qtbot, window)
        assert shown == [], view.title
