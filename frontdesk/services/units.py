"""Physical rooms: numbering, assignment, moves, out-of-order ranges, housekeeping, the grid.

A mixin of FrontDesk: it uses the desk's sessions (`_read`, `_write`), clock and helpers.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from frontdesk import dto
from frontdesk.dao import BookingDAO, RoomDAO
from frontdesk.dao.bookings import BookingFilter
from frontdesk.dao.units import BlockDAO, UnitDAO
from frontdesk.db import models
from frontdesk.domain import stays
from frontdesk.domain.occupancy import ACTIVE_STATUSES
from frontdesk.domain.stays import Action
from frontdesk.dto import Housekeeping, Status
from frontdesk.errors import (
    FrontDeskError,
    NotFound,
    RoomOccupied,
    RoomTaken,
    StatusNotAllowed,
    StillInUse,
    ValidationError,
)
from frontdesk.exports import csv_text
from frontdesk.limits import REASON_MAX
from frontdesk.services import records, rules
from frontdesk.words import shown

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

MAX_GRID_DAYS = 93


class PhysicalRooms:
    """The physical-room use cases of FrontDesk."""

    if TYPE_CHECKING:  # provided by FrontDesk
        from collections.abc import Callable
        from contextlib import AbstractAsyncContextManager

        today: Callable[[], date]

        def _read(self) -> AbstractAsyncContextManager[AsyncSession]: ...
        def _snapshot(self) -> AbstractAsyncContextManager[AsyncSession]: ...
        def _write(self) -> AbstractAsyncContextManager[AsyncSession]: ...
        async def _booking_for_change(self, s: AsyncSession, booking_id: int
                                      ) -> models.Booking: ...
        async def _booking_row(self, s: AsyncSession, booking_id: int) -> dto.Booking: ...
        async def _require_room(self, s: AsyncSession, room: models.Room, start: date,
                                end: date, ignore_booking: int | None = None) -> None: ...
        async def _refuse_too_few_rooms(self, s: AsyncSession, room: models.Room) -> None: ...
        @staticmethod
        async def _find_hotel(s: AsyncSession, hotel_id: int) -> models.Hotel: ...

    # -- the rooms themselves -----------------------------------------------------------------

    async def list_units(self, hotel_id: int) -> list[dto.Unit]:
        """The hotel's physical rooms, by room type and number."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        async with self._read() as s:
            rows = await UnitDAO(s).rows(hotel_id=hotel_id)
            if not rows:  # a hotel with no rooms yet, or no such hotel
                await self._find_hotel(s, hotel_id)
            return [records.unit(row) for row in rows]

    async def add_unit(self, room_id: int, number: str, floor: int | None = None,
                       notes: str = "") -> dto.Unit:
        """A new physical room of a room type; the type's quantity grows by one."""
        rules.ident("room_id", "Room type", room_id)
        values = self._unit_values(number=number, floor=floor, notes=notes)
        async with self._write() as s:
            room = await self._room_type(s, room_id)
            await self._refuse_duplicate_number(s, room.hotel_id, values["number"])
            unit = await UnitDAO(s).add(hotel_id=room.hotel_id, room_id=room.id, **values)
            room.quantity += 1
            await s.flush()
            return await self._unit(s, unit.id)

    async def update_unit(self, unit_id: int, **changes: Any) -> dto.Unit:
        rules.ident("unit_id", "Room", unit_id)
        rules.changes(changes, {"number", "floor", "notes"}, "room")
        values = self._unit_values(**changes)
        async with self._write() as s:
            unit = await self._find_unit(s, unit_id)
            if "number" in values and values["number"] != unit.number:
                await self._refuse_duplicate_number(s, unit.hotel_id, values["number"])
            await UnitDAO(s).update(unit_id, **values)
            return await self._unit(s, unit_id)

    async def delete_unit(self, unit_id: int) -> None:
        """Only a room no stay was ever assigned to; the type's quantity shrinks by one."""
        rules.ident("unit_id", "Room", unit_id)
        async with self._write() as s:
            unit = await self._find_unit(s, unit_id)
            room = await self._room_type(s, unit.room_id)
            if room.quantity <= 1:
                raise StillInUse(f"Room {unit.number} is the last '{room.name}' room; delete "
                                 "the room type instead.")
            if unit not in await UnitDAO(s).unused(room.id, room.quantity):
                raise StillInUse(f"Room {unit.number} has stays assigned to it (kept as "
                                 "history), so it cannot be deleted.")
            await UnitDAO(s).delete(unit_id)  # its out-of-order periods go with it
            room.quantity -= 1
            await s.flush()
            await self._refuse_too_few_rooms(s, room)

    async def set_room_status(self, unit_id: int, status: Housekeeping | str) -> dto.Unit:
        """Clean, dirty or inspected."""
        rules.ident("unit_id", "Room", unit_id)
        try:
            value = Housekeeping(status)
        except (ValueError, TypeError):
            raise ValidationError("status", f"'{shown(status)}' is not a housekeeping status "
                                            "(clean, dirty or inspected).") from None
        async with self._write() as s:
            await self._find_unit(s, unit_id)
            await UnitDAO(s).update(unit_id, status=value.value)
            return await self._unit(s, unit_id)

    @staticmethod
    def _unit_values(**given: Any) -> dict[str, Any]:
        checks = {
            "number": lambda v: rules.text("number", "Room number", v, 10),
            "floor": lambda v: None if v is None else rules.whole("floor", "Floor", v,
                                                                  minimum=-5, maximum=200),
            "notes": lambda v: rules.text("notes", "Notes", v, 2000, required=False,
                                          multiline=True),
        }
        return {key: checks[key](value) for key, value in given.items()}

    @staticmethod
    async def _refuse_duplicate_number(s: AsyncSession, hotel_id: int, number: str) -> None:
        if await UnitDAO(s).count(hotel_id=hotel_id, number=number):
            raise ValidationError("number", f"This hotel already has a room {number}.")

    @staticmethod
    async def _find_unit(s: AsyncSession, unit_id: int) -> models.RoomUnit:
        unit = await UnitDAO(s).find_by_id(unit_id)
        if unit is None:
            raise NotFound("Room", unit_id)
        return unit

    @staticmethod
    async def _room_type(s: AsyncSession, room_id: int) -> models.Room:
        room = await RoomDAO(s).find_by_id(room_id)
        if room is None:
            raise NotFound("Room type", room_id)
        return room

    @staticmethod
    async def _unit(s: AsyncSession, unit_id: int) -> dto.Unit:
        (row,) = await UnitDAO(s).rows(unit_id=unit_id)
        return records.unit(row)

    @staticmethod
    async def _add_units(s: AsyncSession, room: models.Room, count: int) -> None:
        units = UnitDAO(s)
        for number, floor in await units.next_numbers(room.hotel_id, count):
            await units.add(hotel_id=room.hotel_id, room_id=room.id, number=number, floor=floor)

    async def _remove_units(self, s: AsyncSession, room: models.Room, count: int) -> None:
        spare = await UnitDAO(s).unused(room.id, count)
        if len(spare) < count:
            raise StillInUse(
                f"Only {len(spare)} '{room.name}' rooms have never had a stay assigned; the "
                f"others are kept as history, so the type cannot lose {count} rooms.")
        for unit in spare:
            await s.delete(unit)
        await s.flush()

    # -- assignment and moves -----------------------------------------------------------------

    async def assign_room(self, booking_id: int, unit_id: int) -> dto.Booking:
        """Put a stay in one physical room of its own room type."""
        rules.ident("booking_id", "Booking", booking_id)
        rules.ident("unit_id", "Room", unit_id)
        async with self._write() as s:
            booking = await self._booking_for_change(s, booking_id)
            unit = await self._find_unit(s, unit_id)
            if unit.room_id != booking.room_id:
                room = await self._room_type(s, booking.room_id)
                raise ValidationError("unit_id", f"Room {unit.number} is not a '{room.name}' "
                                                 "room; move the stay to change its type.")
            quote = await self._plan_move(s, booking, unit_id=unit_id)
            return await self._apply_move(s, booking, quote)

    async def unassign_room(self, booking_id: int) -> dto.Booking:
        """Back to sold by type only (not for a guest who is checked in)."""
        rules.ident("booking_id", "Booking", booking_id)
        async with self._write() as s:
            booking = await self._booking_for_change(s, booking_id)
            if booking.status != Status.CONFIRMED:
                raise StatusNotAllowed(f"Booking {booking_id} is "
                                       f"{Status(booking.status).phrase}; only a confirmed stay "
                                       "can give its room back.")
            booking.unit_id = None
            await s.flush()
            return await self._booking_row(s, booking_id)

    async def quote_move(self, booking_id: int, *, room_id: int | None = None,
                         unit_id: int | None = None, date_from: date | None = None,
                         date_to: date | None = None) -> dto.MoveQuote:
        """What `move_stay` with the same arguments would do, and the price difference; a
        move that is not possible has `problem` set (dates that are not dates too, as
        move_stay says it). A preview: move_stay checks again. A malformed id is refused."""
        self._move_ids(booking_id, room_id, unit_id)
        async with self._snapshot() as s:
            booking = await self._booking_for_change(s, booking_id)
            try:
                quote = await self._plan_move(s, booking, room_id=room_id, unit_id=unit_id,
                                              date_from=date_from, date_to=date_to)
                self._refuse_no_change(booking, quote)
                return quote
            except NotFound:
                raise
            except FrontDeskError as exc:
                start, end = date_from or booking.date_from, date_to or booking.date_to
                dates = isinstance(start, date) and isinstance(end, date)
                nights = max((end - start).days, 0) if dates else 0
                return dto.MoveQuote(booking.id, room_id or booking.room_id, "", unit_id, None,
                                     start, end, booking.price, booking.total,
                                     nights * booking.price, str(exc))

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
        async with self._write() as s:
            booking = await self._booking_for_change(s, booking_id)
            quote = await self._plan_move(s, booking, room_id=room_id, unit_id=unit_id,
                                          date_from=date_from, date_to=date_to)
            self._refuse_no_change(booking, quote)
            return await self._apply_move(s, booking, quote)

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

    async def _plan_move(self, s: AsyncSession, booking: models.Booking, *,
                         room_id: int | None = None, unit_id: int | None = None,
                         date_from: date | None = None, date_to: date | None = None,
                         dates_given: bool = False) -> dto.MoveQuote:
        """Everything a move (or a change of dates) must respect, checked in the caller's
        transaction; raises the first rule it breaks, else returns what the move does."""
        if dates_given:
            start, end = rules.stay(date_from, date_to)
        else:
            start, end = rules.stay(date_from or booking.date_from, date_to or booking.date_to)
        status = Status(booking.status)
        problem = stays.why_not(Action.CHANGE_DATES, status, booking.date_from,
                                booking.date_to, self.today(), booking=f"Booking {booking.id}")
        if problem is not None:
            raise StatusNotAllowed(problem)
        if status is Status.CHECKED_IN and start != booking.date_from:
            raise StatusNotAllowed(f"Booking {booking.id} is checked in: its arrival cannot "
                                   "change, only its room and departure.")
        if status is Status.CHECKED_IN and end <= self.today():
            raise ValidationError("date_to", "Departure of a checked-in stay must be after "
                                             "today; use check-out to end it today.")
        if start != booking.date_from and start < self.today():
            raise ValidationError("date_from", "Arrival cannot be moved into the past.")
        units = UnitDAO(s)
        unit = await self._find_unit(s, unit_id) if unit_id is not None else None
        if unit is not None and room_id is not None and unit.room_id != room_id:
            raise ValidationError("unit_id", f"Room {unit.number} is not of the chosen type.")
        current = await self._room_type(s, booking.room_id)
        target = await self._room_type(s, unit.room_id if unit else room_id or booking.room_id)
        if target.hotel_id != current.hotel_id:
            raise ValidationError("room_id", "A stay can only move within its hotel; cancel it "
                                             "and book the other hotel.")
        await self._require_room(s, target, start, end, ignore_booking=booking.id)
        if unit is None and booking.unit_id is not None and target.id == booking.room_id:
            kept = await self._find_unit(s, booking.unit_id)
            night = await units.first_taken_night(kept.id, start, end, booking.id)
            if night is None:
                unit = kept  # the stay keeps its room while that room is free
            elif status is Status.CHECKED_IN:
                raise RoomTaken(kept.number, night)  # never re-room a guest in house unasked
        if unit is None and status is Status.CHECKED_IN:
            unit = await self._free_unit(s, target, start, end, booking.id)
        if unit is not None:
            if status is Status.CHECKED_IN and unit.id != booking.unit_id:
                await self._refuse_occupied(s, unit, booking.id)
            night = await units.first_taken_night(unit.id, start, end, booking.id)
            if night is not None:
                raise RoomTaken(unit.number, night)
        price = booking.price if target.id == booking.room_id else target.price
        nights = (end - start).days
        return dto.MoveQuote(booking.id, target.id, target.name, unit.id if unit else None,
                             unit.number if unit else None, start, end, price, booking.total,
                             nights * price, None)

    async def _apply_move(self, s: AsyncSession, booking: models.Booking,
                          quote: dto.MoveQuote) -> dto.Booking:
        booking.room_id, booking.unit_id = quote.room_id, quote.unit_id
        booking.date_from, booking.date_to, booking.price = (quote.date_from, quote.date_to,
                                                             quote.price)
        await s.flush()
        return await self._booking_row(s, booking.id)

    async def rooms_for_check_in(self, booking_id: int) -> dto.CheckInRooms:
        """The rooms the stay can be checked in to (vacant, free on its nights, in service),
        inspected first, then clean, then dirty, and why check_in without a choice would be
        refused, if it would. A preview: check_in checks again."""
        rules.ident("booking_id", "Booking", booking_id)
        async with self._snapshot() as s:
            booking = await self._booking_for_change(s, booking_id)
            free = await UnitDAO(s).free(booking.room_id, booking.date_from, booking.date_to,
                                         booking.id)
            by_id = {row.id: row for row in await UnitDAO(s).rows(room_id=booking.room_id)}
            rows = [by_id[unit.id] for unit in free]
            problem = stays.why_not(Action.CHECK_IN, booking.status, booking.date_from,
                                    booking.date_to, self.today(),
                                    booking=f"Booking {booking.id}")
            if problem is None:
                try:
                    await self._room_for_check_in(s, booking, None)
                except FrontDeskError as exc:
                    problem = str(exc)
        return dto.CheckInRooms(booking.id, [records.unit(r) for r in rows], booking.unit_id,
                                problem)

    async def _room_for_check_in(self, s: AsyncSession, booking: models.Booking,
                                 unit_id: int | None) -> models.RoomUnit:
        """The chosen room, else the room the stay was given, else the readiest vacant one;
        refused if a guest is still checked in there or its nights are taken."""
        room = await self._room_type(s, booking.room_id)
        if unit_id is not None:
            unit = await self._find_unit(s, unit_id)
            if unit.room_id != room.id:
                raise ValidationError("unit_id", f"Room {unit.number} is not a '{room.name}' "
                                                 "room; move the stay to change its type.")
        elif booking.unit_id is not None:
            unit = await self._find_unit(s, booking.unit_id)
        else:
            return await self._free_unit(s, room, booking.date_from, booking.date_to,
                                         booking.id)
        await self._refuse_occupied(s, unit, booking.id)
        night = await UnitDAO(s).first_taken_night(unit.id, booking.date_from, booking.date_to,
                                                   booking.id)
        if night is not None:
            raise RoomTaken(unit.number, night)
        return unit

    async def _refuse_occupied(self, s: AsyncSession, unit: models.RoomUnit,
                               booking_id: int) -> None:
        """A room is vacant only when no other guest is checked in to it, whatever the nights
        say (a guest who has not checked out is still in it)."""
        for _id, number, guest, due in await UnitDAO(s).occupants(unit_id=unit.id,
                                                                  ignore_booking=booking_id):
            raise RoomOccupied(number, guest, due, self.today())

    async def _free_unit(self, s: AsyncSession, room: models.Room, start: date, end: date,
                         booking_id: int) -> models.RoomUnit:
        """A vacant room of the type free on every night, the readiest first (inspected,
        clean); the refusal names the guests still checked in whose rooms it would use."""
        free = await UnitDAO(s).free(room.id, start, end, booking_id)
        if free:
            return free[0]
        lingering = [f"room {number} ({guest}, {RoomOccupied.due_out(due, self.today())})"
                     for _id, number, guest, due in await UnitDAO(s).occupants(
                         room_id=room.id, ignore_booking=booking_id) if due <= start]
        if lingering:
            raise StatusNotAllowed(
                f"No '{room.name}' room is vacant for booking {booking_id}: guests have not "
                f"checked out of {', '.join(lingering)}. Check them out first, or move a stay "
                "in the room grid.")
        raise StatusNotAllowed(
            f"No single '{room.name}' room is free for all the nights of booking "
            f"{booking_id}. Move another stay in the room grid first.")

    @staticmethod
    async def _mark_dirty(s: AsyncSession, booking: models.Booking) -> None:
        if booking.unit_id is not None:
            await UnitDAO(s).update(booking.unit_id, status=Housekeeping.DIRTY.value)

    # -- out of order -------------------------------------------------------------------------

    async def take_out_of_order(self, unit_id: int, date_from: date, date_to: date,
                                reason: str = "") -> dto.Block:
        """The room sells no night of [date_from, date_to); its type has one room fewer."""
        rules.ident("unit_id", "Room", unit_id)
        start, end = rules.stay(date_from, date_to, first="Start", last="End",
                                what="An out-of-order period")
        reason = rules.text("reason", "Reason", reason, REASON_MAX, required=False)
        async with self._write() as s:
            unit = await self._find_unit(s, unit_id)
            night = await UnitDAO(s).first_taken_night(unit.id, start, end)
            if night is not None:
                raise RoomTaken(unit.number, night)
            room = await self._room_type(s, unit.room_id)
            await self._require_room(s, room, start, end)
            block = await BlockDAO(s).add(unit_id=unit.id, date_from=start, date_to=end,
                                          reason=reason)
            return dto.Block(block.id, unit.id, start, end, reason)

    async def return_to_service(self, block_id: int) -> None:
        rules.ident("block_id", "Out-of-order period", block_id)
        async with self._write() as s:
            if not await BlockDAO(s).delete(block_id):
                raise NotFound("Out-of-order period", block_id)

    # -- housekeeping and the grid ------------------------------------------------------------

    async def housekeeping(self, hotel_id: int, day: date | None = None) -> list[dto.Unit]:
        """Every physical room with its status, what is out of order and who sleeps there."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        day = self.today() if day is None else rules.day("day", "Day", day)
        async with self._snapshot() as s:
            await self._find_hotel(s, hotel_id)
            units = UnitDAO(s)
            rows = await units.rows(hotel_id=hotel_id)
            blocked = await units.out_of_order_on(hotel_id, day)
            guests = await units.occupants_on(hotel_id, day, self.today())
        return [records.unit(row, blocked.get(row.id), guests.get(row.id)) for row in rows]

    async def housekeeping_csv(self, hotel_id: int, day: date | None = None) -> str:
        """The housekeeping list as CSV text, for printing or a spreadsheet."""
        return csv_text(
            ["Room", "Room type", "Floor", "Status", "Out of order", "Guest"],
            ([unit.number, unit.room_name, unit.floor,
              "Out of order" if unit.out_of_order is not None else unit.status.label,
              unit.out_of_order, unit.occupant]
             for unit in await self.housekeeping(hotel_id, day)))

    async def room_grid(self, hotel_id: int, date_from: date, date_to: date) -> dto.Grid:
        """Rows (room types and their rooms) and bars (stays, out-of-order ranges) of the
        nights [date_from, date_to), at most three months at a time."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        start = rules.day("date_from", "From", date_from)
        end = rules.day("date_to", "To", date_to)
        if not start < end <= start + timedelta(days=MAX_GRID_DAYS):
            raise ValidationError("date_to", f"The grid shows 1 to {MAX_GRID_DAYS} days.")
        async with self._snapshot() as s:
            await self._find_hotel(s, hotel_id)
            types = await RoomDAO(s).for_hotel(hotel_id)
            units = await UnitDAO(s).rows(hotel_id=hotel_id)
            where = BookingFilter(hotel_id=hotel_id, statuses=ACTIVE_STATUSES, date_from=start,
                                  date_to=end)
            stays = await BookingDAO(s).page(where, sort="date_from", limit=None)
            blocks = await BlockDAO(s).in_range(hotel_id, start, end)
        return dto.Grid(hotel_id, start, end, [records.room(r) for r in types],
                        [records.unit(u) for u in units], [records.booking(b) for b in stays],
                        [dto.Block(*b) for b in blocks])
