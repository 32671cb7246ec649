"""Hotels, room types and guests through FrontDesk: add, update, delete, list, find."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from frontdesk import dto
from frontdesk.errors import NotFound, StillInUse


def test_hotel_add_get_update_list(desk_run):
    async def scenario(desk):
        b = await desk.add_hotel("Birch", "Kazan", 3)
        a = await desk.add_hotel("Aurora", "Москва", 5)
        assert await desk.get_hotel(b.id) == dto.Hotel(b.id, "Birch", "Kazan", 3)
        changed = await desk.update_hotel(b.id, name="Birch Park", stars=4)
        assert changed == dto.Hotel(b.id, "Birch Park", "Kazan", 4)
        assert await desk.get_hotel(b.id) == changed
        # Listed by name.
        assert [h.name for h in await desk.list_hotels()] == ["Aurora", "Birch Park"]
        assert (await desk.get_hotel(a.id)).location == "Москва"

    desk_run(scenario)


def test_update_of_location_is_searchable_under_the_new_name(desk_run):
    async def scenario(desk):
        h = await desk.add_hotel("Birch", "Kazan", 3)
        await desk.update_hotel(h.id, location="Samara")
        assert await desk.find_hotels("kazan") == []
        assert [x.id for x in await desk.find_hotels("SAMARA")] == [h.id]

    desk_run(scenario)


@pytest.mark.parametrize(("typed", "found"), [
    ("москва", ["Kremlin View"]),
    ("МОСКВА", ["Kremlin View"]),
    ("оск", ["Kremlin View"]),
    ("moskva", ["Moskva Inn"]),
    ("MOSKVA", ["Moskva Inn"]),
    ("mOsKvA", ["Moskva Inn"]),
    ("", ["Kremlin View", "Moskva Inn", "Percent", "Thousand", "Under", "X"]),
    ("100%", ["Percent"]),
    ("0%", ["Percent"]),
    ("1000", ["Thousand"]),
    ("a_b", ["Under"]),
    ("axb", ["X"]),
    ("_", ["Under"]),
    ("%", ["Percent"]),
    ("\\", []),
    ("nowhere", []),
])
def test_find_hotels_by_location_any_case_with_literal_wildcards(desk_run, typed, found):
    async def scenario(desk):
        await desk.add_hotel("Kremlin View", "Москва", 4)
        await desk.add_hotel("Moskva Inn", "Moskva", 2)
        await desk.add_hotel("Percent", "100% Resort", 3)
        await desk.add_hotel("Thousand", "1000 Resort", 3)
        await desk.add_hotel("Under", "a_b", 3)
        await desk.add_hotel("X", "axb", 3)
        return [h.name for h in await desk.find_hotels(location=typed)]

    assert desk_run(scenario) == found


def test_find_hotels_ignores_spaces_around_the_search_text(desk_run):
    async def scenario(desk):
        await desk.add_hotel("Kremlin View", "Москва", 4)
        return ([h.name for h in await desk.find_hotels("москва ")],
                [h.name for h in await desk.hotel_summaries(" москва")])

    assert desk_run(scenario) == (["Kremlin View"], ["Kremlin View"])


def test_find_hotels_ignores_accents(desk_run):
    async def scenario(desk):
        await desk.add_hotel("Ryokan", "Kyōto", 4)
        await desk.add_hotel("Bergblick", "Zürich", 3)
        return ([h.name for h in await desk.find_hotels("kyoto")],
                [h.name for h in await desk.find_hotels("ZURICH")],
                [h.name for h in await desk.find_hotels("zür")])

    assert desk_run(scenario) == (["Ryokan"], ["Bergblick"], ["Bergblick"])


def test_room_types_add_update_list(desk_run):
    async def scenario(desk):
        h = await desk.add_hotel("Birch", "Kazan", 3)
        other = await desk.add_hotel("Aurora", "Kazan", 3)
        double = await desk.add_room(h.id, "Double", 12_000, 5, capacity=2, description="Sea view")
        single = await desk.add_room(h.id, "Single", 8_000, 2, capacity=1)
        # The same name in another hotel is fine.
        await desk.add_room(other.id, "Double", 9_000, 1)
        assert double == dto.Room(double.id, h.id, "Double", "Sea view", 12_000, 5, 2)
        changed = await desk.update_room(single.id, price=8_500, quantity=3, name="Single+")
        assert changed == dto.Room(single.id, h.id, "Single+", "", 8_500, 3, 1)
        assert await desk.get_room(single.id) == changed
        # Renaming a room type to its own name is not a duplicate.
        await desk.update_room(double.id, name="Double")
        assert [r.name for r in await desk.list_rooms(h.id)] == ["Double", "Single+"]
        assert [r.name for r in await desk.list_rooms(other.id)] == ["Double"]

    desk_run(scenario)


def test_guests_add_update_get(desk_run):
    async def scenario(desk):
        g = await desk.add_guest("Anna Ivanova", "+7 (495) 123-45-67", "Anna@Example.com",
                                 document="4509 123456", notes="late arrival")
        assert g == dto.Guest(g.id, "Anna Ivanova", "+7 (495) 123-45-67", "Anna@Example.com",
                              "4509 123456", "late arrival")
        changed = await desk.update_guest(g.id, phone="+44 20 7946 0000", email=None)
        assert (changed.phone, changed.email) == ("+44 20 7946 0000", None)
        assert await desk.get_guest(g.id) == changed
        # The search follows the new phone number, not the old one.
        assert await desk.find_guests("1234567") == []
        assert [x.id for x in await desk.find_guests("7946 0000")] == [g.id]

    desk_run(scenario)


@pytest.mark.parametrize(("typed", "found"), [
    ("ivanova", ["Anna Ivanova"]),
    ("IVAN", ["Anna Ivanova", "Ivan Petrov"]),
    ("сидор", ["Пётр Сидоров"]),
    ("ПЁТР", ["Пётр Сидоров"]),
    ("45-67", ["Anna Ivanova"]),  # the last digits of a formatted number
    ("4951234567", ["Anna Ivanova"]),  # the local number
    ("+7 (495) 123-45-67", ["Anna Ivanova"]),  # the whole number
    ("555 0100", ["Ivan Petrov"]),
    ("123-45", []),  # digits from the middle are not how a number is asked for
    ("anna@example", ["Anna Ivanova"]),
    ("IVAN@EXAMPLE", ["Ivan Petrov"]),
    ("p_s@", ["Пётр Сидоров"]),  # "_" is literal: not "pxs@"
    ("  ivanova  ", ["Anna Ivanova"]),
    ("петр", ["Пётр Сидоров"]),  # accents and ё/е do not matter
    ("", ["Pxs Decoy", "Пётр Сидоров", "Anna Ivanova", "Ivan Petrov"]),  # the newest first
    ("   ", ["Pxs Decoy", "Пётр Сидоров", "Anna Ivanova", "Ivan Petrov"]),
    ("nobody", []),
])
def test_find_guests_by_name_phone_or_email(desk_run, typed, found):
    async def scenario(desk):
        await desk.add_guest("Ivan Petrov", "+1 555 0100", "ivan@example.org")
        await desk.add_guest("Anna Ivanova", "+7 (495) 123-45-67", "anna@example.com")
        await desk.add_guest("Пётр Сидоров", None, "p_s@mail.ru")
        await desk.add_guest("Pxs Decoy", None, "pxs@mail.ru")
        return [g.full_name for g in await desk.find_guests(typed)]

    assert desk_run(scenario) == found


def test_find_guests_stops_at_the_limit(desk_run):
    async def scenario(desk):
        for n in range(5):
            await desk.add_guest(f"Smith {n}")
        return [g.full_name for g in await desk.find_guests("smith", limit=3)]

    assert desk_run(scenario) == ["Smith 0", "Smith 1", "Smith 2"]


def test_deleting_a_hotel_without_bookings_deletes_its_room_types(desk_run):
    async def scenario(desk):
        h = await desk.add_hotel("Birch", "Kazan", 3)
        keep = await desk.add_hotel("Aurora", "Kazan", 3)
        room = await desk.add_room(h.id, "Double", 12_000, 2)
        kept_room = await desk.add_room(keep.id, "Double", 12_000, 2)
        await desk.delete_hotel(h.id)
        with pytest.raises(NotFound):
            await desk.get_hotel(h.id)
        with pytest.raises(NotFound):
            await desk.get_room(room.id)
        assert [x.id for x in await desk.list_hotels()] == [keep.id]
        assert [r.id for r in await desk.list_rooms(keep.id)] == [kept_room.id]

    desk_run(scenario)


def test_deleting_a_room_type_without_bookings(desk_run):
    async def scenario(desk):
        h = await desk.add_hotel("Birch", "Kazan", 3)
        a = await desk.add_room(h.id, "Double", 12_000, 2)
        b = await desk.add_room(h.id, "Single", 8_000, 2)
        await desk.delete_room(a.id)
        assert [r.id for r in await desk.list_rooms(h.id)] == [b.id]
        # The name is free again.
        await desk.add_room(h.id, "Double", 13_000, 1)

    desk_run(scenario)


def test_deleting_a_guest(desk_run, day):
    async def scenario(desk):
        h = await desk.add_hotel("Birch", "Kazan", 3)
        room = await desk.add_room(h.id, "Double", 12_000, 2)
        free = await desk.add_guest("No Bookings")
        await desk.delete_guest(free.id)
        with pytest.raises(NotFound):
            await desk.get_guest(free.id)

        booked = await desk.add_guest("Has Booking")
        await desk.book(room.id, booked.id, day(1), day(2))
        with pytest.raises(StillInUse):
            await desk.delete_guest(booked.id)

    desk_run(scenario)


# (id, call(desk, ids)) on ids that do not exist; each must raise NotFound naming the record.
MISSING = [
    ("get_hotel", lambda d, x: d.get_hotel(x.missing), "Hotel 999"),
    ("update_hotel", lambda d, x: d.update_hotel(x.missing, name="New"), "Hotel 999"),
    ("delete_hotel", lambda d, x: d.delete_hotel(x.missing), "Hotel 999"),
    ("add_room", lambda d, x: d.add_room(x.missing, "Double", 100, 1), "Hotel 999"),
    ("get_room", lambda d, x: d.get_room(x.missing), "Room type 999"),
    ("update_room", lambda d, x: d.update_room(x.missing, price=1), "Room type 999"),
    ("delete_room", lambda d, x: d.delete_room(x.missing), "Room type 999"),
    ("get_guest", lambda d, x: d.get_guest(x.missing), "Guest 999"),
    ("update_guest", lambda d, x: d.update_guest(x.missing, notes="x"), "Guest 999"),
    ("book-room", lambda d, x: d.book(x.missing, x.guest, x.arrive, x.leave), "Room type 999"),
    ("book-guest", lambda d, x: d.book(x.room, x.missing, x.arrive, x.leave), "Guest 999"),
    ("get_booking", lambda d, x: d.get_booking(x.missing), "Booking 999"),
    ("change_dates", lambda d, x: d.change_dates(x.missing, x.arrive, x.leave), "Booking 999"),
    ("cancel", lambda d, x: d.cancel(x.missing), "Booking 999"),
    ("check_in", lambda d, x: d.check_in(x.missing), "Booking 999"),
    ("check_out", lambda d, x: d.check_out(x.missing), "Booking 999"),
    ("mark_no_show", lambda d, x: d.mark_no_show(x.missing), "Booking 999"),
]


@pytest.mark.parametrize(("call", "named"), [pytest.param(*m[1:], id=m[0]) for m in MISSING])
def test_missing_ids_raise_not_found(desk_run, snapshot, day, call, named):
    async def scenario(desk):
        h = await desk.add_hotel("Birch", "Kazan", 3)
        room = await desk.add_room(h.id, "Double", 12_000, 2)
        guest = await desk.add_guest("Anna")
        ids = SimpleNamespace(missing=999, room=room.id, guest=guest.id, arrive=day(1),
                              leave=day(2))
        before = snapshot()
        with pytest.raises(NotFound) as caught:
            await call(desk, ids)
        assert snapshot() == before
        return str(caught.value)

    message = desk_run(scenario)
    assert message.startswith(f"{named} does not exist")
