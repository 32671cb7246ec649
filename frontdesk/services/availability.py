"""Is it free? The checks a write makes before it sells, moves, assigns or takes a room out of
order, each after the unit of work has locked the room type it checks (UnitOfWork.require_locked
refuses a check of an unlocked type, so no path can forget the lock)."""

from __future__ import annotations

from datetime import date

from frontdesk.db import models
from frontdesk.domain import occupancy
from frontdesk.errors import (
    NotAvailable,
    RoomOccupied,
    StatusNotAllowed,
    StillInUse,
    ValidationError,
)
from frontdesk.services.uow import UnitOfWork


def refuse_other_type(unit: models.RoomUnit, room: models.Room, then: str) -> None:
    """A physical room given for a stay of a room type must be of that type."""
    if unit.room_id != room.id:
        raise ValidationError("unit_id", f"Room {unit.number} is not a '{room.name}' room; "
                                         f"{then}.")


async def require_rooms(uow: UnitOfWork, room: models.Room, start: date, end: date, *,
                        ignore_booking: int | None = None) -> None:
    """A room of the type is free on every night of [start, end), else NotAvailable naming the
    first full night."""
    uow.require_locked(room.id)
    (left,) = await uow.rooms.rooms_left(start, end, room_id=room.id,
                                         ignore_booking=ignore_booking)
    if left.rooms_left < 1:
        spans = await uow.rooms.stays(room.id, start, end, ignore_booking)
        night = occupancy.first_full_night(spans, start, end, room.quantity)
        raise NotAvailable(room.name, night or start)


async def refuse_overbooked(uow: UnitOfWork, room: models.Room, today: date) -> None:
    """After rooms were taken away from a type (in this unit): no coming night may now hold
    more stays (and rooms out of order) than it has rooms. Refusing rolls the change back."""
    uow.require_locked(room.id)
    (left,) = await uow.rooms.rooms_left(today, date.max, room_id=room.id)
    if left.rooms_left < 0:
        busy = room.quantity - left.rooms_left
        raise StillInUse(
            f"'{room.name}' has {busy} rooms taken on its busiest coming night; "
            f"it cannot go down to {room.quantity} rooms. Move or cancel those stays first.")


async def first_taken_night(uow: UnitOfWork, unit: models.RoomUnit, start: date, end: date,
                            ignore_booking: int | None = None) -> date | None:
    """The first night of [start, end) on which the physical room holds a stay or is out of
    order."""
    uow.require_locked(unit.room_id)
    return await uow.units.first_taken_night(unit.id, start, end, ignore_booking)


async def refuse_occupied(uow: UnitOfWork, unit: models.RoomUnit, booking_id: int,
                          today: date) -> None:
    """A room is vacant only when no other guest is checked in to it, whatever the nights say
    (a guest who has not checked out is still in it)."""
    uow.require_locked(unit.room_id)
    for guest in await uow.units.occupants(unit_id=unit.id, ignore_booking=booking_id):
        raise RoomOccupied(guest.number, guest.guest, guest.due, today)


async def free_unit(uow: UnitOfWork, room: models.Room, start: date, end: date,
                    booking_id: int, today: date) -> models.RoomUnit:
    """A vacant room of the type free on every night, the readiest first (inspected, clean);
    the refusal names the guests still checked in whose rooms it would use."""
    uow.require_locked(room.id)
    free = await uow.units.free(room.id, start, end, booking_id)
    if free:
        return free[0]
    lingering = [f"room {guest.number} ({guest.guest}, {RoomOccupied.due_out(guest.due, today)})"
                 for guest in await uow.units.occupants(room_id=room.id,
                                                        ignore_booking=booking_id)
                 if guest.due <= start]
    if lingering:
        raise StatusNotAllowed(
            f"No '{room.name}' room is vacant for booking {booking_id}: guests have not "
            f"checked out of {', '.join(lingering)}. Check them out first, or move a stay "
            "in the room grid.")
    raise StatusNotAllowed(
        f"No single '{room.name}' room is free for all the nights of booking "
        f"{booking_id}. Move another stay in the room grid first.")
