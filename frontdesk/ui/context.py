"""What every view shares: the FrontDesk, the task runner, the hotel and the working date."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from frontdesk import dto
from frontdesk.domain.clock import Clock, system_today
from frontdesk.dto import ChangeKind
from frontdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:  # only for type hints: the UI never imports the services at run time
    from frontdesk.services.desk import FrontDesk

# Kinds of data a change can touch (the desk's own, frontdesk.dto.ChangeKind); views refresh
# when a kind they show changes. ROOMS are room types; UNITS physical rooms and their
# housekeeping status; BLOCKS their out-of-order periods.
HOTELS, ROOMS, GUESTS, BOOKINGS = (ChangeKind.HOTELS, ChangeKind.ROOM_TYPES, ChangeKind.GUESTS,
                                   ChangeKind.BOOKINGS)
UNITS, BLOCKS = ChangeKind.UNITS, ChangeKind.BLOCKS


class DeskContext(QObject):
    """The desk (None until the database is open) and the current selection."""

    deskReady = Signal()
    hotelChanged = Signal()
    workingDateChanged = Signal()
    # The real day turned (midnight): what an action allows may have changed.
    todayChanged = Signal()
    hotelsLoaded = Signal()
    # What one committed call changed (a tuple of frontdesk.dto.Change: kind and ids), as the
    # desk reports it; views showing one of those kinds refresh, once.
    dataChanged = Signal(object)
    # A short message for the status bar.
    message = Signal(str)
    # Open the booking dialog with these presets (hotel_id, room_id, unit, date_from, date_to,
    # guest).
    bookingRequested = Signal(dict)
    # The booking dialog saved this booking (the grid selects it).
    booked = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.desk: FrontDesk | None = None
        self.hotels: list[dto.Hotel] = []
        self.hotel_id: int | None = None
        # The real day comes from the desk's clock (FrontDesk.today) once it is open; widgets
        # ask `today()`, never the system date directly.
        self._clock: Clock = system_today
        self._today = self._clock()
        self.working_date: date = self._today
        # Turns the working date at midnight (see turn_day).
        self.day_timer = QTimer(self)
        self.day_timer.setObjectName("dayTimer")
        self.day_timer.setInterval(30_000)
        self.day_timer.timeout.connect(self.turn_day)
        self.day_timer.start()

    def set_desk(self, desk: FrontDesk) -> None:
        self.desk = desk
        self._clock = desk.today
        desk.on_change(self._heard)
        self.turn_day()
        self.deskReady.emit()

    def _heard(self, changes: tuple[dto.Change, ...]) -> None:
        """What a committed call changed (FrontDesk.on_change): the views showing it refresh."""
        self.dataChanged.emit(changes)

    def today(self) -> date:
        """The real day, by the desk's clock."""
        return self._clock()

    def turn_day(self) -> None:
        """After midnight the working date moves on to the new day, unless the user chose
        another date (then it stays where they put it). Run by a timer, and by F5."""
        now = self._clock()
        if now == self._today:
            return
        before, self._today = self._today, now
        if self.working_date == before:
            self.set_working_date(now)
        self.todayChanged.emit()

    @property
    def hotel(self) -> dto.Hotel | None:
        return next((h for h in self.hotels if h.id == self.hotel_id), None)

    def set_hotels(self, hotels: list[dto.Hotel]) -> None:
        self.hotels = list(hotels)
        self.hotelsLoaded.emit()
        if self.hotel_id not in {h.id for h in hotels}:
            self.set_hotel(hotels[0].id if hotels else None)

    def set_hotel(self, hotel_id: int | None) -> None:
        if hotel_id != self.hotel_id:
            self.hotel_id = hotel_id
            self.hotelChanged.emit()

    def set_working_date(self, day: date) -> None:
        if day != self.working_date:
            self.working_date = day
            self.workingDateChanged.emit()

    def request_booking(self, **presets: object) -> None:
        self.bookingRequested.emit(presets)

    def say(self, text: str) -> None:
        self.message.emit(text)
