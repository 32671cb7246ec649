"""How much text, and which days, the desk accepts in a field; light (no SQLAlchemy), so the
window can limit its fields to what the services will take instead of letting a save be
refused later."""

from __future__ import annotations

from datetime import date

#: A reason given for cancelling a booking or taking a room out of order, in characters.
REASON_MAX = 500

#: Text typed into a search field, in characters (a name, a phone number, an e-mail address or
#: a booking number is far shorter; a pasted page is refused before it reaches SQLite).
SEARCH_MAX = 200

#: The days the desk accepts (a stay, a list's day, the grid): wide enough for any real
#: booking and history, far enough from date.min/date.max that adding a stay's nights or the
#: grid's three months never overflows.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)

#: The days the window's date fields offer: a year inside that range at either end, so every
#: range the window derives from a typed day (the grid's months, the bookings filter's weeks,
#: the next day of housekeeping) stays within what the desk accepts.
FIRST_TYPED_DAY = date(1901, 1, 1)
LAST_TYPED_DAY = date(2198, 12, 31)
