"""The engine factory: the one place that knows SQLite's pragmas and transaction mode."""

from __future__ import annotations

import asyncio
import itertools
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, overload

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from frontdesk.errors import DatabaseError

# SQLite's own busy wait is short: a write waiting for another desk's lock retries in
# FrontDesk._take_write_lock, fairly and for a bounded time.
BUSY_TIMEOUT_MS = 20
# Execution options of the two kinds of unit of work. A write transaction begins IMMEDIATE (takes
# the write lock first). A read runs without BEGIN: each of our reads is one SELECT, which SQLite
# runs as its own consistent transaction, and an explicit BEGIN costs three more round trips to
# the driver's thread.
WRITE = {"frontdesk_write": True}
READ = {"frontdesk_read": True}


def database_url(target: str | os.PathLike[str]) -> URL:
    """A SQLAlchemy URL for a file path or URL string; plain paths become aiosqlite files.
    A URL frontdesk cannot keep bookings in is refused with a sentence (see `check_url`)."""
    text = os.fspath(target)
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError:
            raise DatabaseError(
                "The database URL given could not be read. Nothing was changed; give the path "
                "of a database file, or a URL such as postgresql+asyncpg://user@host/hotel."
            ) from None
        check_url(url)
        if url.drivername in ("sqlite", "sqlite+pysqlite"):
            url = url.set(drivername="sqlite+aiosqlite")
        return url
    return URL.create("sqlite+aiosqlite", database=str(Path(text).expanduser()))


def check_url(url: URL) -> None:
    """Refuse, before anything is created, a URL that would lose bookings or cannot work here:
    an in-memory SQLite database, or a server whose asyncio driver is not installed. The
    sentence shows the URL without its password."""
    shown = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise DatabaseError(
                f"{shown} is not a database file: it is a database held in memory (or a SQLite "
                "URI), and every booking in it would be lost when frontdesk closes. Nothing was "
                "created; give the path of a database file instead, for example:  "
                "frontdesk --db ~/hotel.db", shown)
        return
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        raise DatabaseError(
            f"frontdesk does not know the kind of database named in {shown}. Nothing was "
            "changed; give the path of a database file, or a URL such as "
            "postgresql+asyncpg://user@host/hotel.", shown) from None
    driver = url.get_driver_name()
    if not dialect.is_async:
        raise DatabaseError(
            f"{shown} names the database driver {driver}, which frontdesk cannot use: it needs "
            "an asyncio driver. Nothing was changed; write the URL with one, for PostgreSQL "
            "postgresql+asyncpg://user@host/hotel.", shown)
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        raise DatabaseError(
            f"The database driver {driver} that {shown} needs is not installed. Nothing was "
            f"changed; install it (pip install {exc.name or driver}), or give the path of a "
            "database file.", shown) from None


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL; None for other databases and for in-memory SQLite."""
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        return None
    return Path(url.database)


def create_engine(target: str | os.PathLike[str] | URL, *, foreign_keys: bool = True,
                  pooled: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> AsyncEngine:
    """An async engine with frontdesk's connection rules.

    On SQLite: WAL, foreign keys on (unless `foreign_keys=False`, which the migration runner uses
    for batch table rebuilds), a busy timeout (`busy_timeout_ms`: short for the desk, whose
    writes retry fairly, long for an upgrade, which waits for another desk's), synchronous=FULL,
    and our own BEGIN so that a session on `engine.execution_options(**WRITE)` begins IMMEDIATE.
    """
    url = target if isinstance(target, URL) else database_url(target)
    # Error messages (and so the log) never carry the values bound to a statement: they are
    # guests' names, phones and e-mails.
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if not pooled:
        kwargs["poolclass"] = NullPool
    if url.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"factory": _ClosingConnection}
    engine = create_async_engine(url, **kwargs)
    if url.get_backend_name() == "sqlite":
        _configure_sqlite(engine, foreign_keys=foreign_keys, busy_timeout_ms=busy_timeout_ms)
    return engine


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


def _configure_sqlite(engine: AsyncEngine, *, foreign_keys: bool, busy_timeout_ms: int) -> None:
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
            return
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("frontdesk_write") else "BEGIN")


def _closing(dbapi_connection: Any) -> None:
    connection = _SQLITE.get(dbapi_connection.driver_connection)
    if connection is not None and not connection.closed.is_set():
        _CLOSING.add(connection)
