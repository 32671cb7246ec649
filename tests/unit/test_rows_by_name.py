"""DTOs are built from labelled columns, never by position (issue 11, item 5): each listing's
labels are its record's fields, and the same row in another column order gives the same
record."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from frontdesk import dto
from frontdesk.dao.bookings import LISTING_COLUMNS, booking_records, listing
from frontdesk.dao.units import UNIT_COLUMNS, unit_records
from frontdesk.db.models import Booking, Guest, Hotel, Room, RoomUnit
from frontdesk.services.uow import Database


def fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_listing_labels_are_the_fields_of_their_records():
    assert set(LISTING_COLUMNS) == fields(dto.Booking)
    assert set(listing().selected_columns.keys()) == fields(dto.Booking)
    assert set(UNIT_COLUMNS) == fields(dto.Unit) - {
        "out_of_order", "out_of_order_id", "out_of_order_until", "occupant"}


def test_a_row_in_another_column_order_gives_the_same_record(desk_run, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Seaside", "Sochi", 4)
        room = await desk.add_room(hotel.id, "Double", 12_000, 2)
        guest = await desk.add_guest("Anna")
        units = await desk.list_units(hotel.id)
        stay = await desk.book(room.id, guest.id, day(0), day(2), unit_id=units[1].id,
                               notes="Quiet room")
        backwards = (select(*(c.label(n) for n, c in reversed(LISTING_COLUMNS.items())))
                     .join(Room, Room.id == Booking.room_id)
                     .join(Hotel, Hotel.id == Room.hotel_id)
                     .join(Guest, Guest.id == Booking.guest_id)
                     .outerjoin(RoomUnit, RoomUnit.id == Booking.unit_id))
        unit_backwards = (select(*(c.label(n) for n, c in reversed(UNIT_COLUMNS.items())))
                          .join(Room, Room.id == RoomUnit.room_id)
                          .where(RoomUnit.id == units[1].id))
        async with Database(desk.engine, desk.today).snapshot() as uow:
            (row,) = (await uow.session.execute(backwards)).all()
            (unit_row,) = (await uow.session.execute(unit_backwards)).all()
        assert booking_records.one(row) == stay == await desk.get_booking(stay.id)
        assert unit_records.one(unit_row) == units[1]

    desk_run(scenario)


def test_a_select_that_lacks_a_field_is_refused_not_filled_from_another_column(desk_run, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Seaside", "Sochi", 4)
        room = await desk.add_room(hotel.id, "Double", 12_000, 2)
        guest = await desk.add_guest("Anna")
        await desk.book(room.id, guest.id, day(0), day(2))
        columns = [c.label(n) for n, c in LISTING_COLUMNS.items() if n != "hotel_name"]
        lacking = (select(*columns).join(Room, Room.id == Booking.room_id)
                   .join(Hotel, Hotel.id == Room.hotel_id)
                   .join(Guest, Guest.id == Booking.guest_id)
                   .outerjoin(RoomUnit, RoomUnit.id == Booking.unit_id))
        async with Database(desk.engine, desk.today).snapshot() as uow:
            rows = (await uow.session.execute(lacking)).all()
        with pytest.raises(TypeError, match="hotel_name"):
            booking_records(rows)

    desk_run(scenario)
