"""What the database seam is asked to guarantee (issue 11, item 6): every check-then-write path
locks the room types it checks, in id order, before checking; a check of an unlocked type is a
programming error even on SQLite (whose write lock would hide it); a lone read is one
statement. On SQLite the lock takes nothing more than BEGIN IMMEDIATE: these tests record what
is asked of it, which a server's module will have to honour."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from frontdesk import dto
from frontdesk.db import models
from frontdesk.db.sqlite import SQLite
from frontdesk.errors import NotFound
from frontdesk.services import availability
from frontdesk.services.uow import Database, UnlockedCheck


@pytest.fixture
def locks(monkeypatch):
    asked: list[list[int]] = []

    async def record(self, session, room_ids):
        asked.append(list(room_ids))

    monkeypatch.setattr(SQLite, "lock_room_types", record)
    return asked


def test_every_check_then_write_locks_its_room_types_in_id_order(desk_run, day, locks):
    async def scenario(desk):
        hotel = await desk.add_hotel("Seaside", "Sochi", 4)
        double = await desk.add_room(hotel.id, "Double", 12_000, 2)
        single = await desk.add_room(hotel.id, "Single", 8_000, 2)
        guest = await desk.add_guest("Anna")
        units = {u.number: u for u in await desk.list_units(hotel.id)}
        locks.clear()

        async def locked(call):
            locks.clear()
            result = await call
            assert locks, "no room type was locked"
            assert all(ids == sorted(ids) for ids in locks)
            return result, sorted({i for ids in locks for i in ids})

        stay, got = await locked(desk.book(single.id, guest.id, day(0), day(2)))
        assert got == [single.id]
        _, got = await locked(desk.change_dates(stay.id, day(0), day(3)))
        assert got == [single.id]
        _, got = await locked(desk.move_stay(stay.id, room_id=double.id))
        assert got == [double.id, single.id]  # both types: the one left and the one taken
        _, got = await locked(desk.assign_room(stay.id, units["101"].id))
        assert got == [double.id]
        _, got = await locked(desk.check_in(stay.id))
        assert got == [double.id]
        _, got = await locked(desk.take_out_of_order(units["103"].id, day(4), day(5)))
        assert got == [single.id]
        _, got = await locked(desk.update_room(single.id, quantity=1))
        assert got == [single.id]
        _, got = await locked(desk.book(double.id, guest.id, day(6), day(7),
                                        unit_id=units["102"].id))
        assert got == [double.id]
        _, got = await locked(desk.book_new_guest(single.id, dto.NewGuest("Bob"), day(6),
                                                  day(7)))
        assert got == [single.id]
        unit = await desk.add_unit(double.id, "150")
        _, got = await locked(desk.delete_unit(unit.id))
        assert got == [double.id]
        later = desk.with_today(lambda: day(1))
        await later.check_out(stay.id)  # early: gives up a night, which undo takes back
        _, got = await locked(later.undo_check_out(stay.id, "pressed by mistake"))
        assert got == [double.id]

    desk_run(scenario)


def test_a_check_of_a_room_type_not_locked_is_refused(desk_run, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Seaside", "Sochi", 4)
        room = await desk.add_room(hotel.id, "Double", 12_000, 2)
        db = Database(desk.engine, desk.today)
        with pytest.raises(UnlockedCheck, match="without lock_room_types"):
            async with db.write() as uow:
                await availability.require_rooms(uow, await uow.room_type(room.id), day(0),
                                                 day(1))
        async with db.write() as uow:  # locked first: fine
            await uow.lock_room_types(room.id)
            await availability.require_rooms(uow, await uow.room_type(room.id), day(0), day(1))
        async with db.snapshot() as uow:  # a read may check: it sells nothing
            await availability.require_rooms(uow, await uow.room_type(room.id), day(0), day(1))

    desk_run(scenario)


def test_a_lone_read_is_one_statement(desk_run):
    async def scenario(desk):
        await desk.add_hotel("Seaside", "Sochi", 4)
        db = Database(desk.engine, desk.today)
        with pytest.raises(AssertionError, match="ran a second statement"):
            async with db.read() as uow:
                await uow.session.execute(select(models.Hotel.id))
                await uow.session.execute(select(models.Room.id))
        async with db.snapshot() as uow:  # several statements that agree: a snapshot
            await uow.session.execute(select(models.Hotel.id))
            await uow.session.execute(select(models.Room.id))
        async with db.read() as uow:  # each read begins counting again
            await uow.session.execute(select(models.Hotel.id))
        async with db.read() as uow:  # after an empty list, whether its owner exists
            await uow.session.execute(select(models.Room.id))
            await uow.require(hotel_id=1)
            with pytest.raises(NotFound):
                await uow.require(guest_id=5)
        with pytest.raises(AssertionError, match="ran a second statement"):
            async with db.read() as uow:  # but nothing else after it
                await uow.require(hotel_id=1)
                await uow.session.execute(select(models.Room.id))

    desk_run(scenario)
