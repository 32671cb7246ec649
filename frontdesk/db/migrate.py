"""Opening a database: check what it is, back it up, migrate it to head in one transaction."""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from frontdesk.config import open_private
from frontdesk.db.backup import backup_name, backup_sqlite
from frontdesk.db.engine import WRITE, create_engine, database_url, sqlite_path
from frontdesk.db.faults import translate
from frontdesk.errors import (
    DatabaseDamaged,
    DatabaseError,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnreadable,
    FrontDeskError,
    MigrationFailed,
)

log = logging.getLogger(__name__)
# An upgrade waits this long for the write lock: another desk opening the same old database at
# the same moment may be upgrading it (then this one finds it done), and that takes seconds.
UPGRADE_WAIT_MS = 30_000

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


def _head(scripts: ScriptDirectory) -> str:
    """The one revision every database is migrated to."""
    head = scripts.get_current_head()
    if head is None:  # a broken install: the migrations folder is empty
        raise RuntimeError(f"no migrations found in {scripts.dir}")
    return head


def alembic_config(location: Path | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(location or script_location()))
    return cfg


def check_place(path: Path) -> None:
    """Refuse a path that cannot be a database file: a folder, a device or a pipe, a link to
    nothing, or a file in a folder that does not exist (a typo must not create a new, empty
    database in new folders, nor a link one where it points)."""
    if path.is_symlink() and not path.exists():
        raise DatabaseError(
            f"{path} points to {os.readlink(path)}, which does not exist (it was moved or "
            "deleted, or its disk is not connected). Nothing was created; check the link, or give "
            "the path of the database file itself.", str(path))
    if path.is_dir():
        raise DatabaseError(
            f"{path} is a folder, not a database file. Nothing was changed; give the path of "
            f"the database file itself, for example {path / 'frontdesk.db'}.", str(path))
    if path.exists() and not path.is_file():
        raise DatabaseError(
            f"{path} is not a regular file (it is a device or a pipe), so it cannot hold a "
            "database. Nothing was written to it; give the path of a database file.", str(path))
    folder = path.parent
    if not folder.exists():
        raise DatabaseError(
            f"The folder {folder} does not exist, so there is no database {path.name} in it. "
            "Nothing was created; check the path for a typo, or create the folder first.",
            str(path))
    if not folder.is_dir():
        raise DatabaseError(
            f"{folder} is a file, not a folder, so it cannot hold the database {path.name}. "
            "Nothing was changed; check the path.", str(path))


def _create_private(path: Path) -> None:
    """A new database file is made here, readable by its owner only, before SQLite opens it:
    SQLite gives the WAL and shared-memory files the database file's mode."""
    try:
        open_private(path, "xb", None).close()
    except OSError:
        pass  # it exists (and is left as it is), or it cannot be made: SQLite will say why


def check_writable(path: Path) -> None:
    """Refuse, before any change, a database that frontdesk could read but never save to: a
    read-only file (no write permission bit, which counts even for an administrator), or a
    folder where SQLite cannot create its journal files."""
    if path.exists():
        mode = path.stat().st_mode
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) \
                or not os.access(path, os.W_OK):
            raise DatabaseReadOnly(
                f"The database {path} is read-only, so frontdesk could not save any booking in "
                "it. It was not opened, and nothing was changed. Make the file writable (or ask "
                "whoever manages this computer to), or copy it to a folder you can write to "
                "and open the copy with:  frontdesk --db PATH", str(path))
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseReadOnly(
            f"The folder {folder} is read-only, and frontdesk keeps its journal files next to "
            f"the database {path.name}. Nothing was changed. Make the folder writable, or copy "
            "the database to a folder you can write to and open the copy with:  "
            "frontdesk --db PATH", str(path))


@contextmanager
def read_only_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection that cannot change a byte of the file or its folder."""
    # With no -wal file beside it, `immutable` reads without creating -wal/-shm files, so
    # a refused file's folder is left exactly as it was.
    wal = path.with_name(path.name + "-wal").exists()
    mode = "mode=ro" if wal else "mode=ro&immutable=1"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def stamped_revision(path: Path, location: Path | None = None) -> str | None:
    """The schema revision of an existing frontdesk database file (None: a file without tables,
    which becomes a new database), read without changing it; a folder, a file that is not a
    frontdesk database, or one of a newer frontdesk is refused with a sentence."""
    check_place(path)
    location = location or script_location()
    return _own_revision(_scripts(location), location, _inspect_sqlite_file(path), str(path))


@dataclass(frozen=True)
class Found:
    """What an existing SQLite file holds: its tables (SQLite's own aside) and the revisions
    stamped in its `alembic_version` (None when it has no such table)."""

    tables: frozenset[str]
    stamps: tuple[str, ...] | None


def _inspect_sqlite_file(path: Path) -> Found:
    """The tables and revision stamps of an existing file, read without changing a byte of it."""
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseUnreadable(
            f"{path} is not a frontdesk database (it is not a SQLite file). It was not changed; "
            "check the path, or restore the database from a backup.", str(path))
    try:
        with read_only_connection(path) as conn:
            query = "SELECT name FROM sqlite_master WHERE type='table'"
            tables = frozenset(row[0] for row in conn.execute(query)
                               if not row[0].startswith("sqlite_"))
            if "alembic_version" not in tables:
                return Found(tables, None)
            stamps = tuple(str(row[0]) for row in conn.execute("SELECT * FROM alembic_version"))
            return Found(tables, stamps)
    except sqlite3.DatabaseError as exc:
        log.warning("reading %s as a database failed: %s", path, type(exc).__name__)
        raise DatabaseUnreadable(
            f"{path} cannot be read as a database. It was not changed; restore it from a "
            "backup.", str(path)) from exc


def _own_revision(scripts: ScriptDirectory, location: Path, found: Found,
                  where: str) -> str | None:
    """The revision of a frontdesk database; None for a file without tables (a new database).
    frontdesk's own: one of its revisions stamped, and exactly that revision's tables. An
    unknown revision over frontdesk's tables is a newer frontdesk's; anything else is refused."""
    if not found.tables:
        return None
    if found.stamps is not None and len(found.stamps) == 1:
        (revision,) = found.stamps
        if revision in _revisions(scripts):
            if found.tables == revision_tables(location, revision):
                return revision
        elif found.tables >= revision_tables(location, _head(scripts)):
            _check_known(scripts, revision, where)
    raise DatabaseUnreadable(
        f"{where} is not a frontdesk database: it is a SQLite database of another program (its "
        "tables are not those of any version of frontdesk). It was not changed; check the path.",
        where)


@cache
def _revisions(scripts: ScriptDirectory) -> frozenset[str]:
    """frontdesk's revision ids, exactly (Alembic itself would also accept a unique prefix)."""
    return frozenset(script.revision for script in scripts.walk_revisions())


def revision_tables(location: Path, revision: str) -> frozenset[str]:
    """The tables a frontdesk database has at `revision`, SQLite's own aside.

    Derived, never listed by hand: at head they are the models' tables (the models are the
    head's schema; tests/test_migrations.py checks that they agree), and an older revision's
    are found by migrating an empty in-memory database to it, once per run."""
    if location == script_location() and revision == _head(_scripts(location)):
        from frontdesk.db.models import Base

        return frozenset(Base.metadata.tables) | {"alembic_version"}
    return _migrated_tables(location, revision)


@cache
def _migrated_tables(location: Path, revision: str) -> frozenset[str]:
    import sqlalchemy
    from sqlalchemy.pool import StaticPool

    engine = sqlalchemy.create_engine("sqlite://", poolclass=StaticPool)
    try:
        with engine.begin() as connection:
            cfg = alembic_config(location)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
            names = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table'").scalars()
            return frozenset(name for name in names if not name.startswith("sqlite_"))
    finally:
        engine.dispose()


def _check_known(scripts: ScriptDirectory, revision: str | None, where: str) -> None:
    if revision is not None and revision not in _revisions(scripts):
        raise DatabaseTooNew(
            f"{where} was written by a newer version of frontdesk (schema revision {revision}). "
            "It was not changed. Install the newer frontdesk to open it.", where)


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
    head = _head(scripts)
    path = sqlite_path(url)
    where = str(path) if path else url.render_as_string(hide_password=True)

    if path is not None:
        # Nothing is written (not even the new file) until the file is known to be frontdesk's.
        check_place(path)
        exists = path.exists() and path.stat().st_size > 0
        before = await asyncio.to_thread(stamped_revision, path, location) if exists else None
        # Every opening comes through here (window, CLI, scripts): a database that could be read
        # but never saved to is refused now, not at the first booking.
        check_writable(path)
        if before == head:
            return MigrationReport(before, head, None)
        _create_private(path)
    else:
        before = None

    backup: Path | None = None
    if path is not None and before is not None:
        try:
            copy = await asyncio.to_thread(backup_sqlite, path, backup_name(path, before),
                                           numbered=True)
        except DatabaseDamaged:
            raise  # never upgrade a damaged file: its sentence says to restore a backup
        except FrontDeskError as exc:
            raise MigrationFailed(
                f"The database {where} needs an upgrade, but the backup taken first failed, so "
                f"nothing was changed. {exc}", where) from exc
        backup = copy.path
        log.info("backed up %s to %s before upgrading from %s", path, backup, before)

    # Batch migrations rebuild tables, so foreign keys are off here and checked once at the end.
    # The transaction takes the write lock first (IMMEDIATE): another desk opening the same old
    # database waits here, then finds it already upgraded.
    engine = create_engine(url, foreign_keys=False, pooled=False,
                           busy_timeout_ms=UPGRADE_WAIT_MS)
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
        fault = translate(exc, where)
        if isinstance(fault, DatabaseError):  # a full disk, a busy or damaged file: its sentence
            raise fault from exc
        # Anything else is the upgrade's own failure; the log has its details (no driver text
        # on screen).
        kept = f" A backup taken before the upgrade is at {backup}." if backup else ""
        raise MigrationFailed(
            f"Upgrading the database {where} failed. Nothing was changed: it is still at schema "
            f"revision {before or 'none'}.{kept} Report this error to your support (the details "
            "are in the log).", where, str(backup) if backup else None) from exc
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

