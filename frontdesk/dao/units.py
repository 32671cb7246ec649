"""Physical rooms: which are free for a stay, out-of-order ranges, numbering."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row, case, exists, func, select, update

from frontdesk import dto
from frontdesk.dao.base import BaseDAO, Query, Records
from frontdesk.db.models import Booking, Guest, Room, RoomBlock, RoomUnit
from frontdesk.domain.numbering import next_numbers
from frontdesk.domain.occupancy import ACTIVE_STATUSES, overlaps
from frontdesk.domain.stays import IN_HOUSE
from frontdesk.dto import Housekeeping

# A physical room as the lists show it, each column labelled with its frontdesk.dto.Unit field.
UNIT_COLUMNS = {"id": RoomUnit.id, "hotel_id": RoomUnit.hotel_id, "room_id": RoomUnit.room_id,
                "room_name": Room.name, "number": RoomUnit.number, "floor": RoomUnit.floor,
                "notes": RoomUnit.notes, "status": RoomUnit.status}
HOUSEKEEPING = {h.value: h for h in Housekeeping}


#: Rows of UNIT_COLUMNS as the records the lists get.
unit_records = Records(dto.Unit, status=HOUSEKEEPING.__getitem__)
block_records = Records(dto.Block)


def of_the_day(unit: dto.Unit, out_of_order: dto.Block | None,
               occupant: str | None) -> dto.Unit:
    """The room as the list of a day shows it: its out-of-order period and its guest."""
    if out_of_order is None and occupant is None:
        return unit
    if out_of_order is None:
        return replace(unit, occupant=occupant)
    return replace(unit, out_of_order=out_of_order.reason, out_of_order_id=out_of_order.id,
                   out_of_order_until=out_of_order.date_to, occupant=occupant)


BLOCK_COLUMNS = (RoomBlock.id.label("id"), RoomBlock.unit_id.label("unit_id"),
                 RoomBlock.date_from.label("date_from"), RoomBlock.date_to.label("date_to"),
                 RoomBlock.reason.label("reason"))
# Room numbers in human order: "99" before "101", then as text.
NUMBER_ORDER = (func.length(RoomUnit.number), RoomUnit.number)


def _stay_on(unit_id: Any, date_from: date, date_to: date, ignore_booking: int | None) -> Query:
    query = select(Booking.id).where(
        Booking.unit_id == unit_id, Booking.status.in_(ACTIVE_STATUSES),
        overlaps(Booking.date_from, Booking.date_to, date_from, date_to))
    return query if ignore_booking is None else query.where(Booking.id != ignore_booking)


def _guest_in(unit_id: Any, ignore_booking: int | None) -> Query:
    """A guest checked in to the unit, whatever the nights say (an overdue guest is still
    there): a room is vacant only without one."""
    query = select(Booking.id).where(Booking.unit_id == unit_id, Booking.status.in_(IN_HOUSE))
    return query if ignore_booking is None else query.where(Booking.id != ignore_booking)


def _block_on(unit_id: Any, date_from: date, date_to: date) -> Query:
    return select(RoomBlock.id).where(
        RoomBlock.unit_id == unit_id,
        overlaps(RoomBlock.date_from, RoomBlock.date_to, date_from, date_to))


class UnitDAO(BaseDAO[RoomUnit]):
    model = RoomUnit

    async def rows(self, *, hotel_id: int | None = None, room_id: int | None = None,
                   unit_id: int | None = None,
                   unit_ids: Sequence[int] | None = None) -> list[dto.Unit]:
        """Units with their room type's name (UNIT_COLUMNS), by room type, then room number."""
        query = (select(*(column.label(name) for name, column in UNIT_COLUMNS.items()))
                 .join(Room, Room.id == RoomUnit.room_id))
        if hotel_id is not None:
            query = query.where(RoomUnit.hotel_id == hotel_id)
        if room_id is not None:
            query = query.where(RoomUnit.room_id == room_id)
        if unit_id is not None:
            query = query.where(RoomUnit.id == unit_id)
        if unit_ids is not None:
            query = query.where(RoomUnit.id.in_(unit_ids))
        query = query.order_by(Room.name, Room.id, *NUMBER_ORDER)
        return unit_records(await self.select_rows(query))

    async def record(self, unit_id: int) -> dto.Unit | None:
        units = await self.rows(unit_id=unit_id)
        return units[0] if units else None

    async def missing(self, unit_ids: Sequence[int]) -> list[int]:
        """Those of `unit_ids` that are no room, in the order given."""
        found = set(await self.session.scalars(
            select(RoomUnit.id).where(RoomUnit.id.in_(unit_ids))))
        return [unit_id for unit_id in unit_ids if unit_id not in found]

    async def set_status(self, unit_ids: Sequence[int], status: Housekeeping) -> None:
        await self.session.execute(
            update(RoomUnit).where(RoomUnit.id.in_(unit_ids)).values(status=status.value)
            .execution_options(synchronize_session=False))

    async def free(self, room_id: int, date_from: date, date_to: date,
                   ignore_booking: int | None = None) -> Sequence[RoomUnit]:
        """Vacant units of a type (no guest checked in) with no stay and no out-of-order range
        on any night of the range: inspected rooms first, then clean, then dirty; by number."""
        ready = case({Housekeeping.INSPECTED.value: 0, Housekeeping.CLEAN.value: 1},
                     value=RoomUnit.status, else_=2)
        query = (select(RoomUnit)
                 .where(RoomUnit.room_id == room_id,
                        ~exists(_guest_in(RoomUnit.id, ignore_booking)),
                        ~exists(_stay_on(RoomUnit.id, date_from, date_to, ignore_booking)),
                        ~exists(_block_on(RoomUnit.id, date_from, date_to)))
                 .order_by(ready, *NUMBER_ORDER))
        return (await self.session.scalars(query)).all()

    async def occupants(self, *, room_id: int | None = None, unit_id: int | None = None,
                        ignore_booking: int | None = None) -> Sequence[Row[Any]]:
        """(unit_id, number, guest, due) of the guests checked in to the units of a type, or
        to one unit, whatever their nights (due: the departure); by room number."""
        query = (select(RoomUnit.id.label("unit_id"), RoomUnit.number.label("number"),
                        Guest.full_name.label("guest"), Booking.date_to.label("due"))
                 .join(Booking, Booking.unit_id == RoomUnit.id)
                 .join(Guest, Guest.id == Booking.guest_id)
                 .where(Booking.status.in_(IN_HOUSE))
                 .order_by(*NUMBER_ORDER, Booking.id))
        if room_id is not None:
            query = query.where(RoomUnit.room_id == room_id)
        if unit_id is not None:
            query = query.where(RoomUnit.id == unit_id)
        if ignore_booking is not None:
            query = query.where(Booking.id != ignore_booking)
        return await self.select_rows(query)

    async def first_taken_night(self, unit_id: int, date_from: date, date_to: date,
                                ignore_booking: int | None = None) -> date | None:
        """The first night of the range on which the unit holds a stay or is out of order."""
        stays = _stay_on(unit_id, date_from, date_to, ignore_booking).with_only_columns(
            Booking.date_from)
        blocks = _block_on(unit_id, date_from, date_to).with_only_columns(RoomBlock.date_from)
        starts = [*(await self.session.scalars(stays)), *(await self.session.scalars(blocks))]
        return max(min(starts), date_from) if starts else None

    async def next_numbers(self, hotel_id: int, count: int) -> list[tuple[str, int]]:
        """(number, floor) for `count` new rooms, continuing the hotel's numbering."""
        taken = set(await self.session.scalars(
            select(RoomUnit.number).where(RoomUnit.hotel_id == hotel_id)))
        return next_numbers(taken, count)

    async def unused(self, room_id: int, count: int) -> Sequence[RoomUnit]:
        """Up to `count` units of a type that no booking ever named, highest numbers first."""
        used = select(Booking.id).where(Booking.unit_id == RoomUnit.id)
        query = (select(RoomUnit).where(RoomUnit.room_id == room_id, ~exists(used))
                 .order_by(*(c.desc() for c in NUMBER_ORDER)).limit(count))
        return (await self.session.scalars(query)).all()

    async def out_of_order_on(self, hotel_id: int, day: date) -> dict[int, dto.Block]:
        """{unit id: its out-of-order period} of the hotel's units out of order on the night
        of `day`."""
        query = (select(*BLOCK_COLUMNS)
                 .join(RoomUnit, RoomUnit.id == RoomBlock.unit_id)
                 .where(RoomUnit.hotel_id == hotel_id,
                        overlaps(RoomBlock.date_from, RoomBlock.date_to, day,
                                 day + timedelta(days=1))))
        return {block.unit_id: block for block in block_records(await self.select_rows(query))}

    async def occupants_on(self, hotel_id: int, day: date, today: date) -> dict[int, str]:
        """{unit id: guest name} of checked-in stays that sleep in the hotel on `day`; up to
        the real `today`, a guest not yet checked out is there whatever the nights say."""
        query = (select(Booking.unit_id.label("unit_id"), Guest.full_name.label("guest"))
                 .join(Guest, Guest.id == Booking.guest_id)
                 .join(RoomUnit, RoomUnit.id == Booking.unit_id)
                 .where(RoomUnit.hotel_id == hotel_id, Booking.status.in_(IN_HOUSE),
                        Booking.date_from <= day)
                 .order_by(Booking.date_from))
        if day > today:  # a forecast: the guest has left on the departure day
            query = query.where(Booking.date_to > day)
        return {row.unit_id: row.guest for row in await self.select_rows(query)}


class BlockDAO(BaseDAO[RoomBlock]):
    model = RoomBlock

    async def in_range(self, hotel_id: int, date_from: date, date_to: date) -> list[dto.Block]:
        query = (select(*BLOCK_COLUMNS)
                 .join(RoomUnit, RoomUnit.id == RoomBlock.unit_id)
                 .where(RoomUnit.hotel_id == hotel_id,
                        overlaps(RoomBlock.date_from, RoomBlock.date_to, date_from, date_to))
                 .order_by(RoomBlock.unit_id, RoomBlock.date_from))
        return block_records(await self.select_rows(query))
