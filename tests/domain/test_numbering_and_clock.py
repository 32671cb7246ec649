"""Room numbering and the clock as plain Python (no database)."""

from __future__ import annotations

from datetime import date

from frontdesk.domain import clock, numbering


def test_rooms_are_numbered_twenty_a_floor() -> None:
    assert numbering.room_number(0) == ("101", 1)
    assert numbering.room_number(19) == ("120", 1)
    assert numbering.room_number(20) == ("201", 2)


def test_new_rooms_continue_the_numbering_around_the_taken_numbers() -> None:
    assert numbering.next_numbers({"101", "103"}, 3) == [("102", 1), ("104", 1), ("105", 1)]
    assert numbering.next_numbers(set(), 0) == []


def test_a_fixed_clock_says_its_day_until_moved_on() -> None:
    fixed = clock.FixedClock(date(2030, 6, 10))
    assert fixed() == date(2030, 6, 10)
    fixed.day = date(2030, 6, 11)
    assert fixed() == date(2030, 6, 11)
    before = date.today()
    assert before <= clock.system_today() <= date.today()  # whatever midnight does meanwhile
