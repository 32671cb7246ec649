"""Typed changes and filters: what a call may set on a hotel, room type, physical room or guest,
each field checked by its one rule (frontdesk.services.rules), and the booking list's filter.

The facade keeps `update_hotel(hotel_id, **changes)` for scripts; the areas get a patch, whose
fields are the only ones there are: a misspelt field is a ValidationError naming it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, Self

from frontdesk.dao.bookings import BookingFilter
from frontdesk.dto import Status
from frontdesk.errors import ValidationError
from frontdesk.services import rules
from frontdesk.words import shown


class _Unset(Enum):
    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


#: A field a patch leaves as it is.
UNSET = _Unset.UNSET


class Patch:
    """Fields default to UNSET; `values()` gives the ones set, already checked."""

    record: ClassVar[str]  # "hotel": for the refusal of an unknown field
    checks: ClassVar[dict[str, Callable[[Any], Any]]]

    @classmethod
    def parse(cls, given: Mapping[str, Any]) -> Self:
        """Check each given field by its rule; an unknown field is refused by name."""
        rules.changes(dict(given), set(cls.checks), cls.record)
        return cls(**{name: cls.checks[name](value) for name, value in given.items()})

    def values(self) -> dict[str, Any]:
        return {name: value for name, value in vars(self).items() if value is not UNSET}


@dataclass(frozen=True)
class HotelPatch(Patch):
    record = "hotel"
    checks = {
        "name": lambda v: rules.text("name", "Hotel name", v, 100),
        "location": lambda v: rules.text("location", "Location", v, 200),
        "stars": lambda v: rules.whole("stars", "Stars", v, minimum=1, maximum=5),
        "currency": rules.currency,
    }
    name: str | _Unset = UNSET
    location: str | _Unset = UNSET
    stars: int | _Unset = UNSET
    currency: str | _Unset = UNSET


@dataclass(frozen=True)
class RoomTypePatch(Patch):
    record = "room type"
    checks = {
        "name": lambda v: rules.text("name", "Room type name", v, 100),
        "price": lambda v: rules.money("price", "Price", v),
        "quantity": lambda v: rules.whole("quantity", "Number of rooms", v, minimum=1,
                                          maximum=10_000),
        "capacity": lambda v: rules.whole("capacity", "Guests per room", v, minimum=1,
                                          maximum=50),
        "description": lambda v: rules.text("description", "Description", v, 2000,
                                            required=False, multiline=True),
    }
    name: str | _Unset = UNSET
    price: int | _Unset = UNSET
    quantity: int | _Unset = UNSET
    capacity: int | _Unset = UNSET
    description: str | _Unset = UNSET


@dataclass(frozen=True)
class UnitPatch(Patch):
    record = "room"
    checks = {
        "number": lambda v: rules.text("number", "Room number", v, 10),
        "floor": lambda v: None if v is None else rules.whole("floor", "Floor", v,
                                                              minimum=-5, maximum=200),
        "notes": lambda v: rules.text("notes", "Notes", v, 2000, required=False,
                                      multiline=True),
    }
    number: str | _Unset = UNSET
    floor: int | None | _Unset = UNSET
    notes: str | _Unset = UNSET


@dataclass(frozen=True)
class GuestPatch(Patch):
    record = "guest"
    checks = {
        "full_name": lambda v: rules.text("full_name", "Guest name", v, 200),
        "phone": rules.phone,
        "email": rules.email,
        "document": lambda v: rules.optional_text("document", "Document number", v, 60),
        "notes": lambda v: rules.text("notes", "Notes", v, 2000, required=False,
                                      multiline=True),
    }
    full_name: str | _Unset = UNSET
    phone: str | None | _Unset = UNSET
    email: str | None | _Unset = UNSET
    document: str | None | _Unset = UNSET
    notes: str | _Unset = UNSET


BOOKING_FILTERS = {"hotel_id", "room_id", "guest_id", "status", "date_from", "date_to", "text"}


def booking_filter(given: Mapping[str, Any]) -> BookingFilter:
    """The booking list's filter from `list_bookings(**filters)`: each checked, an unknown one
    refused by name."""
    rules.changes(dict(given), BOOKING_FILTERS, "booking filter")
    status = given.get("status", ())
    if isinstance(status, (str, Status)):
        status = (status,)
    if not isinstance(status, (list, tuple, set, frozenset)):
        raise ValidationError("status", "Status must be a booking status or a list of them.")
    statuses = []
    for value in status:
        try:
            statuses.append(Status(value))
        except (ValueError, TypeError):
            raise ValidationError(
                "status", f"Unknown booking status '{shown(value)}' (one of "
                          f"{', '.join(s.value for s in Status)}).") from None
    text = rules.search("text", "Search text", given.get("text"))
    return BookingFilter(
        hotel_id=rules.optional_ident("hotel_id", "Hotel", given.get("hotel_id")),
        room_id=rules.optional_ident("room_id", "Room type", given.get("room_id")),
        guest_id=rules.optional_ident("guest_id", "Guest", given.get("guest_id")),
        statuses=tuple(statuses),
        date_from=rules.optional_day("date_from", "From", given.get("date_from")),
        date_to=rules.optional_day("date_to", "To", given.get("date_to")),
        text=text, number=rules.booking_number(text))
