"""Issue items 11 and 12 in the window: a guest typed twice is asked about before being added
(New guest dialog and the booking dialog's new guest), "Back" leaves the database as it was,
"Open existing" opens the guest on file; the Guests search finds "yilmaz", the start of a phone
number and an e-mail domain; typing a booking number in Bookings finds it outside the dates."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from PySide6.QtCore import Qt
from uihelpers import press, type_text, wait_closed, wait_dialog, wait_idle

LARS = ("Lars Yılmaz", "+81 90 1234 5678", "lars@example.jp")


def rows(db_path) -> dict[str, list[tuple]]:
    """Every guest, guest-name and booking row, read with plain sqlite3."""
    with sqlite3.connect(db_path) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("guests", "guest_names", "bookings")}


def new_guest_typed(window, qtbot, name, phone="", email=""):
    press(qtbot, window, Qt.Key.Key_G,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_dialog(qtbot, "guestDialog")
    # The keyboard path: the dialog opens on the name; Tab goes on to the phone, the e-mail.
    qtbot.waitUntil(dialog.full_name.hasFocus)
    for field, text in ((dialog.full_name, name), (dialog.phone, phone), (dialog.email, email)):
        assert field.hasFocus()
        type_text(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Tab)
    dialog.email.setFocus()
    return dialog


def confirm_and_get_question(qtbot, dialog):
    qtbot.keyClick(dialog.email, Qt.Key.Key_Return)   # Enter in a field: Add guest
    return wait_dialog(qtbot, "sameGuestQuestion")


def test_new_guest_with_the_same_name_and_phone_asks_first(window, desk, run, qtbot, db_path):
    lars = run(desk.add_guest(*LARS))
    run(desk.add_guest("Anna Ivanova", "+7 900 111 2233"))
    before = rows(db_path)
    dialog = new_guest_typed(window, qtbot, "lars yilmaz", "090-1234-5678")

    # Back (Esc): the form again, as typed, and nothing saved.
    question = confirm_and_get_question(qtbot, dialog)
    text = question.text.text()
    assert "A guest named <b>Lars Yılmaz</b> with this phone already exists" in text
    assert "+81 90 1234 5678 · lars@example.jp" in text
    assert question.back.hasFocus()
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    wait_closed(qtbot, question)
    assert dialog.isVisible() and dialog.full_name.text() == "lars yilmaz"
    wait_idle(qtbot, window)
    assert rows(db_path) == before
    # Enter on a reflex is Back too.
    question = confirm_and_get_question(qtbot, dialog)
    qtbot.keyClick(question.back, Qt.Key.Key_Return)
    wait_closed(qtbot, question)
    wait_idle(qtbot, window)
    assert dialog.isVisible() and rows(db_path) == before

    # Open existing (Alt+O): this dialog closes, the guest on file opens and shows in the list.
    question = confirm_and_get_question(qtbot, dialog)
    qtbot.keyClick(question, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    wait_closed(qtbot, dialog)
    edit = wait_dialog(qtbot, "guestDialog")
    assert edit.windowTitle() == "Edit guest"
    assert edit.guest == lars and edit.full_name.text() == "Lars Yılmaz"
    view = window.guests_view
    qtbot.waitUntil(lambda: view.table.current_record() == lars)
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    wait_closed(qtbot, edit)
    wait_idle(qtbot, window)
    assert rows(db_path) == before


def test_add_anyway_adds_the_namesake_and_is_asked_once(window, desk, run, qtbot, db_path):
    run(desk.add_guest(*LARS))
    dialog = new_guest_typed(window, qtbot, "Lars Yılmaz", email="LARS@example.jp")
    question = confirm_and_get_question(qtbot, dialog)
    assert "with this e-mail already exists" in question.text.text()
    qtbot.keyClick(question, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    wait_closed(qtbot, dialog)
    wait_idle(qtbot, window)
    found = run(desk.find_guests("yilmaz"))
    assert [(g.full_name, g.email) for g in found] == [
        ("Lars Yılmaz", "lars@example.jp"), ("Lars Yılmaz", "LARS@example.jp")]
    # The list shows the guest just added, not the one on file.
    view = window.guests_view
    qtbot.waitUntil(lambda: view.table.current_record() == found[1])


def test_a_guest_with_another_phone_is_added_without_a_question(window, desk, run, qtbot):
    run(desk.add_guest(*LARS))
    dialog = new_guest_typed(window, qtbot, "Lars Yılmaz", "+46 70 123 45 67")
    qtbot.keyClick(dialog.email, Qt.Key.Key_Return)
    wait_closed(qtbot, dialog)
    wait_idle(qtbot, window)
    assert len(run(desk.find_guests("yilmaz"))) == 2


def test_booking_a_new_guest_who_is_on_file_asks_and_can_use_the_existing_guest(
        window, desk, run, qtbot, db_path):
    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    run(desk.add_room(hotel.id, "Double", 12_000, 2))
    lars = run(desk.add_guest(*LARS))
    window.refresh()
    wait_idle(qtbot, window)
    dialog = window.open_booking_dialog()
    qtbot.waitUntil(lambda: dialog.room.count() == 1)
    qtbot.mouseClick(dialog.new_guest, Qt.MouseButton.LeftButton)
    type_text(dialog.new_name, "Lars Yilmaz")
    type_text(dialog.new_phone, "+81 90 1234 5678")
    qtbot.waitUntil(dialog.save_button.isEnabled)
    before = rows(db_path)

    # Back: a sentence in the dialog, nothing added, nothing booked.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    question = wait_dialog(qtbot, "sameGuestQuestion")
    assert question.open_existing.text() == "&Use existing"
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.saving)
    assert "Nothing was booked yet" in dialog.error.text()
    assert dialog.isVisible()
    wait_idle(qtbot, window)
    assert rows(db_path) == before

    # Use existing: booked for the guest on file, no second Lars.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    question = wait_dialog(qtbot, "sameGuestQuestion")
    qtbot.keyClick(question, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    wait_closed(qtbot, dialog)
    wait_idle(qtbot, window)
    assert [g.id for g in run(desk.find_guests("yilmaz"))] == [lars.id]
    assert [b.guest_id for b in run(desk.list_bookings())] == [lars.id]


def test_guests_search_finds_folded_names_phone_starts_and_email_domains(window, desk, run,
                                                                         qtbot):
    run(desk.add_guest(*LARS))
    run(desk.add_guest("Anne Dubois", "+33 4 50 12 34 56", "anne@example.fr"))
    window.show_view(3)
    view = window.guests_view
    for typed, found in [("yilmaz", ["Lars Yılmaz"]), ("+81 90 1234", ["Lars Yılmaz"]),
                         ("5678", ["Lars Yılmaz"]), ("example.fr", ["Anne Dubois"])]:
        view.search.clear()
        type_text(view.search, typed)
        qtbot.waitUntil(lambda found=found: [g.full_name for g in view.model.rows] == found)
    wait_idle(qtbot, window)


def test_typing_a_booking_number_finds_it_outside_the_date_filter(window, desk, run, qtbot):
    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    room = run(desk.add_room(hotel.id, "Double", 12_000, 2))
    anna = run(desk.add_guest("Anna Ivanova"))
    today = date.today()
    far = run(desk.book(room.id, anna.id, today + timedelta(days=90),
                        today + timedelta(days=92)))
    near = run(desk.book(room.id, anna.id, today + timedelta(days=1), today + timedelta(days=2)))
    window.show_view(4)
    view = window.bookings_view
    assert view.use_dates.isChecked()   # the list opens on the stays around today
    qtbot.waitUntil(lambda: [b.id for b in view.model.rows] == [near.id])
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(view.search, str(far.id))
    qtbot.waitUntil(lambda: [b.id for b in view.model.rows] == [far.id])
    qtbot.waitUntil(lambda: view.count.text() == "1 booking")
    assert view.use_dates.isChecked()
    wait_idle(qtbot, window)
