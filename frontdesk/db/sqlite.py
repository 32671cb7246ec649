"""SQLite's side of the database seam (see frontdesk/db/seam.py): pragmas, our own BEGIN, the
write lock with a fair and bounded wait, connections that really close, planner statistics."""

from __future__ import annotations

import asyncio
import itertools
import random
import sqlite3
import threading
import weakref
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar, overload

from sqlalchemy import Table, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from frontdesk.db import faults
from frontdesk.db.seam import WaitReport

# SQLite's own busy wait is short: a write waiting for another desk's lock retries in
# SQLite.begin_write, fairly and for a bounded time.
BUSY_TIMEOUT_MS = 20
# How long a write waits for another desk's write lock in all, and after how long the window
# is told that it is waiting.
WRITE_WAIT_S = 3.0
WAIT_REPORT_S = 0.3
# Execution options of the kinds of unit of work. A write transaction begins IMMEDIATE (takes
# the write lock first). A read runs without BEGIN: it is one SELECT, which SQLite runs as its
# own consistent transaction (an explicit BEGIN costs three more round trips to the driver's
# thread), and a second statement in it is refused (see `configure`). A snapshot (several
# statements that must agree) begins a deferred transaction.
WRITE = {"frontdesk_write": True}
READ = {"frontdesk_read": True}
SNAPSHOT: dict[str, Any] = {}


class LoneReadBroken(AssertionError):
    """A read unit ran a second statement: the two could see different data (a programming
    error: such a read must be a snapshot)."""


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL; None for other databases and for in-memory SQLite."""
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        return None
    return Path(url.database)


class SQLite:
    """The seam for SQLite files (frontdesk/db/seam.py's DatabaseKind)."""

    name = "sqlite"
    read_options = READ
    snapshot_options = SNAPSHOT
    write_options = WRITE

    def engine_options(self) -> dict[str, Any]:
        return {"connect_args": {"factory": _ClosingConnection}}

    def database_file(self, url: URL) -> Path | None:
        return sqlite_path(url)

    def configure(self, engine: AsyncEngine, *, foreign_keys: bool, busy_timeout_ms: int) -> None:
        """WAL, foreign keys (off only for the migration runner's batch table rebuilds), a
        busy timeout, synchronous=FULL, and our own BEGIN (IMMEDIATE for a write, none for a
        lone read, whose second statement is refused)."""
        pragmas = (
            f"PRAGMA busy_timeout = {busy_timeout_ms}",
            f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}",
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",
        )

        @event.listens_for(engine.sync_engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Take BEGIN away from the driver (it would emit a deferred BEGIN, or none before DDL).
            dbapi_connection.isolation_level = None
            # The aiosqlite adapter has no `autocommit` attribute: run the pragmas through a cursor.
            cursor = dbapi_connection.cursor()
            for pragma in pragmas:
                cursor.execute(pragma)
            cursor.execute("SELECT frontdesk_connection()")
            _SQLITE[dbapi_connection.driver_connection] = _OPEN[cursor.fetchone()[0]]
            cursor.close()

        @event.listens_for(engine.sync_engine, "close")
        def _on_close(dbapi_connection: Any, _record: Any) -> None:
            _closing(dbapi_connection)

        @event.listens_for(engine.sync_engine, "close_detached")
        def _on_close_detached(dbapi_connection: Any) -> None:
            _closing(dbapi_connection)

        @event.listens_for(engine.sync_engine, "begin")
        def _on_begin(conn: Any) -> None:
            options = conn.get_execution_options()
            if options.get("frontdesk_read"):
                conn.info["frontdesk_reads"] = 0  # a new lone read (see _one_statement)
                return
            conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("frontdesk_write") else "BEGIN")

        @event.listens_for(engine.sync_engine, "before_cursor_execute")
        def _one_statement(conn: Any, _cursor: Any, _sql: Any, _params: Any, context: Any,
                           _many: Any) -> None:
            if conn.get_execution_options().get("frontdesk_read"):
                done = conn.info.get("frontdesk_reads", 0)
                if done and not context.execution_options.get("frontdesk_owner_check"):
                    raise LoneReadBroken("a read unit of work ran a second statement; read "
                                         "through a snapshot when two statements must agree")
                conn.info["frontdesk_reads"] = done + 1

    async def begin_write(self, session: AsyncSession, waiting: WaitReport | None) -> None:
        """BEGIN IMMEDIATE, retried every few milliseconds while another desk holds the lock,
        for at most WRITE_WAIT_S; then DatabaseBusy (from frontdesk.db.faults). SQLite's own
        busy wait backs off up to 100 ms a sleep, so a desk that waited long loses to
        newcomers; short, even sleeps let each waiter try as often as the others."""
        loop = asyncio.get_running_loop()
        began = loop.time()
        reported = False
        try:
            while True:
                try:
                    await session.connection()  # begins IMMEDIATE (see configure)
                    return
                except OperationalError as error:
                    await session.rollback()
                    waited = loop.time() - began
                    if faults.sqlite_code(error) != faults.SQLITE_BUSY or waited > WRITE_WAIT_S:
                        raise
                if not reported and waited >= WAIT_REPORT_S and waiting:
                    reported = True
                    waiting(True)
                await asyncio.sleep(random.uniform(0.001, 0.005))
        finally:
            if reported and waiting:
                waiting(False)

    async def lock_room_types(self, session: AsyncSession, room_ids: Sequence[int]) -> None:
        """Nothing more to take: BEGIN IMMEDIATE already holds the whole file for the write."""

    async def settle(self) -> None:
        await settle()

    @asynccontextmanager
    async def kept_statistics(self, conn: AsyncConnection,
                              tables: Sequence[Table]) -> AsyncIterator[None]:
        """Around dropping and rebuilding indexes: SQLite forgets an index's planner statistics
        when it is dropped (see migration 0003), so they are kept and put back."""
        names = {index.name for table in tables for index in table.indexes}
        rows = await conn.execute(text("SELECT tbl, idx, stat FROM sqlite_stat1"))
        saved = [row for row in rows if row.idx in names]
        yield
        for row in saved:
            await conn.execute(text("INSERT INTO sqlite_stat1 (tbl, idx, stat) "
                                    "VALUES (:tbl, :idx, :stat)"), row._asdict())
        await conn.execute(text("ANALYZE sqlite_schema"))


_CursorT = TypeVar("_CursorT", bound=sqlite3.Cursor)


class _ClosingConnection(sqlite3.Connection):
    """A connection whose close() really closes it, ending its transaction at once.

    When a unit of work is cancelled (a script's wait_for, a superseded task in the window,
    shutdown) in the middle of a statement, SQLAlchemy gives up the connection and closes it.
    But the cursor of that statement lives on in the cancelled call's traceback until garbage
    collection, and SQLite keeps a connection that still has a statement open as a "zombie":
    its BEGIN IMMEDIATE (the write lock) or its read snapshot (which blocks WAL checkpoints)
    stayed until then, 91 s in one run. Closing our own cursors first lets SQLite close the
    connection for real, rolling back what was not committed.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cursors: weakref.WeakSet[sqlite3.Cursor] = weakref.WeakSet()
        self.closed = threading.Event()
        # The pool knows the driver's wrapper, not this object: it asks for it by SQL (see
        # _on_connect), through the thread that owns the connection.
        token = next(_TOKENS)
        _OPEN[token] = self
        self.create_function("frontdesk_connection", 0, lambda: token)

    # sqlite3's own signature, so that a cursor factory's type still reaches the caller.
    @overload
    def cursor(self, factory: None = None) -> sqlite3.Cursor: ...
    @overload
    def cursor(self, factory: Callable[[sqlite3.Connection], _CursorT]) -> _CursorT: ...

    def cursor(self, factory: Callable[[sqlite3.Connection], sqlite3.Cursor] | None = None
               ) -> sqlite3.Cursor:
        # sqlite3 has no default to pass on: its factory argument cannot be None.
        cursor = super().cursor() if factory is None else super().cursor(factory)
        self._cursors.add(cursor)
        return cursor

    def close(self) -> None:
        if self.closed.is_set():  # aiosqlite may close twice (a graceful close, then a forced one)
            return
        try:
            for cursor in list(self._cursors):
                cursor.close()
            super().close()
        finally:
            self.closed.set()


_TOKENS = itertools.count(1)
_OPEN: weakref.WeakValueDictionary[int, _ClosingConnection] = weakref.WeakValueDictionary()
# The driver's connection (aiosqlite's) of each of our sqlite3 connections.
_SQLITE: weakref.WeakKeyDictionary[Any, _ClosingConnection] = weakref.WeakKeyDictionary()
# Connections the pool has decided to close, until their own thread has closed them.
_CLOSING: set[_ClosingConnection] = set()
SETTLE_LIMIT_S = 5.0


async def settle() -> None:
    """Return once every connection the pool gave up (e.g. in a cancelled unit of work) is
    closed, so its transaction is over; a further cancellation waits for that too, then
    propagates. The pool closes them on the connection's thread, and when a unit is cancelled
    twice SQLAlchemy stops waiting for that close: this waits instead."""
    deadline = asyncio.get_running_loop().time() + SETTLE_LIMIT_S
    cancelled: asyncio.CancelledError | None = None
    while True:
        for connection in list(_CLOSING):
            if connection.closed.is_set():
                _CLOSING.discard(connection)
        if not _CLOSING or asyncio.get_running_loop().time() > deadline:
            break
        try:
            await asyncio.sleep(0.001)
        except asyncio.CancelledError as error:
            cancelled = error
    if cancelled is not None:
        raise cancelled


def _closing(dbapi_connection: Any) -> None:
    connection = _SQLITE.get(dbapi_connection.driver_connection)
    if connection is not None and not connection.closed.is_set():
        _CLOSING.add(connection)


SQLITE = SQLite()
