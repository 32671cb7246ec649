"""Hotels and room types that bookings depend on (now, later or as history) are never deleted,
and a room type cannot shrink below what is sold on a coming night."""

from __future__ import annotations

import pytest

from frontdesk.errors import NotFound, StillInUse


async def booked_hotel(desk, day, date_from, date_to, *, status=None, clock=None):
    hotel = await desk.add_hotel("Birch", "Kazan", 3)
    room = await desk.add_room(hotel.id, "Double", 12_000, 2)
    guest = await desk.add_guest("Anna Ivanova")
    booking = await desk.book(room.id, guest.id, day(date_from), day(date_to))
    if status == "cancelled":
        await desk.cancel(booking.id)
    return hotel, room


# (id, stay (from, to) booked on day 0, status, the day the deletion is tried, phrase)
DEPENDENTS = [
    ("future", (3, 5), None, 0, "has 1 current or future booking; cancel or move it first."),
    ("current", (0, 5), None, 2, "has 1 current or future booking; cancel or move it first."),
    ("departs-today", (0, 5), None, 5, "has 1 past or cancelled booking kept as history"),
    ("past", (0, 2), None, 10, "has 1 past or cancelled booking kept as history"),
    ("cancelled", (3, 5), "cancelled", 0, "has 1 past or cancelled booking kept as history"),
]


@pytest.mark.parametrize("what", ["hotel", "room"])
@pytest.mark.parametrize(("stay", "status", "on", "phrase"),
                         [pytest.param(*d[1:], id=d[0]) for d in DEPENDENTS])
def test_delete_with_bookings_is_refused(desk_run, snapshot, clock, day, what, stay, status, on,
                                         phrase):
    async def scenario(desk):
        hotel, room = await booked_hotel(desk, day, *stay, status=status)
        clock.day = day(on)
        before = snapshot()
        with pytest.raises(StillInUse) as caught:
            if what == "hotel":
                await desk.delete_hotel(hotel.id)
            else:
                await desk.delete_room(room.id)
        assert snapshot() == before
        assert await desk.get_hotel(hotel.id) == hotel
        assert await desk.get_room(room.id) == room
        return str(caught.value)

    message = desk_run(scenario)
    named = "Hotel 'Birch'" if what == "hotel" else "Room type 'Double'"
    assert message.startswith(f"{named} {phrase}")


def test_delete_hotel_refused_when_any_of_its_room_types_is_booked(desk_run, snapshot, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        free = await desk.add_room(hotel.id, "Suite", 30_000, 1)
        booked = await desk.add_room(hotel.id, "Double", 12_000, 2)
        guest = await desk.add_guest("Anna Ivanova")
        await desk.book(booked.id, guest.id, day(1), day(2))
        before = snapshot()
        with pytest.raises(StillInUse):
            await desk.delete_hotel(hotel.id)
        assert snapshot() == before
        # The free room type alone may go.
        await desk.delete_room(free.id)
        with pytest.raises(NotFound):
            await desk.get_room(free.id)

    desk_run(scenario)


def test_lowering_quantity_below_a_coming_night_is_refused(desk_run, snapshot, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        room = await desk.add_room(hotel.id, "Double", 12_000, 4)
        guest = await desk.add_guest("Anna Ivanova")
        await desk.book(room.id, guest.id, day(1), day(3))
        await desk.book(room.id, guest.id, day(2), day(4))
        await desk.book(room.id, guest.id, day(3), day(5))  # busiest nights hold 2
        before = snapshot()
        with pytest.raises(StillInUse) as caught:
            await desk.update_room(room.id, quantity=1)
        assert snapshot() == before
        assert "'Double' has 2 rooms taken on its busiest coming night" in str(caught.value)
        assert "cannot go down to 1 rooms" in str(caught.value)
        assert (await desk.update_room(room.id, quantity=2)).quantity == 2
        assert (await desk.update_room(room.id, quantity=5)).quantity == 5

    desk_run(scenario)


def test_past_stays_do_not_stop_lowering_quantity(desk_run, clock, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        room = await desk.add_room(hotel.id, "Double", 12_000, 2)
        guest = await desk.add_guest("Anna Ivanova")
        await desk.book(room.id, guest.id, day(1), day(3))
        await desk.book(room.id, guest.id, day(1), day(3))
        cancelled = await desk.book(room.id, guest.id, day(5), day(6))
        await desk.book(room.id, guest.id, day(5), day(6))
        await desk.cancel(cancelled.id)
        clock.day = day(3)
        assert (await desk.update_room(room.id, quantity=1)).quantity == 1

    desk_run(scenario)


def test_lowering_quantity_sees_stays_booked_far_ahead(desk_run, snapshot, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        room = await desk.add_room(hotel.id, "Double", 12_000, 2)
        guest = await desk.add_guest("Anna Ivanova")
        # Nothing limits how far ahead a stay is sold: three years ahead is accepted.
        await desk.book(room.id, guest.id, day(1100), day(1102))
        await desk.book(room.id, guest.id, day(1100), day(1102))
        before = snapshot()
        with pytest.raises(StillInUse):
            await desk.update_room(room.id, quantity=1)
        assert snapshot() == before

    desk_run(scenario)


def test_the_count_of_bookings_reads_as_a_plural(desk_run, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        room = await desk.add_room(hotel.id, "Double", 12_000, 2)
        guest = await desk.add_guest("Anna Ivanova")
        await desk.book(room.id, guest.id, day(1), day(3))
        await desk.book(room.id, guest.id, day(2), day(4))
        with pytest.raises(StillInUse) as caught:
            await desk.delete_hotel(hotel.id)
        return str(caught.value)

    assert desk_run(scenario) == ("Hotel 'Birch' has 2 current or future bookings; "
                                  "cancel or move them first.")
