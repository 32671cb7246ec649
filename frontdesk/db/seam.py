"""The database seam: what differs between the kinds of database frontdesk keeps its data in.

The services, the unit of work and the DAOs are written once for every kind; each kind's module
(frontdesk/db/sqlite.py today; a server's next) says how it:

- configures an engine's connections (`engine_options`, `configure`) and names its file;
- runs the three kinds of unit of work: a lone-statement read, a snapshot read of several
  statements that must agree, and a write (`read_options`, `snapshot_options`,
  `write_options`), and takes a write's lock before the write's first check (`begin_write`);
- locks the room types a write is about to check, in id order (`lock_room_types`: nothing more
  on SQLite, whose write lock already holds the whole file; row locks on a server), so that two
  desks can never both check and then both sell the last room;
- ends what a failed or cancelled unit left open (`settle`);
- keeps the planner's statistics over a bulk load (`kept_statistics`).

Backups and the integrity check of a SQLite file are that kind's too (frontdesk/db/backup.py,
frontdesk/db/integrity.py), as are the SQL steps of migrations guarded by the dialect. Not yet
behind the seam, for the server's issue to move: the translation of driver errors
(frontdesk/db/faults.py knows SQLite's codes), and the search keys' prefix ranges, which need
keys compared code point by code point (SQLite's BINARY does that for UTF-8; a server needs a
byte-order collation in its migration).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Table
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from frontdesk.errors import DatabaseError

#: The execution option of the one statement a lone read may run after its first: whether the
#: owner of a list that came back empty exists (UnitOfWork.require).
OWNER_CHECK = {"frontdesk_owner_check": True}

#: Called with True when a write has waited a while for another desk, False once it stops.
WaitReport = Callable[[bool], None]


class DatabaseKind(Protocol):
    """What one kind of database does its own way (see the module's docstring)."""

    name: str
    read_options: dict[str, Any]
    snapshot_options: dict[str, Any]
    write_options: dict[str, Any]

    def engine_options(self) -> dict[str, Any]: ...

    def configure(self, engine: AsyncEngine, *, foreign_keys: bool,
                  busy_timeout_ms: int) -> None: ...

    def database_file(self, url: URL) -> Path | None: ...

    async def begin_write(self, session: AsyncSession, waiting: WaitReport | None) -> None: ...

    async def lock_room_types(self, session: AsyncSession, room_ids: Sequence[int]) -> None: ...

    async def settle(self) -> None: ...

    def kept_statistics(self, conn: AsyncConnection,
                        tables: Sequence[Table]) -> AbstractAsyncContextManager[None]: ...


def kind_of(url: URL | str) -> DatabaseKind:
    """The module that knows this kind of database (by a URL or a dialect's name)."""
    name = url if isinstance(url, str) else url.get_backend_name()
    if name == "sqlite":
        from frontdesk.db.sqlite import SQLITE

        return SQLITE
    raise DatabaseError(f"frontdesk cannot keep its data in a {name} database yet. Nothing "
                        "was changed; give the path of a database file.")
