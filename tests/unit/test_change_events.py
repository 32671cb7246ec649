"""Each committed call reports what it changed, by kind and ids (issue 11, item 4): the window
refreshes from these, and other desks will hear of them. A refused call or a read reports
nothing."""

from __future__ import annotations

import pytest

from frontdesk import dto
from frontdesk.dto import ChangeKind as K
from frontdesk.errors import NotAvailable


def kinds(changes):
    return {c.kind: set(c.ids) for c in changes}


def test_each_call_reports_the_kinds_and_ids_it_changed(desk_run, day):
    async def scenario(desk):
        heard = []
        stop = desk.on_change(heard.append)

        async def reported(call):
            heard.clear()
            result = await call
            assert len(heard) == 1, "one report per committed call"
            return result, kinds(heard[0])

        hotel, got = await reported(desk.add_hotel("Seaside", "Sochi", 4))
        assert got == {K.HOTELS: {hotel.id}}
        room, got = await reported(desk.add_room(hotel.id, "Double", 12_000, 2))
        units = [u.id for u in await desk.list_units(hotel.id)]
        assert got == {K.ROOM_TYPES: {room.id}, K.UNITS: set(units)}
        stay, got = await reported(desk.book_new_guest(room.id, dto.NewGuest("Anna"), day(0),
                                                       day(2)))
        assert got == {K.GUESTS: {stay.guest_id}, K.BOOKINGS: {stay.id}}
        checked_in, got = await reported(desk.check_in(stay.id))
        assert got == {K.BOOKINGS: {stay.id}}
        _, got = await reported(desk.with_today(lambda: day(1)).check_out(stay.id))
        assert got == {K.BOOKINGS: {stay.id}, K.UNITS: {checked_in.unit_id}}
        _, got = await reported(desk.set_rooms_status(units, "clean"))
        assert got == {K.UNITS: set(units)}
        block, got = await reported(desk.take_out_of_order(units[1], day(3), day(4)))
        assert got == {K.BLOCKS: {block.id}}
        _, got = await reported(desk.update_hotel(hotel.id, currency="JPY"))
        assert got == {K.HOTELS: {hotel.id}, K.ROOM_TYPES: {room.id}, K.BOOKINGS: {stay.id}}

        # Reads and refusals report nothing.
        await desk.book(room.id, stay.guest_id, day(3), day(4))  # the last room that night
        heard.clear()
        await desk.room_grid(hotel.id, day(0), day(7))
        await desk.find_guests("an")
        with pytest.raises(NotAvailable):
            await desk.book(room.id, stay.guest_id, day(3), day(4))
        assert heard == []
        await desk.add_guest("Bob")
        assert len(heard) == 1
        stop()
        await desk.add_guest("Bob")
        assert len(heard) == 1

    desk_run(scenario)


def test_a_listener_that_fails_does_not_undo_the_committed_call(desk_run, caplog):
    async def scenario(desk):
        def broken(_changes):
            raise RuntimeError("listener bug")

        desk.on_change(broken)
        hotel = await desk.add_hotel("Seaside", "Sochi", 4)
        assert [h.id for h in await desk.list_hotels()] == [hotel.id]

    desk_run(scenario)
    assert "a change listener failed" in caplog.text


def test_desks_for_other_days_share_the_listeners(desk_run, day):
    async def scenario(desk):
        heard = []
        desk.on_change(heard.append)
        await desk.with_today(lambda: day(-3)).add_hotel("Seaside", "Sochi", 4)
        assert [kinds(c) for c in heard] == [{K.HOTELS: {1}}]

    desk_run(scenario)


def test_every_kind_of_write_reports_what_it_touched(desk_run, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Seaside", "Sochi", 4)
        room = await desk.add_room(hotel.id, "Double", 12_000, 3)
        suite = await desk.add_room(hotel.id, "Suite", 30_000, 1)
        guest = await desk.add_guest("Anna")
        a = await desk.book(room.id, guest.id, day(1), day(3))
        b = await desk.book(room.id, guest.id, day(0), day(2))
        heard = []
        desk.on_change(lambda changes: heard.append(kinds(changes)))
        units = [u.id for u in await desk.list_units(hotel.id)]
        later = desk.with_today(lambda: day(1))
        calls = [
            (desk.change_dates(a.id, day(1), day(4)), {K.BOOKINGS: {a.id}}),
            (desk.move_stay(a.id, room_id=suite.id), {K.BOOKINGS: {a.id}}),
            (desk.assign_room(b.id, units[0]), {K.BOOKINGS: {b.id}}),
            (desk.unassign_room(b.id), {K.BOOKINGS: {b.id}}),
            (desk.check_in(b.id), {K.BOOKINGS: {b.id}}),
            (desk.undo_check_in(b.id, "wrong guest"), {K.BOOKINGS: {b.id}}),
            (desk.cancel(a.id, "plans changed"), {K.BOOKINGS: {a.id}}),
            (later.mark_no_show(b.id), {K.BOOKINGS: {b.id}}),
            (desk.update_guest(guest.id, notes="VIP"), {K.GUESTS: {guest.id}}),
            (desk.update_hotel(hotel.id, name="Seaside Inn"), {K.HOTELS: {hotel.id}}),
            (desk.update_unit(units[1], notes="Sea view"), {K.UNITS: {units[1]}}),
            (desk.set_room_status(units[1], "dirty"), {K.UNITS: {units[1]}}),
        ]
        for call, expected in calls:
            heard.clear()
            await call
            assert heard == [expected]
        heard.clear()
        added = await desk.add_unit(room.id, "150")
        assert heard == [{K.UNITS: {added.id}, K.ROOM_TYPES: {room.id}}]
        heard.clear()
        await desk.delete_unit(added.id)
        assert heard == [{K.UNITS: {added.id}, K.ROOM_TYPES: {room.id}}]
        heard.clear()
        await desk.update_room(room.id, quantity=5)
        (report,) = heard
        assert report[K.ROOM_TYPES] == {room.id} and len(report[K.UNITS]) == 2
        block = await desk.take_out_of_order(units[2], day(5), day(6))
        heard.clear()
        await desk.return_to_service(block.id)
        assert heard == [{K.BLOCKS: {block.id}}]
        spare = await desk.add_guest("Nobody")
        heard.clear()
        await desk.delete_guest(spare.id)
        assert heard == [{K.GUESTS: {spare.id}}]
        empty = await desk.add_hotel("Empty", "Nowhere", 3)
        lone = await desk.add_room(empty.id, "Cabin", 5_000, 1)
        (cabin,) = await desk.list_units(empty.id)
        heard.clear()
        await desk.delete_room(lone.id)
        assert heard == [{K.UNITS: {cabin.id}, K.ROOM_TYPES: {lone.id}}]
        heard.clear()
        await desk.delete_hotel(empty.id)
        assert heard == [{K.HOTELS: {empty.id}}]

    desk_run(scenario)
