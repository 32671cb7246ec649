"""Two desks in two processes book the last room of a type for the same nights at the same moment:
exactly one gets it, the other is told no room is free. Never two bookings."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from frontdesk import open_desk

TODAY = date(2030, 6, 10)
ROUNDS = 8

# One desk: opens the database, then for each round waits until both desks are ready (a file
# each, so they start together), books the round's room type and writes what happened.
DESK = textwrap.dedent("""
    import asyncio, json, sys, time
    from datetime import date
    from pathlib import Path

    from frontdesk import open_desk
    from frontdesk.errors import NotAvailable

    db, folder, me, other = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    rooms, guest = json.loads(sys.argv[5]), int(sys.argv[6])


    def meet(name):
        (folder / f"{name}-{me}").touch()
        deadline = time.monotonic() + 60
        while not (folder / f"{name}-{other}").exists():
            if time.monotonic() > deadline:
                raise SystemExit(f"{me}: the other desk never reached {name}")
            time.sleep(0.0005)


    async def main():
        async with open_desk(db, today=lambda: date(2030, 6, 10)) as desk:
            await desk.list_hotels()  # connected and warm before the race
            results = []
            for n, room in enumerate(rooms):
                meet(f"round{n}")
                try:
                    booking = await desk.book(room, guest, date(2030, 6, 12), date(2030, 6, 15))
                    results.append(["booked", booking.id])
                except NotAvailable as exc:
                    results.append(["not available", str(exc)])
            print(json.dumps(results))


    asyncio.run(main())
""")


def prepare(db: Path) -> tuple[int, list[int], int]:
    """Room types with one room left for 12-15 June: a single room, and a pair with one sold."""

    async def main():
        async with open_desk(db, today=lambda: TODAY) as desk:
            hotel = await desk.add_hotel("Birch", "Kazan", 3)
            guest = await desk.add_guest("Anna Ivanova")
            other = await desk.add_guest("Boris Petrov")
            rooms = []
            for n in range(ROUNDS):
                quantity = 1 + n % 2
                room = await desk.add_room(hotel.id, f"Type {n}", 10_000, quantity)
                if quantity == 2:  # one of the two is already taken for part of the stay
                    await desk.book(room.id, other.id, date(2030, 6, 14), date(2030, 6, 16))
                rooms.append(room.id)
            return hotel.id, rooms, guest.id

    return asyncio.run(main())


def test_two_processes_never_overbook_the_last_room(tmp_path):
    db = tmp_path / "race.db"
    hotel, rooms, guest = prepare(db)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    desks = [
        subprocess.Popen([sys.executable, "-c", DESK, str(db), str(tmp_path), me, other,
                          json.dumps(rooms), str(guest)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for me, other in (("a", "b"), ("b", "a"))
    ]
    outcomes = []
    for desk in desks:
        out, err = desk.communicate(timeout=120)
        assert desk.returncode == 0, err
        outcomes.append(json.loads(out))

    async def count(room):
        async with open_desk(db, today=lambda: TODAY) as desk:
            return await desk.count_bookings(room_id=room, guest_id=guest)

    for n, room in enumerate(rooms):
        kinds = sorted(outcome[n][0] for outcome in outcomes)
        assert kinds == ["booked", "not available"], f"round {n}: {outcomes}"
        refusal = next(o[n][1] for o in outcomes if o[n][0] == "not available")
        assert f"No 'Type {n}' room is free" in refusal
        assert asyncio.run(count(room)) == 1
