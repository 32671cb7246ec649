"""A receptionist's whole day, driven through the real widgets."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from uihelpers import clear_and_type, press, type_text, wait_closed, wait_dialog, wait_idle

from frontdesk.dto import Status


def type_into(qtbot, widget, text: str) -> None:
    clear_and_type(widget, text)


def click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.objectName()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_day_at_the_desk(window, desk, run, qtbot):
    today = date.today()

    # Morning: the desk is empty and says what to do.
    assert window.today_view.no_hotel.isVisible()

    # Add a hotel with Ctrl+Shift+H.
    press(qtbot, window, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_dialog(qtbot, "hotelDialog")
    type_into(qtbot, dialog.name, "Hôtel du Lac")
    type_into(qtbot, dialog.location, "Annecy")
    dialog.stars.setValue(4)
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: window.hotel_combo.count() == 1)
    assert window.hotel_combo.currentText().startswith("Hôtel du Lac")
    [hotel] = run(desk.list_hotels())
    assert (hotel.name, hotel.location, hotel.stars) == ("Hôtel du Lac", "Annecy", 4)

    # Add a room type in Rooms (Ctrl+3).
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    rooms = window.rooms_view
    assert window.current_view is rooms
    qtbot.waitUntil(rooms.add_button.isEnabled)
    click(qtbot, rooms.add_button)
    dialog = wait_dialog(qtbot, "roomDialog")
    type_into(qtbot, dialog.name, "Double")
    dialog.price.set_minor(12_050)
    dialog.quantity.setValue(3)
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: rooms.model.rowCount() == 1)
    assert "120.50" in rooms.model.index(0, 1).data()
    [room] = run(desk.list_rooms(hotel.id))
    assert (room.name, room.price, room.quantity) == ("Double", 12_050, 3)

    # Add a guest with Ctrl+Shift+G.
    press(qtbot, window, Qt.Key.Key_G,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_dialog(qtbot, "guestDialog")
    type_into(qtbot, dialog.full_name, "Zoë Ångström")
    type_into(qtbot, dialog.phone, "+46 70 123 45 67")
    type_into(qtbot, dialog.email, "zoe@example.se")
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog)
    [zoe] = run(desk.find_guests("Ångström"))

    # Book her tonight with Ctrl+N: search the guest, the room type is picked, confirm.
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_dialog(qtbot, "bookingDialog")
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.guest_search, "zoe")
    qtbot.waitUntil(lambda: dialog.guest is not None and dialog.guest.id == zoe.id)
    qtbot.waitUntil(dialog.save_button.isEnabled)
    assert "120.50" in dialog.total.text()
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog)

    # She is in Today's arrivals (Ctrl+1).
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    today_view = window.today_view
    arrivals = today_view.arrivals
    qtbot.waitUntil(lambda: arrivals.model.rowCount() == 1)
    assert arrivals.model.rows[0].guest_name == "Zoë Ångström"
    booking_id = arrivals.model.rows[0].id

    # Check in: the dialog shows the room she gets; Enter checks her in.
    arrivals.table.select_row(0)
    click(qtbot, qtbot_find(today_view, "checkInButton"))
    dialog = wait_dialog(qtbot, "checkInDialog")
    assert dialog.room.currentText().startswith("101")
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: today_view.in_house.model.rowCount() == 1)
    assert run(desk.get_booking(booking_id)).status is Status.CHECKED_IN
    assert "checked in to room 101" in window.statusBar().currentMessage()

    # A second guest, added inline while booking, for the next days; then cancelled.
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_dialog(qtbot, "bookingDialog")
    dialog.date_to.setDate(dialog.date_to.date().addDays(2))
    dialog.date_from.setDate(dialog.date_from.date().addDays(1))
    type_text(dialog.guest_search, "José Muñoz")
    click(qtbot, dialog.new_guest)
    assert dialog.new_name.text() == "José Muñoz"
    qtbot.waitUntil(dialog.save_button.isEnabled)
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog)
    [jose] = run(desk.find_guests("muñoz"))
    [second] = run(desk.list_bookings(guest_id=jose.id))
    assert (second.date_from, second.date_to) == (today + timedelta(days=1),
                                                  today + timedelta(days=3))

    press(qtbot, window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    bookings = window.bookings_view
    qtbot.waitUntil(lambda: bookings.model.rowCount() == 2)
    assert bookings.table.select_where(lambda b: b.id == second.id)
    bookings.table.setFocus()
    qtbot.keyClick(bookings.table, Qt.Key.Key_Delete)
    confirm = wait_dialog(qtbot, "confirmDialog")
    assert "José Muñoz" in confirm.text.text()
    qtbot.keyClicks(confirm.reason, "Plans changed")
    click(qtbot, confirm.yes)
    qtbot.waitUntil(lambda: run(desk.get_booking(second.id)).status is Status.CANCELLED)
    qtbot.waitUntil(lambda: any(b.status is Status.CANCELLED for b in bookings.model.rows))

    # A third booking for tonight that never shows up.
    third = run(desk.book(room.id, jose.id, today, today + timedelta(days=1)))
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: arrivals.model.rowCount() == 2)
    assert arrivals.table.select_where(lambda b: b.id == third.id)
    click(qtbot, qtbot_find(today_view, "noShowButton"))
    confirm = wait_dialog(qtbot, "confirmDialog")
    click(qtbot, confirm.yes)
    qtbot.waitUntil(lambda: run(desk.get_booking(third.id)).status is Status.NO_SHOW)

    # Evening: Zoë leaves early: check her out from the in-house list.
    in_house = today_view.in_house
    qtbot.waitUntil(lambda: in_house.model.rowCount() == 1)
    in_house.table.select_row(0)
    click(qtbot, qtbot_find(today_view, "inHouseCheckOutButton"))
    confirm = wait_dialog(qtbot, "confirmDialog")
    assert "Zoë Ångström" in confirm.text.text() and "room 101" in confirm.text.text()
    click(qtbot, confirm.yes)
    qtbot.waitUntil(lambda: run(desk.get_booking(booking_id)).status is Status.CHECKED_OUT)
    qtbot.waitUntil(lambda: in_house.model.rowCount() == 0)
    assert in_house.stack.message == "Nobody is checked in for this night."
    wait_idle(qtbot, window)


def qtbot_find(parent, name):
    from PySide6.QtWidgets import QPushButton

    button = parent.findChild(QPushButton, name)
    assert button is not None, name
    return button
