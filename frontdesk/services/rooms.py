"""Physical rooms: numbering, housekeeping status, out-of-order periods, which room a stay is
in (assignment, moves, the rooms a check-in can offer)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from frontdesk import dto
from frontdesk.dao.units import of_the_day
from frontdesk.db import models
from frontdesk.domain import stays
from frontdesk.domain.stays import Action
from frontdesk.dto import ChangeKind, Housekeeping
from frontdesk.errors import (
    FrontDeskError,
    NotFound,
    RoomTaken,
    StillInUse,
    ValidationError,
)
from frontdesk.exports import csv_text
from frontdesk.limits import REASON_MAX
from frontdesk.services import availability, rules
from frontdesk.services.patches import UnitPatch
from frontdesk.services.placement import apply_move, plan_move, room_for_check_in
from frontdesk.services.uow import Database, UnitOfWork
from frontdesk.words import shown

#: How many room numbers one call may mark at once (a hotel's rooms, with room to spare).
MAX_MARKED = 10_000


async def add_units(uow: UnitOfWork, room: models.Room, count: int) -> None:
    """`count` new physical rooms of a type, numbered on from the hotel's last."""
    added = []
    for number, floor in await uow.units.next_numbers(room.hotel_id, count):
        unit = await uow.units.add({"hotel_id": room.hotel_id, "room_id": room.id,
                                    "number": number, "floor": floor})
        added.append(unit.id)
    uow.changed(ChangeKind.UNITS, *added)


async def remove_units(uow: UnitOfWork, room: models.Room, count: int) -> None:
    """Take away `count` of a type's rooms that never had a stay (the highest numbers)."""
    spare = await uow.units.unused(room.id, count)
    if len(spare) < count:
        raise StillInUse(
            f"Only {len(spare)} '{room.name}' rooms have never had a stay assigned; the "
            f"others are kept as history, so the type cannot lose {count} rooms.")
    for unit in spare:
        await uow.session.delete(unit)
    await uow.session.flush()
    uow.changed(ChangeKind.UNITS, *(unit.id for unit in spare))


def housekeeping_status(status: Any) -> Housekeeping:
    try:
        return Housekeeping(status)
    except (ValueError, TypeError):
        raise ValidationError("status", f"'{shown(status)}' is not a housekeeping status "
                                        "(clean, dirty or inspected).") from None


class Rooms:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- the rooms themselves -----------------------------------------------------------------

    async def list_units(self, hotel_id: int) -> list[dto.Unit]:
        """The hotel's physical rooms, by room type and number."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        async with self.db.read() as uow:
            units = await uow.units.rows(hotel_id=hotel_id)
            if not units:  # a hotel with no rooms yet, or no such hotel
                await uow.require(hotel_id=hotel_id)
        return units

    async def add_unit(self, room_id: int, number: str, floor: int | None,
                       notes: str) -> dto.Unit:
        """A new physical room of a room type; the type's quantity grows by one."""
        rules.ident("room_id", "Room type", room_id)
        values = UnitPatch.parse({"number": number, "floor": floor, "notes": notes}).values()
        async with self.db.write() as uow:
            room = await uow.room_type(room_id)
            await self._refuse_duplicate_number(uow, room.hotel_id, values["number"])
            unit = await uow.units.add({"hotel_id": room.hotel_id, "room_id": room.id,
                                        **values})
            room.quantity += 1
            await uow.session.flush()
            uow.changed(ChangeKind.UNITS, unit.id)
            uow.changed(ChangeKind.ROOM_TYPES, room.id)
            return await uow.unit_record(unit.id)

    async def update_unit(self, unit_id: int, changes: Mapping[str, Any]) -> dto.Unit:
        rules.ident("unit_id", "Room", unit_id)
        values = UnitPatch.parse(changes).values()
        async with self.db.write() as uow:
            unit = await uow.unit(unit_id)
            if "number" in values and values["number"] != unit.number:
                await self._refuse_duplicate_number(uow, unit.hotel_id, values["number"])
            await uow.units.update(unit, values)
            uow.changed(ChangeKind.UNITS, unit_id)
            return await uow.unit_record(unit_id)

    async def delete_unit(self, unit_id: int) -> None:
        """Only a room no stay was ever assigned to; the type's quantity shrinks by one."""
        rules.ident("unit_id", "Room", unit_id)
        async with self.db.write() as uow:
            unit = await uow.unit(unit_id)
            room = await uow.room_type(unit.room_id)
            await uow.lock_room_types(room.id)
            if room.quantity <= 1:
                raise StillInUse(f"Room {unit.number} is the last '{room.name}' room; delete "
                                 "the room type instead.")
            if unit not in await uow.units.unused(room.id, room.quantity):
                raise StillInUse(f"Room {unit.number} has stays assigned to it (kept as "
                                 "history), so it cannot be deleted.")
            await uow.units.delete(unit)  # its out-of-order periods go with it
            room.quantity -= 1
            await uow.session.flush()
            await availability.refuse_overbooked(uow, room, self.db.today())
            uow.changed(ChangeKind.UNITS, unit_id)
            uow.changed(ChangeKind.ROOM_TYPES, room.id)

    async def set_room_status(self, unit_id: int, status: Housekeeping | str) -> dto.Unit:
        """Clean, dirty or inspected."""
        rules.ident("unit_id", "Room", unit_id)
        (unit,) = await self._mark([unit_id], housekeeping_status(status))
        return unit

    async def set_rooms_status(self, unit_ids: Sequence[int],
                               status: Housekeeping | str) -> list[dto.Unit]:
        """Mark each of the rooms clean, dirty or inspected, all in one transaction (none when
        one of them is not there)."""
        if isinstance(unit_ids, (str, bytes)) or not isinstance(unit_ids, Sequence):
            raise ValidationError("unit_ids", "Rooms must be a list of room ids.")
        if not 1 <= len(unit_ids) <= MAX_MARKED:
            raise ValidationError("unit_ids", f"Mark from 1 to {MAX_MARKED:,} rooms at a time.")
        wanted = list(dict.fromkeys(rules.ident("unit_ids", "Room", i) for i in unit_ids))
        return await self._mark(wanted, housekeeping_status(status))

    async def _mark(self, unit_ids: list[int], status: Housekeeping) -> list[dto.Unit]:
        """One UPDATE for all the rooms: the write lock is held for three statements, not
        three a room (300 rooms one by one held it 0.34 s)."""
        async with self.db.write() as uow:
            missing = await uow.units.missing(unit_ids)
            if missing:
                raise NotFound("Room", missing[0])
            await uow.units.set_status(unit_ids, status)
            uow.changed(ChangeKind.UNITS, *unit_ids)
            marked = {unit.id: unit for unit in await uow.units.rows(unit_ids=unit_ids)}
            return [marked[unit_id] for unit_id in unit_ids]

    @staticmethod
    async def _refuse_duplicate_number(uow: UnitOfWork, hotel_id: int, number: str) -> None:
        if await uow.units.count(hotel_id=hotel_id, number=number):
            raise ValidationError("number", f"This hotel already has a room {number}.")

    # -- assignment and moves -----------------------------------------------------------------

    async def assign_room(self, booking_id: int, unit_id: int) -> dto.Booking:
        """Put a stay in one physical room of its own room type."""
        rules.ident("booking_id", "Booking", booking_id)
        rules.ident("unit_id", "Room", unit_id)
        async with self.db.write() as uow:
            booking = await uow.booking(booking_id)
            unit = await uow.unit(unit_id)
            availability.refuse_other_type(unit, await uow.room_type(booking.room_id),
                                           "move the stay to change its type")
            quote = await plan_move(uow, booking, self.db.today(), unit_id=unit_id)
            return await apply_move(uow, booking, quote)

    async def unassign_room(self, booking_id: int) -> dto.Booking:
        """Back to sold by type only (not for a guest who is checked in)."""
        rules.ident("booking_id", "Booking", booking_id)
        async with self.db.write() as uow:
            booking = await uow.booking(booking_id)
            stays.require(Action.UNASSIGN, booking.status, booking.date_from, booking.date_to,
                          self.db.today(), booking=f"Booking {booking_id}")
            booking.unit_id = None
            await uow.session.flush()
            uow.changed(ChangeKind.BOOKINGS, booking_id)
            return await uow.booking_record(booking_id)

    async def quote_move(self, booking_id: int, *, room_id: int | None = None,
                         unit_id: int | None = None, date_from: date | None = None,
                         date_to: date | None = None) -> dto.MoveQuote:
        """What `move_stay` with the same arguments would do, and the price difference; a
        move that is not possible has `problem` set (dates that are not dates too, as
        move_stay says it). A preview: move_stay checks again. A malformed id is refused."""
        self._move_ids(booking_id, room_id, unit_id)
        async with self.db.snapshot() as uow:
            booking = await uow.booking(booking_id)
            try:
                quote = await plan_move(uow, booking, self.db.today(), room_id=room_id,
                                        unit_id=unit_id, date_from=date_from, date_to=date_to)
                self._refuse_no_change(booking, quote)
                return quote
            except NotFound:
                raise
            except FrontDeskError as exc:
                start, end = date_from or booking.date_from, date_to or booking.date_to
                dates = isinstance(start, date) and isinstance(end, date)
                nights = max(stays.nights(start, end), 0) if dates else 0
                return dto.MoveQuote(
                    booking_id=booking.id, room_id=room_id or booking.room_id, room_name="",
                    unit_id=unit_id, unit_number=None, date_from=start, date_to=end,
                    price=booking.price,
                    old_total=stays.nights(booking.date_from, booking.date_to) * booking.price,
                    new_total=nights * booking.price, problem=str(exc))

    async def move_stay(self, booking_id: int, *, room_id: int | None = None,
                        unit_id: int | None = None, date_from: date | None = None,
                        date_to: date | None = None) -> dto.Booking:
        """Move a stay to another physical room or room type and/or other dates, checking
        the type's rooms left and the room's nights in one write transaction. A new room type
        sells at its own price; within the type the price stays. A move that would change
        nothing is refused."""
        self._move_ids(booking_id, room_id, unit_id)
        rules.optional_day("date_from", "Arrival", date_from)
        rules.optional_day("date_to", "Departure", date_to)
        async with self.db.write() as uow:
            booking = await uow.booking(booking_id)
            quote = await plan_move(uow, booking, self.db.today(), room_id=room_id,
                                    unit_id=unit_id, date_from=date_from, date_to=date_to)
            self._refuse_no_change(booking, quote)
            return await apply_move(uow, booking, quote)

    @staticmethod
    def _move_ids(booking_id: Any, room_id: Any, unit_id: Any) -> None:
        rules.ident("booking_id", "Booking", booking_id)
        rules.optional_ident("room_id", "Room type", room_id)
        rules.optional_ident("unit_id", "Room", unit_id)

    @staticmethod
    def _refuse_no_change(booking: models.Booking, quote: dto.MoveQuote) -> None:
        if (quote.room_id, quote.unit_id, quote.date_from, quote.date_to) == (
                booking.room_id, booking.unit_id, booking.date_from, booking.date_to):
            raise ValidationError("room_id", f"This move leaves booking {booking.id} where it "
                                             "is: choose another room, room type or dates.")

    async def rooms_for_check_in(self, booking_id: int) -> dto.CheckInRooms:
        """The rooms the stay can be checked in to (vacant, free on its nights, in service),
        inspected first, then clean, then dirty, and why check_in without a choice would be
        refused, if it would. A preview: check_in checks again."""
        rules.ident("booking_id", "Booking", booking_id)
        today = self.db.today()
        async with self.db.snapshot() as uow:
            booking = await uow.booking(booking_id)
            free = await uow.units.free(booking.room_id, booking.date_from, booking.date_to,
                                        booking.id)
            by_id = {row.id: row for row in await uow.units.rows(room_id=booking.room_id)}
            problem = stays.why_not(Action.CHECK_IN, booking.status, booking.date_from,
                                    booking.date_to, today, booking=f"Booking {booking.id}")
            if problem is None:
                try:
                    await room_for_check_in(uow, booking, None, today)
                except FrontDeskError as exc:
                    problem = str(exc)
        return dto.CheckInRooms(booking_id=booking.id,
                                rooms=[by_id[unit.id] for unit in free],
                                booked_unit_id=booking.unit_id, problem=problem)

    # -- out of order -------------------------------------------------------------------------

    async def take_out_of_order(self, unit_id: int, date_from: date, date_to: date,
                                reason: str = "") -> dto.Block:
        """The room sells no night of [date_from, date_to); its type has one room fewer."""
        rules.ident("unit_id", "Room", unit_id)
        start, end = rules.stay(date_from, date_to, first="Start", last="End",
                                what="An out-of-order period")
        reason = rules.text("reason", "Reason", reason, REASON_MAX, required=False)
        async with self.db.write() as uow:
            unit = await uow.unit(unit_id)
            room = await uow.room_type(unit.room_id)
            await uow.lock_room_types(room.id)
            night = await availability.first_taken_night(uow, unit, start, end)
            if night is not None:
                raise RoomTaken(unit.number, night)
            await availability.require_rooms(uow, room, start, end)
            block = await uow.blocks.add({"unit_id": unit.id, "date_from": start,
                                          "date_to": end, "reason": reason})
            uow.changed(ChangeKind.BLOCKS, block.id)
            return dto.Block(id=block.id, unit_id=unit.id, date_from=start, date_to=end,
                             reason=reason)

    async def return_to_service(self, block_id: int) -> None:
        """End an out-of-order period (dto.Unit.out_of_order_id, dto.Block.id)."""
        rules.ident("block_id", "Out-of-order period", block_id)
        async with self.db.write() as uow:
            await uow.blocks.delete(await uow.block(block_id))
            uow.changed(ChangeKind.BLOCKS, block_id)

    # -- housekeeping -------------------------------------------------------------------------

    async def housekeeping(self, hotel_id: int, day: date | None = None) -> list[dto.Unit]:
        """Every physical room with its status, what is out of order and who sleeps there."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        today = self.db.today()
        day = today if day is None else rules.day("day", "Day", day)
        async with self.db.snapshot() as uow:
            await uow.hotel(hotel_id)
            units = await uow.units.rows(hotel_id=hotel_id)
            blocked = await uow.units.out_of_order_on(hotel_id, day)
            guests = await uow.units.occupants_on(hotel_id, day, today)
        return [of_the_day(unit, blocked.get(unit.id), guests.get(unit.id)) for unit in units]

    async def housekeeping_csv(self, hotel_id: int, day: date | None = None) -> str:
        """The housekeeping list as CSV text, for printing or a spreadsheet."""
        return csv_text(
            ["Room", "Room type", "Floor", "Status", "Out of order", "Guest"],
            ([unit.number, unit.room_name, unit.floor,
              "Out of order" if unit.out_of_order is not None else unit.status.label,
              unit.out_of_order, unit.occupant]
             for unit in await self.housekeeping(hotel_id, day)))
