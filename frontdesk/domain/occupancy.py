"""What takes a room on a night, written once.

A room type's rooms are taken, night by night, by its active stays (confirmed, checked in or
checked out: cancelled and no-show stays hold nothing) and by its physical rooms that are out of
order. A stay or an out-of-order period covers the nights [date_from, date_to). The rooms left
for a range of nights are the type's quantity minus its busiest night, which always falls on the
first night of the range or on a night when something begins (the queries count only those).

The SQL form of this rule, for the database to answer, is frontdesk.dao.rooms.occupancy; it
takes its statuses and its overlap test (`overlaps`, over columns) from here. This module
answers the same questions for what is already in memory: the room grid's free rooms, the
refusal that names the first full night, the seed and the bench.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, Protocol

from frontdesk.domain.stays import Status

#: Stays in these states hold a room for their nights; cancelled and no-show ones do not.
ACTIVE_STATUSES = (Status.CONFIRMED, Status.CHECKED_IN, Status.CHECKED_OUT)


class Span(Protocol):
    """Anything that covers the nights [date_from, date_to): a stay, an out-of-order period."""

    @property
    def date_from(self) -> date: ...
    @property
    def date_to(self) -> date: ...


def holds_room(status: Status | str) -> bool:
    """Whether a stay in `status` takes a room on its nights."""
    return Status(status) in ACTIVE_STATUSES


def overlaps(date_from: Any, date_to: Any, first: Any, last: Any) -> Any:
    """Whether the nights [date_from, date_to) share a night with [first, last). Written with
    `&` so that the queries state it with the same function over columns (a SQL condition);
    over dates it is a bool."""
    return (date_from < last) & (date_to > first)


def taken_per_night(spans: Iterable[Span], first: date, last: date) -> list[int]:
    """How many of `spans` cover each night of [first, last), counted with a difference array
    (no loop over every span for every night)."""
    days = (last - first).days
    changes = [0] * (days + 1)
    start = first.toordinal()
    for span in spans:
        if overlaps(span.date_from, span.date_to, first, last):
            changes[max(span.date_from.toordinal() - start, 0)] += 1
            changes[min(span.date_to.toordinal() - start, days)] -= 1
    taken, running = [], 0
    for change in changes[:days]:
        running += change
        taken.append(running)
    return taken


def free_per_night(quantity: int, spans: Iterable[Span], first: date, last: date) -> list[int]:
    """Rooms of a type with `quantity` rooms free on each night of [first, last) (never below
    zero: a type that lost rooms may be overbooked on paper)."""
    return [max(quantity - taken, 0) for taken in taken_per_night(spans, first, last)]


def first_full_night(spans: Iterable[Span], first: date, last: date,
                     quantity: int) -> date | None:
    """The first night of [first, last) on which `quantity` spans already sleep, if any: the
    night a refusal names."""
    for offset, taken in enumerate(taken_per_night(spans, first, last)):
        if taken >= quantity:
            return first + timedelta(days=offset)
    return None
