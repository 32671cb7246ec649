"""Bookings: sell a stay (with a new guest, or into a chosen room), change its dates, check it
in and out, cancel it, undo a check-in or check-out; the booking lists and the day's lists."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from frontdesk import dto
from frontdesk.dao.bookings import BookingDAO, BookingFilter
from frontdesk.dates import day_text
from frontdesk.db import models
from frontdesk.domain import stays
from frontdesk.domain.stays import Action, Status
from frontdesk.dto import ChangeKind, Housekeeping
from frontdesk.errors import NotAvailable, RoomTaken, StatusNotAllowed, ValidationError
from frontdesk.limits import REASON_MAX
from frontdesk.services import availability, rules
from frontdesk.services.guests import add_guest, new_guest_patch
from frontdesk.services.patches import GuestPatch, booking_filter
from frontdesk.services.placement import apply_move, plan_move, room_for_check_in
from frontdesk.services.uow import Database, UnitOfWork
from frontdesk.words import shown


class Bookings:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- selling ------------------------------------------------------------------------------

    async def book(self, room_id: int, guest_id: int, date_from: date, date_to: date,
                   price: int | None = None, notes: str = "", *,
                   unit_id: int | None = None) -> dto.Booking:
        """Sell the nights [date_from, date_to) of a room type to a guest, if a room of the
        type is free on each; with `unit_id`, in that physical room (the grid's "book this
        room"), if it is of the type and free on each night."""
        rules.ident("room_id", "Room type", room_id)
        rules.ident("guest_id", "Guest", guest_id)
        sale = self._sale(date_from, date_to, price, notes, unit_id)
        async with self.db.write() as uow:
            return await self._sell(uow, guest_id, room_id, *sale)

    async def book_new_guest(self, room_id: int, guest: dto.NewGuest, date_from: date,
                             date_to: date, price: int | None = None, notes: str = "", *,
                             unit_id: int | None = None) -> dto.Booking:
        """A booking with a guest who is not in the desk yet: the guest and the stay are saved
        together, or neither is (a full room leaves no guest behind)."""
        rules.ident("room_id", "Room type", room_id)
        patch = new_guest_patch(guest)
        sale = self._sale(date_from, date_to, price, notes, unit_id)
        async with self.db.write() as uow:
            return await self._sell(uow, patch, room_id, *sale)

    def _sale(self, date_from: Any, date_to: Any, price: Any, notes: Any,
              unit_id: Any) -> tuple[date, date, int | None, str, int | None]:
        """The checked arguments of a sale (after its room type and guest)."""
        start, end = rules.stay(date_from, date_to)
        problem = stays.arrival_problem(start, self.db.today())
        if problem is not None:
            raise ValidationError("date_from", problem)
        if price is not None:
            price = rules.money("price", "Price", price)
        notes = rules.text("notes", "Notes", notes, 2000, required=False, multiline=True)
        rules.optional_ident("unit_id", "Room", unit_id)
        return start, end, price, notes, unit_id

    async def _sell(self, uow: UnitOfWork, guest: int | GuestPatch, room_id: int, start: date,
                    end: date, price: int | None, notes: str,
                    unit_id: int | None) -> dto.Booking:
        """The sale, in the caller's write: to the guest `guest` (an id), or to a guest it adds."""
        room = await uow.room_type(room_id)
        if isinstance(guest, GuestPatch):
            guest_id = (await add_guest(uow, guest)).id
        else:
            guest_id = (await uow.guest(guest)).id
        unit = await uow.unit(unit_id) if unit_id is not None else None
        if unit is not None:
            availability.refuse_other_type(unit, room, "choose a room of the type booked")
        await uow.lock_room_types(room.id)
        await availability.require_rooms(uow, room, start, end)
        if unit is not None:
            night = await availability.first_taken_night(uow, unit, start, end)
            if night is not None:
                raise RoomTaken(unit.number, night)
        booking = await uow.bookings.add({
            "room_id": room.id, "guest_id": guest_id, "date_from": start, "date_to": end,
            "price": room.price if price is None else price, "notes": notes,
            "status": Status.CONFIRMED.value, "unit_id": unit_id})
        uow.changed(ChangeKind.BOOKINGS, booking.id)
        return await uow.booking_record(booking.id)

    async def change_dates(self, booking_id: int, date_from: date, date_to: date) -> dto.Booking:
        """New dates for a stay, in its room type; it keeps its room while that room is free
        (a confirmed stay gives up a room it cannot keep; a checked-in one is refused)."""
        rules.ident("booking_id", "Booking", booking_id)
        rules.stay(date_from, date_to)
        async with self.db.write() as uow:
            booking = await uow.booking(booking_id)
            quote = await plan_move(uow, booking, self.db.today(), date_from=date_from,
                                    date_to=date_to, dates_given=True)
            return await apply_move(uow, booking, quote)

    # -- the stay's status --------------------------------------------------------------------

    async def cancel(self, booking_id: int, reason: str = "") -> dto.Booking:
        reason = rules.text("reason", "Reason", reason, REASON_MAX, required=False)
        return await self._set_status(booking_id, Action.CANCEL, cancel_reason=reason or None)

    async def check_in(self, booking_id: int, unit_id: int | None = None) -> dto.Booking:
        """Check the guest in to `unit_id`, or to the room the stay was given, or else to the
        readiest vacant room of its type (see `rooms_for_check_in`). A room a guest is still
        checked in to is never used: the refusal names the room and that guest."""
        rules.optional_ident("unit_id", "Room", unit_id)
        return await self._set_status(booking_id, Action.CHECK_IN, unit_id=unit_id)

    async def check_out(self, booking_id: int) -> dto.Booking:
        """Check out; leaving early ends the stay today (undo_check_out gives the nights back),
        an overdue stay keeps its dates. The room is marked dirty."""
        return await self._set_status(booking_id, Action.CHECK_OUT)

    async def mark_no_show(self, booking_id: int) -> dto.Booking:
        return await self._set_status(booking_id, Action.NO_SHOW)

    async def _set_status(self, booking_id: int, action: Action, **extra: Any) -> dto.Booking:
        """Cancel, check in, check out or no-show, if the rule of frontdesk.domain.stays
        allows it today."""
        rules.ident("booking_id", "Booking", booking_id)
        today = self.db.today()
        async with self.db.write() as uow:
            booking = await uow.booking(booking_id)
            self._check_day(booking, action, today)
            if action is Action.CHECK_IN:
                unit = await room_for_check_in(uow, booking, extra.pop("unit_id", None), today)
                booking.unit_id = unit.id
            if action is Action.CHECK_OUT:
                if booking.unit_id is not None:
                    unit = await uow.unit(booking.unit_id)
                    await uow.units.update(unit, {"status": Housekeeping.DIRTY.value})
                    uow.changed(ChangeKind.UNITS, unit.id)
                # Leaving early frees the rest and keeps the booked departure for an undo; an
                # overdue stay keeps its dates (see departure_after_check_out).
                departure = stays.departure_after_check_out(booking.date_from, booking.date_to,
                                                            today)
                if departure != booking.date_to:
                    booking.planned_date_to, booking.date_to = booking.date_to, departure
            booking.status = stays.status_after(action).value
            for name, value in extra.items():
                setattr(booking, name, value)
            await uow.session.flush()
            uow.changed(ChangeKind.BOOKINGS, booking_id)
            return await uow.booking_record(booking_id)

    @staticmethod
    def _check_day(booking: models.Booking, action: Action, today: date) -> None:
        """Refuse what the booking's status and today's date do not allow (one rule, shared
        with the window: frontdesk.domain.stays.why_not)."""
        stays.require(action, booking.status, booking.date_from, booking.date_to, today,
                      booking=f"Booking {booking.id}")

    async def undo_check_in(self, booking_id: int, reason: str) -> dto.Booking:
        """A check-in made by mistake: the stay is confirmed again (it keeps its room); the
        reason is required and kept in the stay's history."""
        rules.ident("booking_id", "Booking", booking_id)
        reason = rules.text("reason", "Reason", reason, REASON_MAX)
        async with self.db.write() as uow:
            booking = await uow.booking(booking_id)
            self._check_day(booking, Action.UNDO_CHECK_IN, self.db.today())
            booking.status = stays.status_after(Action.UNDO_CHECK_IN).value
            await uow.history.add({"booking_id": booking.id,
                                   "action": Action.UNDO_CHECK_IN.value, "reason": reason})
            uow.changed(ChangeKind.BOOKINGS, booking_id)
            return await uow.booking_record(booking_id)

    async def undo_check_out(self, booking_id: int, reason: str) -> dto.Booking:
        """A check-out made by mistake: the guest is checked in again, in the same room, and an
        early check-out gets back the departure it had. Refused when the room (or, for the
        nights given back, the room type) has been taken since; the reason is required and
        kept in the stay's history."""
        rules.ident("booking_id", "Booking", booking_id)
        reason = rules.text("reason", "Reason", reason, REASON_MAX)
        today = self.db.today()
        async with self.db.write() as uow:
            booking = await uow.booking(booking_id)
            self._check_day(booking, Action.UNDO_CHECK_OUT, today)
            ended, planned = booking.date_to, booking.planned_date_to or booking.date_to
            await uow.lock_room_types(booking.room_id)
            if booking.unit_id is not None:
                unit = await uow.unit(booking.unit_id)
                await availability.refuse_occupied(uow, unit, booking.id, today)
                night = await availability.first_taken_night(uow, unit, ended, planned,
                                                             booking.id) \
                    if planned > ended else None
                if night is not None:
                    raise StatusNotAllowed(
                        f"Room {unit.number} has been given to another stay from the night of "
                        f"{day_text(night)}, so the check-out of booking {booking.id} cannot "
                        f"be undone with its departure of {day_text(planned)}. Move that "
                        "stay first, or book the guest again.")
            if planned > ended:
                room = await uow.room_type(booking.room_id)
                try:
                    await availability.require_rooms(uow, room, ended, planned,
                                                     ignore_booking=booking.id)
                except NotAvailable as exc:
                    raise StatusNotAllowed(
                        f"The nights booking {booking.id} gave up have been sold again (no "
                        f"'{room.name}' room is free on the night of {day_text(exc.night)}), "
                        "so its check-out cannot be undone. Move or cancel a stay first.") \
                        from exc
            booking.date_to, booking.planned_date_to = planned, None
            booking.status = stays.status_after(Action.UNDO_CHECK_OUT).value
            await uow.history.add({"booking_id": booking.id,
                                   "action": Action.UNDO_CHECK_OUT.value, "reason": reason})
            uow.changed(ChangeKind.BOOKINGS, booking_id)
            return await uow.booking_record(booking_id)

    async def stay_history(self, booking_id: int) -> list[dto.StayEvent]:
        """The check-ins and check-outs of a stay that were undone, oldest first."""
        rules.ident("booking_id", "Booking", booking_id)
        async with self.db.read() as uow:
            events = await uow.history.for_booking(booking_id)
            if not events:
                await uow.require(booking_id=booking_id)
        return [dto.StayEvent(booking_id=e.booking_id, at=e.created_at, action=e.action,
                              reason=e.reason) for e in events]

    # -- lists --------------------------------------------------------------------------------

    async def get_booking(self, booking_id: int) -> dto.Booking:
        rules.ident("booking_id", "Booking", booking_id)
        async with self.db.read() as uow:
            return await uow.booking_record(booking_id)

    async def list_bookings(self, filters: Mapping[str, Any], *, sort: str = "date_from",
                            descending: bool = False, offset: int = 0,
                            limit: int = 50) -> list[dto.Booking]:
        """A page of bookings (see FrontDesk.list_bookings)."""
        if not isinstance(sort, str) or sort not in BookingDAO.sort_keys():
            raise ValidationError("sort", f"Bookings cannot be sorted by '{shown(sort)}'.")
        rules.flag("descending", "Descending", descending)
        rules.offset(offset)
        rules.limit(limit)
        where = booking_filter(filters)
        async with self.db.read() as uow:
            page = await uow.bookings.page(where, sort=sort, descending=descending,
                                           offset=offset, limit=limit)
            if not page:
                await self._refuse_unknown_owners(uow, where)
        return page

    async def count_bookings(self, filters: Mapping[str, Any]) -> int:
        where = booking_filter(filters)
        async with self.db.read() as uow:
            count = await uow.bookings.count_matching(where)
            if not count:
                await self._refuse_unknown_owners(uow, where)
        return count

    @staticmethod
    async def _refuse_unknown_owners(uow: UnitOfWork, where: BookingFilter) -> None:
        """An empty list for a hotel, room type or guest that is not there is NotFound."""
        await uow.require(hotel_id=where.hotel_id, room_id=where.room_id,
                          guest_id=where.guest_id)

    async def arrivals(self, hotel_id: int, day: date) -> list[dto.Booking]:
        return await self._day("arrivals", hotel_id, day)

    async def departures(self, hotel_id: int, day: date) -> list[dto.Booking]:
        """Stays that end on `day` and, up to today, overdue stays (still checked in after
        their departure) until they are checked out."""
        return await self._day("departures", hotel_id, day)

    async def in_house(self, hotel_id: int, day: date) -> list[dto.Booking]:
        """Checked-in guests sleeping there on the night of `day` and, up to today, overdue
        ones (they are still there)."""
        return await self._day("in_house", hotel_id, day)

    async def _day(self, kind: str, hotel_id: int, day: date) -> list[dto.Booking]:
        rules.ident("hotel_id", "Hotel", hotel_id)
        rules.day("day", "Day", day)
        async with self.db.read() as uow:
            rows = await uow.bookings.day_list(kind, hotel_id, day, self.db.today())
            if not rows:
                await uow.require(hotel_id=hotel_id)
        return rows

