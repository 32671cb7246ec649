"""Booking status changes: which are allowed from which status and on which day; nights and
totals of a booking."""

from __future__ import annotations

import sqlite3

import pytest

from frontdesk.dto import Status
from frontdesk.errors import StatusNotAllowed


async def one_booking(desk, day, date_from=1, date_to=4, price=None):
    hotel = await desk.add_hotel("Birch", "Kazan", 3)
    room = await desk.add_room(hotel.id, "Double", 12_000, 2)
    guest = await desk.add_guest("Anna Ivanova")
    return await desk.book(room.id, guest.id, day(date_from), day(date_to), price=price)


def test_a_stay_from_booking_to_check_out(desk_run, clock, day):
    async def scenario(desk):
        booked = await one_booking(desk, day)
        assert booked.status is Status.CONFIRMED
        clock.day = day(1)
        assert (await desk.check_in(booked.id)).status is Status.CHECKED_IN
        clock.day = day(4)
        out = await desk.check_out(booked.id)
        assert out.status is Status.CHECKED_OUT
        assert (out.date_from, out.date_to) == (day(1), day(4))
        assert await desk.get_booking(booked.id) == out

    desk_run(scenario)


def test_checking_in_late_during_the_stay_is_allowed(desk_run, clock, day):
    async def scenario(desk):
        booked = await one_booking(desk, day)
        clock.day = day(3)  # the last night
        assert (await desk.check_in(booked.id)).status is Status.CHECKED_IN

    desk_run(scenario)


# (id, steps before: list of (clock day, action)), refused action, clock day for it, phrase)
REFUSED = [
    ("check-in-before-arrival", [], "check_in", 0, "a guest can check in only during the stay"),
    ("check-in-on-departure-day", [], "check_in", 4, "can check in only during the stay"),
    ("check-in-twice", [(1, "check_in")], "check_in", 1,
     "is checked in, so it cannot be checked in"),
    ("check-in-cancelled", [(0, "cancel")], "check_in", 1,
     "is cancelled, so it cannot be checked in"),
    ("check-in-no-show", [(1, "mark_no_show")], "check_in", 1,
     "is a no-show, so it cannot be checked in"),
    ("check-out-confirmed", [], "check_out", 1, "is confirmed, so it cannot be checked out"),
    ("check-out-cancelled", [(0, "cancel")], "check_out", 2,
     "is cancelled, so it cannot be checked out"),
    ("check-out-twice", [(1, "check_in"), (2, "check_out")], "check_out", 2,
     "is checked out, so it cannot be checked out"),
    ("cancel-checked-in", [(1, "check_in")], "cancel", 1,
     "is checked in, so it cannot be cancelled"),
    ("cancel-twice", [(0, "cancel")], "cancel", 0, "is cancelled, so it cannot be cancelled"),
    ("cancel-checked-out", [(1, "check_in"), (2, "check_out")], "cancel", 2,
     "is checked out, so it cannot be cancelled"),
    ("no-show-before-arrival", [], "mark_no_show", 0, "it cannot be a no-show before then"),
    ("no-show-checked-in", [(1, "check_in")], "mark_no_show", 1,
     "is checked in, so it cannot be marked as a no-show"),
    ("no-show-cancelled", [(0, "cancel")], "mark_no_show", 1,
     "is cancelled, so it cannot be marked as a no-show"),
]


@pytest.mark.parametrize(("steps", "action", "on", "phrase"),
                         [pytest.param(*r[1:], id=r[0]) for r in REFUSED])
def test_refused_status_changes(desk_run, snapshot, clock, day, steps, action, on, phrase):
    async def scenario(desk):
        booked = await one_booking(desk, day)
        for when, step in steps:
            clock.day = day(when)
            await getattr(desk, step)(booked.id)
        clock.day = day(on)
        status = (await desk.get_booking(booked.id)).status
        before = snapshot()
        with pytest.raises(StatusNotAllowed) as caught:
            await getattr(desk, action)(booked.id)
        assert snapshot() == before
        assert (await desk.get_booking(booked.id)).status is status
        return str(caught.value)

    message = desk_run(scenario)
    assert phrase in message
    assert message.startswith("Booking 1 ")


def test_no_show_on_the_arrival_day_or_later(desk_run, clock, day):
    async def scenario(desk):
        first = await one_booking(desk, day)
        clock.day = day(1)
        assert (await desk.mark_no_show(first.id)).status is Status.NO_SHOW
        hotel_rooms = await desk.list_rooms(first.hotel_id)
        later = await desk.book(hotel_rooms[0].id, first.guest_id, day(2), day(3))
        clock.day = day(10)
        assert (await desk.mark_no_show(later.id)).status is Status.NO_SHOW

    desk_run(scenario)


def test_cancel_keeps_the_reason(desk_run, db_path, day):
    async def scenario(desk):
        with_reason = await one_booking(desk, day)
        rooms = await desk.list_rooms(with_reason.hotel_id)
        without = await desk.book(rooms[0].id, with_reason.guest_id, day(1), day(2))
        cancelled = await desk.cancel(with_reason.id, "  Flight cancelled  ")
        await desk.cancel(without.id)
        assert cancelled.status is Status.CANCELLED
        return with_reason.id, without.id

    with_reason, without = desk_run(scenario)
    # dto.Booking does not carry the reason: read it from the file.
    conn = sqlite3.connect(db_path)
    try:
        reasons = dict(conn.execute("SELECT id, cancel_reason FROM bookings"))
    finally:
        conn.close()
    assert reasons == {with_reason: "Flight cancelled", without: None}


def test_nights_and_total_on_the_booking(desk_run, day):
    async def scenario(desk):
        at_list_price = await one_booking(desk, day, 1, 4)
        rooms = await desk.list_rooms(at_list_price.hotel_id)
        at_deal_price = await desk.book(rooms[0].id, at_list_price.guest_id, day(2), day(9),
                                        price=9_950)
        free = await desk.book(rooms[0].id, at_list_price.guest_id, day(9), day(10), price=0)
        return at_list_price, at_deal_price, free

    at_list_price, at_deal_price, free = desk_run(scenario)
    assert (at_list_price.nights, at_list_price.price, at_list_price.total) == (3, 12_000, 36_000)
    assert (at_deal_price.nights, at_deal_price.price, at_deal_price.total) == (7, 9_950, 69_650)
    assert (free.nights, free.total) == (1, 0)


def test_a_booking_keeps_the_price_it_was_sold_at(desk_run, day):
    async def scenario(desk):
        booked = await one_booking(desk, day)
        await desk.update_room(booked.room_id, price=20_000)
        kept = await desk.get_booking(booked.id)
        assert (kept.price, kept.total) == (12_000, 36_000)
        new = await desk.book(booked.room_id, booked.guest_id, day(5), day(6))
        assert new.price == 20_000

    desk_run(scenario)


def test_booking_row_names_hotel_room_and_guest(desk_run, day):
    async def scenario(desk):
        return await one_booking(desk, day, price=11_000)

    b = desk_run(scenario)
    assert (b.hotel_name, b.room_name, b.guest_name) == ("Birch", "Double", "Anna Ivanova")
    assert (b.date_from, b.date_to, b.price, b.notes) == (day(1), day(4), 11_000, "")
    assert b.created_at is not None and b.updated_at is not None
