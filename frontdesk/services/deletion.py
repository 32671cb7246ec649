"""What may be deleted: a hotel, room type or guest with bookings is history, kept."""

from __future__ import annotations

from datetime import date

from frontdesk.errors import StillInUse
from frontdesk.services.uow import UnitOfWork
from frontdesk.words import plural


async def refuse_if_booked(uow: UnitOfWork, what: str, today: date, *,
                           hotel_id: int | None = None, room_id: int | None = None,
                           guest_id: int | None = None) -> None:
    """StillInUse when the hotel, room type or guest has bookings: current or future ones
    (cancel or move them first), or past and cancelled ones (kept as history)."""
    current = await uow.bookings.count_for(hotel_id=hotel_id, room_id=room_id,
                                           guest_id=guest_id, ending_after=today)
    if current:
        raise StillInUse(f"{what} has {plural(current, 'current or future booking')}; "
                         f"cancel or move {'it' if current == 1 else 'them'} first.")
    history = await uow.bookings.count_for(hotel_id=hotel_id, room_id=room_id,
                                           guest_id=guest_id)
    if history:
        raise StillInUse(f"{what} has {plural(history, 'past or cancelled booking')} kept "
                         "as history, so it cannot be deleted.")
