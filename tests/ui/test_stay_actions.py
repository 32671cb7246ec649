"""Check-in, check-out, no-show and their undo in the real window (issue items 2, 3, 4, 9):
the room choice, confirmations that say what is lost, one action per double-click, undo with
a reason, overdue guests kept in the day's lists, and the working date turning at midnight."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from uihelpers import press, type_text, wait_closed, wait_dialog, wait_idle

from frontdesk.dto import Status

TODAY = date.today()


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


class Clock:
    def __init__(self, value: date) -> None:
        self.day = value

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def hotel(desk, run):
    """Hotel Birch: Double rooms 101-103 (101 dirty, 102 clean, 103 inspected)."""
    h = run(desk.add_hotel("Birch", "Kazan", 3))
    double = run(desk.add_room(h.id, "Double", 12_000, 3))
    units = {u.number: u.id for u in run(desk.list_units(h.id))}
    run(desk.set_room_status(units["101"], "dirty"))
    run(desk.set_room_status(units["103"], "inspected"))
    return h, double, units


def guest(desk, run, name):
    return run(desk.add_guest(name))


def stay_since(desk, run, double, name, first, last, unit=None):
    """A stay checked in on day `first` (booked and checked in as the desk was then)."""
    then = desk.with_today(lambda: day(first))
    booked = run(then.book(double.id, guest(desk, run, name).id, day(first), day(last)))
    return run(then.check_in(booked.id, unit))


def today_lists(window, qtbot):
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    window.refresh()
    wait_idle(qtbot, window)
    return window.today_view


def button(view, name) -> QPushButton:
    found = view.findChild(QPushButton, name)
    assert found is not None, name
    return found


def visible(name):
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]


def test_check_in_offers_the_rooms_dirty_last_with_a_warning_and_the_choice_is_kept(
        window, desk, run, qtbot, hotel):
    """Item 9: the room is shown and chosen at check-in; a dirty room comes last, warned."""
    _h, double, units = hotel
    jonas = run(desk.book(double.id, guest(desk, run, "Jonas Berg").id, day(0), day(2)))
    view = today_lists(window, qtbot)
    qtbot.waitUntil(lambda: view.arrivals.model.rowCount() == 1)
    view.arrivals.table.select_row(0)
    qtbot.mouseClick(button(view, "checkInButton"), Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, "checkInDialog")
    items = [dialog.room.itemText(i) for i in range(dialog.room.count())]
    assert items == ["103 · inspected", "102 · clean", "101 · DIRTY — not cleaned yet"]
    assert dialog.room.hasFocus() and not dialog.warning.isVisible()
    # Down twice with the keyboard: the dirty room, and the warning says so.
    qtbot.keyClick(dialog.room, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.room, Qt.Key.Key_Down)
    assert dialog.room.currentData() == units["101"]
    assert dialog.warning.isVisible() and "Room 101 is dirty" in dialog.warning.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: run(desk.get_booking(jonas.id)).status is Status.CHECKED_IN)
    assert run(desk.get_booking(jonas.id)).unit_number == "101"
    assert "checked in to room 101" in window.statusBar().currentMessage()
    # The Room column shows it in the lists.
    qtbot.waitUntil(lambda: view.in_house.model.rowCount() == 1)
    room_column = [c.title for c in view.in_house.model.columns].index("Room")
    assert view.in_house.model.index(0, room_column).data() == "101"


def test_check_in_to_a_room_a_guest_has_not_left_is_refused_and_another_offered(
        window, desk, run, qtbot, hotel):
    """Item 2: Ines is due out of 103 today and still checked in; the stay booked into 103
    is told so by name, and offered the other rooms."""
    _h, double, units = hotel
    stay_since(desk, run, double, "Ines Haddad", -2, 0, units["103"])
    jonas = run(desk.book(double.id, guest(desk, run, "Jonas Berg").id, day(0), day(2)))
    run(desk.assign_room(jonas.id, units["103"]))   # by nights, 103 is free tonight
    view = today_lists(window, qtbot)
    qtbot.waitUntil(lambda: view.arrivals.model.rowCount() == 1)
    view.arrivals.table.select_row(0)
    qtbot.mouseClick(button(view, "checkInButton"), Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, "checkInDialog")
    assert dialog.problem.isVisible()
    assert ("Room 103 is still occupied: Ines Haddad is checked in there (due out today)"
            in dialog.problem.text())
    assert [dialog.room.itemData(i) for i in range(dialog.room.count())] == [
        units["102"], units["101"]]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: run(desk.get_booking(jonas.id)).status is Status.CHECKED_IN)
    assert run(desk.get_booking(jonas.id)).unit_number == "102"


def test_check_out_asks_says_the_nights_lost_and_a_double_click_checks_out_one_guest(
        window, desk, run, qtbot, hotel):
    """Item 3: a double-click on Check out asks once about the selected guest only; after
    the check-out nothing is selected, so another click cannot check out the next guest."""
    _h, double, units = hotel
    anna = stay_since(desk, run, double, "Anna Ivanova", -1, 6, units["102"])
    boris = stay_since(desk, run, double, "Boris Petrov", -1, 3, units["103"])
    view = today_lists(window, qtbot)
    in_house = view.in_house
    qtbot.waitUntil(lambda: in_house.model.rowCount() == 2)
    assert in_house.table.select_where(lambda b: b.id == anna.id)
    check_out = button(view, "inHouseCheckOutButton")
    # A double-click: the second click reaches the button while the question is open.
    qtbot.mouseClick(check_out, Qt.MouseButton.LeftButton)
    confirm = wait_dialog(qtbot, "confirmDialog")
    qtbot.wait(QApplication.doubleClickInterval() + 100)
    qtbot.mouseClick(check_out, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert len(visible("confirmDialog")) == 1
    text = confirm.text.text()
    assert "Check out Anna Ivanova from room 102 (Double)?" in text
    assert "This is 6 nights early" in text and "given up" in text
    assert "6 nights" in confirm.yes.text()
    # Esc (or the default, No): nothing happens.
    qtbot.keyClick(confirm, Qt.Key.Key_Escape)
    wait_closed(qtbot, confirm)
    wait_idle(qtbot, window)
    assert run(desk.get_booking(anna.id)).status is Status.CHECKED_IN
    # Again, and yes.
    qtbot.mouseClick(check_out, Qt.MouseButton.LeftButton)
    confirm = wait_dialog(qtbot, "confirmDialog")
    qtbot.mouseClick(confirm.yes, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(check_out, Qt.MouseButton.LeftButton)   # a second click while it runs
    qtbot.waitUntil(lambda: run(desk.get_booking(anna.id)).status is Status.CHECKED_OUT)
    qtbot.waitUntil(lambda: in_house.model.rowCount() == 1)
    wait_idle(qtbot, window)
    assert in_house.table.current_record() is None and not check_out.isEnabled()
    qtbot.mouseClick(check_out, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert visible("confirmDialog") == []
    assert run(desk.get_booking(boris.id)).status is Status.CHECKED_IN
    out = run(desk.get_booking(anna.id))
    assert (out.date_to, out.planned_date_to) == (day(0), day(6))


def test_undo_a_check_out_needs_a_reason_and_gives_the_nights_back(
        window, desk, run, qtbot, hotel):
    _h, double, units = hotel
    anna = stay_since(desk, run, double, "Anna Ivanova", -1, 6, units["102"])
    run(desk.with_today(lambda: day(0)).check_out(anna.id))    # ends today, 6 nights given up
    view = today_lists(window, qtbot)
    departures = view.departures
    qtbot.waitUntil(lambda: departures.model.rowCount() == 1)
    departures.table.select_row(0)
    undo = button(view, "undoCheckOutButton")
    assert undo.isEnabled() and not button(view, "checkOutButton").isEnabled()
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    confirm = wait_dialog(qtbot, "confirmDialog")
    assert "The departure goes back to" in confirm.text.text()
    assert "(6 nights more)" in confirm.text.text()
    assert not confirm.yes.isEnabled()                  # the reason is required
    type_text(confirm.reason, "   ")
    assert not confirm.yes.isEnabled()
    type_text(confirm.reason, "Checked out the wrong guest")
    assert confirm.yes.isEnabled()
    qtbot.mouseClick(confirm.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run(desk.get_booking(anna.id)).status is Status.CHECKED_IN)
    back = run(desk.get_booking(anna.id))
    assert (back.date_to, back.planned_date_to, back.unit_number) == (day(6), None, "102")
    [event] = run(desk.stay_history(anna.id))
    assert (event.action, event.reason) == ("undo_check_out", "Checked out the wrong guest")


def test_undo_a_check_in_from_the_arrivals(window, desk, run, qtbot, hotel):
    _h, double, _units = hotel
    jonas = run(desk.book(double.id, guest(desk, run, "Jonas Berg").id, day(0), day(2)))
    run(desk.check_in(jonas.id))
    view = today_lists(window, qtbot)
    arrivals = view.arrivals
    qtbot.waitUntil(lambda: arrivals.model.rowCount() == 1)
    arrivals.table.select_row(0)
    assert not button(view, "checkInButton").isEnabled()
    qtbot.mouseClick(button(view, "undoCheckInButton"), Qt.MouseButton.LeftButton)
    confirm = wait_dialog(qtbot, "confirmDialog")
    assert "Jonas Berg (room 103 (Double))" in confirm.text.text()
    assert confirm.focusWidget() is confirm.reason
    qtbot.keyClick(confirm.reason, Qt.Key.Key_Return)     # no reason yet: nothing happens
    assert confirm.isVisible()
    type_text(confirm.reason, "Wrong guest")
    qtbot.keyClick(confirm.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: run(desk.get_booking(jonas.id)).status is Status.CONFIRMED)
    assert [e.reason for e in run(desk.stay_history(jonas.id))] == ["Wrong guest"]
    qtbot.waitUntil(lambda: button(view, "checkInButton").isEnabled())


def test_an_overdue_guest_stays_in_departures_marked_and_in_house(
        window, desk, run, qtbot, hotel):
    """Item 4: due out yesterday and still checked in."""
    _h, double, units = hotel
    ines = stay_since(desk, run, double, "Ines Haddad", -3, -1, units["103"])
    view = today_lists(window, qtbot)
    qtbot.waitUntil(lambda: view.departures.model.rowCount() == 1)
    assert view.departures.model.rows[0].id == ines.id
    status = [c.title for c in view.departures.model.columns].index("Status")
    assert view.departures.model.index(0, status).data() == "⚠ Overdue"
    assert "still checked in" in view.departures.model.index(0, status).data(
        Qt.ItemDataRole.ToolTipRole)
    assert [b.id for b in view.in_house.model.rows] == [ines.id]
    assert "(1 overdue)" in view.summary.text()
    # Housekeeping knows she is still in 103.
    assert {u.number: u.occupant for u in run(desk.housekeeping(_h.id))}["103"] == "Ines Haddad"
    # Checking her out keeps her dates (no late nights added).
    view.departures.table.select_row(0)
    qtbot.mouseClick(button(view, "checkOutButton"), Qt.MouseButton.LeftButton)
    confirm = wait_dialog(qtbot, "confirmDialog")
    assert "overdue since" in confirm.text.text()
    qtbot.mouseClick(confirm.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run(desk.get_booking(ines.id)).status is Status.CHECKED_OUT)
    assert run(desk.get_booking(ines.id)).date_to == day(-1)
    qtbot.waitUntil(lambda: view.departures.model.rowCount() == 0)


def test_the_working_date_turns_at_midnight_unless_another_was_chosen(
        window, desk, run, qtbot, hotel):
    """Item 4: by the desk's clock, the timer (and F5) move the working date on."""
    clock = Clock(day(0))
    window.set_desk(desk.with_today(clock))
    wait_idle(qtbot, window)
    ctx = window.ctx
    assert ctx.working_date == day(0)
    ctx.day_timer.setInterval(20)
    clock.day = day(1)                                  # midnight
    qtbot.waitUntil(lambda: ctx.working_date == day(1))
    assert window.date_edit.date().toPython() == day(1)
    # F5 turns it too (the timer may not have run yet).
    ctx.day_timer.stop()
    clock.day = day(2)
    press(qtbot, window, Qt.Key.Key_F5)
    assert ctx.working_date == day(2)
    # A date the user chose stays.
    window.date_edit.setDate(window.date_edit.date().addDays(5))
    assert ctx.working_date == day(7)
    clock.day = day(3)
    ctx.turn_day()
    assert ctx.working_date == day(7) and ctx.today() == day(3)
    # The Today button goes to the desk's today, not the computer's.
    qtbot.mouseClick(window.today_button, Qt.MouseButton.LeftButton)
    assert ctx.working_date == day(3)


def test_no_show_is_not_offered_before_arrival(window, desk, run, qtbot, hotel):
    _h, double, _units = hotel
    run(desk.book(double.id, guest(desk, run, "Jonas Berg").id, day(1), day(2)))
    window.date_edit.setDate(window.date_edit.date().addDays(1))
    view = today_lists(window, qtbot)
    qtbot.waitUntil(lambda: view.arrivals.model.rowCount() == 1)
    view.arrivals.table.select_row(0)
    no_show = button(view, "noShowButton")
    assert not no_show.isEnabled()
    assert "cannot be a no-show before then" in no_show.toolTip()
    assert button(view, "arrivalCancelButton").isEnabled()


def test_enter_in_the_check_in_dialog_checks_in(window, desk, run, qtbot, hotel):
    """Keyboard path: Check in, the room list has the focus, Enter checks the guest in."""
    _h, double, _units = hotel
    jonas = run(desk.book(double.id, guest(desk, run, "Jonas Berg").id, day(0), day(2)))
    view = today_lists(window, qtbot)
    qtbot.waitUntil(lambda: view.arrivals.model.rowCount() == 1)
    view.arrivals.table.select_row(0)
    qtbot.mouseClick(button(view, "checkInButton"), Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, "checkInDialog")
    assert dialog.focusWidget() is dialog.room
    qtbot.keyClick(dialog.room, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: run(desk.get_booking(jonas.id)).status is Status.CHECKED_IN)
    assert run(desk.get_booking(jonas.id)).unit_number == "103"


def test_a_second_click_on_check_in_opens_no_second_question(
        window, desk, run, qtbot, hotel):
    """Item 3, check-in likewise: one dialog for the selected stay; Esc changes nothing."""
    _h, double, _units = hotel
    first = run(desk.book(double.id, guest(desk, run, "Jonas Berg").id, day(0), day(2)))
    second = run(desk.book(double.id, guest(desk, run, "Mia Roth").id, day(0), day(2)))
    view = today_lists(window, qtbot)
    qtbot.waitUntil(lambda: view.arrivals.model.rowCount() == 2)
    assert view.arrivals.table.select_where(lambda b: b.id == first.id)
    check_in = button(view, "checkInButton")
    qtbot.mouseClick(check_in, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, "checkInDialog")
    qtbot.wait(QApplication.doubleClickInterval() + 100)       # not a double-click event
    qtbot.mouseClick(check_in, Qt.MouseButton.LeftButton)      # a second click, same button
    wait_idle(qtbot, window)
    assert len(visible("checkInDialog")) == 1
    assert dialog.booking.id == first.id and "Jonas Berg" in dialog.windowTitle()
    qtbot.keyClick(dialog.room, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog)
    assert [run(desk.get_booking(b.id)).status for b in (first, second)] == [
        Status.CONFIRMED, Status.CONFIRMED]
