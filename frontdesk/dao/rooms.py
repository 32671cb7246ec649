"""Room types and how many rooms of each are left for a range of nights."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Date,
    Row,
    Select,
    and_,
    bindparam,
    case,
    func,
    select,
    union_all,
)

from frontdesk.dao.base import BaseDAO
from frontdesk.db.models import Booking, Room, RoomBlock, RoomUnit
from frontdesk.domain.occupancy import ACTIVE_STATUSES


def occupancy(by_hotel: bool, ignoring: bool, first: Any, last: Any) -> CompoundSelect:
    """(room_id, date_from, date_to) of what takes a room of a type on some night of
    [first, last): active stays (all but `ignore`) and physical rooms out of order."""
    owner = bindparam("owner")
    stays = (
        select(Booking.room_id, Booking.date_from, Booking.date_to)
        .join(Room, Room.id == Booking.room_id)
        .where(Room.hotel_id == owner if by_hotel else Room.id == owner,
               Booking.status.in_(ACTIVE_STATUSES),
               Booking.date_from < last, Booking.date_to > first)
    )
    if ignoring:
        stays = stays.where(Booking.id != bindparam("ignore"))
    blocks = (
        select(RoomUnit.room_id, RoomBlock.date_from, RoomBlock.date_to)
        .join(RoomUnit, RoomUnit.id == RoomBlock.unit_id)
        .where(RoomUnit.hotel_id == owner if by_hotel else RoomUnit.room_id == owner,
               RoomBlock.date_from < last, RoomBlock.date_to > first)
    )
    return union_all(stays, blocks)


@cache
def rooms_left_statement(by_hotel: bool, ignoring: bool) -> Select:
    """rooms_left = quantity - the largest number of active stays (and rooms out of order) on
    any one night of [date_from, date_to). That peak is reached on a night when some stay
    begins (or on the first night), so only those nights are counted, each from the few
    overlapping stays.

    Built once per shape with bind parameters (owner, date_from, date_to, ignore): the hottest
    query of the desk should not pay for its own construction on every call.
    """
    owner = bindparam("owner")
    first, last = bindparam("date_from", type_=Date), bindparam("date_to", type_=Date)
    where = Room.hotel_id == owner if by_hotel else Room.id == owner
    stays_cte = occupancy(by_hotel, ignoring, first, last).cte("stays")
    nights = (
        select(stays_cte.c.room_id,
               case((stays_cte.c.date_from > first, stays_cte.c.date_from),
                    else_=first).label("night"))
        .distinct()
        .subquery("nights")
    )
    other = stays_cte.alias("other")
    per_night = (
        select(nights.c.room_id, func.count().label("busy"))
        .join(other, and_(other.c.room_id == nights.c.room_id,
                          other.c.date_from <= nights.c.night,
                          other.c.date_to > nights.c.night))
        .group_by(nights.c.room_id, nights.c.night)
        .subquery("per_night")
    )
    peak = (select(per_night.c.room_id, func.max(per_night.c.busy).label("busy"))
            .group_by(per_night.c.room_id).subquery("peak"))
    return (
        select(Room.id, Room.name, Room.price, Room.quantity, Room.capacity,
               (Room.quantity - func.coalesce(peak.c.busy, 0)).label("rooms_left"))
        .outerjoin(peak, peak.c.room_id == Room.id)
        .where(where)
        .order_by(Room.name, Room.id)
    )


class RoomDAO(BaseDAO[Room]):
    model = Room

    async def for_hotel(self, hotel_id: int) -> Sequence[Room]:
        query = select(Room).where(Room.hotel_id == hotel_id).order_by(Room.name, Room.id)
        return (await self.session.scalars(query)).all()

    async def rooms_left(self, date_from: date, date_to: date, *, hotel_id: int | None = None,
                         room_id: int | None = None,
                         ignore_booking: int | None = None) -> Sequence[Row]:
        """(room_id, name, price, quantity, capacity, rooms_left) per room type of a hotel (or
        of the one room type `room_id`); see `rooms_left_statement`."""
        by_hotel = hotel_id is not None
        query = rooms_left_statement(by_hotel, ignore_booking is not None)
        params = {"owner": hotel_id if by_hotel else room_id, "date_from": date_from,
                  "date_to": date_to, "ignore": ignore_booking}
        return await self.select_rows(query, params)

    async def stays(self, room_id: int, date_from: date, date_to: date,
                    ignore_booking: int | None = None) -> Sequence[Row]:
        """(room_id, date_from, date_to) of the active stays and out-of-order ranges of a room
        type that touch the range."""
        query = occupancy(False, ignore_booking is not None, bindparam("date_from", type_=Date),
                          bindparam("date_to", type_=Date))
        params = {"owner": room_id, "date_from": date_from, "date_to": date_to,
                  "ignore": ignore_booking}
        return await self.select_rows(query, params)

