"""Stay history: check-ins and check-outs undone, with their reasons."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from frontdesk.dao.base import BaseDAO
from frontdesk.db.models import StayHistory


class HistoryDAO(BaseDAO[StayHistory]):
    model = StayHistory

    async def for_booking(self, booking_id: int) -> Sequence[StayHistory]:
        query = (select(StayHistory).where(StayHistory.booking_id == booking_id)
                 .order_by(StayHistory.id))
        return (await self.session.scalars(query)).all()
