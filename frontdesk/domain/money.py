"""Money as integers of a currency's minor unit: ISO 4217 codes, their decimals, exact parsing of
a typed amount and the one rounding rule (half up). Pure Python: services and UI both use it."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from frontdesk.errors import ValidationError
from frontdesk.words import shown

DEFAULT_CURRENCY = "EUR"

# The largest price, in minor units: a night of 10,000,000,000.00 EUR or 1,000,000,000,000 VND.
# A stay's total (at most 366 nights of it) still fits a 64-bit integer many times over, and so
# does the sum of a million such bookings. Issue 10 suggested ±10,000,000.00; one bound in minor
# units must serve every currency, and 10,000,000.00 IDR (about 600 EUR) is a villa's night.
# What the bound must keep is the 64-bit range, which this one does; prices are never negative.
MAX_MINOR = 10**12

# Currencies whose minor unit is not a hundredth (ISO 4217 "minor unit" column).
_NO_DECIMALS = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF"
_THREE_DECIMALS = "BHD IQD JOD KWD LYD OMR TND"
_TWO_DECIMALS = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN "
    "BZD CAD CDF CHF CNY COP CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL "
    "GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP "
    "LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR "
    "NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD "
    "SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD XCG "
    "YER ZAR ZMW ZWG ZWL"
)
# Each code once, with its number of decimals: the one table of the program.
EXPONENTS: dict[str, int] = {
    **{code: 0 for code in _NO_DECIMALS.split()},
    **{code: 2 for code in _TWO_DECIMALS.split()},
    **{code: 3 for code in _THREE_DECIMALS.split()},
}

# Typed between digit groups besides the locale's own separator: spaces of every width and
# apostrophes (Swiss 1'234).
_GROUP_MARKS = {" ", "\u00a0", "\u202f", "\u2009", "'", "\u2019"}
_MINUS = {"-", "\u2212"}
_DIGITS = set("0123456789")


def currency_code(value: object, field: str = "currency") -> str:
    """An ISO 4217 code as stored: three capital letters from the table ('eur' -> 'EUR')."""
    text = value.strip().upper() if isinstance(value, str) else None
    if text not in EXPONENTS:
        typed = value.strip() if isinstance(value, str) else value
        raise ValidationError(field, f"'{shown(typed)}' is not a currency code (three letters, "
                                     "e.g. EUR).")
    return text


def exponent(currency: str) -> int:
    """Decimals of the currency's minor unit: JPY 0, EUR 2, KWD 3 (2 for a code not known)."""
    return EXPONENTS.get(currency, 2)


def round_half_up(amount: Decimal, currency: str) -> int:
    """An amount in major units as whole minor units; a half goes away from zero."""
    minor = amount.scaleb(exponent(currency))
    return int(minor.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def major(minor: int, currency: str) -> Decimal:
    """Minor units as an exact Decimal of major units (12050 EUR -> 120.50)."""
    return Decimal(minor).scaleb(-exponent(currency))


def rescale(minor: int, old: str, new: str) -> int:
    """The same amount in minor units of a currency with other decimals (a hotel's currency
    changed from EUR to JPY: 22000.00 stays 22000), rounded half up."""
    return round_half_up(major(minor, old), new)


def check_minor(field: str, label: str, value: object) -> int:
    """A price in minor units: a whole number from 0 to MAX_MINOR, never a float."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            field, f"{label} must be a whole number of cents, e.g. 12050 for 120.50.")
    if value < 0:
        raise ValidationError(field, f"{label} cannot be negative.")
    if value > MAX_MINOR:
        raise ValidationError(
            field, f"{label} is too large: at most {MAX_MINOR:,} in the currency's smallest "
                   f"unit (10,000,000,000.00 EUR, 1,000,000,000,000 VND).")
    return value


def parse_amount(text: str, currency: str, *, decimal_point: str = ".", group: str = ",",
                 field: str = "price", label: str = "Price") -> int:
    """A typed amount as minor units of `currency`, exactly (Decimal, never a float).

    The rule, for the locale's `decimal_point` and `group` separator:
    - spaces, apostrophes and the locale's group separator may stand between digit groups;
    - the locale's decimal point starts the fraction ("4,500.50" in English, "4.500,50" in
      German);
    - when the text has no locale decimal point, the other one of "." and "," is a decimal
      point too if it appears once and is followed by digits, but not exactly three: "4500.5"
      means 4,500.50 in German as well, while "4.500" there is four thousand five hundred;
    - more decimals than the currency has are rounded half up (12.345 EUR -> 12.35).
    """
    raw = text.strip()
    cents = f"{decimal_point}{'5'.ljust(exponent(currency), '0')}" if exponent(currency) else ""
    grouped = f"1{group}234".replace("\u202f", " ").replace("\u00a0", " ")
    examples = (f"1234{cents}", f"{grouped}{cents}")  # in the currency's decimals
    # Digits of any script (Arabic-Indic, Devanagari, ...) count as the digits they are.
    text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in raw)
    if not text:
        raise ValidationError(field, f"{label} is required, e.g. {examples[0]}.")
    negative = text[0] in _MINUS
    if negative:
        text = text[1:].lstrip()
    point = decimal_point if decimal_point in text else None
    if point is None:
        other = "," if decimal_point == "." else "."
        if text.count(other) == 1:
            after = text.split(other)[1]
            if after.isdigit() and len(after) != 3:
                point = other
    whole, fraction = text.rsplit(point, 1) if point else (text, "")
    groups = {group, *_GROUP_MARKS, *({".", ","} - {point})}
    digits = "".join(ch for ch in whole if ch in _DIGITS)
    # Separators only between digits; the fraction is digits only; something must be typed.
    spaced = all(ch in _DIGITS or (ch in groups and i > 0 and whole[i - 1] in _DIGITS
                                   and i + 1 < len(whole) and whole[i + 1] in _DIGITS)
                 for i, ch in enumerate(whole))
    if not spaced or not all(ch in _DIGITS for ch in fraction) or not (digits or fraction):
        raise ValidationError(field, f"'{shown(raw)}' is not an amount; type digits, e.g. "
                                     f"{examples[0]} or {examples[1]}.")
    if len(digits) > 30:
        return check_minor(field, label, MAX_MINOR + 1)
    amount = Decimal(f"{''.join(digits) or '0'}.{fraction or '0'}")
    minor = round_half_up(-amount if negative else amount, currency)
    return check_minor(field, label, minor)
