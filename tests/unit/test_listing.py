"""The booking list (filters, sorts, pages, counts) and the day lists of a hotel."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from frontdesk.dto import Status


async def book_many(desk, clock, day):
    """Two hotels, three guests, seven bookings in every status; returns {label: Booking}."""
    birch = await desk.add_hotel("Birch", "Kazan", 3)
    aurora = await desk.add_hotel("Aurora", "Omsk", 4)
    double = await desk.add_room(birch.id, "Double", 12_000, 5)
    single = await desk.add_room(birch.id, "Single", 8_000, 5)
    suite = await desk.add_room(aurora.id, "Suite", 30_000, 5)
    anna = await desk.add_guest("Anna Ivanova")
    boris = await desk.add_guest("Boris Petrov")
    zoe = await desk.add_guest("zoe Ivanenko")

    b = {
        "anna-double": await desk.book(double.id, anna.id, day(0), day(3)),
        "boris-single": await desk.book(single.id, boris.id, day(0), day(2), price=7_000),
        "zoe-double": await desk.book(double.id, zoe.id, day(2), day(5)),
        "anna-suite": await desk.book(suite.id, anna.id, day(0), day(1)),
        "boris-double": await desk.book(double.id, boris.id, day(5), day(6)),
        "zoe-single": await desk.book(single.id, zoe.id, day(1), day(4), price=9_000),
        "anna-single": await desk.book(single.id, anna.id, day(3), day(4)),
    }
    await desk.check_in(b["anna-double"].id)
    await desk.check_in(b["anna-suite"].id)
    await desk.check_in(b["boris-single"].id)
    await desk.cancel(b["boris-double"].id)
    clock.day = day(1)
    await desk.check_out(b["anna-suite"].id)
    await desk.mark_no_show(b["zoe-single"].id)
    b = {k: await desk.get_booking(v.id) for k, v in b.items()}
    ids = {"birch": birch.id, "aurora": aurora.id, "anna": anna.id, "zoe": zoe.id}
    return b, ids


@pytest.fixture
def world(desk_run, clock, day):
    """Runs `check(desk, bookings, ids)` after book_many, in one open desk."""

    def run(check):
        async def scenario(desk):
            bookings, ids = await book_many(desk, clock, day)
            return await check(desk, bookings, ids)

        return desk_run(scenario)

    return run


def labels(found, bookings):
    by_id = {b.id: k for k, b in bookings.items()}
    return [by_id[b.id] for b in found]


FILTERS = [
    ("all", lambda ids, day: {}, {"anna-double", "boris-single", "zoe-double", "anna-suite",
                                  "boris-double", "zoe-single", "anna-single"}),
    ("hotel", lambda ids, day: {"hotel_id": ids["aurora"]}, {"anna-suite"}),
    ("status-one", lambda ids, day: {"status": "checked_in"}, {"anna-double", "boris-single"}),
    ("status-enum", lambda ids, day: {"status": Status.CANCELLED}, {"boris-double"}),
    ("status-several", lambda ids, day: {"status": ["no_show", Status.CHECKED_OUT]},
     {"zoe-single", "anna-suite"}),
    ("guest", lambda ids, day: {"guest_id": ids["zoe"]}, {"zoe-double", "zoe-single"}),
    ("guest-and-hotel", lambda ids, day: {"guest_id": ids["anna"], "hotel_id": ids["birch"]},
     {"anna-double", "anna-single"}),
    # Stays with a night in [3, 5): leaving on the 3rd or arriving on the 5th do not count.
    ("dates", lambda ids, day: {"date_from": day(3), "date_to": day(5)},
     {"zoe-double", "zoe-single", "anna-single"}),
    ("from-only", lambda ids, day: {"date_from": day(4)}, {"zoe-double", "boris-double"}),
    ("to-only", lambda ids, day: {"date_to": day(1)},
     {"anna-double", "boris-single", "anna-suite"}),
    ("text-name-part", lambda ids, day: {"text": "ivan"},
     {"anna-double", "anna-suite", "anna-single", "zoe-double", "zoe-single"}),
    ("text-any-case", lambda ids, day: {"text": "PETROV"}, {"boris-single", "boris-double"}),
    ("text-first-name", lambda ids, day: {"text": " Zoe "}, {"zoe-double", "zoe-single"}),
    ("text-booking-id", lambda ids, day: {"text": "3"}, {"zoe-double"}),
    ("text-nothing", lambda ids, day: {"text": "nobody"}, set()),
    ("everything", lambda ids, day: {"hotel_id": ids["birch"], "status": ["confirmed", "no_show"],
                                      "text": "zoe", "date_from": day(4), "date_to": day(5)},
     {"zoe-double"}),
]


@pytest.mark.parametrize(("where", "expected"), [pytest.param(*f[1:], id=f[0]) for f in FILTERS])
def test_list_bookings_filters_agree_with_count(world, day, where, expected):
    async def check(desk, bookings, ids):
        filters = where(ids, day)
        found = await desk.list_bookings(limit=1000, **filters)
        return labels(found, bookings), await desk.count_bookings(**filters)

    found, count = world(check)
    assert set(found) == expected
    assert len(found) == len(expected) == count


def test_list_bookings_text_of_digit_like_characters(world):
    async def check(desk, bookings, ids):
        return await desk.list_bookings(text="²"), await desk.count_bookings(text="²")

    assert world(check) == ([], 0)


SORTS = {
    "id": lambda b: b.id,
    "date_from": lambda b: b.date_from,
    "date_to": lambda b: b.date_to,
    "guest": lambda b: b.guest_name.casefold(),
    "room": lambda b: b.room_name,
    "hotel": lambda b: b.hotel_name,
    "status": lambda b: b.status.value,
    "price": lambda b: b.price,
    "created": lambda b: b.created_at,
}


def make_created_times_differ(db_path):
    """All test bookings are created within a second; give them distinct times, not in id order."""
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            ids = [i for (i,) in conn.execute("SELECT id FROM bookings ORDER BY id")]
            for n, booking_id in enumerate(ids):
                stamp = datetime(2030, 1, 1 + (n * 3) % len(ids), 9, 0)
                conn.execute("UPDATE bookings SET created_at = ? WHERE id = ?",
                             (int(stamp.timestamp()), booking_id))
    finally:
        conn.close()


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("sort", list(SORTS))
def test_list_bookings_sorts_and_pages(world, db_path, sort, descending):
    async def check(desk, bookings, ids):
        make_created_times_differ(db_path)
        everything = await desk.list_bookings(limit=1000)
        total = await desk.count_bookings()
        pages, offset = [], 0
        while page := await desk.list_bookings(sort=sort, descending=descending, offset=offset,
                                               limit=3):
            assert len(page) <= 3
            pages.append(page)
            offset += 3
        return everything, total, pages

    everything, total, pages = world(check)
    # Ties are broken by id, in the same direction.
    expected = sorted(everything, key=lambda b: (SORTS[sort](b), b.id), reverse=descending)
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [b.id for p in pages for b in p] == [b.id for b in expected]
    assert total == 7


def test_the_created_sort_is_not_the_id_order(world, db_path):
    async def check(desk, bookings, ids):
        make_created_times_differ(db_path)
        return [b.id for b in await desk.list_bookings(sort="created")]

    by_created = world(check)
    assert by_created != sorted(by_created)


def test_arrivals_departures_and_in_house_of_a_day(world, day):
    async def check(desk, bookings, ids):
        birch = ids["birch"]
        return {
            "arrivals-0": labels(await desk.arrivals(birch, day(0)), bookings),
            "arrivals-1": labels(await desk.arrivals(birch, day(1)), bookings),
            "arrivals-5": labels(await desk.arrivals(birch, day(5)), bookings),
            "departures-2": labels(await desk.departures(birch, day(2)), bookings),
            "departures-5": labels(await desk.departures(birch, day(5)), bookings),
            "in-house-0": labels(await desk.in_house(birch, day(0)), bookings),
            "in-house-2": labels(await desk.in_house(birch, day(2)), bookings),
            "aurora-arrivals-0": labels(await desk.arrivals(ids["aurora"], day(0)), bookings),
            "aurora-departures-1": labels(await desk.departures(ids["aurora"], day(1)), bookings),
            "aurora-in-house-0": labels(await desk.in_house(ids["aurora"], day(0)), bookings),
        }

    lists = world(check)
    # By guest name: Anna before Boris. The Aurora stay never shows at Birch.
    assert lists["arrivals-0"] == ["anna-double", "boris-single"]
    # A no-show is still listed among the day's arrivals; a cancelled stay is not.
    assert lists["arrivals-1"] == ["zoe-single"]
    assert lists["arrivals-5"] == []
    assert lists["departures-2"] == ["boris-single"]
    assert lists["departures-5"] == ["zoe-double"]
    assert lists["in-house-0"] == ["anna-double", "boris-single"]
    # Boris leaves on the 2nd: on the night of the 2nd only Anna sleeps there (Zoe not in yet).
    assert lists["in-house-2"] == ["anna-double"]
    assert lists["aurora-arrivals-0"] == ["anna-suite"]
    # Checked out: still among the day's departures, no longer in house.
    assert lists["aurora-departures-1"] == ["anna-suite"]
    assert lists["aurora-in-house-0"] == []
