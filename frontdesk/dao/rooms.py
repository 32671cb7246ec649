"""Room types and how many rooms of each are left for a range of nights."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from sqlalchemy import Date, Row, Select, and_, bindparam, case, func, select

from frontdesk.dao.base import BaseDAO
from frontdesk.db.models import Booking, Room
from frontdesk.dto import ACTIVE_STATUSES


@cache
def rooms_left_statement(by_hotel: bool, ignoring: bool) -> Select:
    """rooms_left = quantity - the largest number of active stays on any one night of
    [date_from, date_to). That peak is reached on a night when some stay begins (or on the first
    night), so only those nights are counted, each from the few overlapping stays.

    Built once per shape with bind parameters (owner, date_from, date_to, ignore): the hottest
    query of the desk should not pay for its own construction on every call.
    """
    owner = bindparam("owner")
    first, last = bindparam("date_from", type_=Date), bindparam("date_to", type_=Date)
    where = Room.hotel_id == owner if by_hotel else Room.id == owner
    stays = (
        select(Booking.room_id, Booking.date_from, Booking.date_to)
        .join(Room, Room.id == Booking.room_id)
        .where(where, Booking.status.in_(ACTIVE_STATUSES),
               Booking.date_from < last, Booking.date_to > first)
    )
    if ignoring:
        stays = stays.where(Booking.id != bindparam("ignore"))
    stays_cte = stays.cte("stays")
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
        return (await self.session.execute(query, params)).all()

    async def stays(self, room_id: int, date_from: date, date_to: date,
                    ignore_booking: int | None = None) -> Sequence[Row]:
        """(date_from, date_to) of the active stays of a room type that touch the range."""
        query = select(Booking.date_from, Booking.date_to).where(
            Booking.room_id == room_id, Booking.status.in_(ACTIVE_STATUSES),
            Booking.date_from < date_to, Booking.date_to > date_from)
        if ignore_booking is not None:
            query = query.where(Booking.id != ignore_booking)
        return (await self.session.execute(query)).all()

