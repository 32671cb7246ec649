"""Two desks in two processes put two different stays into the SAME physical room for the same
nights at the same moment (by assigning it, or by moving a stay of another type into it): exactly
one gets the room, the other is told it is taken. Never two stays in one room on a night."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from frontdesk import open_desk

TODAY = date(2030, 6, 10)
ROUNDS = 6

# One desk: opens the database, then for each round waits until both desks are ready (a file
# each, so they start together) and puts its own stay of the round into the round's room.
DESK = textwrap.dedent("""
    import asyncio, json, sys, time
    from datetime import date
    from pathlib import Path

    from frontdesk import open_desk
    from frontdesk.errors import RoomTaken

    db, folder, me, other = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    rounds = json.loads(sys.argv[5])


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
            for n, race in enumerate(rounds):
                booking, unit = race["bookings"][me], race["unit"]
                meet(f"round{n}")
                try:
                    if race["how"] == "assign":
                        stay = await desk.assign_room(booking, unit)
                    else:
                        stay = await desk.move_stay(booking, unit_id=unit)
                    results.append(["won", stay.id, stay.unit_number])
                except RoomTaken as exc:
                    results.append(["taken", booking, str(exc), exc.number,
                                    exc.night.isoformat()])
            print(json.dumps(results))


    asyncio.run(main())
""")


def prepare(db: Path) -> list[dict]:
    """Per round: a room type of two rooms and, for each desk, a confirmed stay for 12-15 June.
    In "assign" rounds both stays are of that type and unassigned; in "move" rounds they are of
    another type of two rooms, and move into the round's room."""

    async def main():
        async with open_desk(db, today=lambda: TODAY) as desk:
            hotel = await desk.add_hotel("Birch", "Kazan", 3)
            anna = await desk.add_guest("Anna Ivanova")
            boris = await desk.add_guest("Boris Petrov")
            rounds = []
            for n in range(ROUNDS):
                how = "assign" if n % 2 == 0 else "move"
                target = await desk.add_room(hotel.id, f"Type {n}", 10_000, 2)
                source = target
                if how == "move":
                    source = await desk.add_room(hotel.id, f"From {n}", 8_000, 2)
                bookings = {
                    desk_name: (await desk.book(source.id, guest.id, date(2030, 6, 12),
                                                date(2030, 6, 15))).id
                    for desk_name, guest in (("a", anna), ("b", boris))}
                unit = next(u for u in await desk.list_units(hotel.id)
                            if u.room_id == target.id)
                rounds.append({"how": how, "unit": unit.id, "number": unit.number,
                               "type": target.id, "source": source.id, "bookings": bookings})
            return rounds

    return asyncio.run(main())


def read(db: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_two_processes_never_put_two_stays_in_one_room(tmp_path):
    db = tmp_path / "race.db"
    rounds = prepare(db)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    desks = [
        subprocess.Popen([sys.executable, "-c", DESK, str(db), str(tmp_path), me, other,
                          json.dumps(rounds)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for me, other in (("a", "b"), ("b", "a"))
    ]
    outcomes = []
    for desk in desks:
        out, err = desk.communicate(timeout=120)
        assert desk.returncode == 0, err
        outcomes.append(json.loads(out))

    for n, race in enumerate(rounds):
        results = {me: outcome[n] for me, outcome in zip("ab", outcomes, strict=True)}
        kinds = sorted(r[0] for r in results.values())
        assert kinds == ["taken", "won"], f"round {n}: {results}"
        winner = next(me for me, r in results.items() if r[0] == "won")
        loser = "b" if winner == "a" else "a"
        assert results[winner][1:] == [race["bookings"][winner], race["number"]]
        _, booking, message, number, night = results[loser]
        assert booking == race["bookings"][loser]
        assert (number, night) == (race["number"], "2030-06-12")
        assert message.startswith(f"Room {race['number']} is taken on the night of Wed 12 Jun "
                                  "2030")
        # In the file: the room holds the winner's stay only; the loser's stay is as it was.
        rows = dict(read(db, "SELECT id, unit_id FROM bookings WHERE id IN (?, ?)",
                         race["bookings"]["a"], race["bookings"]["b"]))
        assert rows == {race["bookings"][winner]: race["unit"], race["bookings"][loser]: None}
        types = dict(read(db, "SELECT id, room_id FROM bookings WHERE id IN (?, ?)",
                          race["bookings"]["a"], race["bookings"]["b"]))
        assert types == {race["bookings"][winner]: race["type"],
                         race["bookings"][loser]: race["source"]}
    held = read(db, "SELECT unit_id, count(*) FROM bookings WHERE unit_id IS NOT NULL "
                    "AND status IN ('confirmed', 'checked_in', 'checked_out') GROUP BY unit_id")
    assert sorted(held) == sorted((race["unit"], 1) for race in rounds)
