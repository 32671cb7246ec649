"""Housekeeping: room statuses for the working date, check-out leaves a room dirty, export."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from uihelpers import press, type_text, wait_closed, wait_dialog, wait_idle

from frontdesk.dto import Housekeeping, Status

TODAY = date.today()


@pytest.fixture
def hotel(desk, run):
    h = run(desk.add_hotel("Strandhotel Möwe", "Westerland (Sylt)", 3))
    double = run(desk.add_room(h.id, "Doppelzimmer", 11_900, 3, 2))
    guest = run(desk.add_guest("Søren Kierkegaard"))
    stay = run(desk.book(double.id, guest.id, TODAY, TODAY + timedelta(days=2)))
    return {"hotel": h, "double": double, "guest": guest, "stay": stay,
            "units": {u.number: u for u in run(desk.list_units(h.id))}}


def open_housekeeping(window, qtbot):
    window.refresh()
    wait_idle(qtbot, window)
    press(qtbot, window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    view = window.housekeeping_view
    assert window.current_view is view
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    wait_idle(qtbot, window)
    return view


def row_of(view, number: str):
    return next(u for u in view.model.rows if u.number == number)


def select(view, number: str) -> None:
    assert view.table.select_where(lambda u: u.number == number)


def test_check_out_leaves_the_room_dirty(window, hotel, desk, run, qtbot):
    stay = hotel["stay"]
    window.refresh()
    wait_idle(qtbot, window)
    today = window.today_view
    qtbot.waitUntil(lambda: today.arrivals.model.rowCount() == 1)
    today.arrivals.table.select_row(0)
    qtbot.mouseClick(today.findChild(QPushButton, "checkInButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wait_dialog(qtbot, "checkInDialog").save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run(desk.get_booking(stay.id)).status is Status.CHECKED_IN)
    room = run(desk.get_booking(stay.id)).unit_number

    view = open_housekeeping(window, qtbot)
    assert row_of(view, room).occupant == "Søren Kierkegaard"
    assert view.model.index(0, 3).data() == "Clean"

    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    in_house = today.in_house
    qtbot.waitUntil(lambda: in_house.model.rowCount() == 1)
    in_house.table.select_row(0)
    qtbot.mouseClick(today.findChild(QPushButton, "inHouseCheckOutButton"),
                     Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wait_dialog(qtbot, "confirmDialog").yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run(desk.get_booking(stay.id)).status is Status.CHECKED_OUT)

    open_housekeeping(window, qtbot)
    qtbot.waitUntil(lambda: row_of(view, room).status is Housekeeping.DIRTY)
    assert row_of(view, room).occupant is None
    assert "1 dirty" in view.summary.text()
    # Only the dirty rooms.
    view.filter.setCurrentIndex(view.filter.findData("dirty"))
    assert [u.number for u in view.model.rows] == [room]


def test_change_status_with_buttons_and_keys(window, hotel, desk, run, qtbot):
    view = open_housekeeping(window, qtbot)
    assert [u.number for u in view.model.rows] == ["101", "102", "103"]
    # Two rooms at once: 101 and 102 dirty.
    table = view.table
    for row, modifier in ((0, Qt.KeyboardModifier.NoModifier),
                          (1, Qt.KeyboardModifier.ControlModifier)):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier,
                         table.visualRect(view.model.index(row, 0)).center())
    assert [u.number for u in view.selected()] == ["101", "102"]
    qtbot.mouseClick(view.dirty_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [u.status for u in view.model.rows[:2]] == [Housekeeping.DIRTY] * 2)
    statuses = {u.number: u.status for u in run(desk.list_units(hotel["hotel"].id))}
    assert statuses == {"101": Housekeeping.DIRTY, "102": Housekeeping.DIRTY,
                        "103": Housekeeping.CLEAN}
    assert {u.number for u in view.selected()} == {"101", "102"}  # kept after the reload
    # The keyboard: I marks the selected room inspected.
    select(view, "102")
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: row_of(view, "102").status is Housekeeping.INSPECTED)
    assert "Rooms 102 marked inspected" in window.statusBar().currentMessage() or \
        "Room 102 marked inspected" in window.statusBar().currentMessage()


def test_out_of_order_and_back(window, hotel, desk, run, qtbot):
    view = open_housekeeping(window, qtbot)
    select(view, "103")
    qtbot.mouseClick(view.block_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, "outOfOrderDialog")
    type_text(dialog.reason, "Broken window")
    dialog.date_to.setDate(dialog.date_to.date().addDays(2))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: row_of(view, "103").out_of_order == "Broken window")
    assert "1 out of order" in view.summary.text()
    # Two rooms left tonight: the stay holds one, 103 is out of order.
    [left] = run(desk.rooms_left(hotel["hotel"].id, TODAY, TODAY + timedelta(days=1)))
    assert left.rooms_left == 1

    select(view, "103")
    assert view.return_button.isEnabled()
    qtbot.mouseClick(view.return_button, Qt.MouseButton.LeftButton)
    confirm = wait_dialog(qtbot, "confirmDialog")
    assert "Broken window" in confirm.text.text()
    qtbot.mouseClick(confirm.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row_of(view, "103").out_of_order is None)


def test_export_csv(window, hotel, desk, run, qtbot, tmp_path):
    run(desk.set_room_status(hotel["units"]["102"].id, "dirty"))
    view = open_housekeeping(window, qtbot)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, "housekeepingExportDialog")
    assert dialog.selectedFiles()[0].endswith(f"-{TODAY.isoformat()}.csv")
    target = tmp_path / "list.csv"
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(target.exists)
    wait_idle(qtbot, window)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Room,Room type,Floor,Status,Out of order,Guest"
    assert "102,Doppelzimmer,1,Dirty,," in lines
    assert str(target) in window.statusBar().currentMessage()


def test_print_to_pdf(window, hotel, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    view = open_housekeeping(window, qtbot)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "list.pdf"))
    view.print_to(printer)
    assert (tmp_path / "list.pdf").read_bytes().startswith(b"%PDF")
