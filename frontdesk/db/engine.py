"""The engine factory: the one place that knows SQLite's pragmas and transaction mode."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from frontdesk.errors import DatabaseError

BUSY_TIMEOUT_MS = 10_000
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
                  pooled: bool = True) -> AsyncEngine:
    """An async engine with frontdesk's connection rules.

    On SQLite: WAL, foreign keys on (unless `foreign_keys=False`, which the migration runner uses
    for batch table rebuilds), a busy timeout, synchronous=FULL, and our own BEGIN so that a
    session on `engine.execution_options(**WRITE)` begins IMMEDIATE.
    """
    url = target if isinstance(target, URL) else database_url(target)
    # Error messages (and so the log) never carry the values bound to a statement: they are
    # guests' names, phones and e-mails.
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if not pooled:
        kwargs["poolclass"] = NullPool
    engine = create_async_engine(url, **kwargs)
    if url.get_backend_name() == "sqlite":
        _configure_sqlite(engine, foreign_keys=foreign_keys)
    return engine


def _configure_sqlite(engine: AsyncEngine, *, foreign_keys: bool) -> None:
    pragmas = (
        f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
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
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        if options.get("frontdesk_read"):
            return
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("frontdesk_write") else "BEGIN")
