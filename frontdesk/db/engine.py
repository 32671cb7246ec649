"""The engine factory: which URL a target names, and an engine configured by its database kind
(frontdesk/db/seam.py; SQLite's pragmas and transaction mode are in frontdesk/db/sqlite.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from frontdesk.db.seam import kind_of

# Re-exported for the engine's users (the migration runner, the CLI): they are SQLite's.
from frontdesk.db.sqlite import BUSY_TIMEOUT_MS, WRITE, sqlite_path
from frontdesk.errors import DatabaseError

__all__ = ["BUSY_TIMEOUT_MS", "WRITE", "check_url", "create_engine", "database_url",
           "sqlite_path"]


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


def create_engine(target: str | os.PathLike[str] | URL, *, foreign_keys: bool = True,
                  pooled: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> AsyncEngine:
    """An async engine with frontdesk's connection rules, as its kind of database sets them
    (frontdesk/db/sqlite.py: WAL, foreign keys unless `foreign_keys=False`, which the migration
    runner uses for batch table rebuilds, a busy timeout, synchronous=FULL, our own BEGIN).
    `busy_timeout_ms` is short for the desk, whose writes retry fairly, long for an upgrade,
    which waits for another desk's."""
    url = target if isinstance(target, URL) else database_url(target)
    # Error messages (and so the log) never carry the values bound to a statement: they are
    # guests' names, phones and e-mails.
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if not pooled:
        kwargs["poolclass"] = NullPool
    kind = kind_of(url)
    kwargs.update(kind.engine_options())
    engine = create_async_engine(url, **kwargs)
    kind.configure(engine, foreign_keys=foreign_keys, busy_timeout_ms=busy_timeout_ms)
    return engine
