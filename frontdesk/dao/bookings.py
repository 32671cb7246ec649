"""Bookings: the paged list, the day's arrivals, departures and in-house guests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Date, and_, bindparam, func, or_, select

from frontdesk import dto
from frontdesk.dao.base import BaseDAO, Query, Records
from frontdesk.dao.guests import guests_named
from frontdesk.db.models import Booking, Guest, Hotel, Room, RoomUnit
from frontdesk.domain.occupancy import ACTIVE_STATUSES
from frontdesk.domain.stays import ARRIVING, IN_HOUSE, STATUS_OF, Status

# A booking row as the screens show it: each column labelled with its frontdesk.dto.Booking
# field, so the record is built by name (`booking_records`) and the order never matters.
LISTING_COLUMNS = {
    "id": Booking.id, "hotel_id": Room.hotel_id, "hotel_name": Hotel.name,
    "room_id": Booking.room_id, "room_name": Room.name, "guest_id": Booking.guest_id,
    "guest_name": Guest.full_name, "date_from": Booking.date_from, "date_to": Booking.date_to,
    "price": Booking.price, "status": Booking.status, "notes": Booking.notes,
    "created_at": Booking.created_at, "updated_at": Booking.updated_at,
    "cancel_reason": Booking.cancel_reason, "unit_id": Booking.unit_id,
    "unit_number": RoomUnit.number, "currency": Hotel.currency,
    "planned_date_to": Booking.planned_date_to,
}


#: Listing rows (see LISTING_COLUMNS) as the frozen records the screens get.
booking_records = Records(dto.Booking, status=STATUS_OF.__getitem__)

# Each sort ends in Booking.id so pages never overlap. By arrival it goes (date_from, room_id,
# id): the order of ix_bookings_date_from and ix_bookings_status_date_from (whose rows end in
# the rowid), so a first page over a million bookings reads fifty index entries, not them all.
SORT_KEYS: dict[str, tuple[Any, ...]] = {
    "id": (),
    "date_from": (Booking.date_from, Booking.room_id),
    "date_to": (Booking.date_to,),
    "guest": (Guest.name_key,),
    "room": (Room.name,),
    "hotel": (Hotel.name,),
    "status": (Booking.status,),
    "price": (Booking.price,),
    "created": (Booking.created_at,),
}


@dataclass(frozen=True)
class BookingFilter:
    hotel_id: int | None = None
    room_id: int | None = None
    guest_id: int | None = None
    statuses: tuple[Status, ...] = ()
    # Stays that have at least one night in [date_from, date_to).
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    # A booking number typed as the text (see services.rules.booking_number): found whatever
    # the dates, since it names one stay exactly.
    number: int | None = None

    def apply(self, query: Query) -> Query:
        if self.hotel_id is not None:
            query = query.where(Room.hotel_id == self.hotel_id)
        if self.room_id is not None:
            query = query.where(Booking.room_id == self.room_id)
        if self.guest_id is not None:
            query = query.where(Booking.guest_id == self.guest_id)
        if self.statuses:
            query = query.where(Booking.status.in_(self.statuses))
        dates = []
        if self.date_from is not None:
            dates.append(Booking.date_to > self.date_from)
        if self.date_to is not None:
            dates.append(Booking.date_from < self.date_to)
        text = self.text.strip()
        if not text:
            return query.where(*dates)
        match = and_(Booking.guest_id.in_(guests_named(text)), *dates)
        return query.where(match if self.number is None else or_(match, Booking.id == self.number))


def listing() -> Query:
    """Booking rows with their hotel, room type and guest names, in one joined query."""
    return (select(*(column.label(name) for name, column in LISTING_COLUMNS.items()))
            .join(Room, Room.id == Booking.room_id)
            .join(Hotel, Hotel.id == Room.hotel_id)
            .join(Guest, Guest.id == Booking.guest_id)
            .outerjoin(RoomUnit, RoomUnit.id == Booking.unit_id))


@cache
def day_statement(kind: str) -> Query:
    """A hotel's arrivals, departures or in-house guests on a day (bind: hotel_id, day, today).

    An overdue stay (still checked in after its departure, see frontdesk.domain.stays) stays
    in the departures and in house of every later day up to the real today, until it is
    checked out; a day after today is a forecast, in which it has left."""
    day = bindparam("day", type_=Date)
    overdue = (Booking.status.in_(IN_HOUSE) & (Booking.date_to < day)
               & (day <= bindparam("today", type_=Date)))
    when = {
        "arrivals": Booking.date_from == day,
        "departures": (Booking.date_to == day) | overdue,
        "in_house": (Booking.date_from <= day) & ((Booking.date_to > day) | overdue),
    }[kind]
    statuses = {"arrivals": ARRIVING, "departures": ACTIVE_STATUSES, "in_house": IN_HOUSE}[kind]
    return (listing()
            .where(Room.hotel_id == bindparam("hotel_id"), when, Booking.status.in_(statuses))
            .order_by(Guest.name_key, Booking.id))


class BookingDAO(BaseDAO[Booking]):
    model = Booking

    @staticmethod
    def sort_keys() -> tuple[str, ...]:
        return tuple(SORT_KEYS)

    async def record(self, booking_id: int) -> dto.Booking | None:
        rows = await self.select_rows(listing().where(Booking.id == booking_id))
        return booking_records.one(rows[0]) if rows else None

    async def page(self, where: BookingFilter, *, sort: str = "date_from",
                   descending: bool = False, offset: int = 0,
                   limit: int | None = 50) -> list[dto.Booking]:
        columns = (*SORT_KEYS[sort], Booking.id)
        order = [c.desc() for c in columns] if descending else list(columns)
        query = where.apply(listing()).order_by(*order).offset(offset).limit(limit)
        return booking_records(await self.select_rows(query))

    async def count_matching(self, where: BookingFilter) -> int:
        query = select(func.count()).select_from(Booking)
        if where.hotel_id is not None:  # no join that the filter does not need
            query = query.join(Room, Room.id == Booking.room_id)
        return (await self.session.scalar(where.apply(query))) or 0

    async def day_list(self, kind: str, hotel_id: int, day: date,
                       today: date) -> list[dto.Booking]:
        """A hotel's "arrivals", "departures" or "in_house" of `day` (see day_statement)."""
        return booking_records(await self.select_rows(
            day_statement(kind), {"hotel_id": hotel_id, "day": day, "today": today}))

    async def count_for(self, *, hotel_id: int | None = None, room_id: int | None = None,
                        guest_id: int | None = None, ending_after: date | None = None) -> int:
        """Bookings of a hotel, room type or guest; with `ending_after`, active ones with a
        night after that day only."""
        query = select(func.count()).select_from(Booking).join(Room, Room.id == Booking.room_id)
        if hotel_id is not None:
            query = query.where(Room.hotel_id == hotel_id)
        if room_id is not None:
            query = query.where(Booking.room_id == room_id)
        if guest_id is not None:
            query = query.where(Booking.guest_id == guest_id)
        if ending_after is not None:
            query = query.where(Booking.status.in_(ACTIVE_STATUSES), Booking.date_to > ending_after)
        return (await self.session.scalar(query)) or 0
