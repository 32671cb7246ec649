"""The engine factory: the one place that knows SQLite's pragmas and transaction mode."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

BUSY_TIMEOUT_MS = 10_000
# Execution options of the two kinds of unit of work. A write transaction begins IMMEDIATE (takes
# the write lock first). A read runs without BEGIN: each of our reads is one SELECT, which SQLite
# runs as its own consistent transaction, and an explicit BEGIN costs three more round trips to
# the driver's thread.
WRITE = {"frontdesk_write": True}
READ = {"frontdesk_read": True}


def database_url(target: str | os.PathLike[str]) -> URL:
    """A SQLAlchemy URL for a file path or URL string; plain paths become aiosqlite files."""
    text = os.fspath(target)
    if "://" in text:
        url = make_url(text)
        if url.drivername in ("sqlite", "sqlite+pysqlite"):
            url = url.set(drivername="sqlite+aiosqlite")
        return url
    return URL.create("sqlite+aiosqlite", database=str(Path(text).expanduser()))


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
