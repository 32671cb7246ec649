"""Undoing a check-in or check-out made by mistake (issue item 3), overdue stays in the day's
lists (item 4) and the one rule of which action a stay allows when (item 14)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from unithelpers import refused

from frontdesk.domain.stays import Action, departure_after_check_out, nights_given_up, why_not
from frontdesk.dto import Status
from frontdesk.errors import RoomOccupied, StatusNotAllowed, ValidationError


async def one_stay(desk, clock, day, doubles=2, nights=7):
    """Anna in 101 for day(0)..day(nights), checked in on day 0."""
    hotel = await desk.add_hotel("Birch", "Kazan", 3)
    double = await desk.add_room(hotel.id, "Double", 12_000, doubles)
    anna = await desk.add_guest("Anna Ivanova")
    clock.day = day(0)
    stay = await desk.book(double.id, anna.id, day(0), day(nights))
    return hotel.id, double.id, await desk.check_in(stay.id)


def history(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT booking_id, action, reason FROM stay_history "
                            "ORDER BY id").fetchall()
    finally:
        conn.close()


def test_undo_check_in_keeps_the_reason(desk_run, clock, day, db_path):
    async def scenario(desk):
        _h, _d, stay = await one_stay(desk, clock, day)
        undone = await desk.undo_check_in(stay.id, "  Wrong guest selected  ")
        assert (undone.status, undone.unit_number) == (Status.CONFIRMED, "101")
        events = await desk.stay_history(stay.id)
        assert [(e.action, e.reason) for e in events] == [("undo_check_in",
                                                           "Wrong guest selected")]
        return stay.id

    booking = desk_run(scenario)
    assert history(db_path) == [(booking, "undo_check_in", "Wrong guest selected")]


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_an_undo_without_a_reason_is_refused(desk_run, clock, day, snapshot, reason):
    async def scenario(desk):
        _h, _d, stay = await one_stay(desk, clock, day)
        await refused(snapshot, ValidationError, "Reason is required",
                      desk.undo_check_in(stay.id, reason), "reason")
        clock.day = day(2)
        await desk.check_out(stay.id)
        await refused(snapshot, ValidationError, "Reason is required",
                      desk.undo_check_out(stay.id, reason), "reason")

    desk_run(scenario)


def test_undo_of_an_early_check_out_restores_the_departure(desk_run, clock, day, db_path):
    """Item 3: checked out after 3 of 7 nights by mistake; the undo gives the 4 nights back."""
    async def scenario(desk):
        _h, _d, stay = await one_stay(desk, clock, day)
        clock.day = day(3)
        out = await desk.check_out(stay.id)
        assert (out.date_to, out.planned_date_to, out.nights) == (day(3), day(7), 3)
        back = await desk.undo_check_out(stay.id, "Checked out the wrong guest")
        assert (back.status, back.date_to, back.planned_date_to, back.unit_number) == (
            Status.CHECKED_IN, day(7), None, "101")
        return stay.id

    booking = desk_run(scenario)
    assert history(db_path) == [(booking, "undo_check_out", "Checked out the wrong guest")]


def test_undo_of_a_check_out_is_refused_when_the_room_was_given_away(desk_run, clock, day,
                                                                      snapshot):
    async def scenario(desk):
        hotel, double, stay = await one_stay(desk, clock, day)
        clock.day = day(3)
        await desk.check_out(stay.id)
        boris = await desk.add_guest("Boris Petrov")
        units = {u.number: u.id for u in await desk.list_units(hotel)}
        taken = await desk.book(double, boris.id, day(5), day(6))
        await desk.assign_room(taken.id, units["101"])
        await refused(snapshot, StatusNotAllowed, "Room 101 has been given to another stay "
                      "from the night of", desk.undo_check_out(stay.id, "Mistake"))
        # Same when a guest is checked in to it now.
        await desk.unassign_room(taken.id)
        now = await desk.book(double, boris.id, day(3), day(4))
        await desk.check_in(now.id, unit_id=units["101"])
        await refused(snapshot, RoomOccupied, "Room 101 is still occupied: Boris Petrov",
                      desk.undo_check_out(stay.id, "Mistake"))

    desk_run(scenario)


def test_undo_of_a_check_out_is_refused_when_its_nights_were_sold(desk_run, clock, day,
                                                                   snapshot):
    async def scenario(desk):
        _h, double, stay = await one_stay(desk, clock, day, doubles=1)
        clock.day = day(3)
        await desk.check_out(stay.id)
        boris = await desk.add_guest("Boris Petrov")
        await desk.book(double, boris.id, day(4), day(5))
        await refused(snapshot, StatusNotAllowed, "The nights booking 1 gave up have been sold "
                      "again", desk.undo_check_out(stay.id, "Mistake"))

    desk_run(scenario)


@pytest.mark.parametrize(("status_steps", "action", "phrase"), [
    ([], "undo_check_in", "only a check-in (a stay now checked in) can be undone"),
    ([], "undo_check_out", "only a check-out (a stay now checked out) can be undone"),
    (["undo"], "undo_check_in", "is confirmed; only a check-in"),
])
def test_undo_of_the_wrong_status_is_refused(desk_run, clock, day, snapshot, status_steps,
                                             action, phrase):
    async def scenario(desk):
        hotel = await desk.add_hotel("Birch", "Kazan", 3)
        double = await desk.add_room(hotel.id, "Double", 12_000, 1)
        anna = await desk.add_guest("Anna Ivanova")
        stay = await desk.book(double.id, anna.id, day(0), day(2))
        if status_steps:
            await desk.check_in(stay.id)
            await desk.undo_check_in(stay.id, "Mistake")
        await refused(snapshot, StatusNotAllowed, phrase,
                      getattr(desk, action)(stay.id, "Mistake"))

    desk_run(scenario)


def test_an_overdue_stay_stays_in_departures_and_in_house_until_checked_out(desk_run, clock,
                                                                            day):
    """Item 4: due out on day 2, still checked in on days 3 and 4."""
    async def scenario(desk):
        hotel, double, stay = await one_stay(desk, clock, day, nights=2)
        boris = await desk.add_guest("Boris Petrov")
        units = {u.number: u.id for u in await desk.list_units(hotel)}
        nxt = await desk.book(double, boris.id, day(3), day(5))
        await desk.assign_room(nxt.id, units["101"])  # the next stay in her room
        for today in (3, 4):
            clock.day = day(today)
            assert [b.id for b in await desk.departures(hotel, day(today))] == [stay.id]
            assert [b.id for b in await desk.in_house(hotel, day(today))] == [stay.id]
            # Yesterday too (she was overdue then as well).
            assert stay.id in [b.id for b in await desk.departures(hotel, day(today - 1))]
        # A later day is a forecast: she will have been checked out by then.
        assert await desk.departures(hotel, day(6)) == []
        assert await desk.in_house(hotel, day(6)) == []
        # Checking out keeps the booked dates: no overlap with the next stay in 101.
        out = await desk.check_out(stay.id)
        assert (out.date_from, out.date_to, out.planned_date_to) == (day(0), day(2), None)
        assert await desk.departures(hotel, day(4)) == []
        assert await desk.in_house(hotel, day(4)) == []
        assert (await desk.check_in(nxt.id)).unit_number == "101"  # her room is vacant now

    desk_run(scenario)


D = date(2030, 6, 10)


def test_the_one_rule_says_when_the_working_date_is_not_really_today():
    tomorrow = date(2030, 6, 11)
    text = why_not(Action.CHECK_IN, Status.CONFIRMED, tomorrow, date(2030, 6, 13), D,
                   booking="Booking 4", working_day=tomorrow)
    assert text is not None and text.startswith("Booking 4 arrives on Tue 11 Jun 2030")
    assert ("today is really Mon 10 Jun 2030 (you are looking at Tue 11 Jun 2030)."
            in text)
    text = why_not(Action.NO_SHOW, Status.CONFIRMED, tomorrow, date(2030, 6, 13), D,
                   working_day=tomorrow)
    assert text is not None and "cannot be a no-show before then" in text
    assert "today is really Mon 10 Jun 2030" in text
    assert why_not(Action.CHECK_IN, Status.CONFIRMED, D, tomorrow, D, working_day=D) is None
    assert why_not(Action.NO_SHOW, Status.CONFIRMED, D, tomorrow, D) is None
    assert why_not("check_out", "confirmed", D, tomorrow, D) == (
        "This booking is confirmed, so it cannot be checked out.")


def test_check_out_dates_and_nights_given_up():
    end = date(2030, 6, 17)
    assert departure_after_check_out(D, end, date(2030, 6, 13)) == date(2030, 6, 13)
    assert nights_given_up(D, end, date(2030, 6, 13)) == 4
    assert departure_after_check_out(D, end, D) == date(2030, 6, 11)  # at least one night
    assert nights_given_up(D, end, end) == 0
    assert departure_after_check_out(D, end, date(2030, 6, 20)) == end  # overdue: kept


def test_an_undo_is_for_a_mistake_not_for_history(desk_run, clock, day, snapshot):
    """A check-out can be undone until the end of its departure day, a check-in during the
    stay; later, the room is being sold again and the refusal says so (nothing changes)."""
    async def scenario(desk):
        _h, _d, stay = await one_stay(desk, clock, day, nights=2)
        clock.day = day(2)
        await refused(snapshot, StatusNotAllowed, "can be undone only during the stay",
                      desk.undo_check_in(stay.id, "Wrong guest"))
        out = await desk.check_out(stay.id)
        assert out.date_to == day(2)
        clock.day = day(3)
        await refused(snapshot, StatusNotAllowed, "until the end of its departure day",
                      desk.undo_check_out(stay.id, "Wrong guest"))
        clock.day = day(2)
        back = await desk.undo_check_out(stay.id, "Wrong guest")
        assert back.status is Status.CHECKED_IN

    desk_run(scenario)
