"""FrontDesk: the one public entry point (GUI, CLI and scripts), one unit of work per call."""

from __future__ import annotations

import asyncio
import os
import random
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from frontdesk import dto
from frontdesk.config import resolve_database
from frontdesk.dao import BookingDAO, GuestDAO, HotelDAO, RoomDAO
from frontdesk.dao.bookings import BookingFilter
from frontdesk.dao.history import HistoryDAO
from frontdesk.dao.units import UnitDAO
from frontdesk.dates import day_text
from frontdesk.db import faults, models
from frontdesk.db.engine import READ, WRITE, settle, sqlite_path
from frontdesk.db.migrate import MigrationReport, open_engine
from frontdesk.domain import stays
from frontdesk.domain.stays import Action
from frontdesk.dto import Status
from frontdesk.errors import (
    DatabaseDamaged,
    NotAvailable,
    NotFound,
    StatusNotAllowed,
    StillInUse,
    ValidationError,
)
from frontdesk.limits import REASON_MAX
from frontdesk.services import records, rules
from frontdesk.services.units import PhysicalRooms
from frontdesk.words import plural, shown

Today = Callable[[], date]

# The status each action of _set_status leaves a booking in.
NEW_STATUS = {Action.CANCEL: Status.CANCELLED, Action.CHECK_IN: Status.CHECKED_IN,
              Action.CHECK_OUT: Status.CHECKED_OUT, Action.NO_SHOW: Status.NO_SHOW}


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


# How long a write waits for another desk's write lock in all, and after how long the window
# is told that it is waiting.
WRITE_WAIT_S = 3.0
WAIT_REPORT_S = 0.3


@dataclass
class _Health:
    """What every FrontDesk on one database shares: who hears about waits, and whether the
    database was found damaged (then nothing more is written to it)."""

    waiting: Callable[[bool], None] | None = None
    damaged: DatabaseDamaged | None = None


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
        self._health = _Health()

    def with_today(self, today: Today) -> FrontDesk:
        """The same database seen from another day (e.g. to enter past stays)."""
        if not callable(today):
            raise ValidationError("today", "Today must be a function that returns the date.")
        desk = FrontDesk(self.engine, self.migration, today=today)
        desk._health = self._health
        return desk

    def on_waiting(self, report: Callable[[bool], None] | None) -> None:
        """`report(True)` when a write has waited WAIT_REPORT_S for another desk to finish
        saving, `report(False)` once it is done waiting (the window says so meanwhile)."""
        if report is not None and not callable(report):
            raise ValidationError("report", "Report must be a function that takes True or "
                                            "False, or None.")
        self._health.waiting = report

    @property
    def database(self) -> str:
        """The database as people name it: its file, or a server's URL without the password."""
        path = sqlite_path(self.engine.url)
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    def _read(self) -> AbstractAsyncContextManager[AsyncSession]:
        return self._work(self._reader)

    def _snapshot(self) -> AbstractAsyncContextManager[AsyncSession]:
        return self._work(self._snapshotter)

    def _write(self) -> AbstractAsyncContextManager[AsyncSession]:
        # The services check first; a driver error (a rule only SQL saw, a busy or damaged
        # database, a full disk) becomes its sentence in frontdesk.db.faults.
        return self._work(self._writer)

    @asynccontextmanager
    async def _work(self, maker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
        """One unit of work: commit at the end, roll back on an error. A cancelled unit has
        ended its transaction and closed any connection it gave up before the cancellation
        goes on (frontdesk.db.engine.settle). A write first takes the write lock (see
        _take_write_lock); once the database was found damaged, no write is tried again."""
        writing = maker is self._writer
        if writing and self._health.damaged is not None:
            raise self._health.damaged
        try:
            with faults.translated(self.database):
                try:
                    async with maker() as session:
                        if writing:
                            await self._take_write_lock(session)
                        yield session
                        await session.commit()
                except BaseException:
                    await settle()
                    raise
        except DatabaseDamaged as damaged:
            self._health.damaged = damaged
            raise

    async def _take_write_lock(self, session: AsyncSession) -> None:
        """BEGIN IMMEDIATE, retried every few milliseconds while another desk holds the lock,
        for at most WRITE_WAIT_S; then DatabaseBusy. SQLite's own busy wait backs off up to
        100 ms a sleep, so a desk that waited long loses to newcomers; short, even sleeps
        let each waiter try as often as the others."""
        loop = asyncio.get_running_loop()
        began = loop.time()
        waiting = False
        try:
            while True:
                try:
                    await session.connection()  # begins IMMEDIATE (frontdesk.db.engine)
                    return
                except OperationalError as error:
                    await session.rollback()
                    waited = loop.time() - began
                    if faults.sqlite_code(error) != faults.SQLITE_BUSY or waited > WRITE_WAIT_S:
                        raise
                if not waiting and waited >= WAIT_REPORT_S and self._health.waiting:
                    waiting = True
                    self._health.waiting(True)
                await asyncio.sleep(random.uniform(0.001, 0.005))
        finally:
            if waiting and self._health.waiting:
                self._health.waiting(False)

    # -- hotels -------------------------------------------------------------------------------

    async def add_hotel(self, name: str, location: str, stars: int, *,
                        currency: str = rules.DEFAULT_CURRENCY) -> dto.Hotel:
        values = self._hotel_values(name=name, location=location, stars=stars, currency=currency)
        async with self._write() as s:
            return records.hotel(await HotelDAO(s).add(**values))

    async def update_hotel(self, hotel_id: int, **changes: Any) -> dto.Hotel:
        """A new currency keeps every amount as it reads: from EUR to JPY, 22,000.00 becomes
        ¥22,000 (prices are minor units, so they are rescaled, rounded half up)."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        rules.changes(changes, {"name", "location", "stars", "currency"}, "hotel")
        values = self._hotel_values(**changes)
        async with self._write() as s:
            hotels = HotelDAO(s)
            row = await self._find_hotel(s, hotel_id)
            convert = rules.new_currency(row.currency, values.get("currency", row.currency))
            if convert is not None:
                await hotels.rescale_prices(hotel_id, convert)
            updated = await hotels.update(hotel_id, **values)
            assert updated is not None
            return records.hotel(updated)

    @staticmethod
    def _hotel_values(**given: Any) -> dict[str, Any]:
        checks = {
            "name": lambda v: rules.text("name", "Hotel name", v, 100),
            "location": lambda v: rules.text("location", "Location", v, 200),
            "stars": lambda v: rules.whole("stars", "Stars", v, minimum=1, maximum=5),
            "currency": rules.currency,
        }
        return {key: checks[key](value) for key, value in given.items()}

    async def delete_hotel(self, hotel_id: int) -> None:
        rules.ident("hotel_id", "Hotel", hotel_id)
        async with self._write() as s:
            hotel = await self._find_hotel(s, hotel_id)
            await self._refuse_if_booked(s, f"Hotel '{hotel.name}'", hotel_id=hotel_id)
            for room in await RoomDAO(s).for_hotel(hotel_id):
                await self._delete_room_type(s, room)
            await HotelDAO(s).delete(hotel_id)

    async def list_hotels(self) -> list[dto.Hotel]:
        async with self._read() as s:
            return [records.hotel(h) for h in await HotelDAO(s).list_ordered()]

    async def find_hotels(self, location: str = "") -> list[dto.Hotel]:
        location = rules.search("location", "Location", location)
        async with self._read() as s:
            return [records.hotel(h) for h in await HotelDAO(s).search_by_location(location)]

    async def hotel_summaries(self, location: str = "",
                              night: date | None = None) -> list[dto.HotelSummary]:
        """Hotels with their room types, rooms and rooms left on `night` (default: tonight)."""
        location = rules.search("location", "Location", location)
        night = rules.optional_day("night", "Night", night)
        async with self._read() as s:
            rows = await HotelDAO(s).summaries(night or self.today(), location or None)
        return [dto.HotelSummary(*row) for row in rows]

    async def get_hotel(self, hotel_id: int) -> dto.Hotel:
        rules.ident("hotel_id", "Hotel", hotel_id)
        async with self._read() as s:
            return records.hotel(await self._find_hotel(s, hotel_id))

    @staticmethod
    async def _find_hotel(s: AsyncSession, hotel_id: int) -> models.Hotel:
        row = await HotelDAO(s).find_by_id(hotel_id)
        if row is None:
            raise NotFound("Hotel", hotel_id)
        return row

    # -- room types ---------------------------------------------------------------------------

    async def add_room(self, hotel_id: int, name: str, price: int, quantity: int,
                       capacity: int = 2, description: str = "") -> dto.Room:
        rules.ident("hotel_id", "Hotel", hotel_id)
        values = self._room_values(name=name, price=price, quantity=quantity, capacity=capacity,
                                   description=description)
        async with self._write() as s:
            await self._find_hotel(s, hotel_id)
            await self._refuse_duplicate_room(s, hotel_id, values["name"])
            room = await RoomDAO(s).add(hotel_id=hotel_id, **values)
            await self._add_units(s, room, room.quantity)
            return records.room(room)

    async def update_room(self, room_id: int, **changes: Any) -> dto.Room:
        rules.ident("room_id", "Room type", room_id)
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
                                                required=False, multiline=True),
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
        rules.ident("room_id", "Room type", room_id)
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
            raise StillInUse(f"{what} has {plural(current, 'current or future booking')}; "
                             f"cancel or move {'it' if current == 1 else 'them'} first.")
        history = await bookings.count_for(**owner)
        if history:
            raise StillInUse(f"{what} has {plural(history, 'past or cancelled booking')} kept "
                             "as history, so it cannot be deleted.")

    async def list_rooms(self, hotel_id: int) -> list[dto.Room]:
        rules.ident("hotel_id", "Hotel", hotel_id)
        async with self._read() as s:
            rows = await RoomDAO(s).for_hotel(hotel_id)
            if not rows:  # a hotel with no room types yet, or no such hotel
                await self._find_hotel(s, hotel_id)
            return [records.room(r) for r in rows]

    async def get_room(self, room_id: int) -> dto.Room:
        rules.ident("room_id", "Room type", room_id)
        async with self._read() as s:
            row = await RoomDAO(s).find_by_id(room_id)
            if row is None:
                raise NotFound("Room type", room_id)
            return records.room(row)

    async def rooms_left(self, hotel_id: int, date_from: date,
                         date_to: date) -> list[dto.Availability]:
        """Per room type of the hotel: quantity minus the busiest night of [date_from, date_to)."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        start, end = rules.stay(date_from, date_to)
        async with self._read() as s:
            rows = await RoomDAO(s).rooms_left(start, end, hotel_id=hotel_id)
            if not rows:
                await self._find_hotel(s, hotel_id)
        return [dto.Availability(*row) for row in rows]

    # -- guests -------------------------------------------------------------------------------

    async def add_guest(self, full_name: str, phone: str | None = None, email: str | None = None,
                        document: str | None = None, notes: str = "") -> dto.Guest:
        values = self._guest_values(full_name=full_name, phone=phone, email=email,
                                    document=document, notes=notes)
        async with self._write() as s:
            return records.guest(await GuestDAO(s).add(**values))

    async def update_guest(self, guest_id: int, **changes: Any) -> dto.Guest:
        rules.ident("guest_id", "Guest", guest_id)
        rules.changes(changes, {"full_name", "phone", "email", "document", "notes"}, "guest")
        values = self._guest_values(**changes)
        async with self._write() as s:
            row = await GuestDAO(s).update(guest_id, **values)
            if row is None:
                raise NotFound("Guest", guest_id)
            return records.guest(row)

    async def delete_guest(self, guest_id: int) -> None:
        """Only a guest with no bookings at all: stays are history that names its guest."""
        rules.ident("guest_id", "Guest", guest_id)
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
            "notes": lambda v: rules.text("notes", "Notes", v, 2000, required=False,
                                          multiline=True),
        }
        return {key: checks[key](value) for key, value in given.items()}

    async def find_guests(self, text: str, limit: int = 50) -> list[dto.Guest]:
        text = rules.search("text", "Search text", text)
        limit = rules.limit(limit)
        async with self._read() as s:
            return [records.guest(g) for g in await GuestDAO(s).search(text, limit)]

    async def similar_guests(self, full_name: str, phone: str | None = None,
                             email: str | None = None) -> list[dto.Guest]:
        """Guests who may be this person already: the same name (case, accents, spacing and
        word order aside) and the same phone number (its last 8 digits) or e-mail address.
        Ask before adding; `add_guest` itself never refuses a namesake (scripts may add one).
        The values are those about to be saved: the lengths of add_guest, not its formats."""
        full_name = rules.text("full_name", "Guest name", full_name, 200, required=False)
        phone = rules.optional_text("phone", "Phone", phone, 40)
        email = rules.optional_text("email", "E-mail", email, 200)
        async with self._read() as s:
            return [records.guest(g) for g in await GuestDAO(s).similar(full_name, phone, email)]

    async def get_guest(self, guest_id: int) -> dto.Guest:
        rules.ident("guest_id", "Guest", guest_id)
        async with self._read() as s:
            row = await GuestDAO(s).find_by_id(guest_id)
            if row is None:
                raise NotFound("Guest", guest_id)
            return records.guest(row)

    # -- bookings -----------------------------------------------------------------------------

    async def book(self, room_id: int, guest_id: int, date_from: date, date_to: date,
                   price: int | None = None, notes: str = "") -> dto.Booking:
        rules.ident("room_id", "Room type", room_id)
        rules.ident("guest_id", "Guest", guest_id)
        start, end = rules.stay(date_from, date_to)
        if start < self.today():
            raise ValidationError("date_from", "Arrival cannot be in the past.")
        if price is not None:
            price = rules.money("price", "Price", price)
        notes = rules.text("notes", "Notes", notes, 2000, required=False, multiline=True)
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
        rules.ident("booking_id", "Booking", booking_id)
        rules.stay(date_from, date_to)
        async with self._write() as s:
            booking = await self._booking_for_change(s, booking_id)
            quote = await self._plan_move(s, booking, date_from=date_from, date_to=date_to,
                                          dates_given=True)
            return await self._apply_move(s, booking, quote)

    async def _set_status(self, booking_id: int, action: Action, **extra: Any) -> dto.Booking:
        """Cancel, check in, check out or no-show, if the rule of frontdesk.domain.stays
        allows it today."""
        rules.ident("booking_id", "Booking", booking_id)
        async with self._write() as s:
            booking = await self._booking_for_change(s, booking_id)
            self._check_day(booking, action)
            if action is Action.CHECK_IN:
                unit = await self._room_for_check_in(s, booking, extra.pop("unit_id", None))
                booking.unit_id = unit.id
            if action is Action.CHECK_OUT:
                await self._mark_dirty(s, booking)
                # Leaving early frees the rest and keeps the booked departure for an undo; an
                # overdue stay keeps its dates (see departure_after_check_out).
                departure = stays.departure_after_check_out(booking.date_from, booking.date_to,
                                                            self.today())
                if departure != booking.date_to:
                    booking.planned_date_to, booking.date_to = booking.date_to, departure
            booking.status = NEW_STATUS[action].value
            for name, value in extra.items():
                setattr(booking, name, value)
            await s.flush()
            return await self._booking_row(s, booking_id)

    def _check_day(self, booking: models.Booking, action: Action) -> None:
        """Refuse what the booking's status and today's date do not allow (one rule, shared
        with the window: frontdesk.domain.stays.why_not)."""
        problem = stays.why_not(action, booking.status, booking.date_from, booking.date_to,
                                self.today(), booking=f"Booking {booking.id}")
        if problem is not None:
            raise StatusNotAllowed(problem)

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

    async def undo_check_in(self, booking_id: int, reason: str) -> dto.Booking:
        """A check-in made by mistake: the stay is confirmed again (it keeps its room); the
        reason is required and kept in the stay's history."""
        rules.ident("booking_id", "Booking", booking_id)
        reason = rules.text("reason", "Reason", reason, REASON_MAX)
        async with self._write() as s:
            booking = await self._booking_for_change(s, booking_id)
            self._check_day(booking, Action.UNDO_CHECK_IN)
            booking.status = Status.CONFIRMED.value
            await HistoryDAO(s).add(booking_id=booking.id, action=Action.UNDO_CHECK_IN.value,
                                    reason=reason)
            return await self._booking_row(s, booking_id)

    async def undo_check_out(self, booking_id: int, reason: str) -> dto.Booking:
        """A check-out made by mistake: the guest is checked in again, in the same room, and an
        early check-out gets back the departure it had. Refused when the room (or, for the
        nights given back, the room type) has been taken since; the reason is required and
        kept in the stay's history."""
        rules.ident("booking_id", "Booking", booking_id)
        reason = rules.text("reason", "Reason", reason, REASON_MAX)
        async with self._write() as s:
            booking = await self._booking_for_change(s, booking_id)
            self._check_day(booking, Action.UNDO_CHECK_OUT)
            ended, planned = booking.date_to, booking.planned_date_to or booking.date_to
            if booking.unit_id is not None:
                unit = await UnitDAO(s).find_by_id(booking.unit_id)
                assert unit is not None
                await self._refuse_occupied(s, unit, booking.id)
                night = await UnitDAO(s).first_taken_night(unit.id, ended, planned, booking.id) \
                    if planned > ended else None
                if night is not None:
                    raise StatusNotAllowed(
                        f"Room {unit.number} has been given to another stay from the night of "
                        f"{day_text(night)}, so the check-out of booking {booking.id} cannot "
                        f"be undone with its departure of {day_text(planned)}. Move that "
                        "stay first, or book the guest again.")
            if planned > ended:
                room = await RoomDAO(s).find_by_id(booking.room_id)
                assert room is not None
                try:
                    await self._require_room(s, room, ended, planned, ignore_booking=booking.id)
                except NotAvailable as exc:
                    raise StatusNotAllowed(
                        f"The nights booking {booking.id} gave up have been sold again (no "
                        f"'{room.name}' room is free on the night of {day_text(exc.night)}), "
                        "so its check-out cannot be undone. Move or cancel a stay first.") \
                        from exc
            booking.date_to, booking.planned_date_to = planned, None
            booking.status = Status.CHECKED_IN.value
            await HistoryDAO(s).add(booking_id=booking.id, action=Action.UNDO_CHECK_OUT.value,
                                    reason=reason)
            return await self._booking_row(s, booking_id)

    async def stay_history(self, booking_id: int) -> list[dto.StayEvent]:
        """The check-ins and check-outs of a stay that were undone, oldest first."""
        rules.ident("booking_id", "Booking", booking_id)
        async with self._read() as s:
            events = await HistoryDAO(s).for_booking(booking_id)
            if not events:
                await self._booking_row(s, booking_id)  # NotFound for no such booking
            return [dto.StayEvent(e.booking_id, e.created_at, e.action, e.reason)
                    for e in events]

    async def get_booking(self, booking_id: int) -> dto.Booking:
        rules.ident("booking_id", "Booking", booking_id)
        async with self._read() as s:
            return await self._booking_row(s, booking_id)

    @staticmethod
    def _filter(**given: Any) -> BookingFilter:
        rules.changes(given, {"hotel_id", "room_id", "guest_id", "status", "date_from", "date_to",
                              "text"}, "booking filter")
        status = given.get("status", ())
        if isinstance(status, (str, Status)):
            status = (status,)
        if not isinstance(status, (list, tuple, set, frozenset)):
            raise ValidationError("status", "Status must be a booking status or a list of them.")
        statuses = []
        for value in status:
            try:
                statuses.append(Status(value))
            except (ValueError, TypeError):
                raise ValidationError(
                    "status", f"Unknown booking status '{shown(value)}' (one of "
                              f"{', '.join(s.value for s in Status)}).") from None
        text = rules.search("text", "Search text", given.get("text"))
        return BookingFilter(
            hotel_id=rules.optional_ident("hotel_id", "Hotel", given.get("hotel_id")),
            room_id=rules.optional_ident("room_id", "Room type", given.get("room_id")),
            guest_id=rules.optional_ident("guest_id", "Guest", given.get("guest_id")),
            statuses=tuple(statuses),
            date_from=rules.optional_day("date_from", "From", given.get("date_from")),
            date_to=rules.optional_day("date_to", "To", given.get("date_to")),
            text=text, number=rules.booking_number(text))

    async def _refuse_unknown_owners(self, s: AsyncSession, where: BookingFilter) -> None:
        """An empty list for a hotel, room type or guest that is not there is NotFound."""
        if where.hotel_id is not None:
            await self._find_hotel(s, where.hotel_id)
        if where.room_id is not None:
            await self._room_type(s, where.room_id)
        if where.guest_id is not None and await GuestDAO(s).find_by_id(where.guest_id) is None:
            raise NotFound("Guest", where.guest_id)

    async def list_bookings(self, *, sort: str = "date_from", descending: bool = False,
                            offset: int = 0, limit: int = 50, **filters: Any) -> list[dto.Booking]:
        """A page of bookings. Filters: hotel_id, room_id, guest_id, status (one or several),
        date_from/date_to (stays with a night in that range), text (the first letters of a word
        of the guest's name, or a booking number, which finds its booking whatever the dates).
        Sort by id, date_from, date_to, guest, room, hotel, status, price or created."""
        if not isinstance(sort, str) or sort not in BookingDAO.sort_keys():
            raise ValidationError("sort", f"Bookings cannot be sorted by '{shown(sort)}'.")
        rules.flag("descending", "Descending", descending)
        rules.offset(offset)
        rules.limit(limit)
        where = self._filter(**filters)
        async with self._read() as s:
            rows = await BookingDAO(s).page(where, sort=sort, descending=descending,
                                            offset=offset, limit=limit)
            if not rows:
                await self._refuse_unknown_owners(s, where)
        return [records.booking(r) for r in rows]

    async def count_bookings(self, **filters: Any) -> int:
        where = self._filter(**filters)
        async with self._read() as s:
            count = await BookingDAO(s).count_matching(where)
            if not count:
                await self._refuse_unknown_owners(s, where)
            return count

    async def arrivals(self, hotel_id: int, day: date) -> list[dto.Booking]:
        rules.ident("hotel_id", "Hotel", hotel_id)
        rules.day("day", "Day", day)
        async with self._read() as s:
            rows = await BookingDAO(s).arrivals(hotel_id, day, self.today())
            if not rows:
                await self._find_hotel(s, hotel_id)
        return [records.booking(r) for r in rows]

    async def departures(self, hotel_id: int, day: date) -> list[dto.Booking]:
        """Stays that end on `day` and, up to today, overdue stays (still checked in after
        their departure) until they are checked out."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        rules.day("day", "Day", day)
        async with self._read() as s:
            rows = await BookingDAO(s).departures(hotel_id, day, self.today())
            if not rows:
                await self._find_hotel(s, hotel_id)
        return [records.booking(r) for r in rows]

    async def in_house(self, hotel_id: int, day: date) -> list[dto.Booking]:
        """Checked-in guests sleeping there on the night of `day` and, up to today, overdue
        ones (they are still there)."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        rules.day("day", "Day", day)
        async with self._read() as s:
            rows = await BookingDAO(s).in_house(hotel_id, day, self.today())
            if not rows:
                await self._find_hotel(s, hotel_id)
        return [records.booking(r) for r in rows]
