"""A call with several bad arguments names the first one of its signature, as before the
services were split by area (issue 11: the documented API keeps its meaning)."""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk import dto
from frontdesk.errors import ValidationError

DAY = date(2030, 6, 11)

CASES = [
    ("update_hotel", lambda d: d.update_hotel("x", bogus=1), "hotel_id"),
    ("update_room", lambda d: d.update_room(0, hotel_id=2), "room_id"),
    ("update_guest", lambda d: d.update_guest(0, age=30), "guest_id"),
    ("update_unit", lambda d: d.update_unit(-1, colour="red"), "unit_id"),
    ("add_room", lambda d: d.add_room(0, "", -5, 0), "hotel_id"),
    ("add_unit", lambda d: d.add_unit(0, ""), "room_id"),
    ("book", lambda d: d.book(0, 0, "tomorrow", None), "room_id"),
    ("book-guest", lambda d: d.book(1, 0, "tomorrow", None), "guest_id"),
    ("book_new_guest", lambda d: d.book_new_guest(0, "Anna", DAY, DAY), "room_id"),
    ("book_new_guest-guest", lambda d: d.book_new_guest(1, "Anna", "x", DAY), "guest"),
    ("list_bookings-sort", lambda d: d.list_bookings(sort="colour", text=5), "sort"),
    ("list_bookings-limit", lambda d: d.list_bookings(limit=0, hotel_id="x"), "limit"),
    ("count_bookings", lambda d: d.count_bookings(hotel_id="x", colour=1), "colour"),
    ("set_room_status", lambda d: d.set_room_status(0, "sparkling"), "unit_id"),
    ("move_stay", lambda d: d.move_stay(0, room_id=0), "booking_id"),
]


@pytest.mark.parametrize(("call", "field"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_first_bad_argument_is_the_one_named(desk_run, call, field):
    async def scenario(desk):
        with pytest.raises(ValidationError) as refused:
            await call(desk)
        assert refused.value.field == field

    desk_run(scenario)


def test_a_new_guest_is_a_record_not_a_name(desk_run):
    async def scenario(desk):
        with pytest.raises(ValidationError, match="NewGuest"):
            await desk.book_new_guest(1, "Anna", DAY, date(2030, 6, 12))
        assert dto.NewGuest("Anna").full_name == "Anna"

    desk_run(scenario)
