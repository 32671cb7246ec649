"""Declarative models; rules SQL can hold are CHECK / NOT NULL / FOREIGN KEY constraints too."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, validates

from frontdesk.dto import Housekeeping, Status

# Named constraints, so batch migrations on SQLite can drop and recreate them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Letters that are not a base letter plus an accent, so NFKD leaves them alone, written the way
# a person types them on a keyboard without them (Yılmaz == yilmaz, Łódź == lodz, Ærø == aeroe).
FOLDED_LETTERS = str.maketrans({
    "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th",
    "ħ": "h", "ŧ": "t", "ŋ": "n", "ƒ": "f",
})


def search_key(text: str | None) -> str | None:
    """The form in which names, e-mail addresses and locations are searched: case folded for
    every script (Москва == москва), without accents (Kyōto == kyoto, Müller == muller) and with
    letters a keyboard may lack typed plainly (Yılmaz == yilmaz, Straße == strasse, Øre == ore).
    The one folding function: every stored key and every search goes through it."""
    if text is None:
        return None
    folded = text.casefold()
    if folded.isascii():  # most e-mail addresses and many names: nothing more to fold
        return folded
    return unicodedata.normalize("NFKD", folded).translate(_fold_table())


@cache
def _fold_table() -> dict[int, str | None]:
    """FOLDED_LETTERS, and every combining mark (accents, once decomposed) dropped: one
    `str.translate` instead of a loop in Python (a migration folds every guest's keys)."""
    marks = {cp: None for cp in range(0x20000) if unicodedata.combining(chr(cp))}
    return {**marks, **FOLDED_LETTERS}


def phone_digits(phone: str | None) -> str | None:
    """A phone number's digits only: '+1 (555) 010' -> '1555010'."""
    if phone is None:
        return None
    return "".join(ch for ch in phone if ch.isdigit()) or None


def phone_tail(phone: str | None) -> str | None:
    """A phone number's digits backwards: a search for the digits a number ends with (its last
    digits, the local number, or the whole number) becomes a prefix search through an index."""
    digits = phone_digits(phone)
    return digits[::-1] if digits else None


def email_domain_key(email: str | None) -> str | None:
    """The folded part of an e-mail address after its last '@' ('anne@Example.FR' ->
    'example.fr'): a search for a domain becomes a prefix search through an index."""
    key = search_key(email)
    if not key or "@" not in key:
        return None
    return key.rsplit("@", 1)[1] or None


SAME_PHONE_DIGITS = 8


def same_phone_key(phone: str | None) -> str | None:
    """What two numbers of one person share: the last eight digits, backwards (the whole number
    when shorter), so '+33 4 50 12 34 56' and '04 50 12 34 56' are the same phone."""
    tail = phone_tail(phone)
    return tail[:SAME_PHONE_DIGITS] if tail else None


def name_keys(full_name: str) -> set[str]:
    """Every rotation of a name's words ("anna maría lópez" -> also "maría lópez anna", ...),
    so that a prefix search through one index finds a guest by the first letters of any word."""
    words = (search_key(full_name) or "").split()
    return {" ".join(words[i:] + words[:i])[:200] for i in range(len(words))}


STATUS_VALUES = ", ".join(f"'{s.value}'" for s in Status)
HOUSEKEEPING_VALUES = ", ".join(f"'{s.value}'" for s in Housekeeping)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


EPOCH = datetime(1970, 1, 1)


class Timestamp(TypeDecorator[datetime]):
    """A UTC time stored as whole seconds since 1970: 4-6 bytes instead of 19 characters of
    text, twice per booking (30 MB on a million bookings)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> int | None:
        return None if value is None else int(value.replace(tzinfo=UTC).timestamp())

    def process_result_value(self, value: int | None, dialect: Any) -> datetime | None:
        return None if value is None else EPOCH + timedelta(seconds=value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Hotel(Base):
    __tablename__ = "hotels"
    __table_args__ = (
        CheckConstraint("stars BETWEEN 1 AND 5", name="stars_range"),
        CheckConstraint("length(name) > 0", name="name_not_empty"),
        CheckConstraint("length(currency) = 3 AND currency = upper(currency)",
                        name="currency_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    location: Mapped[str] = mapped_column(String(200))
    # Case-folded copy of `location` for case-insensitive search in any script, on any database.
    location_key: Mapped[str] = mapped_column(String(200), index=True)
    stars: Mapped[int]
    # ISO 4217 code; every price of the hotel is in minor units of it (frontdesk.domain.money).
    currency: Mapped[str] = mapped_column(String(3), server_default="EUR")

    @validates("location")
    def _keep_location_key(self, _key: str, value: str) -> str:
        self.location_key = search_key(value) or ""
        return value


class Room(Base):
    """A room type of a hotel: `quantity` identical rooms sold at `price` cents a night."""

    __tablename__ = "rooms"
    __table_args__ = (
        UniqueConstraint("hotel_id", "name", name="uq_rooms_hotel_id_name"),
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("quantity >= 1", name="quantity_positive"),
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("length(name) > 0", name="name_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[int]
    quantity: Mapped[int]
    capacity: Mapped[int] = mapped_column(default=2)



class RoomUnit(Base):
    """A physical room ("204") of a room type; a type's quantity is the number of its units."""

    __tablename__ = "room_units"
    __table_args__ = (
        UniqueConstraint("hotel_id", "number", name="uq_room_units_hotel_id_number"),
        CheckConstraint(f"status IN ({HOUSEKEEPING_VALUES})", name="status_known"),
        CheckConstraint("length(number) > 0", name="number_not_empty"),
        Index("ix_room_units_room", "room_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The hotel of the room type, kept here so that room numbers are unique per hotel.
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="RESTRICT"))
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="RESTRICT"))
    number: Mapped[str] = mapped_column(String(10))
    floor: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=Housekeeping.CLEAN.value)


class RoomBlock(Base):
    """A physical room out of order for the nights [date_from, date_to), with the reason."""

    __tablename__ = "room_blocks"
    __table_args__ = (
        CheckConstraint("date_to > date_from", name="dates_ordered"),
        Index("ix_room_blocks_unit_stay", "unit_id", "date_to", "date_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("room_units.id", ondelete="CASCADE"))
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")


class Guest(Base):
    __tablename__ = "guests"
    __table_args__ = (CheckConstraint("length(full_name) > 0", name="full_name_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    # Case-folded name to sort by; searching goes through GuestName.
    name_key: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    phone_tail: Mapped[str | None] = mapped_column(String(40), index=True)
    email: Mapped[str | None] = mapped_column(String(200))
    email_key: Mapped[str | None] = mapped_column(String(200), index=True)
    document: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str] = mapped_column(Text, default="")
    # The phone's digits in order: "the number starts with these digits" as a prefix range.
    phone_key: Mapped[str | None] = mapped_column(String(40), index=True)
    # The folded e-mail domain (`email_domain_key`): a search for "example.fr".
    email_domain: Mapped[str | None] = mapped_column(String(200), index=True)

    @validates("full_name")
    def _keep_name_key(self, _key: str, value: str) -> str:
        self.name_key = search_key(value) or ""
        return value

    @validates("phone")
    def _keep_phone_tail(self, _key: str, value: str | None) -> str | None:
        self.phone_tail = phone_tail(value)
        self.phone_key = phone_digits(value)
        return value

    @validates("email")
    def _keep_email_key(self, _key: str, value: str | None) -> str | None:
        self.email_key = search_key(value)
        self.email_domain = email_domain_key(value)
        return value


class GuestName(Base):
    """One rotation of a guest's name (see `name_keys`): the index behind guest search."""

    __tablename__ = "guest_names"
    __table_args__ = {"sqlite_with_rowid": False}

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id", ondelete="CASCADE"),
                                          primary_key=True)


class Booking(Base):
    """A stay of one guest in one room of a type, for the nights [date_from, date_to)."""

    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("date_to > date_from", name="dates_ordered"),
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint(f"status IN ({STATUS_VALUES})", name="status_known"),
        # Availability (active stays of a room type that end after a night) and, through its
        # leading room_id, a room type's arrivals and departures on a day.
        Index("ix_bookings_room_stay", "room_id", "date_to", "date_from"),
        # The booking list by arrival, and a hotel's arrivals (one seek per room type).
        Index("ix_bookings_date_from", "date_from", "room_id"),
        Index("ix_bookings_status_date_from", "status", "date_from", "room_id"),
        Index("ix_bookings_guest", "guest_id"),
        # Stays assigned to a physical room; most history is sold by type only, so the index
        # holds assigned stays alone.
        Index("ix_bookings_unit_stay", "unit_id", "date_to", "date_from",
              sqlite_where=text("unit_id IS NOT NULL"),
              postgresql_where=text("unit_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="RESTRICT"))
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id", ondelete="RESTRICT"))
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    price: Mapped[int]
    status: Mapped[str] = mapped_column(String(12), default=Status.CONFIRMED.value)
    notes: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    # The physical room, once assigned (at the latest on check-in); None: sold by type only.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("room_units.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utc_now, onupdate=utc_now)
    # The departure it was booked with, kept when checking out early moved date_to to the
    # check-out day: undoing that check-out gives the nights back.
    planned_date_to: Mapped[date | None] = mapped_column(Date)



class StayHistory(Base):
    """A check-in or check-out undone, with the reason the receptionist gave (required)."""

    __tablename__ = "stay_history"
    __table_args__ = (
        CheckConstraint("action IN ('undo_check_in', 'undo_check_out')", name="action_known"),
        CheckConstraint("length(reason) > 0", name="reason_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utc_now)
    action: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
