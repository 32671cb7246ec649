"""Every bad value a receptionist can type is refused with a sentence naming the field, and
nothing is written to the database."""

from __future__ import annotations

from datetime import datetime, time
from types import SimpleNamespace

import pytest

from frontdesk.errors import StatusNotAllowed, ValidationError


async def seed(desk, day):
    hotel = await desk.add_hotel("Seaside", "Sochi", 4)
    room = await desk.add_room(hotel.id, "Double", 12_000, 2)
    single = await desk.add_room(hotel.id, "Single", 8_000, 1)
    guest = await desk.add_guest("Anna Ivanova", "+7 900 111-22-33", "anna@example.com")
    booking = await desk.book(room.id, guest.id, day(1), day(3))
    return SimpleNamespace(hotel=hotel.id, room=room.id, single=single.id, guest=guest.id,
                           booking=booking.id)


def at_noon(d):
    return datetime.combine(d, time(12))


# (id, call(desk, seeded, day), field, key phrase of the message)
CASES = [
    # hotels
    ("hotel-name-empty", lambda d, s, day: d.add_hotel("", "Sochi", 3),
     "name", "Hotel name is required"),
    ("hotel-name-blank", lambda d, s, day: d.add_hotel("   ", "Sochi", 3),
     "name", "Hotel name is required"),
    ("hotel-name-too-long", lambda d, s, day: d.add_hotel("H" * 101, "Sochi", 3),
     "name", "too long (101 characters; at most 100)"),
    ("hotel-name-not-text", lambda d, s, day: d.add_hotel(123, "Sochi", 3),
     "name", "must be text"),
    ("hotel-location-empty", lambda d, s, day: d.add_hotel("Sea", "", 3),
     "location", "Location is required"),
    ("hotel-location-too-long", lambda d, s, day: d.add_hotel("Sea", "L" * 201, 3),
     "location", "at most 200"),
    ("stars-0", lambda d, s, day: d.add_hotel("Sea", "Sochi", 0),
     "stars", "Stars must be from 1 to 5 (got 0)"),
    ("stars-6", lambda d, s, day: d.add_hotel("Sea", "Sochi", 6),
     "stars", "Stars must be from 1 to 5 (got 6)"),
    ("stars-text", lambda d, s, day: d.add_hotel("Sea", "Sochi", "3"),
     "stars", "Stars must be a whole number"),
    ("stars-bool", lambda d, s, day: d.add_hotel("Sea", "Sochi", True),
     "stars", "Stars must be a whole number"),
    ("stars-float", lambda d, s, day: d.add_hotel("Sea", "Sochi", 3.0),
     "stars", "Stars must be a whole number"),
    ("update-hotel-stars", lambda d, s, day: d.update_hotel(s.hotel, stars=6),
     "stars", "from 1 to 5"),
    ("update-hotel-name", lambda d, s, day: d.update_hotel(s.hotel, name=" "),
     "name", "Hotel name is required"),
    ("update-hotel-unknown-field", lambda d, s, day: d.update_hotel(s.hotel, phone="555"),
     "phone", "A hotel has no field 'phone'"),
    # room types
    ("room-name-empty", lambda d, s, day: d.add_room(s.hotel, "", 10_000, 1),
     "name", "Room type name is required"),
    ("room-name-too-long", lambda d, s, day: d.add_room(s.hotel, "R" * 101, 10_000, 1),
     "name", "at most 100"),
    ("room-name-duplicate", lambda d, s, day: d.add_room(s.hotel, "Double", 10_000, 1),
     "name", "already has a room type named 'Double'"),
    ("room-name-duplicate-padded", lambda d, s, day: d.add_room(s.hotel, " Double ", 10_000, 1),
     "name", "already has a room type named 'Double'"),
    ("price-float", lambda d, s, day: d.add_room(s.hotel, "Suite", 120.50, 1),
     "price", "Price must be a whole number of cents"),
    ("price-whole-float", lambda d, s, day: d.add_room(s.hotel, "Suite", 12_000.0, 1),
     "price", "Price must be a whole number of cents"),
    ("price-text", lambda d, s, day: d.add_room(s.hotel, "Suite", "12000", 1),
     "price", "Price must be a whole number of cents"),
    ("price-negative", lambda d, s, day: d.add_room(s.hotel, "Suite", -1, 1),
     "price", "Price cannot be negative"),
    ("quantity-0", lambda d, s, day: d.add_room(s.hotel, "Suite", 10_000, 0),
     "quantity", "Number of rooms must be from 1 to 10000 (got 0)"),
    ("quantity-too-many", lambda d, s, day: d.add_room(s.hotel, "Suite", 10_000, 10_001),
     "quantity", "Number of rooms must be from 1 to 10000"),
    ("capacity-0", lambda d, s, day: d.add_room(s.hotel, "Suite", 10_000, 1, capacity=0),
     "capacity", "Guests per room must be from 1 to 50 (got 0)"),
    ("description-too-long",
     lambda d, s, day: d.add_room(s.hotel, "Suite", 10_000, 1, description="x" * 2001),
     "description", "Description is too long"),
    ("update-room-price", lambda d, s, day: d.update_room(s.room, price=-100),
     "price", "cannot be negative"),
    ("update-room-quantity-0", lambda d, s, day: d.update_room(s.room, quantity=0),
     "quantity", "from 1 to 10000 (got 0)"),
    ("update-room-duplicate-name", lambda d, s, day: d.update_room(s.single, name="Double"),
     "name", "already has a room type named 'Double'"),
    ("update-room-unknown-field", lambda d, s, day: d.update_room(s.room, hotel_id=2),
     "hotel_id", "A room type has no field 'hotel_id'"),
    # guests
    ("guest-name-empty", lambda d, s, day: d.add_guest(""),
     "full_name", "Guest name is required"),
    ("guest-name-too-long", lambda d, s, day: d.add_guest("G" * 201),
     "full_name", "at most 200"),
    ("email-no-at", lambda d, s, day: d.add_guest("Bob", email="bob.example.com"),
     "email", "'bob.example.com' is not an e-mail address"),
    ("email-no-domain-dot", lambda d, s, day: d.add_guest("Bob", email="bob@example"),
     "email", "is not an e-mail address"),
    ("email-space", lambda d, s, day: d.add_guest("Bob", email="bob smith@example.com"),
     "email", "is not an e-mail address"),
    ("phone-letters", lambda d, s, day: d.add_guest("Bob", phone="call me"),
     "phone", "'call me' is not a phone number"),
    ("phone-too-few-digits", lambda d, s, day: d.add_guest("Bob", phone="12"),
     "phone", "is not a phone number"),
    ("phone-too-long", lambda d, s, day: d.add_guest("Bob", phone="1" * 41),
     "phone", "Phone is too long"),
    ("document-too-long", lambda d, s, day: d.add_guest("Bob", document="D" * 61),
     "document", "Document number is too long"),
    ("update-guest-email", lambda d, s, day: d.update_guest(s.guest, email="nope"),
     "email", "is not an e-mail address"),
    ("update-guest-unknown-field", lambda d, s, day: d.update_guest(s.guest, age=30),
     "age", "A guest has no field 'age'"),
    # bookings
    ("departure-same-day", lambda d, s, day: d.book(s.single, s.guest, day(2), day(2)),
     "date_to", "Departure must be at least one day after arrival"),
    ("departure-before-arrival", lambda d, s, day: d.book(s.single, s.guest, day(3), day(2)),
     "date_to", "Departure must be at least one day after arrival"),
    ("arrival-datetime", lambda d, s, day: d.book(s.single, s.guest, at_noon(day(2)), day(3)),
     "date_from", "Arrival must be a date"),
    ("departure-datetime", lambda d, s, day: d.book(s.single, s.guest, day(2), at_noon(day(3))),
     "date_to", "Departure must be a date"),
    ("arrival-text", lambda d, s, day: d.book(s.single, s.guest, day(2).isoformat(), day(3)),
     "date_from", "Arrival must be a date"),
    ("stay-367-nights", lambda d, s, day: d.book(s.single, s.guest, day(1), day(368)),
     "date_to", "A stay can be at most 366 nights"),
    ("arrival-in-past", lambda d, s, day: d.book(s.single, s.guest, day(-1), day(2)),
     "date_from", "Arrival cannot be in the past"),
    ("booking-price-float", lambda d, s, day: d.book(s.single, s.guest, day(1), day(2), 99.5),
     "price", "whole number of cents"),
    ("booking-price-negative", lambda d, s, day: d.book(s.single, s.guest, day(1), day(2), -1),
     "price", "cannot be negative"),
    ("booking-notes-too-long",
     lambda d, s, day: d.book(s.single, s.guest, day(1), day(2), notes="n" * 2001),
     "notes", "Notes is too long"),
    ("change-dates-reversed", lambda d, s, day: d.change_dates(s.booking, day(3), day(1)),
     "date_to", "at least one day after arrival"),
    ("change-dates-datetime",
     lambda d, s, day: d.change_dates(s.booking, at_noon(day(1)), day(3)),
     "date_from", "Arrival must be a date"),
    ("change-dates-too-long", lambda d, s, day: d.change_dates(s.booking, day(1), day(400)),
     "date_to", "at most 366 nights"),
    ("change-dates-into-past", lambda d, s, day: d.change_dates(s.booking, day(-1), day(3)),
     "date_from", "Arrival cannot be moved into the past"),
    ("cancel-reason-too-long", lambda d, s, day: d.cancel(s.booking, "r" * 501),
     "reason", "Reason is too long"),
    # lists and availability
    ("status-unknown", lambda d, s, day: d.list_bookings(status="booked"),
     "status", "Unknown booking status"),
    ("status-one-unknown", lambda d, s, day: d.list_bookings(status=["confirmed", "gone"]),
     "status", "Unknown booking status"),
    ("count-status-unknown", lambda d, s, day: d.count_bookings(status="booked"),
     "status", "Unknown booking status"),
    ("sort-unknown", lambda d, s, day: d.list_bookings(sort="colour"),
     "sort", "Bookings cannot be sorted by 'colour'"),
    ("limit-0", lambda d, s, day: d.list_bookings(limit=0),
     "limit", "Limit must be from 1 to 1000"),
    ("offset-negative", lambda d, s, day: d.list_bookings(offset=-1),
     "offset", "Offset must be from 0 to"),
    ("rooms-left-reversed", lambda d, s, day: d.rooms_left(s.hotel, day(3), day(1)),
     "date_to", "at least one day after arrival"),
    # Issue 10, item 11: control characters, whatever the field (a raw CHECK message before,
    # or stored and exported)
    ("guest-name-starts-with-nul", lambda d, s, day: d.add_guest("\x00Anna"),
     "full_name", "control character (such as a NUL byte) in guest name"),
    ("guest-name-nul-inside", lambda d, s, day: d.add_guest("An\x00na"),
     "full_name", "control character (such as a NUL byte) in guest name"),
    ("hotel-location-line-break", lambda d, s, day: d.update_hotel(s.hotel, location="So\nchi"),
     "location", "in location cannot be stored"),
    ("booking-notes-nul", lambda d, s, day: d.book(s.room, s.guest, day(5), day(6),
                                                   notes="Cot\x00"),
     "notes", "in notes cannot be stored"),
    ("cancel-reason-escape", lambda d, s, day: d.cancel(s.booking, "late\x1b[2J"),
     "reason", "in reason cannot be stored"),
]


def test_notes_keep_their_lines_and_tabs(desk_run, day):
    async def scenario(desk):
        seeded = await seed(desk, day)
        guest = await desk.update_guest(seeded.guest, notes="Allergic:\n\tnuts\r\n\tdust")
        return guest.notes

    assert desk_run(scenario) == "Allergic:\n\tnuts\r\n\tdust"


def test_a_tab_pasted_at_the_end_of_a_name_is_trimmed(desk_run, day):
    async def scenario(desk):
        return (await desk.add_guest("Anna Ivanova\t\r\n")).full_name

    assert desk_run(scenario) == "Anna Ivanova"


@pytest.mark.parametrize(("call", "field", "phrase"),
                         [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_bad_input_is_refused_and_nothing_is_saved(desk_run, snapshot, day, call, field, phrase):
    async def scenario(desk):
        seeded = await seed(desk, day)
        before = snapshot()
        with pytest.raises(ValidationError) as caught:
            await call(desk, seeded, day)
        assert snapshot() == before
        return caught.value

    error = desk_run(scenario)
    assert error.field == field
    message = str(error)
    assert phrase in message
    assert message.endswith("."), f"not a sentence: {message!r}"


def test_a_stay_of_exactly_366_nights_is_accepted(desk_run, day):
    async def scenario(desk):
        seeded = await seed(desk, day)
        booking = await desk.book(seeded.single, seeded.guest, day(1), day(367))
        assert booking.nights == 366

    desk_run(scenario)


def test_arrival_today_is_not_in_the_past(desk_run, day):
    async def scenario(desk):
        seeded = await seed(desk, day)
        booking = await desk.book(seeded.single, seeded.guest, day(0), day(1))
        assert booking.date_from == day(0)

    desk_run(scenario)


def test_text_fields_are_trimmed_and_optional_ones_become_empty(desk_run, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("  Seaside  ", " Sochi ", 4)
        guest = await desk.add_guest(" Bob ", phone="  ", email="", document=" ")
        return hotel, guest

    hotel, guest = desk_run(scenario)
    assert (hotel.name, hotel.location) == ("Seaside", "Sochi")
    assert (guest.full_name, guest.phone, guest.email, guest.document) == ("Bob", None, None, None)


def test_changing_dates_of_a_cancelled_booking_is_refused(desk_run, snapshot, day):
    async def scenario(desk):
        seeded = await seed(desk, day)
        await desk.cancel(seeded.booking)
        before = snapshot()
        with pytest.raises(StatusNotAllowed,
                           match="is cancelled; its room and dates cannot change"):
            await desk.change_dates(seeded.booking, day(2), day(4))
        assert snapshot() == before

    desk_run(scenario)
