"""Issue item 15 (dates): the window writes every date one way, 'Wed 2 Dec 2026', in the locale's
names; the date edits show the same, and the desk's refusals use the same order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QPushButton
from uihelpers import press, wait_dialog, wait_idle

from frontdesk.dates import day_text
from frontdesk.ui import fmt

TODAY = date.today()
L = QLocale.Language
C = QLocale.Country


@pytest.fixture
def locale_default() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize(("language", "country", "short", "long"), [
    (L.English, C.Ireland, "Wed 2 Dec 2026", "Wednesday 2 December 2026"),
    # Its numeric date was '12/2/26', which a European desk reads as 12 February.
    (L.English, C.UnitedStates, "Wed 2 Dec 2026", "Wednesday 2 December 2026"),
    (L.German, C.Germany, "Mi. 2 Dez. 2026", "Mittwoch 2 Dezember 2026"),
    (L.French, C.France, "mer. 2 déc. 2026", "mercredi 2 décembre 2026"),
])
def test_a_date_reads_weekday_day_month_year_in_the_locale(locale_default, language, country,
                                                           short, long):
    QLocale.setDefault(QLocale(language, country))
    assert fmt.day(date(2026, 12, 2)) == short
    assert fmt.long_day(date(2026, 12, 2)) == long


def test_window_dialogs_and_refusals_write_dates_one_way(window, desk, run, qtbot):
    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    room = run(desk.add_room(hotel.id, "Double", 12_000, 2))
    guest = run(desk.add_guest("Amélie Poulain"))
    arrival, departure = TODAY + timedelta(days=1), TODAY + timedelta(days=3)
    run(desk.book(room.id, guest.id, arrival, departure))
    window.refresh()
    wait_idle(qtbot, window)

    # English (Ireland) in the tests: the locale's names are the sentences' names.
    assert window.date_edit.text() == day_text(TODAY)
    assert fmt.long_day(TODAY) in window.today_view.header.text()

    press(qtbot, window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    bookings = window.bookings_view
    qtbot.waitUntil(lambda: bookings.model.rowCount() == 1)
    headers = [bookings.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(bookings.model.columnCount())]
    row = {h: bookings.model.index(0, c).data() for c, h in enumerate(headers)}
    assert (row["Arrival"], row["Departure"]) == (day_text(arrival), day_text(departure))
    assert bookings.date_from.text() == day_text(TODAY - timedelta(days=7))

    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_dialog(qtbot, "bookingDialog")
    assert dialog.date_from.text() == day_text(TODAY)
    edits = [e for w in QApplication.topLevelWidgets() for e in w.findChildren(QDateEdit)]
    assert len(edits) >= 5
    assert {e.displayFormat() for e in edits} == {fmt.DAY_FORMAT}
    wait_idle(qtbot, window)
    dialog.reject()

    # The sentence of a refusal, shown in the window: check-in the day before arrival.
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    window.date_edit.setDate(fmt.qdate(arrival))   # look at tomorrow
    arrivals = window.today_view.arrivals
    qtbot.waitUntil(lambda: arrivals.model.rowCount() == 1)
    arrivals.table.select_row(0)
    check_in = window.today_view.findChild(QPushButton, "checkInButton")
    assert not check_in.isEnabled()
    assert f"arrives on {day_text(arrival)}:" in check_in.toolTip()
    assert f"today is really {day_text(TODAY)}" in check_in.toolTip()
