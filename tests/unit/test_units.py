"""Physical rooms: numbering per hotel floor by floor, adding, renumbering and deleting rooms, a
room type's quantity kept equal to its number of rooms, out-of-order ranges (they cost the type a
room for those nights), housekeeping statuses and list (and its CSV), and the room grid query."""

from __future__ import annotations

import csv
import io
from collections import Counter
from types import SimpleNamespace

import pytest
from unithelpers import refused

from frontdesk.dates import day_text
from frontdesk.dto import Block, Housekeeping, Status
from frontdesk.errors import NotAvailable, NotFound, RoomTaken, StillInUse, ValidationError

# -- helpers ------------------------------------------------------------------------------------


async def hotel_with(desk, name="Birch", **quantities):
    """A hotel with one room type per keyword (name=quantity, added in that order, 10 000 a
    night); returns (hotel id, {type name: room type id})."""
    hotel = await desk.add_hotel(name, "Kazan", 3)
    rooms = {room: (await desk.add_room(hotel.id, room, 10_000, q)).id
             for room, q in quantities.items()}
    return hotel.id, rooms


async def numbers(desk, hotel_id, room_id=None):
    """The room numbers of a hotel (or of one of its room types), in list_units order."""
    return [u.number for u in await desk.list_units(hotel_id)
            if room_id is None or u.room_id == room_id]


async def unit_ids(desk, hotel_id):
    """{room number: unit id} of a hotel."""
    return {u.number: u.id for u in await desk.list_units(hotel_id)}


async def assert_quantity_is_rooms(desk, hotel_id):
    """Every room type's quantity is its number of physical rooms."""
    rooms = {r.id: r.quantity for r in await desk.list_rooms(hotel_id)}
    units = Counter(u.room_id for u in await desk.list_units(hotel_id))
    assert rooms == dict(units)


async def left(desk, hotel_id, date_from, date_to):
    return {a.name: a.rooms_left for a in await desk.rooms_left(hotel_id, date_from, date_to)}


# -- numbering ----------------------------------------------------------------------------------


def test_rooms_are_numbered_per_hotel_floor_by_floor(desk_run):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=3)
        assert await numbers(desk, hotel) == ["101", "102", "103"]
        suite = await desk.add_room(hotel, "Suite", 30_000, 2)
        assert await numbers(desk, hotel, suite.id) == ["104", "105"]
        # Rooms 6 to 21 of the hotel: 106..120 on floor 1, then the 21st is 201 on floor 2.
        family = await desk.add_room(hotel, "Family", 20_000, 16)
        family_units = [u for u in await desk.list_units(hotel) if u.room_id == family.id]
        assert [u.number for u in family_units] == [str(n) for n in range(106, 121)] + ["201"]
        assert [u.floor for u in family_units] == [1] * 15 + [2]
        # Another hotel numbers its own rooms from 101.
        other, other_rooms = await hotel_with(desk, "Aurora", Single=2)
        assert await numbers(desk, other) == ["101", "102"]
        for h in (hotel, other):
            await assert_quantity_is_rooms(desk, h)
        return await desk.list_units(hotel), rooms["Double"], suite.id

    units, double, suite = desk_run(scenario)
    first = units[0]
    assert (first.room_id, first.room_name, first.number, first.floor, first.notes,
            first.status, first.out_of_order, first.occupant) == (
        double, "Double", "101", 1, "", Housekeeping.CLEAN, None, None)
    # By room type name (Double, Family, Suite), then by number.
    assert [u.room_name for u in units] == ["Double"] * 3 + ["Family"] * 16 + ["Suite"] * 2
    assert {u.hotel_id for u in units} == {first.hotel_id}


def test_add_unit_grows_the_room_type_and_refuses_a_number_the_hotel_has(desk_run, snapshot):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=2)
        other, other_rooms = await hotel_with(desk, "Aurora", Single=1)
        added = await desk.add_unit(rooms["Double"], "  7A ", floor=0, notes="By the lift")
        assert (added.number, added.floor, added.notes, added.room_id, added.room_name,
                added.hotel_id, added.status) == ("7A", 0, "By the lift", rooms["Double"],
                                                  "Double", hotel, Housekeeping.CLEAN)
        assert (await desk.get_room(rooms["Double"])).quantity == 3
        assert added in await desk.list_units(hotel)
        # "99" sorts before "101" (human order), "7A" first of all.
        await desk.add_unit(rooms["Double"], "99")
        assert await numbers(desk, hotel) == ["7A", "99", "101", "102"]

        error = await refused(snapshot, ValidationError, "This hotel already has a room 101",
                              desk.add_unit(rooms["Double"], "101"), field="number")
        await refused(snapshot, ValidationError, "already has a room 7A",
                      desk.add_unit(rooms["Double"], " 7A"), field="number")
        # The same number in another hotel is fine.
        assert (await desk.add_unit(other_rooms["Single"], "7A")).hotel_id == other
        assert (await desk.add_unit(other_rooms["Single"], "99")).number == "99"
        for h in (hotel, other):
            await assert_quantity_is_rooms(desk, h)
        return error

    error = desk_run(scenario)
    assert str(error) == "This hotel already has a room 101."


# (id, call(desk, ids), error, field, phrase)
BAD_UNITS = [
    ("number-empty", lambda d, s: d.add_unit(s.room, "   "), ValidationError, "number",
     "Room number is required"),
    ("number-too-long", lambda d, s: d.add_unit(s.room, "1" * 11), ValidationError, "number",
     "at most 10"),
    ("number-not-text", lambda d, s: d.add_unit(s.room, 105), ValidationError, "number",
     "must be text"),
    ("floor-text", lambda d, s: d.add_unit(s.room, "105", floor="1"), ValidationError, "floor",
     "Floor must be a whole number"),
    ("floor-too-high", lambda d, s: d.add_unit(s.room, "105", floor=201), ValidationError,
     "floor", "from -5 to 200"),
    ("notes-too-long", lambda d, s: d.add_unit(s.room, "105", notes="n" * 2001),
     ValidationError, "notes", "at most 2000"),
    ("unknown-room-type", lambda d, s: d.add_unit(999, "105"), NotFound, None,
     "Room type 999 does not exist"),
    ("update-duplicate", lambda d, s: d.update_unit(s.units["101"], number="102"),
     ValidationError, "number", "already has a room 102"),
    ("update-empty-number", lambda d, s: d.update_unit(s.units["101"], number=""),
     ValidationError, "number", "Room number is required"),
    ("update-floor", lambda d, s: d.update_unit(s.units["101"], floor=-6), ValidationError,
     "floor", "from -5 to 200"),
    ("update-unknown-field", lambda d, s: d.update_unit(s.units["101"], status="dirty"),
     ValidationError, "status", "A room has no field 'status'"),
    ("update-room-type-field", lambda d, s: d.update_unit(s.units["101"], room_id=s.room),
     ValidationError, "room_id", "has no field 'room_id'"),
    ("update-unknown-unit", lambda d, s: d.update_unit(999, notes="x"), NotFound, None,
     "Room 999 does not exist"),
    ("delete-unknown-unit", lambda d, s: d.delete_unit(999), NotFound, None,
     "Room 999 does not exist"),
    ("status-unknown", lambda d, s: d.set_room_status(s.units["101"], "out_of_order"),
     ValidationError, "status", "'out_of_order' is not a housekeeping status"),
    ("status-capitals", lambda d, s: d.set_room_status(s.units["101"], "Dirty"),
     ValidationError, "status", "(clean, dirty or inspected)"),
    ("status-none", lambda d, s: d.set_room_status(s.units["101"], None), ValidationError,
     "status", "is not a housekeeping status"),
    ("status-unknown-unit", lambda d, s: d.set_room_status(999, "dirty"), NotFound, None,
     "Room 999 does not exist"),
]


@pytest.mark.parametrize(("call", "error", "field", "phrase"),
                         [pytest.param(*c[1:], id=c[0]) for c in BAD_UNITS])
def test_bad_room_input_is_refused_unchanged(desk_run, snapshot, call, error, field, phrase):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=2)
        ids = SimpleNamespace(room=rooms["Double"], units=await unit_ids(desk, hotel))
        await refused(snapshot, error, phrase, call(desk, ids), field=field)
        await assert_quantity_is_rooms(desk, hotel)

    desk_run(scenario)


def test_update_unit_renumbers_and_keeps_numbers_unique(desk_run, snapshot):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=3)
        ids = await unit_ids(desk, hotel)
        changed = await desk.update_unit(ids["103"], number=" 150 ", floor=None,
                                         notes="Sea view")
        assert (changed.id, changed.number, changed.floor, changed.notes) == (
            ids["103"], "150", None, "Sea view")
        # Its own number again is not a duplicate.
        same = await desk.update_unit(ids["101"], number="101", floor=1)
        assert (same.number, same.floor) == ("101", 1)
        assert await numbers(desk, hotel) == ["101", "102", "150"]
        assert (await desk.get_room(rooms["Double"])).quantity == 3
        # The freed number can be used again; the new one cannot.
        assert (await desk.update_unit(ids["102"], number="103")).number == "103"
        await refused(snapshot, ValidationError, "already has a room 150",
                      desk.update_unit(ids["101"], number="150"), field="number")

    desk_run(scenario)


# -- the quantity is the number of rooms --------------------------------------------------------


def test_raising_the_quantity_adds_numbered_rooms(desk_run):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=3, Suite=1)
        raised = await desk.update_room(rooms["Double"], quantity=5)
        assert raised.quantity == 5
        assert await numbers(desk, hotel, rooms["Double"]) == ["101", "102", "103", "105",
                                                               "106"]
        assert await numbers(desk, hotel, rooms["Suite"]) == ["104"]
        # Changing something else leaves the rooms alone.
        await desk.update_room(rooms["Double"], price=11_000, quantity=5)
        assert len(await numbers(desk, hotel)) == 6
        await assert_quantity_is_rooms(desk, hotel)

    desk_run(scenario)


def test_lowering_the_quantity_removes_never_used_rooms_highest_first(desk_run, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=5, Suite=1)
        guest = await desk.add_guest("Anna Ivanova")
        ids = await unit_ids(desk, hotel)
        kept = await desk.book(rooms["Double"], guest.id, day(1), day(3))
        await desk.assign_room(kept.id, ids["104"])
        # A cancelled stay still names its room: that room is history, kept too.
        gone = await desk.book(rooms["Double"], guest.id, day(4), day(5))
        await desk.assign_room(gone.id, ids["102"])
        await desk.cancel(gone.id)
        lowered = await desk.update_room(rooms["Double"], quantity=3)
        assert lowered.quantity == 3
        assert await numbers(desk, hotel, rooms["Double"]) == ["101", "102", "104"]
        assert (await desk.get_booking(kept.id)).unit_number == "104"
        await assert_quantity_is_rooms(desk, hotel)

    desk_run(scenario)


def test_lowering_the_quantity_is_refused_when_the_rooms_left_were_used(desk_run, snapshot,
                                                                        day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=3)
        guest = await desk.add_guest("Anna Ivanova")
        ids = await unit_ids(desk, hotel)
        # Two stays on different nights: one room is busy on any night, but rooms 102 and 103
        # were assigned, so only 101 can go.
        for number, start in (("102", 1), ("103", 4)):
            stay = await desk.book(rooms["Double"], guest.id, day(start), day(start + 2))
            await desk.assign_room(stay.id, ids[number])
        error = await refused(snapshot, StillInUse,
                              "Only 1 'Double' rooms have never had a stay assigned",
                              desk.update_room(rooms["Double"], quantity=1))
        assert (await desk.update_room(rooms["Double"], quantity=2)).quantity == 2
        assert await numbers(desk, hotel) == ["102", "103"]
        await assert_quantity_is_rooms(desk, hotel)
        return error

    assert "cannot lose 2 rooms" in str(desk_run(scenario))


def test_lowering_the_quantity_is_refused_when_it_would_strand_future_stays(desk_run, snapshot,
                                                                           clock, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=3)
        guest = await desk.add_guest("Anna Ivanova")
        await desk.book(rooms["Double"], guest.id, day(2), day(4))
        await desk.book(rooms["Double"], guest.id, day(3), day(5))
        await refused(snapshot, StillInUse,
                      "'Double' has 2 rooms taken on its busiest coming night; it cannot go "
                      "down to 1 rooms", desk.update_room(rooms["Double"], quantity=1))
        assert (await desk.update_room(rooms["Double"], quantity=2)).quantity == 2
        await refused(snapshot, StillInUse, "cannot go down to 1 rooms",
                      desk.delete_unit((await unit_ids(desk, hotel))["101"]))
        # Once those nights are past, the rooms can go.
        clock.day = day(5)
        assert (await desk.update_room(rooms["Double"], quantity=1)).quantity == 1
        assert await numbers(desk, hotel) == ["101"]
        await assert_quantity_is_rooms(desk, hotel)

    desk_run(scenario)


def test_delete_unit_shrinks_the_room_type(desk_run, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=3, Suite=1)
        ids = await unit_ids(desk, hotel)
        await desk.take_out_of_order(ids["102"], day(0), day(10), "Mould")
        await desk.delete_unit(ids["102"])
        assert await numbers(desk, hotel) == ["101", "103", "104"]
        assert (await desk.get_room(rooms["Double"])).quantity == 2
        # Its out-of-order range went with it.
        grid = await desk.room_grid(hotel, day(0), day(20))
        assert grid.blocks == []
        # New rooms never repeat a number the hotel has.
        await desk.update_room(rooms["Suite"], quantity=3)
        all_numbers = await numbers(desk, hotel)
        assert len(all_numbers) == len(set(all_numbers)) == 5
        await assert_quantity_is_rooms(desk, hotel)

    desk_run(scenario)


def test_delete_unit_refused_for_the_last_room_and_for_rooms_with_history(desk_run, snapshot,
                                                                          clock, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=3, Suite=1)
        guest = await desk.add_guest("Anna Ivanova")
        ids = await unit_ids(desk, hotel)
        await refused(snapshot, StillInUse,
                      "Room 104 is the last 'Suite' room; delete the room type instead",
                      desk.delete_unit(ids["104"]))
        # A past stay, checked out, in room 101; a cancelled one that had room 102.
        past = await desk.book(rooms["Double"], guest.id, day(0), day(1))
        await desk.check_in(past.id)
        assert (await desk.get_booking(past.id)).unit_number == "101"
        clock.day = day(1)
        await desk.check_out(past.id)
        gone = await desk.book(rooms["Double"], guest.id, day(2), day(3))
        await desk.assign_room(gone.id, ids["102"])
        await desk.cancel(gone.id)
        for number in ("101", "102"):
            await refused(snapshot, StillInUse,
                          f"Room {number} has stays assigned to it (kept as history)",
                          desk.delete_unit(ids[number]))
        await desk.delete_unit(ids["103"])
        await refused(snapshot, StillInUse, "Only 0 'Double' rooms have never had a stay",
                      desk.update_room(rooms["Double"], quantity=1))
        await assert_quantity_is_rooms(desk, hotel)

    desk_run(scenario)


def test_delete_unit_that_is_out_of_order_while_the_other_room_is_sold(desk_run, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=2)
        guest = await desk.add_guest("Anna Ivanova")
        ids = await unit_ids(desk, hotel)
        await desk.take_out_of_order(ids["102"], day(1), day(3), "Broken window")
        await desk.book(rooms["Double"], guest.id, day(1), day(3))
        # Room 101 holds the one stay; 102 (never used) and its range can go.
        await desk.delete_unit(ids["102"])
        assert await numbers(desk, hotel) == ["101"]
        assert await left(desk, hotel, day(1), day(3)) == {"Double": 0}

    desk_run(scenario)


def test_deleting_a_room_type_or_hotel_takes_its_rooms(desk_run, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=2, Suite=1)
        ids = await unit_ids(desk, hotel)
        await desk.take_out_of_order(ids["101"], day(0), day(2))
        await desk.delete_room(rooms["Double"])
        assert await numbers(desk, hotel) == ["103"]
        await desk.delete_hotel(hotel)
        with pytest.raises(NotFound):  # not an empty list: the hotel is gone (issue 10, item 12)
            await desk.list_units(hotel)

    desk_run(scenario)


# -- out of order -------------------------------------------------------------------------------


def test_out_of_order_costs_the_type_a_room_on_exactly_those_nights(desk_run, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=2, Suite=1)
        ids = await unit_ids(desk, hotel)
        block = await desk.take_out_of_order(ids["101"], day(2), day(4), "  Leaking pipe ")
        assert block == Block(block.id, ids["101"], day(2), day(4), "Leaking pipe")
        assert await left(desk, hotel, day(1), day(2)) == {"Double": 2, "Suite": 1}
        assert await left(desk, hotel, day(2), day(3)) == {"Double": 1, "Suite": 1}
        assert await left(desk, hotel, day(3), day(4)) == {"Double": 1, "Suite": 1}
        assert await left(desk, hotel, day(4), day(5)) == {"Double": 2, "Suite": 1}
        assert await left(desk, hotel, day(0), day(9)) == {"Double": 1, "Suite": 1}
        summaries = {n: (await desk.hotel_summaries(night=day(n)))[0].rooms_left_tonight
                     for n in (1, 2, 3, 4)}
        assert summaries == {1: 3, 2: 2, 3: 2, 4: 3}
        # Tonight too, by default.
        await desk.take_out_of_order(ids["103"], day(0), day(1))
        assert (await desk.hotel_summaries())[0].rooms_left_tonight == 2
        await desk.return_to_service(block.id)
        assert await left(desk, hotel, day(0), day(9)) == {"Double": 2, "Suite": 0}
        assert (await desk.hotel_summaries(night=day(2)))[0].rooms_left_tonight == 3

    desk_run(scenario)


def test_a_type_whose_only_free_room_is_out_of_order_cannot_be_booked(desk_run, snapshot, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=2)
        guest = await desk.add_guest("Anna Ivanova")
        ids = await unit_ids(desk, hotel)
        await desk.book(rooms["Double"], guest.id, day(0), day(9))
        await desk.take_out_of_order(ids["102"], day(3), day(5), "Painting")
        error = await refused(snapshot, NotAvailable, "No 'Double' room is free on the night of",
                              desk.book(rooms["Double"], guest.id, day(1), day(6)))
        assert error.night == day(3)
        # Around the range it sells.
        await desk.book(rooms["Double"], guest.id, day(1), day(3))
        await desk.book(rooms["Double"], guest.id, day(5), day(6))

    desk_run(scenario)


def test_out_of_order_refused_on_a_room_holding_a_stay(desk_run, snapshot, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=3)
        guest = await desk.add_guest("Anna Ivanova")
        ids = await unit_ids(desk, hotel)
        stay = await desk.book(rooms["Double"], guest.id, day(3), day(5))
        await desk.assign_room(stay.id, ids["101"])
        error = await refused(snapshot, RoomTaken, "Room 101 is taken on the night of",
                              desk.take_out_of_order(ids["101"], day(1), day(4), "Leak"))
        assert (error.number, error.night) == ("101", day(3))
        # A range that begins inside the stay names its own first night.
        error = await refused(snapshot, RoomTaken, f"{day_text(day(4))}",
                              desk.take_out_of_order(ids["101"], day(4), day(8)))
        assert error.night == day(4)
        # A range on the same room ending when the stay arrives, or another room, is fine.
        await desk.take_out_of_order(ids["101"], day(1), day(3))
        await desk.take_out_of_order(ids["102"], day(1), day(4))
        # A second range overlapping the first on the same room is refused.
        await refused(snapshot, RoomTaken, "Room 102 is taken on the night of",
                      desk.take_out_of_order(ids["102"], day(3), day(6)))
        # A cancelled stay does not hold its room.
        other = await desk.book(rooms["Double"], guest.id, day(6), day(8))
        await desk.assign_room(other.id, ids["103"])
        await desk.cancel(other.id)
        await desk.take_out_of_order(ids["103"], day(6), day(8), "Carpet")

    desk_run(scenario)


def test_out_of_order_refused_when_every_room_of_the_type_is_sold(desk_run, snapshot, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=2, Suite=1)
        guest = await desk.add_guest("Anna Ivanova")
        ids = await unit_ids(desk, hotel)
        await desk.book(rooms["Double"], guest.id, day(2), day(3))
        await desk.book(rooms["Double"], guest.id, day(2), day(4))
        error = await refused(snapshot, NotAvailable, "No 'Double' room is free",
                              desk.take_out_of_order(ids["101"], day(1), day(5)))
        assert error.night == day(2)
        # The night after is sold once only: a room can go out of order from then.
        await desk.take_out_of_order(ids["101"], day(3), day(5))
        assert await left(desk, hotel, day(3), day(4)) == {"Double": 0, "Suite": 1}

    desk_run(scenario)


# (id, call(desk, unit id, day), error, field, phrase)
BAD_RANGES = [
    ("same-day", lambda d, u, day: d.take_out_of_order(u, day(2), day(2)), ValidationError,
     "date_to", "End must be at least one day after start"),
    ("backwards", lambda d, u, day: d.take_out_of_order(u, day(3), day(2)), ValidationError,
     "date_to", "at least one day after"),
    ("text-date", lambda d, u, day: d.take_out_of_order(u, "2030-06-12", day(4)),
     ValidationError, "date_from", "must be a date"),
    ("too-long", lambda d, u, day: d.take_out_of_order(u, day(0), day(400)), ValidationError,
     "date_to", "at most 366 nights"),
    ("reason-too-long", lambda d, u, day: d.take_out_of_order(u, day(0), day(2), "r" * 501),
     ValidationError, "reason", "at most 500"),
    ("unknown-room", lambda d, u, day: d.take_out_of_order(999, day(0), day(2)), NotFound, None,
     "Room 999 does not exist"),
    ("unknown-range", lambda d, u, day: d.return_to_service(999), NotFound, None,
     "Out-of-order period 999 does not exist"),
]


@pytest.mark.parametrize(("call", "error", "field", "phrase"),
                         [pytest.param(*c[1:], id=c[0]) for c in BAD_RANGES])
def test_bad_out_of_order_ranges_are_refused_unchanged(desk_run, snapshot, day, call, error,
                                                       field, phrase):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=2)
        unit = (await unit_ids(desk, hotel))["101"]
        await desk.take_out_of_order((await unit_ids(desk, hotel))["102"], day(5), day(6))
        await refused(snapshot, error, phrase, call(desk, unit, day), field=field)

    desk_run(scenario)


def test_return_to_service_twice_is_not_found(desk_run, snapshot, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=1)
        unit = (await unit_ids(desk, hotel))["101"]
        block = await desk.take_out_of_order(unit, day(1), day(2))
        await desk.return_to_service(block.id)
        assert await left(desk, hotel, day(1), day(2)) == {"Double": 1}
        await refused(snapshot, NotFound, "does not exist", desk.return_to_service(block.id))

    desk_run(scenario)


# -- housekeeping -------------------------------------------------------------------------------


def test_room_status_changes(desk_run):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=2)
        ids = await unit_ids(desk, hotel)
        assert (await desk.set_room_status(ids["101"], "dirty")).status is Housekeeping.DIRTY
        changed = await desk.set_room_status(ids["101"], Housekeeping.INSPECTED)
        assert (changed.id, changed.number, changed.status) == (ids["101"], "101",
                                                                Housekeeping.INSPECTED)
        assert (await desk.set_room_status(ids["101"], "clean")).status is Housekeeping.CLEAN
        await desk.set_room_status(ids["102"], "dirty")
        return {u.number: u.status for u in await desk.list_units(hotel)}

    assert desk_run(scenario) == {"101": Housekeeping.CLEAN, "102": Housekeeping.DIRTY}


async def housekept_hotel(desk, day):
    """Birch: Double 101-103, Suite 104 (no floor); 101 dirty, 102 inspected, Anna checked in
    (to 102, the inspected room) for [0, 3), 103 out of order [0, 2), Boris booked in 104 [0, 2)
    but not arrived; Aurora has a room 101 too."""
    hotel, rooms = await hotel_with(desk, Double=3, Suite=1)
    other, _ = await hotel_with(desk, "Aurora", Single=1)
    ids = await unit_ids(desk, hotel)
    await desk.update_unit(ids["104"], floor=None)
    await desk.set_room_status(ids["101"], "dirty")
    await desk.set_room_status(ids["102"], "inspected")
    anna = await desk.add_guest("Anna Ivanova")
    boris = await desk.add_guest("Boris Petrov")
    stay = await desk.check_in((await desk.book(rooms["Double"], anna.id, day(0), day(3))).id)
    assert stay.unit_number == "102"
    await desk.take_out_of_order(ids["103"], day(0), day(2), "Broken heater")
    waiting = await desk.book(rooms["Suite"], boris.id, day(0), day(2))
    await desk.assign_room(waiting.id, ids["104"])
    return hotel, other


def test_housekeeping_lists_status_out_of_order_and_occupant(desk_run, day):
    async def scenario(desk):
        hotel, other = await housekept_hotel(desk, day)
        today = await desk.housekeeping(hotel)
        assert await desk.housekeeping(hotel, day(0)) == today
        later = await desk.housekeeping(hotel, day(2))
        after = await desk.housekeeping(hotel, day(3))
        return today, later, after, await desk.housekeeping(other, day(0))

    today, later, after, other = desk_run(scenario)
    rows = [(u.number, u.room_name, u.floor, u.status, u.out_of_order, u.occupant) for u in today]
    assert rows == [
        ("101", "Double", 1, Housekeeping.DIRTY, None, None),
        ("102", "Double", 1, Housekeeping.INSPECTED, None, "Anna Ivanova"),
        ("103", "Double", 1, Housekeeping.CLEAN, "Broken heater", None),
        ("104", "Suite", None, Housekeeping.CLEAN, None, None),  # Boris has not arrived
    ]
    # Day 2: the range [0, 2) is over, Anna's last night; day 3: she is gone.
    assert [(u.out_of_order, u.occupant) for u in later] == [
        (None, None), (None, "Anna Ivanova"), (None, None), (None, None)]
    assert [(u.out_of_order, u.occupant) for u in after] == [(None, None)] * 4
    assert [u.number for u in other] == ["101"]


def test_housekeeping_csv(desk_run, day):
    async def scenario(desk):
        hotel, _ = await housekept_hotel(desk, day)
        return await desk.housekeeping_csv(hotel, day(0)), await desk.housekeeping_csv(hotel)

    text, default_day = desk_run(scenario)
    assert default_day == text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["Room", "Room type", "Floor", "Status", "Out of order", "Guest"],
        ["101", "Double", "1", "Dirty", "", ""],
        ["102", "Double", "1", "Inspected", "", "Anna Ivanova"],
        ["103", "Double", "1", "Out of order", "Broken heater", ""],
        ["104", "Suite", "", "Clean", "", ""],
    ]


def test_housekeeping_csv_quotes_awkward_text(desk_run, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        room = await desk.add_room(hotel.id, 'Double, "sea"', 10_000, 1)
        guest = await desk.add_guest("O'Neil, Anna")
        unit = (await desk.list_units(hotel.id))[0]
        await desk.check_in((await desk.book(room.id, guest.id, day(0), day(1))).id)
        await desk.take_out_of_order(unit.id, day(1), day(2), 'Leak; "big", ceiling')
        return (await desk.housekeeping_csv(hotel.id, day(0)),
                await desk.housekeeping_csv(hotel.id, day(1)))

    tonight, tomorrow = desk_run(scenario)
    assert list(csv.reader(io.StringIO(tonight)))[1] == [
        "101", 'Double, "sea"', "1", "Clean", "", "O'Neil, Anna"]
    assert list(csv.reader(io.StringIO(tomorrow)))[1] == [
        "101", 'Double, "sea"', "1", "Out of order", 'Leak; "big", ceiling', ""]


def test_housekeeping_csv_never_writes_a_live_formula(desk_run, day):
    """Issue 10, item 8: a guest named like a formula, a room number '=1+1' or such a reason
    would run in the manager's spreadsheet; each such cell starts with an apostrophe."""
    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        room = await desk.add_room(hotel.id, "@Double", 10_000, 2)
        first, second = await desk.list_units(hotel.id)
        await desk.update_unit(first.id, number="=1+1")
        guest = await desk.add_guest('=HYPERLINK("http://x.example/","Anna")')
        await desk.check_in((await desk.book(room.id, guest.id, day(0), day(1))).id,
                            first.id)
        await desk.take_out_of_order(second.id, day(0), day(1), "+cmd|' /C calc'!A0")
        return await desk.housekeeping_csv(hotel.id, day(0))

    rows = list(csv.reader(io.StringIO(desk_run(scenario))))
    assert rows[1:] == [  # "102" before "=1+1": shorter numbers first
        ["102", "'@Double", "1", "Out of order", "'+cmd|' /C calc'!A0", ""],
        ["'=1+1", "'@Double", "1", "Clean", "", "'=HYPERLINK(\"http://x.example/\",\"Anna\")"],
    ]


def test_housekeeping_day_must_be_a_date(desk_run, day):
    async def scenario(desk):
        hotel, _ = await housekept_hotel(desk, day)
        for call in (desk.housekeeping, desk.housekeeping_csv):
            with pytest.raises(ValidationError, match="must be a date") as caught:
                await call(hotel, "10.06.2030")
            assert caught.value.field == "day"

    desk_run(scenario)


# -- the room grid ------------------------------------------------------------------------------


def test_room_grid_rows_stays_and_blocks_of_the_range(desk_run, clock, day):
    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        suite = await desk.add_room(hotel.id, "Suite", 30_000, 1)  # 101
        double = await desk.add_room(hotel.id, "Double", 10_000, 2)  # 102, 103
        other, other_rooms = await hotel_with(desk, "Aurora", Double=1)
        ids = await unit_ids(desk, hotel.id)
        anna = await desk.add_guest("Anna Ivanova")
        b = {
            "ends-at-start": await desk.book(double.id, anna.id, day(0), day(2)),
            "across-start": await desk.book(double.id, anna.id, day(1), day(3)),
            "inside": await desk.book(double.id, anna.id, day(4), day(6)),
            "across-end": await desk.book(suite.id, anna.id, day(8), day(12)),
            "starts-at-end": await desk.book(double.id, anna.id, day(9), day(11)),
            "cancelled": await desk.book(suite.id, anna.id, day(3), day(5)),
            "no-show": await desk.book(suite.id, anna.id, day(2), day(3)),
            "other-hotel": await desk.book(other_rooms["Double"], anna.id, day(3), day(5)),
        }
        await desk.assign_room(b["inside"].id, ids["103"])
        await desk.cancel(b["cancelled"].id)
        await desk.check_in(b["ends-at-start"].id)
        clock.day = day(1)
        await desk.check_in(b["across-start"].id)
        clock.day = day(2)
        await desk.mark_no_show(b["no-show"].id)
        blocks = [await desk.take_out_of_order(ids["101"], day(0), day(2), "Before"),
                  await desk.take_out_of_order(ids["101"], day(6), day(8), "Inside"),
                  await desk.take_out_of_order(ids["102"], day(8), day(10), "Across end")]
        grid = await desk.room_grid(hotel.id, day(2), day(9))
        return grid, b, blocks, hotel.id, suite, double, ids

    grid, b, blocks, hotel, suite, double, ids = desk_run(scenario)
    assert (grid.hotel_id, grid.date_from, grid.date_to) == (hotel, day(2), day(9))
    assert grid.room_types == [double, suite]  # by name
    assert [(u.number, u.room_id) for u in grid.units] == [
        ("102", double.id), ("103", double.id), ("101", suite.id)]
    stays = {s.id: s for s in grid.stays}
    assert set(stays) == {b["across-start"].id, b["inside"].id, b["across-end"].id}
    assert [s.id for s in grid.stays] == [b["across-start"].id, b["inside"].id,
                                          b["across-end"].id]  # by arrival
    assert (stays[b["across-start"].id].status, stays[b["across-start"].id].unit_number) == (
        Status.CHECKED_IN, "103")
    assert (stays[b["inside"].id].unit_id, stays[b["inside"].id].unit_number) == (
        ids["103"], "103")
    assert stays[b["across-end"].id].unit_id is None
    assert grid.blocks == blocks[1:]


def test_room_grid_of_a_day_and_of_93_days(desk_run, day):
    async def scenario(desk):
        hotel, rooms = await hotel_with(desk, Double=1)
        guest = await desk.add_guest("Anna Ivanova")
        stay = await desk.book(rooms["Double"], guest.id, day(92), day(95))
        one = await desk.room_grid(hotel, day(92), day(93))
        most = await desk.room_grid(hotel, day(0), day(93))
        before = await desk.room_grid(hotel, day(0), day(92))
        return stay, one, most, before

    stay, one, most, before = desk_run(scenario)
    assert [s.id for s in one.stays] == [s.id for s in most.stays] == [stay.id]
    assert before.stays == []
    assert [u.number for u in before.units] == ["101"]


@pytest.mark.parametrize(("date_from", "date_to", "field", "phrase"), [
    pytest.param(5, 5, "date_to", "The grid shows 1 to 93 days", id="empty"),
    pytest.param(5, 4, "date_to", "1 to 93 days", id="backwards"),
    pytest.param(0, 94, "date_to", "1 to 93 days", id="94-days"),
    pytest.param("2030-06-10", 3, "date_from", "From must be a date", id="text-from"),
    pytest.param(0, None, "date_to", "To must be a date", id="no-to"),
])
def test_room_grid_range_is_checked(desk_run, day, date_from, date_to, field, phrase):
    def as_day(n):
        return day(n) if isinstance(n, int) else n

    async def scenario(desk):
        hotel, _ = await hotel_with(desk, Double=1)
        with pytest.raises(ValidationError) as caught:
            await desk.room_grid(hotel, as_day(date_from), as_day(date_to))
        return caught.value

    error = desk_run(scenario)
    assert error.field == field
    assert phrase in str(error)
