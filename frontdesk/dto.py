"""Plain frozen records handed to the GUI and to scripts; never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


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


# Bookings in these states hold a room for their nights; cancelled and no-show ones do not.
ACTIVE_STATUSES = (Status.CONFIRMED, Status.CHECKED_IN, Status.CHECKED_OUT)


@dataclass(frozen=True, slots=True)
class Hotel:
    id: int
    name: str
    location: str
    stars: int


@dataclass(frozen=True, slots=True)
class HotelSummary:
    """A hotel with the figures its list row shows."""

    id: int
    name: str
    location: str
    stars: int
    room_types: int
    rooms: int
    rooms_left_tonight: int


@dataclass(frozen=True, slots=True)
class Room:
    """A room type: `quantity` rooms sold at `price` minor units (cents) a night."""

    id: int
    hotel_id: int
    name: str
    description: str
    price: int
    quantity: int
    capacity: int


@dataclass(frozen=True, slots=True)
class Availability:
    room_id: int
    name: str
    price: int
    quantity: int
    capacity: int
    rooms_left: int


@dataclass(frozen=True, slots=True)
class Guest:
    id: int
    full_name: str
    phone: str | None
    email: str | None
    document: str | None
    notes: str


@dataclass(frozen=True, slots=True)
class Booking:
    id: int
    hotel_id: int
    hotel_name: str
    room_id: int
    room_name: str
    guest_id: int
    guest_name: str
    date_from: date
    date_to: date
    price: int
    status: Status
    notes: str
    created_at: datetime
    updated_at: datetime
    cancel_reason: str | None = None

    @property
    def nights(self) -> int:
        return (self.date_to - self.date_from).days

    @property
    def total(self) -> int:
        """Total cost in minor units: nights times the nightly price it was sold at."""
        return self.nights * self.price
