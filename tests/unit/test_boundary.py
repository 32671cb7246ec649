"""The argument boundary of FrontDesk (issue 10, items 10 and 12): every malformed argument is a
FrontDeskError with a sentence, checked before the database is touched (which stays unchanged),
never an OverflowError, a driver error or an AttributeError; a hotel, room type or guest that
is not there is NotFound, never an empty list; a move that changes nothing is refused."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from unithelpers import refused

from frontdesk.errors import NotFound, ValidationError

MAX_ID = 2**63 - 1  # the largest SQLite integer
TOO_BIG = 2**63  # one past it: an OverflowError in the driver before
NOT_AN_ID = "must be a whole number from 1 to 9,223,372,036,854,775,807"
OUT_OF_RANGE = "must be from Mon 1 Jan 1900 to Tue 31 Dec 2199"
UNKNOWN = 999


async def seed(desk, day):
    hotel = await desk.add_hotel("Seaside", "Sochi", 4)
    room = await desk.add_room(hotel.id, "Double", 12_000, 2)
    guest = await desk.add_guest("Anna Ivanova", "+7 900 111-22-33", "anna@example.com")
    booking = await desk.book(room.id, guest.id, day(1), day(3))
    booking = await desk.assign_room(booking.id, (await desk.list_units(hotel.id))[0].id)
    return SimpleNamespace(hotel=hotel.id, room=room.id, guest=guest.id, booking=booking.id,
                           unit=booking.unit_id)


# (id, call(desk, seeded, day), error, field (None: NotFound), key phrase of the message)
CASES = [
    # ids past 64 bits (OverflowError before) or of the wrong type (ProgrammingError with SQL)
    ("booking-id-2**63", lambda d, s, day: d.get_booking(TOO_BIG),
     ValidationError, "booking_id", f"Booking number {NOT_AN_ID}"),
    ("cancel-id-2**63", lambda d, s, day: d.cancel(TOO_BIG),
     ValidationError, "booking_id", NOT_AN_ID),
    ("book-room-2**63", lambda d, s, day: d.book(TOO_BIG, s.guest, day(1), day(2)),
     ValidationError, "room_id", f"Room type number {NOT_AN_ID}"),
    ("update-hotel-2**63", lambda d, s, day: d.update_hotel(TOO_BIG, name="Sea"),
     ValidationError, "hotel_id", f"Hotel number {NOT_AN_ID}"),
    ("filter-hotel-2**63", lambda d, s, day: d.list_bookings(hotel_id=TOO_BIG),
     ValidationError, "hotel_id", NOT_AN_ID),
    ("move-unit-2**63", lambda d, s, day: d.move_stay(s.booking, unit_id=TOO_BIG),
     ValidationError, "unit_id", f"Room number {NOT_AN_ID}"),
    ("block-id-negative-huge", lambda d, s, day: d.return_to_service(-TOO_BIG),
     ValidationError, "block_id", NOT_AN_ID),
    ("hotel-id-text", lambda d, s, day: d.get_hotel("1"),
     ValidationError, "hotel_id", NOT_AN_ID),
    ("guest-id-bool", lambda d, s, day: d.delete_guest(True),
     ValidationError, "guest_id", NOT_AN_ID),
    ("room-id-float", lambda d, s, day: d.get_room(1.0),
     ValidationError, "room_id", NOT_AN_ID),
    ("unit-id-decimal", lambda d, s, day: d.assign_room(s.booking, Decimal(1)),
     ValidationError, "unit_id", NOT_AN_ID),
    ("check-in-unit-text", lambda d, s, day: d.check_in(s.booking, unit_id="101"),
     ValidationError, "unit_id", NOT_AN_ID),
    ("guest-id-zero", lambda d, s, day: d.update_guest(0, notes="x"),
     ValidationError, "guest_id", NOT_AN_ID),
    # search text: not text, a pasted megabyte ("LIKE pattern too complex" before), controls
    ("guests-search-number", lambda d, s, day: d.find_guests(5),
     ValidationError, "text", "Search text must be text"),
    ("guests-search-megabyte", lambda d, s, day: d.find_guests("a" * 1_000_000),
     ValidationError, "text", "Search text is too long (1000000 characters; at most 200)"),
    ("hotels-search-percent", lambda d, s, day: d.find_hotels("%" * 60_000),
     ValidationError, "location", "Location is too long"),
    ("summaries-search-list", lambda d, s, day: d.hotel_summaries(["Sochi"]),
     ValidationError, "location", "Location must be text"),
    ("bookings-search-number", lambda d, s, day: d.list_bookings(text=48213),
     ValidationError, "text", "Search text must be text"),
    ("bookings-search-nul", lambda d, s, day: d.count_bookings(text="An\x00na"),
     ValidationError, "text", "control character"),
    ("similar-name-megabyte", lambda d, s, day: d.similar_guests("A" * 1_000_000),
     ValidationError, "full_name", "Guest name is too long"),
    # a str (or a datetime) where a date belongs (StatementError before)
    ("arrivals-day-text", lambda d, s, day: d.arrivals(s.hotel, "2030-06-10"),
     ValidationError, "day", "Day must be a date"),
    ("filter-date-text", lambda d, s, day: d.list_bookings(date_from="2030-06-10"),
     ValidationError, "date_from", "From must be a date"),
    ("summaries-night-datetime",
     lambda d, s, day: d.hotel_summaries(night=datetime(2030, 6, 10, 12)),
     ValidationError, "night", "Night must be a date"),
    ("in-house-day-none", lambda d, s, day: d.in_house(s.hotel, None),
     ValidationError, "day", "Day must be a date"),
    # dates outside 1900..2199 (the year 9999 edge overflowed when days were added)
    ("book-1899", lambda d, s, day: d.with_today(lambda: date(1899, 1, 1)).book(
        s.room, s.guest, date(1899, 12, 31), date(1900, 1, 2)),
     ValidationError, "date_from", f"Arrival {OUT_OF_RANGE}"),
    ("book-into-2200", lambda d, s, day: d.book(s.room, s.guest, date(2199, 12, 31),
                                                date(2200, 1, 1)),
     ValidationError, "date_to", f"Departure {OUT_OF_RANGE}"),
    ("grid-9999", lambda d, s, day: d.room_grid(s.hotel, date(9999, 12, 1), date(9999, 12, 31)),
     ValidationError, "date_from", f"From {OUT_OF_RANGE}"),
    ("rooms-left-9999", lambda d, s, day: d.rooms_left(s.hotel, date(9999, 12, 30), date.max),
     ValidationError, "date_from", OUT_OF_RANGE),
    ("housekeeping-2200", lambda d, s, day: d.housekeeping(s.hotel, date(2200, 1, 1)),
     ValidationError, "day", f"Day {OUT_OF_RANGE}"),
    ("move-to-9999", lambda d, s, day: d.move_stay(s.booking, date_to=date(9999, 12, 31)),
     ValidationError, "date_to", OUT_OF_RANGE),
    ("out-of-order-9999",
     lambda d, s, day: d.take_out_of_order(s.unit, date(9999, 12, 30), date(9999, 12, 31)),
     ValidationError, "date_from", OUT_OF_RANGE),
    # limit and offset
    ("limit-decimal", lambda d, s, day: d.find_guests("a", limit=Decimal(50)),
     ValidationError, "limit", "Limit must be a whole number"),
    ("offset-2**63", lambda d, s, day: d.list_bookings(offset=TOO_BIG),
     ValidationError, "offset", "Offset must be from 0 to 1000000000"),
    ("offset-huge-not-echoed", lambda d, s, day: d.list_bookings(offset=10**5000),
     ValidationError, "offset", "(got a number too long to show)"),
    ("guests-limit-negative", lambda d, s, day: d.find_guests("a", limit=-1),
     ValidationError, "limit", "Limit must be from 1 to 1000 (got -1)"),
    ("guests-limit-none", lambda d, s, day: d.find_guests("a", limit=None),
     ValidationError, "limit", "Limit must be a whole number"),
    # other arguments of the lists
    ("descending-text", lambda d, s, day: d.list_bookings(descending="yes"),
     ValidationError, "descending", "Descending must be true or false"),
    ("status-number", lambda d, s, day: d.count_bookings(status=5),
     ValidationError, "status", "Status must be a booking status or a list of them"),
    ("with-today-not-callable", lambda d, s, day: _sync(d.with_today, date(2030, 1, 1)),
     ValidationError, "today", "Today must be a function"),
    # item 12: no hotel means no list of every hotel's rooms and guests
    ("list-units-no-hotel", lambda d, s, day: d.list_units(None),
     ValidationError, "hotel_id", f"Hotel number {NOT_AN_ID}"),
    ("housekeeping-no-hotel", lambda d, s, day: d.housekeeping(None),
     ValidationError, "hotel_id", NOT_AN_ID),
    ("housekeeping-csv-no-hotel", lambda d, s, day: d.housekeeping_csv(None),
     ValidationError, "hotel_id", NOT_AN_ID),
    ("grid-no-hotel", lambda d, s, day: d.room_grid(None, day(0), day(7)),
     ValidationError, "hotel_id", NOT_AN_ID),
    # item 12: an unknown hotel (or room type, or guest) is NotFound, not an empty list
    ("list-units-unknown", lambda d, s, day: d.list_units(UNKNOWN),
     NotFound, None, "Hotel 999 does not exist"),
    ("housekeeping-unknown", lambda d, s, day: d.housekeeping(UNKNOWN),
     NotFound, None, "Hotel 999 does not exist"),
    ("housekeeping-csv-unknown", lambda d, s, day: d.housekeeping_csv(UNKNOWN),
     NotFound, None, "Hotel 999 does not exist"),
    ("grid-unknown", lambda d, s, day: d.room_grid(UNKNOWN, day(0), day(7)),
     NotFound, None, "Hotel 999 does not exist"),
    ("list-rooms-unknown", lambda d, s, day: d.list_rooms(UNKNOWN),
     NotFound, None, "Hotel 999 does not exist"),
    ("rooms-left-unknown", lambda d, s, day: d.rooms_left(UNKNOWN, day(0), day(1)),
     NotFound, None, "Hotel 999 does not exist"),
    ("arrivals-unknown", lambda d, s, day: d.arrivals(UNKNOWN, day(0)),
     NotFound, None, "Hotel 999 does not exist"),
    ("departures-unknown", lambda d, s, day: d.departures(UNKNOWN, day(0)),
     NotFound, None, "Hotel 999 does not exist"),
    ("in-house-unknown", lambda d, s, day: d.in_house(UNKNOWN, day(0)),
     NotFound, None, "Hotel 999 does not exist"),
    ("bookings-of-unknown-hotel", lambda d, s, day: d.list_bookings(hotel_id=UNKNOWN),
     NotFound, None, "Hotel 999 does not exist"),
    ("count-of-unknown-room-type", lambda d, s, day: d.count_bookings(room_id=UNKNOWN),
     NotFound, None, "Room type 999 does not exist"),
    ("bookings-of-unknown-guest", lambda d, s, day: d.list_bookings(guest_id=UNKNOWN),
     NotFound, None, "Guest 999 does not exist"),
    ("history-of-unknown-booking", lambda d, s, day: d.stay_history(UNKNOWN),
     NotFound, None, "Booking 999 does not exist"),
    # item 12: a move that changes nothing is refused, not reported as done
    ("move-to-room-type-0", lambda d, s, day: d.move_stay(s.booking, room_id=0),
     ValidationError, "room_id", f"Room type number {NOT_AN_ID}"),
    ("move-nowhere", lambda d, s, day: d.move_stay(s.booking),
     ValidationError, "room_id", "leaves booking 1 where it is"),
    ("move-to-where-it-is", lambda d, s, day: d.move_stay(s.booking, room_id=s.room,
                                                          date_from=day(1), date_to=day(3)),
     ValidationError, "room_id", "choose another room, room type or dates"),
]


async def _sync(method, *args):
    return method(*args)


@pytest.mark.parametrize(("call", "error", "field", "phrase"),
                         [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_a_malformed_argument_is_refused_with_a_sentence(desk_run, snapshot, day, call, error,
                                                         field, phrase):
    async def scenario(desk):
        seeded = await seed(desk, day)
        return await refused(snapshot, error, phrase, call(desk, seeded, day), field)

    message = str(desk_run(scenario))
    assert message.endswith(".") and len(message) < 300, message


def test_a_refusal_quotes_at_most_forty_typed_characters(desk_run, snapshot, day):
    """set_room_status echoed a 1 MB status; every message that quotes typed text is capped."""
    typed = "sparkling" * 100_000

    async def scenario(desk):
        s = await seed(desk, day)
        return [str(await refused(snapshot, ValidationError, phrase, call, field))
                for call, field, phrase in [
                    (desk.set_room_status(s.unit, typed), "status", "is not a housekeeping"),
                    (desk.list_bookings(sort=typed), "sort", "cannot be sorted by"),
                    (desk.list_bookings(status=[typed]), "status", "Unknown booking status"),
                    (desk.update_hotel(s.hotel, currency=typed), "currency", "not a currency"),
                ]]

    for message in desk_run(scenario):
        assert "sparkling" * 4 in message and "sparkling" * 5 not in message, message
        assert len(message) < 200, message


def test_a_booking_number_is_any_id_up_to_the_largest_and_nothing_past_it(desk_run, db_path,
                                                                             day):
    """The search's booking number follows the one id rule (rules.ident): the largest id,
    19 digits, finds its booking (18 digits at most before); 19 nines, past it, are text to
    search and find nothing (an OverflowError before that)."""
    async def scenario(desk):
        s = await seed(desk, day)
        with sqlite3.connect(db_path) as db:
            db.execute("UPDATE bookings SET id = ? WHERE id = ?", (MAX_ID, s.booking))
        return ([[b.id for b in await desk.list_bookings(text=text)]
                 for text in (str(MAX_ID), f"#{MAX_ID}", "9" * 19, "#" + "9" * 19, "9" * 40)],
                await desk.count_bookings(text=str(MAX_ID)))

    assert desk_run(scenario) == ([[MAX_ID], [MAX_ID], [], [], []], 1)


def test_the_last_day_is_31_december_2199(desk_run, snapshot, day):
    """Its edges are accepted (a stay to it, a grid up to it, a list of 1 Jan 1900); a night
    later is refused."""
    async def scenario(desk):
        s = await seed(desk, day)
        last = await desk.book(s.room, s.guest, date(2199, 12, 30), date(2199, 12, 31))
        grid = await desk.room_grid(s.hotel, date(2199, 12, 1), date(2199, 12, 31))
        first = await desk.arrivals(s.hotel, date(1900, 1, 1))
        await refused(snapshot, ValidationError, OUT_OF_RANGE,
                      desk.book(s.room, s.guest, date(2199, 12, 31), date(2200, 1, 1)),
                      "date_to")
        return last.nights, len(grid.stays), first

    assert desk_run(scenario) == (1, 1, [])


def test_a_search_of_nothing_is_the_default_list(desk_run, day):
    """None, like "", is nothing typed (it was an AttributeError)."""
    async def scenario(desk):
        await seed(desk, day)
        return (len(await desk.find_guests(None)), len(await desk.find_hotels(None)),
                await desk.count_bookings(text=None))

    assert desk_run(scenario) == (1, 1, 1)
