"""A database of revision 0003 (room types with a quantity, no physical rooms) opened by the app:
backed up, then migrated to head with every room type given exactly `quantity` physical rooms,
numbered per hotel floor by floor (101..120, 201..), and every booking kept as it was, sold by
type only. Rooms left do not change; checking in an old booking then assigns it a room."""

from __future__ import annotations

import asyncio
import sqlite3
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from alembic.script import ScriptDirectory
from dbhelpers import alembic_cli, query

from frontdesk import open_desk
from frontdesk.db.migrate import alembic_config

ROOT = Path(__file__).resolve().parents[1]
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()
TODAY = date(2030, 6, 10)
CREATED = datetime(2030, 5, 1, 9, 30)

HOTELS = [(1, "Birch", "Kazan", 3), (2, "Aurora", "Omsk", 4)]
# (id, hotel, name, price, quantity): ids interleave the hotels; numbering follows the ids.
ROOM_TYPES = [
    (1, 1, "Double", 12_000, 3),
    (2, 2, "Single", 8_000, 25),
    (3, 1, "Family", 20_000, 25),
    (4, 2, "Double", 11_000, 3),
]
GUESTS = [(1, "Anna Ivanova"), (2, "Boris Petrov")]
# (id, room type, guest, from, to, price, status, notes, cancel reason)
BOOKINGS = [
    (1, 1, 1, "2030-06-11", "2030-06-14", 12_000, "confirmed", "sea view", None),
    (2, 1, 2, "2030-06-09", "2030-06-12", 11_500, "checked_in", "", None),
    (3, 1, 1, "2030-06-12", "2030-06-13", 12_000, "confirmed", "", None),
    (4, 1, 2, "2030-06-12", "2030-06-15", 12_000, "cancelled", "", "Flight cancelled"),
    (5, 1, 1, "2030-06-01", "2030-06-03", 12_000, "checked_out", "paid cash", None),
    (6, 3, 2, "2030-06-10", "2030-06-20", 20_000, "confirmed", "", None),
    (7, 3, 1, "2030-06-05", "2030-06-06", 20_000, "no_show", "", None),
    (8, 2, 1, "2030-06-10", "2030-06-11", 8_000, "confirmed", "", None),
    (9, 4, 2, "2030-06-11", "2030-06-13", 0, "confirmed", "comp", None),
]
ACTIVE = {"confirmed", "checked_in", "checked_out"}






def tables(path: Path) -> dict[str, list[tuple]]:
    names = [n for (n,) in query(path, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite~_%' ESCAPE '~'")]
    return {n: sorted(query(path, f'SELECT * FROM "{n}"'), key=repr) for n in sorted(names)}


def columns(path: Path, table: str) -> dict[str, str]:
    return {row[1]: row[2].upper() for row in query(path, f'PRAGMA table_info("{table}")')}


def fill_revision_0003(path: Path) -> None:
    """The rows, written as an older frontdesk would have: with plain sqlite3."""
    types = columns(path, "bookings")
    # The timestamps are stored as the schema of the checkout says (whole seconds or text).
    stamp = (int(CREATED.replace(tzinfo=UTC).timestamp()) if types["created_at"] == "INTEGER"
             else CREATED.isoformat(" "))
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO hotels (id, name, location, location_key, stars) "
                         "VALUES (?, ?, ?, lower(?), ?)",
                         [(i, n, loc, loc, s) for i, n, loc, s in HOTELS])
        conn.executemany("INSERT INTO rooms (id, hotel_id, name, description, price, quantity, "
                         "capacity) VALUES (?, ?, ?, '', ?, ?, 2)", ROOM_TYPES)
        conn.executemany("INSERT INTO guests (id, full_name, name_key, notes) "
                         "VALUES (?, ?, lower(?), '')", [(i, n, n) for i, n in GUESTS])
        conn.executemany("INSERT INTO guest_names (key, guest_id) VALUES (lower(?), ?)",
                         [(n, i) for i, n in GUESTS])
        conn.executemany("INSERT INTO bookings (id, room_id, guest_id, date_from, date_to, price, "
                         "status, notes, cancel_reason, created_at, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [(*b, stamp, stamp) for b in BOOKINGS])
    conn.close()


def expected_numbers(quantities: list[int]) -> list[list[tuple[str, int]]]:
    """(number, floor) of each room type's rooms, the types of one hotel in order."""
    out, index = [], 0
    for quantity in quantities:
        rooms = []
        for _ in range(quantity):
            floor = index // 20 + 1
            rooms.append((f"{floor}{index % 20 + 1:02d}", floor))
            index += 1
        out.append(rooms)
    return out


def rooms_left_by_hand(room_id: int, first: date, last: date) -> int:
    """quantity minus the busiest night of [first, last), counted from BOOKINGS directly."""
    quantity = next(q for i, _, _, _, q in ROOM_TYPES if i == room_id)
    nights = Counter()
    for _, room, _, start, end, _, status, _, _ in BOOKINGS:
        if room == room_id and status in ACTIVE:
            night = date.fromisoformat(start)
            while night < date.fromisoformat(end):
                if first <= night < last:
                    nights[night] += 1
                night += timedelta(days=1)
    return quantity - max(nights.values(), default=0)


def open_once(path: Path, scenario, today: date = TODAY):
    """Open the file as the app does, await scenario(desk); return (report, result)."""

    async def main():
        async with open_desk(path, today=lambda: today) as desk:
            return desk.migration, await scenario(desk)

    return asyncio.run(main())


def test_a_revision_0003_database_gets_its_physical_rooms(tmp_path):
    path = tmp_path / "hotel.db"
    alembic_cli(path, "upgrade", "0003")
    assert query(path, "SELECT version_num FROM alembic_version") == [("0003",)]
    assert "room_units" not in tables(path)
    fill_revision_0003(path)
    old_rows = tables(path)
    old_columns = list(columns(path, "bookings"))
    assert "unit_id" not in old_columns
    old_bookings = query(path, f"SELECT {', '.join(old_columns)} FROM bookings ORDER BY id")
    ranges = [(TODAY, TODAY + timedelta(days=1)), (date(2030, 6, 11), date(2030, 6, 14)),
              (date(2030, 6, 1), date(2030, 6, 30))]

    async def look(desk):
        units = {h: await desk.list_units(h) for h, *_ in HOTELS}
        left = {(h, r): {a.room_id: a.rooms_left for a in await desk.rooms_left(h, *r)}
                for h, *_ in HOTELS for r in ranges}
        summaries = {s.id: (s.rooms, s.rooms_left_tonight) for s in await desk.hotel_summaries()}
        rooms = {r.id: r.quantity for h, *_ in HOTELS for r in await desk.list_rooms(h)}
        return units, left, summaries, rooms, await desk.get_booking(1)

    report, (units, left, summaries, rooms, old) = open_once(path, look)

    # Backed up first, at the old revision with the old rows; the file itself at head.
    assert (report.before, report.after) == ("0003", HEAD)
    assert report.backup is not None and report.backup.parent == path.parent
    assert query(report.backup, "SELECT version_num FROM alembic_version") == [("0003",)]
    assert tables(report.backup) == old_rows
    assert query(path, "SELECT version_num FROM alembic_version") == [(HEAD,)]

    # Every room type has exactly `quantity` rooms, numbered per hotel in the order of its types.
    assert rooms == {i: q for i, _, _, _, q in ROOM_TYPES}
    for hotel, *_ in HOTELS:
        types = [(i, q) for i, h, _, _, q in ROOM_TYPES if h == hotel]
        expected = dict(zip([i for i, _ in types], expected_numbers([q for _, q in types]),
                            strict=True))
        got = {i: [(u.number, u.floor) for u in units[hotel] if u.room_id == i]
               for i, _ in types}
        assert got == expected
        assert {u.status.value for u in units[hotel]} == {"clean"}
        assert {u.hotel_id for u in units[hotel]} == {hotel}
    # Spelled out: Birch's Double 101-103, Family 104-120 and 201-208; Aurora's Single 101-120
    # and 201-205, its Double 206-208.
    family = [(u.number, u.floor) for u in units[1] if u.room_id == 3]
    assert family[0] == ("104", 1) and family[16:18] == [("120", 1), ("201", 2)]
    assert family[-1] == ("208", 2)
    single = [u.number for u in units[2] if u.room_id == 2]
    assert single[:2] == ["101", "102"] and single[19:21] == ["120", "201"]
    assert single[-1] == "205"
    assert [u.number for u in units[2] if u.room_id == 4] == ["206", "207", "208"]
    assert query(path, "SELECT count(*) FROM room_blocks") == [(0,)]

    # Every booking kept every column. The guest in house got the first Double, 101; every
    # other booking is sold by type only.
    (room_101,) = query(path, "SELECT id FROM room_units WHERE hotel_id = 1 AND number = '101'")
    assert query(path, f"SELECT {', '.join(old_columns)}, unit_id FROM bookings "
                       "ORDER BY id") == [(*row, room_101[0] if row[0] == 2 else None)
                                          for row in old_bookings]
    assert (old.guest_name, old.room_name, old.date_from, old.date_to, old.price, old.notes,
            old.status, old.created_at, old.unit_id, old.unit_number) == (
        "Anna Ivanova", "Double", date(2030, 6, 11), date(2030, 6, 14), 12_000, "sea view",
        "confirmed", CREATED, None, None)

    # Rooms left as before: counted by hand from the bookings written above.
    for (hotel, r), found in left.items():
        assert found == {room: rooms_left_by_hand(room, *r)
                         for room, h, *_ in ROOM_TYPES if h == hotel}, (hotel, r)
    assert summaries == {1: (28, 28 - 2), 2: (28, 28 - 1)}

    # On 12 June: an old booking checks in to a room, never 101, whose guest (checked in
    # before the upgrade, due out today) has not left yet; then that guest checks out of 101,
    # which turns dirty; opening again takes no second backup.
    async def arrive(desk):
        first = await desk.check_in(3)
        second = await desk.check_in(1)
        out = await desk.check_out(2)
        return first, second, out, await desk.housekeeping(1)

    again, (first, second, out, rooms_now) = open_once(path, arrive, date(2030, 6, 12))
    assert again.backup is None and not again.upgraded
    assert (first.status, first.unit_number) == ("checked_in", "102")
    assert (second.unit_number, second.date_from) == ("103", date(2030, 6, 11))
    assert (out.status, out.unit_number) == ("checked_out", "101")
    occupied = {u.number: u.occupant for u in rooms_now if u.occupant}
    assert occupied == {"102": "Anna Ivanova", "103": "Anna Ivanova"}
    assert {u.number for u in rooms_now if u.status.value == "dirty"} == {"101"}
