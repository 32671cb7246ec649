"""How frontdesk's sentences (errors, services, the CLI) write a date: 'Wed 2 Dec 2026'.

Weekday, day of the month, month name and year can only be read one way, whatever the reader's
habit (2/12 or 12/2). The names are English, like the sentences around them, and do not follow
the C library's locale: Qt sets it from the environment, so strftime's %a/%b would mix another
language into an English sentence. The window writes dates in the same order with the user's
locale's names (frontdesk/ui/fmt.py).
"""

from __future__ import annotations

from datetime import date

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date) -> str:
    """'Wed 2 Dec 2026'."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"
