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


def day(value: date) -> str:
    """A short date with its weekday, e.g. 'Wed 25/11/2026'."""
    locale = QLocale()
    q = qdate(value)
    weekday = locale.dayName(q.dayOfWeek(), QLocale.FormatType.ShortFormat)
    return f"{weekday} {locale.toString(q, QLocale.FormatType.ShortFormat)}"


def long_day(value: date) -> str:
    return QLocale().toString(qdate(value), QLocale.FormatType.LongFormat)


def nights(count: int) -> str:
    return f"{count} night" if count == 1 else f"{count} nights"


def stars(count: int) -> str:
    return "★" * count
