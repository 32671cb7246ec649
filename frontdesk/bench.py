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
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontdesk.config import data_dir
from frontdesk.db.models import search_key
from frontdesk.domain.occupancy import ACTIVE_STATUSES
from frontdesk.domain.stays import ARRIVING, IN_HOUSE, Status
from frontdesk.seed import SeedResult, SeedSize, seed_database

if TYPE_CHECKING:
    from frontdesk.services.desk import FrontDesk

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
            show_mismatch(op, p, got, want, mismatches)
    p50, raw50 = percentile(api_times, 0.5), percentile(raw_times, 0.5)
    return Row(op.name, p50, percentile(api_times, 0.95), raw50,
               p50 / raw50 if raw50 else None, len(op.params), op.note, mismatches)


async def count_mismatches(op: Op) -> int:
    """How many of the parameters get different answers from the API and raw sqlite3 (answers
    only, nothing timed)."""
    mismatches = 0
    for p in op.params:
        got, want = await op.api(p), op.raw(p)
        if got != want:
            mismatches += 1
            show_mismatch(op, p, got, want, mismatches)
    return mismatches


def show_mismatch(op: Op, p: Any, got: Any, want: Any, count: int) -> None:
    """The first three disagreements of an operation, on stderr."""
    if count <= 3:
        print(f"MISMATCH in {op.name} for {p!r}:\n  api: {got!r}\n  raw: {want!r}",
              file=sys.stderr)


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


# The measurements. Each is one function that takes the shared Bench, asks its question both
# ways (an `api` call and a `raw` sqlite3 query that states the rule on its own) and returns
# its rows of the table. To add an operation: write one more and list it in MEASUREMENTS.


@dataclass
class Bench:
    """What every measurement shares: the desk and a raw sqlite3 connection on the same file,
    one random generator (drawn from in table order, so a run asks the same questions as the
    last), the desk's day, and the data's hotels, room types and guests to pick from."""

    desk: FrontDesk
    raw: sqlite3.Connection
    rng: random.Random
    today: date
    repeat: int
    hotels: list[int]
    room_types: list[int]
    guest_count: int  # guest ids run from 1 to this

    @property
    def warmup(self) -> int:
        return max(1, min(20, self.repeat // 10))

    @property
    def runs(self) -> int:
        """Parameters each operation gets: the warm-up ones, then the timed ones."""
        return self.repeat + self.warmup

    async def time(self, op: Op) -> Row:
        return await run_op(op, self.warmup)

    def hotel_days(self) -> list[tuple[int, date]]:
        """A hotel and a day from three days back to four weeks ahead, for each run."""
        return [(self.rng.choice(self.hotels),
                 self.today + timedelta(days=self.rng.randrange(-3, 30)))
                for _ in range(self.runs)]


def sql_list(statuses: Iterable[Status]) -> str:
    """An SQL list of statuses, "('confirmed', 'checked_in')", from the domain's own tuple."""
    return "(" + ", ".join(f"'{status.value}'" for status in statuses) + ")"


HOLDS_ROOM = sql_list(ACTIVE_STATUSES)

# Nights :first to :last, one row each, for the raw side to count night by night.
NIGHTS = """WITH RECURSIVE nights(n) AS (
    SELECT :first UNION ALL SELECT date(n, '+1 day') FROM nights WHERE n < :last)"""

# How many rooms of the type `r` are taken on the night `nights.n` (the rule of
# frontdesk.domain.occupancy, stated here in plain SQL): its active stays and its physical
# rooms out of order that cover the night.
TAKEN_ON_NIGHT = f"""(
      (SELECT count(*) FROM bookings b
        WHERE b.room_id = r.id AND b.status IN {HOLDS_ROOM}
          AND b.date_from <= nights.n AND b.date_to > nights.n)
    + (SELECT count(*) FROM room_blocks k JOIN room_units u ON u.id = k.unit_id
        WHERE u.room_id = r.id AND k.date_from <= nights.n AND k.date_to > nights.n))"""

# Rooms left of a type for the nights :first to :last: its quantity minus its busiest night.
LEFT = f"r.quantity - (SELECT max({TAKEN_ON_NIGHT}) FROM nights)"


def nights_of(start: date, end: date) -> dict[str, str]:
    """The :first and :last night of the stay [start, end) for NIGHTS."""
    return {"first": start.isoformat(), "last": (end - timedelta(days=1)).isoformat()}


async def rooms_left(b: Bench) -> list[Row]:
    """Rooms left per room type of a hotel for a week."""
    async def api(p: tuple[int, date]) -> list[tuple[int, int]]:
        hotel, start = p
        left = await b.desk.rooms_left(hotel, start, start + timedelta(days=7))
        return [(a.room_id, a.rooms_left) for a in left]

    def raw(p: tuple[int, date]) -> list[tuple[int, int]]:
        hotel, start = p
        sql = (f"{NIGHTS} SELECT r.id, {LEFT} FROM rooms r WHERE r.hotel_id = :hotel "
               "ORDER BY r.name, r.id")
        return b.raw.execute(sql, {**nights_of(start, start + timedelta(days=7)),
                                   "hotel": hotel}).fetchall()

    op = Op("rooms_left (hotel, 7 nights)", api, raw, b.hotel_days())
    row = await b.time(op)
    # Out-of-order periods are half of the rule and the seed makes none, so the same questions
    # are asked again (answers only, not timed) with a room of each hotel out of order.
    with rooms_out_of_order(b.raw, op.params):
        row.mismatches += await count_mismatches(op)
    return [row]


@contextmanager
def rooms_out_of_order(raw: sqlite3.Connection, hotel_days: list[tuple[int, date]]
                       ) -> Iterator[None]:
    """While inside: in each hotel of `hotel_days`, its first physical room out of order for two
    nights inside the first week asked about; removed again afterwards, as if never there."""
    first_new = raw.execute("SELECT coalesce(max(id), 0) FROM room_blocks").fetchone()[0]
    first_day: dict[int, date] = {}
    for hotel, day in hotel_days:
        first_day.setdefault(hotel, day)
    raw.execute("BEGIN IMMEDIATE")
    for hotel, day in first_day.items():
        raw.execute("INSERT INTO room_blocks (unit_id, date_from, date_to, reason) "
                    "SELECT min(id), ?, ?, 'bench' FROM room_units WHERE hotel_id = ? "
                    "HAVING count(*) > 0",
                    ((day + timedelta(days=1)).isoformat(),
                     (day + timedelta(days=3)).isoformat(), hotel))
    raw.execute("COMMIT")
    try:
        yield
    finally:
        raw.execute("DELETE FROM room_blocks WHERE id > ?", (first_new,))


async def book_and_cancel(b: Bench) -> list[Row]:
    """A booking made and cancelled again, each a durable commit; far in the future so a room
    is free. The bench's own bookings are deleted again afterwards."""
    first_new = b.raw.execute("SELECT coalesce(max(id), 0) FROM bookings").fetchone()[0]

    def stay(k: int) -> tuple[int, int, date, date]:
        room = b.rng.choice(b.room_types)
        start = b.today + timedelta(days=400 + k % 300)
        return room, b.rng.randrange(1, b.guest_count + 1), start, start + timedelta(days=2)

    async def api(p: tuple[int, int, date, date]) -> str:
        booking = await b.desk.book(*p)
        return (await b.desk.cancel(booking.id, reason="bench")).status.value

    def raw(p: tuple[int, int, date, date]) -> str:
        room, guest, start, end = p
        b.raw.execute("BEGIN IMMEDIATE")
        left, price = b.raw.execute(f"{NIGHTS} SELECT {LEFT}, r.price FROM rooms r "
                                    "WHERE r.id = :room",
                                    {**nights_of(start, end), "room": room}).fetchone()
        assert left > 0
        cur = b.raw.execute(
            "INSERT INTO bookings (room_id, guest_id, date_from, date_to, price, status, "
            "notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)",
            (room, guest, start.isoformat(), end.isoformat(), price, Status.CONFIRMED.value,
             now(), now()))
        b.raw.execute("COMMIT")
        b.raw.execute("BEGIN IMMEDIATE")
        b.raw.execute("UPDATE bookings SET status = ?, cancel_reason = 'bench', updated_at = ? "
                      "WHERE id = ?", (Status.CANCELLED.value, now(), cur.lastrowid))
        b.raw.execute("COMMIT")
        return Status.CANCELLED.value

    try:
        return [await b.time(Op("book + cancel (2 commits)", api, raw,
                                [stay(k) for k in range(b.runs)]))]
    finally:
        b.raw.execute("DELETE FROM bookings WHERE id > ?", (first_new,))


async def guest_search(b: Bench) -> list[Row]:
    """Finding a guest as staff type: the start of a name, digits of a phone number, a domain."""
    names = [r[0] for r in b.raw.execute(
        "SELECT full_name FROM guests WHERE id IN (SELECT abs(random()) % ? + 1 "
        "FROM guests LIMIT 200)", (b.guest_count,))]
    phones = [r[0] for r in b.raw.execute(
        "SELECT phone FROM guests WHERE id IN (SELECT abs(random()) % ? + 1 "
        "FROM guests LIMIT 200) AND phone IS NOT NULL", (b.guest_count,))]
    domains = [r[0] for r in b.raw.execute(
        "SELECT DISTINCT email_domain FROM guests WHERE email_domain IS NOT NULL LIMIT 20")]

    async def api(text: str) -> list[int]:
        return [g.id for g in await b.desk.find_guests(text)]

    def raw(text: str) -> list[int]:
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
        return [r[0] for r in b.raw.execute(sql, params)]

    def word_start(name: str) -> str:
        word = b.rng.choice(name.split())
        return word[: b.rng.randrange(2, 5)]

    def last_digits(phone: str) -> str:
        digits = "".join(ch for ch in phone if ch.isdigit())
        return digits[-b.rng.randrange(4, 8):]

    def first_digits(phone: str) -> str:
        return phone[: b.rng.randrange(4, 9)].strip()

    rows = [
        await b.time(Op("guest search: first letters", api, raw,
                        [word_start(b.rng.choice(names)) for _ in range(b.runs)])),
        await b.time(Op("guest search: phone fragment", api, raw,
                        [last_digits(b.rng.choice(phones)) for _ in range(b.runs)],
                        "the last 4-7 digits of a number")),
        await b.time(Op("guest search: number start", api, raw,
                        [first_digits(b.rng.choice(phones)) for _ in range(b.runs)],
                        "the first 4-8 characters, as typed: '+49 15'")),
    ]
    if domains:
        rows.append(await b.time(Op("guest search: e-mail domain", api, raw,
                                    [b.rng.choice(domains) for _ in range(b.runs)],
                                    "'example.com'")))
    return rows


async def booking_list(b: Bench) -> list[Row]:
    """The first page of a hotel's confirmed bookings by arrival."""
    async def api(p: tuple[int, date]) -> list[int]:
        page = await b.desk.list_bookings(hotel_id=p[0], status=Status.CONFIRMED,
                                          sort="date_from", limit=50)
        return [booking.id for booking in page]

    def raw(p: tuple[int, date]) -> list[int]:
        sql = ("SELECT b.id FROM bookings b JOIN rooms r ON r.id = b.room_id "
               "JOIN hotels h ON h.id = r.hotel_id JOIN guests g ON g.id = b.guest_id "
               "WHERE r.hotel_id = ? AND b.status = ? ORDER BY b.date_from, b.id LIMIT 50")
        return [r[0] for r in b.raw.execute(sql, (p[0], Status.CONFIRMED.value))]

    return [await b.time(Op("booking list: first page (50)", api, raw, b.hotel_days(),
                            "hotel + status filter, by arrival"))]


# The day's lists: which stays each shows on :day (staff looking at the desk on :today), and
# their statuses. Overdue stays (still checked in after their departure) stay listed up to today.
DAY_LISTS: dict[str, tuple[str, tuple[Status, ...]]] = {
    "arrivals": ("b.date_from = :day", ARRIVING),
    "departures": (f"(b.date_to = :day OR (b.status = '{Status.CHECKED_IN.value}' "
                   "AND b.date_to < :day AND :day <= :today))", ACTIVE_STATUSES),
    "in_house": ("b.date_from <= :day AND (b.date_to > :day OR (b.date_to < :day "
                 "AND :day <= :today))", IN_HOUSE),
}


async def day_lists(b: Bench) -> list[Row]:
    """Arrivals, departures and guests in house of a hotel on a day, by guest name."""
    rows = []
    for name, (when, statuses) in DAY_LISTS.items():
        method = getattr(b.desk, name)
        sql = ("SELECT b.id FROM bookings b JOIN rooms r ON r.id = b.room_id "
               "JOIN guests g ON g.id = b.guest_id "
               f"WHERE r.hotel_id = :hotel AND {when} AND b.status IN {sql_list(statuses)} "
               "ORDER BY g.name_key, b.id")

        async def api(p: tuple[int, date], method: Any = method) -> list[int]:
            return [booking.id for booking in await method(*p)]

        def raw(p: tuple[int, date], sql: str = sql) -> list[int]:
            params = {"hotel": p[0], "day": p[1].isoformat(), "today": b.today.isoformat()}
            return [r[0] for r in b.raw.execute(sql, params)]

        rows.append(await b.time(Op(f"{name} (hotel, day)", api, raw, b.hotel_days())))
    return rows


async def room_grid(b: Bench) -> list[Row]:
    """The room grid of the largest hotel: a month, then the week that scrolling brings in."""
    biggest, rooms_in_it = b.raw.execute(
        "SELECT hotel_id, sum(quantity) FROM rooms GROUP BY hotel_id "
        "ORDER BY 2 DESC, 1 LIMIT 1").fetchone()

    async def api(p: tuple[date, int]) -> tuple[int, list[int], int]:
        grid = await b.desk.room_grid(biggest, p[0], p[0] + timedelta(days=p[1]))
        return (len(grid.units), sorted(stay.id for stay in grid.stays), len(grid.blocks))

    def raw(p: tuple[date, int]) -> tuple[int, list[int], int]:
        start, end = p[0].isoformat(), (p[0] + timedelta(days=p[1])).isoformat()
        units = b.raw.execute("SELECT count(*) FROM room_units WHERE hotel_id = ?",
                              (biggest,)).fetchone()[0]
        stays = [r[0] for r in b.raw.execute(
            "SELECT b.id FROM bookings b JOIN rooms r ON r.id = b.room_id "
            f"WHERE r.hotel_id = ? AND b.status IN {HOLDS_ROOM} AND b.date_to > ? "
            "AND b.date_from < ? ORDER BY b.id", (biggest, start, end))]
        blocks = b.raw.execute(
            "SELECT count(*) FROM room_blocks k JOIN room_units u ON u.id = k.unit_id "
            "WHERE u.hotel_id = ? AND k.date_to > ? AND k.date_from < ?",
            (biggest, start, end)).fetchone()[0]
        return (units, stays, blocks)

    def spans(nights: int) -> list[tuple[date, int]]:
        return [(b.today + timedelta(days=b.rng.randrange(-14, 30)), nights)
                for _ in range(b.runs)]

    note = f"{rooms_in_it} rooms"
    return [await b.time(Op("room_grid: a month", api, raw, spans(31), note)),
            await b.time(Op("room_grid: scroll a week", api, raw, spans(7), note))]


MEASUREMENTS: tuple[Callable[[Bench], Awaitable[list[Row]]], ...] = (
    rooms_left, book_and_cancel, guest_search, booking_list, day_lists, room_grid)


async def open_database(path: Path, repeat: int) -> list[Row]:
    """Opening an up-to-date database (the start-up migration check), after the measurements'
    desk is closed; the note gives the engine's own part of it."""
    from frontdesk import open_desk
    from frontdesk.db.engine import create_engine

    async def api(_: None) -> str:
        async with open_desk(path) as desk:
            return desk.migration.after

    def raw(_: None) -> str:
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
    row = await run_op(Op("open up-to-date database", api, raw, [None] * max(10, repeat // 10)), 3)
    row.note = (f"engine alone (create + first connect + dispose): "
                f"{percentile(engine_times, 0.5):.2f} ms p50")
    return [row]


async def measure(path: Path, repeat: int) -> list[Row]:
    """Every measurement on the database at `path`, in table order."""
    from frontdesk import open_desk

    raw = raw_connection(path)
    try:
        rows: list[Row] = []
        async with open_desk(path) as desk:
            b = Bench(desk=desk, raw=raw, rng=random.Random(7), today=desk.today(),
                      repeat=repeat,
                      hotels=[r[0] for r in raw.execute("SELECT id FROM hotels")],
                      room_types=[r[0] for r in raw.execute("SELECT id FROM rooms")],
                      guest_count=raw.execute("SELECT max(id) FROM guests").fetchone()[0])
            for measurement in MEASUREMENTS:
                rows += await measurement(b)
        rows += await open_database(path, repeat)
        return rows
    finally:
        raw.close()
