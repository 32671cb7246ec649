"""A stay and its status: the nights it covers and their limits, which action each status allows
on which day (and the sentence that says why not), and what check-out does to its dates. Written
once here, asked by the services (which refuse) and by the window (which disables the button and
shows the same sentence before anything is confirmed).

No SQLAlchemy and no Qt here: only dates, the status and sentences for people.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from frontdesk.dates import day_text
from frontdesk.errors import StatusNotAllowed, ValidationError

#: The longest stay (and out-of-order period) the desk takes, in nights.
MAX_STAY_NIGHTS = 366


class Status(StrEnum):
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"

    @property
    def label(self) -> str:
        """How reception staff say it: "Checked in", "No-show"."""
        return "No-show" if self is Status.NO_SHOW else self.value.replace("_", " ").capitalize()

    @property
    def phrase(self) -> str:
        """For sentences: "Booking 4 is {phrase}" -> "checked out", "a no-show"."""
        return "a no-show" if self is Status.NO_SHOW else self.label.lower()


# Status(value) costs ~3 us; a grid of two thousand stays asks it two thousand times.
STATUS_OF = {s.value: s for s in Status}

#: Which stays each list of a day shows: arrivals are every stay that begins that day but the
#: cancelled ones; in house, the guests checked in (departures: the stays that hold a room,
#: frontdesk.domain.occupancy.ACTIVE_STATUSES).
ARRIVING = (Status.CONFIRMED, Status.CHECKED_IN, Status.CHECKED_OUT, Status.NO_SHOW)
IN_HOUSE = (Status.CHECKED_IN,)


def in_house(status: Status | str) -> bool:
    """A guest checked in is in the house (and in the room), whatever the nights say: the room
    is not vacant until they are checked out."""
    return Status(status) in IN_HOUSE


def nights(date_from: date, date_to: date) -> int:
    """The nights of a stay [date_from, date_to): the guest leaving on the 5th frees the room
    for a guest arriving on the 5th."""
    return (date_to - date_from).days


def stay_problem(date_from: date, date_to: date, *, first: str = "Arrival",
                 last: str = "Departure", what: str = "A stay") -> tuple[str, str] | None:
    """(field, sentence) when [date_from, date_to) is no stay the desk takes (no night, or more
    than MAX_STAY_NIGHTS); None when it is one."""
    if date_to <= date_from:
        return "date_to", f"{last} must be at least one day after {first.lower()}."
    if nights(date_from, date_to) > MAX_STAY_NIGHTS:
        return "date_to", f"{what} can be at most {MAX_STAY_NIGHTS} nights."
    return None


def arrival_problem(date_from: date, today: date) -> str | None:
    """A new stay cannot begin before today."""
    return "Arrival cannot be in the past." if date_from < today else None


class Action(StrEnum):
    CHECK_IN = "check_in"
    CHECK_OUT = "check_out"
    NO_SHOW = "no_show"
    CANCEL = "cancel"
    CHANGE_DATES = "change_dates"
    UNDO_CHECK_IN = "undo_check_in"
    UNDO_CHECK_OUT = "undo_check_out"
    MOVE = "move"  # to another room, room type or dates (the grid's drag, the move dialog)
    UNASSIGN = "unassign"  # give the stay's room back, keeping the booking by room type


# The status each action starts from, and the words a refusal uses for it.
_FROM: dict[Action, tuple[frozenset[Status], str]] = {
    Action.CHECK_IN: (frozenset({Status.CONFIRMED}), "checked in"),
    Action.CHECK_OUT: (frozenset({Status.CHECKED_IN}), "checked out"),
    Action.NO_SHOW: (frozenset({Status.CONFIRMED}), "marked as a no-show"),
    Action.CANCEL: (frozenset({Status.CONFIRMED}), "cancelled"),
    Action.CHANGE_DATES: (frozenset({Status.CONFIRMED, Status.CHECKED_IN}), ""),
    Action.UNDO_CHECK_IN: (frozenset({Status.CHECKED_IN}), ""),
    Action.UNDO_CHECK_OUT: (frozenset({Status.CHECKED_OUT}), ""),
    Action.MOVE: (frozenset({Status.CONFIRMED, Status.CHECKED_IN}), ""),
    Action.UNASSIGN: (frozenset({Status.CONFIRMED}), ""),
}


def status_allows(action: Action | str, status: Status | str) -> bool:
    """Whether the stay's status alone allows `action` (the day may still refuse it)."""
    return Status(status) in _FROM[Action(action)][0]


def why_not(action: Action | str, status: Status | str, date_from: date, date_to: date,
            today: date, *, booking: str = "This booking",
            working_day: date | None = None) -> str | None:
    """None when `action` is allowed for a stay in `status` for the nights [date_from, date_to)
    on the real day `today`; else the sentence that says why not. `booking` starts the
    sentence ("Booking 12"); `working_day`, the day the window shows, is named when it is not
    really today, so a refusal never reads as if that day had come."""
    action, status = Action(action), Status(status)
    allowed, verb = _FROM[action]
    if status not in allowed:
        if action in (Action.CHANGE_DATES, Action.MOVE):
            return f"{booking} is {status.phrase}; its room and dates cannot change."
        if action is Action.UNASSIGN:
            return (f"{booking} is {status.phrase}; only a confirmed stay can give its room "
                    "back.")
        if action is Action.UNDO_CHECK_IN:
            return (f"{booking} is {status.phrase}; only a check-in (a stay now checked in) "
                    "can be undone.")
        if action is Action.UNDO_CHECK_OUT:
            return (f"{booking} is {status.phrase}; only a check-out (a stay now checked out) "
                    "can be undone.")
        return f"{booking} is {status.phrase}, so it cannot be {verb}."
    # "today is Wed 02 Dec 2026", or, when the window shows another day, "today is really
    # Wed 02 Dec 2026 (you are looking at Thu 03 Dec 2026)".
    now = f"today is {day_text(today)}"
    if working_day is not None and working_day != today:
        now = f"today is really {day_text(today)} (you are looking at {day_text(working_day)})"
    if action is Action.CHECK_IN and today < date_from:
        return (f"{booking} arrives on {day_text(date_from)}: a guest can check in only during the "
                f"stay, and {now}. Change the dates first if the guest is here now.")
    if action is Action.CHECK_IN and today >= date_to:
        return (f"{booking} ended on {day_text(date_to)}: a guest can check in only during the "
                f"stay ({day_text(date_from)} to {day_text(date_to)}), and {now}.")
    if action is Action.NO_SHOW and today < date_from:
        return (f"{booking} arrives on {day_text(date_from)}; it cannot be a no-show before then, "
                f"and {now}.")
    # An undo mends a click made by mistake, not history: a stay that has ended stays ended
    # (undone later, it would take back a room that is being sold again).
    if action is Action.UNDO_CHECK_IN and today >= date_to:
        return (f"{booking} ended on {day_text(date_to)}, and {now}: its check-in can be undone "
                "only during the stay.")
    if action is Action.UNDO_CHECK_OUT and today > date_to:
        return (f"{booking} ended on {day_text(date_to)}, and {now}: a check-out can be undone "
                "only until the end of its departure day. Book the guest again instead.")
    return None


def departure_after_check_out(date_from: date, date_to: date, today: date) -> date:
    """The departure a stay has once checked out `today`. Leaving early ends it today (at least
    one night) and frees the rest. An overdue stay (checked out after its departure) keeps its
    dates: the late nights are not added, because they would overlap the next stay booked into
    that room; settle them at the desk."""
    if today < date_to:
        return max(today, date_from + timedelta(days=1))
    return date_to


def nights_given_up(date_from: date, date_to: date, today: date) -> int:
    """How many booked nights a check-out `today` gives up (0 on or after the departure)."""
    return (date_to - departure_after_check_out(date_from, date_to, today)).days


def is_overdue(status: Status | str, date_to: date, day: date) -> bool:
    """A stay still checked in after its departure day: the guest has not been checked out."""
    return Status(status) is Status.CHECKED_IN and date_to < day


# The status each action that changes it leaves a stay in.
_TO: dict[Action, Status] = {
    Action.CANCEL: Status.CANCELLED, Action.CHECK_IN: Status.CHECKED_IN,
    Action.CHECK_OUT: Status.CHECKED_OUT, Action.NO_SHOW: Status.NO_SHOW,
    Action.UNDO_CHECK_IN: Status.CONFIRMED, Action.UNDO_CHECK_OUT: Status.CHECKED_IN,
}


def status_after(action: Action | str) -> Status:
    """The status `action` leaves a stay in (check in: checked in; undo check-out: checked in
    again)."""
    return _TO[Action(action)]


def require(action: Action | str, status: Status | str, date_from: date, date_to: date,
            today: date, *, booking: str = "This booking") -> None:
    """Refuse with StatusNotAllowed (why_not's sentence) what the stay does not allow."""
    problem = why_not(action, status, date_from, date_to, today, booking=booking)
    if problem is not None:
        raise StatusNotAllowed(problem)


def arrival_can_change(status: Status | str) -> bool:
    """A guest who has checked in has arrived: only the room and the departure can change."""
    return Status(status) is Status.CONFIRMED


def check_move(status: Status | str, date_from: date, date_to: date, new_from: date,
               new_to: date, today: date, *, booking: str = "This booking") -> None:
    """Refuse a move or change of dates of a stay [date_from, date_to) in `status` to the
    nights [new_from, new_to) that its status or the day does not allow: StatusNotAllowed or a
    ValidationError naming the date. (Whether rooms are free is occupancy's question.)"""
    nights_problem = stay_problem(new_from, new_to)
    if nights_problem is not None:
        raise ValidationError(*nights_problem)
    require(Action.MOVE, status, date_from, date_to, today, booking=booking)
    if not arrival_can_change(status) and new_from != date_from:
        raise StatusNotAllowed(f"{booking} is checked in: its arrival cannot change, only its "
                               "room and departure.")
    if Status(status) is Status.CHECKED_IN and new_to <= today:
        raise ValidationError("date_to", "Departure of a checked-in stay must be after today; "
                                         "use check-out to end it today.")
    if new_from != date_from and new_from < today:
        raise ValidationError("date_from", "Arrival cannot be moved into the past.")
