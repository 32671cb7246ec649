"""Fills an empty database with demo hotels, guests and bookings around today (`--demo`).

Everything goes through the FrontDesk API. Past stays need a desk that believes it is an earlier
day (bookings cannot start in the past), so the filling uses a second FrontDesk on the same
engine whose clock it moves.

The first hotel gets a busy room grid: stays laid out room by room over a few weeks around
today (assigned to their rooms, a few still unassigned), rooms left dirty by today's departures
and rooms out of order. The other hotels get a handful of stays sold by type.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from frontdesk.domain.clock import FixedClock
from frontdesk.domain.occupancy import holds_room, overlaps
from frontdesk.domain.stays import Status
from frontdesk.errors import NotAvailable

if TYPE_CHECKING:
    from frontdesk.dto import Unit
    from frontdesk.services.desk import FrontDesk

log = logging.getLogger(__name__)

# name, location, stars, currency,
# [(room type, price in minor units of the currency, quantity, capacity, description)]
HOTELS = [
    ("Hôtel du Lac", "Annecy", 4, "EUR", [
        ("Single", 8900, 6, 1, "Quiet side, shower"),
        ("Double", 12900, 10, 2, "Queen bed, balcony over the garden"),
        ("Lake-view suite", 24900, 3, 3, "Living room and terrace facing the lake"),
        ("Family room", 17900, 4, 4, "Double bed and bunk beds"),
    ]),
    ("Ryokan Sakura", "Kyōto", 5, "JPY", [  # yen have no decimals: 38000 is ¥38,000
        ("Washitsu", 38000, 6, 2, "Tatami room with futons"),
        ("Onsen suite", 85000, 2, 3, "Private open-air bath"),
        ("Garden room", 46000, 4, 2, "Opens onto the moss garden"),
    ]),
    ("Strandhotel Möwe", "Westerland (Sylt)", 3, "EUR", [
        ("Einzelzimmer", 7900, 5, 1, ""),
        ("Doppelzimmer", 11900, 12, 2, "Sea view on request"),
        ("Ferienwohnung", 18900, 3, 4, "Kitchenette, two bedrooms"),
    ]),
    ("Posada Ñandú", "Mendoza", 3, "ARS", [  # pesos: 9500000 is ARS 95,000.00
        ("Habitación doble", 9_500_000, 8, 2, "Vineyard view"),
        ("Suite Malbec", 16_500_000, 3, 3, "Fireplace and tasting corner"),
    ]),
]

# full name, phone, e-mail, document, notes
GUESTS = [
    ("Zoë Ångström", "+46 70 123 45 67", "zoe.angstrom@example.se", "SE9981231", ""),
    ("José Muñoz García", "+34 612 345 678", "jose.munoz@example.es", "ES-X1234567", ""),
    ("Søren Kierkegaard", "+45 20 11 22 33", "soren@example.dk", None, "Prefers a quiet room"),
    ("Amélie Poulain", "+33 6 12 34 56 78", "amelie.poulain@example.fr", "FR 12AB34567", ""),
    ("Björn Müller", "+49 171 2345678", "bjoern.mueller@example.de", None, ""),
    ("Łucja Wiśniewska", "+48 601 234 567", "lucja.w@example.pl", "PL AB1234567", ""),
    ("Yuki Tanaka", "+81 90 1234 5678", "yuki.tanaka@example.jp", None,
     "Vegetarian breakfast"),
    ("Chiara Bianchi", "+39 347 123 4567", "chiara.bianchi@example.it", None, ""),
    ("Oliver Smith", "+44 7700 900123", "oliver.smith@example.co.uk", "GB 123456789",
     "VIP — regular guest since 2019"),
    ("Nguyễn Thị Lan", "+84 91 234 5678", "lan.nguyen@example.vn", None, ""),
    ("Émile Durand", "+33 4 50 45 00 00", "emile.durand@example.fr", None, ""),
    ("Ana Sofía Pérez", "+54 9 261 555 1234", "anasofia@example.ar", None, "Late arrival"),
    ("Mikko Häkkinen", "+358 40 123 4567", None, None, ""),
    ("Fatima Zahra El Idrissi", "+212 6 12 34 56 78", "fatima.elidrissi@example.ma", None,
     ""),
    ("Dimitris Papadopoulos", "+30 694 123 4567", "dimitris@example.gr", None, ""),
    ("Hannah Schröder", "+49 40 1234567", "hannah.schroeder@example.de", None,
     "Allergic to feathers"),
    ("Liam O'Connor", "+353 87 123 4567", "liam.oconnor@example.ie", None, ""),
    ("Marta Kowalczyk", None, "marta.k@example.pl", None, ""),
    ("Raúl Fernández", "+34 699 876 543", None, "ES-Y7654321", ""),
    ("Ingrid Johansson", "+47 912 34 567", "ingrid.j@example.no", None, ""),
    ("Kenji Watanabe", "+81 80 9876 5432", "kenji.w@example.jp", None, ""),
    ("Aisha Bello", "+234 803 123 4567", "aisha.bello@example.ng", None, ""),
]


# More guests for the busy first hotel: (first names, last names) paired up.
MORE_FIRST = ["Léa", "Matteo", "Sofía", "Lars", "Aiko", "Tomás", "Elif", "Noah", "Mia", "Jonas",
              "Camille", "Rafael", "Ines", "Pavel", "Greta", "Karim", "Nora", "Hugo"]
MORE_LAST = ["Dubois", "Rossi", "Novák", "Lindqvist", "Satō", "Costa", "Yılmaz", "Weber",
             "Moreau", "Horváth", "Andersen", "Ferreira", "Brennan", "Kowalski", "Berg",
             "Haddad", "Lefèvre", "Jensen"]
STAY_NOTES = ["Late arrival, about 22:00", "Cot for a baby", "Taxi to the station at 10:00",
              "Quiet room, please", "Anniversary: flowers in the room", "Early check-in if "
              "possible", "Long stay, weekly invoice", "Allergic to feathers"]
# The busy hotel's grid runs over these days (from today) and these rooms are out of order:
# (room type, its n-th room, first day, day back in service, reason).
GRID_DAYS = (-3, 17)
OUT_OF_ORDER = [("Double", 2, 3, 6, "Bathroom leak — plumber on Thursday"),
                ("Single", 4, -2, 2, "Repainting after a water stain")]


@dataclass(frozen=True)
class Stay:
    start: int  # days from today
    end: int
    status: Status
    notes: str = ""


# Around today, in every status, so every view has something to show.
STAYS = [
    Stay(-9, -6, Status.CHECKED_OUT),
    Stay(-5, -2, Status.CHECKED_OUT),
    Stay(-3, 0, Status.CHECKED_OUT),
    Stay(-2, 0, Status.CHECKED_IN),
    Stay(-4, 0, Status.CHECKED_IN, "Taxi to the station at 10:00"),
    Stay(-1, 2, Status.CHECKED_IN),
    Stay(-3, 1, Status.CHECKED_IN),
    Stay(-6, 3, Status.CHECKED_IN, "Long stay, weekly invoice"),
    Stay(0, 3, Status.CHECKED_IN),
    Stay(0, 2, Status.CONFIRMED),
    Stay(0, 1, Status.CONFIRMED, "Arrives after 22:00"),
    Stay(0, 4, Status.CONFIRMED),
    Stay(0, 5, Status.CONFIRMED, "Cot for a baby"),
    Stay(-1, 1, Status.NO_SHOW),
    Stay(1, 3, Status.CONFIRMED),
    Stay(2, 5, Status.CONFIRMED),
    Stay(3, 6, Status.CANCELLED, "Change of plans"),
    Stay(-4, -2, Status.CANCELLED, "Flight cancelled"),
    Stay(5, 7, Status.CONFIRMED),
    Stay(10, 14, Status.CONFIRMED),
    Stay(20, 21, Status.CONFIRMED),
]


async def fill(desk: FrontDesk, *, today: date | None = None) -> int:
    """Add the demo hotels, room types, guests and bookings; returns the number of bookings.

    Meant for an empty database (the app calls it when the demo database has no hotels)."""

    day0 = today or desk.today()
    clock = FixedClock(day0)
    travel = desk.with_today(clock)

    guests = [await desk.add_guest(name, phone, email, document, notes)
              for name, phone, email, document, notes in GUESTS]
    more = [await desk.add_guest(f"{first} {MORE_LAST[(i * 7 + 3) % len(MORE_LAST)]}",
                                 None, None, None, "")
            for i, first in enumerate(MORE_FIRST)]
    diary = Diary(desk, [g.id for g in guests + more])
    made = 0
    g = 0
    for h, (name, location, stars, currency, rooms) in enumerate(HOTELS):
        hotel = await desk.add_hotel(name, location, stars, currency=currency)
        room_ids = [(await desk.add_room(hotel.id, r, price, qty, cap, text)).id
                    for r, price, qty, cap, text in rooms]
        if h == 0:
            made += await _fill_grid(desk, travel, clock, day0, hotel.id, diary)
            # Beside the grid: the bookings that hold no room (cancelled, no-show).
            stays = [s for s in STAYS if not holds_room(s.status)]
        else:
            # The other hotels get a share of the stays, so they are not empty.
            stays = STAYS[h % 3::2]
        for i, stay in enumerate(stays):
            start = day0 + timedelta(days=stay.start)
            end = day0 + timedelta(days=stay.end)
            guest = await diary.free_guest(g % len(guests), start, end)
            g += 1
            clock.day = min(start, day0) - timedelta(days=14)
            booking = None
            for k in range(len(room_ids)):
                try:
                    booking = await travel.book(room_ids[(i + k) % len(room_ids)], guest,
                                                start, end, notes=stay.notes
                                                if stay.status is not Status.CANCELLED else "")
                    break
                except NotAvailable:
                    continue
            if booking is None:
                log.info("demo: no room for %s", stay)
                continue
            diary.note(guest, start, end)
            if stay.status in (Status.CHECKED_IN, Status.CHECKED_OUT):
                clock.day = start
                await travel.check_in(booking.id)
            if stay.status is Status.CHECKED_OUT:
                clock.day = end
                await travel.check_out(booking.id)
            elif stay.status is Status.NO_SHOW:
                clock.day = start
                await travel.mark_no_show(booking.id)
            elif stay.status is Status.CANCELLED:
                await travel.cancel(booking.id, stay.notes)
            made += 1
    log.info("demo database filled: %d hotels, %d guests, %d bookings",
             len(HOTELS), len(guests), made)
    return made


class Diary:
    """Which demo guest stays where when: a guest is never in two places on one night (the
    same person checked in at three hotels at once looked wrong). When every guest is away,
    a new one is added."""

    def __init__(self, desk: FrontDesk, guest_ids: list[int]) -> None:
        self.desk = desk
        self.guests = list(guest_ids)
        self.stays: dict[int, list[tuple[date, date]]] = {g: [] for g in guest_ids}
        self.added = 0

    async def free_guest(self, first: int, start: date, end: date) -> int:
        """The first guest from position `first` on (round the list) with no stay that
        shares a night with [start, end)."""
        n = len(self.guests)
        for k in range(n):
            guest = self.guests[(first + k) % n]
            if not any(overlaps(a, b, start, end) for a, b in self.stays[guest]):
                return guest
        i = self.added
        self.added += 1
        name = f"{MORE_FIRST[i % len(MORE_FIRST)]} {MORE_LAST[(i * 5 + 1) % len(MORE_LAST)]}"
        guest = (await self.desk.add_guest(name, None, None, None, "")).id
        self.guests.append(guest)
        self.stays[guest] = []
        return guest

    def note(self, guest: int, start: date, end: date) -> None:
        self.stays[guest].append((start, end))


async def _fill_grid(desk: FrontDesk, travel: FrontDesk, clock: FixedClock, day0: date,
                     hotel_id: int, diary: Diary) -> int:
    """Stays laid out room by room (never two in a room on a night, so the rooms-left rule
    holds by construction), each put in its room; some future ones are left unassigned."""
    rng = random.Random(20261125)

    def on(offset: int) -> date:
        return day0 + timedelta(days=offset)

    units = await desk.list_units(hotel_id)
    by_type: dict[str, list[Unit]] = {}
    for unit in units:
        by_type.setdefault(unit.room_name, []).append(unit)
    blocked = {by_type[t][n].id: (a, b, reason) for t, n, a, b, reason in OUT_OF_ORDER
               if len(by_type.get(t, [])) > n}
    first_day, last_day = GRID_DAYS
    plan: list[tuple[int, int, Unit]] = []
    for unit in units:
        day = first_day - rng.randint(0, 2)
        block = blocked.get(unit.id)
        while day < last_day:
            nights = rng.choice([1, 2, 3, 3, 4, 4, 5, 7])
            start, end = day, day + nights
            if block is not None and overlaps(on(start), on(end), on(block[0]), on(block[1])):
                day = block[1]
                continue
            plan.append((start, end, unit))
            day = end + rng.choice([0, 0, 1, 1, 2, 3])
    made = 0
    last_out: dict[int, int] = {}
    for n, (start, end, unit) in enumerate(sorted(plan, key=lambda p: (p[0], p[1]))):
        first, last = on(start), on(end)
        # 7: every guest, in a mixed order
        guest = await diary.free_guest((n * 7) % len(diary.guests), first, last)
        clock.day = min(first, day0) - timedelta(days=14)
        notes = STAY_NOTES[n % len(STAY_NOTES)] if rng.random() < 0.2 else ""
        booking = await travel.book(unit.room_id, guest, first, last, notes=notes)
        diary.note(guest, first, last)
        made += 1
        if start >= 3 and rng.random() < 0.1:
            continue  # sold by type; a room is chosen later (in the grid, or at check-in)
        await travel.assign_room(booking.id, unit.id)
        if start < 0 or (start == 0 and rng.random() < 0.5):
            clock.day = on(start)
            await travel.check_in(booking.id)
            # Half of today's departures have left (their rooms are dirty), half are due.
            if end < 0 or (end == 0 and rng.random() < 0.5):
                clock.day = on(end)
                await travel.check_out(booking.id)
                last_out[unit.id] = max(last_out.get(unit.id, end), end)
    for unit_id, (a, b, reason) in blocked.items():
        await desk.take_out_of_order(unit_id, on(a), on(b), reason)
    # Housekeeping caught up with the rooms left before today; today's departures are dirty.
    for i, unit in enumerate(units):
        if unit.id in last_out and last_out[unit.id] < 0:
            await desk.set_room_status(unit.id, "inspected" if i % 4 == 0 else "clean")
    return made
