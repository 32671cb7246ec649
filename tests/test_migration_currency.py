"""Revision 0005: a database of revision 0004 (no currency) opened by the app keeps its hotels,
each now in EUR, with their prices and planner statistics as they were; downgrading to 0004
takes the column away again and keeps everything else."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date
from pathlib import Path

from dbhelpers import alembic_cli, query

from frontdesk import open_desk

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2030, 6, 10)






def columns(path: Path, table: str) -> list[str]:
    return [row[1] for row in query(path, f'PRAGMA table_info("{table}")')]


def test_a_revision_0004_database_keeps_its_hotels_in_euros(tmp_path):
    path = tmp_path / "hotel.db"
    alembic_cli(path, "upgrade", "0004")
    assert "currency" not in columns(path, "hotels")
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO hotels (id, name, location, location_key, stars) "
                         "VALUES (?, ?, ?, lower(?), ?)",
                         [(1, "Birch", "Kazan", "Kazan", 3), (2, "Aurora", "Omsk", "Omsk", 4)])
        conn.execute("INSERT INTO rooms (id, hotel_id, name, description, price, quantity, "
                     "capacity) VALUES (1, 1, 'Double', '', 12050, 2, 2)")
    conn.close()
    statistics = query(path, "SELECT * FROM sqlite_stat1 ORDER BY idx")
    assert ("hotels", "ix_hotels_location_key", "1000 20") in statistics

    async def read(desk):
        return await desk.list_hotels(), await desk.list_rooms(1), desk.migration

    async def main():
        async with open_desk(path, today=lambda: TODAY) as desk:
            return await read(desk)

    hotels, rooms, report = asyncio.run(main())

    assert report.before == "0004" and report.backup is not None
    assert [(h.id, h.name, h.location, h.stars, h.currency) for h in hotels] == [
        (2, "Aurora", "Omsk", 4, "EUR"), (1, "Birch", "Kazan", 3, "EUR")]
    assert [(r.name, r.price) for r in rooms] == [("Double", 12_050)]
    # The hotels table was rebuilt for its CHECK constraint: the statistics are back (later
    # revisions may add rows for their own indexes).
    assert set(statistics) <= set(query(path, "SELECT * FROM sqlite_stat1"))
    assert query(path, "SELECT sql FROM sqlite_master WHERE name = 'hotels'")[0][0].count(
        "ck_hotels_currency_code") == 1
    assert "No new upgrade operations detected" in alembic_cli(path, "check")

    # Down to 0004: the column goes, the hotels and their statistics stay.
    alembic_cli(path, "downgrade", "0004")
    assert "currency" not in columns(path, "hotels")
    assert query(path, "SELECT id, name, stars FROM hotels ORDER BY id") == [
        (1, "Birch", 3), (2, "Aurora", 4)]
    assert query(path, "SELECT * FROM sqlite_stat1 ORDER BY idx") == statistics
    assert query(path, "PRAGMA foreign_key_check") == []
    alembic_cli(path, "upgrade", "head")
    assert query(path, "SELECT currency FROM hotels") == [("EUR",), ("EUR",)]
