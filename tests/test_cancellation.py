"""A call cancelled at any moment (a script's `wait_for`, a superseded task in the window,
shutdown) ends its transaction and gives its connection back before the cancellation reaches
the caller: another program can take the write lock at once and checkpoint the whole WAL."""

from __future__ import annotations

import asyncio
import gc
import json
import random
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from dbhelpers import copy_database

from frontdesk import FrontDesk, open_desk
from frontdesk.errors import DatabaseError, FrontDeskError
from frontdesk.seed import seed_database
from frontdesk.sizes import SeedSize

TODAY = date(2030, 6, 10)
BATCHES, CALLS = 12, 40

# Another program on the same file, with plain sqlite3 and no patience (busy_timeout 0): can it
# take the write lock, and can it checkpoint the whole WAL (nobody reading an old snapshot)?
OTHER = textwrap.dedent("""
    import json, os, sqlite3, sys
    db = sys.argv[1]
    conn = sqlite3.connect(db, isolation_level=None, timeout=0)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        lock = "free"
    except sqlite3.OperationalError as exc:
        lock = str(exc)
    busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    print(json.dumps({"lock": lock, "busy": busy, "wal": os.path.getsize(db + "-wal")}))
""")


def lock_free(db: Path) -> bool:
    conn = sqlite3.connect(db, isolation_level=None, timeout=0)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def other_program(db: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", OTHER, str(db)], capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def seeded(tmp_path: Path, migrated_template: Path) -> Path:
    db = copy_database(migrated_template, tmp_path / "busy.db")
    size = SeedSize(hotels=2, room_types=6, guests=300, bookings=3000, random_seed=7)
    asyncio.run(seed_database(str(db), size, today=TODAY))
    return db


async def some_call(desk: FrontDesk, rng: random.Random, hotel: int, rooms: list[int],
                    guest: int, mine: list[int]) -> object:
    """One public call, chosen at random: writes (book, change_dates, move_stay) and snapshot
    reads (room_grid, housekeeping, quote_move)."""
    start = TODAY + timedelta(days=rng.randrange(200, 400))
    end = start + timedelta(days=rng.randrange(1, 4))
    kind = rng.randrange(6)
    if kind == 0:
        return await desk.book(rng.choice(rooms), guest, start, end)
    if kind == 1:
        return await desk.change_dates(rng.choice(mine), start, end)
    if kind == 2:
        return await desk.move_stay(rng.choice(mine), room_id=rng.choice(rooms))
    if kind == 3:
        return await desk.room_grid(hotel, TODAY, TODAY + timedelta(days=60))
    if kind == 4:
        return await desk.housekeeping(hotel)
    return await desk.quote_move(rng.choice(mine), room_id=rng.choice(rooms))


async def cancelled(rng: random.Random, call) -> None:
    """Run `call` and cancel it at a random moment: by wait_for's timeout, or by cancelling its
    task. (Cancelling a task twice within a millisecond is a fault left open: it can leave one
    of SQLAlchemy's connection-close tasks waiting forever for aiosqlite's stopped thread.)
    A refusal (no room free...) is fine; a busy database is not: this desk is the only one, so
    only a transaction left behind by an earlier cancelled call can hold the lock."""
    try:
        if rng.random() < 0.5:
            await asyncio.wait_for(call, rng.uniform(0, 0.004))
            return
        task = asyncio.ensure_future(call)
        await asyncio.sleep(rng.uniform(0, 0.004))
        task.cancel()
        await task
    except (TimeoutError, asyncio.CancelledError):
        pass
    except DatabaseError:
        raise
    except FrontDeskError:
        pass


def test_cancelled_calls_end_their_transactions(seeded: Path) -> None:
    async def main() -> list[dict]:
        async with open_desk(seeded, today=lambda: TODAY) as desk:
            # A hotel of our own among the seeded ones, with rooms enough for every booking.
            hotel = (await desk.add_hotel("Cancel Inn", "Testville", 3)).id
            rooms = [(await desk.add_room(hotel, name, 9000, 40)).id
                     for name in ("Single", "Double", "Twin")]
            guest = (await desk.find_guests("a", 1))[0].id
            mine = [(await desk.book(rooms[n % len(rooms)], guest,
                                     TODAY + timedelta(days=500 + 3 * n),
                                     TODAY + timedelta(days=501 + 3 * n))).id for n in range(8)]
            rng = random.Random(2026)
            seen = []
            for _ in range(BATCHES):
                for _ in range(CALLS):
                    began = time.monotonic()
                    await cancelled(rng, some_call(desk, rng, hotel, rooms, guest, mine))
                    # Cancelled within 4 ms, a call is over at once, unless it waited for a
                    # write lock that an earlier cancelled call left behind.
                    assert time.monotonic() - began < 2, "a cancelled call waited for a lock"
                    # And the lock is free the moment the call is over (a quick look from a
                    # plain sqlite3 connection of this process; the other program looks below).
                    assert lock_free(seeded), "a cancelled call kept the write lock"
                # Checked at once, with this process standing still (no event loop turn, no
                # garbage collection): the cancelled calls must have cleaned up already.
                seen.append(other_program(seeded))
            # And the desk itself still works.
            await desk.book(rooms[0], guest, TODAY + timedelta(days=450),
                            TODAY + timedelta(days=451))
            return seen

    gc.disable()  # a leaked connection must not be rescued by the garbage collector
    try:
        seen = asyncio.run(main())
    finally:
        gc.enable()
    assert seen == [{"lock": "free", "busy": 0, "wal": 0}] * BATCHES
