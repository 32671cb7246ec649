"""Consistent copies of a live SQLite database through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


def backup_name(database: Path, revision: str | None, when: datetime | None = None) -> Path:
    """`hotel.db` at revision 0001 -> `hotel.backup-0001-20261125-101500.db`, next to it."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = f"{database.stem}.backup-{revision or 'none'}-{stamp}{database.suffix}"
    return database.with_name(name)


def backup_sqlite(source: Path, dest: Path) -> Path:
    """Copy `source` to `dest` page by page; safe while other connections use the database."""
    if dest.exists():
        raise FileExistsError(f"{dest} already exists; choose another name.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    return dest
