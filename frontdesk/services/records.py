"""ORM rows and result rows turned into the frozen records of frontdesk.dto."""

from __future__ import annotations

from typing import Any

from frontdesk import dto
from frontdesk.db import models
from frontdesk.dto import Housekeeping, Status


def hotel(row: models.Hotel) -> dto.Hotel:
    return dto.Hotel(row.id, row.name, row.location, row.stars, currency=row.currency)


def room(row: models.Room) -> dto.Room:
    return dto.Room(row.id, row.hotel_id, row.name, row.description, row.price, row.quantity,
                    row.capacity)


def guest(row: models.Guest) -> dto.Guest:
    return dto.Guest(row.id, row.full_name, row.phone, row.email, row.document, row.notes)


# Status(value) costs ~3 µs; a grid of two thousand stays asks it two thousand times.
STATUS = {s.value: s for s in Status}


def booking(row: Any) -> dto.Booking:
    values = list(row)
    values[10] = STATUS[values[10]]
    return dto.Booking(*values)


def unit(row: Any, out_of_order: str | None = None, occupant: str | None = None) -> dto.Unit:
    values = list(row)
    values[7] = Housekeeping(values[7])
    return dto.Unit(*values, out_of_order=out_of_order, occupant=occupant)
