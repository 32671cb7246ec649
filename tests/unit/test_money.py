"""frontdesk.domain.money: ISO 4217 codes and their decimals, exact parsing of a typed amount into
minor units (never through a float), the one rounding rule (half up) and the price limit."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from frontdesk.domain import money
from frontdesk.errors import ValidationError

ENGLISH = {"decimal_point": ".", "group": ","}
GERMAN = {"decimal_point": ",", "group": "."}
FRENCH = {"decimal_point": ",", "group": "\u202f"}  # narrow no-break space, as Qt writes it


@pytest.mark.parametrize(("code", "decimals"), [
    ("EUR", 2), ("USD", 2), ("ARS", 2), ("IDR", 2), ("JPY", 0), ("KRW", 0), ("VND", 0),
    ("CLP", 0), ("ISK", 0), ("BHD", 3), ("KWD", 3), ("JOD", 3), ("OMR", 3), ("TND", 3),
])
def test_each_currency_has_its_decimals(code, decimals):
    assert money.exponent(code) == decimals


@pytest.mark.parametrize(("typed", "code"), [("EUR", "EUR"), (" jpy ", "JPY"), ("Vnd", "VND")])
def test_currency_codes_are_stored_in_capitals(typed, code):
    assert money.currency_code(typed) == code


@pytest.mark.parametrize("typed", ["EURO", "E", "", "XYZ", "€", "12A", None, 978])
def test_a_bad_currency_code_is_refused_with_a_sentence(typed):
    with pytest.raises(ValidationError) as caught:
        money.currency_code(typed)
    assert caught.value.field == "currency"
    assert "is not a currency code (three letters, e.g. EUR)." in str(caught.value)


def test_the_message_for_a_word_names_it():
    with pytest.raises(ValidationError, match=r"^'EURO' is not a currency code \(three "
                                              r"letters, e.g\. EUR\)\.$"):
        money.currency_code("EURO")


@pytest.mark.parametrize(("typed", "code", "locale", "minor"), [
    ("4,500.50", "EUR", ENGLISH, 450_050),
    ("4500.5", "EUR", ENGLISH, 450_050),
    ("4500", "EUR", ENGLISH, 450_000),
    ("12.", "EUR", ENGLISH, 1_200),
    (".5", "EUR", ENGLISH, 50),
    ("1,234", "EUR", ENGLISH, 123_400),  # a group, not a decimal comma
    ("4.500,50", "EUR", GERMAN, 450_050),
    ("4500,5", "EUR", GERMAN, 450_050),
    ("4.500", "EUR", GERMAN, 450_000),  # a group in German
    ("4500.5", "EUR", GERMAN, 450_050),  # not a group of three: a decimal point after all
    ("4\u202f500,50", "EUR", FRENCH, 450_050),
    ("4 500,50", "EUR", FRENCH, 450_050),
    ("1'234.50", "CHF", ENGLISH, 123_450),
    ("25,000,000", "VND", ENGLISH, 25_000_000),
    ("25000000", "VND", ENGLISH, 25_000_000),
    ("22,000", "JPY", ENGLISH, 22_000),
    ("1.5", "KWD", ENGLISH, 1_500),
    ("٤٬٥٠٠٫٥٠", "EUR", {"decimal_point": "٫", "group": "٬"}, 450_050),  # Arabic digits
])
def test_typed_amounts_become_exact_minor_units(typed, code, locale, minor):
    assert money.parse_amount(typed, code, **locale) == minor


@pytest.mark.parametrize(("typed", "code", "minor"), [
    ("12.345", "EUR", 1_235),  # half up
    ("12.344", "EUR", 1_234),
    ("0.005", "EUR", 1),
    ("1500.5", "JPY", 1_501),
    ("1500.49", "JPY", 1_500),
    ("0.0005", "KWD", 1),
])
def test_more_decimals_than_the_currency_has_round_half_up(typed, code, minor):
    assert money.parse_amount(typed, code) == minor


def test_rounding_half_up_is_written_once_and_goes_away_from_zero():
    assert money.round_half_up(Decimal("2.5"), "JPY") == 3
    assert money.round_half_up(Decimal("-2.5"), "JPY") == -3
    assert money.round_half_up(Decimal("0.125"), "EUR") == 13


def test_large_amounts_are_exact_up_to_the_limit():
    # 0.1 + 0.2 style float errors would show here: a float has 15-16 significant digits.
    assert money.parse_amount("9,999,999,999.99", "EUR") == 999_999_999_999
    assert money.parse_amount("10,000,000,000.00", "EUR") == money.MAX_MINOR
    assert money.parse_amount("1,000,000,000,000", "VND") == money.MAX_MINOR
    assert money.major(999_999_999_999, "EUR") == Decimal("9999999999.99")


@pytest.mark.parametrize("typed", ["10,000,000,000.01", "1" * 40, "99999999999999999999"])
def test_an_amount_over_the_limit_is_refused(typed):
    with pytest.raises(ValidationError, match="Price is too large") as caught:
        money.parse_amount(typed, "EUR")
    assert caught.value.field == "price"


@pytest.mark.parametrize(("typed", "phrase"), [
    ("", "Price is required"),
    ("   ", "Price is required"),
    ("abc", "'abc' is not an amount"),
    ("12 euros", "'12 euros' is not an amount"),
    ("1a2.50", "is not an amount"),
    ("1,,000", "is not an amount"),
    ("1.2.3", "is not an amount"),
    ("1.234,5", "is not an amount"),  # a comma after the decimal point, in English
    (",", "is not an amount"),
    ("12,", "is not an amount"),
    ("²", "is not an amount"),
    ("-5", "Price cannot be negative"),
])
def test_bad_amounts_are_refused_with_a_sentence(typed, phrase):
    with pytest.raises(ValidationError) as caught:
        money.parse_amount(typed, "EUR")
    assert phrase in str(caught.value)
    assert str(caught.value).endswith(".")
    assert caught.value.field == "price"


def test_the_price_limit_is_one_rule_for_typed_and_given_amounts():
    assert money.check_minor("price", "Price", money.MAX_MINOR) == money.MAX_MINOR
    for bad in (money.MAX_MINOR + 1, -1, 1.5, "100", True):
        with pytest.raises(ValidationError):
            money.check_minor("price", "Price", bad)


@pytest.mark.parametrize(("minor", "old", "new", "result"), [
    (2_200_000, "EUR", "JPY", 22_000),
    (2_200_050, "EUR", "JPY", 22_001),  # half up
    (22_000, "JPY", "EUR", 2_200_000),
    (12_345, "EUR", "KWD", 123_450),
    (123_455, "KWD", "EUR", 12_346),
])
def test_a_currency_with_other_decimals_keeps_the_amount(minor, old, new, result):
    assert money.rescale(minor, old, new) == result


@pytest.mark.parametrize(("code", "example"), [
    ("EUR", "e.g. 1234.50 or 1,234.50."), ("JPY", "e.g. 1234 or 1,234."),
    ("KWD", "e.g. 1234.500 or 1,234.500."),
])
def test_the_example_in_a_refusal_has_the_currencys_decimals(code, example):
    with pytest.raises(ValidationError, match=re.escape(example)):
        money.parse_amount("1,,0", code)
