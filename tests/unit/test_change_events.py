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
        heard.clear()
        await desk.room_grid(hotel.id, day(0), day(7))
        await desk.find_guests("an")
        with pytest.raises(NotAvailable):
            await desk.book(room.id, stay.guest_id, day(3), day(4))
            await desk.book(room.id, stay.guest_id, day(3), day(4))
        assert len(heard) == 1  # the first of the two books only
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
