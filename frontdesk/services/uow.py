"""One unit of work: a session with its DAOs, the locks its checks need, the records it fetches
or refuses as NotFound, and the changes it reports once committed. `Database` opens them.

Every use case of every area is one unit of work, so one transaction: a read (one statement,
and after an empty list the question whether its owner exists, `UnitOfWork.require`), a
snapshot (several statements that agree) or a write. How each is begun, and what a write
locks, is the database kind's (frontdesk/db/seam.py).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from frontdesk import dto
from frontdesk.dao import BookingDAO, GuestDAO, HotelDAO, RoomDAO
from frontdesk.dao.history import HistoryDAO
from frontdesk.dao.units import BlockDAO, UnitDAO
from frontdesk.db import faults, models
from frontdesk.db.seam import OWNER_CHECK, DatabaseKind, WaitReport, kind_of
from frontdesk.domain.clock import Clock
from frontdesk.dto import ChangeKind
from frontdesk.errors import DatabaseDamaged, NotFound

log = logging.getLogger(__name__)

#: Hears what each committed unit of work changed.
ChangeListener = Callable[[tuple[dto.Change, ...]], None]


class UnlockedCheck(AssertionError):
    """A write checked rooms of a room type it had not locked: on a server, another desk could
    sell them between the check and the write (a programming error)."""


@dataclass
class Shared:
    """What every desk on one engine shares: who hears about waits and changes, and whether the
    database was found damaged (then nothing more is written to it)."""

    waiting: WaitReport | None = None
    damaged: DatabaseDamaged | None = None
    listeners: list[ChangeListener] = field(default_factory=list)


class UnitOfWork:
    """The session of one transaction and the DAOs over it."""

    def __init__(self, session: AsyncSession, kind: DatabaseKind, *, writing: bool) -> None:
        self.session = session
        self.writing = writing
        self._kind = kind
        self._locked: set[int] = set()
        self._changes: dict[ChangeKind, set[int]] = {}
        self.hotels = HotelDAO(session)
        self.rooms = RoomDAO(session)
        self.units = UnitDAO(session)
        self.blocks = BlockDAO(session)
        self.guests = GuestDAO(session)
        self.bookings = BookingDAO(session)
        self.history = HistoryDAO(session)

    # -- locks --------------------------------------------------------------------------------

    async def lock_room_types(self, *room_ids: int) -> None:
        """Lock the room types whose rooms this write is about to check (and then sell, move
        or take out of order), in id order, so two desks never both check and both write. A
        read (a quote, a preview) sells nothing and takes no lock."""
        if not self.writing:
            return
        new = sorted(set(room_ids) - self._locked)
        if new:
            await self._kind.lock_room_types(self.session, new)
            self._locked.update(new)

    def require_locked(self, room_id: int) -> None:
        """Before a check of a room type's rooms in a write: it must be locked (see
        frontdesk.services.availability). A read may check freely: it writes nothing."""
        if self.writing and room_id not in self._locked:
            raise UnlockedCheck(f"room type {room_id} was checked without lock_room_types")

    # -- what changed -------------------------------------------------------------------------

    def changed(self, kind: ChangeKind, *ids: int) -> None:
        """Report records of `kind` this unit added, changed or deleted."""
        self._changes.setdefault(kind, set()).update(ids)

    @property
    def changes(self) -> tuple[dto.Change, ...]:
        return tuple(dto.Change(kind, frozenset(ids)) for kind, ids in self._changes.items())

    # -- records it needs, or NotFound --------------------------------------------------------

    async def hotel(self, hotel_id: int) -> models.Hotel:
        return _found(await self.hotels.find_by_id(hotel_id), "Hotel", hotel_id)

    async def room_type(self, room_id: int) -> models.Room:
        return _found(await self.rooms.find_by_id(room_id), "Room type", room_id)

    async def unit(self, unit_id: int) -> models.RoomUnit:
        return _found(await self.units.find_by_id(unit_id), "Room", unit_id)

    async def guest(self, guest_id: int) -> models.Guest:
        return _found(await self.guests.find_by_id(guest_id), "Guest", guest_id)

    async def block(self, block_id: int) -> models.RoomBlock:
        return _found(await self.blocks.find_by_id(block_id), "Out-of-order period", block_id)

    async def booking(self, booking_id: int) -> models.Booking:
        return _found(await self.bookings.find_by_id(booking_id), "Booking", booking_id)

    async def require(self, *, hotel_id: int | None = None, room_id: int | None = None,
                      guest_id: int | None = None, booking_id: int | None = None) -> None:
        """NotFound for a hotel, room type, guest or booking that is not there, asked after a
        list of it came back empty. In a lone read this is the one statement the kind lets
        follow the first (OWNER_CHECK): the list and the answer need not agree, as either is
        true at its moment, and a read of its own would cost more than the empty list
        (0.3-0.5 ms)."""
        for model, what, ident in ((models.Hotel, "Hotel", hotel_id),
                                   (models.Room, "Room type", room_id),
                                   (models.Guest, "Guest", guest_id),
                                   (models.Booking, "Booking", booking_id)):
            if ident is not None:
                query = select(model.id).where(model.id == ident).execution_options(
                    **OWNER_CHECK)
                _found(await self.session.scalar(query), what, ident)

    async def booking_record(self, booking_id: int) -> dto.Booking:
        """The booking as the screens show it (after this unit's changes)."""
        return _found(await self.bookings.record(booking_id), "Booking", booking_id)

    async def unit_record(self, unit_id: int) -> dto.Unit:
        return _found(await self.units.record(unit_id), "Room", unit_id)


T = TypeVar("T")


def _found(row: T | None, what: str, ident: int) -> T:
    if row is None:
        raise NotFound(what, ident)
    return row


class Database:
    """The engine and its kind, the desk's clock, and what the desks on it share: opens each
    unit of work, commits it, and tells the listeners what it changed."""

    def __init__(self, engine: AsyncEngine, today: Clock, shared: Shared | None = None) -> None:
        self.engine = engine
        self.kind = kind_of(engine.url)
        self.today = today
        self.shared = shared or Shared()
        self._makers = {
            mode: async_sessionmaker(engine.execution_options(**options), expire_on_commit=False)
            for mode, options in (("read", self.kind.read_options),
                                  ("snapshot", self.kind.snapshot_options),
                                  ("write", self.kind.write_options))
        }

    def with_today(self, today: Clock) -> Database:
        return Database(self.engine, today, self.shared)

    @property
    def name(self) -> str:
        """The database as people name it: its file, or a server's URL without the password."""
        path = self.kind.database_file(self.engine.url)
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    def read(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """A read of one statement (a second one is refused by the kind: use `snapshot`)."""
        return self._unit("read")

    def snapshot(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """A read of several statements that see the same data."""
        return self._unit("snapshot")

    def write(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """A write: checks and writes in one transaction, locked as the kind locks."""
        return self._unit("write")

    @asynccontextmanager
    async def _unit(self, mode: str) -> AsyncIterator[UnitOfWork]:
        """Commit at the end, roll back on an error. A cancelled unit has ended its transaction
        before the cancellation goes on (the kind's `settle`). A write first takes the write
        lock; once the database was found damaged, no write is tried again. A driver error
        becomes its sentence (frontdesk.db.faults)."""
        writing = mode == "write"
        if writing and self.shared.damaged is not None:
            raise self.shared.damaged
        try:
            with faults.translated(self.name):
                try:
                    async with self._makers[mode]() as session:
                        if writing:
                            await self.kind.begin_write(session, self.shared.waiting)
                        work = UnitOfWork(session, self.kind, writing=writing)
                        yield work
                        await session.commit()
                        # At once, with nothing awaited between: a cancellation while the
                        # session closes must not lose the report of a committed change.
                        if work.changes:
                            self._tell(work.changes)
                except BaseException:
                    await self.kind.settle()
                    raise
        except DatabaseDamaged as damaged:
            self.shared.damaged = damaged
            raise

    def _tell(self, changes: tuple[dto.Change, ...]) -> None:
        for listener in list(self.shared.listeners):
            try:
                listener(changes)
            except Exception:  # the change is committed: a listener's fault is only logged
                log.exception("a change listener failed")

    def listen(self, listener: ChangeListener) -> Callable[[], None]:
        self.shared.listeners.append(listener)
        return lambda: self.shared.listeners.remove(listener) \
            if listener in self.shared.listeners else None

