"""One user action, one call, one transaction (issue 11, item 3): a booking with a new guest, a
booking of a chosen physical room, several rooms marked at once, a room returned to service
by its out-of-order period's id. Each is all or nothing."""

from __future__ import annotations

import pytest
from unithelpers import refused

from frontdesk import dto
from frontdesk.dto import Housekeeping
from frontdesk.errors import NotAvailable, NotFound, RoomTaken, ValidationError


async def hotel(desk):
    seaside = await desk.add_hotel("Seaside", "Sochi", 4)
    double = await desk.add_room(seaside.id, "Double", 12_000, 2)
    single = await desk.add_room(seaside.id, "Single", 8_000, 1)
    return seaside, double, single


def test_a_booking_with_a_new_guest_saves_both_or_neither(desk_run, day, snapshot):
    async def scenario(desk):
        _, double, single = await hotel(desk)
        anna = dto.NewGuest("Anna Ivanova", phone="+7 900 111-22-33", email="anna@example.com")
        stay = await desk.book_new_guest(single.id, anna, day(1), day(3), notes="Late arrival")
        assert (stay.guest_name, stay.room_name, stay.nights, stay.notes) == (
            "Anna Ivanova", "Single", 2, "Late arrival")
        guest = await desk.get_guest(stay.guest_id)
        assert (guest.phone, guest.email) == ("+7 900 111-22-33", "anna@example.com")
        # The single room is sold: the new guest is not left behind without a booking.
        await refused(snapshot, NotAvailable, "No 'Single' room is free",
                      desk.book_new_guest(single.id, dto.NewGuest("Bob Smith"), day(2), day(4)))
        assert [g.full_name for g in await desk.find_guests("bob")] == []
        # A guest field that cannot be saved refuses the whole call, naming the field.
        await refused(snapshot, ValidationError, "not an e-mail address",
                      desk.book_new_guest(double.id, dto.NewGuest("Bob", email="bob"), day(1),
                                          day(2)), field="email")
        await refused(snapshot, ValidationError, "NewGuest",
                      desk.book_new_guest(double.id, {"full_name": "Bob"}, day(1), day(2)),
                      field="guest")

    desk_run(scenario)


def test_a_chosen_room_is_booked_in_the_same_call(desk_run, day, snapshot):
    async def scenario(desk):
        seaside, double, single = await hotel(desk)
        units = {u.number: u for u in await desk.list_units(seaside.id)}
        guest = await desk.add_guest("Anna Ivanova")
        room = units["102"]
        assert room.room_id == double.id
        stay = await desk.book(double.id, guest.id, day(1), day(3), unit_id=room.id)
        assert (stay.unit_id, stay.unit_number) == (room.id, "102")
        # The room already holds that stay on the night of day(2).
        error = await refused(snapshot, RoomTaken, "Room 102 is taken",
                              desk.book(double.id, guest.id, day(2), day(4), unit_id=room.id))
        assert error.night == day(2)
        # A room of another type, or a room that is not there.
        await refused(snapshot, ValidationError, "is not a 'Double' room",
                      desk.book(double.id, guest.id, day(5), day(6),
                                unit_id=units["103"].id), field="unit_id")
        await refused(snapshot, NotFound, "Room 999",
                      desk.book(double.id, guest.id, day(5), day(6), unit_id=999))
        # Out of order on those nights.
        await desk.take_out_of_order(units["101"].id, day(5), day(7), "Paint")
        await refused(snapshot, RoomTaken, "Room 101 is taken",
                      desk.book(double.id, guest.id, day(6), day(8), unit_id=units["101"].id))

    desk_run(scenario)


def test_several_rooms_are_marked_in_one_transaction(desk_run, snapshot):
    async def scenario(desk):
        seaside, _, _ = await hotel(desk)
        ids = [u.id for u in await desk.list_units(seaside.id)]
        marked = await desk.set_rooms_status(ids[:2], "inspected")
        assert [u.status for u in marked] == [Housekeeping.INSPECTED] * 2
        # One room that is not there: none of them changes.
        await refused(snapshot, NotFound, "Room 999",
                      desk.set_rooms_status([ids[2], 999], Housekeeping.DIRTY))
        assert (await desk.housekeeping(seaside.id))[2].status is Housekeeping.CLEAN
        for bad, phrase in (([], "Mark from 1"), ("101", "list of room ids"),
                            ([ids[0], True], "whole number")):
            await refused(snapshot, ValidationError, phrase,
                          desk.set_rooms_status(bad, "clean"), field="unit_ids")
        await refused(snapshot, ValidationError, "not a housekeeping status",
                      desk.set_rooms_status(ids, "sparkling"), field="status")

    desk_run(scenario)


def test_a_room_goes_back_to_service_by_the_id_its_list_row_carries(desk_run, day):
    async def scenario(desk):
        seaside, _, _ = await hotel(desk)
        room = (await desk.list_units(seaside.id))[0]
        block = await desk.take_out_of_order(room.id, day(0), day(3), "Leak")
        listed = (await desk.housekeeping(seaside.id))[0]
        assert (listed.out_of_order, listed.out_of_order_id, listed.out_of_order_until) == (
            "Leak", block.id, day(3))
        await desk.return_to_service(listed.out_of_order_id)
        listed = (await desk.housekeeping(seaside.id))[0]
        assert (listed.out_of_order, listed.out_of_order_id, listed.out_of_order_until) == (
            None, None, None)
        with pytest.raises(NotFound):
            await desk.return_to_service(block.id)

    desk_run(scenario)
