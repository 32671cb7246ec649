"""Room types, and what takes their rooms on which nights (the SQL form of
frontdesk.domain.occupancy): how many rooms of each are left for a range of nights."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    CompoundSelect,
    Date,
    Row,
    and_,
    bindparam,
    case,
    func,
    select,
    union_all,
)

from frontdesk import dto
from frontdesk.dao.base import BaseDAO, Query, Records
from frontdesk.db.models import Booking, Room, RoomBlock, RoomUnit
from frontdesk.domain.occupancy import ACTIVE_STATUSES, overlaps


def room_record(row: Room) -> dto.Room:
    return dto.Room(id=row.id, hotel_id=row.hotel_id, name=row.name,
                    description=row.description, price=row.price, quantity=row.quantity,
                    capacity=row.capacity)


availability_records = Records(dto.Availability)


def occupancy(first: Any, last: Any, *, hotel: Any = None, room: Any = None,
              ignore: Any = None) -> CompoundSelect[*tuple[Any, ...]]:
    """(room_id, date_from, date_to) of what takes a room of a type on some night of
    [first, last), as frontdesk.domain.occupancy says: active stays (all but `ignore`) and
    physical rooms out of order. Of one hotel's types, of one type (`room`), or of all."""
    stays = (select(Booking.room_id, Booking.date_from, Booking.date_to)
             .where(Booking.status.in_(ACTIVE_STATUSES),
                    overlaps(Booking.date_from, Booking.date_to, first, last)))
    blocks = (select(RoomUnit.room_id, RoomBlock.date_from, RoomBlock.date_to)
              .join(RoomUnit, RoomUnit.id == RoomBlock.unit_id)
              .where(overlaps(RoomBlock.date_from, RoomBlock.date_to, first, last)))
    if hotel is not None:
        stays = stays.join(Room, Room.id == Booking.room_id).where(Room.hotel_id == hotel)
        blocks = blocks.where(RoomUnit.hotel_id == hotel)
    if room is not None:
        stays = stays.where(Booking.room_id == room)
        blocks = blocks.where(RoomUnit.room_id == room)
    if ignore is not None:
        stays = stays.where(Booking.id != ignore)
    return union_all(stays, blocks)


@cache
def rooms_left_statement(by_hotel: bool, ignoring: bool) -> Query:
    """rooms_left = quantity - the largest number of active stays (and rooms out of order) on
    any one night of [date_from, date_to). That peak is reached on a night when some stay
    begins (or on the first night), so only those nights are counted, each from the few
    overlapping stays.

    Built once per shape with bind parameters (owner, date_from, date_to, ignore): the hottest
    query of the desk should not pay for its own construction on every call.
    """
    owner: BindParameter[int] = bindparam("owner")
    first, last = bindparam("date_from", type_=Date), bindparam("date_to", type_=Date)
    taken = occupancy(first, last, hotel=owner if by_hotel else None,
                      room=None if by_hotel else owner,
                      ignore=bindparam("ignore") if ignoring else None).cte("stays")
    nights = (
        select(taken.c.room_id,
               case((taken.c.date_from > first, taken.c.date_from), else_=first).label("night"))
        .distinct()
        .subquery("nights")
    )
    other = taken.alias("other")
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
        select(Room.id.label("room_id"), Room.name.label("name"), Room.price.label("price"),
               Room.quantity.label("quantity"), Room.capacity.label("capacity"),
               (Room.quantity - func.coalesce(peak.c.busy, 0)).label("rooms_left"))
        .outerjoin(peak, peak.c.room_id == Room.id)
        .where(Room.hotel_id == owner if by_hotel else Room.id == owner)
        .order_by(Room.name, Room.id)
    )


class RoomDAO(BaseDAO[Room]):
    model = Room

    async def for_hotel(self, hotel_id: int) -> Sequence[Room]:
        query = select(Room).where(Room.hotel_id == hotel_id).order_by(Room.name, Room.id)
        return (await self.session.scalars(query)).all()

    async def rooms_left(self, date_from: date, date_to: date, *, hotel_id: int | None = None,
                         room_id: int | None = None,
                         ignore_booking: int | None = None) -> list[dto.Availability]:
        """Per room type of a hotel (or the one room type `room_id`): its rooms left for the
        nights [date_from, date_to); see `rooms_left_statement`."""
        by_hotel = hotel_id is not None
        query = rooms_left_statement(by_hotel, ignore_booking is not None)
        params = {"owner": hotel_id if by_hotel else room_id, "date_from": date_from,
                  "date_to": date_to, "ignore": ignore_booking}
        return availability_records(await self.select_rows(query, params))

    async def stays(self, room_id: int, date_from: date, date_to: date,
                    ignore_booking: int | None = None) -> Sequence[Row[Any]]:
        """(room_id, date_from, date_to) of the active stays and out-of-order ranges of a room
        type that touch the range (spans for frontdesk.domain.occupancy)."""
        query = occupancy(bindparam("date_from", type_=Date), bindparam("date_to", type_=Date),
                          room=bindparam("room"),
                          ignore=None if ignore_booking is None else bindparam("ignore"))
        params = {"room": room_id, "date_from": date_from, "date_to": date_to,
                  "ignore": ignore_booking}
        return await self.select_rows(query, params)
