"""Occupancy as plain Python: what takes a room on a night, checked against the definition
night by night (no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.domain import occupancy
from frontdesk.domain.stays import Status

DAY = date(2030, 6, 10)


@dataclass(frozen=True)
class Span:
    date_from: date
    date_to: date


def span(a: int, b: int) -> Span:
    return Span(DAY + timedelta(days=a), DAY + timedelta(days=b))


spans = st.lists(st.tuples(st.integers(-10, 30), st.integers(1, 15))
                 .map(lambda t: span(t[0], t[0] + t[1])), max_size=25)


def by_definition(items: list[Span], first: date, last: date) -> list[int]:
    nights = [first + timedelta(days=i) for i in range((last - first).days)]
    return [sum(1 for s in items if s.date_from <= n < s.date_to) for n in nights]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(spans, st.integers(-5, 20), st.integers(1, 20), st.integers(1, 8))
def test_taken_rooms_left_and_first_full_night_agree_with_the_definition(
        items: list[Span], start: int, length: int, quantity: int) -> None:
    first, last = DAY + timedelta(days=start), DAY + timedelta(days=start + length)
    expected = by_definition(items, first, last)
    assert occupancy.taken_per_night(items, first, last) == expected
    assert occupancy.free_per_night(quantity, items, first, last) == [
        max(quantity - n, 0) for n in expected]
    full = next((i for i, n in enumerate(expected) if n >= quantity), None)
    assert occupancy.first_full_night(items, first, last, quantity) == (
        None if full is None else first + timedelta(days=full))


def test_a_guest_leaving_on_the_5th_frees_the_room_for_one_arriving_on_the_5th() -> None:
    week = DAY + timedelta(days=8)
    assert max(occupancy.taken_per_night([span(0, 5), span(5, 8)], DAY, week)) == 1
    assert max(occupancy.taken_per_night([span(0, 5), span(4, 8)], DAY, week)) == 2
    assert not occupancy.overlaps(DAY, DAY + timedelta(days=5), DAY + timedelta(days=5),
                                  DAY + timedelta(days=6))


def test_two_stays_that_overlap_the_range_but_not_each_other_take_one_room() -> None:
    # The seed's "count the bookings that overlap the range" would say two.
    assert occupancy.free_per_night(2, [span(0, 2), span(3, 5)], DAY,
                                    DAY + timedelta(days=5)) == [1, 1, 2, 1, 1]


def test_only_active_stays_hold_a_room() -> None:
    assert {s for s in Status if occupancy.holds_room(s)} == {
        Status.CONFIRMED, Status.CHECKED_IN, Status.CHECKED_OUT}
    assert not occupancy.holds_room("cancelled")
    assert not occupancy.holds_room(Status.NO_SHOW)
