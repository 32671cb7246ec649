"""Opening a database: check what it is, back it up, migrate it to head in one transaction."""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from frontdesk.db.backup import backup_name, backup_sqlite
from frontdesk.db.engine import WRITE, create_engine, database_url, sqlite_path
from frontdesk.errors import DatabaseTooNew, DatabaseUnreadable, MigrationFailed

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class MigrationReport:
    """What opening did: the revision found, the revision now, and the backup taken, if any."""

    before: str | None
    after: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        return self.before != self.after


def script_location() -> Path:
    """The migrations folder: inside the installed package, else at the top of the checkout."""
    spec = importlib.util.find_spec("frontdesk.migrations")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            if (Path(folder) / "env.py").exists():
                return Path(folder)
    return Path(__file__).resolve().parents[2] / "migrations"


@cache
def _scripts(location: Path) -> ScriptDirectory:
    return ScriptDirectory(str(location))


def alembic_config(location: Path | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(location or script_location()))
    return cfg


def _inspect_sqlite_file(path: Path) -> str | None:
    """The revision stamped in an existing file, read without changing a byte of it."""
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseUnreadable(
            f"{path} is not a frontdesk database (it is not a SQLite file). It was not changed; "
            "check the path, or restore the database from a backup.", str(path))
    try:
        # With no -wal file beside it, `immutable` reads without creating -wal/-shm files, so
        # a refused file's folder is left exactly as it was.
        wal = path.with_name(path.name + "-wal").exists()
        mode = "mode=ro" if wal else "mode=ro&immutable=1"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
        try:
            query = "SELECT name FROM sqlite_master WHERE type='table'"
            tables = {row[0] for row in conn.execute(query)}
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseUnreadable(
                        f"{path} is a SQLite database of another program, not of frontdesk. "
                        "It was not changed; check the path.", str(path))
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnreadable(
            f"{path} cannot be read as a database ({exc}). It was not changed; "
            "restore it from a backup.", str(path)) from exc


def _check_known(scripts: ScriptDirectory, revision: str | None, where: str) -> None:
    if revision is None:
        return
    try:
        scripts.get_revision(revision)
    except Exception as exc:
        raise DatabaseTooNew(
            f"{where} was written by a newer version of frontdesk (schema revision {revision}). "
            "It was not changed. Install the newer frontdesk to open it.", where) from exc


def _upgrade(connection: Connection, location: Path) -> None:
    cfg = alembic_config(location)
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(
                f"the upgrade would leave {len(broken)} broken references: {broken[:5]}")


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def migrate(target: str | URL, *, location: Path | None = None) -> MigrationReport:
    """Bring the database to head; back up first when it holds an older schema."""
    url = target if isinstance(target, URL) else database_url(target)
    location = location or script_location()
    scripts = _scripts(location)
    head = scripts.get_current_head()
    assert head is not None
    path = sqlite_path(url)
    where = str(path) if path else url.render_as_string(hide_password=True)

    if path is not None:
        exists = path.exists() and path.stat().st_size > 0
        before = await asyncio.to_thread(_inspect_sqlite_file, path) if exists else None
        _check_known(scripts, before, where)
        if before == head:
            return MigrationReport(before, head, None)
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        before = None

    backup: Path | None = None
    if path is not None and before is not None:
        try:
            backup = await asyncio.to_thread(backup_sqlite, path, backup_name(path, before),
                                             numbered=True)
        except (OSError, sqlite3.Error) as exc:
            raise MigrationFailed(
                f"The database {where} needs an upgrade, but the backup taken first failed "
                f"({exc}). Nothing was changed. Free some disk space or check the folder's "
                "permissions, then start frontdesk again.", where) from exc
        log.info("backed up %s to %s before upgrading from %s", path, backup, before)

    # Batch migrations rebuild tables, so foreign keys are off here and checked once at the end.
    # The transaction takes the write lock first (IMMEDIATE): another desk opening the same old
    # database waits here, then finds it already upgraded.
    engine = create_engine(url, foreign_keys=False, pooled=False)
    try:
        async with engine.execution_options(**WRITE).begin() as conn:
            now = await conn.run_sync(_current)
            _check_known(scripts, now, where)
            if path is None:
                before = now
            if now == head:
                return MigrationReport(before, head, backup)
            await conn.run_sync(_upgrade, location)
    except (DatabaseTooNew, DatabaseUnreadable):
        raise
    except Exception as exc:
        log.exception("upgrade of %s from %s failed", where, before)
        kept = f" A backup taken before the upgrade is at {backup}." if backup else ""
        raise MigrationFailed(
            f"Upgrading the database {where} failed ({exc}). Nothing was changed: it is still at "
            f"schema revision {before or 'none'}.{kept} Report this error to your support.",
            where, str(backup) if backup else None) from exc
    finally:
        await engine.dispose()
    log.info("upgraded %s from %s to %s", where, before, head)
    return MigrationReport(before, head, backup)


async def open_engine(target: str | URL) -> tuple[AsyncEngine, MigrationReport]:
    """Migrate the database if needed and return the app's engine for it."""
    url = target if isinstance(target, URL) else database_url(target)
    report = await migrate(url)
    engine = create_engine(url)
    return engine, report


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as conn:
        return await conn.run_sync(_current)

