"""Every dialog refuses bad input with a sentence, keeps what was typed, and saves nothing."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from uihelpers import (
    clear_and_type,
    click,
    press,
    save_and_wait_refusal,
    top_level,
    type_text,
    wait_closed,
    wait_dialog,
    wait_idle,
)

from frontdesk.dates import day_text
from frontdesk.dto import Status


def test_hotel_dialog_refuses_missing_name(window, desk, run, qtbot):
    window.new_hotel()
    dialog = wait_dialog(qtbot, "hotelDialog")
    type_text(dialog.location, "Annecy")
    message = save_and_wait_refusal(qtbot, dialog)
    assert message == "Hotel name is required."
    assert dialog.name.hasFocus()
    assert dialog.location.text() == "Annecy"
    # Then a location that is only blanks.
    type_text(dialog.name, "Hôtel du Lac")
    clear_and_type(dialog.location, "   ")
    assert save_and_wait_refusal(qtbot, dialog) == "Location is required."
    assert run(desk.list_hotels()) == []
    dialog.reject()


def test_room_dialog_refuses_bad_values(window, desk, run, qtbot):
    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    run(desk.add_room(hotel.id, "Double", 12_000, 2))
    window.refresh()
    wait_idle(qtbot, window)
    window.show_view(2)
    rooms = window.rooms_view
    qtbot.waitUntil(lambda: rooms.model.rowCount() == 1)
    click(qtbot, rooms.add_button)
    dialog = wait_dialog(qtbot, "roomDialog")
    # No rooms at all.
    type_text(dialog.name, "Suite")
    dialog.quantity.setValue(0)
    assert "Number of rooms must be from 1" in save_and_wait_refusal(qtbot, dialog)
    assert dialog.quantity.hasFocus()
    # A name the hotel already has.
    dialog.quantity.setValue(2)
    clear_and_type(dialog.name, "Double")
    assert "already has a room type named 'Double'" in save_and_wait_refusal(qtbot, dialog)
    assert [r.name for r in run(desk.list_rooms(hotel.id))] == ["Double"]
    # Esc closes the dialog.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog)


def test_guest_dialog_refuses_bad_email_and_phone(window, desk, run, qtbot):
    window.new_guest()
    dialog = wait_dialog(qtbot, "guestDialog")
    type_text(dialog.full_name, "Søren Kierkegaard")
    type_text(dialog.email, "soren-at-example.dk")
    assert "is not an e-mail address" in save_and_wait_refusal(qtbot, dialog)
    assert dialog.email.hasFocus()
    clear_and_type(dialog.email, "soren@example.dk")
    type_text(dialog.phone, "call me")
    assert "is not a phone number" in save_and_wait_refusal(qtbot, dialog)
    assert run(desk.find_guests("Kierkegaard")) == []
    # Fixed, it saves.
    clear_and_type(dialog.phone, "+45 20 11 22 33")
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog)
    [guest] = run(desk.find_guests("Kierkegaard"))
    assert guest.email == "soren@example.dk"


def _hotel_with_room(desk, run, quantity=1):
    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    room = run(desk.add_room(hotel.id, "Double", 12_000, quantity))
    guest = run(desk.add_guest("Amélie Poulain", email="amelie@example.fr"))
    return hotel, room, guest


def test_booking_dialog_says_why_it_cannot_confirm(window, desk, run, qtbot):
    today = date.today()
    hotel, room, guest = _hotel_with_room(desk, run)
    window.refresh()
    wait_idle(qtbot, window)
    dialog = window.open_booking_dialog()
    qtbot.waitUntil(lambda: dialog.room.count() == 1)
    # No guest yet.
    qtbot.waitUntil(lambda: "Choose a guest" in dialog.reason.text())
    assert not dialog.save_button.isEnabled()
    # Departure before arrival.
    dialog.choose_guest(guest)
    dialog.date_to.setDate(dialog.date_from.date().addDays(-1))
    assert dialog.reason.text() == "Departure must be at least one day after arrival."
    assert not dialog.save_button.isEnabled()
    # Arrival in the past.
    dialog.date_from.setDate(dialog.date_from.date().addDays(-3))
    assert dialog.reason.text() == "Arrival cannot be in the past."
    # The only room is taken on one of the nights.
    other = run(desk.add_guest("Björn Müller"))
    run(desk.book(room.id, other.id, today + timedelta(days=2), today + timedelta(days=3)))
    dialog.date_from.setDate(dialog.date_from.date().addDays(3))   # today
    dialog.date_to.setDate(dialog.date_from.date().addDays(4))     # today + 4
    qtbot.waitUntil(lambda: "No 'Double' room is free" in dialog.reason.text())
    assert not dialog.save_button.isEnabled()
    assert "full" in dialog.room.currentText()
    # A stay that fits.
    dialog.date_to.setDate(dialog.date_from.date().addDays(2))
    qtbot.waitUntil(dialog.save_button.isEnabled)
    assert dialog.reason.text() == ""
    assert "2 nights" in dialog.total.text() and "240.00" in dialog.total.text()
    # New guest ticked but no name typed.
    click(qtbot, dialog.new_guest)
    assert dialog.reason.text() == "Type the new guest's full name."
    assert not dialog.save_button.isEnabled()
    assert run(desk.count_bookings()) == 1
    dialog.reject()


def test_booking_lost_to_another_desk_keeps_the_dialog(window, desk, run, qtbot):
    today = date.today()
    hotel, room, guest = _hotel_with_room(desk, run)
    window.refresh()
    wait_idle(qtbot, window)
    dialog = window.open_booking_dialog()
    dialog.choose_guest(guest)
    type_text(dialog.notes, "Late arrival")
    qtbot.waitUntil(dialog.save_button.isEnabled)
    # Meanwhile another desk sells the last room.
    other = run(desk.add_guest("Björn Müller"))
    taken = run(desk.book(room.id, other.id, today, today + timedelta(days=1)))
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "No 'Double' room is free" in dialog.error.text()
    assert dialog.isVisible()
    assert dialog.notes.text() == "Late arrival"
    assert dialog.guest == guest
    qtbot.waitUntil(lambda: "full" in dialog.room.currentText())
    assert not dialog.save_button.isEnabled()
    assert [b.id for b in run(desk.list_bookings())] == [taken.id]
    # The other desk cancels: the same dialog can now book.
    run(desk.cancel(taken.id))
    dialog.date_to.setDate(dialog.date_to.date().addDays(1))
    qtbot.waitUntil(dialog.save_button.isEnabled)
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog)
    mine = run(desk.list_bookings(guest_id=guest.id))
    assert [(b.notes, b.nights, b.status) for b in mine] == [("Late arrival", 2,
                                                              Status.CONFIRMED)]


def test_inline_guest_refused_is_not_booked(window, desk, run, qtbot):
    _hotel_with_room(desk, run)
    window.refresh()
    wait_idle(qtbot, window)
    dialog = window.open_booking_dialog()
    click(qtbot, dialog.new_guest)
    type_text(dialog.new_name, "Łucja Wiśniewska")
    type_text(dialog.new_email, "not an address")
    qtbot.waitUntil(dialog.save_button.isEnabled)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.saving)
    assert "is not an e-mail address" in dialog.error.text()
    assert dialog.new_email.hasFocus()
    assert run(desk.find_guests("Wiśniewska")) == []
    assert run(desk.count_bookings()) == 0
    dialog.reject()


def test_change_dates_dialog(window, desk, run, qtbot):
    today = date.today()
    hotel, room, guest = _hotel_with_room(desk, run, quantity=2)
    booking = run(desk.book(room.id, guest.id, today + timedelta(days=1),
                            today + timedelta(days=3)))
    window.show_view(4)
    bookings = window.bookings_view
    window.refresh()
    qtbot.waitUntil(lambda: bookings.model.rowCount() == 1)
    bookings.table.select_row(0)
    bookings.table.setFocus()
    qtbot.keyClick(bookings.table, Qt.Key.Key_Return)   # Enter opens the row
    dialog = wait_dialog(qtbot, "changeDatesDialog")
    assert dialog.reason.text() == "Pick the new dates."
    dialog.date_to.setDate(dialog.date_from.date())
    assert dialog.reason.text() == "Departure must be at least one day after arrival."
    assert not dialog.save_button.isEnabled()
    dialog.date_to.setDate(dialog.date_from.date().addDays(4))
    assert "4 nights" in dialog.total.text()
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog)
    changed = run(desk.get_booking(booking.id))
    assert changed.date_to == today + timedelta(days=5)
    qtbot.waitUntil(lambda: bookings.model.rowCount() == 1
                    and bookings.model.rows[0].date_to == changed.date_to)


def test_check_in_on_a_working_date_that_is_not_today_is_disabled_and_says_why(
        window, desk, run, qtbot):
    """Item 14: looking at tomorrow, Check in is disabled before anything is asked, and the
    reason says that today is really today; so is No-show for a future booking."""
    today = date.today()
    hotel, room, guest = _hotel_with_room(desk, run)
    run(desk.book(room.id, guest.id, today + timedelta(days=1), today + timedelta(days=2)))
    window.refresh()
    window.date_edit.setDate(window.date_edit.date().addDays(1))   # look at tomorrow
    window.show_view(0)
    arrivals = window.today_view.arrivals
    qtbot.waitUntil(lambda: arrivals.model.rowCount() == 1)
    arrivals.table.select_row(0)
    check_in = window.today_view.findChild(QPushButton, "checkInButton")
    no_show = window.today_view.findChild(QPushButton, "noShowButton")
    assert not check_in.isEnabled() and not no_show.isEnabled()
    really = f"today is really {day_text(today)}"
    assert "can check in only during the stay" in check_in.toolTip()
    assert really in check_in.toolTip()
    assert "cannot be a no-show before then" in no_show.toolTip() and really in no_show.toolTip()
    assert really in arrivals.hint.text() and arrivals.hint.isVisible()
    qtbot.mouseClick(check_in, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(no_show, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert top_level("checkInDialog") is None and top_level("confirmDialog") is None
    assert run(desk.list_bookings())[0].status is Status.CONFIRMED


def test_ctrl_n_opens_booking_and_escape_closes_it(window, desk, run, qtbot):
    _hotel_with_room(desk, run)
    window.refresh()
    wait_idle(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_dialog(qtbot, "bookingDialog")
    assert dialog.focusWidget() is dialog.guest_search
    qtbot.keyClick(dialog.guest_search, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog)
    assert run(desk.count_bookings()) == 0
