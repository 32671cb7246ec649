"""Which room a guest is checked in to (issue items 2 and 9): never one another guest has not
left, whatever the nights say; the booked or chosen room, or the readiest vacant one; dirty
rooms offered last; refusals that name the room and the guest still in it."""

from __future__ import annotations

import pytest
from unithelpers import refused

from frontdesk.dto import Housekeeping, Status
from frontdesk.errors import RoomOccupied, StatusNotAllowed, ValidationError


async def hotel(desk, doubles=3):
    """Hotel Birch with `doubles` Double rooms (101, ...) and one Suite; returns
    (hotel id, double id, suite id, {number: unit id})."""
    h = await desk.add_hotel("Birch", "Kazan", 3)
    double = await desk.add_room(h.id, "Double", 12_000, doubles)
    suite = await desk.add_room(h.id, "Suite", 30_000, 1)
    units = {u.number: u.id for u in await desk.list_units(h.id)}
    return h.id, double.id, suite.id, units


async def ines_still_in_101(desk, clock, day, double):
    """Ines Haddad checked in to 101 two days ago, due out today, not yet checked out."""
    clock.day = day(-2)
    ines = await desk.add_guest("Ines Haddad")
    stay = await desk.book(double, ines.id, day(-2), day(0))
    stay = await desk.check_in(stay.id)
    assert stay.unit_number == "101"
    clock.day = day(0)
    return stay


async def new_arrival(desk, double, day, name="Jonas Berg", nights=2):
    guest = await desk.add_guest(name)
    return await desk.book(double, guest.id, day(0), day(nights))


def test_check_in_never_picks_a_room_a_guest_has_not_left(desk_run, clock, day):
    """Item 2: Ines is due out of 101 today and still checked in; by nights 101 is free
    tonight, but the new guest goes to 102."""
    async def scenario(desk):
        _h, double, _s, _u = await hotel(desk)
        await ines_still_in_101(desk, clock, day, double)
        jonas = await new_arrival(desk, double, day)
        checked_in = await desk.check_in(jonas.id)
        assert checked_in.unit_number == "102"
        offer = await desk.rooms_for_check_in((await new_arrival(desk, double, day,
                                                                 "Mia Roth")).id)
        assert [u.number for u in offer.rooms] == ["103"]
        assert offer.problem is None

    desk_run(scenario)


def test_check_in_to_a_booked_room_still_occupied_is_refused_naming_room_and_guest(
        desk_run, clock, day, snapshot):
    async def scenario(desk):
        _h, double, _s, units = await hotel(desk)
        await ines_still_in_101(desk, clock, day, double)
        jonas = await new_arrival(desk, double, day)
        await desk.assign_room(jonas.id, units["101"])  # by nights, 101 is free tonight
        error = await refused(snapshot, RoomOccupied, "Room 101 is still occupied: Ines Haddad "
                              "is checked in there (due out today)", desk.check_in(jonas.id))
        assert "Check Ines Haddad out first, or choose another room." in str(error)
        offer = await desk.rooms_for_check_in(jonas.id)
        assert offer.problem == str(error)
        assert offer.booked_unit_id == units["101"]
        assert [u.number for u in offer.rooms] == ["102", "103"]
        # Choosing another room works, and moves the stay there.
        moved = await desk.check_in(jonas.id, unit_id=units["102"])
        assert (moved.status, moved.unit_number) == (Status.CHECKED_IN, "102")

    desk_run(scenario)


def test_when_every_room_of_the_type_is_occupied_the_refusal_names_them(
        desk_run, clock, day, snapshot):
    async def scenario(desk):
        _h, double, _s, _u = await hotel(desk, doubles=1)
        await ines_still_in_101(desk, clock, day, double)
        clock.day = day(1)  # she is overdue now
        guest = await desk.add_guest("Jonas Berg")
        jonas = await desk.book(double, guest.id, day(1), day(2))
        await refused(snapshot, StatusNotAllowed, "No 'Double' room is vacant for booking "
                      f"{jonas.id}: guests have not checked out of room 101 (Ines Haddad, "
                      "overdue: due out Mon 10 Jun 2030)", desk.check_in(jonas.id))
        offer = await desk.rooms_for_check_in(jonas.id)
        assert offer.rooms == [] and "room 101 (Ines Haddad" in offer.problem

    desk_run(scenario)


def test_a_chosen_room_a_guest_is_still_in_is_refused(desk_run, clock, day, snapshot):
    async def scenario(desk):
        _h, double, _s, units = await hotel(desk)
        await ines_still_in_101(desk, clock, day, double)
        jonas = await new_arrival(desk, double, day)
        await refused(snapshot, RoomOccupied, "Room 101 is still occupied: Ines Haddad",
                      desk.check_in(jonas.id, unit_id=units["101"]))

    desk_run(scenario)


def test_dirty_rooms_are_offered_last_and_the_user_picks_the_room(desk_run, day):
    """Item 9: the offer is ordered inspected, clean, dirty; the guest goes to the room the
    receptionist chose, even a dirty one (the window warns), and to the readiest otherwise."""
    async def scenario(desk):
        _h, double, _s, units = await hotel(desk)
        await desk.set_room_status(units["101"], "dirty")
        await desk.set_room_status(units["103"], "inspected")
        first = await new_arrival(desk, double, day)
        offer = await desk.rooms_for_check_in(first.id)
        assert [(u.number, u.status) for u in offer.rooms] == [
            ("103", Housekeeping.INSPECTED), ("102", Housekeeping.CLEAN),
            ("101", Housekeeping.DIRTY)]
        chosen = await desk.check_in(first.id, unit_id=units["101"])
        assert chosen.unit_number == "101"
        second = await new_arrival(desk, double, day, "Mia Roth")
        assert (await desk.check_in(second.id)).unit_number == "103"

    desk_run(scenario)


@pytest.mark.parametrize(("which", "error", "phrase", "field"), [
    ("suite", ValidationError, "Room 104 is not a 'Double' room", "unit_id"),
    ("missing", Exception, "Room 999 does not exist", None),
])
def test_a_wrong_room_choice_is_refused(desk_run, day, snapshot, which, error, phrase, field):
    async def scenario(desk):
        _h, double, _s, units = await hotel(desk)
        jonas = await new_arrival(desk, double, day)
        unit = units["104"] if which == "suite" else 999
        await refused(snapshot, error, phrase, desk.check_in(jonas.id, unit_id=unit), field)

    desk_run(scenario)


def test_a_checked_in_guest_is_never_moved_into_a_room_another_guest_is_in(
        desk_run, clock, day, snapshot):
    async def scenario(desk):
        _h, double, _s, units = await hotel(desk)
        await ines_still_in_101(desk, clock, day, double)
        jonas = await desk.check_in((await new_arrival(desk, double, day)).id)
        await refused(snapshot, RoomOccupied, "Room 101 is still occupied: Ines Haddad",
                      desk.move_stay(jonas.id, unit_id=units["101"]))

    desk_run(scenario)


def test_housekeeping_shows_the_guest_who_has_not_left(desk_run, clock, day):
    async def scenario(desk):
        h, double, _s, _u = await hotel(desk)
        await ines_still_in_101(desk, clock, day, double)
        clock.day = day(1)
        rooms = {u.number: u.occupant for u in await desk.housekeeping(h)}
        assert rooms["101"] == "Ines Haddad"
        # A later day is a forecast: by then she has left.
        later = {u.number: u.occupant for u in await desk.housekeeping(h, day(2))}
        assert later["101"] is None

    desk_run(scenario)
