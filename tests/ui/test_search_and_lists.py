"""Search as you type, the lazy booking list, sorting, and the task runner's rules."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from uihelpers import press, type_text, wait_idle

from frontdesk.errors import NotAvailable
from frontdesk.ui.tasks import TaskRunner


def test_hotels_search_by_location_as_you_type(window, desk, run, qtbot):
    for name, location in [("Hôtel du Lac", "Annecy"), ("Strandhotel Möwe", "Westerland"),
                           ("Ryokan Sakura", "Kyōto"), ("Albergo Lago", "Annecy-le-Vieux")]:
        run(desk.add_hotel(name, location, 3))
    window.show_view(1)
    view = window.hotels_view
    window.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    type_text(view.search, "anne")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert {h.name for h in view.model.rows} == {"Hôtel du Lac", "Albergo Lago"}
    # Any case, any script: "KYŌTO" finds "Kyōto".
    view.search.clear()
    type_text(view.search, "KYŌTO")
    qtbot.waitUntil(lambda: [h.name for h in view.model.rows] == ["Ryokan Sakura"])
    type_text(view.search, "zzz")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert "No hotel in a location matching 'KYŌTOzzz'" in view.stack.message
    wait_idle(qtbot, window)


def test_guests_search_by_name_phone_or_email(window, desk, run, qtbot):
    run(desk.add_guest("José Muñoz García", phone="+34 612 345 678", email="jose@example.es"))
    run(desk.add_guest("Zoë Ångström", phone="+46 70 123 45 67", email="zoe@example.se"))
    run(desk.add_guest("Josephine Baker", email="jb@example.fr"))
    window.show_view(3)
    view = window.guests_view
    assert "Type a name" in view.stack.message
    type_text(view.search, "jose")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    view.search.clear()
    type_text(view.search, "345 678")   # a phone number is found by its last digits
    qtbot.waitUntil(lambda: [g.full_name for g in view.model.rows] == ["José Muñoz García"])
    view.search.clear()
    type_text(view.search, "zoe@")
    qtbot.waitUntil(lambda: [g.full_name for g in view.model.rows] == ["Zoë Ångström"])
    # The guest's stays show beside the list.
    qtbot.waitUntil(lambda: "Zoë Ångström has no stays yet." in view.stays_stack.message)
    wait_idle(qtbot, window)


def test_typing_fast_runs_one_search(window, desk, run, qtbot, monkeypatch):
    """The debounce waits for a pause; the last search is the one that lands."""
    run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    calls: list[str] = []
    real = desk.hotel_summaries

    async def counting(location="", night=None):
        calls.append(location)
        return await real(location, night)

    monkeypatch.setattr(desk, "hotel_summaries", counting)
    window.show_view(1)
    view = window.hotels_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    calls.clear()
    type_text(view.search, "annecy")
    qtbot.waitUntil(lambda: calls == ["annecy"])
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert calls == ["annecy"]


def test_newer_task_of_a_name_cancels_the_older(run, qtbot):
    runner = TaskRunner()
    results: list[str] = []

    async def search(text: str, delay: float) -> None:
        await asyncio.sleep(delay)
        results.append(text)

    first = runner.run("search", search("a", 0.2))
    second = runner.run("search", search("ab", 0.0))
    other = runner.run("other", search("x", 0.0))
    qtbot.waitUntil(lambda: runner.running == 0)
    assert first.cancelled()
    assert not second.cancelled() and not other.cancelled()
    assert sorted(results) == ["ab", "x"]


def test_runner_routes_errors_to_one_place(run, qtbot, caplog):
    runner = TaskRunner(log_path="/tmp/frontdesk.log")
    shown: list[tuple[str, bool]] = []
    runner.failed.connect(lambda text, expected: shown.append((text, expected)))

    async def refused() -> None:
        raise NotAvailable("Double", date(2030, 1, 2))

    async def broken() -> None:
        raise ZeroDivisionError("bug")

    runner.run("a", refused())
    runner.run("b", broken())
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert shown[0] == ("No 'Double' room is free on the night of Wed 2 Jan 2030. "
                        "Choose other dates or another room type.", True)
    assert "Something went wrong" in shown[1][0] and "/tmp/frontdesk.log" in shown[1][0]
    assert shown[1][1] is False
    assert "ZeroDivisionError" in caplog.text   # the traceback went to the log


@pytest.fixture
def many_bookings(desk, run):
    """500 bookings of one guest, one per day, in a room type with plenty of rooms."""
    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    room = run(desk.add_room(hotel.id, "Double", 10_000, 50))
    guest = run(desk.add_guest("Oliver Smith"))
    start = date.today()

    async def book_all() -> None:
        for i in range(500):
            day = start + timedelta(days=i % 300)
            await desk.book(room.id, guest.id, day, day + timedelta(days=1 + i % 3))

    run(book_all(), timeout=120_000)
    return hotel


def test_booking_list_loads_a_page_at_a_time(window, desk, run, qtbot, many_bookings):
    window.show_view(4)
    view = window.bookings_view
    model = view.model
    view.use_dates.setChecked(False)   # every booking, not only the stays around today
    window.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 100 and model.total == 500)
    wait_idle(qtbot, window)
    assert model.rowCount() == 100           # one page, not the whole table
    assert model.canFetchMore()
    assert "100 of 500" in view.count.text()
    # Scrolling to the end asks for the next page.
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 200)
    # Fetch the rest, page by page.
    while model.canFetchMore():
        model.fetchMore()
        rows = model.rowCount()
        qtbot.waitUntil(lambda rows=rows: not model.loading)
    assert model.rowCount() == 500
    assert len({b.id for b in model.rows}) == 500
    assert [b.date_from for b in model.rows] == sorted(b.date_from for b in model.rows)
    qtbot.waitUntil(lambda: view.count.text() == "500 bookings")


def test_booking_list_sorts_and_filters_in_the_database(window, desk, run, qtbot,
                                                        many_bookings):
    window.show_view(4)
    view = window.bookings_view
    model = view.model
    view.use_dates.setChecked(False)   # every booking, not only the stays around today
    window.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 100)
    # Click "#" twice: newest booking first.
    header = view.table.horizontalHeader()
    id_column = 0
    view.table.sortByColumn(id_column, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.rowCount() == 100 and model.rows[0].id == 500)
    assert header.sortIndicatorSection() == id_column
    # A column the database cannot sort by keeps the previous order.
    nights = [c.title for c in model.columns].index("Nights")
    view.table.sortByColumn(nights, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == id_column
    # Search by booking number.
    type_text(view.search, "123")
    qtbot.waitUntil(lambda: [b.id for b in model.rows] == [123])
    qtbot.waitUntil(lambda: view.count.text() == "1 booking")
    view.search.clear()
    # Status filter.
    run(desk.cancel(7))
    view.status.setCurrentIndex(view.status.findData("cancelled"))
    qtbot.waitUntil(lambda: [b.id for b in model.rows] == [7])
    wait_idle(qtbot, window)
