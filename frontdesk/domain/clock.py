"""Which day it is: the one place that asks the system. Everything else is given a clock (the
desk's `today`), so tests and scripts can fix the day and the window agrees with the desk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

#: A clock: called, it says which day it is now.
Clock = Callable[[], date]


def system_today() -> date:
    """The computer's date: the default clock of a desk."""
    return date.today()


class FixedClock:
    """A clock that says `day` until it is moved on (assign `.day`)."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day
