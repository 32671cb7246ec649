"""The room grid driven through the real widget: click, double-click, drag, keyboard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from uihelpers import press, wait_closed, wait_dialog, wait_idle

from frontdesk.dto import Status
from frontdesk.ui.views.grid_layout import LANE, TYPE, UNIT

TODAY = date.today()


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture
def hotel(desk, run):
    """Hôtel du Lac: three Doubles (101-103) at 100.00, one Suite (104) at 200.00; Anna in
    101 for nights +1..+3, Ben in 102 for +2..+4, and two overlapping unassigned Doubles."""
    h = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    double = run(desk.add_room(h.id, "Double", 10_000, 3, 2))
    suite = run(desk.add_room(h.id, "Suite", 20_000, 1, 3))
    units = {u.number: u for u in run(desk.list_units(h.id))}
    anna = run(desk.add_guest("Anna Müller", "+49 171 2345678"))
    ben = run(desk.add_guest("Ben Okafor"))
    cleo = run(desk.add_guest("Cléo Martin"))
    a = run(desk.book(double.id, anna.id, day(1), day(3)))
    run(desk.assign_room(a.id, units["101"].id))
    b = run(desk.book(double.id, ben.id, day(2), day(4)))
    run(desk.assign_room(b.id, units["102"].id))
    c = run(desk.book(double.id, cleo.id, day(6), day(8)))
    d = run(desk.book(double.id, ben.id, day(7), day(9)))
    return {"hotel": h, "double": double, "suite": suite, "units": units, "anna": anna,
            "a": a, "b": b, "c": c, "d": d}


def open_grid(window, qtbot):
    window.refresh()
    wait_idle(qtbot, window)
    press(qtbot, window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    grid = window.grid_view
    assert window.current_view is grid
    qtbot.waitUntil(lambda: bool(grid.chart.rows))
    wait_idle(qtbot, window)
    return grid


def unit_row(chart, number: str) -> int:
    return next(i for i, r in enumerate(chart.rows) if r.unit is not None
                and r.unit.number == number)


def cell(chart, row: int, d: date) -> QPoint:
    return chart.cell_rect(row, d).center()


def drag(qtbot, chart, start: QPoint, end: QPoint) -> None:
    vp = chart.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 6):
        qtbot.mouseMove(vp, start + (end - start) * (k / 5))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)


def test_grid_shows_rooms_stays_and_free_rooms(window, hotel, qtbot):
    grid = open_grid(window, qtbot)
    chart = grid.chart
    kinds = [(r.kind, r.unit.number if r.unit else r.room.name) for r in chart.rows]
    # A header and an unassigned row per type; the two overlapping unassigned stays stack.
    assert kinds == [(TYPE, "Double"), (LANE, "Double"), (LANE, "Double"), (UNIT, "101"),
                     (UNIT, "102"), (UNIT, "103"), (TYPE, "Suite"), (LANE, "Suite"),
                     (UNIT, "104")]
    anna = chart.item_for_booking(hotel["a"].id)
    assert chart.rows[anna.row].unit.number == "101"
    assert anna.label == "Anna Müller"
    assert {chart.rows[chart.item_for_booking(hotel[k].id).row].kind for k in "cd"} == {LANE}
    assert chart.item_for_booking(hotel["c"].id).row != chart.item_for_booking(
        hotel["d"].id).row
    # Free Doubles per night: 3 rooms; +2 has Anna and Ben, +7 has Cléo and Ben.
    free = chart.free[hotel["double"].id]
    assert free[0] == 3 and free[2] == 1 and free[7] == 1
    # The tooltip tells the booking.
    tip = chart.tooltip_at(cell(chart, anna.row, day(1)))
    assert "Anna Müller" in tip and "2 nights" in tip and "200.00" in tip
    assert "room 101" in tip and "Confirmed" in tip
    assert grid.range_label.text().startswith(f"{TODAY:%a}")


def test_click_selects_and_enter_opens(window, hotel, qtbot):
    chart = open_grid(window, qtbot).chart
    row = unit_row(chart, "101")
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=cell(chart, row, day(2)))
    assert chart.current is not None and chart.current.booking.id == hotel["a"].id
    grid = window.grid_view
    assert "Anna Müller" in grid.details.text()
    assert grid.open_button.isEnabled() and grid.check_in_button.isEnabled() is False
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    dialog = wait_dialog(qtbot, "changeDatesDialog")
    assert dialog.booking.id == hotel["a"].id
    dialog.reject()
    wait_closed(qtbot, dialog)


def test_double_click_on_a_free_room_books_it(window, hotel, desk, run, qtbot):
    chart = open_grid(window, qtbot).chart
    row = unit_row(chart, "103")
    qtbot.mouseDClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=cell(chart, row, day(1)))
    dialog = wait_dialog(qtbot, "bookingDialog")
    qtbot.waitUntil(lambda: dialog.room.count() > 0)
    assert dialog.room_id == hotel["double"].id
    assert dialog.stay == (day(1), day(2))
    dialog.choose_guest(hotel["anna"])
    qtbot.waitUntil(dialog.save_button.isEnabled)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)

    def booked():
        rows = run(desk.list_bookings(guest_id=hotel["anna"].id, date_from=day(1),
                                      date_to=day(2)))
        return [b for b in rows if b.unit_number == "103"]

    qtbot.waitUntil(lambda: len(booked()) == 1)
    new = booked()[0]
    # Booked into room 103 in one call: the grid shows it there, never unassigned first.
    qtbot.waitUntil(lambda: chart.item_for_booking(new.id) is not None)
    assert chart.rows[chart.item_for_booking(new.id).row].unit.number == "103"
    assert "room 103" in window.statusBar().currentMessage()


def test_drag_to_another_room_quotes_and_moves(window, hotel, desk, run, qtbot):
    chart = open_grid(window, qtbot).chart
    start = cell(chart, unit_row(chart, "101"), day(1))
    end = cell(chart, unit_row(chart, "104"), day(1))
    drag(qtbot, chart, start, end)
    dialog = wait_dialog(qtbot, "moveDialog")
    qtbot.waitUntil(lambda: dialog.quote is not None)
    # Two nights of a Suite at 200.00 instead of a Double at 100.00.
    assert dialog.cells["nights"][1].text() == "2"
    assert "200.00" in dialog.cells["total"][0].text()
    assert "400.00" in dialog.cells["total"][1].text()
    assert dialog.difference.text().startswith("+") and "200.00" in dialog.difference.text()
    assert "104" in dialog.cells["room"][1].text()
    assert chart.ghost is not None  # the preview stays while the move is confirmed
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    moved = run(desk.get_booking(hotel["a"].id))
    assert (moved.unit_number, moved.room_name, moved.total) == ("104", "Suite", 40_000)
    qtbot.waitUntil(lambda: chart.rows[chart.item_for_booking(moved.id).row].unit.number
                    == "104")
    assert chart.ghost is None


def test_drag_onto_a_taken_room_is_refused(window, hotel, desk, run, qtbot):
    chart = open_grid(window, qtbot).chart
    # Anna's +1..+3 onto 102, where Ben sleeps from +2.
    drag(qtbot, chart, cell(chart, unit_row(chart, "101"), day(1)),
         cell(chart, unit_row(chart, "102"), day(1)))
    dialog = wait_dialog(qtbot, "moveDialog")
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "Room 102 is taken" in dialog.error.text()
    assert not dialog.save_button.isVisible()
    dialog.reject()
    wait_closed(qtbot, dialog)
    assert run(desk.get_booking(hotel["a"].id)).unit_number == "101"
    assert chart.ghost is None


def test_drag_a_stay_later_in_its_room(window, hotel, desk, run, qtbot):
    chart = open_grid(window, qtbot).chart
    row = unit_row(chart, "101")
    drag(qtbot, chart, cell(chart, row, day(1)), cell(chart, row, day(4)))
    dialog = wait_dialog(qtbot, "moveDialog")
    qtbot.waitUntil(lambda: dialog.quote is not None)
    assert dialog.difference.text() == "No change in price"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    moved = run(desk.get_booking(hotel["a"].id))
    assert (moved.date_from, moved.date_to, moved.unit_number) == (day(4), day(6), "101")


def test_drag_the_end_to_stay_longer(window, hotel, desk, run, qtbot):
    chart = open_grid(window, qtbot).chart
    anna = chart.item_for_booking(hotel["a"].id)
    bar = chart.item_rect(anna)
    grab = QPoint(bar.right() - 2, bar.center().y())
    qtbot.mouseMove(chart.viewport(), grab)
    assert chart.viewport().cursor().shape() == Qt.CursorShape.SizeHorCursor
    drag(qtbot, chart, grab, grab + QPoint(2 * chart.column, 0))
    dialog = wait_dialog(qtbot, "moveDialog")
    qtbot.waitUntil(lambda: dialog.quote is not None)
    assert dialog.cells["nights"][1].text() == "4"
    assert dialog.difference.text().startswith("+") and "200.00" in dialog.difference.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    longer = run(desk.get_booking(hotel["a"].id))
    assert (longer.date_from, longer.date_to, longer.unit_number) == (day(1), day(5), "101")


def test_keyboard_cursor_open_and_book(window, hotel, qtbot):
    grid = open_grid(window, qtbot)
    chart = grid.chart
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    assert chart.cursor_grid_row.kind == LANE and chart.cursor_date == TODAY
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Right):
        qtbot.keyClick(chart, key)
    assert chart.cursor_grid_row.unit.number == "101" and chart.cursor_date == day(1)
    assert chart.current.booking.id == hotel["a"].id
    press(qtbot, window, Qt.Key.Key_Return)
    dialog = wait_dialog(qtbot, "changeDatesDialog")
    dialog.reject()
    wait_closed(qtbot, dialog)
    # Down twice (to 103: a free room), Ctrl+N books it on that day.
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.cursor_grid_row.unit.number == "103" and chart.current is None
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_dialog(qtbot, "bookingDialog")
    qtbot.waitUntil(lambda: dialog.room.count() > 0)
    assert dialog.room_id == hotel["double"].id and dialog.stay == (day(1), day(2))
    dialog.reject()
    wait_closed(qtbot, dialog)
    # Past the last day shown, the grid scrolls (and loads) one day on.
    chart.setFocus()
    for _ in range(grid.days):
        qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.first_day == day(2)
    qtbot.waitUntil(lambda: chart.grid.date_from == day(2))


def test_zoom_and_scroll_load_other_days(window, hotel, qtbot):
    grid = open_grid(window, qtbot)
    chart = grid.chart
    assert grid.days == 14 and chart.grid.date_to == day(14)
    press(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert grid.days == 31
    qtbot.waitUntil(lambda: chart.grid.date_to == day(31))
    press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert grid.days == 7
    qtbot.mouseClick(grid.later_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chart.grid.date_from == day(7) and chart.grid.date_to == day(14))
    assert chart.item_for_booking(hotel["c"].id) is not None
    # The horizontal scroll bar counts days.
    chart.horizontalScrollBar().setValue(day(-3).toordinal())
    qtbot.waitUntil(lambda: chart.grid.date_from == day(-3))
    assert "Earlier" in grid.earlier_button.text()


def test_check_in_from_today_puts_the_guest_in_a_room(window, hotel, desk, run, qtbot):
    tonight = run(desk.book(hotel["double"].id, hotel["anna"].id, TODAY, day(1)))
    window.refresh()
    wait_idle(qtbot, window)
    arrivals = window.today_view.arrivals
    qtbot.waitUntil(lambda: arrivals.model.rowCount() == 1)
    arrivals.table.select_row(0)
    qtbot.mouseClick(window.today_view.findChild(type(window.grid_view.open_button),
                                                 "checkInButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wait_dialog(qtbot, "checkInDialog").save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run(desk.get_booking(tonight.id)).status is Status.CHECKED_IN)
    room = run(desk.get_booking(tonight.id)).unit_number
    assert room is not None
    chart = open_grid(window, qtbot).chart
    qtbot.waitUntil(lambda: chart.item_for_booking(tonight.id) is not None)
    item = chart.item_for_booking(tonight.id)
    assert chart.rows[item.row].kind == UNIT and chart.rows[item.row].unit.number == room
    assert item.booking.status is Status.CHECKED_IN


def test_give_a_room_back_by_dragging_to_unassigned(window, hotel, desk, run, qtbot):
    chart = open_grid(window, qtbot).chart
    lane = next(i for i, r in enumerate(chart.rows) if r.kind == LANE)
    drag(qtbot, chart, cell(chart, unit_row(chart, "101"), day(1)), cell(chart, lane, day(1)))
    dialog = wait_dialog(qtbot, "moveDialog")
    assert dialog.unassign and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert run(desk.get_booking(hotel["a"].id)).unit_id is None
    qtbot.waitUntil(lambda: chart.rows[chart.item_for_booking(hotel["a"].id).row].kind == LANE)


def test_out_of_order_from_the_grid_and_back(window, hotel, desk, run, qtbot):
    grid = open_grid(window, qtbot)
    chart = grid.chart
    chart.set_cursor(unit_row(chart, "103"), day(2))
    assert grid.block_button.isEnabled()
    qtbot.mouseClick(grid.block_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, "outOfOrderDialog")
    assert dialog.stay == (day(2), day(3))
    dialog.reason.setText("New carpet")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: chart.current is not None and chart.current.block is not None)
    assert chart.current.label == "Out of order — New carpet"
    assert "New carpet" in chart.tooltip_at(cell(chart, unit_row(chart, "103"), day(2)))
    # Anna, Ben and the carpet: no Double left on the night of +2.
    assert chart.free[hotel["double"].id][2] == 0
    # Enter on the range offers to put the room back in service.
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    confirm = wait_dialog(qtbot, "confirmDialog")
    qtbot.mouseClick(confirm.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chart.current is None)
    assert run(desk.room_grid(hotel["hotel"].id, day(0), day(7))).blocks == []


def test_grid_shortcuts_only_while_shown(window, hotel, qtbot):
    grid = open_grid(window, qtbot)
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert grid.days == 14


def test_grid_reopens_on_the_remembered_hotel(window, hotel, desk, qtbot):
    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.tasks import TaskRunner

    open_grid(window, qtbot)
    window.close()
    again = MainWindow(TaskRunner())
    try:
        again.show()
        again.set_desk(desk)
        qtbot.waitUntil(lambda: again.is_ready)
        assert again.current_view is again.grid_view
        qtbot.waitUntil(lambda: again.grid_view.chart.item_for_booking(hotel["a"].id)
                        is not None)
        wait_idle(qtbot, again)
    finally:
        again.close()
        again.deleteLater()


def test_context_menu_by_keyboard(window, hotel, desk, run, qtbot):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    chart = open_grid(window, qtbot).chart
    chart.setFocus()
    chart.set_cursor(unit_row(chart, "103"), day(1))

    def menu_for_cursor() -> QMenu:
        rect = chart.cell_rect(chart.cursor_row, chart.cursor_date)
        QApplication.sendEvent(chart, QContextMenuEvent(
            QContextMenuEvent.Reason.Keyboard, rect.center(), chart.mapToGlobal(rect.center())))
        qtbot.waitUntil(lambda: any(m.isVisible() for m in chart.window().findChildren(
            QMenu, "gridMenu")))
        return next(m for m in chart.window().findChildren(QMenu, "gridMenu") if m.isVisible())

    menu = menu_for_cursor()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[0].startswith("Book room 103 from ")
    assert "Take room 103 out of order…" in texts
    dirty = next(a for a in menu.actions() if a.text() == "Mark room 103 dirty")
    menu.close()
    dirty.trigger()
    qtbot.waitUntil(lambda: {u.number: u.status for u in run(desk.list_units(
        hotel["hotel"].id))}["103"].value == "dirty")
    qtbot.waitUntil(lambda: chart.rows[unit_row(chart, "103")].unit.status.value == "dirty")
    # On a stay: what can be done with the booking.
    chart.set_cursor(unit_row(chart, "101"), day(1))
    menu = menu_for_cursor()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:2] == ["Open…", "Check in"] and "Cancel booking…" in texts
    assert not menu.actions()[1].isEnabled()  # arrives tomorrow
    menu.close()


def test_grid_follows_the_hotel(window, hotel, desk, run, qtbot):
    empty = run(desk.add_hotel("Albergo Vuoto", "Como", 2))
    window.refresh()
    qtbot.waitUntil(lambda: len(window.ctx.hotels) == 2)
    window.ctx.set_hotel(hotel["hotel"].id)
    grid = open_grid(window, qtbot)
    window.ctx.set_hotel(empty.id)
    qtbot.waitUntil(lambda: "no room types yet" in grid.stack.message)
    assert grid.chart.rows == [] and grid.header.text() == "Room grid — Albergo Vuoto"
    window.ctx.set_hotel(hotel["hotel"].id)
    qtbot.waitUntil(lambda: grid.chart.item_for_booking(hotel["a"].id) is not None)
    assert grid.stack.message == ""
