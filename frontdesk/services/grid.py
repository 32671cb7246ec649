"""The room grid: a hotel's room types, rooms, stays and out-of-order periods for up to three
months of nights, read as one snapshot."""

from __future__ import annotations

from datetime import date, timedelta

from frontdesk import dto
from frontdesk.dao.bookings import BookingFilter
from frontdesk.dao.rooms import room_record
from frontdesk.domain.occupancy import ACTIVE_STATUSES
from frontdesk.errors import ValidationError
from frontdesk.services import rules
from frontdesk.services.uow import Database

MAX_GRID_DAYS = 93


class RoomGrid:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def room_grid(self, hotel_id: int, date_from: date, date_to: date) -> dto.Grid:
        """Rows (room types and their rooms) and bars (stays, out-of-order ranges) of the
        nights [date_from, date_to), at most three months at a time."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        start = rules.day("date_from", "From", date_from)
        end = rules.day("date_to", "To", date_to)
        if not start < end <= start + timedelta(days=MAX_GRID_DAYS):
            raise ValidationError("date_to", f"The grid shows 1 to {MAX_GRID_DAYS} days.")
        async with self.db.snapshot() as uow:
            await uow.hotel(hotel_id)
            types = await uow.rooms.for_hotel(hotel_id)
            units = await uow.units.rows(hotel_id=hotel_id)
            where = BookingFilter(hotel_id=hotel_id, statuses=ACTIVE_STATUSES, date_from=start,
                                  date_to=end)
            stays = await uow.bookings.page(where, sort="date_from", limit=None)
            blocks = await uow.blocks.in_range(hotel_id, start, end)
        return dto.Grid(hotel_id=hotel_id, date_from=start, date_to=end,
                        room_types=[room_record(r) for r in types],
                        units=units, stays=stays, blocks=blocks)
