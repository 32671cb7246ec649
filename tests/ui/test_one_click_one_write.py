"""One click, one call, one transaction (issue 11, items 3 and 4): the window makes each user
action one call of the desk, and its views refresh from what the desk reports changed, also
when the change was not made in the window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from uihelpers import (
    press,
    save_and_wait_refusal,
    type_text,
    wait_closed,
    wait_dialog,
    wait_idle,
)

from frontdesk.dto import ChangeKind as K
from frontdesk.dto import Housekeeping

TODAY = date.today()


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture
def hotel(desk, run):
    h = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    double = run(desk.add_room(h.id, "Double", 10_000, 3, 2))
    single = run(desk.add_room(h.id, "Single", 7_000, 1, 1))
    anna = run(desk.add_guest("Anna Müller", "+49 171 2345678"))
    return {"hotel": h, "double": double, "single": single, "anna": anna,
            "units": {u.number: u for u in run(desk.list_units(h.id))}}


@pytest.fixture
def reports(desk):
    """What the desk reported, one entry per committed call: {kind: ids}."""
    heard: list[dict] = []
    stop = desk.on_change(lambda changes: heard.append({c.kind: set(c.ids) for c in changes}))
    yield heard
    stop()


def show(window, qtbot, key):
    window.refresh()
    wait_idle(qtbot, window)
    press(qtbot, window, key, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)


def test_the_grids_book_this_room_is_one_call_that_puts_the_stay_in_the_room(
        window, hotel, desk, run, qtbot, reports):
    show(window, qtbot, Qt.Key.Key_6)
    chart = window.grid_view.chart
    qtbot.waitUntil(lambda: bool(chart.rows))
    row = next(i for i, r in enumerate(chart.rows) if r.unit is not None
               and r.unit.number == "102")
    reports.clear()
    qtbot.mouseDClick(chart.viewport(), Qt.MouseButton.LeftButton,
                      pos=chart.cell_rect(row, day(1)).center())
    dialog = wait_dialog(qtbot, "bookingDialog")
    qtbot.waitUntil(lambda: dialog.room.count() > 0)
    assert "In room <b>102</b>" in dialog.unit_note.text()
    dialog.choose_guest(hotel["anna"])
    qtbot.waitUntil(dialog.save_button.isEnabled)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: len(reports) == 1)
    (booking_id,) = reports[0][K.BOOKINGS]
    assert reports == [{K.BOOKINGS: {booking_id}}]  # one transaction: booked in its room
    assert run(desk.get_booking(booking_id)).unit_number == "102"
    # The grid refreshed from that report and selected the new stay in room 102.
    qtbot.waitUntil(lambda: chart.current is not None and chart.current.booking is not None
                    and chart.current.booking.id == booking_id)
    assert chart.rows[chart.current.row].unit.number == "102"
    assert "(room 102)" in window.statusBar().currentMessage()


def test_a_booking_with_a_new_guest_is_one_call_and_a_refusal_adds_no_guest(
        window, hotel, desk, run, qtbot, reports):
    show(window, qtbot, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_dialog(qtbot, "bookingDialog")
    qtbot.waitUntil(lambda: dialog.room.count() > 0)
    dialog.room.setCurrentIndex(dialog.room.findData(hotel["single"].id))
    dialog.new_guest.setChecked(True)
    type_text(dialog.new_name, "Zoë Ångström")
    qtbot.waitUntil(dialog.save_button.isEnabled)
    # Another desk sells the last Single meanwhile: the save is refused, and no guest is left.
    bob = run(desk.add_guest("Bob"))
    run(desk.book(hotel["single"].id, bob.id, dialog.stay[0], dialog.stay[1]))
    reports.clear()
    assert "No 'Single' room is free" in save_and_wait_refusal(qtbot, dialog)
    assert reports == []
    assert run(desk.find_guests("zoe")) == []
    # A Double then: the guest and the stay in one call.
    qtbot.waitUntil(lambda: dialog.room.findData(hotel["double"].id) >= 0)
    dialog.room.setCurrentIndex(dialog.room.findData(hotel["double"].id))
    qtbot.waitUntil(dialog.save_button.isEnabled)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: len(reports) == 1)
    assert set(reports[0]) == {K.GUESTS, K.BOOKINGS}
    [zoe] = run(desk.find_guests("zoe"))
    assert run(desk.get_booking(*reports[0][K.BOOKINGS])).guest_id == zoe.id


def test_marking_several_rooms_is_one_transaction(window, hotel, desk, run, qtbot, reports):
    show(window, qtbot, Qt.Key.Key_7)
    view = window.housekeeping_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    run(desk.set_rooms_status([u.id for u in hotel["units"].values()], "dirty"))
    qtbot.waitUntil(lambda: all(u.status is Housekeeping.DIRTY for u in view.model.rows))
    reports.clear()
    view.table.selectAll()
    qtbot.keyClick(view.table, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: all(u.status is Housekeeping.CLEAN for u in view.model.rows))
    assert reports == [{K.UNITS: {u.id for u in hotel["units"].values()}}]


def test_return_to_service_goes_by_the_period_id_the_list_carries(
        window, hotel, desk, run, qtbot, reports, monkeypatch):
    room = hotel["units"]["103"]
    block = run(desk.take_out_of_order(room.id, day(0), day(2), "Broken window"))
    show(window, qtbot, Qt.Key.Key_7)
    view = window.housekeeping_view
    qtbot.waitUntil(lambda: any(u.out_of_order_id == block.id for u in view.model.rows))

    async def no_grid(*_args):
        raise AssertionError("return to service loaded the room grid")

    monkeypatch.setattr(desk, "room_grid", no_grid)
    reports.clear()
    assert view.table.select_where(lambda u: u.number == "103")
    qtbot.mouseClick(view.return_button, Qt.MouseButton.LeftButton)
    confirm = wait_dialog(qtbot, "confirmDialog")
    assert "Broken window" in confirm.text.text()
    qtbot.mouseClick(confirm.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(u.out_of_order is None for u in view.model.rows))
    assert reports == [{K.BLOCKS: {block.id}}]


def test_views_refresh_from_the_desks_report_whoever_made_the_change(
        window, hotel, desk, run, qtbot):
    show(window, qtbot, Qt.Key.Key_1)
    arrivals = window.today_view.arrivals
    assert arrivals.model.rowCount() == 0
    # A script (or the CLI) on the same desk books a stay arriving today: no F5 pressed.
    run(desk.book(hotel["double"].id, hotel["anna"].id, day(0), day(2)))
    qtbot.waitUntil(lambda: arrivals.model.rowCount() == 1)
    run(desk.update_guest(hotel["anna"].id, full_name="Anna Schmidt"))
    qtbot.waitUntil(lambda: arrivals.model.rows[0].guest_name == "Anna Schmidt")
    assert window.findChild(QPushButton, "checkInButton") is not None


def test_the_bookings_list_updates_each_changed_row_in_place(window, hotel, desk, run, qtbot):
    stays = [run(desk.book(hotel["double"].id, hotel["anna"].id, day(n), day(n + 1)))
             for n in range(1, 4)]
    show(window, qtbot, Qt.Key.Key_5)
    view = window.bookings_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    loads = []
    view.model.pageLoaded.connect(lambda: loads.append(1))
    # Two changes at once (two desks, or a script): both rows change, the list is not reloaded.
    first, second = (run(desk.cancel(stays[0].id, "plans changed")),
                     run(desk.change_dates(stays[1].id, day(2), day(4))))
    qtbot.waitUntil(lambda: {b.id: b for b in view.model.rows}[first.id].status
                    is first.status)
    qtbot.waitUntil(lambda: {b.id: b for b in view.model.rows}[second.id].date_to == day(4))
    wait_idle(qtbot, window)
    assert loads == []
