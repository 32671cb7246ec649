"""Money and dates as the user's locale writes them; conversions between date and QDate."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def money(cents: int) -> str:
    """Cents as the locale writes an amount of its currency (display only: never computed)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return f"{cents // 100}.{cents % 100:02d}" if cents >= 0 else f"-{money(-cents)}"
    return locale.toCurrencyString(cents / 100)


def currency_symbol() -> str:
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return ""
    return locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)


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
