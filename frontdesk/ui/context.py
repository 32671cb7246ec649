"""What every view shares: the FrontDesk, the task runner, the hotel and the working date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from frontdesk import dto
from frontdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:  # only for type hints: the UI never imports the services at run time
    from frontdesk.services.desk import FrontDesk

# Kinds of data a change can touch; views refresh when a kind they show changes.
HOTELS, ROOMS, GUESTS, BOOKINGS = "hotels", "rooms", "guests", "bookings"
# Physical rooms: housekeeping status, out-of-order ranges.
UNITS = "units"


class DeskContext(QObject):
    """The desk (None until the database is open) and the current selection."""

    deskReady = Signal()
    hotelChanged = Signal()
    workingDateChanged = Signal()
    # The real day turned (midnight): what an action allows may have changed.
    todayChanged = Signal()
    hotelsLoaded = Signal()
    # A kind of data changed (after a save); views showing it refresh.
    dataChanged = Signal(str)
    # One booking changed status or dates (lists that show it can update that row in place).
    bookingUpdated = Signal(object)
    # A short message for the status bar.
    message = Signal(str)
    # Open the booking dialog with these presets (hotel_id, room_id, date_from, date_to, guest;
    # `then`: called with the booking once saved).
    bookingRequested = Signal(dict)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.desk: FrontDesk | None = None
        self.hotels: list[dto.Hotel] = []
        self.hotel_id: int | None = None
        # The real day comes from the desk's clock (FrontDesk.today) once it is open; widgets
        # ask `today()`, never the system date directly.
        self._clock: Callable[[], date] = date.today
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
        self.turn_day()
        self.deskReady.emit()

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

    def changed(self, *kinds: str) -> None:
        for kind in kinds:
            self.dataChanged.emit(kind)

    def booking_updated(self, booking: dto.Booking) -> None:
        """Tell the views one booking changed: they update that row, or reload."""
        self.bookingUpdated.emit(booking)
        self.changed(BOOKINGS, HOTELS)

    def request_booking(self, **presets: object) -> None:
        self.bookingRequested.emit(presets)

    def say(self, text: str) -> None:
        self.message.emit(text)
