"""Is a database file intact? SQLite's own checks, and the rows the file holds, read-only."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from frontdesk.db.faults import SQLITE_CORRUPT, SQLITE_NOTADB, sqlite_code, translate
from frontdesk.words import plural

# What a receptionist counts, in the order a summary names them (tables of older revisions may
# lack some).
COUNTED = (("hotels", "hotel"), ("rooms", "room type"), ("room_units", "room"),
           ("guests", "guest"), ("bookings", "booking"))
MALFORMED = "SQLite cannot read the file: it is malformed"


def problems(conn: sqlite3.Connection, *, full: bool, limit: int = 100) -> list[str]:
    """What `PRAGMA integrity_check` (full) or `quick_check` finds, at most `limit` lines: [] when
    the file is intact. The lines name pages, tables and indexes, never a row's values."""
    pragma = "integrity_check" if full else "quick_check"
    rows = conn.execute(f"PRAGMA {pragma}({int(limit)})").fetchall()
    found = [line for (text,) in rows for line in str(text).splitlines()
             if line.strip() and not line.startswith("*** in database")]
    return [] if found == ["ok"] else found


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in each table of the file (SQLite's own included), by table name."""
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    quoted = {name: '"' + name.replace('"', '""') + '"' for name in tables}
    return {name: conn.execute(f"SELECT count(*) FROM {quoted[name]}").fetchone()[0]
            for name in tables}


def counted(counts: dict[str, int]) -> str:
    """"1,000 hotels, 20,000 room types, ... and 300,000 bookings" for the tables present."""
    parts = [plural(counts[table], noun) for table, noun in COUNTED if table in counts]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@dataclass(frozen=True)
class Health:
    """What `frontdesk check` found: `problems` is empty when the file is intact."""

    problems: list[str]
    counts: dict[str, int]


def check_file(path: Path) -> Health:
    """Run the full integrity check on `path` without changing a byte of it or its folder.
    The full check stops at the first page it cannot read while comparing indexes with their
    tables; the quick check then lists the broken pages. Other database errors (busy,
    unreadable) become their sentence."""
    from frontdesk.db.migrate import read_only_connection  # migrate imports the backups

    try:
        with read_only_connection(path) as conn:
            try:
                found = problems(conn, full=True)
            except sqlite3.DatabaseError as exc:
                if sqlite_code(exc) not in (SQLITE_CORRUPT, SQLITE_NOTADB):
                    raise
                found = _quick_problems(conn)
            return Health(found, {} if found else row_counts(conn))
    except sqlite3.Error as exc:
        sentence = translate(exc, str(path))
        if sentence is None:
            raise
        raise sentence from exc


def _quick_problems(conn: sqlite3.Connection) -> list[str]:
    # Past a few broken pages even the quick check can stop with "malformed": ask for a few.
    try:
        return problems(conn, full=False, limit=5) or [MALFORMED]
    except sqlite3.DatabaseError as exc:
        if sqlite_code(exc) not in (SQLITE_CORRUPT, SQLITE_NOTADB):
            raise
        return [MALFORMED]
