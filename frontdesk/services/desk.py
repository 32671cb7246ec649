"""FrontDesk: the one public entry point (GUI, CLI and scripts), a thin facade over the areas.

Each call is one use case of one area, so one unit of work (frontdesk/services/uow.py):

- catalogue (services/catalogue.py): hotels, room types, rooms left;
- guests (services/guests.py): guests, search, possible duplicates;
- bookings (services/bookings.py): selling, dates, check-in and -out, the lists;
- rooms (services/rooms.py): physical rooms, housekeeping, out of order, assignment, moves;
- the room grid (services/grid.py).

The facade keeps the documented signatures (README "Scripting"); the areas check each argument
in the order of those signatures and turn `**changes` and `**filters` into typed patches and
filters (services/patches.py).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from frontdesk import dto
from frontdesk.config import resolve_database
from frontdesk.db.migrate import MigrationReport, open_engine
from frontdesk.domain.clock import Clock, system_today
from frontdesk.dto import Housekeeping
from frontdesk.errors import ValidationError
from frontdesk.services import rules
from frontdesk.services.bookings import Bookings
from frontdesk.services.catalogue import Catalogue
from frontdesk.services.grid import RoomGrid
from frontdesk.services.guests import Guests
from frontdesk.services.rooms import Rooms
from frontdesk.services.uow import ChangeListener, Database


@asynccontextmanager
async def open_desk(target: str | os.PathLike[str] | None = None, *,
                    today: Clock = system_today) -> AsyncIterator[FrontDesk]:
    """Open (and migrate) a database: a file path or SQLAlchemy URL; None means the default.

    `today` tells the desk which day it is (check-out day, what counts as the past).
    """
    engine, report = await open_engine(resolve_database(target))
    try:
        yield FrontDesk(engine, report, today=today)
    finally:
        await engine.dispose()


class FrontDesk:
    """Every use case of the front desk. Obtain one with `open_desk`."""

    def __init__(self, engine: AsyncEngine, migration: MigrationReport, *,
                 today: Clock = system_today, _db: Database | None = None) -> None:
        self.engine = engine
        self.migration = migration
        self.today = today
        self._db = _db or Database(engine, today)
        self._catalogue = Catalogue(self._db)
        self._guests = Guests(self._db)
        self._bookings = Bookings(self._db)
        self._rooms = Rooms(self._db)
        self._grid = RoomGrid(self._db)

    # -- the desk itself ----------------------------------------------------------------------

    def with_today(self, today: Clock) -> FrontDesk:
        """The same database seen from another day (e.g. to enter past stays)."""
        if not callable(today):
            raise ValidationError("today", "Today must be a function that returns the date.")
        return FrontDesk(self.engine, self.migration, today=today,
                         _db=self._db.with_today(today))

    def on_waiting(self, report: Callable[[bool], None] | None) -> None:
        """`report(True)` when a write has waited a while for another desk to finish saving,
        `report(False)` once it is done waiting (the window says so meanwhile)."""
        if report is not None and not callable(report):
            raise ValidationError("report", "Report must be a function that takes True or "
                                            "False, or None.")
        self._db.shared.waiting = report

    def on_change(self, listener: ChangeListener) -> Callable[[], None]:
        """Call `listener(changes)` after each call that changed something, with what it
        changed (a tuple of dto.Change: kind and ids). Returns a function that stops it."""
        if not callable(listener):
            raise ValidationError("listener", "The listener must be a function that takes "
                                              "the changes.")
        return self._db.listen(listener)

    @property
    def database(self) -> str:
        """The database as people name it: its file, or a server's URL without the password."""
        return self._db.name

    # -- hotels and room types (services/catalogue.py) ----------------------------------------

    async def add_hotel(self, name: str, location: str, stars: int, *,
                        currency: str = rules.DEFAULT_CURRENCY) -> dto.Hotel:
        return await self._catalogue.add_hotel(name, location, stars, currency)

    async def update_hotel(self, hotel_id: int, **changes: Any) -> dto.Hotel:
        """Fields: name, location, stars, currency (a new currency keeps every amount as it
        reads: from EUR to JPY, 22,000.00 becomes ¥22,000)."""
        return await self._catalogue.update_hotel(hotel_id, changes)

    async def delete_hotel(self, hotel_id: int) -> None:
        await self._catalogue.delete_hotel(hotel_id)

    async def get_hotel(self, hotel_id: int) -> dto.Hotel:
        return await self._catalogue.get_hotel(hotel_id)

    async def list_hotels(self) -> list[dto.Hotel]:
        return await self._catalogue.list_hotels()

    async def find_hotels(self, location: str = "") -> list[dto.Hotel]:
        return await self._catalogue.find_hotels(location)

    async def hotel_summaries(self, location: str = "",
                              night: date | None = None) -> list[dto.HotelSummary]:
        return await self._catalogue.hotel_summaries(location, night)

    async def add_room(self, hotel_id: int, name: str, price: int, quantity: int,
                       capacity: int = 2, description: str = "") -> dto.Room:
        return await self._catalogue.add_room(hotel_id, name, price, quantity, capacity,
                                              description)

    async def update_room(self, room_id: int, **changes: Any) -> dto.Room:
        """Fields: name, price, quantity, capacity, description."""
        return await self._catalogue.update_room(room_id, changes)

    async def delete_room(self, room_id: int) -> None:
        await self._catalogue.delete_room(room_id)

    async def get_room(self, room_id: int) -> dto.Room:
        return await self._catalogue.get_room(room_id)

    async def list_rooms(self, hotel_id: int) -> list[dto.Room]:
        return await self._catalogue.list_rooms(hotel_id)

    async def rooms_left(self, hotel_id: int, date_from: date,
                         date_to: date) -> list[dto.Availability]:
        return await self._catalogue.rooms_left(hotel_id, date_from, date_to)

    # -- guests (services/guests.py) ----------------------------------------------------------

    async def add_guest(self, full_name: str, phone: str | None = None, email: str | None = None,
                        document: str | None = None, notes: str = "") -> dto.Guest:
        return await self._guests.add_guest(full_name, phone, email, document, notes)

    async def update_guest(self, guest_id: int, **changes: Any) -> dto.Guest:
        """Fields: full_name, phone, email, document, notes."""
        return await self._guests.update_guest(guest_id, changes)

    async def delete_guest(self, guest_id: int) -> None:
        await self._guests.delete_guest(guest_id)

    async def get_guest(self, guest_id: int) -> dto.Guest:
        return await self._guests.get_guest(guest_id)

    async def find_guests(self, text: str, limit: int = 50) -> list[dto.Guest]:
        return await self._guests.find_guests(text, limit)

    async def similar_guests(self, full_name: str, phone: str | None = None,
                             email: str | None = None) -> list[dto.Guest]:
        return await self._guests.similar_guests(full_name, phone, email)

    # -- bookings (services/bookings.py) ------------------------------------------------------

    async def book(self, room_id: int, guest_id: int, date_from: date, date_to: date,
                   price: int | None = None, notes: str = "", *,
                   unit_id: int | None = None) -> dto.Booking:
        """Sell a stay (in the physical room `unit_id`, if given)."""
        return await self._bookings.book(room_id, guest_id, date_from, date_to, price, notes,
                                        unit_id=unit_id)

    async def book_new_guest(self, room_id: int, guest: dto.NewGuest, date_from: date,
                             date_to: date, price: int | None = None, notes: str = "", *,
                             unit_id: int | None = None) -> dto.Booking:
        """Add the guest and sell the stay in one transaction: both are saved, or neither."""
        return await self._bookings.book_new_guest(room_id, guest, date_from, date_to, price,
                                                   notes, unit_id=unit_id)

    async def change_dates(self, booking_id: int, date_from: date, date_to: date) -> dto.Booking:
        return await self._bookings.change_dates(booking_id, date_from, date_to)

    async def cancel(self, booking_id: int, reason: str = "") -> dto.Booking:
        return await self._bookings.cancel(booking_id, reason)

    async def check_in(self, booking_id: int, unit_id: int | None = None) -> dto.Booking:
        return await self._bookings.check_in(booking_id, unit_id)

    async def check_out(self, booking_id: int) -> dto.Booking:
        return await self._bookings.check_out(booking_id)

    async def mark_no_show(self, booking_id: int) -> dto.Booking:
        return await self._bookings.mark_no_show(booking_id)

    async def undo_check_in(self, booking_id: int, reason: str) -> dto.Booking:
        return await self._bookings.undo_check_in(booking_id, reason)

    async def undo_check_out(self, booking_id: int, reason: str) -> dto.Booking:
        return await self._bookings.undo_check_out(booking_id, reason)

    async def stay_history(self, booking_id: int) -> list[dto.StayEvent]:
        return await self._bookings.stay_history(booking_id)

    async def get_booking(self, booking_id: int) -> dto.Booking:
        return await self._bookings.get_booking(booking_id)

    async def list_bookings(self, *, sort: str = "date_from", descending: bool = False,
                            offset: int = 0, limit: int = 50, **filters: Any) -> list[dto.Booking]:
        """A page of bookings. Filters: hotel_id, room_id, guest_id, status (one or several),
        date_from/date_to (stays with a night in that range), text (the first letters of a word
        of the guest's name, or a booking number, which finds its booking whatever the dates).
        Sort by id, date_from, date_to, guest, room, hotel, status, price or created."""
        return await self._bookings.list_bookings(filters, sort=sort, descending=descending,
                                                  offset=offset, limit=limit)

    async def count_bookings(self, **filters: Any) -> int:
        return await self._bookings.count_bookings(filters)

    async def arrivals(self, hotel_id: int, day: date) -> list[dto.Booking]:
        return await self._bookings.arrivals(hotel_id, day)

    async def departures(self, hotel_id: int, day: date) -> list[dto.Booking]:
        return await self._bookings.departures(hotel_id, day)

    async def in_house(self, hotel_id: int, day: date) -> list[dto.Booking]:
        return await self._bookings.in_house(hotel_id, day)

    # -- physical rooms (services/rooms.py) ---------------------------------------------------

    async def list_units(self, hotel_id: int) -> list[dto.Unit]:
        return await self._rooms.list_units(hotel_id)

    async def add_unit(self, room_id: int, number: str, floor: int | None = None,
                       notes: str = "") -> dto.Unit:
        return await self._rooms.add_unit(room_id, number, floor, notes)

    async def update_unit(self, unit_id: int, **changes: Any) -> dto.Unit:
        """Fields: number, floor, notes."""
        return await self._rooms.update_unit(unit_id, changes)

    async def delete_unit(self, unit_id: int) -> None:
        await self._rooms.delete_unit(unit_id)

    async def set_room_status(self, unit_id: int, status: Housekeeping | str) -> dto.Unit:
        return await self._rooms.set_room_status(unit_id, status)

    async def set_rooms_status(self, unit_ids: Sequence[int],
                               status: Housekeeping | str) -> list[dto.Unit]:
        """Mark several rooms clean, dirty or inspected in one transaction."""
        return await self._rooms.set_rooms_status(unit_ids, status)

    async def assign_room(self, booking_id: int, unit_id: int) -> dto.Booking:
        return await self._rooms.assign_room(booking_id, unit_id)

    async def unassign_room(self, booking_id: int) -> dto.Booking:
        return await self._rooms.unassign_room(booking_id)

    async def quote_move(self, booking_id: int, *, room_id: int | None = None,
                         unit_id: int | None = None, date_from: date | None = None,
                         date_to: date | None = None) -> dto.MoveQuote:
        return await self._rooms.quote_move(booking_id, room_id=room_id, unit_id=unit_id,
                                           date_from=date_from, date_to=date_to)

    async def move_stay(self, booking_id: int, *, room_id: int | None = None,
                        unit_id: int | None = None, date_from: date | None = None,
                        date_to: date | None = None) -> dto.Booking:
        return await self._rooms.move_stay(booking_id, room_id=room_id, unit_id=unit_id,
                                          date_from=date_from, date_to=date_to)

    async def rooms_for_check_in(self, booking_id: int) -> dto.CheckInRooms:
        return await self._rooms.rooms_for_check_in(booking_id)

    async def take_out_of_order(self, unit_id: int, date_from: date, date_to: date,
                                reason: str = "") -> dto.Block:
        return await self._rooms.take_out_of_order(unit_id, date_from, date_to, reason)

    async def return_to_service(self, block_id: int) -> None:
        await self._rooms.return_to_service(block_id)

    async def housekeeping(self, hotel_id: int, day: date | None = None) -> list[dto.Unit]:
        return await self._rooms.housekeeping(hotel_id, day)

    async def housekeeping_csv(self, hotel_id: int, day: date | None = None) -> str:
        return await self._rooms.housekeeping_csv(hotel_id, day)

    # -- the room grid (services/grid.py) -----------------------------------------------------

    async def room_grid(self, hotel_id: int, date_from: date, date_to: date) -> dto.Grid:
        return await self._grid.room_grid(hotel_id, date_from, date_to)
