"""rooms_left is quantity minus the busiest night, stays are half-open [from, to), and a booking is
refused when a night of its stay is full."""

from __future__ import annotations

import pytest

from frontdesk.dates import day_text
from frontdesk.errors import NotAvailable, StatusNotAllowed, ValidationError


async def hotel_with(desk, **quantities):
    """A hotel with one room type per keyword (name=quantity) and one guest; returns ids."""
    hotel = await desk.add_hotel("Birch", "Kazan", 3)
    rooms = {name: (await desk.add_room(hotel.id, name, 10_000, q)).id
             for name, q in quantities.items()}
    guest = await desk.add_guest("Anna Ivanova")
    return hotel.id, rooms, guest.id


async def left(desk, hotel_id, date_from, date_to):
    return {a.name: a.rooms_left for a in await desk.rooms_left(hotel_id, date_from, date_to)}


def test_rooms_left_is_quantity_minus_the_busiest_night(desk_run, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, one=1, two=2)
        for room in rooms.values():
            # Both stays overlap [1, 5), but not each other: they need one room, not two.
            await desk.book(room, guest, day(1), day(3))
            await desk.book(room, guest, day(3), day(5))
        assert await left(desk, hotel, day(1), day(5)) == {"one": 0, "two": 1}
        assert await left(desk, hotel, day(5), day(8)) == {"one": 1, "two": 2}
        assert await left(desk, hotel, day(0), day(1)) == {"one": 1, "two": 2}

    desk_run(scenario)


def test_rooms_left_with_a_chain_of_overlapping_stays(desk_run, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, twin=3)
        # Nights 1..4 hold 1, 2, 2, 1 stays: three stays overlap the range, the peak is two.
        await desk.book(rooms["twin"], guest, day(1), day(3))
        await desk.book(rooms["twin"], guest, day(2), day(4))
        await desk.book(rooms["twin"], guest, day(3), day(5))
        assert await left(desk, hotel, day(1), day(5)) == {"twin": 1}
        assert await left(desk, hotel, day(4), day(9)) == {"twin": 2}
        # A range that begins inside stays counts the stays already under way.
        assert await left(desk, hotel, day(2), day(3)) == {"twin": 1}
        await desk.book(rooms["twin"], guest, day(2), day(3))
        assert await left(desk, hotel, day(1), day(5)) == {"twin": 0}
        assert await left(desk, hotel, day(4), day(5)) == {"twin": 2}

    desk_run(scenario)


def test_rooms_left_lists_every_room_type_of_the_hotel_only(desk_run, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, double=2, single=1)
        other = await desk.add_hotel("Aurora", "Kazan", 3)
        other_room = await desk.add_room(other.id, "double", 10_000, 1)
        await desk.book(other_room.id, guest, day(1), day(2))
        found = await desk.rooms_left(hotel, day(1), day(2))
        assert [(a.room_id, a.name, a.quantity, a.rooms_left) for a in found] == [
            (rooms["double"], "double", 2, 2), (rooms["single"], "single", 1, 1)]

    desk_run(scenario)


def test_leaving_on_a_day_frees_the_room_for_arriving_that_day(desk_run, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, one=1)
        await desk.book(rooms["one"], guest, day(1), day(5))
        assert await left(desk, hotel, day(4), day(5)) == {"one": 0}
        assert await left(desk, hotel, day(5), day(6)) == {"one": 1}
        second = await desk.book(rooms["one"], guest, day(5), day(7))
        assert second.date_from == day(5)
        # The night before the first stay is also free.
        await desk.book(rooms["one"], guest, day(0), day(1))
        assert await left(desk, hotel, day(0), day(7)) == {"one": 0}

    desk_run(scenario)


def test_full_room_type_refuses_a_booking_naming_the_first_full_night(desk_run, snapshot, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, one=1, two=2)
        await desk.book(rooms["one"], guest, day(3), day(4))
        await desk.book(rooms["one"], guest, day(5), day(6))
        await desk.book(rooms["two"], guest, day(2), day(4))
        await desk.book(rooms["two"], guest, day(3), day(5))
        before = snapshot()
        with pytest.raises(NotAvailable) as one:
            await desk.book(rooms["one"], guest, day(1), day(7))
        with pytest.raises(NotAvailable) as two:
            await desk.book(rooms["two"], guest, day(1), day(7))
        assert snapshot() == before
        return one.value, two.value

    one, two = desk_run(scenario)
    assert one.night == day(3)
    assert two.night == day(3)
    assert str(one) == (f"No 'one' room is free on the night of {day_text(day(3))}. "
                        "Choose other dates or another room type.")
    assert "'two'" in str(two)


def test_cancelled_and_no_show_stays_free_the_room(desk_run, clock, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, one=1)
        cancelled = await desk.book(rooms["one"], guest, day(1), day(3))
        assert await left(desk, hotel, day(1), day(3)) == {"one": 0}
        await desk.cancel(cancelled.id, "plans changed")
        assert await left(desk, hotel, day(1), day(3)) == {"one": 1}

        no_show = await desk.book(rooms["one"], guest, day(1), day(3))
        clock.day = day(1)
        await desk.mark_no_show(no_show.id)
        assert await left(desk, hotel, day(1), day(3)) == {"one": 1}
        again = await desk.book(rooms["one"], guest, day(1), day(3))
        assert again.status == "confirmed"

    desk_run(scenario)


def test_checking_out_early_frees_the_remaining_nights(desk_run, clock, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, one=1)
        stay = await desk.book(rooms["one"], guest, day(1), day(5))
        clock.day = day(1)
        await desk.check_in(stay.id)
        clock.day = day(3)
        out = await desk.check_out(stay.id)
        assert (out.date_from, out.date_to, out.nights) == (day(1), day(3), 2)
        # Nights 1 and 2 were slept in; 3 and 4 are free again.
        assert await left(desk, hotel, day(1), day(3)) == {"one": 0}
        assert await left(desk, hotel, day(3), day(5)) == {"one": 1}
        await desk.book(rooms["one"], guest, day(3), day(5))

    desk_run(scenario)


def test_checking_out_on_the_arrival_day_keeps_one_night(desk_run, clock, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, one=1)
        stay = await desk.book(rooms["one"], guest, day(1), day(4))
        clock.day = day(1)
        await desk.check_in(stay.id)
        out = await desk.check_out(stay.id)
        assert (out.date_from, out.date_to) == (day(1), day(2))
        assert await left(desk, hotel, day(2), day(4)) == {"one": 1}

    desk_run(scenario)


def test_checking_out_late_keeps_the_booked_departure(desk_run, clock, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, one=1)
        stay = await desk.book(rooms["one"], guest, day(1), day(3))
        clock.day = day(1)
        await desk.check_in(stay.id)
        clock.day = day(4)
        out = await desk.check_out(stay.id)
        assert (out.date_from, out.date_to, out.status) == (day(1), day(3), "checked_out")

    desk_run(scenario)


def test_change_dates_does_not_collide_with_the_booking_itself(desk_run, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, one=1)
        stay = await desk.book(rooms["one"], guest, day(1), day(3))
        moved = await desk.change_dates(stay.id, day(2), day(5))
        assert (moved.date_from, moved.date_to, moved.nights) == (day(2), day(5), 3)
        assert await left(desk, hotel, day(1), day(2)) == {"one": 1}
        assert await left(desk, hotel, day(2), day(5)) == {"one": 0}

    desk_run(scenario)


def test_change_dates_refused_when_another_stay_holds_the_room(desk_run, snapshot, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, one=1)
        stay = await desk.book(rooms["one"], guest, day(1), day(3))
        await desk.book(rooms["one"], guest, day(4), day(6))
        before = snapshot()
        with pytest.raises(NotAvailable) as caught:
            await desk.change_dates(stay.id, day(1), day(5))
        assert snapshot() == before
        assert caught.value.night == day(4)
        # Up to the other stay's arrival is fine.
        extended = await desk.change_dates(stay.id, day(1), day(4))
        assert extended.date_to == day(4)

    desk_run(scenario)


def test_extending_a_checked_in_stay(desk_run, snapshot, clock, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, one=1)
        stay = await desk.book(rooms["one"], guest, day(1), day(3))
        clock.day = day(1)
        await desk.check_in(stay.id)
        longer = await desk.change_dates(stay.id, day(1), day(6))
        assert (longer.date_to, longer.status) == (day(6), "checked_in")
        before = snapshot()
        with pytest.raises(StatusNotAllowed, match="checked in: its arrival cannot change"):
            await desk.change_dates(stay.id, day(2), day(6))
        clock.day = day(2)
        with pytest.raises(ValidationError, match="must be after today") as caught:
            await desk.change_dates(stay.id, day(1), day(2))
        assert caught.value.field == "date_to"
        assert snapshot() == before

    desk_run(scenario)


def test_hotel_summaries_count_rooms_left_tonight(desk_run, day):
    async def scenario(desk):
        hotel, rooms, guest = await hotel_with(desk, double=3, single=1)
        await desk.add_hotel("Empty", "Omsk", 2)
        await desk.book(rooms["double"], guest, day(0), day(2))
        await desk.book(rooms["double"], guest, day(1), day(2))
        cancelled = await desk.book(rooms["single"], guest, day(0), day(1))
        await desk.cancel(cancelled.id)
        tonight = {s.name: (s.room_types, s.rooms, s.rooms_left_tonight)
                   for s in await desk.hotel_summaries()}
        tomorrow = {s.name: s.rooms_left_tonight
                    for s in await desk.hotel_summaries(night=day(1))}
        only_omsk = [s.name for s in await desk.hotel_summaries(location="omsk")]
        return tonight, tomorrow, only_omsk

    tonight, tomorrow, only_omsk = desk_run(scenario)
    assert tonight == {"Birch": (2, 4, 3), "Empty": (0, 0, 0)}
    assert tomorrow == {"Birch": 2, "Empty": 0}
    assert only_omsk == ["Empty"]
