"""Money and dates as the user's locale writes them; conversions between date and QDate."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import date

from PySide6.QtCore import QDate, QLocale

from frontdesk.domain import money as money_rules


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def amount(minor: int, currency: str) -> str:
    """Minor units as the locale writes the number, with the currency's decimals and digit
    groups ("4,500.00", "4 500,00", "٤٬٥٠٠٫٠٠", "25,000,000"): the same in a field as in a
    table. Built from integers, so no amount is ever rounded by a float."""
    locale = QLocale()
    # Always with digit groups (the C locale leaves them out by default).
    locale.setNumberOptions(locale.numberOptions() & ~QLocale.NumberOption.OmitGroupSeparator)
    decimals = money_rules.exponent(currency)
    whole, fraction = divmod(abs(minor), 10**decimals)
    text = locale.toString(whole)
    if decimals:
        zero = locale.zeroDigit()
        digits = f"{fraction:0{decimals}d}"
        if zero != "0" and len(zero) == 1:
            digits = "".join(chr(ord(zero) + int(d)) for d in digits)
        text += locale.decimalPoint() + digits
    return f"{locale.negativeSign()}{text}" if minor < 0 else text


def money(minor: int, currency: str) -> str:
    """Minor units of `currency` as the locale writes an amount of money: "€4,500.00",
    "4 500,00 €", "¥22,000", "ARS 9,500.00" (display only: never computed)."""
    before, after = _pattern(currency, minor < 0)
    return before + amount(abs(minor), currency) + after


def _pattern(currency: str, negative: bool) -> tuple[str, str]:
    """What the locale writes before and after the number of an amount of `currency`."""
    locale = QLocale()
    key = (locale.name(), locale.language().value, currency, negative)
    if key not in _PATTERNS:
        if locale.language() == QLocale.Language.C:  # the C locale has no money format
            locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        symbol = currency_symbol(currency)
        decimals = money_rules.exponent(currency)
        # The locale's pattern (symbol before or after, brackets or a sign for a negative):
        # format 1 with it and take what stands around the 1.
        pattern = locale.toCurrencyString(-1.0 if negative else 1.0, symbol, decimals)
        one = locale.toString(1.0, "f", decimals)
        if one in pattern:
            before, after = pattern.split(one, 1)
        else:
            before, after = f"{'-' if negative else ''}{symbol}\u00a0", ""
        # A symbol of letters ("ARS", "CHF") never touches the digits: "ARS 9,500.00".
        if before[-1:].isalpha():
            before += "\u00a0"
        if after[:1].isalpha():
            after = "\u00a0" + after
        _PATTERNS[key] = (before, after)
    return _PATTERNS[key]


_PATTERNS: dict[tuple[str, int, str, bool], tuple[str, str]] = {}


def locale_currency() -> str:
    """The locale's currency for a new hotel ("USD" for en_US), EUR for the C locale or a
    currency frontdesk does not know."""
    code = QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    return code if code in money_rules.EXPONENTS else money_rules.DEFAULT_CURRENCY


def currency_symbol(currency: str) -> str:
    """How the locale's user reads `currency` (see _symbol for the rule); cached."""
    locale = QLocale()
    key = (locale.name(), locale.language().value, currency)
    if key not in _SYMBOLS:
        _SYMBOLS[key] = _symbol(locale, currency)
    return _SYMBOLS[key]


_SYMBOLS: dict[tuple[str, int, str], str] = {}


def _symbol(locale: QLocale, currency: str) -> str:
    """1. The locale's own currency: its own symbol ("$" for USD in en_US, "$" for ARS in
    es_AR). 2. Else a symbol that Qt's locales write for this currency only ("€", "₫", "US$").
    3. Else the currency's usual symbol if it is the main currency written so among those with
    no symbol of their own ("¥" for JPY, "£" for GBP), unless the locale's own money is written
    so too. 4. Else the ISO code ("ARS" in en_US, where "$" is the dollar). Symbols in 2 and 3
    are Latin letters or currency signs only: a reader of any script can tell them apart."""
    own = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
    if own and locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode) == currency:
        return own
    table = _symbol_table()
    unique = table.unique.get(currency)
    if unique:
        return unique
    usual = table.usual.get(currency)
    if usual and usual != _normal(own) and table.owner.get(usual) == currency:
        return usual
    return currency


class _SymbolTable:
    """Over all of Qt's locales, each currency's symbols and how many locales write each."""

    def __init__(self) -> None:
        counts: dict[str, Counter[str]] = {}
        for loc in QLocale.matchingLocales(QLocale.Language.AnyLanguage,
                                           QLocale.Script.AnyScript, QLocale.Country.AnyCountry):
            code = loc.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
            symbol = _normal(loc.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol))
            if code and symbol and symbol != code:
                counts.setdefault(code, Counter())[symbol] += 1
        writers = Counter(s for c in counts.values() for s in c)
        readable = {code: [s for s, _ in c.most_common() if _readable(s)]
                    for code, c in counts.items()}
        self.unique = {code: next((s for s in r if writers[s] == 1), "")
                       for code, r in readable.items()}
        self.usual = {code: r[0] for code, r in readable.items() if r}
        # Who may use a shared symbol: the currency writing it in most locales, among those
        # with no unique symbol ("¥": JPY, since CNY has "CN¥").
        self.owner: dict[str, str] = {}
        best: dict[str, int] = {}
        for code, c in counts.items():
            if self.unique.get(code):
                continue
            for symbol, n in c.items():
                if n > best.get(symbol, 0):
                    best[symbol], self.owner[symbol] = n, code


_TABLE: list[_SymbolTable] = []


def _symbol_table() -> _SymbolTable:
    if not _TABLE:
        _TABLE.append(_SymbolTable())  # a few milliseconds, once
    return _TABLE[0]


def _normal(symbol: str) -> str:
    """ "￥" (full width, ja_JP) and "¥" are one symbol; direction marks are left out."""
    text = unicodedata.normalize("NFKC", symbol)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()


def _readable(symbol: str) -> bool:
    return all(ch.isascii() or unicodedata.category(ch) == "Sc" for ch in symbol)


# Every date a person reads in the window, date edits included: weekday, day, month name,
# year ("Wed 2 Dec 2026") in the locale's names. Numeric dates read differently from desk to
# desk (2/12 or 12/2); these cannot. The sentences of the services use the same order
# (frontdesk/dates.py).
DAY_FORMAT = "ddd d MMM yyyy"
LONG_DAY_FORMAT = "dddd d MMMM yyyy"


def day(value: date) -> str:
    """A date with its weekday, e.g. 'Wed 2 Dec 2026'."""
    return QLocale().toString(qdate(value), DAY_FORMAT)


def long_day(value: date) -> str:
    """A date in a heading, e.g. 'Wednesday 2 December 2026'."""
    return QLocale().toString(qdate(value), LONG_DAY_FORMAT)


def nights(count: int) -> str:
    return f"{count} night" if count == 1 else f"{count} nights"


def stars(count: int) -> str:
    return "★" * count
