"""Money in the window is in each hotel's currency, whatever the PC's locale: with en_US the
French hotel shows "€", the Japanese one "¥" without decimals and the Argentine one "ARS" (not
"$", which is the dollar there). Prices are typed exactly, large ones too, and an amount looks
the same in a field as in a table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from uihelpers import (
    clear_and_type,
    click,
    press,
    save_and_wait_refusal,
    type_text,
    wait_closed,
    wait_dialog,
    wait_idle,
)

from frontdesk.ui import fmt

IRELAND = QLocale(QLocale.Language.English, QLocale.Country.Ireland)  # the UI tests' locale


@pytest.fixture
def locale() -> Iterator[callable]:
    """locale(QLocale): the PC's locale for this test; the session's comes back after."""
    yield QLocale.setDefault
    QLocale.setDefault(IRELAND)


def column(model, title: str) -> list[str]:
    col = next(i for i in range(model.columnCount())
               if model.headerData(i, Qt.Orientation.Horizontal) == title)
    return [model.index(row, col).data() for row in range(model.rowCount())]


def show_rooms_of(qtbot, window, hotel_id: int) -> list[str]:
    window.ctx.set_hotel(hotel_id)
    window.show_view(2)
    rooms = window.rooms_view
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: rooms.model.rowCount() > 0)
    return column(rooms.model, "Price per night")


def test_with_en_us_each_hotel_shows_its_own_currency(window, desk, run, qtbot, locale):
    locale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    day = date.today() + timedelta(days=1)
    guest = run(desk.add_guest("Ana Sofía Pérez"))
    made = {}
    for name, currency, price in [("Hôtel du Lac", "EUR", 12_900),
                                  ("Ryokan Sakura", "JPY", 38_000),
                                  ("Posada Ñandú", "ARS", 9_500_000)]:
        hotel = run(desk.add_hotel(name, "Somewhere", 4, currency=currency))
        room = run(desk.add_room(hotel.id, "Double", price, 2))
        run(desk.book(room.id, guest.id, day + timedelta(days=3 * len(made)),
                      day + timedelta(days=3 * len(made) + 2)))
        made[name] = hotel
    window.refresh()
    wait_idle(qtbot, window)

    assert show_rooms_of(qtbot, window, made["Hôtel du Lac"].id) == ["€129.00"]
    assert show_rooms_of(qtbot, window, made["Ryokan Sakura"].id) == ["¥38,000"]
    assert show_rooms_of(qtbot, window, made["Posada Ñandú"].id) == ["ARS\u00a095,000.00"]

    # The bookings list, all hotels: each total in its hotel's currency, two nights each.
    press(qtbot, window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    view = window.bookings_view
    view.hotel.setCurrentIndex(0)  # All hotels
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    totals = dict(zip(column(view.model, "Hotel"), column(view.model, "Total"), strict=True))
    assert totals == {"Hôtel du Lac": "€258.00", "Ryokan Sakura": "¥76,000",
                      "Posada Ñandú": "ARS\u00a0190,000.00"}


def test_a_price_of_25_million_dong_is_typed_and_saved_exactly(window, desk, run, qtbot):
    hotel = run(desk.add_hotel("Nhà Xanh", "Hội An", 3, currency="VND"))
    window.refresh()
    wait_idle(qtbot, window)
    window.show_view(2)
    rooms = window.rooms_view
    qtbot.waitUntil(rooms.add_button.isEnabled)
    click(qtbot, rooms.add_button)
    dialog = wait_dialog(qtbot, "roomDialog")
    assert dialog.price.unit.text() == "₫ VND"
    type_text(dialog.name, "Double")
    # Tab into the price: everything is selected, so typing replaces the 0.
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.price.hasFocus)
    qtbot.waitUntil(lambda: dialog.price.selectedText() == dialog.price.text())
    qtbot.keyClicks(dialog.price, "25000000")
    qtbot.keyClick(dialog.price, Qt.Key.Key_Tab)
    assert dialog.price.text() == "25,000,000"  # written as the tables write it
    qtbot.keyClick(dialog.price, Qt.Key.Key_Return)
    wait_closed(qtbot, dialog)

    [room] = run(desk.list_rooms(hotel.id))
    assert room.price == 25_000_000  # whole dong: no decimals, no float on the way
    qtbot.waitUntil(lambda: rooms.model.rowCount() == 1)
    [shown] = column(rooms.model, "Price per night")
    assert shown == "₫25,000,000"
    # The same amount looks the same in a field and in the table.
    rooms.table.select_row(0)
    click(qtbot, rooms.edit_button)
    dialog = wait_dialog(qtbot, "roomDialog")
    assert dialog.price.text() == "25,000,000" and dialog.price.text() in shown
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_closed(qtbot, dialog)


def test_a_euro_price_with_cents_is_exact_and_looks_alike_everywhere(window, desk, run, qtbot):
    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    window.refresh()
    wait_idle(qtbot, window)
    window.show_view(2)
    rooms = window.rooms_view
    qtbot.waitUntil(rooms.add_button.isEnabled)
    click(qtbot, rooms.add_button)
    dialog = wait_dialog(qtbot, "roomDialog")
    type_text(dialog.name, "Suite")
    clear_and_type(dialog.price, "4500.5")
    qtbot.keyClick(dialog.price, Qt.Key.Key_Return)
    wait_closed(qtbot, dialog)
    [room] = run(desk.list_rooms(hotel.id))
    assert room.price == 450_050
    qtbot.waitUntil(lambda: rooms.model.rowCount() == 1)
    assert column(rooms.model, "Price per night") == ["€4,500.50"]
    assert fmt.amount(450_050, "EUR") == "4,500.50"


@pytest.mark.parametrize(("typed", "phrase"), [
    ("1.2.3", "'1.2.3' is not an amount"),
    ("1,,000", "is not an amount"),
    ("20000000000000", "Price is too large"),
    ("\b", "Price is required"),  # everything selected, then Backspace
    ("abc\b", "Price is required"),  # letters cannot be typed at all
])
def test_a_bad_price_is_refused_and_nothing_is_saved(window, desk, run, qtbot, typed, phrase):
    """Letters never get in; what can be typed but is no amount is refused on Save, with
    the reason, the focus back in the price and nothing saved."""
    hotel = run(desk.add_hotel("Hôtel du Lac", "Annecy", 4))
    window.refresh()
    wait_idle(qtbot, window)
    window.show_view(2)
    rooms = window.rooms_view
    qtbot.waitUntil(rooms.add_button.isEnabled)
    click(qtbot, rooms.add_button)
    dialog = wait_dialog(qtbot, "roomDialog")
    type_text(dialog.name, "Suite")
    dialog.price.setFocus()
    dialog.price.selectAll()
    for ch in typed:
        if ch == "\b":
            qtbot.keyClick(dialog.price, Qt.Key.Key_Backspace)
        else:
            qtbot.keyClick(dialog.price, ch)
    assert phrase in save_and_wait_refusal(qtbot, dialog)
    assert dialog.price.hasFocus()
    assert run(desk.list_rooms(hotel.id)) == []
    dialog.reject()


def test_a_new_hotel_starts_in_the_locales_currency_and_refuses_a_bad_code(
        window, desk, run, qtbot, locale):
    locale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    window.new_hotel()
    dialog = wait_dialog(qtbot, "hotelDialog")
    assert dialog.currency.currentText() == "USD"
    type_text(dialog.name, "Ryokan Sakura")
    type_text(dialog.location, "Kyōto")
    clear_and_type(dialog.currency.lineEdit(), "XYZ")
    assert save_and_wait_refusal(qtbot, dialog) == (
        "'XYZ' is not a currency code (three letters, e.g. EUR).")
    assert dialog.currency.hasFocus()
    assert run(desk.list_hotels()) == []
    clear_and_type(dialog.currency.lineEdit(), "jpy")
    click(qtbot, dialog.save_button)
    wait_closed(qtbot, dialog)
    [hotel] = run(desk.list_hotels())
    assert hotel.currency == "JPY"

    # Editing it from the Hotels list shows its currency, not the locale's.
    wait_idle(qtbot, window)
    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    hotels = window.hotels_view
    qtbot.waitUntil(lambda: hotels.model.rowCount() == 1)
    assert column(hotels.model, "Currency") == ["JPY"]
    hotels.edit(hotels.table.current_record())
    dialog = wait_dialog(qtbot, "hotelDialog")
    assert dialog.currency.currentText() == "JPY"
    dialog.reject()


@pytest.mark.parametrize(("name", "expected"), [
    ("C", {"EUR": "€4,500.50", "JPY": "¥22,000", "ARS": "ARS\u00a09,500.00"}),
    ("fr_FR", {"EUR": "4\u202f500,50\u00a0€", "JPY": "22\u202f000\u00a0¥"}),
    ("de_DE", {"EUR": "4.500,50\u00a0€", "USD": "4.500,50\u00a0US$"}),
    ("es_AR", {"ARS": "$\u00a04.500,50"}),
])
def test_money_reads_as_the_locale_writes_it(locale, name, expected):
    locale(QLocale(name))
    amounts = {"EUR": 450_050, "JPY": 22_000, "ARS": 950_000, "USD": 450_050}
    amounts["ARS"] = 450_050 if name == "es_AR" else 950_000
    assert {code: fmt.money(amounts[code], code) for code in expected} == expected
    if name == "C":
        assert fmt.locale_currency() == "EUR"


def test_large_amounts_are_not_rounded_by_a_float(locale):
    locale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    # 99,999,999,999.99 is not exact as a float (it would print ...100,000,000,000.00).
    assert fmt.money(9_999_999_999_999, "EUR") == "€99,999,999,999.99"
    assert fmt.money(10**12 + 1, "VND") == "₫1,000,000,000,001"
    assert fmt.money(123_456_789_012_345_678, "USD") == "$1,234,567,890,123,456.78"


def test_the_hotel_dialog_is_filled_from_the_keyboard_alone(window, desk, run, qtbot):
    """It opens on its first field (not on Cancel), Tab goes through the fields to the
    currency, and Enter saves (it used to press Cancel)."""
    from PySide6.QtWidgets import QApplication

    def keys(text: str) -> None:
        type_text(QApplication.focusWidget(), text)

    def key(k) -> None:
        qtbot.keyClick(QApplication.focusWidget(), k)

    press(qtbot, window, Qt.Key.Key_H,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_dialog(qtbot, "hotelDialog")
    qtbot.waitUntil(dialog.name.hasFocus)
    keys("Ryokan Sakura")
    key(Qt.Key.Key_Tab)
    keys("Kyōto")
    key(Qt.Key.Key_Tab)
    assert dialog.stars.hasFocus()
    key(Qt.Key.Key_Tab)
    assert dialog.currency.hasFocus()
    dialog.currency.lineEdit().selectAll()
    keys("jpy")
    key(Qt.Key.Key_Return)
    wait_closed(qtbot, dialog)
    [hotel] = run(desk.list_hotels())
    assert (hotel.name, hotel.location, hotel.currency) == ("Ryokan Sakura", "Kyōto", "JPY")


def test_a_currency_code_is_shown_in_capitals_as_it_is_typed(window, qtbot):
    window.new_hotel()
    dialog = wait_dialog(qtbot, "hotelDialog")
    clear_and_type(dialog.currency.lineEdit(), "vn")
    assert dialog.currency.currentText() == "VN"
    dialog.reject()
