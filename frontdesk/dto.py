"""Plain frozen records handed to the GUI and to scripts; never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from frontdesk.domain import stays
from frontdesk.domain.money import DEFAULT_CURRENCY
from frontdesk.domain.stays import Status as Status  # re-exported: scripts compare with it


class Housekeeping(StrEnum):
    """A physical room's housekeeping state. "Out of order" is not one of them: it comes from
    an out-of-order range covering the day (see `Unit.out_of_order`)."""

    CLEAN = "clean"
    DIRTY = "dirty"
    INSPECTED = "inspected"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class Hotel:
    id: int
    name: str
    location: str
    stars: int
    currency: str = DEFAULT_CURRENCY  # ISO 4217; the hotel's prices are minor units of it


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
    currency: str = DEFAULT_CURRENCY


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
    unit_id: int | None = None
    unit_number: str | None = None
    currency: str = DEFAULT_CURRENCY  # the hotel's: `price` and `total` are minor units of it
    # The departure it was booked with, when an early check-out ended it sooner (undo gives
    # those nights back); None otherwise.
    planned_date_to: date | None = None

    @property
    def nights(self) -> int:
        return stays.nights(self.date_from, self.date_to)

    @property
    def total(self) -> int:
        """Total cost in minor units: nights times the nightly price it was sold at."""
        return self.nights * self.price


@dataclass(frozen=True, slots=True)
class Unit:
    """A physical room of a room type, as the housekeeping list and the room grid show it."""

    id: int
    hotel_id: int
    room_id: int
    room_name: str
    number: str
    floor: int | None
    notes: str
    status: Housekeeping
    # The reason, when an out-of-order range covers the day the list was asked for.
    out_of_order: str | None = None
    # The checked-in guest sleeping there that night (housekeeping list).
    occupant: str | None = None
    # That out-of-order period's id (for return_to_service) and the day the room is back.
    out_of_order_id: int | None = None
    out_of_order_until: date | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A physical room out of order for the nights [date_from, date_to)."""

    id: int
    unit_id: int
    date_from: date
    date_to: date
    reason: str


@dataclass(frozen=True, slots=True)
class Grid:
    """The room grid of a hotel for [date_from, date_to): rows and the bars that touch them."""

    hotel_id: int
    date_from: date
    date_to: date
    room_types: list[Room]
    units: list[Unit]
    stays: list[Booking]
    blocks: list[Block]


@dataclass(frozen=True, slots=True)
class MoveQuote:
    """What moving a stay would do, shown before it is saved."""

    booking_id: int
    room_id: int
    room_name: str
    unit_id: int | None
    unit_number: str | None
    date_from: date
    date_to: date
    price: int
    old_total: int
    new_total: int
    # None when the move is possible; else the sentence that says why not.
    problem: str | None

    @property
    def difference(self) -> int:
        return self.new_total - self.old_total

    @property
    def nights(self) -> int:
        return stays.nights(self.date_from, self.date_to)


@dataclass(frozen=True, slots=True)
class CheckInRooms:
    """The rooms a stay can be checked in to: vacant (nobody checked in there), free on all its
    nights and in service; inspected first, then clean, then dirty; by number."""

    booking_id: int
    rooms: list[Unit]
    # The room the stay was given before (it is among `rooms` when it can still be used).
    booked_unit_id: int | None
    # Why check_in(booking_id) without a choice would be refused (e.g. the booked room is still
    # occupied); None when it would succeed.
    problem: str | None


@dataclass(frozen=True, slots=True)
class StayEvent:
    """A check-in or check-out undone, with the reason given."""

    booking_id: int
    at: datetime
    action: str  # "undo_check_in" or "undo_check_out"
    reason: str


class ChangeKind(StrEnum):
    """What a change touched: one kind per kind of record (the window refreshes the views that
    show it; other desks will hear of it too)."""

    HOTELS = "hotels"
    ROOM_TYPES = "rooms"
    UNITS = "units"  # physical rooms, their housekeeping status
    BLOCKS = "blocks"  # out-of-order periods
    GUESTS = "guests"
    BOOKINGS = "bookings"


@dataclass(frozen=True, slots=True)
class Change:
    """Records of one kind that one committed call added, changed or deleted: keys only."""

    kind: ChangeKind
    ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class NewGuest:
    """A guest to add with a booking, in the same call (`FrontDesk.book_new_guest`)."""

    full_name: str
    phone: str | None = None
    email: str | None = None
    document: str | None = None
    notes: str = ""
