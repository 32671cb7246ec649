"""The stay rules as plain Python: nights and their limits, which action each status allows,
what a move may change (no database)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from frontdesk.domain import stays
from frontdesk.domain.stays import Action, Status
from frontdesk.errors import StatusNotAllowed, ValidationError

TODAY = date(2030, 6, 10)


def d(n: int) -> date:
    return TODAY + timedelta(days=n)


def test_a_stay_is_one_to_366_nights() -> None:
    assert stays.nights(d(0), d(3)) == 3
    assert stays.stay_problem(d(0), d(1)) is None
    assert stays.stay_problem(d(0), d(366)) is None
    assert stays.stay_problem(d(0), d(367)) == ("date_to", "A stay can be at most 366 nights.")
    assert stays.stay_problem(d(0), d(0)) == (
        "date_to", "Departure must be at least one day after arrival.")
    assert stays.stay_problem(d(0), d(400), first="Start", last="End",
                              what="An out-of-order period") == (
        "date_to", "An out-of-order period can be at most 366 nights.")


def test_a_new_stay_cannot_begin_in_the_past() -> None:
    assert stays.arrival_problem(d(-1), TODAY) == "Arrival cannot be in the past."
    assert stays.arrival_problem(d(0), TODAY) is None


@pytest.mark.parametrize(("action", "allowed"), [
    (Action.CHECK_IN, {Status.CONFIRMED}),
    (Action.CHECK_OUT, {Status.CHECKED_IN}),
    (Action.NO_SHOW, {Status.CONFIRMED}),
    (Action.CANCEL, {Status.CONFIRMED}),
    (Action.CHANGE_DATES, {Status.CONFIRMED, Status.CHECKED_IN}),
    (Action.MOVE, {Status.CONFIRMED, Status.CHECKED_IN}),
    (Action.UNASSIGN, {Status.CONFIRMED}),
    (Action.UNDO_CHECK_IN, {Status.CHECKED_IN}),
    (Action.UNDO_CHECK_OUT, {Status.CHECKED_OUT}),
])
def test_each_action_starts_from_its_statuses_and_says_why_not(action: Action,
                                                                allowed: set[Status]) -> None:
    for status in Status:
        assert stays.status_allows(action, status) is (status in allowed)
        problem = stays.why_not(action, status, d(0), d(2), TODAY, booking="Booking 7")
        if status in allowed:
            assert problem is None
        else:
            assert problem is not None and problem.startswith(f"Booking 7 is {status.phrase}")


def test_unassigning_is_for_confirmed_stays_only() -> None:
    assert stays.why_not(Action.UNASSIGN, Status.CHECKED_IN, d(0), d(2), TODAY,
                         booking="Booking 3") == (
        "Booking 3 is checked in; only a confirmed stay can give its room back.")


def test_a_checked_in_stay_moves_its_room_and_departure_but_not_its_arrival() -> None:
    stays.check_move(Status.CHECKED_IN, d(-1), d(2), d(-1), d(4), TODAY)
    with pytest.raises(StatusNotAllowed, match="arrival cannot change"):
        stays.check_move(Status.CHECKED_IN, d(-1), d(2), d(0), d(4), TODAY)
    with pytest.raises(ValidationError, match="after today") as error:
        stays.check_move(Status.CHECKED_IN, d(-1), d(2), d(-1), d(0), TODAY)
    assert error.value.field == "date_to"
    assert not stays.arrival_can_change(Status.CHECKED_IN)
    assert stays.arrival_can_change(Status.CONFIRMED)


def test_a_move_never_takes_an_arrival_into_the_past_nor_a_stay_past_its_limit() -> None:
    stays.check_move(Status.CONFIRMED, d(-1), d(2), d(-1), d(3), TODAY)  # arrival kept
    with pytest.raises(ValidationError, match="into the past") as error:
        stays.check_move(Status.CONFIRMED, d(1), d(2), d(-1), d(3), TODAY)
    assert error.value.field == "date_from"
    with pytest.raises(ValidationError, match="366"):
        stays.check_move(Status.CONFIRMED, d(1), d(2), d(1), d(400), TODAY)
    with pytest.raises(StatusNotAllowed, match="cannot change"):
        stays.check_move(Status.CANCELLED, d(1), d(2), d(2), d(3), TODAY)


def test_check_out_ends_an_early_stay_today_and_keeps_an_overdue_ones_dates() -> None:
    assert stays.departure_after_check_out(d(-2), d(3), TODAY) == TODAY
    assert stays.nights_given_up(d(-2), d(3), TODAY) == 3
    assert stays.departure_after_check_out(d(0), d(3), TODAY) == d(1)  # at least one night
    assert stays.departure_after_check_out(d(-5), d(-2), TODAY) == d(-2)
    assert stays.is_overdue(Status.CHECKED_IN, d(-1), TODAY)
    assert not stays.is_overdue(Status.CHECKED_OUT, d(-1), TODAY)
