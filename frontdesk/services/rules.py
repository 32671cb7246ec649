"""Input checks shared by the use cases; each failure names the field and says why."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from frontdesk.errors import ValidationError
from frontdesk.money import DEFAULT_CURRENCY as DEFAULT_CURRENCY  # a hotel's, if not given
from frontdesk.money import check_minor, currency_code, exponent, rescale

MAX_STAY_NIGHTS = 366
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
    value = value.strip()  # a tab or line break pasted at either end goes quietly
    if (CONTROL_IN_LINES if multiline else CONTROL).search(value):
        raise ValidationError(field, f"A control character (such as a NUL byte) in "
                                     f"{label.lower()} cannot be stored; type it again "
                                     "without it.")
    if required and not value:
        raise ValidationError(field, f"{label} is required.")
    if len(value) > max_len:
        raise ValidationError(
            field, f"{label} is too long ({len(value)} characters; at most {max_len}).")
    return value


def optional_text(field: str, label: str, value: Any, max_len: int) -> str | None:
    return text(field, label, value, max_len, required=False) or None


def whole(field: str, label: str, value: Any, *, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"{label} must be a whole number.")
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"from {minimum} to {maximum}" if maximum is not None else f"at least {minimum}"
        raise ValidationError(field, f"{label} must be {bound} (got {value}).")
    return value


def money(field: str, label: str, value: Any) -> int:
    """Money in minor units of the hotel's currency (cents): a whole number, never a float,
    from 0 to frontdesk.money.MAX_MINOR."""
    return check_minor(field, label, value)


def currency(value: Any) -> str:
    """An ISO 4217 code that frontdesk knows (its decimals are in frontdesk.money)."""
    return currency_code(value)


def new_currency(old: str, new: str) -> Callable[[int], int] | None:
    """How a hotel's prices change with its currency: None when the decimals stay the same;
    else each amount kept as it reads (EUR 22000.00 -> JPY 22000), within the price limit."""
    if exponent(old) == exponent(new):
        return None
    return lambda minor: money("currency", f"In {new}, a price",
                               rescale(minor, old, new))


def day(field: str, label: str, value: Any) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(field, f"{label} must be a date.")
    return value


def stay(date_from: Any, date_to: Any, *, first: str = "Arrival", last: str = "Departure",
         what: str = "A stay") -> tuple[date, date]:
    """The nights [date_from, date_to): at least one, at most MAX_STAY_NIGHTS."""
    start = day("date_from", first, date_from)
    end = day("date_to", last, date_to)
    if end <= start:
        raise ValidationError("date_to", f"{last} must be at least one day after "
                                         f"{first.lower()}.")
    if (end - start).days > MAX_STAY_NIGHTS:
        raise ValidationError("date_to", f"{what} can be at most {MAX_STAY_NIGHTS} nights.")
    return start, end


def email(value: Any) -> str | None:
    address = optional_text("email", "E-mail", value, 200)
    if address is not None and not EMAIL.match(address):
        raise ValidationError("email", f"'{address}' is not an e-mail address (name@example.com).")
    return address


def phone(value: Any) -> str | None:
    number = optional_text("phone", "Phone", value, 40)
    if number is not None:
        if not re.fullmatch(r"[0-9+()./\- ]+", number) or sum(c.isdigit() for c in number) < 3:
            raise ValidationError(
                "phone", f"'{number}' is not a phone number (digits, spaces and + ( ) - . / only).")
    return number


def changes(given: dict[str, Any], allowed: set[str], what: str) -> None:
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise ValidationError(unknown[0], f"A {what} has no field '{unknown[0]}'. "
                                          f"Fields: {', '.join(sorted(allowed))}.")
