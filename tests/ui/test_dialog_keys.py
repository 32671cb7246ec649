"""Every form dialog driven by the keyboard alone, as a receptionist does: opened by its
shortcut or button, typed into straight away (focus must already be in the first field),
Enter saves, Enter on a form that cannot be saved says why and keeps what was typed, Esc
cancels. And the cancel confirmation's reason: typed with spaces, at most 500 characters.

Keys go to whatever has the focus (`QApplication.focusWidget()`), never to a widget the test
picks: a dialog that opens with the focus in the wrong place fails here."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from uihelpers import TIMEOUT_MS, press, wait_closed, wait_dialog, wait_idle

from frontdesk.dto import Status
from frontdesk.limits import REASON_MAX
from frontdesk.ui import fmt

TODAY = date.today()


def _mid() -> date:
    """A 5th or 20th two to seventeen days ahead: stepping a few days up or down from it never
    meets the end of a month (Qt keeps a date's day within its month), and the Bookings list
    (the working date - 7 to + 30 days) shows it."""
    later = (TODAY.replace(day=1) + timedelta(days=32)).replace(day=1)
    candidates = (TODAY.replace(day=20), later.replace(day=5), later.replace(day=20))
    return next(d for d in candidates if d >= TODAY + timedelta(days=2))


MID = _mid()
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


# -- the keyboard -------------------------------------------------------------------------------

def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def wait_focus(qtbot, widget: QWidget) -> None:
    """The keyboard focus is (or arrives, once the dialog is active) in `widget`."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=TIMEOUT_MS)


def keys(qtbot, text: str) -> None:
    """Type `text` into whatever has the focus, one key at a time, with real key codes for
    ASCII (Space is Key_Space, which a focused button would take as a click)."""
    for ch in text:
        target = focus()
        if ch.isascii():
            qtbot.keyClick(target, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                         Qt.KeyboardModifier.NoModifier, ch))


def key(qtbot, k: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focus(), k, modifiers)


def enter(qtbot) -> None:
    key(qtbot, Qt.Key.Key_Return)


def esc(qtbot) -> None:
    key(qtbot, Qt.Key.Key_Escape)


def wait_refused(qtbot, dialog) -> str:
    """Enter did not close the dialog: it says why, in the error line."""
    qtbot.waitUntil(lambda: bool(dialog.error.text()) and not dialog.saving,
                    timeout=TIMEOUT_MS)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    return dialog.error.text()


def mnemonics(dialog: QWidget) -> list[str]:
    """The Alt+letter of every visible label and button of the dialog."""
    letters = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisibleTo(dialog):
            continue
        text = widget.text().replace("&&", "")
        at = text.find("&")
        if at >= 0 and at + 1 < len(text):
            letters.append(text[at + 1].lower())
    return letters


def assert_mnemonics_unique(dialog: QWidget) -> None:
    letters = mnemonics(dialog)
    twice = sorted({x for x in letters if letters.count(x) > 1})
    assert not twice, f"Alt+{', Alt+'.join(twice)} used twice in {dialog.objectName()}"


# -- data -----------------------------------------------------------------------------------------

@pytest.fixture
def lake(desk, run):
    """Hôtel du Lac with two Doubles (101, 102), Amélie booked for two nights from MID."""
    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    room = run(desk.add_room(hotel.id, "Double", 12_000, 2, 2))
    guest = run(desk.add_guest("Amélie Poulain", email="amelie@example.fr"))
    booking = run(desk.book(room.id, guest.id, MID, MID + timedelta(days=2)))
    units = {u.number: u for u in run(desk.list_units(hotel.id))}
    return {"hotel": hotel, "room": room, "guest": guest, "booking": booking, "units": units}


def ready(window, qtbot) -> None:
    """The desk works on MID: new bookings and out-of-order periods start there, the lists
    and the grid show the days around it."""
    window.date_edit.setDate(fmt.qdate(MID))
    window.refresh()
    wait_idle(qtbot, window)


# -- New hotel (Ctrl+Shift+H) -----------------------------------------------------------------

def open_new_hotel(window, qtbot):
    press(qtbot, window, Qt.Key.Key_H, CTRL | SHIFT)
    dialog = wait_dialog(qtbot, "hotelDialog")
    wait_focus(qtbot, dialog.name)
    return dialog


def test_new_hotel_typed_at_once_and_saved_by_enter(window, desk, run, qtbot):
    dialog = open_new_hotel(window, qtbot)
    keys(qtbot, "Pensione Aurora")
    key(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Verona")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is dialog.stars
    keys(qtbot, "2")
    enter(qtbot)                      # from the spin box
    wait_closed(qtbot, dialog)
    [hotel] = run(desk.list_hotels())
    assert (hotel.name, hotel.location, hotel.stars) == ("Pensione Aurora", "Verona", 2)


def test_new_hotel_enter_on_a_missing_field_keeps_the_dialog(window, desk, run, qtbot):
    dialog = open_new_hotel(window, qtbot)
    size = dialog.size()
    name_at = dialog.name.geometry()
    keys(qtbot, "Pensione Aurora")
    enter(qtbot)
    assert wait_refused(qtbot, dialog) == "Location is required."
    assert dialog.name.text() == "Pensione Aurora"
    assert focus() is dialog.location           # the field named
    assert run(desk.list_hotels()) == []
    # The message took its reserved place: nothing moved, the dialog did not grow.
    assert dialog.size() == size
    assert dialog.name.geometry() == name_at
    # Typing where the message points takes the message away; Enter then saves.
    keys(qtbot, "Verona")
    assert dialog.error.text() == "" and not dialog.error.isVisible()
    enter(qtbot)
    wait_closed(qtbot, dialog)
    assert [h.name for h in run(desk.list_hotels())] == ["Pensione Aurora"]


def test_new_hotel_escape_saves_nothing(window, desk, run, qtbot):
    dialog = open_new_hotel(window, qtbot)
    keys(qtbot, "Pensione Aurora")
    esc(qtbot)
    wait_closed(qtbot, dialog)
    wait_idle(qtbot, window)
    assert run(desk.list_hotels()) == []


# -- New guest (Ctrl+Shift+G) -----------------------------------------------------------------

def open_new_guest(window, qtbot):
    press(qtbot, window, Qt.Key.Key_G, CTRL | SHIFT)
    dialog = wait_dialog(qtbot, "guestDialog")
    wait_focus(qtbot, dialog.full_name)
    return dialog


def test_new_guest_typed_at_once_and_saved_by_enter(window, desk, run, qtbot):
    dialog = open_new_guest(window, qtbot)
    keys(qtbot, "Søren Kierkegaard")
    key(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "+45 20 11 22 33")
    enter(qtbot)
    wait_closed(qtbot, dialog)
    [guest] = run(desk.find_guests("Kierkegaard"))
    assert (guest.full_name, guest.phone) == ("Søren Kierkegaard", "+45 20 11 22 33")


def test_new_guest_refused_email_stays_until_the_email_changes(window, desk, run, qtbot):
    dialog = open_new_guest(window, qtbot)
    keys(qtbot, "Søren Kierkegaard")
    dialog.email.setFocus()
    keys(qtbot, "soren-at-example.dk")
    enter(qtbot)
    assert "is not an e-mail address" in wait_refused(qtbot, dialog)
    assert focus() is dialog.email
    assert dialog.full_name.text() == "Søren Kierkegaard"
    assert run(desk.find_guests("Kierkegaard")) == []
    # A change elsewhere does not make the message about the e-mail go away...
    dialog.document.setFocus()
    keys(qtbot, "X123")
    assert "is not an e-mail address" in dialog.error.text()
    # ...fixing the e-mail does.
    dialog.email.setFocus()
    dialog.email.selectAll()
    keys(qtbot, "soren@example.dk")
    assert dialog.error.text() == ""
    enter(qtbot)
    wait_closed(qtbot, dialog)
    [guest] = run(desk.find_guests("Kierkegaard"))
    assert guest.email == "soren@example.dk"


def test_new_guest_escape_saves_nothing(window, desk, run, qtbot):
    dialog = open_new_guest(window, qtbot)
    keys(qtbot, "Søren Kierkegaard")
    esc(qtbot)
    wait_closed(qtbot, dialog)
    wait_idle(qtbot, window)
    assert run(desk.find_guests("Kierkegaard")) == []


# -- New room type (Rooms, Ctrl+3, Alt+A) -----------------------------------------------------

def open_new_room_type(window, qtbot):
    press(qtbot, window, Qt.Key.Key_3, CTRL)
    rooms = window.rooms_view
    qtbot.waitUntil(rooms.add_button.isEnabled, timeout=TIMEOUT_MS)
    press(qtbot, window, Qt.Key.Key_A, ALT)
    dialog = wait_dialog(qtbot, "roomDialog")
    wait_focus(qtbot, dialog.name)
    return dialog


def test_new_room_type_typed_at_once_and_saved_by_enter(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_new_room_type(window, qtbot)
    keys(qtbot, "Family suite")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is dialog.price
    keys(qtbot, "185")
    enter(qtbot)                      # from the money spin box
    wait_closed(qtbot, dialog)
    rooms = {r.name: r for r in run(desk.list_rooms(lake["hotel"].id))}
    assert rooms["Family suite"].price == 18_500


def test_new_room_type_enter_without_a_name_keeps_the_dialog(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_new_room_type(window, qtbot)
    key(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "185")
    enter(qtbot)
    assert "name is required" in wait_refused(qtbot, dialog)
    assert focus() is dialog.name
    assert dialog.price.minor() == 18_500
    assert [r.name for r in run(desk.list_rooms(lake["hotel"].id))] == ["Double"]
    keys(qtbot, "Family suite")
    assert dialog.error.text() == ""
    esc(qtbot)
    wait_closed(qtbot, dialog)
    assert [r.name for r in run(desk.list_rooms(lake["hotel"].id))] == ["Double"]


# -- New booking (Ctrl+N) ---------------------------------------------------------------------

def open_new_booking(window, qtbot):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    dialog = wait_dialog(qtbot, "bookingDialog")
    wait_focus(qtbot, dialog.guest_search)
    qtbot.waitUntil(lambda: dialog.room.count() > 0, timeout=TIMEOUT_MS)
    return dialog


def test_new_booking_typed_at_once_and_saved_by_enter(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_new_booking(window, qtbot)
    keys(qtbot, "Poulain")
    enter(qtbot)                      # searches now; the one match is chosen
    qtbot.waitUntil(lambda: dialog.guest is not None, timeout=TIMEOUT_MS)
    assert dialog.isVisible()
    enter(qtbot)                      # books
    wait_closed(qtbot, dialog)
    bookings = run(desk.list_bookings(guest_id=lake["guest"].id))
    assert sorted(b.date_from for b in bookings) == [MID, MID]


def test_new_booking_enter_without_a_guest_says_why(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_new_booking(window, qtbot)
    keys(qtbot, "Nobody Atall")
    enter(qtbot)                      # searches: no match
    qtbot.waitUntil(lambda: dialog.guest_list.count() == 1, timeout=TIMEOUT_MS)
    assert dialog.isVisible() and dialog.error.text() == ""
    enter(qtbot)                      # cannot book: says why, in red, and stays
    assert wait_refused(qtbot, dialog).startswith("Choose a guest")
    assert not dialog.reason.isVisible()   # the same hint gives way: said once, not twice
    assert dialog.guest_search.text() == "Nobody Atall"
    assert focus() is dialog.guest_search
    assert run(desk.count_bookings()) == 1
    # Changing the search takes the message away (the hint is back).
    keys(qtbot, "x")
    assert dialog.error.text() == ""
    assert dialog.reason.isVisible()
    esc(qtbot)
    wait_closed(qtbot, dialog)
    assert run(desk.count_bookings()) == 1


def test_new_booking_with_several_guests_found_down_leads_to_the_list(window, lake, desk,
                                                                        run, qtbot):
    sister = run(desk.add_guest("Zoé Poulain"))
    ready(window, qtbot)
    dialog = open_new_booking(window, qtbot)
    keys(qtbot, "Poulain")
    enter(qtbot)                      # searches: two guests
    qtbot.waitUntil(lambda: dialog.guest_list.count() == 2, timeout=TIMEOUT_MS)
    assert dialog.guest is None
    enter(qtbot)                      # no guest chosen: says so
    assert wait_refused(qtbot, dialog).startswith("Choose a guest")
    assert focus() is dialog.guest_search
    key(qtbot, Qt.Key.Key_Down)       # on to the guests found: the first is chosen
    assert focus() is dialog.guest_list
    assert dialog.guest is not None
    key(qtbot, Qt.Key.Key_Down)
    assert dialog.guest is not None and dialog.guest.id == sister.id
    assert dialog.error.text() == ""
    enter(qtbot)
    wait_closed(qtbot, dialog)
    [booked] = run(desk.list_bookings(guest_id=sister.id))
    assert booked.date_from == MID


def test_new_booking_enter_in_a_date_saves(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_new_booking(window, qtbot)
    keys(qtbot, "Poulain")
    qtbot.waitUntil(lambda: dialog.guest is not None, timeout=TIMEOUT_MS)
    dialog.date_to.setFocus()
    key(qtbot, Qt.Key.Key_Up)         # one more night
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=TIMEOUT_MS)
    enter(qtbot)
    wait_closed(qtbot, dialog)
    mine = [b for b in run(desk.list_bookings(guest_id=lake["guest"].id))
            if b.id != lake["booking"].id]
    assert [b.nights for b in mine] == [2]


def test_booking_messages_do_not_move_the_fields(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_new_booking(window, qtbot)
    qtbot.waitUntil(lambda: dialog.reason.text().startswith("Choose a guest"),
                    timeout=TIMEOUT_MS)
    size = dialog.size()

    def places() -> list[int]:
        return [w.geometry().top() for w in (dialog.guest_list, dialog.chosen, dialog.notes,
                                              dialog.save_button)]

    before = places()
    assert dialog.chosen.geometry().top() >= dialog.guest_list.geometry().bottom()
    keys(qtbot, "Poulain")
    qtbot.waitUntil(lambda: dialog.guest is not None and dialog.reason.text() == "",
                    timeout=TIMEOUT_MS)
    assert (dialog.size(), places()) == (size, before)
    dialog.date_to.setFocus()
    key(qtbot, Qt.Key.Key_Down)       # departure = arrival: a hint comes
    assert dialog.reason.text().startswith("Departure must be")
    assert (dialog.size(), places()) == (size, before)
    dialog.reject()


def test_booking_dialog_alt_letters_are_unique(window, lake, qtbot):
    ready(window, qtbot)
    dialog = open_new_booking(window, qtbot)
    dialog.new_guest.setChecked(True)   # the inline guest's fields show too
    assert_mnemonics_unique(dialog)
    dialog.reject()


# -- Change dates (Bookings, Ctrl+5, Enter on the row) ----------------------------------------

def open_change_dates(window, qtbot):
    press(qtbot, window, Qt.Key.Key_5, CTRL)
    bookings = window.bookings_view
    qtbot.waitUntil(lambda: bookings.model.rowCount() == 1, timeout=TIMEOUT_MS)
    bookings.table.select_row(0)
    bookings.table.setFocus()
    enter(qtbot)
    dialog = wait_dialog(qtbot, "changeDatesDialog")
    wait_focus(qtbot, dialog.date_from)
    return dialog


def test_change_dates_typed_at_once_and_saved_by_enter(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_change_dates(window, qtbot)
    arrival = MID + timedelta(days=1)
    keys(qtbot, str(arrival.day))     # the day of the month, typed into Arrival
    assert dialog.stay[0] == arrival
    enter(qtbot)
    wait_closed(qtbot, dialog)
    changed = run(desk.get_booking(lake["booking"].id))
    assert (changed.date_from, changed.date_to) == (arrival, MID + timedelta(days=2))


def test_change_dates_enter_on_impossible_dates_says_why(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_change_dates(window, qtbot)
    key(qtbot, Qt.Key.Key_D, ALT)      # &Departure (Tab walks the date's day, month, year)
    assert focus() is dialog.date_to
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)       # departure = arrival
    enter(qtbot)
    assert wait_refused(qtbot, dialog) == "Departure must be at least one day after arrival."
    assert focus() is dialog.date_to
    assert dialog.stay[1] == MID   # kept as set
    before = run(desk.get_booking(lake["booking"].id))
    assert (before.date_from, before.date_to) == (MID, MID + timedelta(days=2))
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Up)         # a night longer than before
    assert dialog.error.text() == ""
    enter(qtbot)
    wait_closed(qtbot, dialog)
    assert run(desk.get_booking(lake["booking"].id)).date_to == MID + timedelta(days=3)


def test_change_dates_escape_changes_nothing(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_change_dates(window, qtbot)
    key(qtbot, Qt.Key.Key_Up)
    esc(qtbot)
    wait_closed(qtbot, dialog)
    wait_idle(qtbot, window)
    assert run(desk.get_booking(lake["booking"].id)).date_from == MID


# -- Out of order (Housekeeping, Ctrl+7, Enter on the room) -----------------------------------

def open_out_of_order(window, qtbot, number: str = "102"):
    press(qtbot, window, Qt.Key.Key_7, CTRL)
    view = window.housekeeping_view
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=TIMEOUT_MS)
    wait_idle(qtbot, window)
    assert view.table.select_where(lambda u: u.number == number)
    view.table.setFocus()
    enter(qtbot)
    dialog = wait_dialog(qtbot, "outOfOrderDialog")
    wait_focus(qtbot, dialog.reason)
    return dialog


def blocks(desk, run, hotel):
    grid = run(desk.room_grid(hotel.id, MID, MID + timedelta(days=7)))
    return [(b.reason, b.date_from, b.date_to) for b in grid.blocks]


def test_out_of_order_typed_at_once_and_saved_by_enter(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_out_of_order(window, qtbot)
    keys(qtbot, "Leaking tap")
    enter(qtbot)
    wait_closed(qtbot, dialog)
    assert blocks(desk, run, lake["hotel"]) == [("Leaking tap", MID,
                                                 MID + timedelta(days=1))]


def test_out_of_order_enter_on_no_nights_says_why(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_out_of_order(window, qtbot)
    keys(qtbot, "Leaking tap")
    key(qtbot, Qt.Key.Key_B, ALT)      # &Back in service on
    assert focus() is dialog.date_to
    key(qtbot, Qt.Key.Key_Down)       # back in service the day it goes out
    dialog.reason.setFocus()
    enter(qtbot)
    assert wait_refused(qtbot, dialog) == "The room comes back at least one day later."
    assert focus() is dialog.date_to
    assert dialog.reason.text() == "Leaking tap"
    assert blocks(desk, run, lake["hotel"]) == []
    esc(qtbot)
    wait_closed(qtbot, dialog)
    assert blocks(desk, run, lake["hotel"]) == []


def test_out_of_order_reason_takes_at_most_the_desks_limit(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    dialog = open_out_of_order(window, qtbot)
    keys(qtbot, "x" * (REASON_MAX + 1))
    assert len(dialog.reason.text()) == REASON_MAX
    enter(qtbot)
    wait_closed(qtbot, dialog)
    assert [len(r) for r, _, _ in blocks(desk, run, lake["hotel"])] == [REASON_MAX]


# -- Give the room back (Room grid, Ctrl+6): a confirmation built on the form dialog ------------

def open_give_back(window, lake, desk, run, qtbot):
    run(desk.assign_room(lake["booking"].id, lake["units"]["101"].id))
    ready(window, qtbot)
    press(qtbot, window, Qt.Key.Key_6, CTRL)
    grid = window.grid_view
    chart = grid.chart
    qtbot.waitUntil(lambda: chart.item_for_booking(lake["booking"].id) is not None,
                    timeout=TIMEOUT_MS)
    item = chart.item_for_booking(lake["booking"].id)
    chart.set_cursor(item.row, lake["booking"].date_from)
    chart.setFocus()
    qtbot.waitUntil(grid.unassign_button.isEnabled, timeout=TIMEOUT_MS)
    press(qtbot, window, Qt.Key.Key_B, ALT)
    dialog = wait_dialog(qtbot, "moveDialog")
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=TIMEOUT_MS)
    wait_focus(qtbot, dialog.save_button)
    return dialog


def test_give_the_room_back_by_enter(window, lake, desk, run, qtbot):
    dialog = open_give_back(window, lake, desk, run, qtbot)
    enter(qtbot)
    wait_closed(qtbot, dialog)
    assert run(desk.get_booking(lake["booking"].id)).unit_id is None


def test_give_the_room_back_escape_keeps_it(window, lake, desk, run, qtbot):
    dialog = open_give_back(window, lake, desk, run, qtbot)
    esc(qtbot)
    wait_closed(qtbot, dialog)
    wait_idle(qtbot, window)
    assert run(desk.get_booking(lake["booking"].id)).unit_number == "101"


# -- The cancel confirmation's reason ---------------------------------------------------------

def open_cancel(window, qtbot):
    press(qtbot, window, Qt.Key.Key_5, CTRL)
    bookings = window.bookings_view
    qtbot.waitUntil(lambda: bookings.model.rowCount() == 1, timeout=TIMEOUT_MS)
    bookings.table.select_row(0)
    bookings.table.setFocus()
    key(qtbot, Qt.Key.Key_Delete)
    confirm = wait_dialog(qtbot, "confirmDialog")
    wait_focus(qtbot, confirm.reason)
    return confirm


def test_cancel_reason_typed_with_spaces_and_confirmed_by_enter(window, lake, desk, run,
                                                                 qtbot):
    ready(window, qtbot)
    confirm = open_cancel(window, qtbot)
    keys(qtbot, "Guest called, flight cancelled")
    assert confirm.isVisible()        # Space typed a space; it pressed no button
    assert confirm.reason.text() == "Guest called, flight cancelled"
    enter(qtbot)
    wait_closed(qtbot, confirm)
    qtbot.waitUntil(lambda: run(desk.get_booking(lake["booking"].id)).status
                    is Status.CANCELLED, timeout=TIMEOUT_MS)
    assert run(desk.get_booking(lake["booking"].id)).cancel_reason == \
        "Guest called, flight cancelled"


def test_cancel_enter_without_a_reason_cancels_nothing(window, lake, desk, run, qtbot):
    """The rule: Enter in the empty reason field is no answer (a reflex must not cancel a
    stay); it says how to go on. Esc keeps the booking."""
    ready(window, qtbot)
    confirm = open_cancel(window, qtbot)
    enter(qtbot)
    assert confirm.isVisible()
    assert "Type a reason" in confirm.reason_hint.text()
    keys(qtbot, "   ")
    enter(qtbot)                      # blanks are no reason either
    assert confirm.isVisible()
    esc(qtbot)
    wait_closed(qtbot, confirm)
    wait_idle(qtbot, window)
    assert run(desk.get_booking(lake["booking"].id)).status is Status.CONFIRMED


def test_cancel_without_a_reason_is_a_deliberate_choice(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    confirm = open_cancel(window, qtbot)
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is confirm.yes
    key(qtbot, Qt.Key.Key_Space)
    wait_closed(qtbot, confirm)
    qtbot.waitUntil(lambda: run(desk.get_booking(lake["booking"].id)).status
                    is Status.CANCELLED, timeout=TIMEOUT_MS)
    assert run(desk.get_booking(lake["booking"].id)).cancel_reason is None


def test_enter_on_the_focused_yes_button_says_yes(window, lake, desk, run, qtbot):
    """Tab to "Cancel booking" and press Enter: the focused button answers, not the default
    "Keep booking" (which kept the booking and said nothing)."""
    ready(window, qtbot)
    confirm = open_cancel(window, qtbot)
    keys(qtbot, "Double booked")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is confirm.yes
    enter(qtbot)
    wait_closed(qtbot, confirm)
    qtbot.waitUntil(lambda: run(desk.get_booking(lake["booking"].id)).status
                    is Status.CANCELLED, timeout=TIMEOUT_MS)
    assert run(desk.get_booking(lake["booking"].id)).cancel_reason == "Double booked"


def test_cancel_reason_cannot_exceed_the_desks_limit(window, lake, desk, run, qtbot):
    ready(window, qtbot)
    confirm = open_cancel(window, qtbot)
    keys(qtbot, "y" * (REASON_MAX + 1))
    assert len(confirm.reason.text()) == REASON_MAX       # the 501st never went in
    assert confirm.isVisible()
    assert f"at most {REASON_MAX} characters" in confirm.reason_hint.text()
    assert confirm.reason_hint.isVisible()
    enter(qtbot)
    wait_closed(qtbot, confirm)
    qtbot.waitUntil(lambda: run(desk.get_booking(lake["booking"].id)).status
                    is Status.CANCELLED, timeout=TIMEOUT_MS)
    assert run(desk.get_booking(lake["booking"].id)).cancel_reason == "y" * REASON_MAX
    assert "Reason is too long" not in window.statusBar().currentMessage()


def test_no_show_question_keeps_enter_and_space_safe(window, desk, run, qtbot):
    """Without a reason field the safe answer has the focus: Enter keeps the booking."""
    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    room = run(desk.add_room(hotel.id, "Double", 12_000, 2, 2))
    guest = run(desk.add_guest("Amélie Poulain"))
    booking = run(desk.book(room.id, guest.id, TODAY, TODAY + timedelta(days=1)))
    window.refresh()
    wait_idle(qtbot, window)
    press(qtbot, window, Qt.Key.Key_5, CTRL)
    bookings = window.bookings_view
    qtbot.waitUntil(lambda: bookings.model.rowCount() == 1, timeout=TIMEOUT_MS)
    bookings.table.select_row(0)
    for answer in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        qtbot.mouseClick(bookings.no_show_button, Qt.MouseButton.LeftButton)
        confirm = wait_dialog(qtbot, "confirmDialog")
        wait_focus(qtbot, confirm.no)
        key(qtbot, answer)
        wait_closed(qtbot, confirm)
    wait_idle(qtbot, window)
    assert run(desk.get_booking(booking.id)).status is Status.CONFIRMED
