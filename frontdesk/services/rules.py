"""Input checks shared by the use cases; each failure names the field and says why.

Every public FrontDesk method calls these on each argument before it opens a session, so a
malformed argument (a wrong type, an id past 64 bits, a date past 2199, a pasted page of text)
is a ValidationError with the database untouched, never a driver error."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from frontdesk.dates import day_text
from frontdesk.domain.money import DEFAULT_CURRENCY as DEFAULT_CURRENCY  # a hotel's, if not given
from frontdesk.domain.money import check_minor, currency_code, exponent, rescale
from frontdesk.domain.stays import stay_problem
from frontdesk.errors import ValidationError
from frontdesk.limits import FIRST_DAY, LAST_DAY, SEARCH_MAX
from frontdesk.words import shown

# Ids are SQLite integers, which end at 2**63 - 1; no record can have another.
MAX_ID = 2**63 - 1
# A page of a list, and how far into a list a page may start (no list holds a billion rows).
MAX_LIMIT = 1000
MAX_OFFSET = 10**9
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# Control characters (NUL and the rest of C0, and DEL) in stored text: invisible on screen,
# refused by SQLite's CHECKs with a raw message, and carried into exports. Multi-line fields
# (notes, descriptions) keep tab and line breaks.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(field: str, label: str, value: Any, max_len: int, *, required: bool = True,
         multiline: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, f"{label} must be text.")
    typed: str = value.strip()  # a tab or line break pasted at either end goes quietly
    if (CONTROL_IN_LINES if multiline else CONTROL).search(typed):
        raise ValidationError(field, f"A control character (such as a NUL byte) in "
                                     f"{label.lower()} cannot be stored; type it again "
                                     "without it.")
    if required and not typed:
        raise ValidationError(field, f"{label} is required.")
    if len(typed) > max_len:
        raise ValidationError(
            field, f"{label} is too long ({len(typed)} characters; at most {max_len}).")
    return typed


def optional_text(field: str, label: str, value: Any, max_len: int) -> str | None:
    return text(field, label, value, max_len, required=False) or None


def search(field: str, label: str, value: Any) -> str:
    """Text typed into a search: nothing (None or "") finds the default list; at most
    SEARCH_MAX characters, no control characters."""
    return text(field, label, value, SEARCH_MAX, required=False)


def whole(field: str, label: str, value: Any, *, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"{label} must be a whole number.")
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"from {minimum} to {maximum}" if maximum is not None else f"at least {minimum}"
        raise ValidationError(field, f"{label} must be {bound} (got {shown(value)}).")
    return value


def ident(field: str, what: str, value: Any) -> int:
    """The id of a `what` ("Hotel", "Booking"): a whole number (not a bool) from 1 to MAX_ID.
    Anything else can name no record, so it is refused here and never looked up (one rule:
    a malformed id is a ValidationError, a well-formed one that is not there is NotFound)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise ValidationError(field, f"{what} number must be a whole number from 1 to "
                                     f"{MAX_ID:,}.")
    return value


def optional_ident(field: str, what: str, value: Any) -> int | None:
    return None if value is None else ident(field, what, value)


def limit(value: Any, maximum: int = MAX_LIMIT) -> int:
    """How many rows a list returns at most."""
    return whole("limit", "Limit", value, minimum=1, maximum=maximum)


def offset(value: Any) -> int:
    """How many rows of a list a page skips."""
    return whole("offset", "Offset", value, minimum=0, maximum=MAX_OFFSET)


def flag(field: str, label: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(field, f"{label} must be true or false.")
    return value


def booking_number(typed: str) -> int | None:
    """The booking number a search means ("48213" or "#48213"), or None: ASCII digits that
    make an id (a 19-digit number past MAX_ID is text, not a booking that cannot exist)."""
    digits = typed.strip().removeprefix("#").strip()
    # "²".isdigit() is true but int() fails.
    if digits.isascii() and digits.isdigit() and len(digits) <= len(str(MAX_ID)):
        number = int(digits)
        return number if 1 <= number <= MAX_ID else None
    return None


def money(field: str, label: str, value: Any) -> int:
    """Money in minor units of the hotel's currency (cents): a whole number, never a float,
    from 0 to frontdesk.domain.money.MAX_MINOR."""
    return check_minor(field, label, value)


def currency(value: Any) -> str:
    """An ISO 4217 code that frontdesk knows (its decimals are in frontdesk.domain.money)."""
    return currency_code(value)


def new_currency(old: str, new: str) -> Callable[[int], int] | None:
    """How a hotel's prices change with its currency: None when the decimals stay the same;
    else each amount kept as it reads (EUR 22000.00 -> JPY 22000), within the price limit."""
    if exponent(old) == exponent(new):
        return None
    return lambda minor: money("currency", f"In {new}, a price",
                               rescale(minor, old, new))


def day(field: str, label: str, value: Any) -> date:
    """A date (not a datetime, not text) from FIRST_DAY to LAST_DAY."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(field, f"{label} must be a date.")
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValidationError(field, f"{label} must be from {day_text(FIRST_DAY)} to "
                                     f"{day_text(LAST_DAY)}.")
    return value


def optional_day(field: str, label: str, value: Any) -> date | None:
    return None if value is None else day(field, label, value)


def stay(date_from: Any, date_to: Any, *, first: str = "Arrival", last: str = "Departure",
         what: str = "A stay") -> tuple[date, date]:
    """The nights [date_from, date_to): dates, and a stay the desk takes
    (frontdesk.domain.stays.stay_problem: at least one night, at most MAX_STAY_NIGHTS)."""
    start = day("date_from", first, date_from)
    end = day("date_to", last, date_to)
    problem = stay_problem(start, end, first=first, last=last, what=what)
    if problem is not None:
        raise ValidationError(*problem)
    return start, end


def email(value: Any) -> str | None:
    address = optional_text("email", "E-mail", value, 200)
    if address is not None and not EMAIL.match(address):
        raise ValidationError("email", f"'{shown(address)}' is not an e-mail address "
                                      "(name@example.com).")
    return address


def phone(value: Any) -> str | None:
    number = optional_text("phone", "Phone", value, 40)
    if number is not None:
        if not re.fullmatch(r"[0-9+()./\- ]+", number) or sum(c.isdigit() for c in number) < 3:
            raise ValidationError(
                "phone", f"'{shown(number)}' is not a phone number (digits, spaces and "
                         "+ ( ) - . / only).")
    return number


def changes(given: dict[str, Any], allowed: set[str], what: str) -> None:
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise ValidationError(shown(unknown[0]), f"A {what} has no field '{shown(unknown[0])}'. "
                                                 f"Fields: {', '.join(sorted(allowed))}.")
