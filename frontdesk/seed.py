"""`frontdesk seed`: realistic hotels, room types, guests and bookings, fast and never overbooked.

Each room type's bookings are laid out on its physical rooms one after another with gaps, so no
two stays ever share a room on a night: the data respects the rooms-left rule by construction.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from frontdesk.db.bulk import indexes_rebuilt
from frontdesk.db.engine import database_url, sqlite_path
from frontdesk.db.faults import translated
from frontdesk.db.migrate import open_engine, read_only_connection, stamped_revision
from frontdesk.db.models import (
    Booking,
    Guest,
    GuestName,
    Hotel,
    Room,
    RoomUnit,
    email_domain_key,
    name_keys,
    phone_digits,
    phone_tail,
    search_key,
    utc_now,
)
from frontdesk.db.seam import kind_of
from frontdesk.domain.clock import system_today
from frontdesk.domain.numbering import room_number
from frontdesk.domain.stays import Status
from frontdesk.errors import FrontDeskError
from frontdesk.sizes import SeedSize
from frontdesk.words import plural

CITIES = [
    ("München", "Deutschland", "+49"), ("Köln", "Deutschland", "+49"),
    ("Zürich", "Schweiz", "+41"), ("Genève", "Suisse", "+41"), ("Kraków", "Polska", "+48"),
    ("Łódź", "Polska", "+48"), ("Москва", "Россия", "+7"), ("Санкт-Петербург", "Россия", "+7"),
    ("Казань", "Россия", "+7"), ("São Paulo", "Brasil", "+55"), ("Reykjavík", "Ísland", "+354"),
    ("İstanbul", "Türkiye", "+90"), ("Malmö", "Sverige", "+46"), ("København", "Danmark", "+45"),
    ("Αθήνα", "Ελλάδα", "+30"), ("Paris", "France", "+33"), ("Nice", "France", "+33"),
    ("Sevilla", "España", "+34"), ("A Coruña", "España", "+34"), ("Lisboa", "Portugal", "+351"),
    ("Praha", "Česko", "+420"), ("Wien", "Österreich", "+43"), ("Tallinn", "Eesti", "+372"),
    ("Dublin", "Ireland", "+353"), ("Edinburgh", "United Kingdom", "+44"),
    ("Montréal", "Canada", "+1"), ("New York", "United States", "+1"),
]
HOTEL_WORDS = ["Grand", "Park", "Central", "Royal", "Garden", "Harbour", "Old Town", "Alpine",
               "Riverside", "Station", "Boutique", "Palace", "Lake", "Crown", "Sun"]
HOTEL_KINDS = ["Hotel", "Hôtel", "Inn", "Residence", "Suites", "Gasthof", "Гостиница", "Pension"]
ROOM_TYPES = [("Single", 1, 6000), ("Double", 2, 9000), ("Twin", 2, 9000),
              ("Superior Double", 2, 12000), ("Deluxe King", 2, 15000), ("Family", 4, 16000),
              ("Junior Suite", 3, 21000), ("Suite", 4, 30000), ("Economy Single", 1, 4500),
              ("Triple", 3, 13000), ("Studio", 2, 11000), ("Penthouse", 4, 60000)]
FIRST = ["Anna", "Jürgen", "Zoë", "Mateusz", "Łucja", "Алексей", "Мария", "Дмитрий", "Ольга",
         "João", "Inês", "Björk", "Søren", "Ελένη", "Νίκος", "François", "Chloé", "José",
         "María", "Emre", "Ayşe", "Jan", "Eva", "Liam", "Olivia", "Noah", "Emma", "Kenji",
         "Yuki", "Fatima", "Omar", "Sean", "Aoife", "Pierre", "Léa", "Hans", "Grete"]
LAST = ["Müller", "Schmidt", "Nowak", "Wójcik", "Иванов", "Петрова", "Смирнов", "Silva",
        "Gonçalves", "Jónsdóttir", "Sørensen", "Παπαδόπουλος", "Dubois", "Lefèvre", "García",
        "Núñez", "Yılmaz", "Öztürk", "Novák", "Dvořák", "Murphy", "O'Brien", "Smith", "Jones",
        "Tanaka", "Suzuki", "Haddad", "Kowalski", "Bernard", "Rossi", "Bianchi", "Svensson"]
TRANSLIT = str.maketrans({c: "" for c in "'"})

HISTORY_DAYS = 730  # stays start up to two years back
FUTURE_DAYS = 180  # and up to half a year ahead
CHUNK = 50_000
FLAGSHIP_ROOMS = 300
FLAGSHIP_FROM = 100_000  # bookings
HOUSEKEEPING = ["clean"] * 6 + ["inspected"] * 3 + ["dirty"]




@dataclass(frozen=True)
class SeedResult:
    size: SeedSize
    seconds: float

    @property
    def bookings_per_second(self) -> float:
        return self.size.bookings / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        s = self.size
        rate = self.bookings_per_second
        return (f"Seeded {plural(s.hotels, 'hotel')}, {plural(s.room_types, 'room type')}, "
                f"{plural(s.guests, 'guest')} and {plural(s.bookings, 'booking')} "
                f"in {self.seconds:.1f} s ({rate:,.0f} bookings/s).")


class DatabaseNotEmpty(FrontDeskError):
    """`seed` was pointed at a database that already holds hotels (perhaps the hotel's own)."""


def refuse_if_holds_hotels(where: str, hotels: int) -> None:
    """Seeding writes only into a new or empty database: never next to real hotels."""
    if hotels:
        raise DatabaseNotEmpty(
            f"{where} already holds {plural(hotels, 'hotel')}; frontdesk seed only fills a new "
            "or empty database, so nothing was written. Give a new file with --db PATH.")


def _hotels_in_file(path: Path) -> int:
    """Hotels in an existing database file, counted without changing a byte of it."""
    if stamped_revision(path) is None:  # refuses folders and files of other programs
        return 0
    with read_only_connection(path) as conn:
        return conn.execute("SELECT count(*) FROM hotels").fetchone()[0]


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.done = max(total, 1), enabled, 0

    def advance(self, n: int) -> None:
        self.done += n
        if self.enabled:
            share = self.done / self.total
            bar = "#" * int(share * 30)
            sys.stderr.write(f"\rseeding [{bar:<30}] {share:6.1%}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _check(size: SeedSize) -> None:
    from frontdesk.errors import ValidationError

    for name in ("hotels", "room_types", "guests"):
        if getattr(size, name) < 1:
            raise ValidationError(name, f"Seeding needs at least one of {name.replace('_', ' ')}.")
    if size.bookings < 0:
        raise ValidationError("bookings", "The number of bookings cannot be negative.")
    if size.room_types < size.hotels:
        raise ValidationError("room_types", "Seeding needs at least one room type per hotel.")


def _hotels(rng: random.Random, n: int) -> Iterator[dict]:
    for i in range(n):
        city, country, _ = CITIES[i % len(CITIES)]
        name = f"{rng.choice(HOTEL_KINDS)} {rng.choice(HOTEL_WORDS)} {city}"
        if i >= len(CITIES):
            name = f"{name} {i // len(CITIES) + 1}"
        location = f"{city}, {country}"
        yield {"name": name[:100], "location": location, "location_key": search_key(location),
               "stars": 1 + int(rng.random() * 5)}


def _room_types(rng: random.Random, hotel_ids: list[int], n: int,
                with_flagship: bool) -> Iterator[dict]:
    """Room types spread over the hotels; the first hotel is the flagship: FLAGSHIP_ROOMS
    rooms in all, busy, so the room grid has a full house to show."""
    per_hotel, extra = divmod(n, len(hotel_ids))
    for index, hotel_id in enumerate(hotel_ids):
        count = per_hotel + (1 if index < extra else 0)
        for k in range(count):
            base, capacity, price = ROOM_TYPES[k % len(ROOM_TYPES)]
            name = base if k < len(ROOM_TYPES) else f"{base} {k // len(ROOM_TYPES) + 1}"
            if index == 0 and with_flagship:
                share, rest = divmod(FLAGSHIP_ROOMS, count)
                quantity = share + (1 if k < rest else 0)
            else:
                quantity = 1 + int(rng.random() * 10)
            yield {"hotel_id": hotel_id, "name": name, "description": f"{base} room",
                   "price": price + int(rng.random() * 40) * 100,
                   "quantity": max(quantity, 1), "capacity": capacity}


def _units(rooms: list[tuple], first_id: int) -> Iterator[dict]:
    """Numbered physical rooms, per hotel floor by floor (as revision 0004 numbers them)."""
    ident, hotel, index = first_id, None, 0
    for room_id, hotel_id, quantity, *_ in rooms:
        if hotel_id != hotel:
            hotel, index = hotel_id, 0
        for _ in range(quantity):
            ident += 1
            number, floor = room_number(index)
            yield {"id": ident, "hotel_id": hotel_id, "room_id": room_id,
                   "number": number, "floor": floor,
                   "notes": "", "status": HOUSEKEEPING[ident % len(HOUSEKEEPING)]}
            index += 1


def _guests(rng: random.Random, n: int, first_id: int, names: list[dict]) -> Iterator[dict]:
    """Guest rows with explicit ids; their name-search rows are collected into `names`."""
    r = rng.random
    for i in range(n):
        first, last = FIRST[int(r() * len(FIRST))], LAST[int(r() * len(LAST))]
        name = f"{first} {last}"
        prefix = CITIES[i % len(CITIES)][2]
        phone = f"{prefix} {int(r() * 900) + 100} {int(r() * 9_000_000) + 1_000_000}"
        email = f"guest{i + 1}@example.com"
        ident = first_id + i + 1
        names.extend({"key": key, "guest_id": ident} for key in name_keys(name))
        yield {"id": ident, "full_name": name, "name_key": search_key(name), "phone": phone,
               "phone_tail": phone_tail(phone), "email": email, "email_key": email,
               "phone_key": phone_digits(phone), "email_domain": email_domain_key(email),
               "document": f"P{int(r() * 90_000_000) + 10_000_000}", "notes": ""}


def _bookings(rng: random.Random, rooms: list[tuple], guests: int, total: int, today: date,
              first_guest: int, first_unit: int, with_flagship: bool) -> Iterator[dict]:
    """Booking rows laid out one after another on each physical room of each type; stays that
    end within the last month or later are assigned to their room."""
    r = rng.random
    start = today - timedelta(days=HISTORY_DAYS)
    span = HISTORY_DAYS + FUTURE_DAYS
    day = timedelta(days=1)
    days = [start + day * i for i in range(span + 400)]

    def on(index: int) -> date:
        while index >= len(days):  # very dense data runs past the usual span
            days.append(days[-1] + day)
        return days[index]

    today_index = HISTORY_DAYS
    created = utc_now()
    assign_from = today_index - 31
    flagship = rooms[0][1] if rooms and with_flagship else None
    # The flagship's rooms are nearly full from two months back to four months ahead.
    busy_first, busy_last = today_index - 60, today_index + 120
    budget = total
    unit = first_unit
    left_types = sum(1 for room in rooms if room[1] != flagship)
    for room_id, hotel_id, quantity, price in rooms:
        busy = hotel_id == flagship
        if busy:
            count = budget
        else:
            count = -(-budget // left_types) if budget else 0  # an even share of what is left
            left_types -= 1
        per_unit = -(-count // quantity) if count else 0
        gap = max(span / per_unit - 3.5, 0.0) if per_unit else 0.0
        made = 0
        for _ in range(quantity):
            unit += 1
            cursor = busy_first + int(r() * 3) if busy else int(r() * (gap + 1))
            for _ in range(min(per_unit, count - made)):
                nights = 1 + int(r() * 6)
                first, last = cursor, cursor + nights
                if busy and last > busy_last:
                    break
                cursor = last + (int(r() * 3) if busy else int(r() * 2 * gap))
                if last < today_index + 1:
                    roll = r()
                    status = (Status.CHECKED_OUT if roll < 0.88 else
                              Status.CANCELLED if roll < 0.95 else Status.NO_SHOW)
                elif first <= today_index:
                    status = Status.CHECKED_IN if first < today_index or r() < 0.5 \
                        else Status.CONFIRMED
                else:
                    status = Status.CONFIRMED if r() < 0.92 else Status.CANCELLED
                yield {"room_id": room_id, "guest_id": first_guest + 1 + int(r() * guests),
                       "date_from": on(first), "date_to": on(last), "price": price,
                       "status": status.value, "notes": "", "created_at": created,
                       "updated_at": created, "unit_id": unit if last >= assign_from else None}
                made += 1
        budget -= made


async def _insert(conn: AsyncConnection, table, rows: Iterator[dict], progress: Progress | None
                  = None) -> None:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK:
            await conn.execute(insert(table), batch)
            if progress:
                progress.advance(len(batch))
            batch = []
    if batch:
        await conn.execute(insert(table), batch)
        if progress:
            progress.advance(len(batch))


async def seed_database(target: str, size: SeedSize, *, progress: bool = False,
                        today: date | None = None) -> SeedResult:
    """Fill a new or empty database with a seeded set of hotels, rooms, guests and bookings;
    a database that already holds a hotel is refused before anything is written."""
    _check(size)
    began = time.perf_counter()
    today = today or system_today()
    rng = random.Random(size.random_seed)
    path = sqlite_path(database_url(target))
    where = str(path) if path is not None else str(target)
    if path is not None and path.exists() and path.stat().st_size:
        # Before opening: opening may upgrade the file, and a refusal leaves it byte for byte.
        refuse_if_holds_hotels(where, await asyncio.to_thread(_hotels_in_file, path))
    engine, _ = await open_engine(target)
    bar = Progress(size.bookings + size.guests, progress)
    try:
        with translated(where):  # a full disk, a busy or damaged file: a sentence
            writing = kind_of(engine.url).write_options  # the write lock, as its kind takes it
            async with engine.execution_options(**writing).begin() as conn:
                # Again under the write lock: another desk may have added a hotel meanwhile.
                refuse_if_holds_hotels(where, await conn.scalar(select(func.count(Hotel.id))))
                first_hotel = (await conn.scalar(select(func.max(Hotel.id)))) or 0
                await _insert(conn, Hotel, _hotels(rng, size.hotels))
                hotel_ids = list((await conn.scalars(
                    select(Hotel.id).where(Hotel.id > first_hotel).order_by(Hotel.id))).all())
                first_room = (await conn.scalar(select(func.max(Room.id)))) or 0
                # The flagship (a 300-room hotel, full for months) is for full-size data sets.
                flagship = size.bookings >= FLAGSHIP_FROM
                await _insert(conn, Room, _room_types(rng, hotel_ids, size.room_types, flagship))
                rooms = [tuple(row) for row in await conn.execute(
                    select(Room.id, Room.hotel_id, Room.quantity, Room.price)
                    .where(Room.id > first_room).order_by(Room.hotel_id, Room.id))]
                first_unit = (await conn.scalar(select(func.max(RoomUnit.id)))) or 0
                await _insert(conn, RoomUnit, _units(rooms, first_unit))
                first_guest = (await conn.scalar(select(func.max(Guest.id)))) or 0
                async with indexes_rebuilt(conn, [Guest.__table__, Booking.__table__]):
                    names: list[dict] = []
                    await _insert(conn, Guest, _guests(rng, size.guests, first_guest, names), bar)
                    names.sort(key=lambda row: (row["key"], row["guest_id"]))  # append in key order
                    await _insert(conn, GuestName, iter(names))
                    await _insert(conn, Booking, _bookings(rng, rooms, size.guests, size.bookings,
                                                           today, first_guest, first_unit,
                                                           flagship), bar)
    finally:
        bar.close()
        await engine.dispose()
    return SeedResult(size, time.perf_counter() - began)
