"""Hotels: search by location and the figures of the hotel list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy import Row, and_, func, select, union_all, update

from frontdesk.dao.base import BaseDAO, like_pattern
from frontdesk.db.models import Booking, Hotel, Room, RoomBlock, RoomUnit, search_key
from frontdesk.domain.occupancy import ACTIVE_STATUSES


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

    async def rescale_prices(self, hotel_id: int, convert: Callable[[int], int]) -> None:
        """Every price of the hotel (room types, and bookings as sold) passed through
        `convert`: its currency changed to one with other decimals."""
        rooms = select(Room.id).where(Room.hotel_id == hotel_id)
        for model, where in ((Room, Room.hotel_id == hotel_id),
                             (Booking, Booking.room_id.in_(rooms))):
            rows = (await self.session.execute(select(model.id, model.price).where(where))).all()
            if rows:
                await self.session.execute(update(model), [{"id": i, "price": convert(p)}
                                                          for i, p in rows])

    async def summaries(self, night: date, location: str | None = None) -> Sequence[Row]:
        """(hotel, room types, rooms, rooms left on `night`) per hotel, aggregated in SQL."""
        taken = union_all(
            select(Booking.room_id)
            .where(Booking.status.in_(ACTIVE_STATUSES), Booking.date_from <= night,
                   Booking.date_to > night),
            select(RoomUnit.room_id).join(RoomBlock, RoomBlock.unit_id == RoomUnit.id)
            .where(RoomBlock.date_from <= night, RoomBlock.date_to > night),
        ).subquery()
        occupied = (select(taken.c.room_id, func.count().label("n"))
                    .group_by(taken.c.room_id).subquery())
        query = (
            select(
                Hotel.id, Hotel.name, Hotel.location, Hotel.stars,
                func.count(Room.id),
                func.coalesce(func.sum(Room.quantity), 0),
                func.coalesce(func.sum(Room.quantity - func.coalesce(occupied.c.n, 0)), 0),
                Hotel.currency,
            )
            .outerjoin(Room, Room.hotel_id == Hotel.id)
            .outerjoin(occupied, and_(occupied.c.room_id == Room.id))
            .group_by(Hotel.id)
            .order_by(Hotel.name, Hotel.id)
        )
        if location and location.strip():
            key = search_key(location.strip()) or ""
            query = query.where(Hotel.location_key.like(like_pattern(key), escape="\\"))
        return await self.select_rows(query)
