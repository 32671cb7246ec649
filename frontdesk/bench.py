"""`frontdesk bench`: the main operations through the FrontDesk API, each next to the same question
asked of the same file through plain `sqlite3`, in the same run. Answers must agree."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from frontdesk.config import data_dir
from frontdesk.db.models import search_key
from frontdesk.seed import SeedResult, SeedSize, seed_database

ACTIVE = ("confirmed", "checked_in", "checked_out")
IN_ACTIVE = "('confirmed', 'checked_in', 'checked_out')"
TOP = "\U0010ffff"


@dataclass
class Row:
    operation: str
    p50_ms: float
    p95_ms: float
    raw_p50_ms: float | None
    ratio: float | None
    runs: int
    note: str = ""
    mismatches: int = 0


def now() -> int:
    return int(time.time())


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass
class Op:
    name: str
    api: Callable[[Any], Awaitable[Any]]
    raw: Callable[[Any], Any]
    params: list[Any]
    note: str = ""


async def run_op(op: Op, warmup: int) -> Row:
    """Each parameter through the API, then through raw sqlite3, timed one by one."""
    for p in op.params[:warmup]:
        await op.api(p)
        op.raw(p)
    api_times, raw_times, mismatches = [], [], 0
    for p in op.params:
        t0 = time.perf_counter()
        got = await op.api(p)
        t1 = time.perf_counter()
        want = op.raw(p)
        t2 = time.perf_counter()
        api_times.append((t1 - t0) * 1000)
        raw_times.append((t2 - t1) * 1000)
        if got != want:
            mismatches += 1
            if mismatches <= 3:
                print(f"MISMATCH in {op.name} for {p!r}:\n  api: {got!r}\n  raw: {want!r}",
                      file=sys.stderr)
    p50, raw50 = percentile(api_times, 0.5), percentile(raw_times, 0.5)
    return Row(op.name, p50, percentile(api_times, 0.95), raw50,
               p50 / raw50 if raw50 else None, len(op.params), op.note, mismatches)


def bench_database(args: argparse.Namespace, size: SeedSize) -> Path:
    if getattr(args, "db", None):
        return Path(args.db)
    return data_dir() / (f"bench-{size.hotels}-{size.room_types}-{size.guests}-"
                         f"{size.bookings}-{size.random_seed}.db")


def counts(path: Path) -> tuple[int, ...] | None:
    if not path.exists():
        return None
    conn = sqlite3.connect(path)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("hotels", "rooms", "guests", "bookings"))
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def raw_connection(path: Path) -> sqlite3.Connection:
    """sqlite3 with the same durability rules as the app (WAL, synchronous=FULL)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def run_bench(args: argparse.Namespace) -> int:
    from frontdesk.cli import size_from

    size = size_from(args)
    path = bench_database(args, size)
    seeded: SeedResult | None = None
    expected = (size.hotels, size.room_types, size.guests, size.bookings)
    found = counts(path)
    if found != expected:
        if found and any(found):
            if getattr(args, "db", None):
                print(f"Using {path} as it is ({found[3]:,} bookings).", file=sys.stderr)
            else:
                path.unlink()
                found = None
        if not found or not any(found):
            print(f"Seeding the benchmark database {path} ...", file=sys.stderr)
            seeded = asyncio.run(seed_database(str(path), size, progress=sys.stderr.isatty()))
            print(seeded.summary(), file=sys.stderr)
    else:
        print(f"Reusing the benchmark database {path}.", file=sys.stderr)
    rows = asyncio.run(measure(path, args.repeat))
    seed_note = seeded.summary() if seeded else ""
    if seeded is None:
        seeded = asyncio.run(seed_scratch(size))
        seed_note = seeded.summary() + " (scratch database, a tenth of the size)"
    rate = seeded.bookings_per_second
    rows.append(Row("seed (bookings/s)", 0.0, 0.0, None, None, 1, seed_note))
    machine = machine_info()
    size_mb = path.stat().st_size / 1e6
    if args.json:
        print(json.dumps({"machine": machine, "database": str(path), "database_mb": size_mb,
                          "seed_bookings_per_s": rate,
                          "operations": [asdict(r) for r in rows]}, indent=2))
    else:
        print(f"frontdesk bench on {machine['cpu']} ({machine['cores']} cores), "
              f"Python {machine['python']}, SQLite {machine['sqlite']}")
        print(f"database {path} ({size_mb:.0f} MB): {found_text(path)}")
        print(render_table(rows))
    bad = [r for r in rows if r.mismatches]
    if bad:
        print("The API and raw sqlite3 answers differ for: "
              + ", ".join(r.operation for r in bad), file=sys.stderr)
        return 1
    return 0


def found_text(path: Path) -> str:
    c = counts(path) or (0, 0, 0, 0)
    return f"{c[0]:,} hotels, {c[1]:,} room types, {c[2]:,} guests, {c[3]:,} bookings"


def render_table(rows: list[Row]) -> str:
    lines = [f"{'operation':<34} {'p50 ms':>8} {'p95 ms':>8} {'raw p50':>8} {'ratio':>6}  note",
             "-" * 100]
    for r in rows:
        if r.operation.startswith("seed"):
            lines.append(f"{r.operation:<34} {'':>8} {'':>8} {'':>8} {'':>6}  {r.note}")
            continue
        raw = f"{r.raw_p50_ms:8.3f}" if r.raw_p50_ms is not None else f"{'':>8}"
        ratio = f"{r.ratio:6.1f}" if r.ratio is not None else f"{'':>6}"
        flag = f"  MISMATCH x{r.mismatches}" if r.mismatches else ""
        lines.append(f"{r.operation:<34} {r.p50_ms:8.3f} {r.p95_ms:8.3f} {raw} {ratio}  "
                     f"{r.note}{flag}")
    return "\n".join(lines)


def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "system": platform.platform()}


async def seed_scratch(size: SeedSize) -> SeedResult:
    """Seeding speed on a scratch database a tenth of the size (the cached one was reused)."""
    small = SeedSize(max(1, size.hotels // 10), max(1, size.room_types // 10),
                     max(1, size.guests // 10), size.bookings // 10, size.random_seed)
    with tempfile.TemporaryDirectory() as tmp:
        return await seed_database(str(Path(tmp) / "seed.db"), small)


async def measure(path: Path, repeat: int) -> list[Row]:
    from frontdesk import open_desk
    from frontdesk.db.engine import create_engine

    raw = raw_connection(path)
    rng = random.Random(7)
    today = date.today()
    hotels = [r[0] for r in raw.execute("SELECT id FROM hotels")]
    rooms = raw.execute("SELECT id, quantity FROM rooms").fetchall()
    guest_count = raw.execute("SELECT max(id) FROM guests").fetchone()[0]
    first_new = raw.execute("SELECT coalesce(max(id), 0) FROM bookings").fetchone()[0]
    warmup = max(1, min(20, repeat // 10))
    n = repeat + warmup

    def pick_hotels() -> list[tuple[int, date]]:
        return [(rng.choice(hotels), today + timedelta(days=rng.randrange(-3, 30)))
                for _ in range(n)]

    rows: list[Row] = []
    async with open_desk(path) as desk:
        # rooms_left: raw side asks the definition directly, night by night.
        def raw_rooms_left(p: tuple[int, date]) -> list[tuple[int, int]]:
            hotel, start = p
            end = start + timedelta(days=7)
            sql = f"""
                WITH RECURSIVE nights(n) AS (
                    SELECT ? UNION ALL SELECT date(n, '+1 day') FROM nights WHERE n < ?)
                SELECT r.id, r.quantity - (
                    SELECT max((SELECT count(*) FROM bookings b
                                WHERE b.room_id = r.id AND b.status IN {IN_ACTIVE}
                                  AND b.date_from <= nights.n AND b.date_to > nights.n))
                    FROM nights)
                FROM rooms r WHERE r.hotel_id = ? ORDER BY r.name, r.id"""
            return raw.execute(sql, (start.isoformat(), (end - timedelta(days=1)).isoformat(),
                                     hotel)).fetchall()

        async def api_rooms_left(p: tuple[int, date]) -> list[tuple[int, int]]:
            hotel, start = p
            left = await desk.rooms_left(hotel, start, start + timedelta(days=7))
            return [(a.room_id, a.rooms_left) for a in left]

        rows.append(await run_op(Op("rooms_left (hotel, 7 nights)", api_rooms_left,
                                    raw_rooms_left, pick_hotels()), warmup))

        # book + cancel, durable commits; far in the future so a room is free.
        def stay(k: int) -> tuple[int, int, date, date]:
            room, _ = rng.choice(rooms)
            start = today + timedelta(days=400 + k % 300)
            return room, rng.randrange(1, guest_count + 1), start, start + timedelta(days=2)

        async def api_book_cancel(p: tuple[int, int, date, date]) -> str:
            booking = await desk.book(*p)
            return (await desk.cancel(booking.id, reason="bench")).status.value

        def raw_book_cancel(p: tuple[int, int, date, date]) -> str:
            room, guest, start, end = p
            raw.execute("BEGIN IMMEDIATE")
            quantity, price = raw.execute("SELECT quantity, price FROM rooms WHERE id = ?",
                                          (room,)).fetchone()
            busy = raw.execute(
                f"SELECT count(*) FROM bookings WHERE room_id = ? AND status IN {IN_ACTIVE} "
                "AND date_from < ? AND date_to > ?", (room, end, start)).fetchone()[0]
            assert busy < quantity
            cur = raw.execute(
                "INSERT INTO bookings (room_id, guest_id, date_from, date_to, price, status, "
                "notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'confirmed', '', ?, ?)",
                (room, guest, start.isoformat(), end.isoformat(), price, now(), now()))
            raw.execute("COMMIT")
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("UPDATE bookings SET status = 'cancelled', cancel_reason = 'bench', "
                        "updated_at = ? WHERE id = ?", (now(), cur.lastrowid))
            raw.execute("COMMIT")
            return "cancelled"

        try:
            rows.append(await run_op(Op("book + cancel (2 commits)", api_book_cancel,
                                        raw_book_cancel, [stay(k) for k in range(n)]), warmup))
        finally:
            raw.execute("DELETE FROM bookings WHERE id > ?", (first_new,))

        # guest search
        names = [r[0] for r in raw.execute(
            "SELECT full_name FROM guests WHERE id IN (SELECT abs(random()) % ? + 1 "
            "FROM guests LIMIT 200)", (guest_count,))]
        phones = [r[0] for r in raw.execute(
            "SELECT phone FROM guests WHERE id IN (SELECT abs(random()) % ? + 1 "
            "FROM guests LIMIT 200) AND phone IS NOT NULL", (guest_count,))]

        async def api_guests(text: str) -> list[int]:
            return [g.id for g in await desk.find_guests(text)]

        def raw_guests(text: str) -> list[int]:
            parts = ["SELECT * FROM (SELECT guest_id FROM guest_names WHERE key >= :key AND "
                     "key < :key || :top LIMIT 50)",
                     "SELECT * FROM (SELECT id FROM guests WHERE email_key >= :key AND "
                     "email_key < :key || :top LIMIT 50)"]
            digits = "".join(ch for ch in text if ch.isdigit())
            if len(digits) >= 3 and not any(ch.isalpha() for ch in text):
                parts.append("SELECT * FROM (SELECT id FROM guests WHERE phone_tail >= :tail "
                             "AND phone_tail < :tail || :top LIMIT 50)")
                parts.append("SELECT * FROM (SELECT id FROM guests WHERE phone_key >= :lead "
                             "AND phone_key < :lead || :top LIMIT 50)")
            if "." in text and " " not in text and "@" not in text:
                parts.append("SELECT * FROM (SELECT id FROM guests WHERE email_domain >= :key "
                             "AND email_domain < :key || :top LIMIT 50)")
            sql = (f"SELECT id FROM guests WHERE id IN ({' UNION '.join(parts)}) "
                   "ORDER BY name_key, id LIMIT 50")
            params = {"key": search_key(text.strip()), "top": TOP, "tail": digits[::-1],
                      "lead": digits}
            return [r[0] for r in raw.execute(sql, params)]

        def last_digits(phone: str) -> str:
            digits = "".join(ch for ch in phone if ch.isdigit())
            return digits[-rng.randrange(4, 8):]

        def first_digits(phone: str) -> str:
            return phone[: rng.randrange(4, 9)].strip()

        def word_start(name: str) -> str:
            word = rng.choice(name.split())
            return word[: rng.randrange(2, 5)]

        rows.append(await run_op(Op("guest search: first letters", api_guests, raw_guests,
                                    [word_start(rng.choice(names)) for _ in range(n)]), warmup))
        rows.append(await run_op(
            Op("guest search: phone fragment", api_guests, raw_guests,
               [last_digits(rng.choice(phones)) for _ in range(n)],
               "the last 4-7 digits of a number"), warmup))
        rows.append(await run_op(
            Op("guest search: number start", api_guests, raw_guests,
               [first_digits(rng.choice(phones)) for _ in range(n)],
               "the first 4-8 characters, as typed: '+49 15'"), warmup))
        domains = [r[0] for r in raw.execute(
            "SELECT DISTINCT email_domain FROM guests WHERE email_domain IS NOT NULL LIMIT 20")]
        if domains:
            rows.append(await run_op(
                Op("guest search: e-mail domain", api_guests, raw_guests,
                   [rng.choice(domains) for _ in range(n)], "'example.com'"), warmup))

        # booking list: first page of a hotel's confirmed bookings by arrival
        async def api_list(p: tuple[int, date]) -> list[int]:
            page = await desk.list_bookings(hotel_id=p[0], status="confirmed",
                                            sort="date_from", limit=50)
            return [b.id for b in page]

        def raw_list(p: tuple[int, date]) -> list[int]:
            sql = ("SELECT b.id FROM bookings b JOIN rooms r ON r.id = b.room_id "
                   "JOIN hotels h ON h.id = r.hotel_id JOIN guests g ON g.id = b.guest_id "
                   "WHERE r.hotel_id = ? AND b.status = 'confirmed' "
                   "ORDER BY b.date_from, b.id LIMIT 50")
            return [r[0] for r in raw.execute(sql, (p[0],))]

        rows.append(await run_op(Op("booking list: first page (50)", api_list, raw_list,
                                    pick_hotels(), "hotel + status filter, by arrival"), warmup))

        # the day's lists
        day_sql = {
            "arrivals": ("b.date_from = ?2", "('confirmed', 'checked_in', 'checked_out', "
                                             "'no_show')"),
            # Overdue stays (still checked in after their departure) stay listed up to today.
            "departures": ("(b.date_to = ?2 OR (b.status = 'checked_in' AND b.date_to < ?2 "
                           "AND ?2 <= ?3))", IN_ACTIVE),
            "in_house": ("b.date_from <= ?2 AND (b.date_to > ?2 OR (b.date_to < ?2 "
                         "AND ?2 <= ?3))", "('checked_in')"),
        }
        for name, (when, statuses) in day_sql.items():
            method = getattr(desk, name)

            async def api_day(p: tuple[int, date], method: Any = method) -> list[int]:
                return [b.id for b in await method(*p)]

            def raw_day(p: tuple[int, date], when: str = when, statuses: str = statuses
                        ) -> list[int]:
                sql = ("SELECT b.id FROM bookings b JOIN rooms r ON r.id = b.room_id "
                       "JOIN guests g ON g.id = b.guest_id "
                       f"WHERE r.hotel_id = ?1 AND {when} AND b.status IN {statuses} "
                       "ORDER BY g.name_key, b.id")
                args = (p[0], p[1].isoformat(), today.isoformat())
                return [r[0] for r in raw.execute(sql, args if "?3" in when else args[:2])]

            rows.append(await run_op(Op(f"{name} (hotel, day)", api_day, raw_day,
                                        pick_hotels()), warmup))

        # The room grid of the largest hotel: a month, then the week that scrolling brings in.
        biggest, rooms_in_it = raw.execute(
            "SELECT hotel_id, sum(quantity) FROM rooms GROUP BY hotel_id "
            "ORDER BY 2 DESC, 1 LIMIT 1").fetchone()

        async def api_grid(p: tuple[date, int]) -> tuple:
            grid = await desk.room_grid(biggest, p[0], p[0] + timedelta(days=p[1]))
            return (len(grid.units), sorted(b.id for b in grid.stays), len(grid.blocks))

        def raw_grid(p: tuple[date, int]) -> tuple:
            start, end = p[0].isoformat(), (p[0] + timedelta(days=p[1])).isoformat()
            units = raw.execute("SELECT count(*) FROM room_units WHERE hotel_id = ?",
                                (biggest,)).fetchone()[0]
            stays = [r[0] for r in raw.execute(
                "SELECT b.id FROM bookings b JOIN rooms r ON r.id = b.room_id "
                f"WHERE r.hotel_id = ? AND b.status IN {IN_ACTIVE} AND b.date_to > ? "
                "AND b.date_from < ? ORDER BY b.id", (biggest, start, end))]
            blocks = raw.execute(
                "SELECT count(*) FROM room_blocks k JOIN room_units u ON u.id = k.unit_id "
                "WHERE u.hotel_id = ? AND k.date_to > ? AND k.date_from < ?",
                (biggest, start, end)).fetchone()[0]
            return (units, stays, blocks)

        def grid_from(span: int) -> list[tuple[date, int]]:
            return [(today + timedelta(days=rng.randrange(-14, 30)), span) for _ in range(n)]

        rooms_note = f"{rooms_in_it} rooms"
        rows.append(await run_op(Op("room_grid: a month", api_grid, raw_grid, grid_from(31),
                                    rooms_note), warmup))
        rows.append(await run_op(Op("room_grid: scroll a week", api_grid, raw_grid,
                                    grid_from(7), rooms_note), warmup))

    # opening an up-to-date database (the startup migration check)
    async def api_open(_: None) -> str:
        async with open_desk(path) as d:
            return d.migration.after

    def raw_open(_: None) -> str:
        conn = sqlite3.connect(path)
        try:
            return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            conn.close()

    engine_times = []
    for _ in range(20):
        t0 = time.perf_counter()
        engine = create_engine(path)
        async with engine.connect():
            pass
        await engine.dispose()
        engine_times.append((time.perf_counter() - t0) * 1000)
    opens = max(10, repeat // 10)
    row = await run_op(Op("open up-to-date database", api_open, raw_open, [None] * opens), 3)
    row.note = (f"engine alone (create + first connect + dispose): "
                f"{percentile(engine_times, 0.5):.2f} ms p50")
    rows.append(row)
    raw.close()
    return rows

