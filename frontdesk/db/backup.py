"""Consistent copies of a live SQLite database through SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

OWNER_ONLY = 0o600  # rw-------


def backup_name(database: Path, revision: str | None, when: datetime | None = None) -> Path:
    """`hotel.db` at revision 0001 -> `hotel.backup-0001-20261125-101500.db`, next to it."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = f"{database.stem}.backup-{revision or 'none'}-{stamp}{database.suffix}"
    return database.with_name(name)


def claim(dest: Path, *, numbered: bool) -> Path:
    """Create `dest` empty and exclusively (another process may pick the same name at the same
    second); with `numbered`, fall back to `name-2`, `name-3`, ... instead of failing.
    The file is readable by its owner only: a backup holds every guest's details."""
    candidate, n = dest, 1
    while True:
        try:
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY))
            return candidate
        except FileExistsError:
            if not numbered:
                raise FileExistsError(f"{dest} already exists; choose another name.") from None
            n += 1
            candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")


def backup_sqlite(source: Path, dest: Path, *, numbered: bool = False) -> Path:
    """Copy `source` to `dest` page by page; safe while other connections use the database.
    Returns the file written (with `numbered`, possibly `dest` with a number added)."""
    dest = claim(dest, numbered=numbered)
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            out = sqlite3.connect(dest)
            try:
                src.backup(out)
            finally:
                out.close()
        finally:
            src.close()
    except BaseException:
        dest.unlink(missing_ok=True)  # no empty or half-written copy that looks like a backup
        raise
    return dest
