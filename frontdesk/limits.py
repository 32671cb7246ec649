"""How much text the desk accepts in a field; light (no SQLAlchemy), so the window can limit
its fields to what the services will take instead of letting a save be refused later."""

from __future__ import annotations

#: A reason given for cancelling a booking or taking a room out of order, in characters.
REASON_MAX = 500
