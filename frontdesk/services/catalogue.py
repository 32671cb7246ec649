"""The catalogue: hotels and their room types, and how many rooms of each are left."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from frontdesk import dto
from frontdesk.dao.hotels import hotel_record
from frontdesk.dao.rooms import room_record
from frontdesk.db import models
from frontdesk.dto import ChangeKind
from frontdesk.errors import ValidationError
from frontdesk.services import rules
from frontdesk.services.availability import refuse_overbooked
from frontdesk.services.deletion import refuse_if_booked
from frontdesk.services.patches import HotelPatch, RoomTypePatch
from frontdesk.services.rooms import add_units, remove_units
from frontdesk.services.uow import Database, UnitOfWork


class Catalogue:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- hotels -------------------------------------------------------------------------------

    async def add_hotel(self, name: str, location: str, stars: int, currency: str) -> dto.Hotel:
        values = HotelPatch.parse({"name": name, "location": location, "stars": stars,
                                   "currency": currency}).values()
        async with self.db.write() as uow:
            hotel = await uow.hotels.add(values)
            uow.changed(ChangeKind.HOTELS, hotel.id)
            return hotel_record(hotel)

    async def update_hotel(self, hotel_id: int, changes: Mapping[str, Any]) -> dto.Hotel:
        """A new currency keeps every amount as it reads: from EUR to JPY, 22,000.00 becomes
        ¥22,000 (prices are minor units, so they are rescaled, rounded half up)."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        values = HotelPatch.parse(changes).values()
        async with self.db.write() as uow:
            hotel = await uow.hotel(hotel_id)
            convert = rules.new_currency(hotel.currency, values.get("currency", hotel.currency))
            if convert is not None:
                room_types, bookings = await uow.hotels.rescale_prices(hotel_id, convert)
                uow.changed(ChangeKind.ROOM_TYPES, *room_types)
                uow.changed(ChangeKind.BOOKINGS, *bookings)
            await uow.hotels.update(hotel, values)
            uow.changed(ChangeKind.HOTELS, hotel_id)
            return hotel_record(hotel)

    async def delete_hotel(self, hotel_id: int) -> None:
        rules.ident("hotel_id", "Hotel", hotel_id)
        async with self.db.write() as uow:
            hotel = await uow.hotel(hotel_id)
            await refuse_if_booked(uow, f"Hotel '{hotel.name}'", self.db.today(),
                                   hotel_id=hotel_id)
            for room in await uow.rooms.for_hotel(hotel_id):
                await self._delete_room_type(uow, room)
            await uow.hotels.delete(hotel)
            uow.changed(ChangeKind.HOTELS, hotel_id)

    async def list_hotels(self) -> list[dto.Hotel]:
        async with self.db.read() as uow:
            return [hotel_record(h) for h in await uow.hotels.list_ordered()]

    async def find_hotels(self, location: str = "") -> list[dto.Hotel]:
        location = rules.search("location", "Location", location)
        async with self.db.read() as uow:
            return [hotel_record(h) for h in await uow.hotels.search_by_location(location)]

    async def hotel_summaries(self, location: str = "",
                              night: date | None = None) -> list[dto.HotelSummary]:
        """Hotels with their room types, rooms and rooms left on `night` (default: tonight)."""
        location = rules.search("location", "Location", location)
        night = rules.optional_day("night", "Night", night)
        async with self.db.read() as uow:
            return await uow.hotels.summaries(night or self.db.today(), location or None)

    async def get_hotel(self, hotel_id: int) -> dto.Hotel:
        rules.ident("hotel_id", "Hotel", hotel_id)
        async with self.db.read() as uow:
            return hotel_record(await uow.hotel(hotel_id))

    # -- room types ---------------------------------------------------------------------------

    async def add_room(self, hotel_id: int, name: str, price: int, quantity: int,
                       capacity: int, description: str) -> dto.Room:
        """A room type with `quantity` rooms, numbered on from the hotel's last."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        values = RoomTypePatch.parse({"name": name, "price": price, "quantity": quantity,
                                      "capacity": capacity, "description": description}).values()
        async with self.db.write() as uow:
            await uow.hotel(hotel_id)
            await self._refuse_duplicate_name(uow, hotel_id, values["name"])
            room = await uow.rooms.add({"hotel_id": hotel_id, **values})
            await add_units(uow, room, room.quantity)
            uow.changed(ChangeKind.ROOM_TYPES, room.id)
            return room_record(room)

    async def update_room(self, room_id: int, changes: Mapping[str, Any]) -> dto.Room:
        """The quantity is the number of physical rooms: numbered ones come and go with it (a
        room that ever had a stay stays, and no coming night may end up overbooked)."""
        rules.ident("room_id", "Room type", room_id)
        values = RoomTypePatch.parse(changes).values()
        async with self.db.write() as uow:
            room = await uow.room_type(room_id)
            if "name" in values and values["name"] != room.name:
                await self._refuse_duplicate_name(uow, room.hotel_id, values["name"])
            change = values.get("quantity", room.quantity) - room.quantity
            if change < 0:
                await uow.lock_room_types(room.id)
                await remove_units(uow, room, -change)
            elif change > 0:
                await add_units(uow, room, change)
            await uow.rooms.update(room, values)
            if change < 0:
                await refuse_overbooked(uow, room, self.db.today())
            uow.changed(ChangeKind.ROOM_TYPES, room_id)
            return room_record(room)

    async def delete_room(self, room_id: int) -> None:
        rules.ident("room_id", "Room type", room_id)
        async with self.db.write() as uow:
            room = await uow.room_type(room_id)
            await refuse_if_booked(uow, f"Room type '{room.name}'", self.db.today(),
                                   room_id=room_id)
            await self._delete_room_type(uow, room)

    async def list_rooms(self, hotel_id: int) -> list[dto.Room]:
        rules.ident("hotel_id", "Hotel", hotel_id)
        async with self.db.read() as uow:
            rows = await uow.rooms.for_hotel(hotel_id)
            if not rows:  # a hotel with no room types yet, or no such hotel
                await uow.require(hotel_id=hotel_id)
        return [room_record(r) for r in rows]

    async def get_room(self, room_id: int) -> dto.Room:
        rules.ident("room_id", "Room type", room_id)
        async with self.db.read() as uow:
            return room_record(await uow.room_type(room_id))

    async def rooms_left(self, hotel_id: int, date_from: date,
                         date_to: date) -> list[dto.Availability]:
        """Per room type of the hotel: quantity minus the busiest night of [date_from, date_to)."""
        rules.ident("hotel_id", "Hotel", hotel_id)
        start, end = rules.stay(date_from, date_to)
        async with self.db.read() as uow:
            left = await uow.rooms.rooms_left(start, end, hotel_id=hotel_id)
            if not left:
                await uow.require(hotel_id=hotel_id)
        return left

    @staticmethod
    async def _refuse_duplicate_name(uow: UnitOfWork, hotel_id: int, name: str) -> None:
        if await uow.rooms.count(hotel_id=hotel_id, name=name):
            raise ValidationError("name", f"This hotel already has a room type named '{name}'.")

    @staticmethod
    async def _delete_room_type(uow: UnitOfWork, room: models.Room) -> None:
        """A room type with no bookings, with its physical rooms."""
        units = await uow.units.find_all(room_id=room.id)
        for unit in units:
            await uow.session.delete(unit)
        await uow.session.flush()
        await uow.rooms.delete(room)
        uow.changed(ChangeKind.UNITS, *(unit.id for unit in units))
        uow.changed(ChangeKind.ROOM_TYPES, room.id)
