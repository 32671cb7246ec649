"""Errors a receptionist can read: every failure a user can cause is one of these."""

from __future__ import annotations

from datetime import date

from frontdesk.dates import day_text


class FrontDeskError(Exception):
    """Base class. `str(error)` is a sentence fit to show to reception staff."""


class ValidationError(FrontDeskError):
    """An input value is wrong; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFound(FrontDeskError):
    def __init__(self, what: str, ident: object) -> None:
        super().__init__(
            f"{what} {ident} does not exist (it may have been deleted at another desk).")
        self.what = what
        self.ident = ident


class NotAvailable(FrontDeskError):
    """No room of the type is free on `night` (the first full night of the stay)."""

    def __init__(self, room_name: str, night: date) -> None:
        super().__init__(
            f"No '{room_name}' room is free on the night of {day_text(night)}. "
            "Choose other dates or another room type."
        )
        self.room_name = room_name
        self.night = night


class RoomTaken(FrontDeskError):
    """A physical room already holds a stay (or is out of order) on `night`."""

    def __init__(self, number: str, night: date) -> None:
        super().__init__(
            f"Room {number} is taken on the night of {day_text(night)}. "
            "Choose another room or other dates.")
        self.number = number
        self.night = night


class RoomOccupied(FrontDeskError):
    """A guest is still checked in to a physical room, whatever the nights say."""

    def __init__(self, number: str, guest: str, due: date, today: date) -> None:
        when = self.due_out(due, today)
        super().__init__(
            f"Room {number} is still occupied: {guest} is checked in there ({when}). "
            f"Check {guest} out first, or choose another room.")
        self.number = number
        self.guest = guest
        self.due = due

    @staticmethod
    def due_out(due: date, today: date) -> str:
        """"due out today", "overdue: due out Mon 01 Dec 2026" or "staying until ..."."""
        return ("due out today" if due == today else
                f"overdue: due out {day_text(due)}" if due < today else
                f"staying until {day_text(due)}")


class StatusNotAllowed(FrontDeskError):
    """A status change that the booking's current status does not allow."""


class StillInUse(FrontDeskError):
    """A hotel, room type or guest that current or future bookings still depend on."""


class DatabaseError(FrontDeskError):
    """The database cannot be opened or upgraded; `path` is the file concerned, if any."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class DatabaseTooNew(DatabaseError):
    pass


class DatabaseUnreadable(DatabaseError):
    pass


class MigrationFailed(DatabaseError):
    def __init__(self, message: str, path: str | None = None, backup: str | None = None) -> None:
        super().__init__(message, path)
        self.backup = backup


class DatabaseReadOnly(DatabaseUnreadable):
    """The database file (or its folder) cannot be written: refused at open, before any change."""


class DatabaseBusy(DatabaseError):
    """Another desk (or program) held the write lock longer than frontdesk waits."""


class DiskFull(DatabaseError):
    """The disk holding the database (or a backup) is full."""


class DatabaseDamaged(DatabaseError):
    """The database file is corrupted: nothing more is written to it."""
