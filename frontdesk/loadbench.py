"""`frontdesk bench --load`: write latency while several desks write and read at once.

Writer processes book a stay, move its dates and cancel it, and change a guest's notes, each call
through the public FrontDesk API and each timed; reader processes search guests, page the room
grid and list arrivals without pause. Each process is its own desk (its own engine), as several
windows, scripts and the CLI on one file are. The figures are the write calls' p50, p99 and
maximum latency, and what went wrong how often.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from frontdesk.bench import machine_info, percentile
from frontdesk.sizes import SeedSize

# A database the size the issue measured (200,000 bookings), lighter in hotels and guests.
LOAD_SIZE = SeedSize(hotels=200, room_types=4_000, guests=50_000, bookings=200_000)


@dataclass
class Tally:
    """What one process did: each call's latency in ms, and its failures by kind."""

    role: str
    latencies: list[float] = field(default_factory=list)
    refused: Counter[str] = field(default_factory=Counter)
    raw: Counter[str] = field(default_factory=Counter)


def run_load(args: argparse.Namespace) -> int:
    """The load on a copy of `--db` (default: a cached database of LOAD_SIZE, seeded once), so
    the bench never changes a database it is given."""
    from frontdesk.bench import bench_database, counts

    source = bench_database(args, LOAD_SIZE)
    if not any(counts(source) or ()):
        if getattr(args, "db", None):  # never fill a database it was given
            from frontdesk.errors import DatabaseError

            raise DatabaseError(f"{source} holds no bookings to measure with. Nothing was "
                                "changed; give a database with data, or leave out --db.")
        from frontdesk.seed import seed_database

        print(f"Seeding the load database {source} ...", file=sys.stderr)
        print(asyncio.run(seed_database(str(source), LOAD_SIZE)).summary(), file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="frontdesk-load-") as folder:
        path = Path(folder) / "load.db"
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(path)) as copy:
            src.backup(copy)
        return _run(args, path)


def _run(args: argparse.Namespace, path: Path) -> int:
    bookings = sqlite3.connect(path).execute("SELECT count(*) FROM bookings").fetchone()[0]
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    roles = ["writer"] * args.writers + ["reader"] * args.readers
    # Every process opens its desk and warms up first; then all start together.
    ready = context.Barrier(len(roles))
    procs = [context.Process(target=_worker,
                             args=(role, n, str(path), ready, args.seconds, results))
             for n, role in enumerate(roles)]
    for proc in procs:
        proc.start()
    tallies = [results.get(timeout=args.seconds + 120) for _ in procs]
    for proc in procs:
        proc.join()
    writes = _merge(t for t in tallies if t.role == "writer")
    reads = _merge(t for t in tallies if t.role == "reader")
    print(f"frontdesk bench --load: {args.writers} writers + {args.readers} readers for "
          f"{args.seconds:g} s, {bookings:,} bookings")
    machine = machine_info()
    print(f"on {machine['cpu']} ({machine['cores']} cores), Python {machine['python']}, "
          f"SQLite {machine['sqlite']}")
    print(_line("writes", writes))
    print(_line("reads", reads))
    return 1 if writes.raw or reads.raw else 0


def _merge(tallies: object) -> Tally:
    total = Tally("all")
    for t in tallies:  # type: ignore[attr-defined]
        total.latencies += t.latencies
        total.refused += t.refused
        total.raw += t.raw
    return total


def _line(what: str, t: Tally) -> str:
    if not t.latencies:
        return f"{what}: none"
    slow = sum(1 for ms in t.latencies if ms > 1000)
    text = (f"{what}: {len(t.latencies):,} calls; p50 {percentile(t.latencies, 0.5):.1f} ms, "
            f"p99 {percentile(t.latencies, 0.99):.1f} ms, max {max(t.latencies):.1f} ms; "
            f"over 1 s: {slow}")
    if t.refused:
        text += "; refused: " + ", ".join(f"{k} {v}" for k, v in t.refused.most_common())
    if t.raw:
        text += "; RAW ERRORS: " + ", ".join(f"{k} {v}" for k, v in t.raw.most_common())
    return text


def _worker(role: str, n: int, path: str, ready: Any, seconds: float,
            results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    tally = Tally(role)
    try:
        asyncio.run(_work(role, n, path, ready, seconds, tally))
    finally:
        results.put(tally)


async def _work(role: str, n: int, path: str, ready: Any, seconds: float,
                tally: Tally) -> None:
    from frontdesk import open_desk
    from frontdesk.errors import FrontDeskError

    rng = random.Random(1000 + n)
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rooms = raw.execute("SELECT id, hotel_id FROM rooms").fetchall()
    guests = raw.execute("SELECT max(id) FROM guests").fetchone()[0]
    names = [r[0].split()[0][:3] for r in raw.execute(
        "SELECT full_name FROM guests ORDER BY random() LIMIT 200")]
    raw.close()

    async with open_desk(path) as desk:
        today = desk.today()

        async def timed(call: object) -> object:
            began = time.perf_counter()
            try:
                return await call  # type: ignore[misc]
            except FrontDeskError as error:
                tally.refused[type(error).__name__] += 1
            except Exception as error:  # noqa: BLE001 - counted: the bench reports raw errors
                tally.raw[type(error).__name__] += 1
            finally:
                tally.latencies.append((time.perf_counter() - began) * 1000)
            return None

        async def step() -> None:
            room_id, hotel_id = rng.choice(rooms)
            day = today + timedelta(days=rng.randrange(1, 300))
            if role == "writer":
                booking = await timed(desk.book(room_id, rng.randrange(1, guests + 1), day,
                                                 day + timedelta(days=rng.randrange(1, 4))))
                if booking is not None:
                    await timed(desk.change_dates(booking.id, day + timedelta(days=1),
                                                  day + timedelta(days=3)))
                    await timed(desk.cancel(booking.id))
                await timed(desk.update_guest(rng.randrange(1, guests + 1),
                                              notes=f"load {n} {time.time():.0f}"))
            else:
                kind = rng.randrange(3)
                if kind == 0:
                    await timed(desk.find_guests(rng.choice(names)))
                elif kind == 1:
                    await timed(desk.room_grid(hotel_id, day, day + timedelta(days=14)))
                else:
                    await timed(desk.arrivals(hotel_id, day))

        for _ in range(3):  # warm up: connections, compiled statements
            await step()
        tally.latencies.clear()
        tally.refused.clear()
        tally.raw.clear()
        ready.wait()  # blocks this process's loop, which has nothing else to do
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            await step()
