"""The one place a database driver's error becomes a sentence (a FrontDeskError subclass).

Driver text and bound parameters never reach the user: the sentence says what happened and what
to do; the log gets the error's kind and code (no values: engines hide parameters).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc

from frontdesk.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    DatabaseReadOnly,
    DiskFull,
    FrontDeskError,
)

log = logging.getLogger(__name__)

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26

BUSY = ("Another desk is saving a change and the database stayed busy. Nothing was saved; "
        "try again in a moment.")
DAMAGED = ("The database{where} is damaged, so frontdesk writes nothing more to it (that way "
           "nothing more is lost). Restore the last good backup, or call your support; "
           "'frontdesk check' shows what is damaged.")
FULL = ("The disk{where} is full. Nothing was saved; free some space (or ask whoever looks "
        "after this computer to), then try again.")
READ_ONLY = ("The database{where} has become read-only, so nothing can be saved. Nothing was "
             "changed; make the file and its folder writable again, then restart frontdesk.")
CANT_OPEN = ("The database{where} cannot be opened (it was moved, deleted, or its folder is "
             "not reachable). Nothing was saved; check the file, then restart frontdesk.")
IO = ("The database{where} could not be read or written (a disk or network error). Nothing "
      "was saved; try again, and if it happens again call your support.")
REFUSED = ("The change was refused by the database because it would break one of its rules. "
           "Nothing was saved.")


def sqlite_code(error: BaseException) -> int | None:
    """The primary SQLite result code of a driver error (wrapped by SQLAlchemy or not)."""
    orig = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    if isinstance(orig, sqlite3.Error):  # no code (e.g. raised by the driver itself)
        text = str(orig).lower()
        for needle, primary in (("locked", SQLITE_BUSY), ("malformed", SQLITE_CORRUPT),
                                ("not a database", SQLITE_NOTADB), ("disk is full",
                                SQLITE_FULL), ("readonly", SQLITE_READONLY)):
            if needle in text:
                return primary
    return None


def damaged(where: str | None = None) -> DatabaseDamaged:
    """The damaged-database sentence, for a driver's error or for what a check found."""
    return DatabaseDamaged(DAMAGED.format(where=f" {where}" if where else ""), where)


def full(where: str | None = None) -> DiskFull:
    """The full-disk sentence, for a driver's error or a file write (a backup's)."""
    return DiskFull(FULL.format(where=f" holding {where}" if where else ""), where)


def translate(error: BaseException, where: str | None = None) -> FrontDeskError | None:
    """The FrontDeskError for a database driver's error; None if `error` is not one."""
    if isinstance(error, FrontDeskError):
        return error
    if not isinstance(error, (sa_exc.DBAPIError, sqlite3.Error)):
        return None
    at = f" {where}" if where else ""
    code = sqlite_code(error)
    if isinstance(error, sa_exc.IntegrityError) or isinstance(error, sqlite3.IntegrityError):
        return FrontDeskError(REFUSED)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseBusy(BUSY, where)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return damaged(where)
    if code == SQLITE_FULL:
        return full(where)
    if code == SQLITE_READONLY:
        return DatabaseReadOnly(READ_ONLY.format(where=at), where)
    if code == SQLITE_CANTOPEN:
        return DatabaseError(CANT_OPEN.format(where=at), where)
    if code == SQLITE_IOERR:
        return DatabaseError(IO.format(where=at), where)
    return None


@contextmanager
def translated(where: str | None = None) -> Iterator[None]:
    """Re-raise a database driver's error as its FrontDeskError; other errors pass unchanged."""
    try:
        yield
    except (sa_exc.DBAPIError, sqlite3.Error) as error:
        sentence = translate(error, where)
        if sentence is None:
            raise
        log.warning("database error translated: %s (sqlite code %s) -> %s",
                    type(error).__name__, sqlite_code(error), type(sentence).__name__)
        raise sentence from error
