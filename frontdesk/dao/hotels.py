"""Hotels: search by location and the figures of the hotel list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from sqlalchemy import Date, bindparam, func, select, update

from frontdesk import dto
from frontdesk.dao.base import BaseDAO, Records, like_pattern
from frontdesk.dao.rooms import occupancy
from frontdesk.db.models import Booking, Hotel, Room, search_key


def hotel_record(row: Hotel) -> dto.Hotel:
    return dto.Hotel(id=row.id, name=row.name, location=row.location, stars=row.stars,
                     currency=row.currency)


summary_records = Records(dto.HotelSummary)


class HotelDAO(BaseDAO[Hotel]):
    model = Hotel

    async def search_by_location(self, text: str) -> Sequence[Hotel]:
        """Hotels whose location contains `text`, any case, any script; % and _ are literal."""
        pattern = like_pattern(search_key(text.strip()) or "")
        query = (select(Hotel).where(Hotel.location_key.like(pattern, escape="\\"))
                 .order_by(Hotel.name, Hotel.id))
        return (await self.session.scalars(query)).all()

    async def list_ordered(self) -> Sequence[Hotel]:
        return (await self.session.scalars(select(Hotel).order_by(Hotel.name, Hotel.id))).all()

    async def rescale_prices(self, hotel_id: int, convert: Callable[[int], int]
                             ) -> tuple[list[int], list[int]]:
        """Every price of the hotel (room types, and bookings as sold) passed through
        `convert`: its currency changed to one with other decimals. The ids of the room types
        and of the bookings changed."""
        rooms = select(Room.id).where(Room.hotel_id == hotel_id)
        changed: list[list[int]] = []
        for model, where in ((Room, Room.hotel_id == hotel_id),
                             (Booking, Booking.room_id.in_(rooms))):
            rows = (await self.session.execute(select(model.id, model.price).where(where))).all()
            if rows:
                await self.session.execute(update(model), [
                    {"id": row.id, "price": convert(row.price)} for row in rows])
            changed.append([row.id for row in rows])
        return changed[0], changed[1]

    async def summaries(self, night: date, location: str | None = None
                        ) -> list[dto.HotelSummary]:
        """Each hotel with its room types, rooms and rooms left on `night`, aggregated in SQL."""
        first = bindparam("night", type_=Date)
        taken = occupancy(first, bindparam("after", type_=Date)).subquery()
        occupied = (select(taken.c.room_id, func.count().label("n"))
                    .group_by(taken.c.room_id).subquery())
        query = (
            select(
                Hotel.id.label("id"), Hotel.name.label("name"),
                Hotel.location.label("location"), Hotel.stars.label("stars"),
                func.count(Room.id).label("room_types"),
                func.coalesce(func.sum(Room.quantity), 0).label("rooms"),
                func.coalesce(func.sum(Room.quantity - func.coalesce(occupied.c.n, 0)), 0)
                .label("rooms_left_tonight"),
                Hotel.currency.label("currency"),
            )
            .outerjoin(Room, Room.hotel_id == Hotel.id)
            .outerjoin(occupied, occupied.c.room_id == Room.id)
            .group_by(Hotel.id)
            .order_by(Hotel.name, Hotel.id)
        )
        if location and location.strip():
            key = search_key(location.strip()) or ""
            query = query.where(Hotel.location_key.like(like_pattern(key), escape="\\"))
        rows = await self.select_rows(query, {"night": night,
                                              "after": night + timedelta(days=1)})
        return summary_records(rows)
