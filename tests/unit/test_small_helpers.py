"""Small pure helpers: booking totals, search keys, phone digits, literal LIKE patterns."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from frontdesk import dto
from frontdesk.dao.base import like_pattern
from frontdesk.db.models import phone_digits, search_key


def booking(date_from: date, date_to: date, price: int) -> dto.Booking:
    now = datetime(2030, 1, 1, 12)
    return dto.Booking(1, 1, "Birch", 1, "Double", 1, "Anna", date_from, date_to, price,
                       dto.Status.CONFIRMED, "", now, now)


@pytest.mark.parametrize(("date_from", "date_to", "price", "nights", "total"), [
    (date(2030, 1, 1), date(2030, 1, 2), 12_050, 1, 12_050),
    (date(2030, 2, 27), date(2030, 3, 2), 10_000, 3, 30_000),  # across the end of February
    (date(2030, 12, 30), date(2031, 1, 2), 999, 3, 2_997),
    (date(2030, 1, 1), date(2030, 1, 8), 0, 7, 0),
])
def test_booking_nights_and_total(date_from, date_to, price, nights, total):
    b = booking(date_from, date_to, price)
    assert (b.nights, b.total) == (nights, total)
    assert isinstance(b.total, int)


def test_status_labels():
    assert dto.Status.CHECKED_IN.label == "Checked in"
    assert dto.Status("no_show") is dto.Status.NO_SHOW


@pytest.mark.parametrize(("text", "key"), [
    ("Москва", "москва"),
    ("MOSKVA", "moskva"),
    ("Straße", "strasse"),
    ("", ""),
    (None, None),
])
def test_search_key(text, key):
    assert search_key(text) == key


@pytest.mark.parametrize(("phone", "digits"), [
    ("+7 (495) 123-45-67", "74951234567"),
    ("555.010/20", "55501020"),
    ("+()", None),
    (None, None),
])
def test_phone_digits(phone, digits):
    assert phone_digits(phone) == digits


@pytest.mark.parametrize(("text", "matches", "misses"), [
    ("100%", ["100% Resort", "a 100%"], ["1000 Resort", "100 Resort"]),
    ("a_b", ["a_b", "xa_by"], ["axb"]),
    ("c:\\x", ["c:\\x"], ["c:x", "c:\\\\x"]),
    ("plain", ["plain", "explained"], ["plan"]),
])
def test_like_pattern_matches_text_literally(text, matches, misses):
    conn = sqlite3.connect(":memory:")
    try:
        def like(value, pattern):
            return conn.execute("SELECT ? LIKE ? ESCAPE '\\'", (value, pattern)).fetchone()[0]

        for value in matches:
            assert like(value, like_pattern(text)) == 1, value
        for value in misses:
            assert like(value, like_pattern(text)) == 0, value
        assert like(f"{text} and more", like_pattern(text, prefix=True)) == 1
        assert like(f"x{text}", like_pattern(text, prefix=True)) == 0
    finally:
        conn.close()
