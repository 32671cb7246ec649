"""Where a stay sleeps: the plan of a move or change of dates (every rule it must respect,
checked in the caller's unit of work), and the room a check-in uses. Shared by the bookings
area (change_dates, check_in) and the rooms area (assign, move, quote)."""

from __future__ import annotations

from datetime import date

from frontdesk import dto
from frontdesk.db import models
from frontdesk.domain import stays
from frontdesk.domain.stays import STATUS_OF
from frontdesk.dto import ChangeKind
from frontdesk.errors import RoomTaken, ValidationError
from frontdesk.services import availability, rules
from frontdesk.services.uow import UnitOfWork


async def plan_move(uow: UnitOfWork, booking: models.Booking, today: date, *,
                    room_id: int | None = None, unit_id: int | None = None,
                    date_from: date | None = None, date_to: date | None = None,
                    dates_given: bool = False) -> dto.MoveQuote:
    """What moving `booking` (to a room type, a physical room and/or other nights) would do;
    raises the first rule the move breaks. A write locks the room types it checks first."""
    if dates_given:
        start, end = rules.stay(date_from, date_to)
    else:
        start, end = rules.stay(date_from or booking.date_from, date_to or booking.date_to)
    status = STATUS_OF[booking.status]
    stays.check_move(status, booking.date_from, booking.date_to, start, end, today,
                     booking=f"Booking {booking.id}")
    unit = await uow.unit(unit_id) if unit_id is not None else None
    if unit is not None and room_id is not None and unit.room_id != room_id:
        raise ValidationError("unit_id", f"Room {unit.number} is not of the chosen type.")
    current = await uow.room_type(booking.room_id)
    target = await uow.room_type(unit.room_id if unit else room_id or booking.room_id)
    if target.hotel_id != current.hotel_id:
        raise ValidationError("room_id", "A stay can only move within its hotel; cancel it "
                                         "and book the other hotel.")
    await uow.lock_room_types(current.id, target.id)
    await availability.require_rooms(uow, target, start, end, ignore_booking=booking.id)
    if unit is None and booking.unit_id is not None and target.id == booking.room_id:
        kept = await uow.unit(booking.unit_id)
        night = await availability.first_taken_night(uow, kept, start, end, booking.id)
        if night is None:
            unit = kept  # the stay keeps its room while that room is free
        elif stays.in_house(status):
            raise RoomTaken(kept.number, night)  # never re-room a guest in house unasked
    if unit is None and stays.in_house(status):  # a guest in the house sleeps in a room
        unit = await availability.free_unit(uow, target, start, end, booking.id, today)
    if unit is not None:
        if stays.in_house(status) and unit.id != booking.unit_id:
            await availability.refuse_occupied(uow, unit, booking.id, today)
        night = await availability.first_taken_night(uow, unit, start, end, booking.id)
        if night is not None:
            raise RoomTaken(unit.number, night)
    price = booking.price if target.id == booking.room_id else target.price
    return dto.MoveQuote(
        booking_id=booking.id, room_id=target.id, room_name=target.name,
        unit_id=unit.id if unit else None, unit_number=unit.number if unit else None,
        date_from=start, date_to=end, price=price,
        old_total=stays.nights(booking.date_from, booking.date_to) * booking.price,
        new_total=stays.nights(start, end) * price, problem=None)


async def apply_move(uow: UnitOfWork, booking: models.Booking,
                     quote: dto.MoveQuote) -> dto.Booking:
    booking.room_id, booking.unit_id = quote.room_id, quote.unit_id
    booking.date_from, booking.date_to, booking.price = (quote.date_from, quote.date_to,
                                                         quote.price)
    await uow.session.flush()
    uow.changed(ChangeKind.BOOKINGS, booking.id)
    return await uow.booking_record(booking.id)


async def room_for_check_in(uow: UnitOfWork, booking: models.Booking, unit_id: int | None,
                            today: date) -> models.RoomUnit:
    """The chosen room, else the room the stay was given, else the readiest vacant one;
    refused if a guest is still checked in there or its nights are taken."""
    room = await uow.room_type(booking.room_id)
    await uow.lock_room_types(room.id)
    if unit_id is not None:
        unit = await uow.unit(unit_id)
        availability.refuse_other_type(unit, room, "move the stay to change its type")
    elif booking.unit_id is not None:
        unit = await uow.unit(booking.unit_id)
    else:
        return await availability.free_unit(uow, room, booking.date_from, booking.date_to,
                                            booking.id, today)
    await availability.refuse_occupied(uow, unit, booking.id, today)
    night = await availability.first_taken_night(uow, unit, booking.date_from, booking.date_to,
                                                 booking.id)
    if night is not None:
        raise RoomTaken(unit.number, night)
    return unit
