"""FrontDesk: the one public entry point (GUI, CLI and scripts), one unit of work per call."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import date, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from frontdesk import dto
from frontdesk.config import resolve_database
from frontdesk.dao import BookingDAO, GuestDAO, HotelDAO, RoomDAO
from frontdesk.dao.bookings import BookingFilter
from frontdesk.dao.units import UnitDAO
from frontdesk.db import models
from frontdesk.db.engine import READ, WRITE
from frontdesk.db.migrate import MigrationReport, open_engine
from frontdesk.dto import Status
from frontdesk.errors import (
    FrontDeskError,
    NotAvailable,
    NotFound,
    StatusNotAllowed,
    StillInUse,
    ValidationError,
)
from frontdesk.limits import REASON_MAX
from frontdesk.services import records, rules
from frontdesk.services.units import PhysicalRooms

Today = Callable[[], date]


@asynccontextmanager
async def open_desk(target: str | os.PathLike[str] | None = None, *,
                    today: Today = date.today) -> AsyncIterator[FrontDesk]:
    """Open (and migrate) a database: a file path or SQLAlchemy URL; None means the default.

    `today` tells the desk which day it is (check-out day, what counts as the past).
    """
    engine, report = await open_engine(resolve_database(target))
    try:
        yield FrontDesk(engine, report, today=today)
    finally:
        await engine.dispose()


def _busiest_night(stays: Iterable[Any], date_from: date, date_to: date, quantity: int) -> date:
    """The first night of [date_from, date_to) on which `quantity` stays already sleep."""
    night = date_from
    while night < date_to:
        if sum(1 for s in stays if s.date_from <= night < s.date_to) >= quantity:
            return night
        night += timedelta(days=1)
    return date_from


class FrontDesk(PhysicalRooms):
    """Every use case of the front desk. Obtain one with `open_desk`."""

    def __init__(self, engine: AsyncEngine, migration: MigrationReport, *,
                 today: Today = date.today) -> None:
        self.engine = engine
        self.migration = migration
        self.today = today
        # Reads are single statements (see frontdesk.db.engine.READ): keep them that way.
        self._reader = async_sessionmaker(engine.execution_options(**READ), expire_on_commit=False)
        # Reads of several statements that must agree run in one (deferred) transaction.
        self._snapshotter = async_sessionmaker(engine, expire_on_commit=False)
        # Write transactions begin IMMEDIATE: check-then-write can never race another desk.
        self._writer = async_sessionmaker(engine.execution_options(**WRITE), expire_on_commit=False)

    def with_today(self, today: Today) -> FrontDesk:
        """The same database seen from another day (e.g. to enter past stays)."""
        return FrontDesk(self.engine, self.migration, today=today)

    @property
    def database(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @asynccontextmanager
    async def _read(self) -> AsyncIterator[AsyncSession]:
        async with self._reader() as session, session.begin():
            yield session

    @asynccontextmanager
    async def _snapshot(self) -> AsyncIterator[AsyncSession]:
        async with self._snapshotter() as session, session.begin():
            yield session

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncSession]:
        try:
            async with self._writer() as session, session.begin():
                yield session
        except IntegrityError as exc:
            # The services check first; this is the last line, for rules only SQL saw.
            raise FrontDeskError(
                "The change was refused by the database because it would break its rules "
                f"({exc.orig}). Nothing was saved.") from exc

    # -- hotels -------------------------------------------------------------------------------

    async def add_hotel(self, name: str, location: str, stars: int) -> dto.Hotel:
        values = self._hotel_values(name=name, location=location, stars=stars)
        async with self._write() as s:
            return records.hotel(await HotelDAO(s).add(**values))

    async def update_hotel(self, hotel_id: int, **changes: Any) -> dto.Hotel:
        rules.changes(changes, {"name", "location", "stars"}, "hotel")
        values = self._hotel_values(**changes)
        async with self._write() as s:
            row = await HotelDAO(s).update(hotel_id, **values)
            if row is None:
                raise NotFound("Hotel", hotel_id)
            return records.hotel(row)

    @staticmethod
    def _hotel_values(**given: Any) -> dict[str, Any]:
        checks = {
            "name": lambda v: rules.text("name", "Hotel name", v, 100),
            "location": lambda v: rules.text("location", "Location", v, 200),
            "stars": lambda v: rules.whole("stars", "Stars", v, minimum=1, maximum=5),
        }
        return {key: checks[key](value) for key, value in given.items()}

    async def delete_hotel(self, hotel_id: int) -> None:
        async with self._write() as s:
            hotel = await HotelDAO(s).find_by_id(hotel_id)
            if hotel is None:
                raise NotFound("Hotel", hotel_id)
            await self._refuse_if_booked(s, f"Hotel '{hotel.name}'", hotel_id=hotel_id)
            for room in await RoomDAO(s).for_hotel(hotel_id):
                await self._delete_room_type(s, room)
            await HotelDAO(s).delete(hotel_id)

    async def list_hotels(self) -> list[dto.Hotel]:
        async with self._read() as s:
            return [records.hotel(h) for h in await HotelDAO(s).list_ordered()]

    async def find_hotels(self, location: str = "") -> list[dto.Hotel]:
        async with self._read() as s:
            return [records.hotel(h) for h in await HotelDAO(s).search_by_location(location)]

    async def hotel_summaries(self, location: str = "",
                              night: date | None = None) -> list[dto.HotelSummary]:
        """Hotels with their room types, rooms and rooms left on `night` (default: tonight)."""
        async with self._read() as s:
            rows = await HotelDAO(s).summaries(night or self.today(), location or None)
        return [dto.HotelSummary(*row) for row in rows]

    async def get_hotel(self, hotel_id: int) -> dto.Hotel:
        async with self._read() as s:
            row = await HotelDAO(s).find_by_id(hotel_id)
            if row is None:
                raise NotFound("Hotel", hotel_id)
            return records.hotel(row)

    # -- room types ---------------------------------------------------------------------------

    async def add_room(self, hotel_id: int, name: str, price: int, quantity: int,
                       capacity: int = 2, description: str = "") -> dto.Room:
        values = self._room_values(name=name, price=price, quantity=quantity, capacity=capacity,
                                   description=description)
        async with self._write() as s:
            if await HotelDAO(s).find_by_id(hotel_id) is None:
                raise NotFound("Hotel", hotel_id)
            await self._refuse_duplicate_room(s, hotel_id, values["name"])
            room = await RoomDAO(s).add(hotel_id=hotel_id, **values)
            await self._add_units(s, room, room.quantity)
            return records.room(room)

    async def update_room(self, room_id: int, **changes: Any) -> dto.Room:
        rules.changes(changes, {"name", "price", "quantity", "capacity", "description"},
                      "room type")
        values = self._room_values(**changes)
        async with self._write() as s:
            rooms = RoomDAO(s)
            room = await rooms.find_by_id(room_id)
            if room is None:
                raise NotFound("Room type", room_id)
            if "name" in values and values["name"] != room.name:
                await self._refuse_duplicate_room(s, room.hotel_id, values["name"])
            # The quantity is the number of physical rooms: numbered ones come and go with it.
            change = values.get("quantity", room.quantity) - room.quantity
            if change < 0:
                await self._remove_units(s, room, -change)
            elif change > 0:
                await self._add_units(s, room, change)
            updated = await rooms.update(room_id, **values)
            assert updated is not None
            if change < 0:
                await self._refuse_too_few_rooms(s, updated)
            return records.room(updated)

    @staticmethod
    def _room_values(**given: Any) -> dict[str, Any]:
        checks = {
            "name": lambda v: rules.text("name", "Room type name", v, 100),
            "price": lambda v: rules.money("price", "Price", v),
            "quantity": lambda v: rules.whole("quantity", "Number of rooms", v, minimum=1,
                                              maximum=10_000),
            "capacity": lambda v: rules.whole("capacity", "Guests per room", v, minimum=1,
                                              maximum=50),
            "description": lambda v: rules.text("description", "Description", v, 2000,
                                                required=False),
        }
        return {key: checks[key](value) for key, value in given.items()}

    @staticmethod
    async def _refuse_duplicate_room(s: AsyncSession, hotel_id: int, name: str) -> None:
        if await RoomDAO(s).count(hotel_id=hotel_id, name=name):
            raise ValidationError("name", f"This hotel already has a room type named '{name}'.")

    async def _refuse_too_few_rooms(self, s: AsyncSession, room: models.Room) -> None:
        """After rooms were taken away (in this transaction): no coming night may now have
        more stays (and rooms out of order) than rooms. Refusing rolls the change back."""
        start = self.today()
        (row,) = await RoomDAO(s).rooms_left(start, date.max, room_id=room.id)
        if row.rooms_left < 0:
            busy = room.quantity - row.rooms_left
            raise StillInUse(
                f"'{room.name}' has {busy} rooms taken on its busiest coming night; "
                f"it cannot go down to {room.quantity} rooms. Move or cancel those stays first.")

    async def delete_room(self, room_id: int) -> None:
        async with self._write() as s:
            room = await RoomDAO(s).find_by_id(room_id)
            if room is None:
                raise NotFound("Room type", room_id)
            await self._refuse_if_booked(s, f"Room type '{room.name}'", room_id=room_id)
            await self._delete_room_type(s, room)

    @staticmethod
    async def _delete_room_type(s: AsyncSession, room: models.Room) -> None:
        """A room type with no bookings, with its physical rooms."""
        for unit in await UnitDAO(s).find_all(room_id=room.id):
            await s.delete(unit)
        await s.flush()
        await RoomDAO(s).delete(room.id)

    async def _refuse_if_booked(self, s: AsyncSession, what: str, **owner: int) -> None:
        bookings = BookingDAO(s)
        current = await bookings.count_for(ending_after=self.today(), **owner)
        if current:
            raise StillInUse(f"{what} has {current} current or future bookings; "
                             "cancel or move them before deleting it.")
        history = await bookings.count_for(**owner)
        if history:
            raise StillInUse(f"{what} has {history} past or cancelled bookings kept as history, "
                             "so it cannot be deleted.")

    async def list_rooms(self, hotel_id: int) -> list[dto.Room]:
        async with self._read() as s:
            return [records.room(r) for r in await RoomDAO(s).for_hotel(hotel_id)]

    async def get_room(self, room_id: int) -> dto.Room:
        async with self._read() as s:
            row = await RoomDAO(s).find_by_id(room_id)
            if row is None:
                raise NotFound("Room type", room_id)
            return records.room(row)

    async def rooms_left(self, hotel_id: int, date_from: date,
                         date_to: date) -> list[dto.Availability]:
        """Per room type of the hotel: quantity minus the busiest night of [date_from, date_to)."""
        start, end = rules.stay(date_from, date_to)
        async with self._read() as s:
            rows = await RoomDAO(s).rooms_left(start, end, hotel_id=hotel_id)
        return [dto.Availability(*row) for row in rows]

    # -- guests -------------------------------------------------------------------------------

    async def add_guest(self, full_name: str, phone: str | None = None, email: str | None = None,
                        document: str | None = None, notes: str = "") -> dto.Guest:
        values = self._guest_values(full_name=full_name, phone=phone, email=email,
                                    document=document, notes=notes)
        async with self._write() as s:
            return records.guest(await GuestDAO(s).add(**values))

    async def update_guest(self, guest_id: int, **changes: Any) -> dto.Guest:
        rules.changes(changes, {"full_name", "phone", "email", "document", "notes"}, "guest")
        values = self._guest_values(**changes)
        async with self._write() as s:
            row = await GuestDAO(s).update(guest_id, **values)
            if row is None:
                raise NotFound("Guest", guest_id)
            return records.guest(row)

    async def delete_guest(self, guest_id: int) -> None:
        """Only a guest with no bookings at all: stays are history that names its guest."""
        async with self._write() as s:
            guest = await GuestDAO(s).find_by_id(guest_id)
            if guest is None:
                raise NotFound("Guest", guest_id)
            await self._refuse_if_booked(s, f"Guest '{guest.full_name}'", guest_id=guest_id)
            await GuestDAO(s).delete(guest_id)

    @staticmethod
    def _guest_values(**given: Any) -> dict[str, Any]:
        checks = {
            "full_name": lambda v: rules.text("full_name", "Guest name", v, 200),
            "phone": rules.phone,
            "email": rules.email,
            "document": lambda v: rules.optional_text("document", "Document number", v, 60),
            "notes": lambda v: rules.text("notes", "Notes", v, 2000, required=False),
        }
        return {key: checks[key](value) for key, value in given.items()}

    async def find_guests(self, text: str, limit: int = 50) -> list[dto.Guest]:
        async with self._read() as s:
            return [records.guest(g) for g in await GuestDAO(s).search(text, limit)]

    async def get_guest(self, guest_id: int) -> dto.Guest:
        async with self._read() as s:
            row = await GuestDAO(s).find_by_id(guest_id)
            if row is None:
                raise NotFound("Guest", guest_id)
            return records.guest(row)

    # -- bookings -----------------------------------------------------------------------------

    async def book(self, room_id: int, guest_id: int, date_from: date, date_to: date,
                   price: int | None = None, notes: str = "") -> dto.Booking:
        start, end = rules.stay(date_from, date_to)
        if start < self.today():
            raise ValidationError("date_from", "Arrival cannot be in the past.")
        if price is not None:
            price = rules.money("price", "Price", price)
        notes = rules.text("notes", "Notes", notes, 2000, required=False)
        async with self._write() as s:
            room = await RoomDAO(s).find_by_id(room_id)
            if room is None:
                raise NotFound("Room type", room_id)
            if await GuestDAO(s).find_by_id(guest_id) is None:
                raise NotFound("Guest", guest_id)
            await self._require_room(s, room, start, end)
            booking = await BookingDAO(s).add(
                room_id=room_id, guest_id=guest_id, date_from=start, date_to=end,
                price=room.price if price is None else price, notes=notes,
                status=Status.CONFIRMED.value)
            return await self._booking_row(s, booking.id)

    async def _require_room(self, s: AsyncSession, room: models.Room, start: date, end: date,
                            ignore_booking: int | None = None) -> None:
        rooms = RoomDAO(s)
        (row,) = await rooms.rooms_left(start, end, room_id=room.id, ignore_booking=ignore_booking)
        if row.rooms_left < 1:
            stays = await rooms.stays(room.id, start, end, ignore_booking)
            raise NotAvailable(room.name, _busiest_night(stays, start, end, room.quantity))

    @staticmethod
    async def _booking_row(s: AsyncSession, booking_id: int) -> dto.Booking:
        row = await BookingDAO(s).row(booking_id)
        if row is None:
            raise NotFound("Booking", booking_id)
        return records.booking(row)

    async def _booking_for_change(self, s: AsyncSession, booking_id: int) -> models.Booking:
        booking = await BookingDAO(s).find_by_id(booking_id)
        if booking is None:
            raise NotFound("Booking", booking_id)
        return booking

    async def change_dates(self, booking_id: int, date_from: date, date_to: date) -> dto.Booking:
        """New dates for a stay, in its room type; it keeps its room while that room is free
        (a confirmed stay gives up a room it cannot keep; a checked-in one is refused)."""
        async with self._write() as s:
            booking = await self._booking_for_change(s, booking_id)
            quote = await self._plan_move(s, booking, date_from=date_from, date_to=date_to,
                                          dates_given=True)
            return await self._apply_move(s, booking, quote)

    async def _set_status(self, booking_id: int, new: Status, allowed_from: set[Status],
                          verb: str, **extra: Any) -> dto.Booking:
        async with self._write() as s:
            booking = await self._booking_for_change(s, booking_id)
            current = Status(booking.status)
            if current not in allowed_from:
                raise StatusNotAllowed(
                    f"Booking {booking_id} is {current.phrase}, so it cannot be {verb}.")
            self._check_day(booking, new)
            if new is Status.CHECKED_IN:
                await self._assign_on_check_in(s, booking)
            if new is Status.CHECKED_OUT:
                await self._mark_dirty(s, booking)
            booking.status = new.value
            for name, value in extra.items():
                setattr(booking, name, value)
            if new is Status.CHECKED_OUT:
                # Leaving early frees the remaining nights; the stay now ends today.
                today = self.today()
                if today < booking.date_to:
                    booking.date_to = max(today, booking.date_from + timedelta(days=1))
            await s.flush()
            return await self._booking_row(s, booking_id)

    def _check_day(self, booking: models.Booking, new: Status) -> None:
        today = self.today()
        if new is Status.CHECKED_IN and not booking.date_from <= today < booking.date_to:
            raise StatusNotAllowed(
                f"Booking {booking.id} is for {booking.date_from:%d %b %Y} to "
                f"{booking.date_to:%d %b %Y}; a guest can check in only during the stay. "
                "Change the dates first.")
        if new is Status.NO_SHOW and today < booking.date_from:
            raise StatusNotAllowed(
                f"Booking {booking.id} arrives on {booking.date_from:%d %b %Y}; it cannot be a "
                "no-show before then.")

    async def cancel(self, booking_id: int, reason: str = "") -> dto.Booking:
        reason = rules.text("reason", "Reason", reason, REASON_MAX, required=False)
        return await self._set_status(booking_id, Status.CANCELLED, {Status.CONFIRMED},
                                      "cancelled", cancel_reason=reason or None)

    async def check_in(self, booking_id: int) -> dto.Booking:
        return await self._set_status(booking_id, Status.CHECKED_IN, {Status.CONFIRMED},
                                      "checked in")

    async def check_out(self, booking_id: int) -> dto.Booking:
        return await self._set_status(booking_id, Status.CHECKED_OUT, {Status.CHECKED_IN},
                                      "checked out")

    async def mark_no_show(self, booking_id: int) -> dto.Booking:
        return await self._set_status(booking_id, Status.NO_SHOW, {Status.CONFIRMED},
                                      "marked as a no-show")

    async def get_booking(self, booking_id: int) -> dto.Booking:
        async with self._read() as s:
            return await self._booking_row(s, booking_id)

    @staticmethod
    def _filter(**given: Any) -> BookingFilter:
        rules.changes(given, {"hotel_id", "room_id", "guest_id", "status", "date_from", "date_to",
                              "text"}, "booking filter")
        status = given.pop("status", ())
        if isinstance(status, (str, Status)):
            status = (status,)
        try:
            statuses = tuple(Status(s) for s in status)
        except ValueError as exc:
            raise ValidationError("status", f"Unknown booking status ({exc}).") from exc
        return BookingFilter(statuses=statuses, **{**given, "text": given.get("text") or ""})

    async def list_bookings(self, *, sort: str = "date_from", descending: bool = False,
                            offset: int = 0, limit: int = 50, **filters: Any) -> list[dto.Booking]:
        """A page of bookings. Filters: hotel_id, room_id, guest_id, status (one or several),
        date_from/date_to (stays with a night in that range), text (guest name or booking id).
        Sort by id, date_from, date_to, guest, room, hotel, status, price or created."""
        if sort not in BookingDAO.sort_keys():
            raise ValidationError("sort", f"Bookings cannot be sorted by '{sort}'.")
        rules.whole("offset", "Offset", offset, minimum=0)
        rules.whole("limit", "Limit", limit, minimum=1, maximum=1000)
        where = self._filter(**filters)
        async with self._read() as s:
            rows = await BookingDAO(s).page(where, sort=sort, descending=descending,
                                            offset=offset, limit=limit)
        return [records.booking(r) for r in rows]

    async def count_bookings(self, **filters: Any) -> int:
        where = self._filter(**filters)
        async with self._read() as s:
            return await BookingDAO(s).count_matching(where)

    async def arrivals(self, hotel_id: int, day: date) -> list[dto.Booking]:
        async with self._read() as s:
            return [records.booking(r) for r in await BookingDAO(s).arrivals(hotel_id, day)]

    async def departures(self, hotel_id: int, day: date) -> list[dto.Booking]:
        async with self._read() as s:
            return [records.booking(r) for r in await BookingDAO(s).departures(hotel_id, day)]

    async def in_house(self, hotel_id: int, day: date) -> list[dto.Booking]:
        async with self._read() as s:
            return [records.booking(r) for r in await BookingDAO(s).in_house(hotel_id, day)]
